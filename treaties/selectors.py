"""Reads of the treaties core. Conventions, States and membership are public facts; ISU budgets
are confidential and filtered through accounts.access."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from accounts import access

from .models import ISU, Convention, ISUBudget, Membership, State


def conventions_list() -> QuerySet[Convention]:
    return Convention.objects.select_related("parent")


def convention_by_code(code: str) -> Convention:
    """Case-insensitive lookup by code (CCM, ccw-apii) or UNTC code (CCW_APII)."""
    code = (code or "").strip()
    found = Convention.objects.filter(code__iexact=code).first()
    if found is None and code:
        found = Convention.objects.filter(untc_code__iexact=code).first()
    if found is None:
        raise Convention.DoesNotExist(code)
    return found


def states_list() -> QuerySet[State]:
    return State.objects.all()


def state_with_memberships(iso3: str) -> State:
    return State.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("convention")
                 .order_by("convention__ordering_key"))
    ).get(iso3=iso3.upper())


def parties_on(convention: Convention, day: datetime.date) -> QuerySet[State]:
    """The States for which `convention` is in force on `day`."""
    return State.objects.filter(
        pk__in=Membership.objects.in_force_on(day).filter(convention=convention)
        .values("state_id")
    )


def party_state_ids_on(convention, day: datetime.date) -> set[int]:
    return set(
        Membership.objects.in_force_on(day).filter(convention=convention)
        .values_list("state_id", flat=True)
    )


def is_party_on(state, convention, day: datetime.date) -> bool:
    return Membership.objects.in_force_on(day).filter(state=state, convention=convention).exists()


@dataclass(frozen=True)
class Overlap:
    """Who is party to A, to B, to both, on one date."""

    a: Convention
    b: Convention
    as_of: datetime.date
    only_a: list[State]
    only_b: list[State]
    both: list[State]


def overlap_on(a: Convention, b: Convention, day: datetime.date) -> Overlap:
    """The parties of A that are not parties of B, and the reverse, and those of both (¶12)."""
    a_ids, b_ids = party_state_ids_on(a, day), party_state_ids_on(b, day)
    states = {s.pk: s for s in State.objects.filter(pk__in=a_ids | b_ids)}

    def ordered(ids):
        return sorted((states[i] for i in ids), key=lambda s: s.name)

    return Overlap(a=a, b=b, as_of=day, only_a=ordered(a_ids - b_ids),
                   only_b=ordered(b_ids - a_ids), both=ordered(a_ids & b_ids))


def memberships_list() -> QuerySet[Membership]:
    return Membership.objects.select_related("state", "convention")


def isus_list() -> QuerySet[ISU]:
    return ISU.objects.select_related("convention", "host")


def isu_budgets_for_user(user) -> QuerySet[ISUBudget]:
    """Budgets the user may see: their own ISU's, or all for host finance staff and admins."""
    qs = ISUBudget.objects.select_related("isu__convention")
    scope = access.scope_of(user)
    if scope.administrator or scope.host_staff:
        return qs
    return qs.filter(isu__convention_id__in=scope.staff_convention_ids)
