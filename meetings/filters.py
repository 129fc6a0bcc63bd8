"""One FilterSet per resource, shared by the HTML pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.dates import BoundedDateFilter
from treaties.filters import ConventionScopedFilterSet
from treaties.models import State, ThematicArea

from .enums import MeetingStatus, ParticipantRole, RegistrationStatus
from .models import Meeting, MeetingKind, Registration


@extend_schema_field(OpenApiTypes.STR)
class CodeChoiceFilter(django_filters.ModelChoiceFilter):
    """A record chosen by its code (a theme code): a string in the API."""


class MeetingFilter(ConventionScopedFilterSet):
    convention_path = "conventions"
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    kind = CodeChoiceFilter(queryset=MeetingKind.objects.all(), to_field_name="code",
                            label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices, label=_("Status"))
    city = django_filters.CharFilter(lookup_expr="iexact", label=_("City"))
    theme = CodeChoiceFilter(
        queryset=ThematicArea.objects.all(), to_field_name="code", method="filter_theme",
        label=_("Theme"),
    )
    open_to = django_filters.CharFilter(
        method="filter_open_to", label=_("Open to the State (ISO alpha-3)"),
        help_text=_("Meetings the State's delegates may attend, as party or observer."),
    )
    date_from = BoundedDateFilter(field_name="end_date", lookup_expr="gte",
                                  label=_("From (YYYY-MM-DD)"))
    date_to = BoundedDateFilter(field_name="start_date", lookup_expr="lte",
                                label=_("To (YYYY-MM-DD)"))

    class Meta:
        model = Meeting
        fields = ["q", "convention", "protocols", "kind", "status", "city", "theme", "open_to",
                  "date_from", "date_to"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(city__icontains=value)
                               | Q(venue__icontains=value))

    def filter_open_to(self, queryset, name, value):
        from .selectors import open_to_state

        state = State.objects.filter(iso3__iexact=value.strip()).first()
        return open_to_state(queryset, state) if state else queryset.none()

    def filter_theme(self, queryset, name, value):
        return queryset.filter(pk__in=Meeting.thematic_areas.through.objects.filter(
            thematicarea=value).values("meeting_id"))


class RegistrationFilter(django_filters.FilterSet):
    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact",
                                      label=_("State (ISO alpha-3)"))
    role = django_filters.ChoiceFilter(choices=ParticipantRole.choices, label=_("Role"))
    status = django_filters.ChoiceFilter(choices=RegistrationStatus.choices, label=_("Status"))

    class Meta:
        model = Registration
        fields = ["state", "role", "status"]
