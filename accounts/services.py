from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied
from django.db import transaction

from core import audit

from . import access
from .models import RoleAssignment, User

PROFILE_FIELDS = ("full_name", "email", "job_title", "phone", "preferred_language")
PRIVILEGE_FIELDS = ("is_active", "is_staff", "is_superuser")


def _require_administrator(actor) -> None:
    """Roles and privileges are given and taken by administrators only."""
    if not access.is_administrator(actor):
        raise PermissionDenied


@transaction.atomic
def profile_update(*, actor, user: User, **fields) -> User:
    before = audit.snapshot(user, PROFILE_FIELDS)
    for name, value in fields.items():
        if name not in PROFILE_FIELDS:
            raise TypeError(f"{name} is not a profile field")
        setattr(user, name, value)
    user.full_clean()
    user.save()
    changes = audit.diff(user, before, PROFILE_FIELDS)
    if changes:
        audit.record(actor=actor, action="user.profile_changed", target=user, changes=changes)
    return user


@transaction.atomic
def user_privileges_update(*, actor, user: User, **flags) -> User:
    """Make a user active or not, staff (may open the admin) or superuser (administrator):
    an administrator's act, with its audit row."""
    _require_administrator(actor)
    for name in flags:
        if name not in PRIVILEGE_FIELDS:
            raise TypeError(f"{name} is not a privilege")
    user = User.objects.select_for_update().get(pk=user.pk)
    before = audit.snapshot(user, PRIVILEGE_FIELDS)
    for name, value in flags.items():
        setattr(user, name, bool(value))
    changes = audit.diff(user, before, PRIVILEGE_FIELDS)
    if changes:
        user.save(update_fields=list(changes))
        audit.record(actor=actor, action="user.privileges_changed", target=user,
                     changes=changes)
        access.forget_scope(user)
    return user


@transaction.atomic
def role_grant(*, actor, user: User, role: str, convention=None, state=None) -> RoleAssignment:
    _require_administrator(actor)
    assignment = RoleAssignment(user=user, role=role, convention=convention, state=state)
    assignment.full_clean()
    assignment.save()
    audit.record(actor=actor, action="role.granted", target=user,
                 changes={"role": [None, str(assignment)]})
    access.forget_scope(user)
    return assignment


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment) -> None:
    _require_administrator(actor)
    user = assignment.user
    audit.record(actor=actor, action="role.revoked", target=user,
                 changes={"role": [str(assignment), None]})
    assignment.delete()
    access.forget_scope(user)


SYSTEM_USERNAME = "system"


def system_actor() -> User:
    """The explicit actor of tasks, imports and the demo, instead of actor=None skipping the
    rules: an administrator that cannot sign in (inactive, no usable password, no admin site),
    so services still ask their rules and audit rows say who acted."""
    user, _created = User.objects.get_or_create(username=SYSTEM_USERNAME, defaults={
        "email": "system@portal.invalid", "full_name": "ISU Coordination Portal (system)",
        "is_active": False, "is_superuser": True, "is_staff": False,
        "password": make_password(None)})
    return user
