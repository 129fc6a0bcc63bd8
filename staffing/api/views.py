from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from staffing import rules, selectors, services
from staffing.filters import AssignmentFilter, PostFilter, StaffMemberFilter
from staffing.models import Assignment
from treaties.models import ISU

from .serializers import (
    AssignmentDecisionSerializer,
    AssignmentEndSerializer,
    AssignmentSerializer,
    AssignmentUpdateSerializer,
    CostsQuerySerializer,
    CostSummarySerializer,
    FTEQuerySerializer,
    FTESerializer,
    PostSerializer,
    PostUpdateSerializer,
    SpendingInputSerializer,
    StaffCostSerializer,
    StaffMemberSerializer,
)


class _StaffingViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin,
                       viewsets.ReadOnlyModelViewSet):
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "post", "patch", "head", "options"]


class PostViewSet(_StaffingViewSet):
    """Posts of every ISU (signed-in users); the ISU's own staff create and change them."""

    filterset_class = PostFilter
    ordering_fields = ["approved_from", "title", "grade"]
    ordering = ["isu__convention__ordering_key", "approved_from", "title"]

    def get_queryset(self):
        return selectors.posts_for_user(self.request.user)

    def get_serializer_class(self):
        return PostUpdateSerializer if self.action == "partial_update" else PostSerializer

    def perform_create(self, serializer):
        isu = serializer.validated_data.pop("isu")
        if not rules.can_manage_staffing(self.request.user, isu):
            raise PermissionDenied
        serializer.instance = services.post_create(actor=self.request.user, isu=isu,
                                                   **serializer.validated_data)

    def perform_update(self, serializer):
        if not rules.can_manage_staffing(self.request.user, serializer.instance.isu):
            raise PermissionDenied
        serializer.instance = services.post_update(actor=self.request.user,
                                                   post=serializer.instance,
                                                   **serializer.validated_data)

    def update(self, request, *args, **kwargs):
        response = super().update(request, *args, **kwargs)
        response.data = PostSerializer(selectors.posts_for_user(request.user).get(
            pk=kwargs["pk"]), context={"request": request}).data
        return response


class StaffMemberViewSet(_StaffingViewSet):
    """People working for the ISUs. Their costs are shown only to whom may see them."""

    serializer_class = StaffMemberSerializer
    filterset_class = StaffMemberFilter
    ordering_fields = ["full_name"]
    ordering = ["full_name"]

    def get_queryset(self):
        return selectors.staff_for_user(self.request.user)

    def perform_create(self, serializer):
        if not rules.can_create_person(self.request.user,
                                       serializer.validated_data.get("home_isu")):
            raise PermissionDenied
        serializer.instance = services.staff_member_create(actor=self.request.user,
                                                           **serializer.validated_data)

    def perform_update(self, serializer):
        person = serializer.instance
        if not rules.can_manage_person(self.request.user, person):
            raise PermissionDenied
        serializer.instance = services.staff_member_update(actor=self.request.user,
                                                           staff_member=person,
                                                           **serializer.validated_data)

    @extend_schema(request=StaffCostSerializer, responses=StaffCostSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def cost(self, request, pk=None):
        """Record a person's salary and social charges for a year: the person's home unit, the
        host's finance staff and admins."""
        person = self.get_object()
        if not rules.can_manage_person(request.user, person):
            raise PermissionDenied
        data = StaffCostSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cost = services.staff_cost_set(actor=request.user, staff_member=person,
                                       **data.validated_data)
        return Response(StaffCostSerializer(cost).data)


class AssignmentViewSet(_StaffingViewSet):
    """Who holds which post when; at most 1 FTE per person on any date."""

    filterset_class = AssignmentFilter
    ordering_fields = ["starts_on", "ends_on", "fte"]
    ordering = ["starts_on", "pk"]

    def get_queryset(self):
        return selectors.assignments_for_user(self.request.user)

    def get_serializer_class(self):
        if self.action == "partial_update":
            return AssignmentUpdateSerializer
        if self.action == "end":
            return AssignmentEndSerializer
        if self.action in ("consent", "decline"):
            return AssignmentDecisionSerializer
        return AssignmentSerializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        if not rules.can_manage_staffing(self.request.user, data["post"].isu):
            raise PermissionDenied
        serializer.instance = services.assignment_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        if not rules.can_manage_staffing(self.request.user, serializer.instance.post.isu):
            raise PermissionDenied
        serializer.instance = services.assignment_update(actor=self.request.user,
                                                         assignment=serializer.instance,
                                                         **serializer.validated_data)

    def update(self, request, *args, **kwargs):
        super().update(request, *args, **kwargs)
        return Response(AssignmentSerializer(self._fresh(kwargs["pk"])).data)

    def _fresh(self, pk) -> Assignment:
        return selectors.assignments_for_user(self.request.user).get(pk=pk)

    @extend_schema(request=AssignmentEndSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def end(self, request, pk=None):
        """End the assignment on a date (the person leaves or changes post)."""
        assignment = self.get_object()
        if not rules.can_manage_staffing(request.user, assignment.post.isu):
            raise PermissionDenied
        data = AssignmentEndSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.assignment_end(actor=request.user, assignment=assignment,
                                ends_on=data.validated_data["ends_on"])
        return Response(AssignmentSerializer(self._fresh(pk)).data)

    def _decide(self, request, service):
        assignment = self.get_object()  # the service asks rules.can_decide_assignment
        data = AssignmentDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        service(actor=request.user, assignment=assignment, note=data.validated_data["note"])
        return Response(AssignmentSerializer(self._fresh(assignment.pk)).data)

    @extend_schema(request=AssignmentDecisionSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def consent(self, request, pk=None):
        """Consent, as the person's home unit (or the host), to another unit's assignment of
        them: it comes into force."""
        return self._decide(request, services.assignment_consent)

    @extend_schema(request=AssignmentDecisionSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def decline(self, request, pk=None):
        """Decline, as the person's home unit (or the host), another unit's assignment of
        them: it never comes into force."""
        return self._decide(request, services.assignment_decline)


def _isu_for_finances(request, code) -> ISU:
    try:
        isu = selectors.isu_by_code(code)
    except ISU.DoesNotExist:
        raise Http404 from None
    if not rules.can_view_costs(request.user, isu):
        raise PermissionDenied
    return isu


class ISUCostsView(APIView):
    """An ISU's year: budget, spending by category, staff cost split from people, ratios.
    Confidential: the ISU's staff, the host's finance staff and administrators."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(parameters=[OpenApiParameter("year", int, required=True)],
                   responses=CostSummarySerializer)
    def get(self, request, code):
        isu = _isu_for_finances(request, code)
        query = CostsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        summary = selectors.isu_cost_summary(isu, query.validated_data["year"])
        return Response(CostSummarySerializer(summary).data)


class ISUFTEView(APIView):
    """An ISU's staffing in FTE on a date (today if omitted) and averaged over a year."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(parameters=[OpenApiParameter("on", str, description="YYYY-MM-DD"),
                               OpenApiParameter("year", int)],
                   responses=FTESerializer)
    def get(self, request, code):
        try:
            isu = selectors.isu_by_code(code)
        except ISU.DoesNotExist:
            raise Http404 from None
        query = FTEQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        day = query.validated_data.get("on") or timezone.localdate()
        year = query.validated_data.get("year") or day.year
        return Response(FTESerializer({
            "isu": isu.convention.code, "on": day, "fte_on": selectors.isu_fte_on(isu, day),
            "posts_fte_on": selectors.posts_fte_on(isu, day), "year": year,
            "average_fte": selectors.isu_average_fte(isu, year)}).data)


class ISUSpendingView(APIView):
    """Record what an ISU spent in one category and year (finance readers of the ISU)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=SpendingInputSerializer, responses=SpendingInputSerializer)
    def post(self, request, code):
        isu = _isu_for_finances(request, code)
        data = SpendingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.spending_set(actor=request.user, isu=isu, **data.validated_data)
        return Response(SpendingInputSerializer(row).data, status=201)
