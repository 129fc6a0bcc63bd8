"""Reads of staffing, with their prefetching, and the figures fed from the database into the
plain functions of computations.py."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce

from treaties.models import ISU, ISUBudget

from . import computations, rules
from .computations import Span
from .enums import AssignmentStatus, SpendingCategory
from .models import Absence, Assignment, Backstop, Duty, Post, Spending, StaffCost, StaffMember


def isus_list() -> QuerySet[ISU]:
    return ISU.objects.select_related("convention").order_by("convention__ordering_key")


def isu_by_code(code: str) -> ISU:
    return isus_list().get(convention__code__iexact=code)


def posts_for_user(user) -> QuerySet[Post]:
    if not rules.can_view_staffing(user):
        return Post.objects.none()
    return Post.objects.select_related("isu__convention").prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("staff_member")
                 .order_by("starts_on"))
    )


def staff_for_user(user) -> QuerySet[StaffMember]:
    """Everyone working for the ISUs, each with `visible_costs`: the yearly costs this user may
    read (rules.staff_costs_visible_q), fetched in one query for the whole page."""
    if not rules.can_view_staffing(user):
        return StaffMember.objects.none()
    return StaffMember.objects.select_related("home_isu__convention", "user").prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related(
            "post__isu__convention").order_by("starts_on")),
        Prefetch("costs", queryset=staff_costs_for_user(user), to_attr="visible_costs"),
    )


def assignments_for_user(user) -> QuerySet[Assignment]:
    if not rules.can_view_staffing(user):
        return Assignment.objects.none()
    return Assignment.objects.select_related("staff_member", "post__isu__convention")


def staff_costs_for_user(user) -> QuerySet[StaffCost]:
    """The yearly costs the user may read (rules.staff_costs_visible_q): all of a person's for
    their home unit, the host and admins; another unit only the years it is charged for."""
    return (StaffCost.objects.filter(rules.staff_costs_visible_q(user)).distinct()
            .order_by("staff_member_id", "-year"))


def people_managed_by(user) -> QuerySet[StaffMember]:
    """People whose record and costs the user may change (rules.people_managed_q)."""
    return StaffMember.objects.filter(rules.people_managed_q(user))


def assignments_pending_around(user, isu) -> list[tuple[Assignment, bool]]:
    """Requests awaiting consent that concern an ISU (on its posts, or of people based in it),
    each with whether the user may consent to or decline it."""
    pending = list(Assignment.objects.filter(status=AssignmentStatus.PENDING)
                   .filter(Q(post__isu=isu) | Q(staff_member__home_isu=isu))
                   .select_related("staff_member__home_isu__convention",
                                   "post__isu__convention").order_by("starts_on", "pk"))
    decidable = set(Assignment.objects.filter(rules.assignments_awaiting_consent_q(user),
                                              pk__in=[a.pk for a in pending])
                    .values_list("pk", flat=True)) if pending else set()
    return [(a, a.pk in decidable) for a in pending]


def awaiting_consent_counts(user) -> dict[int, int]:
    """How many requests the user may consent to, by ISU: the person's home unit (the post's
    unit for a person based in none)."""
    return dict(Assignment.objects.filter(rules.assignments_awaiting_consent_q(user))
                .annotate(unit=Coalesce("staff_member__home_isu", "post__isu"))
                .values("unit").annotate(n=Count("pk")).values_list("unit", "n"))


# --- FTE --------------------------------------------------------------------------------------

def isu_spans(isu, *, first=None, last=None) -> list[Span]:
    qs = Assignment.objects.in_force().filter(post__isu=isu)
    if first is not None:
        qs = qs.overlapping(first, last)
    return [Span(a.fte, a.starts_on, a.ends_on, key=a.staff_member_id)
            for a in qs.only("fte", "starts_on", "ends_on", "staff_member_id")]


def isu_fte_on(isu, day: datetime.date) -> Decimal:
    return computations.fte_on(isu_spans(isu, first=day, last=day), day)


def isu_average_fte(isu, year: int) -> Decimal:
    first, last = computations.year_bounds(year)
    return computations.average_fte(isu_spans(isu, first=first, last=last), year)


def posts_fte_on(isu, day) -> Decimal:
    return sum((p.fte for p in Post.objects.filter(isu=isu).approved_on(day)), Decimal(0))


# --- Costs ------------------------------------------------------------------------------------

@dataclass
class PersonCostLine:
    """One person's cost in a year and the share charged to the ISU in question."""

    person: StaffMember
    total: Decimal
    share: Decimal
    fte_days: Decimal
    shared_with: list[str] = field(default_factory=list)


@dataclass
class CostSummary:
    """An ISU's year: budget, spending by category, staff cost split from people, ratios."""

    isu: ISU
    year: int
    currency: str
    budget: Decimal | None
    spending: dict[str, Decimal]
    spent: Decimal
    staff_cost: Decimal
    staff_spending_recorded: Decimal | None
    people: list[PersonCostLine]
    ratios: computations.CostRatios
    average_fte: Decimal
    by_isu: dict[str, Decimal]  # the split of the same people's costs between all their units

    @property
    def spending_rows(self):
        return [(value, label, self.spending.get(value)) for value, label
                in SpendingCategory.choices]

    @property
    def staff_cost_difference(self) -> Decimal | None:
        if self.staff_spending_recorded is None:
            return None
        return self.staff_spending_recorded - self.staff_cost


def isu_cost_summary(isu: ISU, year: int) -> CostSummary:
    """Figures for one ISU and year. The caller checks rules.can_view_costs first.

    Staff cost: the yearly cost of every person assigned to the ISU during the year (by an
    assignment in force: the very years rules.staff_costs_visible_q lets its staff see), split
    between all their units by FTE-days (core.money.allocate), so that the shares of a shared
    person add up exactly to their cost."""
    first, last = computations.year_bounds(year)
    budget = ISUBudget.objects.filter(isu=isu, year=year).first()
    currency = budget.currency if budget else "CHF"
    spending = {row.category: row.amount
                for row in Spending.objects.filter(isu=isu, year=year, currency=currency)}
    people_ids = (Assignment.objects.in_force().filter(post__isu=isu).overlapping(first, last)
                  .values("staff_member_id"))
    assignments = (Assignment.objects.in_force().overlapping(first, last)
                   .filter(staff_member_id__in=people_ids)
                   .select_related("staff_member", "post__isu__convention"))
    spans_by_person: dict[int, list[Span]] = defaultdict(list)
    persons: dict[int, StaffMember] = {}
    codes: dict[int, str] = {}
    for a in assignments:
        persons[a.staff_member_id] = a.staff_member
        codes[a.post.isu_id] = a.post.isu.convention.code
        spans_by_person[a.staff_member_id].append(
            Span(a.fte, a.starts_on, a.ends_on, key=a.post.isu_id))
    costs = {c.staff_member_id: c for c in StaffCost.objects.filter(
        staff_member_id__in=persons, year=year, currency=currency)}
    lines, by_isu = [], defaultdict(Decimal)
    for pid, person in sorted(persons.items(), key=lambda item: item[1].full_name):
        weights = computations.fte_days(spans_by_person[pid], year)
        cost = costs.get(pid)
        total = cost.total if cost else Decimal("0.00")
        split = computations.split_cost(total, weights)
        for isu_id, share in split.items():
            by_isu[codes[isu_id]] += share
        lines.append(PersonCostLine(
            person=person, total=total, share=split.get(isu.pk, Decimal("0.00")),
            fte_days=weights.get(isu.pk, Decimal(0)),
            shared_with=sorted(codes[k] for k in weights if k != isu.pk)))
    staff_cost = sum((line.share for line in lines), Decimal("0.00"))
    spent = sum(spending.values(), Decimal("0.00"))
    ratios = computations.cost_ratios(staff_cost=staff_cost, spent=spent,
                                      budget=budget.amount if budget else None)
    return CostSummary(
        isu=isu, year=year, currency=currency, budget=budget.amount if budget else None,
        spending=spending, spent=spent, staff_cost=staff_cost,
        staff_spending_recorded=spending.get(SpendingCategory.STAFF), people=lines,
        ratios=ratios,
        average_fte=computations.average_fte(
            [Span(s.fte, s.starts_on, s.ends_on) for a_spans in spans_by_person.values()
             for s in a_spans if s.key == isu.pk], year),
        by_isu=dict(by_isu),
    )


def typical_expert_cost(year: int) -> Decimal | None:
    """The average yearly cost of one full-time person, from the recorded costs of people who
    worked full time all year (a starting figure for the shared-expert options)."""
    values = []
    first, last = computations.year_bounds(year)
    for cost in StaffCost.objects.filter(year=year).select_related("staff_member"):
        spans = [Span(a.fte, a.starts_on, a.ends_on) for a in
                 cost.staff_member.assignments.in_force().overlapping(first, last)]
        if computations.average_fte(spans, year) == Decimal("1.00"):
            values.append(cost.total)
    return (sum(values) / len(values)).quantize(Decimal("1")) if values else None


# --- Cover ------------------------------------------------------------------------------------

def unavailable_on(person_ids, day: datetime.date) -> set[int]:
    """People away on `day`, or holding no assignment on that day."""
    away = set(Absence.objects.filter(staff_member_id__in=person_ids, starts_on__lte=day,
                                      ends_on__gte=day).values_list("staff_member_id", flat=True))
    working = set(Assignment.objects.in_force().active_on(day)
                  .filter(staff_member_id__in=person_ids)
                  .values_list("staff_member_id", flat=True))
    return away | (set(person_ids) - working)


def cover_plan_on(isu, day: datetime.date) -> list[computations.DutyCover]:
    """Each duty of the ISU on `day`: done by its holder, covered by a backup, or uncovered."""
    duties = list(Duty.objects.filter(isu=isu).select_related("holder").prefetch_related(
        Prefetch("backstops", queryset=Backstop.objects
                 .select_related("backup").order_by("rank"))))
    people = {d.holder_id: d.holder for d in duties}
    for d in duties:
        people.update({b.backup_id: b.backup for b in d.backstops.all()})
    unavailable = unavailable_on(list(people), day)
    plan = computations.cover_on(
        [(d, d.holder_id, [b.backup_id for b in d.backstops.all()]) for d in duties],
        unavailable)
    return [computations.DutyCover(duty=c.duty, holder=people[c.holder],
                                   covered_by=people.get(c.covered_by) if c.covered_by else None,
                                   holder_away=c.holder_away) for c in plan]


def absences_around(isu, day: datetime.date, days: int = 60) -> QuerySet[Absence]:
    """Absences of the ISU's people from `day` on (and the current ones)."""
    people = (Assignment.objects.in_force().filter(post__isu=isu).active_on(day)
              .values("staff_member_id"))
    return (Absence.objects.filter(staff_member_id__in=people, ends_on__gte=day,
                                   starts_on__lte=day + datetime.timedelta(days=days))
            .select_related("staff_member"))


def team_on(isu, day: datetime.date) -> list[tuple[Post, list[Assignment]]]:
    """The posts approved on `day`, each with the assignments active on that day."""
    posts = (Post.objects.filter(isu=isu).approved_on(day).prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.in_force().active_on(day)
                 .select_related("staff_member"), to_attr="current")))
    return [(p, p.current) for p in posts]


# --- Timeline ---------------------------------------------------------------------------------

@dataclass
class TimelineBar:
    label: str
    sublabel: str
    x: float
    width: float
    y: int
    kind: str


def isu_timeline(isu, year: int, *, width: int = 720, row: int = 28) -> dict:
    """Assignments of the ISU during a year as bars of an SVG chart (positions in pixels)."""
    first, last = computations.year_bounds(year)
    total_days = computations.days_in_year(year)
    assignments = (Assignment.objects.in_force().filter(post__isu=isu)
                   .overlapping(first, last).select_related("staff_member", "post")
                   .order_by("post__title", "starts_on"))
    bars = []
    for i, a in enumerate(assignments):
        start = max(a.starts_on, first)
        end = min(a.ends_on or last, last)
        x = (start - first).days / total_days * width
        w = ((end - start).days + 1) / total_days * width
        bars.append(TimelineBar(label=a.staff_member.full_name,
                                sublabel=f"{a.post.title} · {a.fte.normalize()} FTE",
                                x=round(x, 1), width=round(w, 1), y=i * row, kind=a.kind))
    months = [(round((datetime.date(year, m, 1) - first).days / total_days * width, 1),
               datetime.date(year, m, 1)) for m in range(1, 13)]
    return {"bars": bars, "months": months, "width": width, "height": max(len(bars), 1) * row,
            "row": row}
