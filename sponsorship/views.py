"""Pages for focal points (apply, follow), reviewers (queue, decide, compare against budget)
and per-programme and per-donor reports. Every change goes through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from accounts import access
from core.forms import apply_validation_error, validation_error_text
from core.permissions import require
from treaties.models import State

from . import rules, selectors, services
from .enums import TRANSITIONS, ApplicationStatus
from .filters import ApplicationFilter, TripFilter
from .forms import ApplicationForm, ContributionForm, ReportForm, StepForm, TripForm
from .models import Application, CostShare, Programme
from .tables import ApplicationTable, TripTable

STEPS = {
    "submit": (services.application_submit, ApplicationStatus.SUBMITTED),
    "start_review": (services.application_start_review, ApplicationStatus.UNDER_REVIEW),
    "approve": (services.application_approve, ApplicationStatus.APPROVED),
    "waitlist": (services.application_waitlist, ApplicationStatus.WAITLISTED),
    "reject": (services.application_reject, ApplicationStatus.REJECTED),
    "book_travel": (services.application_book_travel, ApplicationStatus.TRAVEL_BOOKED),
    "mark_attended": (services.application_mark_attended, ApplicationStatus.ATTENDED),
    "settle": (services.application_settle, ApplicationStatus.SETTLED),
}
STEP_LABELS = {
    "submit": gettext_lazy("Submit"), "start_review": gettext_lazy("Start review"),
    "approve": gettext_lazy("Approve"), "waitlist": gettext_lazy("Waitlist"),
    "reject": gettext_lazy("Reject"), "book_travel": gettext_lazy("Travel booked"),
    "mark_attended": gettext_lazy("Attended"), "settle": gettext_lazy("Settle"),
}


def _focal_states(user):
    scope = access.scope_of(user)
    if scope.administrator:
        return State.objects.all()
    return State.objects.filter(pk__in=scope.focal_point_state_ids)


@method_decorator(login_required, name="dispatch")
class ApplicationListView(SingleTableMixin, FilterView):
    """The applications the user may see: a State's own, or a reviewer's queue."""

    table_class = ApplicationTable
    filterset_class = ApplicationFilter
    template_name = "sponsorship/index.html"
    paginate_by = 25

    def get_queryset(self):
        return selectors.applications_for_user(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_apply"] = _focal_states(self.request.user).exists()
        context["is_manager"] = rules.can_manage_any_programme(self.request.user)
        return context


@method_decorator(login_required, name="dispatch")
class TripListView(SingleTableMixin, FilterView):
    """Costed trips with their shares and savings, filtered like the API's trips list."""

    table_class = TripTable
    filterset_class = TripFilter
    template_name = "sponsorship/trip_list.html"
    paginate_by = 50

    def get_queryset(self):
        return selectors.trips_for_user(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_apply"] = _focal_states(self.request.user).exists()
        context["is_manager"] = rules.can_manage_any_programme(self.request.user)
        return context


@login_required
def application_create(request):
    states = _focal_states(request.user)
    if not states.exists():
        raise PermissionDenied
    form = ApplicationForm(request.POST or None, states=states,
                           initial={"language": request.LANGUAGE_CODE[:2]})
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(
                actor=request.user, state=form.cleaned_data["state"],
                meetings=list(form.cleaned_data["meetings"]), nominees=form.nominees(),
                language=form.cleaned_data["language"],
                motivation=form.cleaned_data["motivation"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Your draft is saved. Submit it when it is complete."))
            return redirect("sponsorship:application-detail", pk=application.pk)
    return render(request, "sponsorship/application_form.html", {"form": form})


@login_required
def application_edit(request, pk):
    """A focal point changes the State's draft (a submitted application no longer changes)."""
    application = _visible_application(request, pk)
    require(rules.can_apply_for(request.user, application.state))
    if not rules.can_edit_application(request.user, application):
        messages.error(request, _("Only a draft can be changed; this application is "
                                  "%(status)s.") % {"status": application.get_status_display()
                                                    .lower()})
        return redirect("sponsorship:application-detail", pk=pk)
    states = State.objects.filter(pk=application.state_id)
    form = ApplicationForm(request.POST or None, states=states, application=application)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_update(
                actor=request.user, application=application,
                meetings=list(form.cleaned_data["meetings"]), nominees=form.nominees(),
                language=form.cleaned_data["language"],
                motivation=form.cleaned_data["motivation"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Your draft is saved. Submit it when it is complete."))
            return redirect("sponsorship:application-detail", pk=pk)
    return render(request, "sponsorship/application_form.html",
                  {"form": form, "application": application})


@login_required
def application_withdraw(request, pk):
    """Withdraw a draft, after confirming on this page (no script: a page of its own)."""
    application = _visible_application(request, pk)
    require(rules.can_apply_for(request.user, application.state))
    form = StepForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        form.is_valid()
        try:
            services.application_withdraw(actor=request.user, application=application,
                                          comment=form.cleaned_data.get("comment", ""))
        except ValidationError as exc:
            messages.error(request, validation_error_text(exc))
        else:
            messages.success(request, _("The application is withdrawn."))
        return redirect("sponsorship:application-detail", pk=pk)
    if not rules.can_edit_application(request.user, application):
        messages.error(request, _("Only a draft can be withdrawn; this application is "
                                  "%(status)s.") % {"status": application.get_status_display()
                                                    .lower()})
        return redirect("sponsorship:application-detail", pk=pk)
    return render(request, "sponsorship/application_withdraw.html",
                  {"application": application, "form": form})


def _visible_application(request, pk) -> Application:
    try:
        return selectors.application_detail(request.user, pk)
    except Application.DoesNotExist:
        raise Http404 from None


@login_required
def application_detail(request, pk):
    application = _visible_application(request, pk)
    user = request.user
    steps = []
    for name, (_service, target) in STEPS.items():
        who = TRANSITIONS.get((application.status, target))
        if (who == "state" and rules.can_apply_for(user, application.state)) or (
                who == "manager" and rules.can_review_application(user, application)):
            steps.append({"name": name, "label": STEP_LABELS[name]})
    programmes = [line.programme for line in application.meeting_lines.all()]
    trips = list(application.trips.all())
    budget = []
    if rules.can_review_application(user, application):
        positions = selectors.positions({p.pk: p for p in programmes}.values())
        for programme in {p.pk: p for p in programmes}.values():
            needed = sum((s.amount for t in trips for s in t.shares.all()
                          if s.programme_id == programme.pk), 0)
            budget.append({"programme": programme, "needed": needed,
                           "available": positions[programme.pk].available,
                           "enough": needed <= positions[programme.pk].available})
    can_plan = (application.status in ApplicationStatus.PLANNABLE and rules.can_change_shares(
        user, {p.convention_id for p in programmes}))
    share_rows = [(trip, [(share, share.approved_at is None
                           and application.status in ApplicationStatus.PLANNABLE
                           and rules.can_approve_share(user, share))
                          for share in trip.shares.all()]) for trip in trips]
    return render(request, "sponsorship/application_detail.html", {
        "application": application,
        "steps": steps,
        "step_form": StepForm(),
        "trip_form": TripForm(application=application) if can_plan else None,
        "share_rows": share_rows,
        "budget": budget,
        "can_edit": rules.can_edit_application(user, application),
        "can_comment": access.can_act_for_state(user, application.state)
        or rules.can_review_application(user, application),
    })


@login_required
@require_POST
def application_step(request, pk, step):
    application = _visible_application(request, pk)
    if step not in STEPS:
        raise Http404
    form = StepForm(request.POST)
    if not form.is_valid():  # e.g. a comment past the length limit: act on nothing
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect("sponsorship:application-detail", pk=pk)
    try:
        STEPS[step][0](actor=request.user, application=application,
                       comment=form.cleaned_data.get("comment", ""))
    except ValidationError as exc:
        messages.error(request, validation_error_text(exc))
    else:
        application.refresh_from_db()
        messages.success(request, _("The application is now: %(status)s.")
                         % {"status": application.get_status_display()})
    return redirect("sponsorship:application-detail", pk=pk)


@login_required
@require_POST
def application_comment(request, pk):
    application = _visible_application(request, pk)
    form = StepForm(request.POST)
    if not form.is_valid():  # e.g. a comment past the length limit: act on nothing
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect("sponsorship:application-detail", pk=pk)
    try:
        services.application_comment(actor=request.user, application=application,
                                     comment=form.cleaned_data.get("comment", ""))
    except ValidationError as exc:
        messages.error(request, validation_error_text(exc))
    return redirect("sponsorship:application-detail", pk=pk)


@login_required
@require_POST
def trip_plan(request, pk):
    application = _visible_application(request, pk)
    form = TripForm(request.POST, application=application)
    if not form.is_valid():
        messages.error(request, " ".join(f"{form.fields[f].label}: {' '.join(e)}"
                                         if f in form.fields else " ".join(e)
                                         for f, e in form.errors.items()))
        return redirect("sponsorship:application-detail", pk=pk)
    data = dict(form.cleaned_data)
    nominee = get_object_or_404(application.nominees, pk=data.pop("nominee"))
    try:
        services.trip_plan(actor=request.user, application=application, nominee=nominee,
                           **data)
    except ValidationError as exc:
        messages.error(request, validation_error_text(exc))
    else:
        messages.success(request, _("The trip is costed and split."))
    return redirect("sponsorship:application-detail", pk=pk)


@login_required
@require_POST
def share_approve(request, pk):
    share = get_object_or_404(CostShare.objects.select_related("trip"), pk=pk)
    application = _visible_application(request, share.trip.application_id)
    try:
        services.cost_share_approve(actor=request.user, share=share)
    except ValidationError as exc:
        messages.error(request, validation_error_text(exc))
    return redirect("sponsorship:application-detail", pk=application.pk)


@login_required
def programme_list(request):
    programmes = list(selectors.programmes_list())
    visible = list(selectors.programmes_for_finances(request.user))
    positions = selectors.positions(visible)
    ids = [p.pk for p in visible]
    return render(request, "sponsorship/programme_list.html", {
        "rows": [(p, positions.get(p.pk)) for p in programmes],
        "savings": selectors.savings_by_programme_and_year(ids) if ids else [],
        "clusters": selectors.savings_by_cluster(ids) if ids else [],
    })


def _programme_for_finances(request, code) -> Programme:
    programme = get_object_or_404(selectors.programmes_list(), convention__code__iexact=code)
    require(rules.can_view_programme_finances(request.user, programme), hide=True)
    return programme


@login_required
def programme_detail(request, code):
    programme = _programme_for_finances(request, code)
    can_manage = rules.can_manage_programme(request.user, programme)
    contribution_form = ContributionForm(prefix="c") if can_manage else None
    report_form = ReportForm(prefix="r", initial={"language": request.LANGUAGE_CODE[:2]})
    if request.method == "POST":
        if "c-donor" in request.POST and can_manage:
            contribution_form = ContributionForm(request.POST, prefix="c")
            if contribution_form.is_valid():
                try:
                    services.contribution_record(actor=request.user, programme=programme,
                                                 **contribution_form.cleaned_data)
                except ValidationError as exc:
                    apply_validation_error(contribution_form, exc)
                else:
                    messages.success(request, _("The contribution is recorded."))
                    return redirect("sponsorship:programme-detail", code=programme.code)
        elif "r-year" in request.POST:
            report_form = ReportForm(request.POST, prefix="r")
            if report_form.is_valid():
                generated = services.programme_report_request(
                    actor=request.user, programme=programme, **report_form.cleaned_data)
                return redirect("generated-file", pk=generated.pk)
        else:
            raise PermissionDenied
    return render(request, "sponsorship/programme_detail.html", {
        "programme": programme,
        "position": selectors.position_of(programme),
        "budgets": programme.budgets.all(),
        "contributions": selectors.contributions_for_user(request.user)
        .filter(programme=programme)[:50],
        "savings": selectors.savings_by_programme_and_year([programme.pk]),
        "contribution_form": contribution_form,
        "report_form": report_form,
    })


@login_required
def donor_report(request):
    ids = list(selectors.programmes_for_finances(request.user).values_list("pk", flat=True))
    if not ids:
        raise Http404
    return render(request, "sponsorship/donor_report.html",
                  {"rows": selectors.donor_report(ids)})


