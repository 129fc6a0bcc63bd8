"""Who may see and do what in the sponsorship programmes, built on accounts.access.

- A State's applications: its own representatives always (drafts included); programme managers
  (the host's staff for every programme, an ISU's staff for its own) once submitted.
- A share of a trip belongs to one programme: only that programme's managers approve it, and
  re-costing a trip changes every share, so it needs the managers of every programme involved.
"""

from accounts import access

from .enums import ApplicationStatus


def convention_ids_of(application) -> set[int]:
    return {line.programme.convention_id for line in application.meeting_lines.all()}


def can_manage_programme(user, programme) -> bool:
    return access.can_manage_sponsorship(user, programme.convention_id)


def can_view_programme_finances(user, programme) -> bool:
    return access.can_view_isu_finances(user, programme.convention_id)


def can_manage_any_programme(user) -> bool:
    scope = access.scope_of(user)
    return scope.administrator or scope.host_staff or scope.is_isu_staff


def can_manage_dsa_rates(user) -> bool:
    scope = access.scope_of(user)
    return scope.administrator or scope.host_staff


def can_apply_for(user, state) -> bool:
    return access.can_act_for_state(user, state)


def can_view_application(user, application) -> bool:
    if access.can_view_state_private(user, application.state_id):
        return True
    if application.status not in ApplicationStatus.VISIBLE_TO_STAFF:
        return False
    return any(access.can_manage_sponsorship(user, c) for c in convention_ids_of(application))


def can_edit_application(user, application) -> bool:
    return (application.status == ApplicationStatus.DRAFT
            and access.can_act_for_state(user, application.state_id))


def can_review_application(user, application) -> bool:
    """Move a submitted application along: a manager of one of its programmes."""
    return application.status in ApplicationStatus.VISIBLE_TO_STAFF and any(
        access.can_manage_sponsorship(user, c) for c in convention_ids_of(application))


def can_change_shares(user, convention_ids) -> bool:
    """Re-cost a trip: it changes each programme's share, so every programme must agree."""
    return bool(convention_ids) and all(
        access.can_manage_sponsorship(user, c) for c in convention_ids)


def can_approve_share(user, share) -> bool:
    return access.can_manage_sponsorship(user, share.programme.convention_id)
