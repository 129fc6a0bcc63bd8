"""Back-to-back clusters, conflicts and date-shift proposals, as plain functions of a calendar.

A calendar is a list of `Slot`s (built from meetings by `selectors.slots_from_meetings`, or by
hand in tests). Nothing here touches the database.

- A **cluster** is a run of meetings in the same city (and country) where each starts at most
  `max_gap` free days after the run so far ends, and which together serve at least two
  conventions. A delegate attends the whole run on one trip (DOMAIN.md ¶18–19). Cancelled
  meetings never cluster.
- A **conflict** is two active meetings whose dates overlap, in different places or of different
  conventions, while some State is a party to a convention of each: its delegates cannot be in
  both rooms.
- A **proposal** moves one meeting so that it lands back to back with another meeting of a
  different convention in the same city, when the two are within a few weeks of each other.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from core.dates import add_days

CANCELLED = "cancelled"
MOVABLE = frozenset({"planned", "confirmed"})
# One day out and one day back per trip: what a delegate saves for each trip avoided.
TRAVEL_DAYS_PER_TRIP = 2


@dataclass(frozen=True)
class Slot:
    """What clustering needs to know of one meeting."""

    id: int
    conventions: frozenset[str]
    city: str
    country: str
    start: datetime.date
    end: datetime.date
    status: str = "planned"
    title: str = ""

    @property
    def place(self) -> tuple[str, str]:
        """Cities compare without case or spacing mattering to the writer."""
        return (" ".join(self.city.split()).casefold(), (self.country or "").upper())

    @property
    def active(self) -> bool:
        return self.status != CANCELLED

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def free_days_between(first_end: datetime.date, second_start: datetime.date) -> int:
    """Days with no meeting between one meeting's end and the next one's start (negative when
    they overlap): 23 June to 25 June is one free day."""
    return (second_start - first_end).days - 1


@dataclass(frozen=True)
class Cluster:
    """Meetings a delegate can attend on one trip."""

    slots: tuple[Slot, ...]

    @property
    def start(self) -> datetime.date:
        return min(s.start for s in self.slots)

    @property
    def end(self) -> datetime.date:
        return max(s.end for s in self.slots)

    @property
    def city(self) -> str:
        return self.slots[0].city

    @property
    def country(self) -> str:
        return self.slots[0].country

    @property
    def conventions(self) -> frozenset[str]:
        return frozenset().union(*(s.conventions for s in self.slots))

    @property
    def meeting_ids(self) -> tuple[int, ...]:
        return tuple(s.id for s in self.slots)

    @property
    def sequential_meetings(self) -> int:
        """How many of the cluster's meetings one delegate can attend in full, one after the
        other: meetings held on the same days share a trip but cannot each be attended."""
        count, last_end = 0, None
        for s in sorted(self.slots, key=lambda s: (s.end, s.start, s.id)):
            if last_end is None or s.start > last_end:
                count, last_end = count + 1, s.end
        return count

    @property
    def trips_saved(self) -> int:
        """Separate trips would be one per meeting a delegate can attend in full; the cluster is
        one trip. Overlapping meetings save nothing (moving a meeting onto another's days
        makes a conflict, not a saving)."""
        return self.sequential_meetings - 1

    @property
    def overlaps(self) -> list[tuple[Slot, Slot]]:
        """Pairs of meetings of different conventions held on some of the same days."""
        ordered = sorted(self.slots, key=lambda s: (s.start, s.id))
        return [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:]
                if b.start <= a.end and a.conventions != b.conventions]

    @property
    def travel_days_saved(self) -> int:
        return self.trips_saved * TRAVEL_DAYS_PER_TRIP

    @property
    def stay_days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def gap_days(self) -> int:
        """Free days inside the cluster, which the delegate stays over (¶18: the other
        programme can cover them)."""
        meeting_days = set()
        for s in self.slots:
            meeting_days.update(add_days(s.start, i) for i in range(s.days))
        return self.stay_days - len(meeting_days)


def _runs_by_place(slots: Iterable[Slot], max_gap: int) -> list[list[Slot]]:
    """Chains of active meetings per place where each starts within `max_gap` free days of the
    chain's end so far (overlapping meetings chain too)."""
    by_place: dict[tuple[str, str], list[Slot]] = defaultdict(list)
    for slot in slots:
        if slot.active:
            by_place[slot.place].append(slot)
    runs = []
    for place_slots in by_place.values():
        place_slots.sort(key=lambda s: (s.start, s.end, s.id))
        run: list[Slot] = []
        run_end = None
        for slot in place_slots:
            if run and free_days_between(run_end, slot.start) <= max_gap:
                run.append(slot)
                run_end = max(run_end, slot.end)
            else:
                if run:
                    runs.append(run)
                run, run_end = [slot], slot.end
        if run:
            runs.append(run)
    return runs


def find_clusters(slots: Iterable[Slot], *, max_gap: int) -> list[Cluster]:
    """Back-to-back clusters, ordered by start date."""
    clusters = [
        Cluster(slots=tuple(run)) for run in _runs_by_place(slots, max_gap)
        if len(run) >= 2 and len(frozenset().union(*(s.conventions for s in run))) >= 2
    ]
    return sorted(clusters, key=lambda c: (c.start, c.city, c.meeting_ids))


def cluster_of(slots: Iterable[Slot], *, max_gap: int) -> dict[int, Cluster]:
    """meeting id -> the cluster it belongs to (meetings in no cluster are absent)."""
    return {slot.id: cluster for cluster in find_clusters(slots, max_gap=max_gap)
            for slot in cluster.slots}


@dataclass(frozen=True)
class Conflict:
    """Two meetings at the same time that the same States' delegates would attend."""

    a: Slot
    b: Slot
    shared_state_ids: frozenset[int]
    overlap_start: datetime.date
    overlap_end: datetime.date
    same_place: bool

    @property
    def shared_states_count(self) -> int:
        return len(self.shared_state_ids)


PartiesLookup = Callable[[str, datetime.date], frozenset[int] | set[int]]


def _parties_of(slot: Slot, parties: PartiesLookup) -> set[int]:
    found: set[int] = set()
    for code in slot.conventions:
        found |= set(parties(code, slot.start))
    return found


def find_conflicts(slots: Iterable[Slot], *, parties: PartiesLookup) -> list[Conflict]:
    """Overlapping active meetings whose conventions share States Parties.

    `parties(convention_code, day)` gives the ids of the States party on that day. Meetings of
    the same conventions in the same place are parts of one event (a meeting and its side
    sessions), not a conflict.
    """
    active = sorted((s for s in slots if s.active), key=lambda s: (s.start, s.id))
    conflicts = []
    cache: dict[int, set[int]] = {}
    for i, a in enumerate(active):
        for b in active[i + 1:]:
            if b.start > a.end:
                break  # sorted by start: no later meeting overlaps a
            same_place = a.place == b.place
            if same_place and a.conventions == b.conventions:
                continue
            if a.id not in cache:
                cache[a.id] = _parties_of(a, parties)
            if b.id not in cache:
                cache[b.id] = _parties_of(b, parties)
            shared = cache[a.id] & cache[b.id]
            if shared:
                conflicts.append(Conflict(
                    a=a, b=b, shared_state_ids=frozenset(shared),
                    overlap_start=max(a.start, b.start), overlap_end=min(a.end, b.end),
                    same_place=same_place,
                ))
    return conflicts


@dataclass(frozen=True)
class Proposal:
    """Move `moved` by `shift_days` so that it sits back to back with `anchor`."""

    moved: Slot
    anchor: Slot
    new_start: datetime.date
    new_end: datetime.date
    free_days_after: int

    @property
    def shift_days(self) -> int:
        return (self.new_start - self.moved.start).days

    @property
    def key(self) -> str:
        """Identifies the proposal in a form: meeting id and new start date."""
        return f"{self.moved.id}:{self.new_start.isoformat()}"


def _weekend_days(start: datetime.date, end: datetime.date) -> int:
    return sum(1 for i in range((end - start).days + 1)
               if (start + datetime.timedelta(days=i)).weekday() >= 5)


def _overlaps(start, end, other: Slot) -> bool:
    return start <= other.end and other.start <= end


def _best_shift(moved: Slot, anchor: Slot, *, before: bool, max_gap: int,
                others: list[Slot], today: datetime.date | None) -> Proposal | None:
    """The shift placing `moved` just after (or before) `anchor` with at most `max_gap` free
    days between, preferring whole weeks (the meeting keeps its weekdays), then no weekend
    days, then the fewest free days between, then the smallest move; never onto another
    meeting of the same conventions, never into the past."""
    length = moved.days - 1
    candidates = []
    for gap in range(max_gap + 1):
        if before:
            new_end = add_days(anchor.start, -(gap + 1))
            new_start = add_days(new_end, -length)
        else:
            new_start = add_days(anchor.end, gap + 1)
            new_end = add_days(new_start, length)
        if (new_end - new_start).days != length:
            continue  # would leave the calendar (a date stored out of range)
        if new_start == moved.start:
            continue
        if today is not None and new_start <= today:
            continue
        clashes = any(
            o.id not in (moved.id, anchor.id) and o.conventions & moved.conventions
            and _overlaps(new_start, new_end, o)
            for o in others
        )
        if clashes:
            continue
        shift = (new_start - moved.start).days
        candidates.append((shift % 7 != 0, _weekend_days(new_start, new_end), gap, abs(shift),
                           Proposal(moved=moved, anchor=anchor, new_start=new_start,
                                    new_end=new_end, free_days_after=gap)))
    if not candidates:
        return None
    return min(candidates, key=lambda c: c[:4])[-1]


def propose_shifts(slots: Iterable[Slot], *, max_gap: int, window_days: int,
                   today: datetime.date | None = None) -> list[Proposal]:
    """Date shifts that would form clusters.

    Two active meetings of different conventions in the same place, not already in one
    cluster, whose free days between are more than `max_gap` but at most `window_days`: propose
    moving the later one earlier (to follow the first) and the earlier one later (to precede
    the second), where each may still move (planned or confirmed, not yet started).
    """
    slots = list(slots)
    active = [s for s in slots if s.active]
    clustered = cluster_of(active, max_gap=max_gap)
    by_place: dict[tuple[str, str], list[Slot]] = defaultdict(list)
    for slot in active:
        by_place[slot.place].append(slot)
    proposals: list[Proposal] = []
    seen: set[str] = set()
    for place_slots in by_place.values():
        place_slots.sort(key=lambda s: (s.start, s.id))
        for i, first in enumerate(place_slots):
            for second in place_slots[i + 1:]:
                gap = free_days_between(first.end, second.start)
                if gap > window_days:
                    break
                if gap <= max_gap or first.conventions == second.conventions:
                    continue
                a_cluster, b_cluster = clustered.get(first.id), clustered.get(second.id)
                if a_cluster is not None and a_cluster is b_cluster:
                    continue
                options = []
                if second.status in MOVABLE and (today is None or second.start > today):
                    options.append(_best_shift(second, first, before=False, max_gap=max_gap,
                                               others=active, today=today))
                if first.status in MOVABLE and (today is None or first.start > today):
                    options.append(_best_shift(first, second, before=True, max_gap=max_gap,
                                               others=active, today=today))
                for proposal in options:
                    if proposal is not None and proposal.key not in seen:
                        seen.add(proposal.key)
                        proposals.append(proposal)
    return sorted(proposals, key=lambda p: (p.anchor.start, abs(p.shift_days), p.moved.id))
