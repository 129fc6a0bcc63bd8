import django_filters
from django.db.models import Q

from treaties.filters import ConventionScopedFilterSet

from .enums import Role
from .models import User


class PersonFilter(ConventionScopedFilterSet):
    convention_path = "role_assignments__convention"
    q = django_filters.CharFilter(method="filter_q")
    role = django_filters.ChoiceFilter(field_name="role_assignments__role", choices=Role.choices,
                                       distinct=True)
    state = django_filters.CharFilter(field_name="role_assignments__state__iso3",
                                      lookup_expr="iexact", distinct=True)

    class Meta:
        model = User
        fields = ["q", "role", "state", "convention", "protocols"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(username__icontains=value) | Q(full_name__icontains=value)
            | Q(email__icontains=value)
        )
