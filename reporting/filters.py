"""One FilterSet per resource, shared by the HTML lists and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from treaties.models import Convention

from .enums import ExtensionStatus, ObligationKind, ReportStatus
from .models import ExtensionRequest, Obligation, Report


class ObligationFilter(django_filters.FilterSet):
    convention = django_filters.ModelChoiceFilter(
        queryset=Convention.objects.all(), to_field_name="code", method="filter_convention",
        label=_("Convention"))
    kind = django_filters.ChoiceFilter(choices=ObligationKind.choices, label=_("Kind"))

    class Meta:
        model = Obligation
        fields = ["convention", "kind"]

    def filter_convention(self, queryset, name, value: str):
        return queryset.filter(Q(convention=value) | Q(convention__parent=value))


class ReportFilter(django_filters.FilterSet):
    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact",
                                      label=_("State (ISO code)"))
    convention = django_filters.ModelChoiceFilter(
        queryset=Convention.objects.all(), to_field_name="code", method="filter_convention",
        label=_("Convention"))
    obligation = django_filters.CharFilter(field_name="obligation__code", label=_("Obligation"))
    cycle_year = django_filters.NumberFilter(label=_("Cycle"))
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices, label=_("Status"))

    class Meta:
        model = Report
        fields = ["state", "convention", "obligation", "cycle_year", "status"]

    def filter_convention(self, queryset, name, value: str):
        return queryset.filter(Q(obligation__convention=value)
                               | Q(obligation__convention__parent=value))


class ExtensionRequestFilter(django_filters.FilterSet):
    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact",
                                      label=_("State (ISO code)"))
    convention = django_filters.CharFilter(field_name="convention__code", label=_("Convention"))
    status = django_filters.ChoiceFilter(choices=ExtensionStatus.choices, label=_("Status"))

    class Meta:
        model = ExtensionRequest
        fields = ["state", "convention", "status"]
