"""Extension requests in preparation are the State's own, as draft reports are: the ISU of the
convention reads them once submitted, another State never. One rule serves the object check
and the lists of the page and the API."""

import datetime

import pytest

from accounts.enums import Role
from reporting import rules, selectors
from reporting.enums import ExtensionStatus
from reporting.models import ExtensionRequest
from tests.factories import make_user
from tests.factories.reporting import make_extension

URL = "/api/v1/reporting/extension-requests/"
PAGE = "/reporting/extensions/"


@pytest.fixture
def draft(state_a, conventions):
    return make_extension(state_a, conventions["APMBC"])


def test_isu_staff_do_not_see_a_request_in_preparation(api_as, client, draft, apmbc_staff):
    api = api_as(apmbc_staff)
    assert api.get(f"{URL}{draft.pk}/").status_code == 404
    assert api.get(URL).json()["count"] == 0
    assert api.post(f"{URL}{draft.pk}/review/", {"status": "under_analysis"},
                    format="json").status_code == 404
    client.force_login(apmbc_staff)
    assert client.get(f"{PAGE}{draft.pk}/").status_code == 404
    listing = client.get(PAGE)
    assert listing.status_code == 200
    assert f'href="{PAGE}{draft.pk}/"' not in listing.content.decode()
    draft.refresh_from_db()
    assert draft.status == ExtensionStatus.IN_PREPARATION
    assert draft.analysis_due_on is None


def test_isu_staff_see_it_once_submitted(api_as, client, draft, focal_a, apmbc_staff):
    assert api_as(focal_a).post(f"{URL}{draft.pk}/submit/").status_code == 200
    api = api_as(apmbc_staff)
    detail = api.get(f"{URL}{draft.pk}/")
    assert detail.status_code == 200 and detail.json()["status"] == "submitted"
    assert [r["id"] for r in api.get(URL).json()["results"]] == [draft.pk]
    client.force_login(apmbc_staff)
    assert client.get(f"{PAGE}{draft.pk}/").status_code == 200
    assert f'href="{PAGE}{draft.pk}/"' in client.get(PAGE).content.decode()


def test_the_state_sees_its_own_draft(api_as, client, draft, focal_a, delegate_a):
    for user in (focal_a, delegate_a):
        assert api_as(user).get(f"{URL}{draft.pk}/").status_code == 200
        assert api_as(user).get(URL).json()["count"] == 1
    client.force_login(delegate_a)
    assert client.get(f"{PAGE}{draft.pk}/").status_code == 200
    assert f'href="{PAGE}{draft.pk}/"' in client.get(PAGE).content.decode()


@pytest.mark.parametrize("status", ExtensionStatus.values)
def test_another_state_never_sees_it(api_as, client, state_a, focal_b, conventions, status):
    extension = make_extension(state_a, conventions["APMBC"], status=status)
    assert api_as(focal_b).get(f"{URL}{extension.pk}/").status_code == 404
    assert api_as(focal_b).get(URL).json()["count"] == 0
    client.force_login(focal_b)
    assert client.get(f"{PAGE}{extension.pk}/").status_code == 404
    assert f'href="{PAGE}{extension.pk}/"' not in client.get(PAGE).content.decode()


def test_object_check_and_list_agree_for_every_role_and_status(conventions, state_a, state_b,
                                                               focal_a, focal_b, delegate_a,
                                                               apmbc_staff, ccm_staff):
    admin = make_user(Role.ADMINISTRATOR, username="adm")
    host = make_user(Role.HOST_STAFF, username="host")
    nobody = make_user(None, username="nobody")
    day = datetime.date(2027, 3, 1)
    for index, status in enumerate(ExtensionStatus.values):
        for state in (state_a, state_b):
            for code in ("APMBC", "CCM"):
                make_extension(state, conventions[code], status=status,
                               current=day.replace(year=2027 + index))
    everything = list(ExtensionRequest.objects.all())
    for user in (admin, host, nobody, focal_a, focal_b, delegate_a, apmbc_staff, ccm_staff):
        listed = set(selectors.extension_requests_for_user(user).values_list("pk", flat=True))
        checked = {e.pk for e in everything if rules.can_view_extension(user, e)}
        assert listed == checked, user.username
    staff_sees = set(selectors.extension_requests_for_user(apmbc_staff).values_list(
        "convention__code", "status"))
    assert staff_sees == {("APMBC", s) for s in ExtensionStatus.values
                          if s != ExtensionStatus.IN_PREPARATION}
