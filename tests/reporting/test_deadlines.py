"""Due-date rules: plain functions, tested across joins, withdrawals, leap years and time
zones."""

import datetime

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from reporting import deadlines as d
from reporting.enums import ComplianceStatus, DueRule

D = datetime.date
CCM = 1
RULES = [
    d.RuleSpec(10, CCM, DueRule.DAYS_AFTER_ENTRY_INTO_FORCE, days=180),
    d.RuleSpec(11, CCM, DueRule.ANNUAL_FIXED_DATE, month=4, day=30, initial_obligation_id=10,
               initial_stands_in=True),
]
CCW_RULES = [d.RuleSpec(20, 2, DueRule.ANNUAL_FIXED_DATE, month=3, day=31)]


def owed(effective_on, years, withdrawal=None, rules=RULES, convention=CCM):
    member = d.MembershipSpec(1, convention, effective_on, withdrawal)
    return [(x.obligation_id, x.cycle_year, x.due_on)
            for x in d.deadlines_for(rules=rules, memberships=[member], years=years)]


def test_initial_report_within_180_days_of_entry_into_force():
    assert d.initial_report_due(effective_on=D(2011, 3, 1), days=180) == D(2011, 8, 28)


def test_state_joining_mid_year_owes_an_initial_report_not_an_annual_one():
    # Entry into force 1 July 2024: initial due 28 Dec 2024; no annual report in 2024 (not a
    # party in 2023), and the 2025 annual report (covering 2024) is owed.
    assert owed(D(2024, 7, 1), [2024, 2025]) == [(10, 2024, D(2024, 12, 28)),
                                                   (11, 2025, D(2025, 4, 30))]


def test_state_joining_late_in_the_year_reports_initially_instead_of_the_next_annual():
    # Entry into force 1 Nov 2024: the initial report falls due on 30 April 2025, the same
    # cycle as the annual report covering 2024: the initial report stands for it.
    assert owed(D(2024, 11, 1), [2024, 2025, 2026]) == [(10, 2025, D(2025, 4, 30)),
                                                         (11, 2026, D(2026, 4, 30))]


def test_annual_report_covers_the_previous_calendar_year():
    [item] = [x for x in d.deadlines_for(rules=RULES, memberships=[
        d.MembershipSpec(1, CCM, D(2011, 3, 1))], years=[2025])]
    assert (item.period_start, item.period_end, item.due_on) == (
        D(2024, 1, 1), D(2024, 12, 31), D(2025, 4, 30))
    assert item.family == "04-30"


def test_withdrawal_ends_the_obligations_due_after_it():
    # Lithuania's withdrawal from the CCM took effect on 6 March 2025.
    assert owed(D(2011, 8, 1), [2024, 2025], withdrawal=D(2025, 3, 6)) == [
        (11, 2024, D(2024, 4, 30))]
    # A withdrawal effective on the due date itself: no longer a party that day.
    assert owed(D(2011, 8, 1), [2025], withdrawal=D(2025, 4, 30)) == []
    assert owed(D(2011, 8, 1), [2025], withdrawal=D(2025, 5, 1)) == [(11, 2025, D(2025, 4, 30))]


def test_withdrawal_before_the_initial_report_falls_due():
    assert d.initial_report_due(effective_on=D(2024, 1, 1), days=180,
                                withdrawal_effective_on=D(2024, 6, 1)) is None


def test_without_an_initial_report_annual_starts_after_a_year_of_membership():
    assert owed(D(2024, 6, 1), [2024, 2025], rules=CCW_RULES, convention=2) == [
        (20, 2025, D(2025, 3, 31))]


ATT = 4
ATT_RULES = [  # Art. 13(1): initial within a year; Art. 13(3): by 31 May, previous year
    d.RuleSpec(40, ATT, DueRule.DAYS_AFTER_ENTRY_INTO_FORCE, days=365),
    d.RuleSpec(41, ATT, DueRule.ANNUAL_FIXED_DATE, month=5, day=31, initial_obligation_id=40,
               initial_stands_in=False),
]


def test_an_initial_report_that_does_not_stand_in_leaves_the_annual_one_owed():
    # Same join as the CCM case above (1 Nov 2024): under the ATT the initial report does not
    # replace the annual report on 2024's exports and imports.
    assert owed(D(2024, 11, 1), [2024, 2025, 2026], rules=ATT_RULES, convention=ATT) == [
        (41, 2025, D(2025, 5, 31)), (40, 2025, D(2025, 11, 1)), (41, 2026, D(2026, 5, 31))]
    # The same data with the initial report standing in: the 2025 annual report goes.
    standing = [ATT_RULES[0], d.RuleSpec(41, ATT, DueRule.ANNUAL_FIXED_DATE, month=5, day=31,
                                         initial_obligation_id=40, initial_stands_in=True)]
    assert owed(D(2024, 11, 1), [2025, 2026], rules=standing, convention=ATT) == [
        (40, 2025, D(2025, 11, 1)), (41, 2026, D(2026, 5, 31))]


def test_without_an_initial_report_every_state_party_owes_every_cycle():
    # BWC confidence-building measures: by 15 April, covering the previous year, no initial.
    rules = [d.RuleSpec(50, 5, DueRule.ANNUAL_FIXED_DATE, month=4, day=15)]
    [item] = d.deadlines_for(rules=rules, memberships=[d.MembershipSpec(1, 5, D(1975, 3, 26))],
                             years=[2025])
    assert (item.due_on, item.period_start, item.period_end, item.family) == (
        D(2025, 4, 15), D(2024, 1, 1), D(2024, 12, 31), "04-15")


def test_leap_years():
    # 180 days across February: 28 Feb in 2023-24 is followed by 29 Feb.
    assert d.initial_report_due(effective_on=D(2023, 9, 1), days=180) == D(2024, 2, 28)
    assert d.initial_report_due(effective_on=D(2023, 10, 1), days=180) == D(2024, 3, 29)
    assert d.initial_report_due(effective_on=D(2022, 10, 1), days=180) == D(2023, 3, 30)
    # A rule set on 29 February falls on 28 February in other years.
    assert d.fixed_day(2024, 2, 29) == D(2024, 2, 29)
    assert d.fixed_day(2025, 2, 29) == D(2025, 2, 28)
    rules = [d.RuleSpec(30, 3, DueRule.ANNUAL_FIXED_DATE, month=2, day=29)]
    assert [x[2] for x in owed(D(2020, 1, 1), [2024, 2025], rules=rules, convention=3)] == [
        D(2024, 2, 29), D(2025, 2, 28)]


@pytest.mark.parametrize(("received", "status"), [
    (D(2025, 4, 30), ComplianceStatus.ON_TIME),
    (D(2025, 5, 1), ComplianceStatus.LATE),
    (None, ComplianceStatus.MISSING),
])
def test_compliance_status(received, status):
    assert d.compliance_status(due_on=D(2025, 4, 30), received_on=received,
                               today=D(2025, 6, 1)) == status
    assert d.compliance_status(due_on=D(2025, 4, 30), received_on=None,
                               today=D(2025, 4, 30)) == ComplianceStatus.NOT_YET_DUE


def test_time_zone_decides_the_day_of_a_submission(settings):
    """A report sent at 22:30 UTC on 30 April is received on 1 May in Geneva: late."""
    settings.TIME_ZONE = "Europe/Zurich"
    at = datetime.datetime(2025, 4, 30, 22, 30, tzinfo=datetime.UTC)
    assert timezone.localdate(at) == D(2025, 5, 1)
    assert d.compliance_status(due_on=D(2025, 4, 30), received_on=timezone.localdate(at),
                               today=D(2025, 6, 1)) == ComplianceStatus.LATE
    settings.TIME_ZONE = "America/New_York"
    assert timezone.localdate(at) == D(2025, 4, 30)
    at_20 = datetime.datetime(2025, 4, 30, 21, 59, tzinfo=datetime.UTC)
    settings.TIME_ZONE = "Europe/Zurich"
    assert timezone.localdate(at_20) == D(2025, 4, 30)


def test_synchronized_deadline_is_the_earliest_minus_the_margin():
    assert d.synchronized_deadline([D(2025, 4, 30), D(2025, 3, 31)], margin_days=30) == \
        D(2025, 3, 1)
    assert d.synchronized_deadline([], margin_days=30) is None


def test_reminder_stages():
    due = D(2025, 3, 31)
    kw = {"due_on": due, "days_before": 30, "days_after": 14}
    assert d.reminder_stage(today=D(2025, 3, 1), **kw) == "before"
    assert d.reminder_stage(today=due, **kw) == "on"
    assert d.reminder_stage(today=D(2025, 4, 14), **kw) == "after"
    assert d.reminder_stage(today=D(2025, 3, 2), **kw) is None


@given(effective_on=st.dates(min_value=D(1999, 3, 1), max_value=D(2030, 12, 31)),
       withdraws_after=st.one_of(st.none(), st.integers(min_value=1, max_value=6000)))
def test_properties_of_the_rules(effective_on, withdraws_after):
    withdrawal = effective_on + datetime.timedelta(days=withdraws_after) \
        if withdraws_after else None
    items = d.deadlines_for(rules=RULES, memberships=[
        d.MembershipSpec(1, CCM, effective_on, withdrawal)], years=range(1999, 2050))
    initial = [x for x in items if x.obligation_id == 10]
    annual = [x for x in items if x.obligation_id == 11]
    assert len(initial) <= 1
    years = [x.cycle_year for x in annual]
    assert len(years) == len(set(years))  # at most one annual report a cycle
    for x in annual:
        assert x.due_on > effective_on  # never owed before joining
        assert withdrawal is None or x.due_on < withdrawal  # nor after leaving
        assert not initial or x.cycle_year > initial[0].cycle_year  # initial comes first
    if initial and withdrawal is None:
        # After the initial report, one annual report every year without a gap.
        assert years == list(range(initial[0].cycle_year + 1, 2050))
