import datetime

import pytest

from reporting import services
from reporting.enums import ReportStatus
from reporting.models import Report, SectionEntry
from tests.factories import StateFactory, make_user
from tests.factories.reporting import join

D = datetime.date


def start(user, state, obligation, year=2025):
    return services.report_start(actor=user, state=state, obligation=obligation,
                                 cycle_year=year)


def test_obligations_are_public_with_their_forms(api_as, obligations, conventions):
    response = api_as(None).get("/api/v1/reporting/obligations/?convention=CCW")
    assert response.status_code == 200
    assert sorted(o["code"] for o in response.json()["results"]) == [
        "ccw-apii-art13", "ccw-compliance", "ccw-p5-art10"]
    detail = api_as(None).get("/api/v1/reporting/obligations/ccm-art7-annual/").json()
    assert [f["code"] for f in detail["forms"]] == list("ABCDEFGHIJ")
    h = next(f for f in detail["forms"] if f["code"] == "H")
    assert {"key": "victim_assistance", "theme": "victim-assistance"}.items() <= \
        next(x for x in h["fields"] if x["theme"]).items()


@pytest.mark.parametrize(("query", "size", "queries"), [
    ("?convention=CCM&kind=initial", 1, 3),  # the convention filter's lookup, count, page
    ("?convention=CCW", 3, 3), ("", 9, 2)])
def test_obligation_list_query_count(api_as, obligations, query, size, queries,
                                     django_assert_num_queries):
    with django_assert_num_queries(queries):
        response = api_as(None).get("/api/v1/reporting/obligations/" + query)
    assert response.json()["count"] == size


def test_integration_creates_fills_and_submits_a_report(api_as, bih_member, focal_a,
                                                        delegate_a):
    client = api_as(focal_a)
    created = client.post("/api/v1/reporting/reports/", {
        "state": "BIH", "obligation": "ccw-p5-art10", "cycle_year": 2025}, format="json")
    assert created.status_code == 201, created.json()
    report_id = created.json()["id"]
    saved = client.post(f"/api/v1/reporting/reports/{report_id}/sections/", {
        "form": "A", "version": 0, "data": {"area_cleared_m2": 1200, "clearance": "BHMAC"},
        "agency": "BHMAC"}, format="json")
    assert saved.status_code == 200, saved.json()
    assert saved.json()["version"] == 1
    stale = api_as(delegate_a).post(f"/api/v1/reporting/reports/{report_id}/sections/", {
        "form": "A", "version": 0, "data": {"clearance": "Other text"}}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current"]["data"]["clearance"] == "BHMAC"
    assert SectionEntry.objects.get(report_id=report_id, form__code="A").data["clearance"] \
        == "BHMAC"
    bad = client.post(f"/api/v1/reporting/reports/{report_id}/sections/", {
        "form": "A", "version": 1, "data": {"area_cleared_m2": "lots"}}, format="json")
    assert bad.status_code == 400
    assert bad.json()["fields"] == {"area_cleared_m2": ["Enter a whole number."]}
    submitted = client.post(f"/api/v1/reporting/reports/{report_id}/submit/", {},
                            format="json")
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "submitted"


def test_create_refuses_what_is_not_owed(api_as, bih_member, focal_a):
    response = api_as(focal_a).post("/api/v1/reporting/reports/", {
        "state": "BIH", "obligation": "ccm-art7-initial", "cycle_year": 2025}, format="json")
    assert response.status_code == 400
    assert "obligation" in response.json()["fields"]
    assert not Report.objects.exists()


def test_delegate_cannot_read_or_submit_another_states_report(
        api_as, bih_member, lbn_member, focal_a, focal_b, obligations):
    theirs = start(focal_b, lbn_member, obligations["ccm-art7-annual"])
    client = api_as(focal_a)
    assert client.get(f"/api/v1/reporting/reports/{theirs.pk}/").status_code == 404
    assert theirs.pk not in [r["id"] for r in client.get("/api/v1/reporting/reports/")
                             .json()["results"]]
    assert client.post(f"/api/v1/reporting/reports/{theirs.pk}/submit/").status_code == 404
    assert client.post(f"/api/v1/reporting/reports/{theirs.pk}/sections/", {
        "form": "A", "version": 0, "data": {"legislation_title": "x"}},
        format="json").status_code == 404
    created = client.post("/api/v1/reporting/reports/", {
        "state": "LBN", "obligation": "ccm-art7-annual", "cycle_year": 2024}, format="json")
    assert created.status_code == 403
    theirs.refresh_from_db()
    assert theirs.status == ReportStatus.DRAFT
    assert SectionEntry.objects.get(report=theirs, form__code="A").data == {}
    assert not Report.objects.filter(state=lbn_member, cycle_year=2024).exists()


def test_a_delegate_fills_but_only_the_focal_point_submits(api_as, bih_member, delegate_a,
                                                           obligations):
    report = start(delegate_a, bih_member, obligations["ccm-art7-annual"])
    response = api_as(delegate_a).post(f"/api/v1/reporting/reports/{report.pk}/submit/")
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and not report.versions.exists()


def test_a_draft_is_never_public_and_isu_sees_drafts_only_when_shared(
        api_as, bih_member, focal_a, ccm_staff, apmbc_staff, obligations):
    draft = start(focal_a, bih_member, obligations["ccm-art7-annual"])
    for user in (None, ccm_staff, apmbc_staff, make_user()):
        assert api_as(user).get(f"/api/v1/reporting/reports/{draft.pk}/").status_code == 404
    services.report_share(actor=focal_a, report=draft, shared=True)
    assert api_as(ccm_staff).get(f"/api/v1/reporting/reports/{draft.pk}/").status_code == 200
    assert api_as(apmbc_staff).get(f"/api/v1/reporting/reports/{draft.pk}/").status_code == 404
    assert api_as(None).get(f"/api/v1/reporting/reports/{draft.pk}/").status_code == 404
    # ISU staff cannot publish a draft or edit it.
    assert api_as(ccm_staff).post(f"/api/v1/reporting/reports/{draft.pk}/publish/") \
        .status_code == 400
    assert api_as(ccm_staff).post(f"/api/v1/reporting/reports/{draft.pk}/sections/", {
        "form": "A", "version": 0, "data": {"legislation_title": "x"}},
        format="json").status_code == 403
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT


def test_submitted_report_seen_by_its_isu_then_public_once_published(
        api_as, bih_member, focal_a, ccm_staff, apmbc_staff, obligations):
    report = start(focal_a, bih_member, obligations["ccm-art7-annual"])
    services.section_save(actor=focal_a, entry=report.entries.get(form__code="A"),
                          expected_version=0, answers={"legislation_title": "Law of 2010"},
                          disclosure="withheld")
    services.report_submit(actor=focal_a, report=report)
    assert api_as(ccm_staff).get(f"/api/v1/reporting/reports/{report.pk}/").status_code == 200
    assert api_as(apmbc_staff).get(f"/api/v1/reporting/reports/{report.pk}/").status_code == 404
    assert api_as(None).get(f"/api/v1/reporting/reports/{report.pk}/").status_code == 404
    assert api_as(apmbc_staff).post(f"/api/v1/reporting/reports/{report.pk}/publish/") \
        .status_code == 404
    assert api_as(ccm_staff).post(f"/api/v1/reporting/reports/{report.pk}/publish/") \
        .status_code == 200
    public = api_as(None).get(f"/api/v1/reporting/reports/{report.pk}/").json()
    assert public["status"] == "published"
    assert "A" not in [s["form"] for s in public["sections"]]  # withheld form
    isu = api_as(ccm_staff).get(f"/api/v1/reporting/reports/{report.pk}/").json()
    assert "A" in [s["form"] for s in isu["sections"]]


@pytest.mark.parametrize("size", [1, 3])
def test_report_list_query_count(api_as, conventions, obligations, size,
                                 django_assert_num_queries):
    admin = make_user("administrator")
    for _ in range(size):
        state = StateFactory()
        join(state, conventions["CCM"], D(2011, 8, 1))
        start(admin, state, obligations["ccm-art7-annual"])
    client = api_as(admin)
    with django_assert_num_queries(2):  # count and page (the roles are cached on the user)
        response = client.get("/api/v1/reporting/reports/")
    assert response.json()["count"] == size


def test_state_calendar_api(api_as, bih_member, focal_a, obligations):
    start(focal_a, bih_member, obligations["ccm-art7-annual"])
    data = api_as(focal_a).get("/api/v1/reporting/states/bih/obligations/?year=2040").json()
    assert (data["proposed_internal_deadline"], data["proposed_cycle_year"]) == (
        "2040-03-01", 2040)  # not yet past
    data = api_as(focal_a).get("/api/v1/reporting/states/bih/obligations/?year=2025").json()
    assert [(o["obligation"], o["due_on"], o["report_status"]) for o in data["obligations"]] \
        == [("ccw-apii-art13", "2025-03-31", None), ("ccw-p5-art10", "2025-03-31", None),
            ("ccw-compliance", "2025-03-31", None), ("ccm-art7-annual", "2025-04-30", "draft"),
            ("apmbc-art7-annual", "2025-04-30", None)]
    # Another person sees the calendar (public membership facts) but not the draft.
    other = api_as(None).get("/api/v1/reporting/states/BIH/obligations/?year=2025").json()
    assert [o["report_status"] for o in other["obligations"]] == [None] * 5
    assert api_as(None).get("/api/v1/reporting/states/XXX/obligations/").status_code == 404
    assert api_as(None).get("/api/v1/reporting/states/BIH/obligations/?year=abc") \
        .status_code == 400


def test_restricted_report_is_for_the_parties_only(api_as, bih_member, lbn_member, focal_a,
                                                   focal_b, ccm_staff, obligations, conventions):
    report = start(focal_a, bih_member, obligations["apmbc-art7-annual"])
    entries = {e.form.code: e for e in report.entries.select_related("form", "report")}
    services.section_save(actor=focal_a, entry=entries["A"], expected_version=0,
                          answers={}, disclosure="states_parties")
    services.section_save(actor=focal_a, entry=entries["B"], expected_version=0,
                          answers={}, disclosure="withheld")
    services.report_submit(actor=focal_a, report=report, publication_wish="restricted")
    apmbc_staff = make_user("isu_staff", convention=conventions["APMBC"])
    services.report_publish(actor=apmbc_staff, report=report)
    url = f"/api/v1/reporting/reports/{report.pk}/"
    assert api_as(None).get(url).status_code == 404
    # Lebanon is not party to the APMBC here; once it is, its focal point reads the report,
    # without the withheld form.
    assert api_as(focal_b).get(url).status_code == 404
    join(lbn_member, conventions["APMBC"], D(2024, 1, 1))
    from accounts.access import forget_scope
    forget_scope(focal_b)
    data = api_as(focal_b).get(url).json()
    forms = [s["form"] for s in data["sections"]]
    assert "A" in forms and "B" not in forms
    assert report.pk in [r["id"] for r in api_as(focal_b).get("/api/v1/reporting/reports/")
                         .json()["results"]]
