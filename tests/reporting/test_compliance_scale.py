"""The compliance dashboard for 200 States x 4 obligations x 10 years renders with the same
number of queries as for one State."""

import datetime
import random

import pytest
from django.utils import timezone

from reporting import selectors
from reporting.enums import ComplianceStatus, ReportStatus
from reporting.models import Report
from tests.factories import make_user
from treaties.models import Membership, State

D = datetime.date
YEARS = range(2015, 2025)
CODES = ["ccm-art7-annual", "apmbc-art7-annual", "ccw-apii-art13", "ccw-p5-art10"]
CONVENTION_OF = {"ccm-art7-annual": "CCM", "apmbc-art7-annual": "APMBC",
                 "ccw-apii-art13": "CCW-APII", "ccw-p5-art10": "CCW-P5"}


def _populate(count, conventions, obligations):
    from django_countries import countries

    codes = sorted(c for c in (countries.alpha3(code) for code, _ in countries) if c)[:count]
    states = State.objects.bulk_create([
        State(iso3=iso3, country=countries.alpha2(iso3), un_status="member",
              region=["Africa", "Americas", "Asia-Pacific", "Europe"][i % 4])
        for i, iso3 in enumerate(codes)])
    Membership.objects.bulk_create([
        Membership(state=s, convention=conventions[CONVENTION_OF[code]],
                   instrument_type="ratification", deposited_on=D(2009, 1, 1),
                   effective_on=D(2010, 8, 1))
        for s in states for code in CODES])
    rng = random.Random(7)
    reports = []
    for s in states:
        for code in CODES:
            obligation = obligations[code]
            for year in YEARS:
                outcome = rng.random()
                if outcome < 0.15:
                    continue  # not received
                due = D(year, obligation.due_month, obligation.due_day)
                day = due - datetime.timedelta(days=3) if outcome < 0.7 else \
                    due + datetime.timedelta(days=20)
                at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
                reports.append(Report(state=s, obligation=obligation, cycle_year=year,
                                      due_on=due, period_start=D(year - 1, 1, 1),
                                      period_end=D(year - 1, 12, 31),
                                      status=ReportStatus.SUBMITTED, submitted_at=at))
    Report.objects.bulk_create(reports, batch_size=2000)
    return states


@pytest.mark.parametrize("count", [1, 200])
def test_dashboard_queries_do_not_grow_with_states_obligations_and_years(
        client, conventions, obligations, count, django_assert_num_queries):
    _populate(count, conventions, obligations)
    staff = make_user("isu_staff", convention=conventions["CCM"])
    client.force_login(staff)
    # session, user, roles, the filter form's conventions, obligations, memberships, reports
    with django_assert_num_queries(7):
        response = client.get("/reporting/compliance/?from_year=2015&to_year=2024")
    assert response.status_code == 200
    result = response.context["result"]
    assert len(result.rows) == count * 4 * 10
    totals = sum(sum(c.values()) for c in result.by_year.values())
    assert totals == count * 4 * 10
    received = Report.objects.count()
    assert sum(c[ComplianceStatus.ON_TIME] + c[ComplianceStatus.LATE]
               for c in result.by_year.values()) == received


def test_selector_counts_on_time_late_and_missing(conventions, obligations):
    _populate(3, conventions, obligations)
    result = selectors.compliance(years=[2024], today=D(2025, 1, 1))
    expected = {ComplianceStatus.ON_TIME: 0, ComplianceStatus.LATE: 0}
    for report in Report.objects.filter(cycle_year=2024):
        late = timezone.localdate(report.submitted_at) > report.due_on
        expected[ComplianceStatus.LATE if late else ComplianceStatus.ON_TIME] += 1
    counts = result.by_year[2024]
    assert counts[ComplianceStatus.ON_TIME] == expected[ComplianceStatus.ON_TIME]
    assert counts[ComplianceStatus.LATE] == expected[ComplianceStatus.LATE]
    assert counts[ComplianceStatus.MISSING] == 12 - sum(expected.values())
