from drf_spectacular.utils import extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.filters import PersonFilter
from accounts.selectors import people_for_user

from .serializers import PersonSerializer


class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    """People and their roles, as far as the caller may see them."""

    serializer_class = PersonSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = PersonFilter
    ordering_fields = ["username", "full_name"]
    ordering = ["username"]

    def get_queryset(self):
        return people_for_user(self.request.user)

    @extend_schema(responses=PersonSerializer)
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def me(self, request):
        """The signed-in user and their roles."""
        return Response(PersonSerializer(people_for_user(request.user).get(pk=request.user.pk))
                        .data)
