"""The one permission layer: what a user may see and do. Pages, API, admin, templates and
selectors all ask these functions; no other module reads RoleAssignment to decide access.

Rules (DOMAIN.md): an ISU answers to its own convention's States Parties, so its confidential
data (draft reports, sponsorship decisions, staff costs) is seen by its own staff, by the host
organisation's staff where they run the service (sponsorship, finance), and by administrators;
a State's delegates see their own State's drafts and nobody else's.

The user's roles are read once per request (cached on the user object).
"""

from dataclasses import dataclass, field

from .enums import Role


@dataclass(frozen=True)
class Scope:
    """Everything access depends on, read from the user's role assignments in one query."""

    authenticated: bool = False
    administrator: bool = False
    host_staff: bool = False
    staff_convention_ids: frozenset[int] = field(default_factory=frozenset)
    focal_point_state_ids: frozenset[int] = field(default_factory=frozenset)
    delegate_state_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def state_ids(self) -> frozenset[int]:
        """States the user represents, as focal point or delegate."""
        return self.focal_point_state_ids | self.delegate_state_ids

    @property
    def is_isu_staff(self) -> bool:
        return bool(self.staff_convention_ids)

    @property
    def is_state_representative(self) -> bool:
        return bool(self.state_ids)

    @property
    def sees_everything(self) -> bool:
        return self.administrator


ANONYMOUS = Scope()


def scope_of(user) -> Scope:
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_access_scope", None)
    if cached is not None:
        return cached
    staff, focal, delegate = set(), set(), set()
    administrator = user.is_superuser
    host = False
    for role, convention_id, state_id in user.role_assignments.values_list(
        "role", "convention_id", "state_id"
    ):
        if role == Role.ISU_STAFF:
            staff.add(convention_id)
        elif role == Role.FOCAL_POINT:
            focal.add(state_id)
        elif role == Role.DELEGATE:
            delegate.add(state_id)
        elif role == Role.HOST_STAFF:
            host = True
        elif role == Role.ADMINISTRATOR:
            administrator = True
    scope = Scope(
        authenticated=True,
        administrator=administrator,
        host_staff=host,
        staff_convention_ids=frozenset(staff),
        focal_point_state_ids=frozenset(focal),
        delegate_state_ids=frozenset(delegate),
    )
    user._access_scope = scope
    return scope


def forget_scope(user) -> None:
    """Call after changing a user's roles within the same request (tests, admin)."""
    user.__dict__.pop("_access_scope", None)


def _id(obj_or_id):
    return getattr(obj_or_id, "pk", obj_or_id)


# --- Conventions and ISUs -------------------------------------------------------------------

def is_administrator(user) -> bool:
    return scope_of(user).administrator


def is_host_staff(user) -> bool:
    return scope_of(user).host_staff


def is_isu_staff(user, convention=None) -> bool:
    scope = scope_of(user)
    if convention is None:
        return scope.is_isu_staff
    return _id(convention) in scope.staff_convention_ids


def staffed_convention_ids(user) -> frozenset[int]:
    return scope_of(user).staff_convention_ids


def can_view_isu_confidential(user, convention) -> bool:
    """Draft reports' review data, sponsorship decisions, staff costs of one convention's ISU."""
    scope = scope_of(user)
    return scope.administrator or _id(convention) in scope.staff_convention_ids


def can_view_isu_finances(user, convention) -> bool:
    """Budgets, salaries and spending: the ISU's own staff, the host's finance staff, admins."""
    scope = scope_of(user)
    return (
        scope.administrator or scope.host_staff or _id(convention) in scope.staff_convention_ids
    )


def can_manage_convention(user, convention) -> bool:
    """Change the convention's own records (meetings, obligations, posts)."""
    return can_view_isu_confidential(user, convention)


def can_manage_sponsorship(user, convention) -> bool:
    """The host runs every programme with the same staff; each ISU advises on its own."""
    scope = scope_of(user)
    return (
        scope.administrator or scope.host_staff or _id(convention) in scope.staff_convention_ids
    )


# --- States -----------------------------------------------------------------------------------

def represented_state_ids(user) -> frozenset[int]:
    return scope_of(user).state_ids


def represents_state(user, state) -> bool:
    return _id(state) in scope_of(user).state_ids


def is_focal_point_of(user, state) -> bool:
    return _id(state) in scope_of(user).focal_point_state_ids


def can_view_state_private(user, state) -> bool:
    """A State's drafts, applications and contacts: its own representatives (and admins).

    ISU staff see a State's data only once submitted, through each app's own rules.
    """
    scope = scope_of(user)
    return scope.administrator or _id(state) in scope.state_ids


def can_act_for_state(user, state) -> bool:
    """Submit reports and applications on the State's behalf: its focal points only."""
    scope = scope_of(user)
    return scope.administrator or _id(state) in scope.focal_point_state_ids


def can_view_people_of_state(user, state) -> bool:
    """A State's delegation (names, emails): the State itself, any ISU, the host, admins."""
    scope = scope_of(user)
    return (
        scope.administrator
        or scope.host_staff
        or scope.is_isu_staff
        or _id(state) in scope.state_ids
    )
