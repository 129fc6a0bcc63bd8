import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from reporting import services
from reporting.enums import ReportStatus
from reporting.models import Report, SectionEntry
from tests.factories import StateFactory, make_user
from tests.factories.reporting import join

D = datetime.date


def start(user, state, obligation, year=2025):
    return services.report_start(actor=user, state=state, obligation=obligation,
                                 cycle_year=year)


def test_home_shows_the_calendar_drafts_and_shared_answers(client, bih_member, focal_a,
                                                           obligations):
    report = start(focal_a, bih_member, obligations["ccm-art7-annual"])
    services.section_save(actor=focal_a, entry=report.entries.get(form__code="H"),
                          expected_version=0, answers={"victim_assistance": "VA plan"})
    client.force_login(focal_a)
    page = client.get("/reporting/?year=2025").content.decode()
    assert "2025-03-31" in page and "2025-04-30" in page
    assert "<strong>2040-03-01</strong>" in client.get("/reporting/?year=2040").content.decode()
    assert f"/reporting/reports/{report.pk}/" in page
    assert "Victim assistance" in page and "offered in the State" in page


def test_start_from_the_calendar_and_nothing_changed_button(client, bih_member, focal_a,
                                                            obligations):
    client.force_login(focal_a)
    response = client.post("/reporting/reports/start/", {
        "state": "BIH", "obligation": "ccw-p5-art10", "cycle_year": 2025})
    report = Report.objects.get()
    assert response.url == f"/reporting/reports/{report.pk}/"
    response = client.post("/reporting/reports/start/", {
        "state": "BIH", "obligation": "ccm-art7-annual", "cycle_year": 2025, "copy_last": "1"})
    assert response.status_code == 302 and Report.objects.count() == 1  # nothing to copy


def test_autosave_with_htmx_and_the_conflict_message(client, bih_member, focal_a, delegate_a,
                                                     obligations):
    report = start(focal_a, bih_member, obligations["ccm-art7-annual"])
    url = f"/reporting/reports/{report.pk}/forms/F/"
    client.force_login(focal_a)
    assert 'hx-post="' + url in client.get(url).content.decode()
    form = {"version": 0, "tick": "changed", "disclosure": "public",
            "answer_clearance": "MAC text", "answer_area_cleared_m2": "1500"}
    saved = client.post(url, form, HTTP_HX_REQUEST="true")
    assert "Saved at" in saved.content.decode()
    assert 'value="1" id="id_version" hx-swap-oob="true"' in saved.content.decode()
    other = client.__class__()
    other.force_login(delegate_a)
    mine = {**form, "answer_clearance": "Ministry text"}
    conflict = other.post(url, mine, HTTP_HX_REQUEST="true").content.decode()
    assert "has NOT been saved" in conflict and "MAC text" in conflict
    assert 'name="force_version" value="1"' in conflict
    assert SectionEntry.objects.get(report=report, form__code="F").data["clearance"] == \
        "MAC text"
    # Without htmx the page comes back with their text kept in the form.
    page = other.post(url, mine).content.decode()
    assert "Ministry text" in page and "has NOT been saved" in page
    # They decide to overwrite, knowingly.
    other.post(url, {**mine, "force_version": "1"}, HTTP_HX_REQUEST="true")
    assert SectionEntry.objects.get(report=report, form__code="F").data["clearance"] == \
        "Ministry text"


def test_bad_input_on_the_form_shows_errors_and_saves_nothing(client, bih_member, focal_a,
                                                              obligations):
    report = start(focal_a, bih_member, obligations["ccm-art7-annual"])
    client.force_login(focal_a)
    response = client.post(f"/reporting/reports/{report.pk}/forms/B/", {
        "version": 0, "tick": "unchanged", "disclosure": "public",
        "answer_cluster_munitions": "-4"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Enter a number of 0 or more." in body
    entry = SectionEntry.objects.get(report=report, form__code="B")
    assert (entry.version, entry.data) == (0, {})


def test_shared_answer_is_offered_with_its_origin_in_the_other_report(client, bih_member,
                                                                      focal_a, obligations):
    ccm = start(focal_a, bih_member, obligations["ccm-art7-annual"])
    apii = start(focal_a, bih_member, obligations["ccw-apii-art13"])
    h = services.section_save(actor=focal_a, entry=ccm.entries.get(form__code="H"),
                              expected_version=0, answers={"victim_assistance": "VA plan"})
    client.force_login(focal_a)
    page = client.get(f"/reporting/reports/{apii.pk}/forms/G/").content.decode()
    assert "VA plan</textarea>" in page
    assert "from CCM: Article 7 annual transparency report, Form H" in page
    assert f'name="origin_victim_assistance" value="{h.pk}"' in page


def test_pages_refuse_another_states_report(client, bih_member, lbn_member, focal_a, focal_b,
                                            obligations):
    theirs = start(focal_b, lbn_member, obligations["ccm-art7-annual"])
    client.force_login(focal_a)
    assert client.get(f"/reporting/reports/{theirs.pk}/").status_code == 404
    assert client.get(f"/reporting/reports/{theirs.pk}/forms/A/").status_code == 404
    assert client.post(f"/reporting/reports/{theirs.pk}/forms/A/", {
        "version": 0, "tick": "changed", "disclosure": "public",
        "answer_legislation_title": "x"}).status_code == 404
    assert client.post(f"/reporting/reports/{theirs.pk}/submit/").status_code == 404
    assert client.post("/reporting/reports/start/", {
        "state": "LBN", "obligation": "ccm-art7-annual", "cycle_year": 2024}).status_code == 403
    theirs.refresh_from_db()
    assert theirs.status == ReportStatus.DRAFT
    assert SectionEntry.objects.get(report=theirs, form__code="A").data == {}
    assert not Report.objects.filter(state=lbn_member, cycle_year=2024).exists()
    client.logout()
    assert client.get(f"/reporting/reports/{theirs.pk}/").status_code == 404
    assert str(theirs.pk) not in client.get("/reporting/").content.decode().split(
        "<h2>Reports</h2>")[1]


def test_submit_and_publish_through_pages(client, bih_member, focal_a, ccm_staff, obligations,
                                          django_capture_on_commit_callbacks):
    report = start(focal_a, bih_member, obligations["ccm-art7-annual"])
    client.force_login(ccm_staff)
    assert client.post(f"/reporting/reports/{report.pk}/submit/").status_code == 404
    client.force_login(focal_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/reporting/reports/{report.pk}/submit/", {"publication_wish": "public"})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    client.force_login(ccm_staff)
    page = client.get(f"/reporting/reports/{report.pk}/").content.decode()
    assert "Publish" in page
    client.post(f"/reporting/reports/{report.pk}/publish/")
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED


@pytest.mark.parametrize("size", [1, 3])
def test_home_query_count(client, conventions, obligations, size, django_assert_num_queries):
    state = StateFactory(iso3="NOR")
    join(state, conventions["CCM"], D(2010, 8, 1))
    join(state, conventions["APMBC"], D(1999, 3, 1))
    focal = make_user("focal_point", state=state)
    for year in range(2025 - size + 1, 2026):
        start(focal, state, obligations["ccm-art7-annual"], year)
    client.force_login(focal)
    with django_assert_num_queries(17):  # 17th: which of the cycle's reports were received
        assert client.get("/reporting/?year=2025").status_code == 200


def test_compliance_dashboard_and_exports(client, bih_member, lbn_member, focal_a, ccm_staff,
                                          obligations):
    report = start(focal_a, bih_member, obligations["ccm-art7-annual"], 2024)
    services.report_submit(actor=focal_a, report=report)
    client.force_login(focal_a)
    assert client.get("/reporting/compliance/").status_code == 403
    client.force_login(ccm_staff)
    page = client.get("/reporting/compliance/?convention=CCM&from_year=2023&to_year=2024")
    assert page.status_code == 200
    body = page.content.decode()
    assert "<svg" in body and 'data-year="2024"' in body
    rows = list(csv.reader(io.StringIO(client.get(
        "/reporting/compliance/export.csv?convention=CCM&from_year=2024&to_year=2024")
        .content.decode())))
    assert rows[0][0] == "iso3"
    by_state = {r[0]: r[-1] for r in rows[1:]}
    assert by_state["LBN"] == "missing"
    assert by_state["BIH"] in ("late", "on_time")  # submitted today, after 30 April 2024
    xlsx = client.get("/reporting/compliance/export.xlsx?convention=CCM&from_year=2024"
                      "&to_year=2024")
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert sheet.max_row == 3
    assert client.get("/reporting/compliance/?from_year=2024&to_year=2000").status_code == 200


def test_console_counts_states_owing_both_families(client, bih_member, lbn_member, ccm_staff,
                                                   delegate_a):
    client.force_login(delegate_a)
    assert client.get("/reporting/console/").status_code == 403
    client.force_login(ccm_staff)
    page = client.get("/reporting/console/").content.decode()
    assert 'id="families"' in page
    # The families are the annual due days of the obligations' data, with their conventions.
    assert "31 March: CCW, CCW Amended Protocol II, CCW Protocol V" in page
    assert "30 April: CCM, APMBC" in page


@pytest.mark.parametrize(("language", "title"), [("fr", "Échéance interne"),
                                                 ("es", "Plazo interno"),
                                                 ("ar", "الموعد الداخلي")])
def test_home_is_translated(client, settings, bih_member, focal_a, language, title):
    client.force_login(focal_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert title in client.get("/reporting/?year=2025").content.decode()


def test_home_page_panel(client, bih_member, focal_a, ccm_staff, obligations):
    report = start(focal_a, bih_member, obligations["ccm-art7-annual"],
                   2025)
    services.report_submit(actor=focal_a, report=report)
    client.force_login(ccm_staff)
    assert "1 submitted report to publish" in client.get("/").content.decode()
    client.force_login(focal_a)
    assert "Open reporting" in client.get("/").content.decode()
    client.logout()
    assert "Open reporting" not in client.get("/").content.decode()


def test_api_schema_documents_the_reporting_endpoints(client):
    schema = client.get("/api/schema/?format=json").json()
    paths = schema["paths"]
    for path in ("/api/v1/reporting/obligations/", "/api/v1/reporting/reports/",
                 "/api/v1/reporting/reports/{id}/submit/",
                 "/api/v1/reporting/reports/{id}/sections/",
                 "/api/v1/reporting/states/{iso3}/obligations/"):
        assert path in paths
    assert "409" in paths["/api/v1/reporting/reports/{id}/sections/"]["post"]["responses"]
