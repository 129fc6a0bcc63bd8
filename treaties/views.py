from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from accounts import access
from core.generated import generated_file_request

from . import selectors
from .documents import OVERLAP_PDF
from .filters import ConventionFilter, StateFilter
from .forms import OverlapForm
from .models import Convention, State
from .tables import ConventionTable, StateTable


class ConventionListView(SingleTableMixin, FilterView):
    table_class = ConventionTable
    filterset_class = ConventionFilter
    template_name = "treaties/convention_list.html"
    paginate_by = 25

    def get_queryset(self):
        return selectors.conventions_list()


def convention_detail(request, code):
    try:
        convention = selectors.convention_by_code(code)
    except Convention.DoesNotExist:
        raise Http404 from None
    today = timezone.localdate()
    isu = selectors.isus_list().filter(convention=convention).first()
    budgets = []
    if isu and access.can_view_isu_finances(request.user, convention):
        budgets = list(isu.budgets.all())
    return render(request, "treaties/convention_detail.html", {
        "convention": convention,
        "isu": isu,
        "budgets": budgets,
        "protocols": convention.protocols.all(),
        "parties_today": selectors.parties_on(convention, today).count(),
        "withdrawals": selectors.memberships_list().filter(
            convention=convention, withdrawal_effective_on__isnull=False
        ).order_by("withdrawal_effective_on"),
        "today": today,
    })


class StateListView(SingleTableMixin, FilterView):
    table_class = StateTable
    filterset_class = StateFilter
    template_name = "treaties/state_list.html"
    paginate_by = 50

    def get_queryset(self):
        return selectors.states_list()


def state_detail(request, iso3):
    try:
        state = selectors.state_with_memberships(iso3)
    except State.DoesNotExist:
        raise Http404 from None
    today = timezone.localdate()
    memberships = [(m, m.is_in_force_on(today)) for m in state.memberships.all()]
    people = []
    if access.can_view_people_of_state(request.user, state):
        people = (
            state.role_assignments.select_related("user").order_by("role", "user__username")
        )
    return render(request, "treaties/state_detail.html", {
        "state": state, "memberships": memberships, "people": people, "today": today,
    })


def overlap(request):
    """Who is party to A and not B on a date; signed-in users may ask for it as a PDF."""
    data = request.POST if request.method == "POST" else request.GET
    form = OverlapForm(data or None)
    result = None
    if form.is_bound and form.is_valid():
        cleaned = form.cleaned_data
        if request.method == "POST" and request.user.is_authenticated:
            generated = generated_file_request(
                actor=request.user, kind=OVERLAP_PDF, language=translation.get_language(),
                params={"a": cleaned["a"].code, "b": cleaned["b"].code,
                        "as_of": cleaned["as_of"].isoformat()},
            )
            return redirect("generated-file", generated.pk)
        result = selectors.overlap_on(cleaned["a"], cleaned["b"], cleaned["as_of"])
    return render(request, "treaties/overlap.html", {"form": form, "result": result})
