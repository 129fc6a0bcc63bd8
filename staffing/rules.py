"""Who may see and change staffing, built on accounts.access (the one permission layer).

Posts, people and assignments are the ISU's working arrangements: every signed-in user sees them
(ISU websites publish their teams). Money is confidential:

- A person's record (home unit, e-mail, ...) and their yearly costs belong to the person's home
  ISU, the host's finance staff and administrators: they change the record and record the costs,
  and they consent when another unit puts the person on one of its posts.
- Another ISU sees a person's yearly cost only for a year it is charged for: a year in which the
  person holds one of its posts by an assignment in force (consented). Never for other years,
  never through an assignment still awaiting consent or declined.
- An ISU's budget, spending and cost summary: its own staff, the host's finance staff, admins.

Each visibility rule is written once, as a Q over the model; the per-object predicate asks the
same Q of the database, so a page, the API and a list can never disagree.
"""

from django.db.models import F, Q

from accounts import access

from .enums import AssignmentStatus

NOTHING = Q(pk__in=[])


def _holds(obj, q: Q) -> bool:
    """The per-object form of a visibility rule: does the row satisfy the list's own Q?"""
    return obj.pk is not None and type(obj)._default_manager.filter(q, pk=obj.pk).exists()


def can_view_staffing(user) -> bool:
    return bool(user and user.is_authenticated)


def can_manage_staffing(user, isu) -> bool:
    """Posts, assignments, duties, cover and absences of one ISU: its own staff and admins."""
    return access.can_manage_convention(user, isu.convention_id)


def can_manage_any_staffing(user) -> bool:
    return access.is_administrator(user) or access.is_isu_staff(user)


def can_view_costs(user, isu) -> bool:
    """Budget, spending and the cost summary of one ISU."""
    return access.can_view_isu_finances(user, isu.convention_id)


can_manage_costs = can_view_costs


# --- People: the record and its owners --------------------------------------------------------

def people_managed_q(user, prefix: str = "") -> Q:
    """StaffMember rows (through `prefix`, e.g. "staff_member__") the user owns: admins and the
    host's staff every person; ISU staff the people based in their own units."""
    scope = access.scope_of(user)
    if scope.administrator or scope.host_staff:
        return Q()
    if not scope.staff_convention_ids:
        return NOTHING
    return Q(**{f"{prefix}home_isu__convention_id__in": scope.staff_convention_ids})


def can_manage_person(user, person) -> bool:
    """Change a person's record and record their costs."""
    return _holds(person, people_managed_q(user))


def can_create_person(user, home_isu) -> bool:
    """A new person belongs to the unit that adds them; a person based in no unit is added by
    the host's staff or admins (who then own the record)."""
    scope = access.scope_of(user)
    if scope.administrator or scope.host_staff:
        return True
    return home_isu is not None and home_isu.convention_id in scope.staff_convention_ids


# --- Costs ------------------------------------------------------------------------------------

def staff_costs_visible_q(user, prefix: str = "") -> Q:
    """StaffCost rows (through `prefix`) the user may read: every cost of the people they own,
    and the yearly cost of a person for a year in which the person held one of the user's own
    ISU's posts by an assignment in force."""
    scope = access.scope_of(user)
    if scope.administrator or scope.host_staff:
        return Q()
    ids = scope.staff_convention_ids
    if not ids:
        return NOTHING
    person = f"{prefix}staff_member__"
    assignment = f"{person}assignments__"
    charged = Q(**{
        f"{assignment}status": AssignmentStatus.CONSENTED,
        f"{assignment}post__isu__convention_id__in": ids,
        f"{assignment}starts_on__year__lte": F(f"{prefix}year"),
    }) & (Q(**{f"{assignment}ends_on__isnull": True})
          | Q(**{f"{assignment}ends_on__year__gte": F(f"{prefix}year")}))
    return people_managed_q(user, prefix=person) | charged


def can_view_staff_cost(user, cost) -> bool:
    return _holds(cost, staff_costs_visible_q(user))


# --- Assignments across units -----------------------------------------------------------------

def needs_consent(user, person) -> bool:
    """Putting a person on a post waits for consent unless the user owns the person's record."""
    return not can_manage_person(user, person)


def assignments_awaiting_consent_q(user, prefix: str = "") -> Q:
    """Pending assignments the user may consent to or decline: those of the people they own."""
    return Q(**{f"{prefix}status": AssignmentStatus.PENDING}) & people_managed_q(
        user, prefix=f"{prefix}staff_member__")


def can_decide_assignment(user, assignment) -> bool:
    """Consent to (or decline) another unit's assignment of a person the user owns."""
    return _holds(assignment, assignments_awaiting_consent_q(user))
