"""Overdue reports: one rule (selectors.lateness) gives the State's calendar, the report page,
the ISU console and the API their "overdue by N days"; the synchronized internal deadline is
never proposed in the past."""

import datetime

import pytest
from django.utils import timezone

from reporting import selectors, services
from reporting.enums import ReportStatus

D = datetime.date
DECEMBER = D(2026, 12, 1)


def start(user, state, obligation, year):
    return services.report_start(actor=user, state=state, obligation=obligation,
                                 cycle_year=year)


@pytest.mark.parametrize(("due_on", "received", "today", "expected"), [
    (D(2026, 4, 30), False, DECEMBER, (True, 215)),
    (D(2026, 4, 30), False, D(2026, 4, 30), (False, 0)),  # due today: not yet overdue
    (D(2026, 4, 30), False, D(2026, 5, 1), (True, 1)),
    (D(2026, 4, 30), True, DECEMBER, (False, 0)),
    (None, False, DECEMBER, (False, 0)),
])
def test_lateness(due_on, received, today, expected):
    late = selectors.lateness(due_on=due_on, received=received, today=today)
    assert (late.is_overdue, late.days_overdue) == expected


def test_calendar_flags_the_overdue_draft_and_not_the_received_report(
        bih_member, focal_a, obligations):
    draft = start(focal_a, bih_member, obligations["ccm-art7-annual"], 2026)
    sent = start(focal_a, bih_member, obligations["apmbc-art7-annual"], 2026)
    sent = services.report_submit(actor=focal_a, report=sent)
    calendar = selectors.state_calendar(bih_member, 2026, user=focal_a, today=DECEMBER)
    rows = {r.obligation.code: (r.report, r.is_overdue, r.days_overdue) for r in calendar.rows}
    assert rows == {
        "ccw-apii-art13": (None, True, 245), "ccw-p5-art10": (None, True, 245),
        "ccw-compliance": (None, True, 245), "ccm-art7-annual": (draft, True, 215),
        "apmbc-art7-annual": (sent, False, 0)}
    # Someone who cannot read the reports sees the same flags (received or not is public).
    public = selectors.state_calendar(bih_member, 2026, today=DECEMBER)
    assert [(r.report, r.is_overdue) for r in public.rows][-2:] == [(None, True),
                                                                    (None, False)]
    assert selectors.report_lateness(draft, today=DECEMBER).days_overdue == 215
    assert selectors.report_lateness(sent, today=DECEMBER).is_overdue is False


def test_the_proposed_internal_deadline_is_never_past(bih_member, obligations):
    early = selectors.state_calendar(bih_member, 2026, today=D(2026, 1, 15))
    assert (early.proposed_deadline, early.proposed_cycle_year) == (D(2026, 3, 1), 2026)
    on_the_day = selectors.state_calendar(bih_member, 2026, today=D(2026, 3, 1))
    assert (on_the_day.proposed_deadline, on_the_day.proposed_cycle_year) == (D(2026, 3, 1),
                                                                              2026)
    late = selectors.state_calendar(bih_member, 2026, today=DECEMBER)
    assert (late.proposed_deadline, late.proposed_cycle_year) == (D(2027, 3, 1), 2027)
    assert [r.deadline.cycle_year for r in late.rows] == [2026] * 5  # still this cycle's rows
    old = selectors.state_calendar(bih_member, 2020, today=DECEMBER)
    assert (old.proposed_deadline, old.proposed_cycle_year) == (D(2027, 3, 1), 2027)


def test_pages_show_overdue_on_the_calendar_and_the_report(client, bih_member, focal_a,
                                                           obligations):
    year = timezone.localdate().year - 1  # its due dates (31 March, 30 April) have passed
    days = (timezone.localdate() - D(year, 4, 30)).days
    report = start(focal_a, bih_member, obligations["ccm-art7-annual"], year)
    client.force_login(focal_a)
    page = client.get(f"/reporting/reports/{report.pk}/").content.decode()
    assert f'id="report-overdue">Overdue by {days} days</span>' in page
    home = client.get(f"/reporting/?year={year}").content.decode()
    assert f'data-overdue="ccm-art7-annual">Overdue by {days} days</span>' in home
    proposed = selectors.state_calendar(bih_member, year).proposed_deadline
    assert proposed >= timezone.localdate()
    assert f"<strong>{proposed.isoformat()}</strong>" in home
    assert f'name="cycle_year" value="{proposed.year}"' in home
    services.report_submit(actor=focal_a, report=report)
    page = client.get(f"/reporting/reports/{report.pk}/").content.decode()
    assert 'id="report-overdue"' not in page
    home = client.get(f"/reporting/?year={year}").content.decode()
    assert 'data-overdue="ccm-art7-annual"' not in home


def test_api_reports_and_calendar_say_overdue(api_as, bih_member, focal_a, obligations):
    year = timezone.localdate().year - 1
    days = (timezone.localdate() - D(year, 4, 30)).days
    report = start(focal_a, bih_member, obligations["ccm-art7-annual"], year)
    api = api_as(focal_a)
    detail = api.get(f"/api/v1/reporting/reports/{report.pk}/").json()
    assert (detail["status"], detail["is_overdue"], detail["days_overdue"]) == (
        "draft", True, days)
    listed = api.get("/api/v1/reporting/reports/").json()["results"]
    assert [(r["id"], r["is_overdue"], r["days_overdue"]) for r in listed] == [
        (report.pk, True, days)]
    calendar = api.get(f"/api/v1/reporting/states/BIH/obligations/?year={year}").json()
    assert {o["obligation"]: (o["is_overdue"], o["days_overdue"])
            for o in calendar["obligations"]}["ccm-art7-annual"] == (True, days)
    assert calendar["proposed_internal_deadline"] >= timezone.localdate().isoformat()
    assert calendar["proposed_cycle_year"] > year
    services.report_submit(actor=focal_a, report=report)
    detail = api.get(f"/api/v1/reporting/reports/{report.pk}/").json()
    assert (detail["status"], detail["is_overdue"], detail["days_overdue"]) == (
        ReportStatus.SUBMITTED, False, 0)


def test_isu_console_lists_its_overdue_reports(client, bih_member, lbn_member, focal_a,
                                              ccm_staff, obligations):
    year = timezone.localdate().year - 1
    days = (timezone.localdate() - D(year, 4, 30)).days
    services.report_submit(actor=focal_a, report=start(
        focal_a, bih_member, obligations["ccm-art7-annual"], year))
    client.force_login(ccm_staff)
    page = client.get("/reporting/console/").content.decode()
    assert (f'<tr data-overdue="LBN-ccm-art7-annual-{year}"><td>LBN</td>'
            f'<td>Article 7 annual transparency report</td><td>{year}</td>'
            f'<td>{year}-04-30</td><td class="numeric">{days}</td></tr>') in page
    assert f'data-overdue="BIH-ccm-art7-annual-{year}"' not in page  # received
    assert "apmbc-art7-annual" not in page  # another convention's ISU
