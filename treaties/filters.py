"""One FilterSet per resource, shared by the HTML lists and the API."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_filters.constants import EMPTY_VALUES
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


class ConventionCodeField(django_filters.fields.ModelChoiceField):
    """A convention by its code, in any case (ccw, CCW); an unknown code is a field error."""

    default_error_messages = {
        "invalid_choice": _("Unknown convention code: %(value)s."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        code = str(value).strip()
        found = self.queryset.filter(code__iexact=code).first()
        if found is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": code})
        return found


@extend_schema_field(OpenApiTypes.STR)
class ConventionScopeFilter(django_filters.ModelChoiceFilter):
    """THE ?convention= of every list, pages and API: a convention code (any case); the rows
    of that instrument and of its protocols, or of the instrument alone with ?protocols=false.
    An unknown code is a form error (HTTP 400 in the API), never an empty list.

    `path` is the lookup from the listed model to a Convention ("obligation__convention",
    "conventions" for a many-to-many); several paths mean "any of them". Without one, the
    FilterSet's `convention_path` (ConventionScopedFilterSet, a path or a tuple) is used.
    Rows are chosen by a subquery, so a row reached through several paths or a many-to-many
    stays one row."""

    field_class = ConventionCodeField

    def __init__(self, *, path=None, **kwargs):
        kwargs.setdefault("queryset", Convention.objects.all())
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("label", _("Convention"))
        kwargs.setdefault("help_text", _(
            "A convention code (any case): that convention and its protocols; add "
            "protocols=false for the instrument alone. An unknown code is an error."))
        self.paths = (path,) if isinstance(path, str) else path
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        if value in EMPTY_VALUES:
            return queryset
        with_protocols = self.parent.form.cleaned_data.get("protocols") is not False
        scope = Q(pk=value.pk) | Q(parent_id=value.pk) if with_protocols else Q(pk=value.pk)
        conventions = Convention.objects.filter(scope).values("pk")
        paths = self.paths or self.parent.convention_path
        paths = (paths,) if isinstance(paths, str) else paths
        match = Q()
        for path in paths:
            match |= Q(**{f"{path}__in": conventions})
        return queryset.filter(pk__in=queryset.model._default_manager.filter(match).values("pk"))


class ProtocolsFilter(django_filters.BooleanFilter):
    """?protocols=false narrows ?convention= to the instrument alone (default: true)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("With its protocols"))
        kwargs.setdefault("help_text", _(
            "With convention=: include its protocols (default true); false for the "
            "instrument alone."))
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        return queryset  # read by ConventionScopeFilter


def convention_code_alias(label, **kwargs):
    """An older name of ?convention= kept for clients (?isu=, ?programme=): the same filter,
    typed as a code (no second list of conventions on the page)."""
    return ConventionScopeFilter(label=label, widget=forms.TextInput, **kwargs)


class ConventionScopedFilterSet(django_filters.FilterSet):
    """Base of every FilterSet whose rows belong to conventions: `?convention=` and
    `?protocols=` behave alike everywhere. Subclasses set `convention_path`."""

    convention_path = "convention"
    convention = ConventionScopeFilter()
    protocols = ProtocolsFilter()


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


class MembershipFilter(ConventionScopedFilterSet):
    state = django_filters.CharFilter(field_name="state__iso3", lookup_expr="iexact",
                                      label=_("State (ISO alpha-3)"))
    instrument_type = django_filters.CharFilter(lookup_expr="iexact")
    in_force_on = django_filters.DateFilter(method="filter_in_force_on",
                                            label=_("In force on"))
    withdrawn = django_filters.BooleanFilter(field_name="withdrawal_effective_on",
                                             lookup_expr="isnull", exclude=True)

    class Meta:
        model = Membership
        fields = ["convention", "protocols", "state", "instrument_type", "in_force_on",
                  "withdrawn"]

    def filter_in_force_on(self, queryset, name, value):
        return queryset.in_force_on(value)


class ISUBudgetFilter(ConventionScopedFilterSet):
    convention_path = "isu__convention"
    isu = convention_code_alias(_("ISU (convention code)"))
    year = django_filters.NumberFilter()

    class Meta:
        model = ISUBudget
        fields = ["convention", "protocols", "isu", "year"]
