"""One FilterSet per resource, shared by the HTML lists and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from treaties.filters import ConventionScopedFilterSet

from .enums import ExtensionStatus, ObligationKind, ReportStatus
from .models import ExtensionRequest, Obligation, Report


class ObligationFilter(ConventionScopedFilterSet):
    kind = django_filters.ChoiceFilter(choices=ObligationKind.choices, label=_("Kind"))

    class Meta:
        model = Obligation
        fields = ["convention", "protocols", "kind"]


class ReportFilter(ConventionScopedFilterSet):
    convention_path = "obligation__convention"
    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact",
                                      label=_("State (ISO code)"))
    obligation = django_filters.CharFilter(field_name="obligation__code", label=_("Obligation"))
    cycle_year = django_filters.NumberFilter(label=_("Cycle"))
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices, label=_("Status"))

    class Meta:
        model = Report
        fields = ["state", "convention", "protocols", "obligation", "cycle_year", "status"]


class ExtensionRequestFilter(ConventionScopedFilterSet):
    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact",
                                      label=_("State (ISO code)"))
    status = django_filters.ChoiceFilter(choices=ExtensionStatus.choices, label=_("Status"))

    class Meta:
        model = ExtensionRequest
        fields = ["state", "convention", "protocols", "status"]
