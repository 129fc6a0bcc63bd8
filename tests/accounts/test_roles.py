import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts import access
from accounts.enums import Role
from accounts.models import RoleAssignment
from accounts.services import role_grant, role_revoke
from core.models import AuditEntry
from tests.factories import UserFactory


def test_isu_staff_role_needs_a_convention(db, state_a, admin_user):
    user = UserFactory()
    with pytest.raises(ValidationError):
        role_grant(actor=admin_user, user=user, role=Role.ISU_STAFF, state=state_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=user, role=Role.ISU_STAFF)
    assert not RoleAssignment.objects.filter(user=user).exists()


def test_delegate_role_needs_a_state(conventions, admin_user):
    user = UserFactory()
    with pytest.raises(ValidationError):
        role_grant(actor=admin_user, user=user, role=Role.DELEGATE, convention=conventions["CCM"])


def test_roles_combine_and_are_audited(conventions, state_a, admin_user):
    user = UserFactory()
    role_grant(actor=admin_user, user=user, role=Role.ISU_STAFF, convention=conventions["CCM"])
    role_grant(actor=admin_user, user=user, role=Role.ISU_STAFF, convention=conventions["APMBC"])
    role_grant(actor=admin_user, user=user, role=Role.DELEGATE, state=state_a)
    assert access.staffed_convention_ids(user) == {conventions["CCM"].pk,
                                                   conventions["APMBC"].pk}
    assert access.represents_state(user, state_a)
    assert not access.can_act_for_state(user, state_a)  # delegates contribute, focal points act
    assert AuditEntry.objects.filter(action="role.granted", actor=admin_user).count() == 3
    with pytest.raises(ValidationError):
        role_grant(actor=admin_user, user=user, role=Role.DELEGATE, state=state_a)
    role_revoke(actor=admin_user, assignment=user.role_assignments.get(role=Role.DELEGATE))
    assert not access.represents_state(user, state_a)


def test_scope_is_read_once_per_user_object(conventions, ccm_staff, django_assert_num_queries):
    with django_assert_num_queries(1):
        for _ in range(5):
            access.can_view_isu_confidential(ccm_staff, conventions["CCM"])
            access.is_isu_staff(ccm_staff)


class TestAccessRules:
    def test_confidential_isu_data(self, conventions, ccm_staff, apmbc_staff, host_staff,
                                   admin_user, focal_a):
        ccm = conventions["CCM"]
        assert access.can_view_isu_confidential(ccm_staff, ccm)
        assert not access.can_view_isu_confidential(apmbc_staff, ccm)
        assert not access.can_view_isu_confidential(focal_a, ccm)
        assert access.can_view_isu_confidential(admin_user, ccm)
        # Host finance staff see money, not the ISU's other confidential data.
        assert not access.can_view_isu_confidential(host_staff, ccm)
        assert access.can_view_isu_finances(host_staff, ccm)
        assert not access.can_view_isu_finances(apmbc_staff, ccm)

    def test_state_private_data(self, focal_a, delegate_a, focal_b, ccm_staff, state_a):
        assert access.can_view_state_private(focal_a, state_a)
        assert access.can_view_state_private(delegate_a, state_a)
        assert not access.can_view_state_private(focal_b, state_a)
        assert not access.can_view_state_private(ccm_staff, state_a)
        assert access.can_act_for_state(focal_a, state_a)
        assert not access.can_act_for_state(delegate_a, state_a)
        assert not access.can_act_for_state(focal_b, state_a)

    def test_anonymous_has_no_access(self, conventions, state_a):
        from django.contrib.auth.models import AnonymousUser

        anonymous = AnonymousUser()
        assert not access.can_view_isu_finances(anonymous, conventions["CCM"])
        assert not access.can_view_state_private(anonymous, state_a)
