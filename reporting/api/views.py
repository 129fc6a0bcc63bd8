from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.permissions import IsAdministratorOrReadOnly
from core.downloads import serve_private_file
from reporting import instruments, rules, selectors, services
from reporting.filters import ExtensionRequestFilter, ObligationFilter, ReportFilter
from treaties.models import State

from .serializers import (
    AttachmentSerializer,
    AttachmentUploadSerializer,
    ConflictSerializer,
    ExtensionRequestCreateSerializer,
    ExtensionRequestSerializer,
    ExtensionReviewSerializer,
    ObligationDetailSerializer,
    ObligationSerializer,
    ObligationWriteSerializer,
    ReportCreateSerializer,
    ReportDetailSerializer,
    ReportSerializer,
    SectionEntrySerializer,
    SectionWriteSerializer,
    StateCalendarSerializer,
    SubmitSerializer,
)


@extend_schema_view(create=extend_schema(request=ObligationWriteSerializer,
                                          responses={201: ObligationSerializer}),
                    partial_update=extend_schema(request=ObligationWriteSerializer,
                                                 responses=ObligationSerializer),
                    update=extend_schema(request=ObligationWriteSerializer,
                                         responses=ObligationSerializer))
class ObligationViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin,
                        viewsets.ReadOnlyModelViewSet):
    """Reporting obligations under every convention and protocol, with their forms and every
    rule of their due dates. Public; administrators enter and change them."""

    lookup_field = "code"
    permission_classes = [IsAdministratorOrReadOnly]
    filterset_class = ObligationFilter
    ordering_fields = ["code", "position"]

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.obligations_with_forms()
        return selectors.obligations_list()

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return ObligationWriteSerializer
        return ObligationDetailSerializer if self.action == "retrieve" else ObligationSerializer

    def perform_create(self, serializer):
        serializer.instance = instruments.obligation_save(actor=self.request.user,
                                                          **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = instruments.obligation_save(
            actor=self.request.user, obligation=serializer.instance,
            **serializer.validated_data)

    def create(self, request, *args, **kwargs):
        write = self.get_serializer(data=request.data)
        write.is_valid(raise_exception=True)
        self.perform_create(write)
        return Response(ObligationSerializer(write.instance).data,
                        status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        write = self.get_serializer(self.get_object(), data=request.data,
                                    partial=kwargs.pop("partial", False))
        write.is_valid(raise_exception=True)
        self.perform_update(write)
        return Response(ObligationSerializer(write.instance).data)


class ReportViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Reports: a State's delegates read their own, ISU staff the received reports of their
    convention, everyone the published ones. Integrations submit through `sections` and
    `submit`."""

    filterset_class = ReportFilter
    ordering_fields = ["cycle_year", "due_on", "submitted_at"]

    def get_queryset(self):
        return selectors.reports_for_user(self.request.user)

    def get_serializer_class(self):
        if self.action == "create":
            return ReportCreateSerializer
        return ReportDetailSerializer if self.action == "retrieve" else ReportSerializer

    def get_permissions(self):
        if self.action in ("create", "sections", "submit", "publish", "attachments",
                           "attachment_download"):
            return [IsAuthenticated()]
        return super().get_permissions()

    def _detail(self, report):
        report = selectors.report_detail(report.pk)
        entries = rules.visible_entries(self.request.user, report, report.entries.all())
        return ReportDetailSerializer(report, context={"entries": entries}).data

    def retrieve(self, request, *args, **kwargs):
        return Response(self._detail(self.get_object()))

    @extend_schema(request=ReportCreateSerializer, responses={201: ReportDetailSerializer})
    def create(self, request, *args, **kwargs):
        """Open a draft (or, with copy_last, a copy of the last report marked unchanged)."""
        body = ReportCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if data["copy_last"]:
            report = services.report_copy_last(actor=request.user, state=data["state"],
                                               obligation=data["obligation"],
                                               cycle_year=data["cycle_year"])
        else:
            report = services.report_start(actor=request.user, state=data["state"],
                                           obligation=data["obligation"],
                                           cycle_year=data["cycle_year"],
                                           language=data.get("language"))
        return Response(self._detail(report), status=status.HTTP_201_CREATED)

    @extend_schema(request=SectionWriteSerializer, responses={
        200: SectionEntrySerializer,
        409: OpenApiResponse(ConflictSerializer, description=_("Someone saved this form since "
                                                               "your version."))})
    @action(detail=True, methods=["post", "patch"], filterset_class=None,
            pagination_class=None)
    def sections(self, request, pk=None):
        """Save one form of a draft (POST or PATCH, the same partial save): only what the body
        names changes. Send the version you read; the answer carries the new version for the
        next save (409 with the current text if someone else saved since)."""
        report = self.get_object()
        body = SectionWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        entry = report.entries.select_related("form", "report").filter(
            form__code=data["form"]).first()
        if entry is None:
            from django.core.exceptions import ValidationError

            raise ValidationError({"form": [_("This report has no such form.")]})
        named = {name: data[name] for name in ("tick", "unchanged_since_year", "disclosure",
                                               "agency") if name in data}
        try:
            saved = services.section_save(
                actor=request.user, entry=entry, expected_version=data["version"],
                answers=data.get("data"), origins=data.get("origins"), **named)
        except services.EditConflict as conflict:
            return Response({
                "status": 409, "code": "conflict",
                "detail": _("%(name)s saved this form since you opened it.") % {
                    "name": conflict.current.updated_by or _("Someone")},
                "current": SectionEntrySerializer(conflict.current).data,
            }, status=status.HTTP_409_CONFLICT)
        return Response(SectionEntrySerializer(saved).data)

    @extend_schema(request=SubmitSerializer, responses=ReportDetailSerializer)
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def submit(self, request, pk=None):
        """The State's focal point submits the report."""
        report = self.get_object()
        body = SubmitSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.report_submit(actor=request.user, report=report,
                               publication_wish=body.validated_data.get("publication_wish"))
        return Response(self._detail(report))

    @extend_schema(methods=["GET"], request=None,
                   responses=AttachmentSerializer(many=True))
    @extend_schema(methods=["POST"], request={"multipart/form-data": AttachmentUploadSerializer},
                   responses={201: AttachmentSerializer})
    @action(detail=True, methods=["get", "post"], filterset_class=None, pagination_class=None,
            parser_classes=[MultiPartParser])
    def attachments(self, request, pk=None):
        """List a report's attachments, or attach a file to a draft (multipart, field `file`;
        the same size and type checks as the page)."""
        report = self.get_object()
        if request.method == "GET":
            if not rules.can_view_attachments(request.user, report):
                raise PermissionDenied
            return Response(AttachmentSerializer(
                report.attachments.select_related("uploaded_by"), many=True).data)
        body = AttachmentUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        attachment = services.attachment_add(actor=request.user, report=report,
                                             upload=body.validated_data["file"])
        return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, parameters=[
        OpenApiParameter("attachment_pk", OpenApiTypes.INT, OpenApiParameter.PATH)], responses={
        (200, "application/octet-stream"): OpenApiResponse(
            response=OpenApiTypes.BINARY,
            description=_("The file, as an attachment with its stored type.")),
        404: OpenApiResponse(description=_("No such attachment, or not yours to read."))})
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None,
            url_path=r"attachments/(?P<attachment_pk>\d+)/download",
            url_name="attachment-download")
    def attachment_download(self, request, pk=None, attachment_pk=None):
        """Download one attachment (the State, its ISU once it reads the report, admins)."""
        report = self.get_object()
        attachment = report.attachments.filter(pk=attachment_pk).first()
        if attachment is None:
            raise Http404
        return serve_private_file(attachment.file,
                                  allowed=rules.can_view_attachments(request.user, report),
                                  filename=attachment.original_name,
                                  content_type=attachment.content_type)

    @extend_schema(request=None, responses=ReportDetailSerializer)
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def publish(self, request, pk=None):
        """The convention's ISU publishes (or restricts, as the State asked) a submitted
        report."""
        report = self.get_object()
        services.report_publish(actor=request.user, report=report)
        return Response(self._detail(report))


class ExtensionRequestViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Clearance-deadline extension requests (APMBC Article 5, CCM Article 4): the State's
    focal point creates and submits; the convention's ISU records review dates and the
    decision. Readable by the State and that ISU only."""

    filterset_class = ExtensionRequestFilter
    ordering_fields = ["current_deadline", "requested_deadline", "submitted_on"]
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.extension_requests_for_user(self.request.user)

    def get_serializer_class(self):
        if self.action == "create":
            return ExtensionRequestCreateSerializer
        return ExtensionRequestSerializer

    @extend_schema(request=ExtensionRequestCreateSerializer,
                   responses={201: ExtensionRequestSerializer})
    def create(self, request, *args, **kwargs):
        body = ExtensionRequestCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        extension = services.extension_request_create(actor=request.user, **body.validated_data)
        return Response(ExtensionRequestSerializer(extension).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=ExtensionRequestSerializer)
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def submit(self, request, pk=None):
        """The State's focal point submits the request."""
        extension = services.extension_request_submit(actor=request.user,
                                                      extension=self.get_object())
        return Response(ExtensionRequestSerializer(extension).data)

    @extend_schema(request=ExtensionReviewSerializer, responses=ExtensionRequestSerializer)
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def review(self, request, pk=None):
        """The convention's ISU records the analysis date, the meeting and the decision."""
        extension = self.get_object()
        body = ExtensionReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        extension = services.extension_request_review(actor=request.user, extension=extension,
                                                      **body.validated_data)
        return Response(ExtensionRequestSerializer(extension).data)


class StateObligationsView(APIView):
    """One State's calendar: every report it owes in a year under every convention it is
    party to, with the proposed synchronized internal deadline."""

    @extend_schema(parameters=[OpenApiParameter("year", int, description=_("Cycle year "
                                                                           "(default: this "
                                                                           "year)"))],
                   responses=StateCalendarSerializer)
    def get(self, request, iso3):
        state = State.objects.filter(iso3=iso3.upper()).first()
        if state is None:
            raise Http404
        if not rules.can_view_state_calendar(request.user, state):
            raise PermissionDenied
        try:
            year = int(request.query_params.get("year") or timezone.localdate().year)
            if not 1990 <= year <= 2200:
                raise ValueError
        except ValueError:
            from django.core.exceptions import ValidationError

            raise ValidationError({"year": [_("Give a year between 1990 and 2200.")]}) from None
        calendar = selectors.state_calendar(state, year, user=request.user)
        return Response(StateCalendarSerializer({
            "state": state.iso3, "year": year,
            "proposed_internal_deadline": calendar.proposed_deadline,
            "proposed_cycle_year": calendar.proposed_cycle_year,
            "adopted_internal_deadline": calendar.adopted.internal_deadline
            if calendar.adopted else None,
            "obligations": [{
                "obligation": row.obligation.code, "convention": row.obligation.convention.code,
                "name": row.obligation.localized_name, "kind": row.obligation.kind,
                "cycle_year": row.deadline.cycle_year, "due_on": row.deadline.due_on,
                "period_start": row.deadline.period_start,
                "period_end": row.deadline.period_end,
                "report_id": row.report.pk if row.report else None,
                "report_status": row.report.status if row.report else None,
                "is_overdue": row.is_overdue, "days_overdue": row.days_overdue,
            } for row in calendar.rows],
        }).data)



