"""Staffing pages: the posts, an ISU's team and cover plan, its timeline, its costs with
charts, and the shared-expert options. Every change goes through a service."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.forms import apply_validation_error
from core.generated import generated_file_request, kind_for
from core.permissions import require
from treaties.models import ISU

from . import computations, rules, selectors, services
from .charts import cost_bars, options_bars
from .enums import AssignmentStatus
from .filters import PostFilter
from .forms import (
    AbsenceForm,
    AssignmentForm,
    BackstopForm,
    DayForm,
    DutyForm,
    PostForm,
    SharedExpertForm,
    SpendingForm,
    StaffCostForm,
    StaffMemberForm,
    YearForm,
    default_year,
)
from .models import Assignment
from .reports import REPORT_KIND
from .tables import PostTable


def _isu(code) -> ISU:
    try:
        return selectors.isu_by_code(code)
    except ISU.DoesNotExist:
        raise Http404 from None


@method_decorator(login_required, name="dispatch")
class IndexView(SingleTableMixin, FilterView):
    """All posts, filterable, with each ISU's FTE today."""

    table_class = PostTable
    filterset_class = PostFilter
    template_name = "staffing/index.html"
    paginate_by = 25

    def get_queryset(self):
        return selectors.posts_for_user(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        fte = dict(Assignment.objects.in_force().active_on(today).values("post__isu")
                   .annotate(total=Sum("fte")).values_list("post__isu", "total"))
        context["units"] = [(isu, computations.tidy(fte.get(isu.pk, Decimal(0))))
                            for isu in selectors.isus_list()]
        context["today"] = today
        context["can_add_person"] = rules.can_manage_any_staffing(self.request.user)
        return context


@login_required
def isu_team(request, code):
    """The team on a date and who covers whose duties; htmx swaps the date's part."""
    isu = _isu(code)
    day = DayForm(request.GET or None).chosen()
    context = {
        "isu": isu, "day": day, "day_form": DayForm(initial={"on": day}),
        "team": selectors.team_on(isu, day),
        "cover": selectors.cover_plan_on(isu, day),
        "absences": selectors.absences_around(isu, day),
        "fte": computations.tidy(selectors.isu_fte_on(isu, day)),
        "posts_fte": computations.tidy(selectors.posts_fte_on(isu, day)),
        "can_manage": rules.can_manage_staffing(request.user, isu),
        "can_view_costs": rules.can_view_costs(request.user, isu),
        "pending": selectors.assignments_pending_around(request.user, isu),
    }
    if request.htmx:
        return render(request, "staffing/isu_team.html#day", context)
    return render(request, "staffing/isu_team.html", context)


@login_required
def isu_timeline(request, code):
    isu = _isu(code)
    year = YearForm(request.GET or None).chosen(default=timezone.localdate().year)
    return render(request, "staffing/isu_timeline.html", {
        "isu": isu, "year": year, "year_form": YearForm(initial={"year": year}),
        "timeline": selectors.isu_timeline(isu, year),
        "average_fte": selectors.isu_average_fte(isu, year),
    })


@login_required
def isu_costs(request, code):
    """Budget, spending and staff cost of a year, with charts: confidential."""
    isu = _isu(code)
    require(rules.can_view_costs(request.user, isu))
    year = YearForm(request.GET or None).chosen(default=default_year())
    summary = selectors.isu_cost_summary(isu, year)
    return render(request, "staffing/isu_costs.html", {
        "isu": isu, "year": year, "year_form": YearForm(initial={"year": year}),
        "summary": summary, "chart": cost_bars(summary),
    })


@login_required
def shared_expert_options(request):
    initial = {"annual_cost": selectors.typical_expert_cost(default_year()) or Decimal("150000")}
    isus = list(selectors.isus_list()[:2])
    if len(isus) == 2:
        initial.update(unit_a=isus[0].pk, unit_b=isus[1].pk)
    form = SharedExpertForm(request.GET or None, initial=initial)
    context = {"form": form, "options": None}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        a, b = data["unit_a"].convention.code, data["unit_b"].convention.code
        try:
            options = computations.shared_expert_options(
                annual_cost=data["annual_cost"], units=[a, b],
                part_time_shares={a: data["share_a"], b: data["share_b"]},
                based_in=a if data["based_in_a"] else b,
                consulting_days=data["consulting_days"],
                consulting_premium=data["consulting_premium"])
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            context.update(
                units=[a, b], chart=options_bars(options, [a, b]),
                options=[(o, [(o.shares[u], o.expert_fte[u]) for u in (a, b)])
                         for o in options])
    return render(request, "staffing/options.html", context)


# --- Forms ------------------------------------------------------------------------------------

def _saved(form, perform) -> bool:
    """Run a service with the form's data; its ValidationError becomes the form's errors."""
    if not form.is_valid():
        return False
    try:
        perform(form.cleaned_data)
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return False
    return True


def _form_page(request, isu, *, form_class, title, perform, allowed, back, form_kwargs=None):
    require(allowed)
    kwargs = form_kwargs if form_kwargs is not None else {"isu": isu}
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and _saved(form, perform):
        messages.success(request, _("Saved."))
        return redirect(back)
    return render(request, "staffing/form.html", {"form": form, "title": title, "isu": isu,
                                                  "back": back})


def _team_url(isu):
    from django.urls import reverse

    return reverse("staffing:isu-team", args=[isu.convention.code])


def _costs_url(isu, year=None):
    from django.urls import reverse

    url = reverse("staffing:isu-costs", args=[isu.convention.code])
    return f"{url}?year={year}" if year else url


@login_required
def post_add(request, code):
    isu = _isu(code)
    return _form_page(
        request, isu, form_class=PostForm, form_kwargs={}, title=_("New post"),
        allowed=rules.can_manage_staffing(request.user, isu), back=_team_url(isu),
        perform=lambda data: services.post_create(actor=request.user, isu=isu, **data))


@login_required
def assignment_add(request, code):
    isu = _isu(code)

    def perform(data):
        assignment = services.assignment_create(actor=request.user, **data)
        if assignment.status == AssignmentStatus.PENDING:
            messages.info(request, _("%(person)s is based in another unit: the assignment "
                                     "waits for that unit's consent.")
                          % {"person": assignment.staff_member})

    return _form_page(
        request, isu, form_class=AssignmentForm, title=_("New assignment"),
        allowed=rules.can_manage_staffing(request.user, isu), back=_team_url(isu),
        perform=perform)


@login_required
@require_POST
def assignment_decide(request, pk, decision):
    """Consent to or decline another unit's assignment of a person of one's own unit."""
    assignment = (selectors.assignments_for_user(request.user).filter(pk=pk).first())
    if assignment is None:
        raise Http404
    service = {"consent": services.assignment_consent,
               "decline": services.assignment_decline}[decision]
    try:  # the service asks rules.can_decide_assignment (PermissionDenied: 403)
        service(actor=request.user, assignment=assignment,
                note=request.POST.get("note", "")[:300])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Consented.") if decision == "consent" else _("Declined."))
    home = assignment.staff_member.home_isu
    return redirect(_team_url(home or assignment.post.isu))


@login_required
def absence_add(request, code):
    isu = _isu(code)
    return _form_page(
        request, isu, form_class=AbsenceForm, title=_("Record an absence"),
        allowed=rules.can_manage_staffing(request.user, isu), back=_team_url(isu),
        perform=lambda data: services.absence_record(actor=request.user, **data))


@login_required
def duty_add(request, code):
    isu = _isu(code)
    return _form_page(
        request, isu, form_class=DutyForm, title=_("New duty"),
        allowed=rules.can_manage_staffing(request.user, isu), back=_team_url(isu),
        perform=lambda data: services.duty_create(actor=request.user, isu=isu, **data))


@login_required
def backstop_add(request, code):
    isu = _isu(code)
    return _form_page(
        request, isu, form_class=BackstopForm, title=_("Add a backstop"),
        allowed=rules.can_manage_staffing(request.user, isu), back=_team_url(isu),
        perform=lambda data: services.backstop_add(actor=request.user, **data))


@login_required
def staff_member_add(request):
    require(rules.can_manage_any_staffing(request.user))

    def perform(data):
        if not rules.can_create_person(request.user, data.get("home_isu")):
            raise ValidationError({"home_isu": _("You may only add people to your own unit.")})
        services.staff_member_create(actor=request.user, **data)

    from django.urls import reverse

    return _form_page(request, None, form_class=StaffMemberForm, form_kwargs={},
                      title=_("New staff member"), allowed=True,
                      back=reverse("staffing:index"), perform=perform)


@login_required
def spending_add(request, code):
    isu = _isu(code)
    return _form_page(
        request, isu, form_class=SpendingForm, form_kwargs={}, title=_("Record spending"),
        allowed=rules.can_manage_costs(request.user, isu),
        back=_costs_url(isu, request.POST.get("year")),
        perform=lambda data: services.spending_set(actor=request.user, isu=isu, **data))


@login_required
def staff_cost_add(request, code):
    isu = _isu(code)
    return _form_page(
        request, isu, form_class=StaffCostForm, title=_("Record a salary"),
        form_kwargs={"isu": isu, "people": selectors.people_managed_by(request.user)},
        allowed=rules.can_manage_costs(request.user, isu),
        back=_costs_url(isu, request.POST.get("year")),
        perform=lambda data: services.staff_cost_set(actor=request.user, **data))


@login_required
@require_POST
def report_request(request, code):
    """Queue the yearly staffing and cost PDF; the file page follows its progress."""
    isu = _isu(code)
    form = YearForm(request.POST)
    if not form.is_valid() or not form.cleaned_data["year"]:
        raise Http404
    params = {"isu": isu.convention.code, "year": form.cleaned_data["year"]}
    require(kind_for(REPORT_KIND).can_request(request.user, params))
    generated = generated_file_request(actor=request.user, kind=REPORT_KIND, params=params,
                                       language=translation.get_language() or "en")
    return redirect("generated-file", pk=generated.pk)
