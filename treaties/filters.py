"""One FilterSet per resource, shared by the HTML lists and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .enums import UNStatus
from .models import Convention, ISUBudget, Membership, State
from .selectors import party_state_ids_on


@extend_schema_field(OpenApiTypes.STR)
class ConventionCodeFilter(django_filters.ModelChoiceFilter):
    """A convention given by its code (?party_to=CCM); an unknown code is a 400."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Convention.objects.all())
        kwargs.setdefault("to_field_name", "code")
        super().__init__(**kwargs)


class ConventionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    is_protocol = django_filters.BooleanFilter(field_name="parent", lookup_expr="isnull",
                                               exclude=True, label=_("Protocol"))

    class Meta:
        model = Convention
        fields = ["q", "is_protocol"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(code__icontains=value) | Q(short_name__icontains=value) | Q(name__icontains=value)
        )


class StateFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    un_status = django_filters.ChoiceFilter(choices=UNStatus.choices, label=_("UN status"))
    region = django_filters.CharFilter(lookup_expr="iexact", label=_("Region"))
    party_to = ConventionCodeFilter(method="filter_party_to", label=_("Party to"))
    as_of = django_filters.DateFilter(method="filter_noop", label=_("On date (YYYY-MM-DD)"))

    class Meta:
        model = State
        fields = ["q", "un_status", "region", "party_to", "as_of"]

    def filter_q(self, queryset, name, value):
        codes = [code for code, label in countries if value.lower() in str(label).lower()]
        return queryset.filter(
            Q(iso3__iexact=value) | Q(official_un_name__icontains=value) | Q(country__in=codes)
        )

    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_party_to(self, queryset, name, value):
        day = self.form.cleaned_data.get("as_of") or timezone.localdate()
        return queryset.filter(pk__in=party_state_ids_on(value, day))


class MembershipFilter(django_filters.FilterSet):
    convention = django_filters.CharFilter(field_name="convention__code", lookup_expr="iexact",
                                           label=_("Convention code"))
    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact",
                                      label=_("State (ISO alpha-3)"))
    instrument_type = django_filters.CharFilter(lookup_expr="iexact")
    in_force_on = django_filters.DateFilter(method="filter_in_force_on",
                                            label=_("In force on"))
    withdrawn = django_filters.BooleanFilter(field_name="withdrawal_effective_on",
                                             lookup_expr="isnull", exclude=True)

    class Meta:
        model = Membership
        fields = ["convention", "state", "instrument_type", "in_force_on", "withdrawn"]

    def filter_in_force_on(self, queryset, name, value):
        return queryset.in_force_on(value)


class ISUBudgetFilter(django_filters.FilterSet):
    isu = django_filters.CharFilter(field_name="isu__convention__code", lookup_expr="iexact")
    year = django_filters.NumberFilter()

    class Meta:
        model = ISUBudget
        fields = ["isu", "year"]
