"""The meetings API: the calendar (filterable), registrations nested under a meeting, clusters,
conflicts and proposals. Every write calls a service."""

import datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, parsers, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from core import dates

from .. import rules, selectors, services
from ..filters import MeetingFilter, RegistrationFilter
from ..models import Meeting, MeetingDocument, MeetingKind
from .serializers import (
    CancelSerializer,
    ClusterSerializer,
    ConflictSerializer,
    DecisionSerializer,
    MeetingDetailSerializer,
    MeetingDocumentSerializer,
    MeetingKindSerializer,
    MeetingSerializer,
    ProposalAcceptResultSerializer,
    ProposalAcceptSerializer,
    ProposalKeySerializer,
    ProposalPreviewSerializer,
    ProposalSerializer,
    RegistrationSerializer,
    RescheduleSerializer,
)

RANGE_PARAMETERS = [
    OpenApiParameter("date_from", datetime.date, description="YYYY-MM-DD"),
    OpenApiParameter("date_to", datetime.date, description="YYYY-MM-DD"),
]


def _date_param(request, name):
    """A date query parameter within the portal's range, or None; else a 400 naming it."""
    try:
        return dates.parse_date(request.query_params.get(name))
    except DjangoValidationError as exc:
        raise ValidationError({name: exc.messages}) from None


class MeetingKindViewSet(viewsets.ReadOnlyModelViewSet):
    """The kinds of meeting (data, kept in the admin): a meeting's `kind` is one of their
    codes. A kind with a convention is that convention's own; without, any convention's."""

    serializer_class = MeetingKindSerializer
    queryset = MeetingKind.objects.select_related("convention")
    lookup_field = "code"
    filterset_fields = []
    ordering_fields = ["position", "code"]


class MeetingViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin,
                     viewsets.ReadOnlyModelViewSet):
    """Meetings of every convention (public). ISU staff create and change their convention's
    meetings; a joint meeting lists several conventions."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    ordering_fields = ["start_date", "end_date", "city", "title"]
    ordering = ["start_date", "id"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        qs = selectors.meetings_for_user(self.request.user)
        if self.action == "retrieve":
            qs = qs.prefetch_related("sessions")
        return qs

    def get_serializer_class(self):
        return MeetingDetailSerializer if self.action == "retrieve" else MeetingSerializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.meeting_create(
            actor=self.request.user, conventions=data.pop("conventions"),
            thematic_areas=data.pop("thematic_areas", []), **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.meeting_update(
            actor=self.request.user, meeting=serializer.instance,
            conventions=data.pop("conventions", None),
            thematic_areas=data.pop("thematic_areas", None), **data)

    def get_object(self):
        meeting = super().get_object()
        if self.request.method not in permissions.SAFE_METHODS and not rules.can_manage_meeting(
                self.request.user, meeting):
            raise PermissionDenied
        return meeting

    @extend_schema(request=CancelSerializer, responses=MeetingSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def cancel(self, request, pk=None):
        """Cancel the meeting; registered participants are told by email."""
        query = CancelSerializer(data=request.data)
        query.is_valid(raise_exception=True)
        meeting = services.meeting_cancel(actor=request.user, meeting=self.get_object(),
                                          reason=query.validated_data.get("reason", ""))
        return Response(MeetingSerializer(selectors.meetings_list().get(pk=meeting.pk)).data)

    @extend_schema(request=RescheduleSerializer, responses=MeetingSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def reschedule(self, request, pk=None):
        """Move the meeting to new dates (history kept, participants told)."""
        query = RescheduleSerializer(data=request.data)
        query.is_valid(raise_exception=True)
        meeting = services.meeting_reschedule(actor=request.user, meeting=self.get_object(),
                                              **query.validated_data)
        return Response(MeetingSerializer(selectors.meetings_list().get(pk=meeting.pk)).data)

    @extend_schema(parameters=[*RANGE_PARAMETERS, OpenApiParameter("city", str)],
                   responses=ClusterSerializer(many=True))
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def clusters(self, request):
        """Back-to-back clusters: meetings of different conventions in the same city with at
        most MEETING_CLUSTER_MAX_GAP_DAYS free days between them."""
        found = selectors.clusters_between(_date_param(request, "date_from"),
                                           _date_param(request, "date_to"),
                                           city=request.query_params.get("city"))
        return Response(ClusterSerializer(found, many=True).data)

    @extend_schema(parameters=RANGE_PARAMETERS, responses=ConflictSerializer(many=True))
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def conflicts(self, request):
        """Overlapping meetings whose conventions share States Parties."""
        found = selectors.conflicts_between(_date_param(request, "date_from"),
                                            _date_param(request, "date_to"))
        return Response(ConflictSerializer(found, many=True).data)

    @extend_schema(responses=ProposalSerializer(many=True))
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None,
            permission_classes=[permissions.IsAuthenticated])
    def proposals(self, request):
        """Date shifts that would put meetings of different conventions back to back."""
        if not rules.can_manage_any_meeting(request.user):
            raise PermissionDenied
        return Response(ProposalSerializer(selectors.proposals_from(), many=True).data)

    @extend_schema(parameters=[OpenApiParameter("key", str, required=True)],
                   responses=ProposalPreviewSerializer)
    @action(detail=False, methods=["get"], url_path="proposals/preview", filterset_class=None,
            pagination_class=None, permission_classes=[permissions.IsAuthenticated])
    def preview_proposal(self, request):
        """The calendar before and after accepting a proposal: the affected meetings, the
        conflicts it would create, and which owning ISUs accepted it so far."""
        if not rules.can_manage_any_meeting(request.user):
            raise PermissionDenied
        query = ProposalKeySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        proposal = selectors.proposal_by_key(query.validated_data["key"])
        if proposal is None:
            raise ValidationError({"key": ["This proposal is no longer valid; the calendar has "
                                           "changed."]})
        return Response(ProposalPreviewSerializer(selectors.proposal_preview(proposal)).data)

    @extend_schema(request=ProposalAcceptSerializer, responses=ProposalAcceptResultSerializer)
    @action(detail=False, methods=["post"], url_path="proposals/accept", filterset_class=None,
            pagination_class=None, permission_classes=[permissions.IsAuthenticated])
    def accept_proposal(self, request):
        """Accept a proposal by its key for your ISU. Refused (400, `confirm_conflicts`) when
        the move creates a conflict unless confirmed; a joint meeting moves once every owning
        ISU accepted (history kept, participants told)."""
        query = ProposalAcceptSerializer(data=request.data)
        query.is_valid(raise_exception=True)
        outcome = services.proposal_accept(
            actor=request.user, key=query.validated_data["key"],
            confirm_conflicts=query.validated_data["confirm_conflicts"])
        meeting = selectors.meetings_list().get(pk=outcome.meeting.pk)
        return Response(ProposalAcceptResultSerializer(meeting,
                                                       context={"outcome": outcome}).data)


class RegistrationViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Registrations for one meeting, as the user may see them: the meeting's ISU sees all,
    a State's representatives their own delegation, a person their own."""

    serializer_class = RegistrationSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = RegistrationFilter
    ordering_fields = ["full_name", "state__iso3", "created_at", "status"]
    ordering = ["state__iso3", "full_name", "id"]

    def meeting(self) -> Meeting:
        if not hasattr(self, "_meeting"):
            self._meeting = get_object_or_404(
                Meeting.objects.prefetch_related("conventions"), pk=self.kwargs["meeting_pk"])
        return self._meeting

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return selectors.registrations_for_user(None).none()
        return selectors.registrations_for_user(self.request.user, meeting=self.meeting())

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        myself = data.pop("myself", False)
        serializer.instance = services.registration_create(
            actor=self.request.user, meeting=self.meeting(),
            user=self.request.user if myself else None, **data)

    def _decide(self, request, service):
        query = DecisionSerializer(data=request.data)
        query.is_valid(raise_exception=True)
        registration = service(actor=request.user, registration=self.get_object(),
                               note=query.validated_data.get("note", ""))
        return Response(RegistrationSerializer(registration).data, status=status.HTTP_200_OK)

    @extend_schema(request=DecisionSerializer, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def approve(self, request, meeting_pk=None, pk=None):
        """Approve (the meeting's ISU, or the State's focal point for its delegates)."""
        return self._decide(request, services.registration_approve)

    @extend_schema(request=DecisionSerializer, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def reject(self, request, meeting_pk=None, pk=None):
        return self._decide(request, services.registration_reject)

    @extend_schema(request=DecisionSerializer, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def withdraw(self, request, meeting_pk=None, pk=None):
        """Withdraw (the person, or whoever may decide)."""
        return self._decide(request, services.registration_withdraw)


class MeetingDocumentViewSet(mixins.CreateModelMixin, mixins.DestroyModelMixin,
                             viewsets.ReadOnlyModelViewSet):
    """Documents of one meeting: listed for everyone (meetings are public), uploaded (multipart,
    with the page's size, type and content checks) and deleted by the meeting's ISU."""

    serializer_class = MeetingDocumentSerializer
    parser_classes = [parsers.MultiPartParser, parsers.FormParser]
    filterset_class = None
    filter_backends = []
    pagination_class = None
    lookup_value_regex = r"\d+"

    def meeting(self) -> Meeting:
        if not hasattr(self, "_meeting"):
            # Meetings are public; the conventions decide who manages the documents.
            self._meeting = get_object_or_404(Meeting.objects.prefetch_related("conventions"),
                                              pk=self.kwargs["meeting_pk"])
        return self._meeting

    def get_permissions(self):
        if self.request.method in permissions.SAFE_METHODS:
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MeetingDocument.objects.none()
        return (MeetingDocument.objects.filter(meeting=self.meeting())
                .order_by("-uploaded_at", "-id"))

    def create(self, request, *args, **kwargs):
        # Refuse before looking at the file: a stranger learns nothing from validation.
        if not rules.can_manage_meeting(request.user, self.meeting()):
            raise PermissionDenied
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.document_upload(
            actor=self.request.user, meeting=self.meeting(), title=data["title"],
            file=data["file"])

    def perform_destroy(self, instance):
        if not rules.can_manage_meeting(self.request.user, self.meeting()):
            raise PermissionDenied
        services.document_delete(actor=self.request.user, document=instance)
