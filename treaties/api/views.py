from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts import access
from core.api.permissions import IsAdministratorOrReadOnly
from treaties import selectors, services
from treaties.filters import ConventionFilter, ISUBudgetFilter, MembershipFilter, StateFilter
from treaties.models import Convention, Membership, ThematicArea

from .serializers import (
    AsOfQuerySerializer,
    ConventionSerializer,
    ISUBudgetSerializer,
    ISUBudgetUpdateSerializer,
    ISUSerializer,
    MembershipSerializer,
    OverlapQuerySerializer,
    OverlapSerializer,
    StateDetailSerializer,
    StateSerializer,
    ThematicAreaSerializer,
)


class ConventionViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin,
                        viewsets.ReadOnlyModelViewSet):
    """Conventions and protocols with their entry-into-force rules. Public; administrators
    enter and change them (a new convention is data, no code change)."""

    serializer_class = ConventionSerializer
    permission_classes = [IsAdministratorOrReadOnly]
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    filterset_class = ConventionFilter
    ordering_fields = ["code", "entry_into_force", "ordering_key"]

    def get_queryset(self):
        return selectors.conventions_list()

    def get_object(self):
        try:
            return selectors.convention_by_code(self.kwargs["code"])
        except Convention.DoesNotExist:
            raise Http404 from None

    def perform_create(self, serializer):
        serializer.instance = services.convention_save(actor=self.request.user,
                                                       **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.convention_save(
            actor=self.request.user, convention=serializer.instance,
            **serializer.validated_data)

    @extend_schema(
        parameters=[OpenApiParameter("a", str, required=True), OpenApiParameter("b", str,
                    required=True), OpenApiParameter("as_of", str, description="YYYY-MM-DD")],
        responses=OverlapSerializer,
    )
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def overlap(self, request):
        """Parties of A that are not parties of B on a date, the reverse, and both, with counts."""
        query = OverlapQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        result = selectors.overlap_on(query.validated_data["a"], query.validated_data["b"],
                                      query.validated_data["as_of"])
        return Response(OverlapSerializer(result).data)

    @extend_schema(parameters=[OpenApiParameter("as_of", str, description="YYYY-MM-DD")],
                   responses=StateSerializer(many=True))
    @action(detail=True, methods=["get"], filterset_class=None)
    def parties(self, request, code=None):
        """The States for which the convention is in force on a date (today if omitted)."""
        query = AsOfQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        day = query.validated_data.get("as_of") or timezone.localdate()
        states = selectors.parties_on(self.get_object(), day).order_by("iso3")
        page = self.paginate_queryset(states)
        return self.get_paginated_response(StateSerializer(page, many=True).data)


class StateViewSet(viewsets.ReadOnlyModelViewSet):
    """States, keyed by ISO alpha-3, with every convention they belong to. Public."""

    lookup_field = "iso3"
    filterset_class = StateFilter
    ordering_fields = ["iso3", "region"]
    ordering = ["iso3"]

    def get_queryset(self):
        # Memberships carry their convention's code as an annotation: no Convention objects.
        return selectors.states_list().prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.annotate(
                convention_code=F("convention__code")).order_by("convention__ordering_key"))
        )

    def get_object(self):
        self.kwargs["iso3"] = self.kwargs["iso3"].upper()
        return super().get_object()

    def get_serializer_class(self):
        return StateDetailSerializer


class MembershipViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Memberships (public); administrators record them, the effective date follows the rule."""

    serializer_class = MembershipSerializer
    permission_classes = [IsAdministratorOrReadOnly]
    filterset_class = MembershipFilter
    ordering_fields = ["deposited_on", "effective_on", "state__iso3", "convention__code"]
    ordering = ["convention__code", "state__iso3"]

    def get_queryset(self):
        return selectors.memberships_list()

    def perform_create(self, serializer):
        serializer.instance = services.membership_record(actor=self.request.user,
                                                         **serializer.validated_data)


class ISUViewSet(viewsets.ReadOnlyModelViewSet):
    """The Implementation Support Units. Public (their budgets are not)."""

    serializer_class = ISUSerializer
    lookup_field = "convention__code"
    lookup_url_kwarg = "code"
    ordering_fields = ["convention__ordering_key"]
    ordering = ["convention__ordering_key"]
    filterset_fields = []

    def get_queryset(self):
        return selectors.isus_list()


class ISUBudgetViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin,
                       viewsets.ReadOnlyModelViewSet):
    """ISU budgets per year: confidential to the ISU's staff, host finance staff and admins.
    A create never overwrites: an existing budget is changed with PUT or PATCH."""

    serializer_class = ISUBudgetSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = ISUBudgetFilter
    ordering_fields = ["year", "amount"]
    ordering = ["isu__convention__ordering_key", "-year"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.isu_budgets_for_user(self.request.user)

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return ISUBudgetUpdateSerializer
        return ISUBudgetSerializer

    def perform_create(self, serializer):
        isu = serializer.validated_data["isu"]
        if not access.can_view_isu_finances(self.request.user, isu.convention_id):
            raise PermissionDenied
        serializer.instance = services.isu_budget_create(actor=self.request.user,
                                                         **serializer.validated_data)

    def perform_update(self, serializer):
        if not access.can_view_isu_finances(self.request.user,
                                            serializer.instance.isu.convention_id):
            raise PermissionDenied
        serializer.instance = services.isu_budget_update(actor=self.request.user,
                                                         budget=serializer.instance,
                                                         **serializer.validated_data)

    @extend_schema(responses=ISUBudgetSerializer)
    def update(self, request, *args, **kwargs):
        super().update(request, *args, **kwargs)
        budget = self.get_queryset().get(pk=kwargs["pk"])
        return Response(ISUBudgetSerializer(budget, context={"request": request}).data)

    @extend_schema(responses=ISUBudgetSerializer)
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)


class ThematicAreaViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ThematicAreaSerializer
    queryset = ThematicArea.objects.all()
    lookup_field = "code"
    ordering_fields = ["code"]
    filterset_fields = ["code"]
