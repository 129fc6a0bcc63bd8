from django.contrib import admin
from django.urls import reverse

from core.admin import AuditedModelAdmin, PrivateFileAdminMixin

from .models import (
    Attachment,
    ExtensionRequest,
    FormField,
    Obligation,
    ReminderItem,
    ReminderMessage,
    Report,
    ReportForm,
    ReportVersion,
    SectionEntry,
    SynchronizedDeadline,
)


class ReportFormInline(admin.TabularInline):
    model = ReportForm
    extra = 0
    fields = ["code", "name", "reference", "voluntary", "position"]
    show_change_link = True


@admin.register(Obligation)
class ObligationAdmin(AuditedModelAdmin):
    list_display = ["code", "convention", "kind", "due_rule", "due_days", "due_month",
                    "due_day", "is_active"]
    list_filter = ["convention", "kind", "due_rule", "is_active"]
    search_fields = ["code", "name", "article"]
    list_select_related = ["convention"]
    inlines = [ReportFormInline]


class FormFieldInline(admin.TabularInline):
    model = FormField
    extra = 0
    fields = ["key", "name", "field_type", "required", "choices", "min_value", "max_value",
              "decimal_places", "theme", "position"]


@admin.register(ReportForm)
class ReportFormAdmin(admin.ModelAdmin):
    list_display = ["obligation", "code", "name", "voluntary", "position"]
    list_filter = ["obligation__convention", "obligation", "voluntary"]
    search_fields = ["code", "name", "reference"]
    list_select_related = ["obligation__convention"]
    inlines = [FormFieldInline]


@admin.register(FormField)
class FormFieldAdmin(admin.ModelAdmin):
    list_display = ["form", "key", "field_type", "required", "theme"]
    list_filter = ["field_type", "theme", "form__obligation"]
    search_fields = ["key", "name"]
    list_select_related = ["form__obligation", "theme"]


class SectionEntryInline(admin.TabularInline):
    model = SectionEntry
    extra = 0
    fields = ["form", "tick", "unchanged_since_year", "disclosure", "agency", "version"]
    readonly_fields = ["version"]


@admin.register(Report)
class ReportAdmin(AuditedModelAdmin):
    list_display = ["state", "obligation", "cycle_year", "status", "due_on", "submitted_at"]
    list_filter = ["status", "obligation__convention", "obligation", "cycle_year", "language"]
    search_fields = ["state__iso3", "state__official_un_name", "obligation__code"]
    list_select_related = ["state", "obligation__convention"]
    raw_id_fields = ["based_on", "submitted_by", "created_by"]
    date_hierarchy = "due_on"
    inlines = [SectionEntryInline]


@admin.register(SectionEntry)
class SectionEntryAdmin(AuditedModelAdmin):
    list_display = ["report", "form", "tick", "disclosure", "agency", "version", "updated_at"]
    list_filter = ["tick", "disclosure", "form__obligation"]
    search_fields = ["report__state__iso3", "agency", "form__code"]
    list_select_related = ["report__state", "report__obligation", "form"]
    raw_id_fields = ["report", "updated_by"]
    readonly_fields = ["version", "editor_since_version"]  # the autosave's concurrency record


@admin.register(ReportVersion)
class ReportVersionAdmin(admin.ModelAdmin):
    list_display = ["report", "number", "status", "created_at", "created_by"]
    list_filter = ["status"]
    search_fields = ["report__state__iso3", "report__obligation__code"]
    list_select_related = ["report__state", "report__obligation", "created_by"]
    readonly_fields = ["report", "number", "status", "snapshot", "created_by", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(Attachment)
class AttachmentAdmin(PrivateFileAdminMixin, AuditedModelAdmin):
    list_display = ["original_name", "report", "size", "content_type", "uploaded_at"]
    list_filter = ["content_type"]
    search_fields = ["original_name", "report__state__iso3"]
    list_select_related = ["report__state", "report__obligation"]
    raw_id_fields = ["report", "uploaded_by"]

    def private_file_url(self, obj):
        return reverse("reporting:attachment-download", args=[obj.report_id, obj.pk])


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(AuditedModelAdmin):
    list_display = ["state", "convention", "article", "current_deadline", "requested_deadline",
                    "status", "decision_meeting_on"]
    list_filter = ["convention", "status"]
    search_fields = ["state__iso3", "state__official_un_name", "notes"]
    list_select_related = ["state", "convention"]
    # The deadline extended and the due date are computed by the service, the requested
    # deadline is checked there, the status and review dates move through its actions: the
    # admin shows them, it does not type them (only the notes are edited here).
    readonly_fields = ["state", "convention", "article", "current_deadline",
                       "requested_deadline", "submission_due_on", "status", "submitted_on",
                       "analysis_due_on", "decision_meeting_on"]

    def has_add_permission(self, request):
        return False  # a request is opened by the State (page or API), through the service


@admin.register(SynchronizedDeadline)
class SynchronizedDeadlineAdmin(AuditedModelAdmin):
    list_display = ["state", "cycle_year", "internal_deadline", "margin_days", "adopted_by"]
    list_filter = ["cycle_year"]
    search_fields = ["state__iso3"]
    list_select_related = ["state", "adopted_by"]


class ReminderItemInline(admin.TabularInline):
    model = ReminderItem
    extra = 0
    fields = ["state", "obligation", "cycle_year", "due_on", "stage"]
    readonly_fields = fields


@admin.register(ReminderMessage)
class ReminderMessageAdmin(admin.ModelAdmin):
    list_display = ["day", "user", "email", "subject", "sent_at"]
    list_filter = ["day"]
    search_fields = ["user__username", "email", "subject"]
    list_select_related = ["user"]
    readonly_fields = ["user", "day", "email", "subject", "body", "sent_at"]
    inlines = [ReminderItemInline]


@admin.register(ReminderItem)
class ReminderItemAdmin(admin.ModelAdmin):
    list_display = ["day", "user", "state", "obligation", "cycle_year", "stage", "due_on"]
    list_filter = ["stage", "day", "obligation"]
    search_fields = ["user__username", "state__iso3"]
    list_select_related = ["user", "state", "obligation"]
