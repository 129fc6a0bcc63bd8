from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts import access


class IsAdministratorOrReadOnly(BasePermission):
    """Public reference data: anyone reads, administrators write."""

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or access.is_administrator(request.user)
