"""Reads of the meetings app, with their prefetching; clustering is computed on `Slot`s built
here from the database (see clustering.py for the rules)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cache

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from core.dates import add_days
from treaties import selectors as treaties_selectors
from treaties.models import Convention, Membership, State, ThematicArea

from . import clustering
from .enums import MeetingStatus, RegistrationStatus
from .models import (
    Meeting,
    MeetingDateChange,
    MeetingDocument,
    ProposalAcceptance,
    Registration,
    Session,
)


def max_gap_days() -> int:
    return settings.MEETING_CLUSTER_MAX_GAP_DAYS


def proposal_window_days() -> int:
    """Meetings in the same city this close could be moved next to each other."""
    return getattr(settings, "MEETING_PROPOSAL_WINDOW_DAYS", 42)


CONVENTIONS_PREFETCH = Prefetch(
    "conventions", queryset=Convention.objects.only("id", "code", "short_name", "ordering_key"))


def meetings_list() -> QuerySet[Meeting]:
    """Every meeting (the calendar is public), with conventions and themes prefetched."""
    return Meeting.objects.select_related("kind").prefetch_related(
        CONVENTIONS_PREFETCH,
        Prefetch("thematic_areas", queryset=ThematicArea.objects.all()),
    )


def meetings_for_user(user) -> QuerySet[Meeting]:
    """Meetings are public facts: everyone sees the same calendar."""
    return meetings_list()


def meeting_detail(pk: int) -> Meeting:
    return meetings_list().prefetch_related(
        Prefetch("sessions", queryset=Session.objects.order_by("date", "start_time", "id")),
        Prefetch("documents", queryset=MeetingDocument.objects.select_related("uploaded_by")),
        Prefetch("date_changes", queryset=MeetingDateChange.objects.select_related("changed_by")),
    ).annotate(
        approved_count=Count("registrations",
                             filter=Q(registrations__status=RegistrationStatus.APPROVED)),
    ).get(pk=pk)


# --- Slots and clusters -----------------------------------------------------------------------

def slot_of(meeting: Meeting) -> clustering.Slot:
    return clustering.Slot(
        id=meeting.pk,
        conventions=frozenset(c.code for c in meeting.conventions.all()),
        city=meeting.city,
        country=str(meeting.country),
        start=meeting.start_date,
        end=meeting.end_date,
        status=meeting.status,
        title=meeting.title,
    )


def slots_between(start: datetime.date | None, end: datetime.date | None
                  ) -> dict[int, clustering.Slot]:
    """Slots of every active meeting in [start, end], widened by the cluster gap so a cluster
    crossing the edge is still seen whole. Two queries."""
    gap = max_gap_days() + 1
    qs = Meeting.objects.active().between(start and add_days(start, -gap),
                                          end and add_days(end, gap))
    meetings = qs.only("id", "city", "country", "start_date", "end_date", "status", "title") \
        .prefetch_related(Prefetch("conventions", queryset=Convention.objects.only("id", "code")))
    return {m.pk: slot_of(m) for m in meetings}


@dataclass(frozen=True)
class ClusterView:
    """A cluster with its meetings, for pages and the API.

    `states_party_to_all`: States party to every convention of the cluster on each meeting's
    first day, whose delegates have business at every meeting (they save the most);
    `states_party_to_some`: States party to at least one of them.
    """

    cluster: clustering.Cluster
    meetings: list[Meeting]
    states_party_to_all: int = 0
    states_party_to_some: int = 0

    def __getattr__(self, name):
        return getattr(self.cluster, name)


def clusters_between(start=None, end=None, *, city: str | None = None) -> list[ClusterView]:
    """Back-to-back clusters with at least one day in [start, end]."""
    slots = slots_between(start, end)
    found = clustering.find_clusters(slots.values(), max_gap=max_gap_days())
    found = [c for c in found
             if (start is None or c.end >= start) and (end is None or c.start <= end)
             and (not city or c.city.casefold() == city.strip().casefold())]
    ids = {i for c in found for i in c.meeting_ids}
    meetings = {m.pk: m for m in meetings_list().filter(pk__in=ids)}
    parties = PartiesIndex({code for c in found for code in c.conventions}) if found else None
    views = []
    for c in found:
        per_convention = [parties(code, slot.start) for slot in c.slots
                          for code in slot.conventions]
        views.append(ClusterView(
            cluster=c, meetings=[meetings[i] for i in c.meeting_ids],
            states_party_to_all=len(frozenset.intersection(*per_convention)),
            states_party_to_some=len(frozenset().union(*per_convention)),
        ))
    return views


def cluster_index(meetings) -> dict[int, clustering.Cluster]:
    """meeting id -> its cluster, for a page that shows `meetings` (2 queries)."""
    meetings = list(meetings)
    if not meetings:
        return {}
    start = min(m.start_date for m in meetings)
    end = max(m.end_date for m in meetings)
    return clustering.cluster_of(slots_between(start, end).values(), max_gap=max_gap_days())


# --- Parties, conflicts, proposals ------------------------------------------------------------

class PartiesIndex:
    """Who is party to which convention on which day, from one query of the memberships."""

    def __init__(self, codes=None):
        qs = Membership.objects.all()
        if codes is not None:
            qs = qs.filter(convention__code__in=list(codes))
        self._rows: dict[str, list] = defaultdict(list)
        for code, state_id, effective, withdrawn in qs.values_list(
                "convention__code", "state_id", "effective_on", "withdrawal_effective_on"):
            self._rows[code].append((state_id, effective, withdrawn))
        self.lookup = cache(self._parties)

    def _parties(self, code: str, day: datetime.date) -> frozenset[int]:
        return frozenset(state for state, effective, withdrawn in self._rows.get(code, ())
                         if effective <= day and (withdrawn is None or withdrawn > day))

    def __call__(self, code: str, day: datetime.date) -> frozenset[int]:
        return self.lookup(code, day)


@dataclass(frozen=True)
class ConflictView:
    conflict: clustering.Conflict
    a: Meeting
    b: Meeting
    shared_states: list[State]

    def __getattr__(self, name):
        return getattr(self.conflict, name)


def conflicts_between(start=None, end=None) -> list[ConflictView]:
    slots = slots_between(start, end)
    codes = {code for s in slots.values() for code in s.conventions}
    found = clustering.find_conflicts(slots.values(), parties=PartiesIndex(codes))
    found = [c for c in found if (start is None or c.overlap_end >= start)
             and (end is None or c.overlap_start <= end)]
    ids = {i for c in found for i in (c.a.id, c.b.id)}
    meetings = {m.pk: m for m in meetings_list().filter(pk__in=ids)}
    state_ids = {s for c in found for s in c.shared_state_ids}
    states = {s.pk: s for s in State.objects.filter(pk__in=state_ids)}
    return [ConflictView(conflict=c, a=meetings[c.a.id], b=meetings[c.b.id],
                         shared_states=sorted((states[i] for i in c.shared_state_ids),
                                              key=lambda s: s.iso3))
            for c in found]


@dataclass(frozen=True)
class ProposalView:
    proposal: clustering.Proposal
    moved: Meeting
    anchor: Meeting

    def __getattr__(self, name):
        return getattr(self.proposal, name)


def proposals_from(today: datetime.date | None = None, *, window_days=None) -> list[ProposalView]:
    """Date shifts that would form clusters, for meetings that have not started yet."""
    today = today or timezone.localdate()
    window = proposal_window_days() if window_days is None else window_days
    slots = slots_between(today, None)
    found = clustering.propose_shifts(slots.values(), max_gap=max_gap_days(),
                                      window_days=window, today=today)
    ids = {i for p in found for i in (p.moved.id, p.anchor.id)}
    meetings = {m.pk: m for m in meetings_list().filter(pk__in=ids)}
    return [ProposalView(proposal=p, moved=meetings[p.moved.id], anchor=meetings[p.anchor.id])
            for p in found]


def proposal_by_key(key: str, today: datetime.date | None = None) -> ProposalView | None:
    """The current proposal with this key, or None (the calendar changed since)."""
    return next((p for p in proposals_from(today) if p.key == key), None)


@dataclass(frozen=True)
class AffectedMeeting:
    """A meeting of the preview with its dates before and after the move."""

    meeting: Meeting
    before: tuple[datetime.date, datetime.date]
    after: tuple[datetime.date, datetime.date]

    @property
    def moves(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class ProposalPreview:
    """The calendar around a proposed date shift, before and after: the affected meetings
    (the moved one, the meetings of the cluster it would join, those it would conflict with),
    the conflicts the move would create, and which owning ISUs accepted it so far."""

    proposal: ProposalView
    affected: list[AffectedMeeting]
    new_conflicts: list[ConflictView]
    cluster_after: clustering.Cluster | None
    accepted: list[ProposalAcceptance] = field(default_factory=list)
    waiting_for: list[str] = field(default_factory=list)

    @property
    def creates_conflicts(self) -> bool:
        return bool(self.new_conflicts)

    def __getattr__(self, name):
        return getattr(self.proposal, name)


def _pair(conflict: clustering.Conflict) -> frozenset[int]:
    return frozenset((conflict.a.id, conflict.b.id))


def acceptances_of(meeting: Meeting, new_start, new_end) -> list[ProposalAcceptance]:
    """The owning ISUs' acceptances of moving `meeting` from its current dates to these."""
    return list(ProposalAcceptance.objects.filter(
        meeting=meeting, from_start=meeting.start_date, from_end=meeting.end_date,
        new_start=new_start, new_end=new_end,
    ).select_related("convention", "accepted_by").order_by("accepted_at", "id"))


def proposal_preview(proposal: ProposalView) -> ProposalPreview:
    """What accepting `proposal` would do to the calendar (computed, nothing saved)."""
    moved = proposal.moved
    low = min(moved.start_date, proposal.new_start)
    high = max(moved.end_date, proposal.new_end)
    before = slots_between(low, high)
    after = dict(before)
    after[moved.pk] = replace(before[moved.pk], start=proposal.new_start, end=proposal.new_end)
    parties = PartiesIndex({code for s in before.values() for code in s.conventions})
    existing = {_pair(c) for c in clustering.find_conflicts(before.values(), parties=parties)
                if moved.pk in _pair(c)}
    created = [c for c in clustering.find_conflicts(after.values(), parties=parties)
               if moved.pk in _pair(c) and _pair(c) not in existing]
    cluster = clustering.cluster_of(after.values(), max_gap=max_gap_days()).get(moved.pk)
    ids = {moved.pk, proposal.anchor.pk, *(cluster.meeting_ids if cluster else ()),
           *(i for c in created for i in _pair(c))}
    meetings = {m.pk: m for m in meetings_list().filter(pk__in=ids)}
    states = {s.pk: s for s in State.objects.filter(
        pk__in={i for c in created for i in c.shared_state_ids})}
    affected = sorted(
        (AffectedMeeting(meeting=meetings[i], before=(before[i].start, before[i].end),
                         after=(after[i].start, after[i].end)) for i in ids),
        key=lambda a: (a.after, a.meeting.pk))
    accepted = acceptances_of(moved, proposal.new_start, proposal.new_end)
    done = {a.convention_id for a in accepted}
    return ProposalPreview(
        proposal=proposal, affected=affected, cluster_after=cluster,
        new_conflicts=[ConflictView(conflict=c, a=meetings[c.a.id], b=meetings[c.b.id],
                                    shared_states=sorted((states[i] for i in c.shared_state_ids),
                                                         key=lambda s: s.iso3))
                       for c in created],
        accepted=accepted,
        waiting_for=sorted(c.code for c in moved.conventions.all() if c.pk not in done),
    )


# --- Who may attend ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Attendance:
    """Whether a State's delegates may attend a meeting, as party or observer, and why not."""

    allowed: bool
    as_observer: bool = False
    reason: str = ""


def attendance_of(state: State, meeting: Meeting) -> Attendance:
    """A delegate may attend when the State is a party to one of the meeting's conventions on
    its first day, or as an observer when the meeting admits observers."""
    conventions = list(meeting.conventions.all())
    for convention in conventions:
        if treaties_selectors.is_party_on(state, convention, meeting.start_date):
            return Attendance(allowed=True)
    codes = ", ".join(c.code for c in conventions) or "—"
    joins = _joins_later(state, meeting, conventions)
    if meeting.admits_observers:
        return Attendance(allowed=True, as_observer=True, reason=_(
            "%(state)s is not a party to %(conventions)s on %(date)s; its delegates attend "
            "as observers."
        ) % {"state": state.name, "conventions": codes, "date": meeting.start_date} + joins)
    return Attendance(allowed=False, reason=_(
        "%(state)s is not a party to %(conventions)s on %(date)s, and this meeting does not "
        "admit observers."
    ) % {"state": state.name, "conventions": codes, "date": meeting.start_date} + joins)


def _joins_later(state: State, meeting: Meeting, conventions) -> str:
    """" It is a party to X from <date>." when the State becomes a party to one of the
    meeting's conventions after the first day (a party only from mid-meeting or later is still
    refused: the rule looks at the first day), else ""."""
    membership = (Membership.objects
                  .filter(state=state, convention__in=conventions,
                          effective_on__gt=meeting.start_date)
                  .filter(Q(withdrawal_effective_on__isnull=True)
                          | Q(withdrawal_effective_on__gt=F("effective_on")))
                  .select_related("convention").order_by("effective_on").first())
    if membership is None:
        return ""
    return " " + _("It is a party to %(convention)s from %(date)s.") % {
        "convention": membership.convention.code, "date": membership.effective_on}


def _party_on_start_date(state_id: int):
    """An Exists() true when the State is party to one of the outer meeting's conventions on
    the meeting's first day."""
    through = Meeting.conventions.through
    memberships = Membership.objects.filter(
        state_id=state_id, convention_id=OuterRef("convention_id"),
        effective_on__lte=OuterRef("meeting__start_date"),
    ).filter(Q(withdrawal_effective_on__isnull=True)
             | Q(withdrawal_effective_on__gt=OuterRef("meeting__start_date")))
    return Exists(through.objects.filter(meeting_id=OuterRef("pk")).filter(Exists(memberships)))


def open_to_state(queryset: QuerySet[Meeting], state: State) -> QuerySet[Meeting]:
    """The active meetings of `queryset` the State's delegates may attend, annotated with
    `state_is_party` (False: as observer)."""
    return (
        queryset.active()
        .annotate(state_is_party=_party_on_start_date(state.pk))
        .filter(Q(state_is_party=True) | Q(admits_observers=True))
    )


def meetings_for_state(state: State) -> QuerySet[Meeting]:
    """Every active meeting the State's delegates may attend across conventions."""
    return open_to_state(meetings_list(), state)


# --- Registrations ----------------------------------------------------------------------------

def registrations_for_user(user, *, meeting: Meeting | None = None) -> QuerySet[Registration]:
    """Registrations the user may see: all of the meetings they manage (and, for host staff,
    all), their own State's delegation, and their own."""
    qs = Registration.objects.select_related("meeting", "state", "user")
    if meeting is not None:
        qs = qs.filter(meeting=meeting)
    scope = access.scope_of(user)
    if not scope.authenticated:
        return qs.none()
    if scope.administrator or scope.host_staff:
        return qs
    visible = Q(user_id=user.pk)
    if scope.state_ids:
        visible |= Q(state_id__in=scope.state_ids)
    if scope.staff_convention_ids:
        visible |= Q(meeting__in=Meeting.conventions.through.objects.filter(
            convention_id__in=scope.staff_convention_ids).values("meeting_id"))
    return qs.filter(visible)


def participants_of(meeting: Meeting, user) -> QuerySet[Registration]:
    """The participant list of one meeting as the user may see it (active registrations)."""
    return registrations_for_user(user, meeting=meeting).filter(
        status__in=RegistrationStatus.ACTIVE
    ).prefetch_related(
        Prefetch("meeting__conventions", queryset=Convention.objects.only("id", "code"))
    ).order_by("state__iso3", "role", "full_name", "id")


def upcoming_registrations_of(user, *, limit=5) -> list[Registration]:
    today = timezone.localdate()
    return list(
        Registration.objects.select_related("meeting", "state")
        .filter(user=user, status__in=RegistrationStatus.ACTIVE, meeting__end_date__gte=today)
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .order_by("meeting__start_date")[:limit]
    )
