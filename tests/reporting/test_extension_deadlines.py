"""Extension requests compute the deadline they extend, the date they are due and the longest
extension allowed, from numbers kept on the extension-request obligation (data, not code)."""

import datetime

import pytest

from core.models import AuditEntry
from reporting import clearance, selectors, services
from reporting.enums import ExtensionStatus
from reporting.models import ExtensionRequest, Obligation

D = datetime.date
URL = "/api/v1/reporting/extension-requests/"
PAGE = "/reporting/extensions/"


@pytest.mark.parametrize(("day", "months", "expected"), [
    (D(1999, 3, 1), 120, D(2009, 3, 1)),
    (D(2009, 3, 1), -9, D(2008, 6, 1)),
    (D(2021, 5, 31), -9, D(2020, 8, 31)),
    (D(2020, 11, 30), -9, D(2020, 2, 29)),  # no 30 February: the month's last day
    (D(2012, 2, 29), 12, D(2013, 2, 28)),
])
def test_shift_months(day, months, expected):
    assert clearance.shift_months(day, months) == expected


def test_the_numbers_are_data_on_the_obligations(obligations):
    rows = dict((code, rest) for code, *rest in Obligation.objects.filter(
        kind="extension_request").values_list(
        "code", "article", "clearance_deadline_years", "extension_max_years",
        "request_due_months_before"))
    assert rows == {"apmbc-art5-extension": ["Article 5(3)–(6)", 10, 10, 9],
                    "ccm-art4-extension": ["Article 4(5)–(8)", 10, 5, 9]}


def test_first_request_extends_the_original_deadline_of_a_real_state(bih_member, lbn_member,
                                                                     conventions):
    # APMBC in force for Bosnia and Herzegovina from 1 March 1999: deadline 1 March 2009.
    terms = selectors.extension_terms(bih_member, conventions["APMBC"])
    assert (terms.current_deadline, terms.submission_due_on,
            terms.latest_requested_deadline, terms.extends) == (
        D(2009, 3, 1), D(2008, 6, 1), D(2019, 3, 1), None)
    # CCM in force for Lebanon from 1 May 2011: deadline 1 May 2021, at most 5 more years.
    terms = selectors.extension_terms(lbn_member, conventions["CCM"])
    assert (terms.current_deadline, terms.submission_due_on,
            terms.latest_requested_deadline) == (D(2021, 5, 1), D(2020, 8, 1), D(2026, 5, 1))
    # Not party: nothing to extend. No extensions under the CCW at all.
    assert selectors.extension_terms(lbn_member, conventions["APMBC"]) is None
    assert selectors.extension_terms(bih_member, conventions["CCW"]) is None


def test_a_ten_year_apmbc_request_is_accepted_and_a_later_one_extends_it(
        api_as, focal_a, apmbc_staff, bih_member, conventions):
    response = api_as(focal_a).post(URL, {"state": "BIH", "convention": "APMBC",
                                          "requested_deadline": "2019-03-01"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["current_deadline"], body["requested_deadline"], body["submission_due_on"]) \
        == ("2009-03-01", "2019-03-01", "2008-06-01")
    first = ExtensionRequest.objects.get(pk=body["id"])
    services.extension_request_submit(actor=focal_a, extension=first)
    services.extension_request_review(actor=apmbc_staff, extension=first,
                                      status=ExtensionStatus.GRANTED,
                                      decision_meeting_on=D(2026, 12, 1))
    second = services.extension_request_create(actor=focal_a, state=bih_member,
                                               convention=conventions["APMBC"],
                                               requested_deadline=D(2021, 3, 1))
    assert (second.current_deadline, second.submission_due_on) == (D(2019, 3, 1),
                                                                   D(2018, 6, 1))
    entry = AuditEntry.objects.get(action="extension_request.created",
                                   object_id=str(second.pk))
    assert entry.changes["current_deadline"] == "2019-03-01"


def test_a_ccm_request_beyond_five_years_is_refused_by_the_api(api_as, focal_b, lbn_member):
    response = api_as(focal_b).post(URL, {"state": "LBN", "convention": "CCM",
                                          "requested_deadline": "2026-05-02"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["requested_deadline"], response.json()
    assert "at most 5 years" in str(response.json())
    assert ExtensionRequest.objects.count() == 0
    assert not AuditEntry.objects.filter(action="extension_request.created").exists()
    ok = api_as(focal_b).post(URL, {"state": "LBN", "convention": "CCM",
                                    "requested_deadline": "2026-05-01"}, format="json")
    assert ok.status_code == 201 and ok.json()["current_deadline"] == "2021-05-01"


def test_a_ccm_request_beyond_five_years_is_refused_by_the_page(client, focal_b, lbn_member):
    client.force_login(focal_b)
    page = client.get(PAGE).content.decode()
    assert 'id="extension-terms"' in page
    assert "2021-05-01" in page and "2020-08-01" in page and "2026-05-01" in page
    assert 'name="current_deadline"' not in page  # computed, not typed
    response = client.post(PAGE, {"state": "LBN", "convention": "CCM",
                                  "requested_deadline": "2031-05-01"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "allows at most 5 years per request: ask for 2026-05-01 at the latest." in content
    assert ExtensionRequest.objects.count() == 0


def test_the_length_follows_the_data(api_as, focal_b, lbn_member):
    Obligation.objects.filter(code="ccm-art4-extension").update(extension_max_years=6,
                                                                request_due_months_before=12)
    response = api_as(focal_b).post(URL, {"state": "LBN", "convention": "CCM",
                                          "requested_deadline": "2027-05-01"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["submission_due_on"] == "2020-05-01"


def test_admin_cannot_type_the_computed_dates(client, admin_user, bih_member, focal_a,
                                              conventions):
    extension = services.extension_request_create(actor=focal_a, state=bih_member,
                                                  convention=conventions["APMBC"],
                                                  requested_deadline=D(2019, 3, 1))
    client.force_login(admin_user)
    assert client.get("/admin/reporting/extensionrequest/add/").status_code == 403
    page = client.get(f"/admin/reporting/extensionrequest/{extension.pk}/change/")
    content = page.content.decode()
    assert page.status_code == 200
    assert 'name="current_deadline"' not in content
    assert 'name="requested_deadline"' not in content
    assert 'name="notes"' in content


def test_demo_extensions_chain_from_the_computed_original_deadline(bih_member, lbn_member,
                                                                   conventions):
    from reporting import demo

    assert demo._load_extensions(lambda *a: None) == 4
    assert demo._load_extensions(lambda *a: None) == 4  # idempotent
    rows = list(ExtensionRequest.objects.order_by("state__iso3", "current_deadline")
                .values_list("state__iso3", "current_deadline", "requested_deadline",
                             "submission_due_on"))
    assert rows == [
        ("BIH", D(2009, 3, 1), D(2019, 3, 1), D(2008, 6, 1)),
        ("BIH", D(2019, 3, 1), D(2021, 3, 1), D(2018, 6, 1)),
        ("BIH", D(2021, 3, 1), D(2027, 3, 1), D(2020, 6, 1)),
        ("LBN", D(2021, 5, 1), D(2026, 5, 1), D(2020, 8, 1)),
    ]
    # The next request would extend the last deadline granted.
    assert selectors.extension_terms(bih_member, conventions["APMBC"]).current_deadline == \
        D(2027, 3, 1)
