from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from core.money import Currency
from staffing import selectors
from staffing.enums import AssignmentKind, ChargeUnit, SpendingCategory
from staffing.models import Assignment, Post, StaffCost, StaffMember
from treaties.api.serializers import ISUCodeField as _ISUCodeField


@extend_schema_field(OpenApiTypes.STR)
class ISUCodeField(_ISUCodeField):
    """An ISU as its convention's code (CCM, APMBC)."""


class HolderSerializer(serializers.ModelSerializer):
    staff_member = serializers.CharField(source="staff_member.full_name")

    class Meta:
        model = Assignment
        fields = ["id", "staff_member", "fte", "kind", "starts_on", "ends_on", "status"]


class PostSerializer(serializers.ModelSerializer):
    isu = ISUCodeField()
    assignments = HolderSerializer(many=True, read_only=True)

    class Meta:
        model = Post
        fields = ["id", "isu", "title", "grade", "fte", "approved_from", "approved_until",
                  "approved_by", "work_plan", "description", "assignments"]


class PostUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Post
        fields = ["title", "grade", "fte", "approved_from", "approved_until", "approved_by",
                  "work_plan", "description"]


class StaffCostSerializer(serializers.ModelSerializer):
    total = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)

    class Meta:
        model = StaffCost
        fields = ["year", "salary", "social_charges", "currency", "total"]
        validators = []


class PersonAssignmentSerializer(serializers.ModelSerializer):
    isu = serializers.CharField(source="post.isu.convention.code")
    post = serializers.CharField(source="post.title")

    class Meta:
        model = Assignment
        fields = ["id", "isu", "post", "kind", "fte", "starts_on", "ends_on", "status"]


class StaffMemberSerializer(serializers.ModelSerializer):
    home_isu = ISUCodeField(required=False, allow_null=True)
    user = serializers.SlugRelatedField(slug_field="username", queryset=User.objects.all(),
                                        required=False, allow_null=True)
    assignments = PersonAssignmentSerializer(many=True, read_only=True)
    costs = serializers.SerializerMethodField(
        help_text=_("Salary and charges of the years you may see: every year for the person's "
                    "home unit, the host's finance staff and admins; for another unit, the "
                    "years it is charged for by an assignment in force"))

    class Meta:
        model = StaffMember
        fields = ["id", "full_name", "email", "user", "home_isu", "expertise", "assignments",
                  "costs"]

    @extend_schema_field(StaffCostSerializer(many=True))
    def get_costs(self, person):
        # staff_for_user prefetches the rows this user may read; a just saved person has none
        costs = getattr(person, "visible_costs", None)
        if costs is None:
            costs = selectors.staff_costs_for_user(self.context["request"].user).filter(
                staff_member=person)
        return StaffCostSerializer(costs, many=True).data


class AssignmentSerializer(serializers.ModelSerializer):
    staff_member = serializers.PrimaryKeyRelatedField(queryset=StaffMember.objects.all())
    staff_member_name = serializers.CharField(source="staff_member.full_name", read_only=True)
    post = serializers.PrimaryKeyRelatedField(queryset=Post.objects.select_related("isu"))
    isu = serializers.CharField(source="post.isu.convention.code", read_only=True)
    fte = serializers.DecimalField(max_digits=5, decimal_places=4, required=False,
                                   allow_null=True,
                                   help_text=_("Required for part-time; consultants' FTE "
                                               "follows from the time charged"))
    kind = serializers.ChoiceField(choices=AssignmentKind.choices,
                                   default=AssignmentKind.PART_TIME)
    charge_unit = serializers.ChoiceField(choices=ChargeUnit.choices, required=False,
                                          allow_blank=True)

    class Meta:
        model = Assignment
        fields = ["id", "staff_member", "staff_member_name", "post", "isu", "kind", "fte",
                  "charge_unit", "charged_per_year", "starts_on", "ends_on", "notes", "status"]
        read_only_fields = ["status"]


class AssignmentUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Assignment
        fields = ["fte", "charge_unit", "charged_per_year", "starts_on", "ends_on", "notes"]


class AssignmentEndSerializer(serializers.Serializer):
    ends_on = serializers.DateField()


class AssignmentDecisionSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class CostsQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1990, max_value=2100)


class SpendingInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1990, max_value=2100)
    category = serializers.ChoiceField(choices=SpendingCategory.choices)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    currency = serializers.ChoiceField(choices=Currency.choices, default=Currency.CHF)
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class PersonCostLineSerializer(serializers.Serializer):
    staff_member_id = serializers.IntegerField(source="person.pk")
    full_name = serializers.CharField(source="person.full_name")
    total = serializers.DecimalField(max_digits=14, decimal_places=2)
    share = serializers.DecimalField(max_digits=14, decimal_places=2)
    shared_with = serializers.ListField(child=serializers.CharField())


class RatiosSerializer(serializers.Serializer):
    of_spending = serializers.DecimalField(max_digits=6, decimal_places=1, allow_null=True)
    of_budget = serializers.DecimalField(max_digits=6, decimal_places=1, allow_null=True)
    spent_of_budget = serializers.DecimalField(max_digits=6, decimal_places=1, allow_null=True)


class CostSummarySerializer(serializers.Serializer):
    isu = serializers.CharField(source="isu.convention.code")
    year = serializers.IntegerField()
    currency = serializers.CharField()
    budget = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    spending = serializers.DictField(child=serializers.DecimalField(max_digits=14,
                                                                    decimal_places=2))
    spent = serializers.DecimalField(max_digits=14, decimal_places=2)
    staff_cost = serializers.DecimalField(max_digits=14, decimal_places=2)
    staff_spending_recorded = serializers.DecimalField(max_digits=14, decimal_places=2,
                                                       allow_null=True)
    average_fte = serializers.DecimalField(max_digits=6, decimal_places=2)
    ratios = RatiosSerializer()
    people = PersonCostLineSerializer(many=True)


class FTEQuerySerializer(serializers.Serializer):
    on = serializers.DateField(required=False)
    year = serializers.IntegerField(required=False, min_value=1990, max_value=2100)


class FTESerializer(serializers.Serializer):
    isu = serializers.CharField()
    on = serializers.DateField()
    fte_on = serializers.DecimalField(max_digits=7, decimal_places=4)
    posts_fte_on = serializers.DecimalField(max_digits=7, decimal_places=4)
    year = serializers.IntegerField()
    average_fte = serializers.DecimalField(max_digits=7, decimal_places=2)
