"""Extension requests (APMBC Article 5, CCM Article 4): services, API and pages, tried from the
wrong side (another State's focal point, another convention's ISU, a delegate)."""

import datetime

import pytest

from accounts.enums import Role
from core.models import AuditEntry
from reporting import services
from reporting.enums import ExtensionStatus
from reporting.models import ExtensionRequest
from tests.factories import StateFactory, make_user
from tests.factories.reporting import make_extension

D = datetime.date
URL = "/api/v1/reporting/extension-requests/"


def create(user, state, convention, requested=None):
    return services.extension_request_create(actor=user, state=state, convention=convention,
                                             requested_deadline=requested or D(2019, 3, 1))


@pytest.fixture
def bih_request(focal_a, bih_member, conventions):
    """Bosnia and Herzegovina's first APMBC request: its original deadline was 1 March 2009."""
    return create(focal_a, bih_member, conventions["APMBC"])


def test_focal_point_creates_and_submits_with_audit(bih_request, focal_a):
    assert bih_request.article == "Article 5(3)–(6)"  # the obligation's article (data)
    assert bih_request.status == ExtensionStatus.IN_PREPARATION
    submitted = services.extension_request_submit(actor=focal_a, extension=bih_request)
    assert submitted.status == ExtensionStatus.SUBMITTED
    assert submitted.submitted_on is not None
    actions = list(AuditEntry.objects.filter(object_id=str(bih_request.pk)).values_list(
        "action", flat=True).order_by("pk"))
    assert actions == ["extension_request.created", "extension_request.submitted"]


def test_isu_of_the_convention_records_review_and_decision(bih_request, focal_a, apmbc_staff):
    services.extension_request_submit(actor=focal_a, extension=bih_request)
    services.extension_request_review(actor=apmbc_staff, extension=bih_request,
                                      status=ExtensionStatus.UNDER_ANALYSIS,
                                      analysis_due_on=D(2030, 1, 15))
    done = services.extension_request_review(actor=apmbc_staff, extension=bih_request,
                                             status=ExtensionStatus.GRANTED,
                                             decision_meeting_on=D(2030, 11, 20))
    assert (done.status, done.analysis_due_on, done.decision_meeting_on) == (
        ExtensionStatus.GRANTED, D(2030, 1, 15), D(2030, 11, 20))
    assert AuditEntry.objects.filter(action="extension_request.reviewed").count() == 2


def test_decision_needs_a_meeting_date(bih_request, focal_a, apmbc_staff):
    from django.core.exceptions import ValidationError

    services.extension_request_submit(actor=focal_a, extension=bih_request)
    with pytest.raises(ValidationError):
        services.extension_request_review(actor=apmbc_staff, extension=bih_request,
                                          status=ExtensionStatus.GRANTED)
    bih_request.refresh_from_db()
    assert bih_request.status == ExtensionStatus.SUBMITTED


def test_wrong_people_are_refused(bih_request, focal_a, focal_b, delegate_a, ccm_staff,
                                  state_a, conventions):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        create(focal_b, state_a, conventions["CCM"])
    with pytest.raises(PermissionDenied):
        create(delegate_a, state_a, conventions["CCM"])
    with pytest.raises(PermissionDenied):
        services.extension_request_submit(actor=delegate_a, extension=bih_request)
    with pytest.raises(PermissionDenied):
        services.extension_request_submit(actor=focal_b, extension=bih_request)
    services.extension_request_submit(actor=focal_a, extension=bih_request)
    with pytest.raises(PermissionDenied):  # the CCM's ISU does not decide APMBC requests
        services.extension_request_review(actor=ccm_staff, extension=bih_request,
                                          status=ExtensionStatus.UNDER_ANALYSIS)
    with pytest.raises(PermissionDenied):  # nor does the State itself
        services.extension_request_review(actor=focal_a, extension=bih_request,
                                          status=ExtensionStatus.GRANTED,
                                          decision_meeting_on=D(2030, 11, 20))
    bih_request.refresh_from_db()
    assert bih_request.status == ExtensionStatus.SUBMITTED
    assert ExtensionRequest.objects.count() == 1


# --- API -----------------------------------------------------------------------------------------

def test_api_create_submit_review(api_as, focal_a, apmbc_staff, bih_member, conventions):
    response = api_as(focal_a).post(URL, {"state": "BIH", "convention": "CCM",
                                          "requested_deadline": "2026-03-01"}, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["article"] == "Article 4(5)–(8)"
    assert (response.json()["current_deadline"], response.json()["submission_due_on"]) == (
        "2021-03-01", "2020-06-01")  # CCM in force for BIH from 1 March 2011
    assert api_as(focal_a).post(f"{URL}{pk}/submit/").json()["status"] == "submitted"
    # The APMBC's ISU does not even see a CCM request.
    assert api_as(apmbc_staff).post(f"{URL}{pk}/review/", {"status": "granted"},
                                    format="json").status_code == 404
    ccm = make_user(Role.ISU_STAFF, convention=conventions["CCM"], username="ccm2")
    bad = api_as(ccm).post(f"{URL}{pk}/review/", {"status": "granted"}, format="json")
    assert bad.status_code == 400 and "decision_meeting_on" in str(bad.json())
    ok = api_as(ccm).post(f"{URL}{pk}/review/", {"status": "granted",
                                                 "decision_meeting_on": "2031-09-10"},
                          format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "granted"


@pytest.mark.parametrize("body", [
    {"state": "BIH", "convention": "CCW",
     "requested_deadline": "2031-08-01"},  # no clearance deadline under the CCW
    {"state": "BIH", "convention": "APMBC",
     "requested_deadline": "2008-08-01"},  # not an extension of 1 March 2009
    {"state": "BIH", "convention": "APMBC", "requested_deadline": "soon"},
    {"state": "XXX", "convention": "APMBC", "requested_deadline": "2011-08-01"},
])
def test_api_bad_input_is_400_and_saves_nothing(api_as, focal_a, bih_member, conventions,
                                                body):
    response = api_as(focal_a).post(URL, body, format="json")
    assert response.status_code == 400
    assert ExtensionRequest.objects.count() == 0


def test_api_duplicate_is_400(api_as, bih_request, focal_a):
    response = api_as(focal_a).post(URL, {"state": "BIH", "convention": "APMBC",
                                          "requested_deadline": "2012-03-01"}, format="json")
    assert response.status_code == 400
    assert ExtensionRequest.objects.count() == 1


def test_api_another_state_cannot_create_read_or_submit(api_as, bih_request, focal_b,
                                                        state_a):
    response = api_as(focal_b).post(URL, {"state": "BIH", "convention": "CCM",
                                          "requested_deadline": "2026-03-01"}, format="json")
    assert response.status_code == 403
    assert api_as(focal_b).get(URL).json()["count"] == 0
    assert api_as(focal_b).get(f"{URL}{bih_request.pk}/").status_code == 404
    assert api_as(focal_b).post(f"{URL}{bih_request.pk}/submit/").status_code == 404
    assert api_as(None).get(URL).status_code in (401, 403)
    bih_request.refresh_from_db()
    assert bih_request.status == ExtensionStatus.IN_PREPARATION
    assert ExtensionRequest.objects.count() == 1


def test_api_delegate_reads_but_cannot_submit(api_as, bih_request, delegate_a):
    assert api_as(delegate_a).get(f"{URL}{bih_request.pk}/").status_code == 200
    assert api_as(delegate_a).post(f"{URL}{bih_request.pk}/submit/").status_code == 403
    bih_request.refresh_from_db()
    assert bih_request.status == ExtensionStatus.IN_PREPARATION


def test_api_filters(api_as, apmbc_staff, focal_a, conventions):
    states = [StateFactory() for i in range(3)]
    for state in states:  # submitted: the ISU does not read requests in preparation
        make_extension(state, conventions["APMBC"], status=ExtensionStatus.SUBMITTED,
                       current=D(2027, 1, 1))
    make_extension(states[0], conventions["CCM"], status=ExtensionStatus.SUBMITTED,
                   article="Article 4", current=D(2027, 1, 1))
    assert api_as(apmbc_staff).get(URL).json()["count"] == 3
    assert api_as(apmbc_staff).get(URL + f"?state={states[1].iso3.lower()}").json()["count"] == 1
    assert api_as(apmbc_staff).get(URL + "?convention=CCM").json()["count"] == 0
    assert api_as(apmbc_staff).get(URL + "?status=granted").json()["count"] == 0
    assert api_as(apmbc_staff).get(URL + "?status=nonsense").status_code == 400


@pytest.mark.parametrize("size", [2, 30])
def test_api_list_query_count(api_as, conventions, size, django_assert_num_queries):
    admin = make_user(Role.ADMINISTRATOR, username="adm")
    for _i in range(size):
        ExtensionRequest.objects.create(
            state=StateFactory(), convention=conventions["APMBC"],
            article="Article 5", current_deadline=D(2027, 1, 1),
            requested_deadline=D(2030, 1, 1))
    client = api_as(admin)
    client.get(URL)  # warm the user's access scope
    with django_assert_num_queries(2):  # count, page (state and convention joined)
        response = client.get(URL)
    assert response.json()["count"] == size


# --- Pages ---------------------------------------------------------------------------------------

def test_pages_focal_point_opens_and_submits(client, focal_a, bih_member, conventions):
    client.force_login(focal_a)
    bad = client.post("/reporting/extensions/", {
        "state": "BIH", "convention": "APMBC", "requested_deadline": "2008-03-01"})
    assert bad.status_code == 400
    assert "must be later" in bad.content.decode()
    assert ExtensionRequest.objects.count() == 0
    ok = client.post("/reporting/extensions/", {
        "state": "BIH", "convention": "APMBC", "requested_deadline": "2019-03-01"})
    extension = ExtensionRequest.objects.get()
    assert ok.status_code == 302 and ok.url == f"/reporting/extensions/{extension.pk}/"
    page = client.get(ok.url).content.decode()
    assert 'id="submit-extension"' in page and 'id="review-form"' not in page
    client.post(ok.url, {"action": "submit"})
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.SUBMITTED


def test_pages_another_state_and_another_isu_are_refused(client, bih_request, focal_a,
                                                         focal_b, ccm_staff, apmbc_staff):
    url = f"/reporting/extensions/{bih_request.pk}/"
    client.force_login(focal_b)
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "submit"}).status_code == 404
    assert "BIH" not in client.get("/reporting/extensions/").content.decode()
    # focal_b cannot open a request for Bosnia and Herzegovina either
    response = client.post("/reporting/extensions/", {
        "state": "BIH", "convention": "CCM", "requested_deadline": "2026-03-01"})
    assert response.status_code == 400
    assert ExtensionRequest.objects.count() == 1
    services.extension_request_submit(actor=focal_a, extension=bih_request)
    client.force_login(ccm_staff)
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "review", "status": "granted",
                             "decision_meeting_on": "2030-11-20"}).status_code == 404
    client.force_login(focal_a)  # the State sees its request but does not review it
    assert 'id="review-form"' not in client.get(url).content.decode()
    assert client.post(url, {"action": "review", "status": "granted",
                             "decision_meeting_on": "2030-11-20"}).status_code == 403
    bih_request.refresh_from_db()
    assert bih_request.status == ExtensionStatus.SUBMITTED
    client.force_login(apmbc_staff)
    bad = client.post(url, {"action": "review", "status": "granted"})
    assert bad.status_code == 400 and "meeting that decided" in bad.content.decode()
    bad = client.post(url, {"action": "review", "analysis_due_on": "not a date"})
    assert bad.status_code == 400
    bih_request.refresh_from_db()
    assert bih_request.status == ExtensionStatus.SUBMITTED
    assert client.post(url, {"action": "review", "status": "granted",
                             "decision_meeting_on": "2030-11-20"}).status_code == 302
    bih_request.refresh_from_db()
    assert bih_request.status == ExtensionStatus.GRANTED


# 6: session, user, roles, count, the convention filter's choices, the page of rows
@pytest.mark.parametrize(("size", "queries"), [(2, 6), (30, 6)])
def test_list_page_query_count(client, conventions, apmbc_staff, size, queries,
                               django_assert_num_queries):
    for _i in range(size):
        make_extension(StateFactory(), conventions["APMBC"], status=ExtensionStatus.SUBMITTED,
                       current=D(2027, 1, 1))
    client.force_login(apmbc_staff)
    client.get("/reporting/extensions/")
    with django_assert_num_queries(queries):
        response = client.get("/reporting/extensions/")
    assert response.status_code == 200


def test_page_submitting_twice_is_a_clear_400(client, bih_request, focal_a):
    client.force_login(focal_a)
    url = f"/reporting/extensions/{bih_request.pk}/"
    assert client.post(url, {"action": "submit"}).status_code == 302
    again = client.post(url, {"action": "submit"})
    assert again.status_code == 400
    assert "Only a request in preparation can be submitted." in again.content.decode()
    assert AuditEntry.objects.filter(action="extension_request.submitted").count() == 1
