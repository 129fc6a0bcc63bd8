from django.contrib.auth.hashers import make_password
from django.db import transaction

from core import audit

from . import access
from .models import RoleAssignment, User

PROFILE_FIELDS = ("full_name", "email", "job_title", "phone", "preferred_language")


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
def role_grant(*, actor, user: User, role: str, convention=None, state=None) -> RoleAssignment:
    assignment = RoleAssignment(user=user, role=role, convention=convention, state=state)
    assignment.full_clean()
    assignment.save()
    audit.record(actor=actor, action="role.granted", target=user,
                 changes={"role": [None, str(assignment)]})
    access.forget_scope(user)
    return assignment


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment) -> None:
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
