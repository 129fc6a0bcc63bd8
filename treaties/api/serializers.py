from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from treaties.models import ISU, Convention, ISUBudget, Membership, State, ThematicArea
from treaties.selectors import convention_by_code


class ConventionSerializer(serializers.ModelSerializer):
    """A convention with its entry-into-force rule: a kind the portal computes, and its number
    of months or days. Administrators write; an unknown kind is a 400."""

    parent = serializers.SlugRelatedField(slug_field="code", queryset=Convention.objects.all(),
                                          required=False, allow_null=True)
    localized_name = serializers.CharField(read_only=True)

    class Meta:
        model = Convention
        fields = ["code", "short_name", "name", "name_fr", "name_es", "name_ar", "localized_name",
                  "parent", "untc_code", "untc_reference", "adopted_on", "entry_into_force",
                  "entry_into_force_rule", "entry_into_force_months", "entry_into_force_days",
                  "website"]
        validators = []  # the service's full_clean() checks uniqueness and the rule's number
        extra_kwargs = {"code": {"validators": []}}


class StateSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    iso2 = serializers.CharField(source="country.code", read_only=True)

    class Meta:
        model = State
        fields = ["iso3", "iso2", "name", "official_un_name", "un_status", "region"]


class MembershipSerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(slug_field="iso3", queryset=State.objects.all())
    convention = serializers.SlugRelatedField(slug_field="code", queryset=Convention.objects.all())
    effective_on = serializers.DateField(
        required=False,
        help_text=_("Computed from the convention's rule when omitted."),
    )

    class Meta:
        model = Membership
        fields = ["id", "state", "convention", "instrument_type", "signed_on", "deposited_on",
                  "effective_on", "withdrawal_effective_on"]
        validators = []  # uniqueness is the service's business (it updates an existing row)


class StateMembershipSerializer(serializers.ModelSerializer):
    convention = serializers.CharField(source="convention_code", read_only=True)

    class Meta:
        model = Membership
        fields = ["convention", "instrument_type", "signed_on", "deposited_on", "effective_on",
                  "withdrawal_effective_on"]


class StateDetailSerializer(StateSerializer):
    memberships = StateMembershipSerializer(many=True, read_only=True)

    class Meta(StateSerializer.Meta):
        fields = [*StateSerializer.Meta.fields, "memberships"]


class ConventionCodeField(serializers.CharField):
    default_error_messages = {"unknown": _("Unknown convention code {code!r}.")}

    def to_internal_value(self, data):
        code = super().to_internal_value(data)
        try:
            return convention_by_code(code)
        except Convention.DoesNotExist:
            self.fail("unknown", code=code)


class OverlapQuerySerializer(serializers.Serializer):
    a = ConventionCodeField(help_text=_("Convention code, e.g. CCM"))
    b = ConventionCodeField(help_text=_("Convention code, e.g. APMBC"))
    as_of = serializers.DateField(
        required=False, help_text=_("Date (YYYY-MM-DD); today if omitted")
    )

    def validate(self, attrs):
        if attrs["a"] == attrs["b"]:
            raise serializers.ValidationError({"b": [_("Choose two different conventions.")]})
        attrs.setdefault("as_of", timezone.localdate())
        return attrs


class AsOfQuerySerializer(serializers.Serializer):
    as_of = serializers.DateField(required=False)


class OverlapSerializer(serializers.Serializer):
    a = serializers.CharField(source="a.code")
    b = serializers.CharField(source="b.code")
    as_of = serializers.DateField()
    only_a = StateSerializer(many=True)
    only_b = StateSerializer(many=True)
    both = StateSerializer(many=True)
    only_a_count = serializers.SerializerMethodField()
    only_b_count = serializers.SerializerMethodField()
    both_count = serializers.SerializerMethodField()

    def get_only_a_count(self, obj) -> int:
        return len(obj.only_a)

    def get_only_b_count(self, obj) -> int:
        return len(obj.only_b)

    def get_both_count(self, obj) -> int:
        return len(obj.both)


class ISUSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="convention.code", read_only=True)
    host = serializers.SlugRelatedField(slug_field="short_name", read_only=True)

    class Meta:
        model = ISU
        fields = ["code", "name", "host", "email", "established_on"]


@extend_schema_field(OpenApiTypes.STR)
class ISUCodeField(serializers.RelatedField):
    """An ISU, written and read as its convention's code."""

    default_error_messages = {"unknown": _("No ISU for convention {code!r}.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", ISU.objects.select_related("convention"))
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value.convention.code

    def to_internal_value(self, data):
        isu = self.get_queryset().filter(convention__code__iexact=str(data)).first()
        if isu is None:
            self.fail("unknown", code=data)
        return isu


class ISUBudgetSerializer(serializers.ModelSerializer):
    isu = ISUCodeField()

    class Meta:
        model = ISUBudget
        fields = ["id", "isu", "year", "amount", "currency", "notes"]
        validators = []  # a collision is the service's field error, not a non-field one


class ISUBudgetUpdateSerializer(serializers.ModelSerializer):
    """What changes in a budget: its ISU and year stay."""

    class Meta:
        model = ISUBudget
        fields = ["amount", "currency", "notes"]


class ThematicAreaSerializer(serializers.ModelSerializer):
    localized_name = serializers.CharField(read_only=True)

    class Meta:
        model = ThematicArea
        fields = ["code", "name", "name_fr", "name_es", "name_ar", "localized_name", "description"]
