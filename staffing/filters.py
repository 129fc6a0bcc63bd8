"""One FilterSet per resource, shared by the pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import rules
from .enums import AssignmentKind, AssignmentStatus
from .models import Assignment, Post, StaffMember


class PostFilter(django_filters.FilterSet):
    isu = django_filters.CharFilter(field_name="isu__convention__code", lookup_expr="iexact",
                                    label=_("ISU (convention code)"))
    approved_on = django_filters.DateFilter(method="filter_approved_on", label=_("Approved on"))
    grade = django_filters.CharFilter(lookup_expr="iexact", label=_("Grade"))
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))

    class Meta:
        model = Post
        fields = ["isu", "approved_on", "grade", "q"]

    def filter_approved_on(self, queryset, name, value):
        return queryset.approved_on(value)

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(work_plan__icontains=value)
                               | Q(approved_by__icontains=value))


class StaffMemberFilter(django_filters.FilterSet):
    isu = django_filters.CharFilter(method="filter_isu", label=_("ISU (convention code)"))
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))

    class Meta:
        model = StaffMember
        fields = ["isu", "q"]

    def filter_isu(self, queryset, name, value):
        return queryset.filter(Q(home_isu__convention__code__iexact=value)
                               | Q(assignments__post__isu__convention__code__iexact=value)
                               ).distinct()

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(full_name__icontains=value) | Q(expertise__icontains=value))


class AssignmentFilter(django_filters.FilterSet):
    isu = django_filters.CharFilter(field_name="post__isu__convention__code",
                                    lookup_expr="iexact", label=_("ISU (convention code)"))
    staff_member = django_filters.NumberFilter(field_name="staff_member_id",
                                               label=_("Staff member id"))
    kind = django_filters.ChoiceFilter(choices=AssignmentKind.choices, label=_("Form"))
    active_on = django_filters.DateFilter(method="filter_active_on", label=_("Active on"))
    status = django_filters.ChoiceFilter(choices=AssignmentStatus.choices, label=_("Status"))
    awaiting_my_consent = django_filters.BooleanFilter(
        method="filter_awaiting_my_consent", label=_("Awaiting my consent"))

    class Meta:
        model = Assignment
        fields = ["isu", "staff_member", "kind", "active_on", "status", "awaiting_my_consent"]

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value)

    def filter_awaiting_my_consent(self, queryset, name, value):
        mine = rules.assignments_awaiting_consent_q(getattr(self.request, "user", None))
        return queryset.filter(mine) if value else queryset.exclude(mine)
