"""How a trip's cost is divided between sponsorship programmes, as plain functions of dates,
rates and amounts (no database), so every rule is tested on hand-made trips.

A trip is one delegate's journey: one return airfare, terminal expenses, and one night of daily
subsistence allowance (DSA) for each night between arrival and departure, at the rate in force
on that night's date. The trip serves one or more meetings; cancelled meetings are ignored.

Rules (DOMAIN.md ¶18-19: every franc is charged to exactly one programme):
- DEFAULT ("first meeting pays the journey"): the programme of the first (active) meeting pays
  the airfare and the terminal expenses; each night goes to the programme of the meeting it
  serves (see `serving_meeting`).
- PRO_RATA_DAYS: the whole cost is split in proportion to each programme's meeting days,
  with core.money.allocate so the shares add up to the centime.

Savings: what separate trips to each meeting would have cost under the same fares and rates,
minus the shared trip (see `separate_stay` for the nights each separate trip has). Every night a
separate trip has is a night of the shared trip, so costing never needs a rate the trip itself
does not need; a rate `rate_on` cannot give (LookupError) is a `MissingRate` naming the night.

What holds for every trip (tests/sponsorship/test_split.py proves it on generated trips):
- the shares add up exactly to the total, and each night is paid once;
- the per-programme savings add up to the saving;
- saving = (trips saved) x (airfare + terminal) + the nights separate trips would have paid
  twice - the nights of the shared trip that no separate trip has (waiting days between
  meetings more than one free day apart). So the saving is never negative when no two
  consecutive meetings are more than one free day apart; a long wait between meetings can
  cost more than flying home and back, and then the saving is honestly negative.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from decimal import Decimal

from core.money import allocate, quantize

ONE_DAY = datetime.timedelta(days=1)

DEFAULT = "first_meeting_pays_journey"
PRO_RATA_DAYS = "pro_rata_days"
RULES = (DEFAULT, PRO_RATA_DAYS)


class SplitError(ValueError):
    """The trip cannot be split as given (the message says why)."""


class MissingRate(SplitError):
    """No DSA rate is known for a night the costing needs."""

    def __init__(self, night: datetime.date):
        self.night = night
        super().__init__(f"No DSA rate for the night of {night.isoformat()}.")


def _rate(trip: TripCosting, night: datetime.date) -> Decimal:
    try:
        return quantize(trip.rate_on(night))
    except LookupError:
        raise MissingRate(night) from None


@dataclass(frozen=True)
class MeetingStay:
    """One meeting the trip serves, with the programme that sponsors the delegate for it."""

    meeting: Hashable
    programme: Hashable
    start: datetime.date
    end: datetime.date
    cancelled: bool = False

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class TripCosting:
    """What a trip costs: dates, fares, the DSA rate of each date, and the meetings served."""

    arrival: datetime.date
    departure: datetime.date
    airfare: Decimal
    terminal: Decimal
    meetings: tuple[MeetingStay, ...]
    rate_on: Callable[[datetime.date], Decimal]


@dataclass
class Share:
    """One programme's part of a trip."""

    programme: Hashable
    airfare: Decimal = Decimal("0.00")
    terminal: Decimal = Decimal("0.00")
    dsa: Decimal = Decimal("0.00")
    nights: list[datetime.date] = field(default_factory=list)
    amount: Decimal = Decimal("0.00")

    @property
    def night_count(self) -> int:
        return len(self.nights)


@dataclass(frozen=True)
class Split:
    rule: str
    total: Decimal
    dsa_total: Decimal
    nights: tuple[datetime.date, ...]
    shares: tuple[Share, ...]


@dataclass(frozen=True)
class Savings:
    """Separate trips' cost per programme and in total, against the shared trip."""

    separate_total: Decimal
    shared_total: Decimal
    separate_by_programme: dict
    saving_by_programme: dict

    @property
    def saving(self) -> Decimal:
        return self.separate_total - self.shared_total


def nights_between(arrival: datetime.date, departure: datetime.date) -> list[datetime.date]:
    """The nights of a stay, each named by the date it begins."""
    return [arrival + ONE_DAY * i for i in range((departure - arrival).days)]


def active_meetings(meetings) -> list[MeetingStay]:
    return sorted((m for m in meetings if not m.cancelled), key=lambda m: (m.start, m.end))


def serving_meeting(night: datetime.date, meetings: list[MeetingStay]) -> MeetingStay:
    """The meeting a night serves, among active meetings sorted by start.

    1. the meeting held the next day (the delegate sleeps there to attend it);
    2. else the meeting held that day (the night after its last day: no flight home that day);
    3. else the next meeting (arrived early, or a gap day spent waiting for it);
    4. else the last meeting before (a late departure).
    """
    following = night + ONE_DAY
    for meeting in meetings:
        if meeting.start <= following <= meeting.end:
            return meeting
    for meeting in meetings:
        if meeting.start <= night <= meeting.end:
            return meeting
    later = [m for m in meetings if m.start > night]
    if later:
        return later[0]
    return meetings[-1]


def _check(trip: TripCosting) -> list[MeetingStay]:
    if trip.departure <= trip.arrival:
        raise SplitError("The departure must be after the arrival.")
    if trip.airfare < 0 or trip.terminal < 0:
        raise SplitError("Amounts cannot be negative.")
    meetings = active_meetings(trip.meetings)
    if not meetings:
        raise SplitError("The trip serves no meeting that is still held.")
    for meeting in meetings:
        if meeting.start < trip.arrival or meeting.end > trip.departure:
            raise SplitError(f"The stay does not cover the meeting {meeting.meeting}.")
    return meetings


def split_trip(trip: TripCosting, rule: str = DEFAULT) -> Split:
    """The shares of one trip under `rule`; they always add up exactly to the total."""
    if rule not in RULES:
        raise SplitError(f"Unknown split rule {rule!r}.")
    meetings = _check(trip)
    airfare, terminal = quantize(trip.airfare), quantize(trip.terminal)
    nights = nights_between(trip.arrival, trip.departure)
    rates = {night: _rate(trip, night) for night in nights}
    dsa_total = sum(rates.values(), Decimal("0.00"))
    total = airfare + terminal + dsa_total

    shares: dict = {}
    for meeting in meetings:  # one share per programme, in the order of their first meeting
        shares.setdefault(meeting.programme, Share(programme=meeting.programme))
    for night in nights:
        shares[serving_meeting(night, meetings).programme].nights.append(night)

    if rule == DEFAULT:
        first = shares[meetings[0].programme]
        first.airfare, first.terminal = airfare, terminal
        for share in shares.values():
            share.dsa = sum((rates[n] for n in share.nights), Decimal("0.00"))
            share.amount = share.airfare + share.terminal + share.dsa
    else:
        days: dict = dict.fromkeys(shares, 0)
        for meeting in meetings:
            days[meeting.programme] += meeting.days
        programmes = list(shares)
        weights = [days[p] for p in programmes]
        for key, amount in (("airfare", airfare), ("terminal", terminal),
                            ("dsa", dsa_total)):
            for programme, value in zip(programmes, allocate(amount, weights), strict=True):
                setattr(shares[programme], key, value)
        for share in shares.values():
            share.amount = share.airfare + share.terminal + share.dsa
    return Split(rule=rule, total=total, dsa_total=dsa_total, nights=tuple(nights),
                 shares=tuple(shares.values()))


def separate_stay(trip: TripCosting, meetings: list[MeetingStay],
                  index: int) -> tuple[datetime.date, datetime.date]:
    """Arrival and departure of a separate trip to `meetings[index]` alone (meetings: the
    active ones, sorted by start).

    A separate trip arrives the eve of the meeting's first day and leaves the morning after
    its last, but keeps the delegate's own choices at the ends of the stay: the trip to the
    meeting that opens the stay arrives when the delegate did (on the first day, or days
    before), the trip to the meeting that closes it leaves when the delegate did (on the last
    day, or days after), and no separate trip starts before the delegate's arrival or ends
    after their departure. So every separate night is a night of the shared trip, and the two
    differ only by what sharing the journey changes."""
    meeting = meetings[index]
    latest_end = max(m.end for m in meetings)
    closing = max(i for i, m in enumerate(meetings) if m.end == latest_end)
    arrival = trip.arrival if index == 0 else max(trip.arrival, meeting.start - ONE_DAY)
    departure = (trip.departure if index == closing
                 else min(trip.departure, meeting.end + ONE_DAY))
    return arrival, departure


def separate_trip_cost(trip: TripCosting, meetings: list[MeetingStay], index: int) -> Decimal:
    """One trip to `meetings[index]` alone: the same fares, the nights of `separate_stay`."""
    nights = nights_between(*separate_stay(trip, meetings, index))
    dsa = sum((_rate(trip, n) for n in nights), Decimal("0.00"))
    return quantize(trip.airfare) + quantize(trip.terminal) + dsa


def savings(trip: TripCosting, split: Split) -> Savings:
    """What separate trips would have cost, per programme and in total. A trip to a single
    meeting saves nothing by definition (it is not a shared trip)."""
    meetings = _check(trip)
    by_share = {share.programme: share.amount for share in split.shares}
    if len(meetings) == 1:
        return Savings(separate_total=split.total, shared_total=split.total,
                       separate_by_programme=dict(by_share),
                       saving_by_programme=dict.fromkeys(by_share, Decimal("0.00")))
    separate: dict = dict.fromkeys(by_share, Decimal("0.00"))
    for index, meeting in enumerate(meetings):
        separate[meeting.programme] += separate_trip_cost(trip, meetings, index)
    return Savings(
        separate_total=sum(separate.values(), Decimal("0.00")),
        shared_total=split.total,
        separate_by_programme=separate,
        saving_by_programme={p: separate[p] - by_share[p] for p in separate},
    )
