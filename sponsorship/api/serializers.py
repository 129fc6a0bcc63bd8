from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.languages import LANGUAGE_CHOICES
from core.text import TEXT_MAX_LENGTH
from meetings.models import Meeting
from sponsorship.enums import SplitRule
from sponsorship.models import (
    Application,
    ApplicationEvent,
    ApplicationMeeting,
    Contribution,
    CostShare,
    Donor,
    DSARate,
    Nominee,
    Programme,
    Trip,
)
from treaties.models import State


@extend_schema_field({"type": "string", "example": "CCM"})
class ProgrammeCodeField(serializers.SlugRelatedField):
    """A programme named by its convention's code (CCM, APMBC)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Programme.objects.select_related("convention"))
        super().__init__(slug_field="convention__code", **kwargs)

    def to_internal_value(self, data):
        try:
            return self.get_queryset().get(convention__code__iexact=str(data))
        except Programme.DoesNotExist:
            self.fail("does_not_exist", slug_name="code", value=str(data))

    def to_representation(self, obj):
        return obj.convention.code


class PositionSerializer(serializers.Serializer):
    currency = serializers.CharField()
    received = serializers.DecimalField(max_digits=14, decimal_places=2)
    committed = serializers.DecimalField(max_digits=14, decimal_places=2)
    spent = serializers.DecimalField(max_digits=14, decimal_places=2)
    available = serializers.DecimalField(max_digits=14, decimal_places=2)


class ProgrammeSerializer(serializers.ModelSerializer):
    convention = serializers.CharField(source="convention.code", read_only=True)
    position = serializers.SerializerMethodField(
        help_text=_("Budget position; null unless you may see the programme's finances."))

    class Meta:
        model = Programme
        fields = ["id", "convention", "name", "currency", "established_year",
                  "sponsors_observers", "max_delegates_per_state_per_meeting", "is_active",
                  "position"]

    @extend_schema_field(PositionSerializer(allow_null=True))
    def get_position(self, programme):
        position = self.context.get("positions", {}).get(programme.pk)
        return PositionSerializer(position).data if position else None


class DonorSerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)

    class Meta:
        model = Donor
        fields = ["id", "name", "kind", "state"]


class ContributionSerializer(serializers.ModelSerializer):
    programme = ProgrammeCodeField()
    donor = serializers.SlugRelatedField(slug_field="name", queryset=Donor.objects.all())
    earmarked_meeting = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Contribution
        fields = ["id", "programme", "donor", "amount", "currency", "received_on",
                  "earmarked_meeting", "earmarked_year", "note"]
        read_only_fields = ["currency"]


class DSARateSerializer(CountryFieldMixin, serializers.ModelSerializer):
    class Meta:
        model = DSARate
        fields = ["id", "city", "country", "valid_from", "amount", "currency"]
        validators = []


class ApplicationMeetingSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="meeting.title", read_only=True)
    start_date = serializers.DateField(source="meeting.start_date", read_only=True)
    end_date = serializers.DateField(source="meeting.end_date", read_only=True)
    programme = serializers.CharField(source="programme.convention.code", read_only=True)

    class Meta:
        model = ApplicationMeeting
        fields = ["meeting", "title", "start_date", "end_date", "programme"]


class NomineeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Nominee
        fields = ["id", "full_name", "email", "function", "departure_city"]


class ApplicationSerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    meetings = ApplicationMeetingSerializer(source="meeting_lines", many=True, read_only=True)
    nominees = NomineeSerializer(many=True, read_only=True)
    award_letter = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Application
        fields = ["id", "state", "status", "language", "motivation", "meetings", "nominees",
                  "award_letter", "created_at", "updated_at"]


class MeetingRequestSerializer(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())
    programme = ProgrammeCodeField(
        required=False, allow_null=True,
        help_text=_("Convention code; needed when the meeting is joint."))


class ApplicationCreateSerializer(serializers.Serializer):
    state = serializers.SlugRelatedField(slug_field="iso3", queryset=State.objects.all())
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, default="en")
    motivation = serializers.CharField(required=False, allow_blank=True, default="",
                                       max_length=TEXT_MAX_LENGTH)
    meetings = MeetingRequestSerializer(many=True)
    nominees = NomineeSerializer(many=True)


class NomineeEditSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(required=False, help_text=_(
        "A delegate of this draft to keep (only the fields given change); without id, a new "
        "delegate."))

    class Meta:
        model = Nominee
        fields = ["id", "full_name", "email", "function", "departure_city"]
        extra_kwargs = {"full_name": {"required": False}}


class ApplicationUpdateSerializer(serializers.Serializer):
    """A change to a draft: only the fields given change. `meetings` and `nominees` are the
    whole new lists (delegates not listed are removed)."""

    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, required=False)
    motivation = serializers.CharField(required=False, allow_blank=True)
    meetings = MeetingRequestSerializer(many=True, required=False)
    nominees = NomineeEditSerializer(many=True, required=False)


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="",
                                    max_length=TEXT_MAX_LENGTH)


class ApplicationEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.display_name", default=None, read_only=True)

    class Meta:
        model = ApplicationEvent
        fields = ["from_status", "to_status", "actor", "comment", "created_at"]


class CostShareSerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="programme.convention.code", read_only=True)
    saving = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    approved = serializers.SerializerMethodField()

    class Meta:
        model = CostShare
        fields = ["id", "programme", "airfare", "terminal_expenses", "nights", "dsa", "amount",
                  "separate_cost", "saving", "approved", "approved_at"]

    def get_approved(self, share) -> bool:
        return share.approved_at is not None


class TripSerializer(serializers.ModelSerializer):
    application = serializers.PrimaryKeyRelatedField(read_only=True)
    state = serializers.CharField(source="application.state.iso3", read_only=True)
    nominee = serializers.CharField(source="nominee.full_name", read_only=True)
    shares = CostShareSerializer(many=True, read_only=True)
    saving = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)

    class Meta:
        model = Trip
        fields = ["id", "application", "state", "nominee", "city", "arrival", "departure",
                  "airfare", "terminal_expenses", "currency", "rule", "nights", "dsa_total",
                  "total", "separate_total", "saving", "shares"]


class TripPlanSerializer(serializers.Serializer):
    nominee = serializers.PrimaryKeyRelatedField(queryset=Nominee.objects.all())
    city = serializers.CharField(max_length=100)
    arrival = serializers.DateField()
    departure = serializers.DateField()
    airfare = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal(0))
    terminal_expenses = serializers.DecimalField(max_digits=14, decimal_places=2,
                                                 min_value=Decimal(0), default=Decimal("0.00"))
    rule = serializers.ChoiceField(choices=SplitRule.choices,
                                   default=SplitRule.FIRST_MEETING_PAYS_JOURNEY)


class RuleSerializer(serializers.Serializer):
    rule = serializers.ChoiceField(choices=SplitRule.choices)


class ShareApprovalSerializer(serializers.Serializer):
    programme = serializers.CharField(help_text=_("Convention code of the programme whose "
                                                  "share you approve."))


class GeneratedFileRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    url = serializers.CharField()


class ReportRequestSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, default="en")


class SavingsRowSerializer(serializers.Serializer):
    programme = serializers.CharField(source="programme__name")
    year = serializers.IntegerField()
    trips = serializers.IntegerField()
    cost = serializers.DecimalField(max_digits=14, decimal_places=2)
    separate = serializers.DecimalField(max_digits=14, decimal_places=2)
    saving = serializers.DecimalField(max_digits=14, decimal_places=2)


class ClusterSavingsSerializer(serializers.Serializer):
    cluster = serializers.CharField()
    trips = serializers.IntegerField()
    cost = serializers.DecimalField(max_digits=14, decimal_places=2)
    separate = serializers.DecimalField(max_digits=14, decimal_places=2)
    saving = serializers.DecimalField(max_digits=14, decimal_places=2)


class YearSavingsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    trips = serializers.IntegerField(help_text=_("Trip shares counted (a joint trip counts "
                                                 "once per programme)."))
    cost = serializers.DecimalField(max_digits=14, decimal_places=2)
    separate = serializers.DecimalField(max_digits=14, decimal_places=2)
    saving = serializers.DecimalField(max_digits=14, decimal_places=2)


class SavingsSerializer(serializers.Serializer):
    by_programme_and_year = SavingsRowSerializer(many=True)
    by_year = YearSavingsSerializer(many=True)
    by_cluster = ClusterSavingsSerializer(many=True)
