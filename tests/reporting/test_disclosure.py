"""Who reads the forms a State marked "States Parties only" (issue 9.3): the representatives of
the States party, on the day of reading, to the report's own instrument — a Protocol V report's
audience is Protocol V's parties, not the CCW's; not a State that withdrew, nor one whose
membership takes effect later, nor the public. One rule (reporting.rules.parties_audience)
for the report page, the API detail and the list."""

import datetime

import pytest
from django.utils import timezone

from reporting import rules, selectors, services
from reporting.enums import Disclosure, ReportStatus
from tests.factories import StateFactory, make_user
from tests.factories.reporting import join

D = datetime.date
SECRET = "Parties-only clearance figures"
PUBLIC = "Public recording text"


@pytest.fixture
def readers(conventions):
    """A focal point per kind of State, relative to today (the day of reading)."""
    today = timezone.localdate()
    party, ccw_only, withdrawn, leaving, joining = (
        StateFactory(iso3=code) for code in ("FRA", "USA", "AUS", "NZL", "TUV"))
    join(party, conventions["CCW"], D(1995, 3, 4))
    join(party, conventions["CCW-P5"], D(2006, 11, 12))
    join(ccw_only, conventions["CCW"], D(1995, 9, 24))
    join(withdrawn, conventions["CCW"], D(1995, 3, 4))
    join(withdrawn, conventions["CCW-P5"], D(2007, 1, 4),
         withdrawal=today - datetime.timedelta(days=1))
    join(leaving, conventions["CCW"], D(1995, 3, 4))
    join(leaving, conventions["CCW-P5"], D(2007, 1, 4),
         withdrawal=today + datetime.timedelta(days=30))
    join(joining, conventions["CCW"], D(1995, 3, 4))
    join(joining, conventions["CCW-P5"], today + datetime.timedelta(days=30))
    return {name: make_user("focal_point", state=state) for name, state in [
        ("party", party), ("ccw_only", ccw_only), ("withdrawn", withdrawn),
        ("leaving", leaving), ("joining", joining)]} | {"anonymous": None}


SEES = {"party": True, "leaving": True, "ccw_only": False, "withdrawn": False,
        "joining": False, "anonymous": False}


def protocol_v_report(focal, state, obligations, conventions, wish):
    report = services.report_start(actor=focal, state=state,
                                   obligation=obligations["ccw-p5-art10"], cycle_year=2025)
    entries = {e.form.code: e for e in report.entries.select_related("form", "report")}
    services.section_save(actor=focal, entry=entries["A"], expected_version=0,
                          answers={"clearance": SECRET}, disclosure=Disclosure.STATES_PARTIES)
    services.section_save(actor=focal, entry=entries["B"], expected_version=0,
                          answers={"recording": PUBLIC})
    services.report_submit(actor=focal, report=report, publication_wish=wish)
    ccw_staff = make_user("isu_staff", convention=conventions["CCW"])
    return services.report_publish(actor=ccw_staff, report=report)


@pytest.mark.parametrize("who", list(SEES))
def test_parties_only_form_of_a_published_protocol_v_report(
        who, readers, api_as, client, bih_member, focal_a, obligations, conventions):
    report = protocol_v_report(focal_a, bih_member, obligations, conventions, "public")
    assert report.status == ReportStatus.PUBLISHED
    user = readers[who]
    response = api_as(user).get(f"/api/v1/reporting/reports/{report.pk}/")
    assert response.status_code == 200
    forms = [s["form"] for s in response.json()["sections"]]
    assert ("A" in forms) is SEES[who]
    assert "B" in forms  # the public form, for everyone
    if user is not None:
        client.force_login(user)
    page = client.get(f"/reporting/reports/{report.pk}/").content.decode()
    assert (SECRET in page) is SEES[who]
    assert PUBLIC in page
    assert rules.represents_a_party(user, report) is SEES[who]


@pytest.mark.parametrize("who", list(SEES))
def test_restricted_protocol_v_report_is_for_its_own_parties_today(
        who, readers, api_as, bih_member, focal_a, obligations, conventions):
    report = protocol_v_report(focal_a, bih_member, obligations, conventions, "restricted")
    assert report.status == ReportStatus.RESTRICTED
    user = readers[who]
    client = api_as(user)
    detail = client.get(f"/api/v1/reporting/reports/{report.pk}/")
    assert detail.status_code == (200 if SEES[who] else 404)
    listed = [r["id"] for r in client.get("/api/v1/reporting/reports/").json()["results"]]
    assert (report.pk in listed) is SEES[who]
    # The object rule and the list's query agree.
    if user is not None:
        assert rules.can_view_report(user, report) is SEES[who]
        assert selectors.reports_for_user(user).filter(pk=report.pk).exists() is SEES[who]


def test_a_withdrawn_party_read_the_form_until_its_withdrawal_took_effect(
        readers, bih_member, focal_a, obligations, conventions):
    report = protocol_v_report(focal_a, bih_member, obligations, conventions, "public")
    today = timezone.localdate()
    assert rules.represents_a_party(readers["withdrawn"], report,
                                    day=today - datetime.timedelta(days=2))
    assert not rules.represents_a_party(readers["withdrawn"], report, day=today)
    assert not rules.represents_a_party(readers["joining"], report, day=today)
    assert rules.represents_a_party(readers["joining"], report,
                                    day=today + datetime.timedelta(days=30))
