from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from sponsorship import rules, selectors, services
from sponsorship.filters import ApplicationFilter, ContributionFilter, DSARateFilter, TripFilter
from sponsorship.models import DSARate

from .serializers import (
    ApplicationCreateSerializer,
    ApplicationEventSerializer,
    ApplicationSerializer,
    ApplicationUpdateSerializer,
    CommentSerializer,
    ContributionSerializer,
    DonorSerializer,
    DSARateSerializer,
    GeneratedFileRefSerializer,
    ProgrammeSerializer,
    ReportRequestSerializer,
    RuleSerializer,
    SavingsSerializer,
    ShareApprovalSerializer,
    TripPlanSerializer,
    TripSerializer,
)


def _file_ref(generated):
    return {"id": generated.pk, "status": generated.status,
            "url": reverse("generated-file", args=[generated.pk])}


class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet):
    """Sponsorship programmes, one per convention; the budget position is shown to those who
    may see the programme's finances (its ISU, the host's staff, administrators)."""

    serializer_class = ProgrammeSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "convention__code"
    lookup_url_kwarg = "code"
    ordering_fields = ["convention__ordering_key", "name"]

    def get_queryset(self):
        return selectors.programmes_list()

    def get_serializer_context(self):
        context = super().get_serializer_context()
        visible = [p for p in selectors.programmes_for_finances(self.request.user)]
        context["positions"] = selectors.positions(visible)
        return context

    @extend_schema(responses=SavingsSerializer)
    @action(detail=False, methods=["get"], pagination_class=None)
    def savings(self, request):
        """What shared trips saved against separate trips: per programme and year, per year,
        per meeting cluster (programmes whose finances you may see)."""
        ids = list(selectors.programmes_for_finances(request.user).values_list("pk", flat=True))
        return Response(SavingsSerializer({
            "by_programme_and_year": selectors.savings_by_programme_and_year(ids),
            "by_year": selectors.savings_by_year(ids),
            "by_cluster": selectors.savings_by_cluster(ids),
        }).data)

    @extend_schema(request=ReportRequestSerializer,
                   responses={202: GeneratedFileRefSerializer})
    @action(detail=True, methods=["post"])
    def report(self, request, code=None):
        """Queue the programme's annual report to donors (PDF)."""
        query = ReportRequestSerializer(data=request.data)
        query.is_valid(raise_exception=True)
        generated = services.programme_report_request(
            actor=request.user, programme=self.get_object(), **query.validated_data)
        return Response(_file_ref(generated), status=status.HTTP_202_ACCEPTED)


class DonorViewSet(viewsets.ReadOnlyModelViewSet):
    """Donors of the programmes."""

    serializer_class = DonorSerializer
    permission_classes = [permissions.IsAuthenticated]
    ordering = ["name"]

    def get_queryset(self):
        return selectors.donors_list()


class ContributionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Donor contributions to the programmes whose finances you may see; programme managers
    record new ones."""

    serializer_class = ContributionSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = ContributionFilter
    ordering_fields = ["received_on", "amount"]

    def get_queryset(self):
        return selectors.contributions_for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.contribution_record(actor=self.request.user,
                                                           **serializer.validated_data)


class DSARateViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Daily subsistence allowance rates per city and date (the host's staff keep them)."""

    serializer_class = DSARateSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = DSARateFilter
    ordering = ["city", "-valid_from"]

    def get_queryset(self):
        return DSARate.objects.all()

    def perform_create(self, serializer):
        serializer.instance = services.dsa_rate_set(actor=self.request.user,
                                                    **serializer.validated_data)


def _transition(name, service, summary):
    def verb(self, request, pk=None):
        body = CommentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        application = service(actor=request.user, application=self.get_object(),
                              comment=body.validated_data["comment"])
        return Response(ApplicationSerializer(self._fresh(application.pk)).data)

    verb.__name__ = name
    verb.__doc__ = summary
    return extend_schema(request=CommentSerializer, responses=ApplicationSerializer,
                         summary=summary)(
        action(detail=True, methods=["post"], filterset_class=None,
               url_path=name.replace("_", "-"))(verb))


class ApplicationViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Sponsorship applications: a State's own, or those its programmes review. Each verb is
    one step of the workflow, taken by the role it belongs to."""

    permission_classes = [permissions.IsAuthenticated]
    filterset_class = ApplicationFilter
    ordering_fields = ["created_at", "updated_at"]

    def get_queryset(self):
        return selectors.applications_for_user(self.request.user)

    def get_serializer_class(self):
        return ApplicationCreateSerializer if self.action == "create" else ApplicationSerializer

    def _fresh(self, pk):
        return self.get_queryset().get(pk=pk)

    @extend_schema(request=ApplicationCreateSerializer, responses={201: ApplicationSerializer})
    def create(self, request, *args, **kwargs):
        """A focal point drafts an application for their State's delegates."""
        body = ApplicationCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        application = services.application_create(
            actor=request.user, state=data["state"], language=data["language"],
            motivation=data["motivation"],
            meetings=[(m["meeting"], m.get("programme")) for m in data["meetings"]],
            nominees=[dict(n) for n in data["nominees"]])
        return Response(ApplicationSerializer(self._fresh(application.pk)).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=ApplicationUpdateSerializer, responses=ApplicationSerializer)
    def partial_update(self, request, *args, **kwargs):
        """The State's focal point changes a draft (only the fields given); a submitted
        application no longer changes (400)."""
        body = ApplicationUpdateSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if "meetings" in data:
            data["meetings"] = [(m["meeting"], m.get("programme")) for m in data["meetings"]]
        if "nominees" in data:
            data["nominees"] = [dict(n) for n in data["nominees"]]
        application = services.application_update(actor=request.user,
                                                  application=self.get_object(), **data)
        return Response(ApplicationSerializer(self._fresh(application.pk)).data)

    submit = _transition("submit", services.application_submit,
                         "Submit (the State's focal point)")
    withdraw = _transition("withdraw", services.application_withdraw,
                           "Withdraw a draft (the State's focal point)")
    start_review = _transition("start_review", services.application_start_review,
                               "Start the review")
    approve = _transition("approve", services.application_approve,
                          "Approve: commits each programme's share")
    waitlist = _transition("waitlist", services.application_waitlist,
                           "Put on the waiting list")
    reject = _transition("reject", services.application_reject,
                         "Reject (a comment is required)")
    book_travel = _transition("book_travel", services.application_book_travel,
                              "Travel booked")
    mark_attended = _transition("mark_attended", services.application_mark_attended,
                                "Delegate attended")
    settle = _transition("settle", services.application_settle,
                         "Settled: the money is spent")

    @extend_schema(request=CommentSerializer, responses={201: ApplicationEventSerializer})
    @action(detail=True, methods=["post"], filterset_class=None)
    def comment(self, request, pk=None):
        """Add a comment to the application's history."""
        body = CommentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        event = services.application_comment(actor=request.user, application=self.get_object(),
                                             comment=body.validated_data["comment"])
        return Response(ApplicationEventSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=ApplicationEventSerializer(many=True))
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def history(self, request, pk=None):
        """Every step and comment, oldest first."""
        events = self.get_object().events.select_related("actor")
        return Response(ApplicationEventSerializer(events, many=True).data)

    @extend_schema(request=TripPlanSerializer, responses={201: TripSerializer})
    @action(detail=True, methods=["post"], filterset_class=None)
    def trips(self, request, pk=None):
        """Cost (or re-cost) one delegate's trip and split it into programme shares."""
        body = TripPlanSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        trip = services.trip_plan(actor=request.user, application=self.get_object(),
                                  **body.validated_data)
        fresh = selectors.trips_for_user(request.user).get(pk=trip.pk)
        return Response(TripSerializer(fresh).data, status=status.HTTP_201_CREATED)


class TripViewSet(viewsets.ReadOnlyModelViewSet):
    """Trips with their shares per programme and their savings against separate trips."""

    serializer_class = TripSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = TripFilter
    ordering_fields = ["arrival", "total"]

    def get_queryset(self):
        return selectors.trips_for_user(self.request.user)

    @extend_schema(request=RuleSerializer, responses=TripSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def rule(self, request, pk=None):
        """Choose the split rule; needs the managers of every programme the trip involves."""
        body = RuleSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        trip = services.trip_set_rule(actor=request.user, trip=self.get_object(),
                                      rule=body.validated_data["rule"])
        return Response(TripSerializer(self.get_queryset().get(pk=trip.pk)).data)

    @extend_schema(request=ShareApprovalSerializer, responses=TripSerializer)
    @action(detail=True, methods=["post"], url_path="approve-share", filterset_class=None)
    def approve_share(self, request, pk=None):
        """A programme approves its own share of the trip."""
        body = ShareApprovalSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        trip = self.get_object()
        share = get_object_or_404(trip.shares.select_related("programme"),
                                  programme__convention__code__iexact=body.validated_data[
                                      "programme"])
        if not rules.can_approve_share(request.user, share):
            raise PermissionDenied
        services.cost_share_approve(actor=request.user, share=share)
        return Response(TripSerializer(self.get_queryset().get(pk=trip.pk)).data)

