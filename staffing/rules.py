"""Who may see and change staffing, built on accounts.access (the one permission layer).

Posts, people and assignments are the ISU's working arrangements: every signed-in user sees them
(ISU websites publish their teams). Salaries, staff costs and spending are finances: the ISU's own
staff, the host's finance staff and administrators only. A shared person's salary is visible to
the finance readers of any ISU the person is based in or assigned to.
"""

from accounts import access


def can_view_staffing(user) -> bool:
    return bool(user and user.is_authenticated)


def can_manage_staffing(user, isu) -> bool:
    """Posts, assignments, duties, cover and absences of one ISU: its own staff and admins."""
    return access.can_manage_convention(user, isu.convention_id)


def can_manage_any_staffing(user) -> bool:
    return access.is_administrator(user) or access.is_isu_staff(user)


def can_view_costs(user, isu) -> bool:
    """Budget, spending, salaries and staff cost of one ISU."""
    return access.can_view_isu_finances(user, isu.convention_id)


can_manage_costs = can_view_costs


def can_view_person_costs(user, convention_ids) -> bool:
    """A person's salary: finance readers of any ISU (by convention id) the person works for;
    the host's finance staff and admins also for someone who works for no ISU yet."""
    if access.is_administrator(user) or access.is_host_staff(user):
        return True
    return any(access.can_view_isu_finances(user, cid) for cid in convention_ids)


def can_manage_person(user, convention_ids) -> bool:
    """A person's record: the staff of an ISU the person works for (any ISU staff for a person
    who works for none yet) and admins."""
    if access.is_administrator(user):
        return True
    if not convention_ids:
        return access.is_isu_staff(user)
    return any(access.can_manage_convention(user, cid) for cid in convention_ids)
