"""The figures of staffing as plain functions of plain data (no database): FTE on a date and
over a year, cost splits that add up exactly, the report's ratios, the shared-expert options and
duties left without cover. Selectors feed them from the database; tests feed them by hand."""

import calendar
import datetime
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from core.money import allocate, quantize

from .enums import HOURS_PER_DAY, WORKING_DAYS_PER_YEAR, ChargeUnit, SharingOption

ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Span:
    """A share of a full-time equivalent held from one date to another (open when ends_on is
    None), for one unit (`key`: an ISU id, code, anything hashable)."""

    fte: Decimal
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    key: Hashable = None

    def covers(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def days_within(self, first: datetime.date, last: datetime.date) -> int:
        start = max(self.starts_on, first)
        end = last if self.ends_on is None else min(self.ends_on, last)
        return max((end - start).days + 1, 0)


def tidy(value: Decimal) -> Decimal:
    """A figure without trailing zeros, never in exponent form (2.5, 10, not 2.5000 or 1E+1)."""
    value = Decimal(value)
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


def consulting_fte(charged: Decimal, unit: str) -> Decimal:
    """Days or hours charged a year as a share of a full-time equivalent (4 decimals)."""
    days = Decimal(charged) if unit == ChargeUnit.DAYS else Decimal(charged) / HOURS_PER_DAY
    return (days / WORKING_DAYS_PER_YEAR).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def fte_on(spans: Iterable[Span], day: datetime.date) -> Decimal:
    """The FTE held on one date."""
    return sum((s.fte for s in spans if s.covers(day)), Decimal(0))


def peak_fte(spans: Iterable[Span], first: datetime.date, last: datetime.date | None
             ) -> tuple[Decimal, datetime.date]:
    """The largest FTE held on any date of [first, last] (last None: from `first` on), and the
    first date it is reached.

    The sum only rises where a span starts, so it is enough to look at `first` and at every
    start inside the period."""
    spans = [s for s in spans if s.days_within(first, last or datetime.date.max) > 0]
    days = sorted({first} | {s.starts_on for s in spans if s.starts_on > first})
    best, best_day = Decimal(0), first
    for day in days:
        value = fte_on(spans, day)
        if value > best:
            best, best_day = value, day
    return best, best_day


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def fte_days(spans: Iterable[Span], year: int) -> dict[Hashable, Decimal]:
    """FTE × days worked in the year, per key: the weights of a year's cost split."""
    first, last = year_bounds(year)
    weights: dict[Hashable, Decimal] = defaultdict(Decimal)
    for span in spans:
        days = span.days_within(first, last)
        if days:
            weights[span.key] += span.fte * days
    return dict(weights)


def average_fte(spans: Iterable[Span], year: int) -> Decimal:
    """The FTE averaged over every day of the year, to the hundredth (2.5, 2.6 in ¶8)."""
    total = sum(fte_days(spans, year).values(), Decimal(0))
    return (total / days_in_year(year)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def split_cost(total: Decimal, weights: dict[Hashable, Decimal]) -> dict[Hashable, Decimal]:
    """A person's yearly cost split between units by their FTE-days, adding up exactly.

    Keys are sorted so the same data always gives the same centimes to the same unit."""
    if not weights:
        return {}
    keys = sorted(weights, key=str)
    return dict(zip(keys, allocate(total, [weights[k] for k in keys]), strict=True))


def staff_cost_by_unit(people: Iterable[tuple[Decimal, list[Span]]], year: int
                       ) -> dict[Hashable, Decimal]:
    """Each unit's staff cost: every person's yearly cost split by their assignments.

    A person without any assignment in the year is charged to nobody (the caller shows them
    as unassigned)."""
    totals: dict[Hashable, Decimal] = defaultdict(Decimal)
    for cost, spans in people:
        for key, share in split_cost(cost, fte_days(spans, year)).items():
            totals[key] += share
    return dict(totals)


@dataclass(frozen=True)
class CostRatios:
    """Staff cost as a share of spending and of budget, in percent to one decimal (¶3)."""

    staff_cost: Decimal
    spent: Decimal
    budget: Decimal | None
    of_spending: Decimal | None
    of_budget: Decimal | None
    spent_of_budget: Decimal | None


def _percent(part: Decimal, whole: Decimal | None) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def cost_ratios(*, staff_cost: Decimal, spent: Decimal, budget: Decimal | None) -> CostRatios:
    """CCM 2016: 291,719 of 370,824 spent and 455,000 budget give 78.7% and 64.1%."""
    return CostRatios(
        staff_cost=quantize(staff_cost), spent=quantize(spent),
        budget=None if budget is None else quantize(budget),
        of_spending=_percent(staff_cost, spent), of_budget=_percent(staff_cost, budget),
        spent_of_budget=_percent(spent, budget),
    )


@dataclass(frozen=True)
class OptionCost:
    """What one way of getting the expert costs each unit, and in all."""

    option: str
    label: str
    shares: dict[Hashable, Decimal]
    total: Decimal
    saving: Decimal  # against hiring one for each unit
    expert_fte: dict[Hashable, Decimal]


def shared_expert_options(*, annual_cost: Decimal, units: list[Hashable],
                          part_time_shares: dict[Hashable, Decimal], based_in: Hashable,
                          consulting_days: Decimal, consulting_premium: Decimal = Decimal(0)
                          ) -> list[OptionCost]:
    """Side by side: one expert per unit, one shared part-time, one based in a unit and
    consulting for the other(s).

    annual_cost: salary and charges of one full-time expert for a year.
    part_time_shares: each unit's share of the expert's time (they need not add up to 1: the
      shared expert costs the sum of the shares).
    consulting_days: days a year each other unit buys; they pay the daily cost (annual cost /
      working days) plus `consulting_premium` percent; the home unit pays the rest.
    """
    annual_cost = quantize(annual_cost)
    if len(units) < 2:
        raise ValueError("sharing needs at least two units")
    if based_in not in units:
        raise ValueError("the expert must be based in one of the units")
    separate = {u: annual_cost for u in units}
    separate_total = sum(separate.values(), Decimal(0))

    shares = [Decimal(part_time_shares.get(u, 0)) for u in units]
    used = sum(shares, Decimal(0))
    if used <= 0 or used > 1:
        raise ValueError("the part-time shares must add up to more than 0 and at most 1 FTE")
    part_total = quantize(annual_cost * used)
    part = dict(zip(units, allocate(part_total, shares), strict=True))

    daily = annual_cost / WORKING_DAYS_PER_YEAR
    others = [u for u in units if u != based_in]
    consulting_fte_each = (Decimal(consulting_days) / WORKING_DAYS_PER_YEAR)
    if consulting_fte_each * len(others) > 1:
        raise ValueError("the consulting days exceed the expert's working year")
    rate = daily * (1 + Decimal(consulting_premium) / 100)
    consult = {u: quantize(rate * Decimal(consulting_days)) for u in others}
    consult[based_in] = max(annual_cost - sum(consult.values(), Decimal(0)), Decimal("0.00"))
    consult = {u: consult[u] for u in units}

    def option(kind, shares_, fte):
        total = sum(shares_.values(), Decimal(0))
        return OptionCost(option=kind, label=str(SharingOption(kind).label), shares=shares_,
                          total=total, saving=separate_total - total, expert_fte=fte)

    return [
        option(SharingOption.SEPARATE, separate, {u: Decimal(1) for u in units}),
        option(SharingOption.PART_TIME, part,
               {u: Decimal(part_time_shares.get(u, 0)) for u in units}),
        option(SharingOption.CONSULTING, consult,
               {u: (consulting_fte_each if u != based_in
                    else 1 - consulting_fte_each * len(others)).quantize(Decimal("0.0001"))
                for u in units}),
    ]


@dataclass(frozen=True)
class DutyCover:
    """Who does a duty on a date: its holder, a backup, or nobody."""

    duty: object
    holder: object
    covered_by: object | None
    holder_away: bool

    @property
    def uncovered(self) -> bool:
        return self.covered_by is None


def cover_on(duties: Iterable[tuple[object, Hashable, list[Hashable]]],
             unavailable: set[Hashable]) -> list[DutyCover]:
    """For each (duty, holder, backups in order of call): the first available of holder and
    backups, or None when every one of them is away or not in post."""
    result = []
    for duty, holder, backups in duties:
        if holder not in unavailable:
            result.append(DutyCover(duty, holder, holder, False))
            continue
        backup = next((b for b in backups if b not in unavailable and b != holder), None)
        result.append(DutyCover(duty, holder, backup, True))
    return result
