from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from accounts import access

from . import selectors
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
    form = OverlapForm(request.GET or None)
    result = None
    if form.is_bound and form.is_valid():
        result = selectors.overlap_on(form.cleaned_data["a"], form.cleaned_data["b"],
                                      form.cleaned_data["as_of"])
    return render(request, "treaties/overlap.html", {"form": form, "result": result})
