"""One FilterSet per resource, shared by the HTML lists and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.dates import BoundedYearFilter
from treaties.filters import (
    ConventionScopedFilterSet,
    convention_code_alias,
)

from .enums import ApplicationStatus
from .models import Application, Contribution, DSARate, Trip


class ApplicationFilter(ConventionScopedFilterSet):
    convention_path = "meeting_lines__programme__convention"
    status = django_filters.MultipleChoiceFilter(choices=ApplicationStatus.choices,
                                                 label=_("Status"))
    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact",
                                      label=_("State (ISO alpha-3)"))
    programme = convention_code_alias(_("Programme (convention code)"))
    meeting = django_filters.NumberFilter(method="filter_meeting", label=_("Meeting"))

    class Meta:
        model = Application
        fields = ["status", "state", "convention", "protocols", "programme", "meeting"]

    def filter_meeting(self, queryset, name, value):
        return queryset.filter(pk__in=Application.objects.filter(
            meeting_lines__meeting_id=value).values("pk"))


class TripFilter(ConventionScopedFilterSet):
    convention_path = "shares__programme__convention"
    programme = convention_code_alias(_("Programme (convention code)"))
    year = BoundedYearFilter(field_name="arrival__year", label=_("Year"))
    joint = django_filters.BooleanFilter(method="filter_joint", label=_("Shared trip"))
    state = django_filters.CharFilter(field_name="application__state__iso3",
                                      lookup_expr="iexact", label=_("State (ISO alpha-3)"))

    class Meta:
        model = Trip
        fields = ["convention", "protocols", "programme", "year", "joint", "state"]

    def filter_joint(self, queryset, name, value):
        from django.db.models import Count

        joint = Trip.objects.annotate(n=Count("shares")).filter(n__gt=1).values("pk")
        return queryset.filter(pk__in=joint) if value else queryset.exclude(pk__in=joint)


class ContributionFilter(ConventionScopedFilterSet):
    convention_path = "programme__convention"
    programme = convention_code_alias(_("Programme (convention code)"))
    donor = django_filters.CharFilter(field_name="donor__name", lookup_expr="icontains",
                                      label=_("Donor"))
    year = BoundedYearFilter(field_name="received_on__year", label=_("Year"))

    class Meta:
        model = Contribution
        fields = ["convention", "protocols", "programme", "donor", "year"]


class DSARateFilter(django_filters.FilterSet):
    city = django_filters.CharFilter(lookup_expr="iexact", label=_("City"))

    class Meta:
        model = DSARate
        fields = ["city"]
