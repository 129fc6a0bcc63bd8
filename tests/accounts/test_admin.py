"""Roles and privileges change in the admin only through the accounts services."""

import pytest
from django.urls import reverse

from accounts.enums import Role
from accounts.models import RoleAssignment, User
from accounts.services import role_grant, user_privileges_update
from core.models import AuditEntry
from tests.factories import UserFactory


def audit_rows(action, target):
    return list(AuditEntry.objects.filter(action=action, object_id=str(target.pk))
                .values_list("actor__username", "changes"))


def test_granting_a_role_in_the_admin_writes_the_audit_row(admin_client, conventions):
    user = UserFactory()
    add = reverse("admin:accounts_roleassignment_add")
    response = admin_client.post(add, {"user": user.pk, "role": Role.ISU_STAFF,
                                       "convention": conventions["CCM"].pk})
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=user)
    assert (assignment.role, assignment.convention) == (Role.ISU_STAFF, conventions["CCM"])
    assert audit_rows("role.granted", user) == [("admin", {"role": [None, str(assignment)]})]
    # A delegate without a State: the form says so and nothing is granted.
    response = admin_client.post(add, {"user": user.pk, "role": Role.DELEGATE,
                                       "convention": conventions["CCM"].pk})
    assert response.status_code == 200
    assert RoleAssignment.objects.filter(user=user).count() == 1
    assert len(audit_rows("role.granted", user)) == 1


def test_revoking_roles_one_or_many_writes_one_audit_row_each(admin_client, admin_user,
                                                              conventions, state_a):
    user = UserFactory()
    staff = role_grant(actor=admin_user, user=user, role=Role.ISU_STAFF,
                       convention=conventions["CCM"])
    delegate = role_grant(actor=admin_user, user=user, role=Role.DELEGATE, state=state_a)
    focal = role_grant(actor=admin_user, user=user, role=Role.FOCAL_POINT, state=state_a)
    changelist = reverse("admin:accounts_roleassignment_changelist")
    assert "delete_selected" not in admin_client.get(changelist).content.decode()
    admin_client.post(changelist, {"action": "revoke",
                                   "_selected_action": [staff.pk, delegate.pk]})
    admin_client.post(reverse("admin:accounts_roleassignment_delete", args=[focal.pk]),
                      {"post": "yes"})
    assert not RoleAssignment.objects.filter(user=user).exists()
    assert sorted(changes["role"][0] for _, changes in audit_rows("role.revoked", user)) == \
        sorted([str(staff), str(delegate), str(focal)])


def test_an_assignment_is_not_edited_in_place(admin_client, admin_user, conventions):
    user = UserFactory()
    staff = role_grant(actor=admin_user, user=user, role=Role.ISU_STAFF,
                       convention=conventions["CCM"])
    url = reverse("admin:accounts_roleassignment_change", args=[staff.pk])
    response = admin_client.post(url, {"user": user.pk, "role": Role.ISU_STAFF,
                                       "convention": conventions["APMBC"].pk})
    assert response.status_code == 403
    staff.refresh_from_db()
    assert staff.convention == conventions["CCM"]


def test_promotions_in_the_user_admin_are_audited(admin_client, db):
    user = UserFactory(username="newcomer")
    url = reverse("admin:accounts_user_change", args=[user.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    response = admin_client.post(url, {
        "username": "newcomer", "email": user.email, "first_name": "", "last_name": "",
        "full_name": "New Comer", "job_title": "", "phone": "", "preferred_language": "en",
        "is_active": "on", "is_staff": "on", "is_superuser": "on",
        "last_login_0": "", "last_login_1": "", "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "role_assignments-TOTAL_FORMS": "0", "role_assignments-INITIAL_FORMS": "0"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()
    assert (user.is_staff, user.is_superuser, user.full_name) == (True, True, "New Comer")
    assert audit_rows("user.privileges_changed", user) == [
        ("admin", {"is_staff": [False, True], "is_superuser": [False, True]})]


def test_only_an_administrator_changes_privileges(ccm_staff):
    user = UserFactory()
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        user_privileges_update(actor=ccm_staff, user=user, is_superuser=True)
    with pytest.raises(PermissionDenied):
        role_grant(actor=ccm_staff, user=user, role=Role.ADMINISTRATOR)
    user.refresh_from_db()
    assert not user.is_superuser and not User.objects.get(pk=user.pk).role_assignments.exists()
    assert not AuditEntry.objects.filter(object_id=str(user.pk)).exists()
