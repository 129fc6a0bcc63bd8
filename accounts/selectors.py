from django.db.models import Prefetch, Q, QuerySet

from . import access
from .enums import Role
from .models import RoleAssignment, User


def people_for_user(user) -> QuerySet[User]:
    """People the user may see: ISU staff, host staff and admins see everyone; a State's
    representatives see their own delegation and the ISU and host staff who support them."""
    qs = User.objects.filter(is_active=True).prefetch_related(
        Prefetch("role_assignments",
                 queryset=RoleAssignment.objects.select_related("convention", "state"))
    )
    scope = access.scope_of(user)
    if scope.administrator or scope.host_staff or scope.is_isu_staff:
        return qs
    if not scope.authenticated:
        return qs.none()
    return qs.filter(
        Q(pk=user.pk)
        | Q(role_assignments__state_id__in=scope.state_ids)
        | Q(role_assignments__role__in=[Role.ISU_STAFF, Role.HOST_STAFF])
    ).distinct()
