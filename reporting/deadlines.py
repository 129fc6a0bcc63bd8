"""Due-date rules as plain functions: no database, no clock. Callers pass `today` (from
`timezone.localdate()`, Europe/Zurich by default); a deadline is a date, never a datetime.

Every rule is data on the obligation (reporting.Obligation), none is keyed on a convention:
- a report due within N days of the instrument's entry into force for the State (an initial
  report: CCM and APMBC Art. 7(1), 180 days; ATT Art. 13(1), 365; TPNW Art. 2, 30), covering
  the situation at entry into force;
- a report due every year by a fixed day (30 April, 31 March, 31 May, 15 April ...) covering the
  previous calendar year, owed for a cycle if the State was party at some point in the year
  covered;
- an annual obligation may name its initial report and say whether that initial report stands
  in for the annual one (`initial_stands_in`: CCM and APMBC practice, not the ATT, Art. 13(3)):
  where it does, the annual reports start with the first cycle after the initial report's due
  date, so a State that joins mid-year owes an initial report that year, not an annual one.
  An obligation without an initial report (the BWC's confidence-building measures) is owed by
  every State Party, every year.
- a State whose withdrawal takes effect on or before a due date no longer owes that report.
"""

import calendar
import datetime
from dataclasses import dataclass

from .enums import ComplianceStatus, DueRule, PeriodCovered


def fixed_day(year: int, month: int, day: int) -> datetime.date:
    """`day` of `month` in `year`; 29 February falls back to 28 February outside leap years."""
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def in_force_on(day, effective_on, withdrawal_effective_on) -> bool:
    return effective_on <= day and (withdrawal_effective_on is None
                                    or withdrawal_effective_on > day)


def initial_report_due(*, effective_on: datetime.date, days: int,
                       withdrawal_effective_on: datetime.date | None = None
                       ) -> datetime.date | None:
    """The initial report's due date, or None if the State withdrew before it fell due."""
    due = effective_on + datetime.timedelta(days=days)
    if withdrawal_effective_on is not None and withdrawal_effective_on <= due:
        return None
    return due


def annual_report_due(*, cycle_year: int, month: int, day: int, effective_on: datetime.date,
                      withdrawal_effective_on: datetime.date | None = None,
                      initial_due_on: datetime.date | None = None) -> datetime.date | None:
    """The due date of the annual report of `cycle_year` (covering the year before), or None
    when the State does not owe it."""
    due = fixed_day(cycle_year, month, day)
    covered_end = datetime.date(cycle_year - 1, 12, 31)
    if effective_on > covered_end:
        return None  # not yet party in the year covered
    if withdrawal_effective_on is not None and withdrawal_effective_on <= due:
        return None
    if initial_due_on is not None and initial_due_on >= datetime.date(cycle_year, 1, 1):
        return None  # the initial report of this cycle (or a later one) stands for it
    return due


@dataclass(frozen=True)
class Deadline:
    """One report a State owes: which obligation, which cycle, by when, covering what."""

    obligation_id: int
    state_id: int
    cycle_year: int
    due_on: datetime.date
    period_start: datetime.date
    period_end: datetime.date
    family: str  # "MM-DD" of an annual due date, or "initial": reports due on the same day


@dataclass(frozen=True)
class RuleSpec:
    """The part of an Obligation the rules need (so the functions stay free of the ORM)."""

    obligation_id: int
    convention_id: int
    rule: str
    days: int | None = None
    month: int | None = None
    day: int | None = None
    initial_obligation_id: int | None = None  # an annual report's initial report, if any
    initial_stands_in: bool = False
    period: str = ""  # a PeriodCovered; empty: the one the rule computes with


@dataclass(frozen=True)
class MembershipSpec:
    state_id: int
    convention_id: int
    effective_on: datetime.date
    withdrawal_effective_on: datetime.date | None = None


def _period(spec: RuleSpec, *, cycle_year: int, effective_on: datetime.date
            ) -> tuple[datetime.date, datetime.date]:
    period = spec.period or next(iter(PeriodCovered.FOR_RULE[spec.rule]))
    if period == PeriodCovered.PREVIOUS_CALENDAR_YEAR:
        return datetime.date(cycle_year - 1, 1, 1), datetime.date(cycle_year - 1, 12, 31)
    return effective_on, effective_on


def deadlines_for(*, rules: list[RuleSpec], memberships: list[MembershipSpec],
                  years: range | list[int]) -> list[Deadline]:
    """Every report owed, per State, obligation and cycle year in `years`."""
    years = list(years)
    by_convention: dict[int, list[RuleSpec]] = {}
    for spec in rules:
        by_convention.setdefault(spec.convention_id, []).append(spec)
    out = []
    for member in memberships:
        specs = by_convention.get(member.convention_id, ())
        # When each initial report of this State falls due (withdrawal aside: an initial report
        # that would have stood in still marks the first cycle of the annual reports).
        initial_due = {s.obligation_id: member.effective_on + datetime.timedelta(days=s.days)
                       for s in specs if s.rule == DueRule.DAYS_AFTER_ENTRY_INTO_FORCE}
        for spec in specs:
            if spec.rule == DueRule.DAYS_AFTER_ENTRY_INTO_FORCE:
                due = initial_report_due(
                    effective_on=member.effective_on, days=spec.days,
                    withdrawal_effective_on=member.withdrawal_effective_on)
                if due is not None and due.year in years:
                    start, end = _period(spec, cycle_year=due.year,
                                         effective_on=member.effective_on)
                    out.append(Deadline(spec.obligation_id, member.state_id, due.year, due,
                                        start, end, "initial"))
            elif spec.rule == DueRule.ANNUAL_FIXED_DATE:
                stands_in = (initial_due.get(spec.initial_obligation_id)
                             if spec.initial_stands_in else None)
                for year in years:
                    due = annual_report_due(
                        cycle_year=year, month=spec.month, day=spec.day,
                        effective_on=member.effective_on,
                        withdrawal_effective_on=member.withdrawal_effective_on,
                        initial_due_on=stands_in)
                    if due is not None:
                        start, end = _period(spec, cycle_year=year,
                                             effective_on=member.effective_on)
                        out.append(Deadline(spec.obligation_id, member.state_id, year, due,
                                            start, end, f"{spec.month:02d}-{spec.day:02d}"))
    out.sort(key=lambda d: (d.due_on, d.obligation_id, d.state_id))
    return out


def compliance_status(*, due_on: datetime.date, received_on: datetime.date | None,
                      today: datetime.date) -> str:
    """On time if received on or before the due date (dates in the portal's time zone)."""
    if received_on is not None:
        return ComplianceStatus.ON_TIME if received_on <= due_on else ComplianceStatus.LATE
    return ComplianceStatus.MISSING if today > due_on else ComplianceStatus.NOT_YET_DUE


def synchronized_deadline(due_dates: list[datetime.date], *, margin_days: int
                          ) -> datetime.date | None:
    """A single internal deadline for all of a State's reports: the earliest minus a margin."""
    if not due_dates:
        return None
    return min(due_dates) - datetime.timedelta(days=margin_days)


def reminder_stage(*, due_on: datetime.date, today: datetime.date, days_before: int,
                   days_after: int) -> str | None:
    """Which reminder falls on `today` for a report due on `due_on`, if any."""
    if today == due_on:
        return "on"
    if days_before and today == due_on - datetime.timedelta(days=days_before):
        return "before"
    if days_after and today == due_on + datetime.timedelta(days=days_after):
        return "after"
    return None
