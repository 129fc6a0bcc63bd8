"""One FilterSet per resource, shared by the pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from treaties.filters import (
    ConventionScopedFilterSet,
    convention_code_alias,
)

from . import rules
from .enums import AssignmentKind, AssignmentStatus
from .models import Assignment, Post, StaffMember


class PostFilter(ConventionScopedFilterSet):
    convention_path = "isu__convention"
    isu = convention_code_alias(_("ISU (convention code)"))
    approved_on = django_filters.DateFilter(method="filter_approved_on", label=_("Approved on"))
    grade = django_filters.CharFilter(lookup_expr="iexact", label=_("Grade"))
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))

    class Meta:
        model = Post
        fields = ["convention", "protocols", "isu", "approved_on", "grade", "q"]

    def filter_approved_on(self, queryset, name, value):
        return queryset.approved_on(value)

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(work_plan__icontains=value)
                               | Q(approved_by__icontains=value))


class StaffMemberFilter(ConventionScopedFilterSet):
    # Home ISU or the ISU of a post they are assigned to.
    convention_path = ("home_isu__convention", "assignments__post__isu__convention")
    isu = convention_code_alias(_("ISU (convention code)"))
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))

    class Meta:
        model = StaffMember
        fields = ["convention", "protocols", "isu", "q"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(full_name__icontains=value) | Q(expertise__icontains=value))


class AssignmentFilter(ConventionScopedFilterSet):
    convention_path = "post__isu__convention"
    isu = convention_code_alias(_("ISU (convention code)"))
    staff_member = django_filters.NumberFilter(field_name="staff_member_id",
                                               label=_("Staff member id"))
    kind = django_filters.ChoiceFilter(choices=AssignmentKind.choices, label=_("Form"))
    active_on = django_filters.DateFilter(method="filter_active_on", label=_("Active on"))
    status = django_filters.ChoiceFilter(choices=AssignmentStatus.choices, label=_("Status"))
    awaiting_my_consent = django_filters.BooleanFilter(
        method="filter_awaiting_my_consent", label=_("Awaiting my consent"))

    class Meta:
        model = Assignment
        fields = ["convention", "protocols", "isu", "staff_member", "kind", "active_on",
                  "status", "awaiting_my_consent"]

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value)

    def filter_awaiting_my_consent(self, queryset, name, value):
        mine = rules.assignments_awaiting_consent_q(getattr(self.request, "user", None))
        return queryset.filter(mine) if value else queryset.exclude(mine)
