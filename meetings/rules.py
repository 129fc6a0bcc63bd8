"""Who may do what with meetings and registrations, built on accounts.access.

Meetings and their calendar are public. A meeting is managed by the ISU staff of any of its
conventions (and administrators). A registration is seen and decided by the meeting's ISU staff
and, for a State's delegates, by that State's focal points; a person sees their own.
"""

from accounts import access

from .enums import ParticipantRole, RegistrationStatus


def _convention_ids(meeting) -> set[int]:
    return {c.pk for c in meeting.conventions.all()}


def can_create_meeting(user, conventions) -> bool:
    """ISU staff create meetings of their own convention (a joint one needs only one of its
    conventions to be theirs); administrators create any."""
    if access.is_administrator(user):
        return True
    staffed = access.staffed_convention_ids(user)
    return bool(conventions) and any(getattr(c, "pk", c) in staffed for c in conventions)


def can_manage_meeting(user, meeting) -> bool:
    """Edit, cancel, reschedule, upload documents, see and decide every registration."""
    if access.is_administrator(user):
        return True
    return bool(_convention_ids(meeting) & access.staffed_convention_ids(user))


def can_change_owners(user, meeting) -> bool:
    """Who owns a meeting changes only with every owner: administrators, or staff of every
    convention the meeting has now (so the ISU of a one-convention meeting may make it joint,
    as it may create a joint meeting; one ISU of a joint meeting cannot drop the other)."""
    if access.is_administrator(user):
        return True
    return _convention_ids(meeting) <= access.staffed_convention_ids(user)


def can_change_conventions(user, meeting, conventions) -> bool:
    """Give the meeting these conventions (keeping the same ones is no change); the actor
    stays among the owners unless an administrator."""
    new = {getattr(c, "pk", c) for c in conventions}
    if new == _convention_ids(meeting) or access.is_administrator(user):
        return True
    return can_change_owners(user, meeting) and bool(new & access.staffed_convention_ids(user))


def can_view_all_participants(user, meeting) -> bool:
    """The whole participant list (names, emails): the meeting's ISUs, the host, admins."""
    return can_manage_meeting(user, meeting) or access.is_host_staff(user)


def can_view_participants(user, meeting) -> bool:
    """Some participant list: the whole one, or a State's own delegation for its people."""
    return can_view_all_participants(user, meeting) or access.scope_of(user).is_state_representative


def can_register(user, meeting, *, role: str, state=None, for_self: bool = False) -> bool:
    """Register someone for a meeting in a role (eligibility of the State is a separate check
    that explains its refusal). The meeting's ISU registers anyone; a State's representatives
    register its delegates; staff of another ISU register only themselves (mutual
    participation, ¶25), never other people on a meeting their convention does not own."""
    if not getattr(user, "is_authenticated", False):
        return False
    if can_manage_meeting(user, meeting):
        return True
    if role == ParticipantRole.DELEGATE:
        return state is not None and access.represents_state(user, state)
    if role == ParticipantRole.ISU_STAFF:
        return for_self and access.is_isu_staff(user)
    return False  # observer organisations are registered by the meeting's ISU


def can_decide_registration(user, registration) -> bool:
    """Approve or reject: the meeting's ISU, or the State's focal point for its delegates."""
    if can_manage_meeting(user, registration.meeting):
        return True
    return (registration.role == ParticipantRole.DELEGATE
            and access.is_focal_point_of(user, registration.state_id))


def can_withdraw_registration(user, registration) -> bool:
    if registration.status not in RegistrationStatus.ACTIVE:
        return False
    if registration.user_id and registration.user_id == getattr(user, "pk", None):
        return True
    return can_decide_registration(user, registration)


def can_manage_any_meeting(user) -> bool:
    """Sees the proposal page and may accept a proposal (for meetings they manage)."""
    return access.is_administrator(user) or access.is_isu_staff(user)
