from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from core.languages import LANGUAGE_CHOICES
from reporting import selectors
from reporting.enums import ChangeTick, Disclosure, ExtensionStatus, PublicationWish
from reporting.models import (
    Attachment,
    ExtensionRequest,
    FormField,
    Obligation,
    Report,
    ReportForm,
    SectionEntry,
)
from treaties.models import Convention, State


class FormFieldSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="localized_name")
    theme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    min_value = serializers.DecimalField(max_digits=24, decimal_places=6, read_only=True,
                                         normalize_output=True)
    max_value = serializers.DecimalField(max_digits=24, decimal_places=6, read_only=True,
                                         normalize_output=True)

    class Meta:
        model = FormField
        fields = ["key", "label", "field_type", "required", "choices", "min_value", "max_value",
                  "decimal_places", "theme"]


class ReportFormSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="localized_name")
    fields = FormFieldSerializer(many=True, read_only=True)

    class Meta:
        model = ReportForm
        fields = ["code", "title", "reference", "voluntary", "fields"]


class ObligationSerializer(serializers.ModelSerializer):
    convention = serializers.SlugRelatedField(slug_field="code", read_only=True)
    name = serializers.CharField(source="localized_name")
    initial_report = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Obligation
        fields = ["code", "convention", "kind", "name", "article", "due_rule", "due_days",
                  "due_month", "due_day", "period_covered", "initial_report",
                  "initial_stands_in", "reminder_days_before", "reminder_days_after",
                  "clearance_deadline_years", "extension_max_years",
                  "request_due_months_before"]


class ObligationWriteSerializer(serializers.ModelSerializer):
    """An obligation as an administrator enters it: every rule of its due dates is data."""

    convention = serializers.SlugRelatedField(slug_field="code",
                                              queryset=Convention.objects.all())
    initial_report = serializers.SlugRelatedField(
        slug_field="code", queryset=Obligation.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Obligation
        fields = ["code", "convention", "kind", "name", "name_fr", "name_es", "name_ar",
                  "article", "due_rule", "due_days", "due_month", "due_day", "period_covered",
                  "initial_report", "initial_stands_in", "reminder_days_before",
                  "reminder_days_after", "clearance_deadline_years", "extension_max_years",
                  "request_due_months_before", "position", "is_active"]
        validators = []  # the service's full_clean() checks the rule, its numbers, uniqueness
        extra_kwargs = {"code": {"validators": []}, "period_covered": {"required": False}}


class ObligationDetailSerializer(ObligationSerializer):
    forms = ReportFormSerializer(many=True, read_only=True)

    class Meta(ObligationSerializer.Meta):
        fields = [*ObligationSerializer.Meta.fields, "forms"]


class SectionEntrySerializer(serializers.ModelSerializer):
    form = serializers.CharField(source="form.code")

    class Meta:
        model = SectionEntry
        fields = ["form", "tick", "unchanged_since_year", "disclosure", "agency", "data",
                  "origins", "version", "updated_at"]


class ReportSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="state.iso3")
    obligation = serializers.CharField(source="obligation.code")
    convention = serializers.CharField(source="obligation.convention.code")
    is_overdue = serializers.SerializerMethodField(
        help_text=_("Past its due date (in the portal's time zone) and not received."))
    days_overdue = serializers.SerializerMethodField(
        help_text=_("Days since the due date; 0 when not overdue."))

    class Meta:
        model = Report
        fields = ["id", "state", "convention", "obligation", "cycle_year", "due_on",
                  "period_start", "period_end", "status", "is_overdue", "days_overdue",
                  "language", "publication_wish", "shared_with_isu", "submitted_at",
                  "published_at"]

    def _lateness(self, report):
        today = self.context.get("today") or timezone.localdate()
        return selectors.report_lateness(report, today=today)

    def get_is_overdue(self, report) -> bool:
        return self._lateness(report).is_overdue

    def get_days_overdue(self, report) -> int:
        return self._lateness(report).days_overdue


class ReportDetailSerializer(ReportSerializer):
    sections = serializers.SerializerMethodField()

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "sections"]

    @extend_schema_field(SectionEntrySerializer(many=True))
    def get_sections(self, report):
        return SectionEntrySerializer(self.context["entries"], many=True).data


class ReportCreateSerializer(serializers.Serializer):
    state = serializers.SlugRelatedField(slug_field="iso3", queryset=State.objects.all())
    obligation = serializers.SlugRelatedField(slug_field="code",
                                              queryset=Obligation.objects.all())
    cycle_year = serializers.IntegerField(min_value=1997, max_value=2200)
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, required=False)
    copy_last = serializers.BooleanField(
        default=False, help_text=_("Nothing changed: copy the last report as a new draft."))


class SectionWriteSerializer(serializers.Serializer):
    form = serializers.CharField(help_text=_("The form's code, e.g. A."))
    version = serializers.IntegerField(
        min_value=0, help_text=_("The version you started from (optimistic concurrency)."))
    data = serializers.DictField(
        child=serializers.JSONField(allow_null=True), required=False,
        help_text=_("Answers by field key. Only the fields named change (null or \"\" clears "
                    "one); the others keep their saved answers. Decimals may be sent as "
                    "strings to keep every digit."))
    tick = serializers.ChoiceField(choices=ChangeTick.choices, required=False)
    unchanged_since_year = serializers.IntegerField(required=False, allow_null=True)
    disclosure = serializers.ChoiceField(choices=Disclosure.choices, required=False)
    agency = serializers.CharField(required=False, allow_blank=True, max_length=200)
    origins = serializers.DictField(child=serializers.IntegerField(), required=False)


class SubmitSerializer(serializers.Serializer):
    publication_wish = serializers.ChoiceField(choices=PublicationWish.choices, required=False)


@extend_schema_serializer(component_name="ReportEditConflict")
class ConflictSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField()
    detail = serializers.CharField()
    current = SectionEntrySerializer()


class CalendarEntrySerializer(serializers.Serializer):
    obligation = serializers.CharField()
    convention = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    cycle_year = serializers.IntegerField()
    due_on = serializers.DateField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    report_id = serializers.IntegerField(allow_null=True)
    report_status = serializers.CharField(allow_null=True)
    is_overdue = serializers.BooleanField()
    days_overdue = serializers.IntegerField()


class StateCalendarSerializer(serializers.Serializer):
    state = serializers.CharField()
    year = serializers.IntegerField()
    proposed_internal_deadline = serializers.DateField(allow_null=True)
    proposed_cycle_year = serializers.IntegerField(
        allow_null=True, help_text=_("The cycle the proposal is for: this one, or the next "
                                     "once this cycle's proposal has passed."))
    adopted_internal_deadline = serializers.DateField(allow_null=True)
    obligations = CalendarEntrySerializer(many=True)


class ExtensionRequestSerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    convention = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ExtensionRequest
        fields = ["id", "state", "convention", "article", "current_deadline",
                  "requested_deadline", "status", "submission_due_on", "submitted_on",
                  "analysis_due_on", "decision_meeting_on", "notes"]
        read_only_fields = fields


class ExtensionRequestCreateSerializer(serializers.Serializer):
    state = serializers.SlugRelatedField(slug_field="iso3", queryset=State.objects.all())
    convention = serializers.SlugRelatedField(slug_field="code",
                                              queryset=Convention.objects.all())
    requested_deadline = serializers.DateField(help_text=_(
        "The deadline asked for; the deadline it extends (current_deadline) and the date the "
        "request is due (submission_due_on) are computed."))
    notes = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class ExtensionReviewSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[
        ExtensionStatus.UNDER_ANALYSIS, ExtensionStatus.GRANTED, ExtensionStatus.NOT_GRANTED],
        required=False)
    analysis_due_on = serializers.DateField(required=False)
    decision_meeting_on = serializers.DateField(required=False)


class AttachmentSerializer(serializers.ModelSerializer):
    """A report's attachment; `url` downloads it through the API (for those who may read the
    report's attachments)."""

    uploaded_by = serializers.StringRelatedField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "original_name", "size", "content_type", "uploaded_by", "uploaded_at",
                  "url"]
        read_only_fields = fields

    def get_url(self, attachment) -> str:
        return reverse("reporting-report-attachment-download",
                       kwargs={"pk": attachment.report_id, "attachment_pk": attachment.pk})


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=_("At most 10 MB: PDF, office documents, CSV or "
                                             "images."))
