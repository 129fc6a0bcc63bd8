"""Reads of the sponsorship programmes, filtered by who asks (see rules.py)."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from accounts import access
from core.money import quantize
from meetings.models import Meeting
from treaties.models import Membership

from .enums import ApplicationStatus
from .models import (
    Application,
    ApplicationMeeting,
    Contribution,
    CostShare,
    Donor,
    Programme,
    Trip,
)

ZERO = Decimal("0.00")


def programmes_list() -> QuerySet[Programme]:
    return Programme.objects.select_related("convention")


def programmes_for_finances(user) -> QuerySet[Programme]:
    """Programmes whose accounts the user may see."""
    scope = access.scope_of(user)
    qs = programmes_list()
    if scope.administrator or scope.host_staff:
        return qs
    return qs.filter(convention_id__in=scope.staff_convention_ids)


def open_programmes(states, meeting, first_day) -> QuerySet[Programme]:
    """Active programmes of `meeting`'s conventions that may sponsor one of `states` on the
    meeting's `first_day`: any State if the programme sponsors observers, else only States
    Parties on that day (the eligibility rule of `services.eligibility_problems`). `meeting`
    and `first_day` are values, or OuterRefs when used inside a query of meetings."""
    party = Membership.objects.in_force_on(first_day).filter(
        state__in=states, convention=OuterRef("convention_id"))
    return Programme.objects.filter(is_active=True, convention__meetings=meeting).filter(
        Q(sponsors_observers=True) | Exists(party))


def meetings_open_for_application(states, *, today=None) -> QuerySet[Meeting]:
    """Meetings a State may still ask sponsorship for: not cancelled, first day after today
    (in the portal's time zone), with a programme open to the State (`open_programmes`)."""
    today = today or timezone.localdate()
    programmes = open_programmes(states, OuterRef("pk"), OuterRef(OuterRef("start_date")))
    return (Meeting.objects.exclude(status="cancelled").filter(start_date__gt=today)
            .filter(Exists(programmes)).order_by("start_date", "end_date", "pk"))


def _application_prefetches():
    return [
        Prefetch("meeting_lines", queryset=ApplicationMeeting.objects.select_related(
            "meeting", "programme__convention")),
        "nominees",
    ]


def applications_for_user(user) -> QuerySet[Application]:
    """A State's own applications for its representatives; submitted ones for the managers of
    a programme they ask for; everything for administrators."""
    scope = access.scope_of(user)
    qs = Application.objects.select_related("state").prefetch_related(*_application_prefetches())
    if not scope.authenticated:
        return qs.none()
    if scope.administrator:
        return qs
    visible = Q(state_id__in=scope.state_ids)
    staff_seen = Q(status__in=ApplicationStatus.VISIBLE_TO_STAFF)
    if scope.host_staff:
        visible |= staff_seen
    elif scope.staff_convention_ids:
        visible |= staff_seen & Q(pk__in=ApplicationMeeting.objects.filter(
            programme__convention_id__in=scope.staff_convention_ids).values("application_id"))
    return qs.filter(visible)


def application_detail(user, pk) -> Application:
    return applications_for_user(user).select_related("award_letter").prefetch_related(
        Prefetch("trips", queryset=Trip.objects.select_related("nominee").prefetch_related(
            Prefetch("shares", queryset=CostShare.objects.select_related(
                "programme__convention", "approved_by")))),
        "events__actor",
    ).get(pk=pk)


def trips_for_user(user) -> QuerySet[Trip]:
    return Trip.objects.filter(application__in=applications_for_user(user).values("pk")) \
        .select_related("nominee", "application__state").prefetch_related(
            Prefetch("shares", queryset=CostShare.objects.select_related("programme__convention")),
            Prefetch("application__meeting_lines",
                     queryset=ApplicationMeeting.objects.select_related("meeting")),
        )


def contributions_for_user(user) -> QuerySet[Contribution]:
    return Contribution.objects.filter(programme__in=programmes_for_finances(user).values("pk")) \
        .select_related("programme__convention", "donor", "earmarked_meeting")


def donors_list() -> QuerySet[Donor]:
    return Donor.objects.select_related("state")


@dataclass(frozen=True)
class Position:
    """A programme's money: received from donors, committed (approved), spent (settled)."""

    currency: str
    received: Decimal
    committed: Decimal
    spent: Decimal

    @property
    def available(self) -> Decimal:
        return self.received - self.committed - self.spent


def positions(programmes) -> dict[int, Position]:
    """Budget positions of several programmes in two queries."""
    programmes = list(programmes)
    ids = [p.pk for p in programmes]
    received = dict(Contribution.objects.filter(programme_id__in=ids).values("programme_id")
                    .annotate(total=Sum("amount")).values_list("programme_id", "total"))
    shares = (CostShare.objects.filter(programme_id__in=ids)
              .values("programme_id")
              .annotate(
                  committed=Sum("amount", filter=Q(
                      trip__application__status__in=ApplicationStatus.COMMITTED)),
                  spent=Sum("amount", filter=Q(
                      trip__application__status__in=ApplicationStatus.SPENT))))
    committed = {row["programme_id"]: row for row in shares}
    result = {}
    for programme in programmes:
        row = committed.get(programme.pk, {})
        result[programme.pk] = Position(
            currency=programme.currency,
            received=quantize(received.get(programme.pk) or ZERO),
            committed=quantize(row.get("committed") or ZERO),
            spent=quantize(row.get("spent") or ZERO),
        )
    return result


def position_of(programme) -> Position:
    return positions([programme])[programme.pk]


def counted_shares(programme_ids=None) -> QuerySet[CostShare]:
    """Shares of trips whose money is committed or spent (the figures of the reports)."""
    qs = CostShare.objects.filter(
        trip__application__status__in=ApplicationStatus.COMMITTED | ApplicationStatus.SPENT)
    if programme_ids is not None:
        qs = qs.filter(programme_id__in=programme_ids)
    return qs


def savings_by_programme_and_year(programme_ids) -> list[dict]:
    """Per programme and year: delegates, what its shares cost, what separate trips would have."""
    rows = (counted_shares(programme_ids)
            .annotate(year=ExtractYear("trip__arrival"))
            .values("programme_id", "programme__name", "year")
            .annotate(trips=Count("trip", distinct=True), cost=Sum("amount"),
                      separate=Sum("separate_cost"))
            .order_by("programme__name", "year"))
    return [{**row, "cost": quantize(row["cost"]), "separate": quantize(row["separate"]),
             "saving": quantize(row["separate"] - row["cost"])} for row in rows]


def savings_by_year(programme_ids) -> list[dict]:
    """Per year, all the given programmes together."""
    totals: dict = defaultdict(lambda: {"trips": 0, "cost": ZERO, "separate": ZERO})
    for row in savings_by_programme_and_year(programme_ids):
        entry = totals[row["year"]]
        entry["trips"] += row["trips"]
        entry["cost"] += row["cost"]
        entry["separate"] += row["separate"]
    return [{"year": year, **entry, "saving": entry["separate"] - entry["cost"]}
            for year, entry in sorted(totals.items())]


def savings_by_cluster(programme_ids) -> list[dict]:
    """Per meeting cluster (the set of meetings a trip serves): trips, cost, separate, saving."""
    trips = (Trip.objects.filter(pk__in=counted_shares(programme_ids).values("trip_id"))
             .prefetch_related(Prefetch("application__meeting_lines",
                                        queryset=ApplicationMeeting.objects
                                        .select_related("meeting")))
             .select_related("application"))
    clusters: dict = defaultdict(lambda: {"trips": 0, "cost": ZERO, "separate": ZERO})
    for trip in trips:
        meetings = [line.meeting for line in trip.application.meeting_lines.all()]
        key = " + ".join(m.title for m in sorted(meetings, key=lambda m: m.start_date))
        entry = clusters[key]
        entry["trips"] += 1
        entry["cost"] += trip.total
        entry["separate"] += trip.separate_total
    return [{"cluster": key, **entry, "saving": entry["separate"] - entry["cost"]}
            for key, entry in sorted(clusters.items())]


def donor_report(programme_ids) -> list[dict]:
    """Per donor and programme and year: what was given, and earmarks."""
    rows = (Contribution.objects.filter(programme_id__in=programme_ids)
                .annotate(year=ExtractYear("received_on"))
                .values("donor__name", "programme__name", "year")
                .annotate(total=Sum("amount"), gifts=Count("pk"),
                          earmarked=Count("pk", filter=Q(earmarked_meeting__isnull=False)
                                          | Q(earmarked_year__isnull=False)))
                .order_by("donor__name", "programme__name", "year"))
    return [{**row, "total": quantize(row["total"])} for row in rows]


def contributions_for_user_unchecked() -> QuerySet[Contribution]:
    """All contributions, for documents whose access was checked when they were requested."""
    return Contribution.objects.select_related("programme", "donor", "earmarked_meeting")
