import datetime

from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from rest_framework import serializers

from core.dates import validate_date_in_range
from treaties.models import Convention, State, ThematicArea

from ..enums import MeetingStatus
from ..models import Meeting, MeetingDocument, MeetingKind, Registration, Session

# A meeting is cancelled through its cancel action, never by writing its status.
WRITABLE_MEETING_STATUSES = [c for c in MeetingStatus.choices if c[0] != MeetingStatus.CANCELLED]

class MeetingSerializer(serializers.ModelSerializer):
    conventions = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Convention.objects.all(),
        help_text=_("Convention codes, e.g. [\"CCM\", \"APMBC\"] for a joint meeting."),
    )
    thematic_areas = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=ThematicArea.objects.all(), required=False,
    )
    country = CountryField(help_text=_("ISO 3166 alpha-2 code, e.g. CH."))
    kind = serializers.SlugRelatedField(
        slug_field="code", queryset=MeetingKind.objects.all(),
        help_text=_("A meeting kind's code (see /api/v1/meetings/kinds/), e.g. msp, workshop."),
    )
    status = serializers.ChoiceField(
        choices=WRITABLE_MEETING_STATUSES,
        required=False, help_text=_("Cancel a meeting with its cancel action."),
    )

    class Meta:
        model = Meeting
        fields = ["id", "conventions", "kind", "title", "description", "venue", "city",
                  "country", "start_date", "end_date", "thematic_areas", "status",
                  "registration_deadline", "admits_observers", "website", "updated_at"]
        read_only_fields = ["id", "updated_at"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["status"] = instance.status
        return data


class MeetingKindSerializer(serializers.ModelSerializer):
    convention = serializers.SlugRelatedField(slug_field="code", read_only=True)
    localized_name = serializers.CharField(read_only=True)

    class Meta:
        model = MeetingKind
        fields = ["code", "name", "name_fr", "name_es", "name_ar", "localized_name",
                  "convention"]


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["date", "start_time", "end_time", "title", "room"]


class MeetingDetailSerializer(MeetingSerializer):
    """A meeting with its agenda."""

    sessions = SessionSerializer(many=True, read_only=True)

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "sessions"]


class MeetingBriefSerializer(serializers.ModelSerializer):
    conventions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    kind = serializers.CharField(source="kind_id", read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "title", "conventions", "kind", "city", "start_date", "end_date",
                  "status"]


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True)


class RescheduleSerializer(serializers.Serializer):
    start_date = serializers.DateField(validators=[validate_date_in_range])
    end_date = serializers.DateField(validators=[validate_date_in_range])
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True)

    def validate(self, attrs):
        if attrs["end_date"] < attrs["start_date"]:
            raise serializers.ValidationError(
                {"end_date": [_("The end date cannot be before the start date.")]})
        return attrs


class ProposalAcceptSerializer(serializers.Serializer):
    key = serializers.CharField(max_length=40, help_text=_("The key of a current proposal."))
    confirm_conflicts = serializers.BooleanField(
        required=False, default=False,
        help_text=_("Accept even though the move creates conflicts (see the preview)."))


class ProposalKeySerializer(serializers.Serializer):
    key = serializers.CharField(max_length=40, help_text=_("The key of a current proposal."))


class ProposalAcceptResultSerializer(MeetingSerializer):
    """The meeting after an acceptance: moved once every owning ISU accepted."""

    moved = serializers.SerializerMethodField()
    accepted_by = serializers.SerializerMethodField(
        help_text=_("Conventions whose ISU accepted this date shift."))
    waiting_for = serializers.SerializerMethodField(
        help_text=_("Conventions whose ISU has yet to accept it; the meeting moves when none "
                    "is left."))

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "moved", "accepted_by", "waiting_for"]

    def get_moved(self, obj) -> bool:
        return self.context["outcome"].moved

    def get_accepted_by(self, obj) -> list[str]:
        return self.context["outcome"].accepted_by

    def get_waiting_for(self, obj) -> list[str]:
        return self.context["outcome"].waiting_for


class ClusterSerializer(serializers.Serializer):
    city = serializers.CharField()
    country = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    conventions = serializers.SerializerMethodField()
    meetings = MeetingBriefSerializer(many=True)
    trips_saved = serializers.IntegerField(help_text=_("Trips a delegate attending every "
                                                       "meeting of the cluster does not make."))
    travel_days_saved = serializers.IntegerField()
    stay_days = serializers.IntegerField()
    gap_days = serializers.IntegerField(help_text=_("Free days inside the cluster."))
    states_party_to_all = serializers.IntegerField(
        help_text=_("States party to every convention of the cluster."))
    states_party_to_some = serializers.IntegerField(
        help_text=_("States party to at least one convention of the cluster."))

    def get_conventions(self, obj) -> list[str]:
        return sorted(obj.conventions)


class ConflictSerializer(serializers.Serializer):
    a = MeetingBriefSerializer()
    b = MeetingBriefSerializer()
    overlap_start = serializers.DateField()
    overlap_end = serializers.DateField()
    same_place = serializers.BooleanField()
    shared_states_count = serializers.IntegerField()
    shared_states = serializers.SerializerMethodField(
        help_text=_("ISO alpha-3 codes of the States party to a convention of each meeting."))

    def get_shared_states(self, obj) -> list[str]:
        return [state.iso3 for state in obj.shared_states]


class ProposalSerializer(serializers.Serializer):
    key = serializers.CharField()
    moved = MeetingBriefSerializer()
    anchor = MeetingBriefSerializer()
    new_start = serializers.DateField()
    new_end = serializers.DateField()
    shift_days = serializers.IntegerField()
    free_days_after = serializers.IntegerField()


class AffectedMeetingSerializer(serializers.Serializer):
    meeting = MeetingBriefSerializer()
    start_before = serializers.SerializerMethodField()
    end_before = serializers.SerializerMethodField()
    start_after = serializers.SerializerMethodField()
    end_after = serializers.SerializerMethodField()
    moves = serializers.BooleanField()

    def get_start_before(self, obj) -> datetime.date:
        return obj.before[0]

    def get_end_before(self, obj) -> datetime.date:
        return obj.before[1]

    def get_start_after(self, obj) -> datetime.date:
        return obj.after[0]

    def get_end_after(self, obj) -> datetime.date:
        return obj.after[1]


class AcceptanceSerializer(serializers.Serializer):
    convention = serializers.CharField(source="convention.code")
    accepted_by = serializers.CharField(source="accepted_by.username", default=None)
    accepted_at = serializers.DateTimeField()


class ProposalPreviewSerializer(ProposalSerializer):
    """The calendar before and after accepting a proposal."""

    affected = AffectedMeetingSerializer(many=True)
    new_conflicts = ConflictSerializer(many=True, help_text=_(
        "Conflicts the move would create; accepting then needs confirm_conflicts."))
    creates_conflicts = serializers.BooleanField()
    cluster_after = serializers.SerializerMethodField(
        help_text=_("Ids of the meetings of the cluster the moved meeting would be in."))
    accepted = AcceptanceSerializer(many=True)
    waiting_for = serializers.ListField(child=serializers.CharField())

    def get_cluster_after(self, obj) -> list[int]:
        return list(obj.cluster_after.meeting_ids) if obj.cluster_after else []


class RegistrationSerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(slug_field="iso3", queryset=State.objects.all(),
                                         required=False, allow_null=True)
    myself = serializers.BooleanField(
        write_only=True, required=False, default=False,
        help_text=_("Link the registration to the signed-in user's account."),
    )

    class Meta:
        model = Registration
        fields = ["id", "meeting", "role", "full_name", "email", "job_title", "state",
                  "organisation", "as_observer", "status", "decision_note", "created_at",
                  "decided_at", "myself"]
        read_only_fields = ["id", "meeting", "as_observer", "status", "decision_note",
                            "created_at", "decided_at"]
        validators = []  # the service decides (eligibility, duplicates) and says why


class DecisionSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class MeetingDocumentSerializer(serializers.ModelSerializer):
    """A meeting document; `file` is the multipart upload (checked for size, type and content
    by the `document_upload` service), `url` where to download it."""

    file = serializers.FileField(write_only=True)
    filename = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = MeetingDocument
        fields = ["id", "title", "file", "filename", "size", "url", "uploaded_at"]
        read_only_fields = ["id", "filename", "size", "url", "uploaded_at"]

    def get_filename(self, document) -> str:
        return document.file.name.rsplit("/", 1)[-1]

    def get_url(self, document) -> str:
        from django.urls import reverse

        return reverse("meetings:document-download", args=[document.meeting_id, document.pk])
