from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from accounts import access
from core.admin import AuditedModelAdmin, PrivateFileAdminMixin, run_service

from . import services
from .enums import ExtensionStatus, ReportStatus
from .instruments import InstrumentImportError, instruments_import
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


class InstrumentUploadForm(forms.Form):
    definition = forms.FileField(
        label=_("Instrument definition"),
        help_text=_("A YAML or JSON file: the convention, its entry-into-force rule, its names, "
                    "its ISU and its obligations (treaties/data/INSTRUMENTS.md)."))

    def clean_definition(self):
        upload = self.cleaned_data["definition"]
        if upload.size > 1024 * 1024:
            raise forms.ValidationError(_("A definition file is at most 1 MB."))
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None


@admin.register(Obligation)
class ObligationAdmin(AuditedModelAdmin):
    list_display = ["code", "convention", "kind", "due_rule", "due_days", "due_month",
                    "due_day", "period_covered", "initial_report", "initial_stands_in",
                    "is_active"]
    list_filter = ["convention", "kind", "due_rule", "initial_stands_in", "is_active"]
    search_fields = ["code", "name", "article"]
    list_select_related = ["convention", "initial_report"]
    inlines = [ReportFormInline]
    change_list_template = "admin/reporting/obligation/change_list.html"

    def get_urls(self):
        return [path("import/", self.admin_site.admin_view(self.import_view),
                     name="reporting_obligation_import"), *super().get_urls()]

    def import_view(self, request):
        """Upload an instrument definition: the same service as `manage.py
        import_instruments`, all or nothing, each error shown on the form."""
        if not access.is_administrator(request.user):
            raise PermissionDenied
        form = InstrumentUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = instruments_import(actor=request.user,
                                            text=form.cleaned_data["definition"])
            except InstrumentImportError as exc:
                for error in exc.errors:
                    form.add_error("definition", error)
            else:
                self.message_user(request, _("Imported %(conventions)s with %(count)d "
                                             "obligation(s).") % {
                    "conventions": ", ".join(result.conventions),
                    "count": len(result.obligations)}, messages.SUCCESS)
                return redirect("admin:reporting_obligation_changelist")
        return TemplateResponse(request, "admin/reporting/obligation/import_instruments.html", {
            **self.admin_site.each_context(request), "form": form, "opts": self.model._meta,
            "title": _("Import instrument definitions")})


class FormFieldInline(admin.TabularInline):
    model = FormField
    extra = 0
    fields = ["key", "name", "field_type", "required", "choices", "min_value", "max_value",
              "decimal_places", "theme", "position"]


@admin.register(ReportForm)
class ReportFormAdmin(AuditedModelAdmin):
    list_display = ["obligation", "code", "name", "voluntary", "position"]
    list_filter = ["obligation__convention", "obligation", "voluntary"]
    search_fields = ["code", "name", "reference"]
    list_select_related = ["obligation__convention"]
    inlines = [FormFieldInline]


@admin.register(FormField)
class FormFieldAdmin(AuditedModelAdmin):
    list_display = ["form", "key", "field_type", "required", "theme"]
    list_filter = ["field_type", "theme", "form__obligation"]
    search_fields = ["key", "name"]
    list_select_related = ["form__obligation", "theme"]


def report_deletable(report) -> bool:
    """A draft that was never submitted may be deleted (started by mistake, say); a report
    that was received, or a draft reopened from one, is the State's record and stays."""
    return report.status == ReportStatus.DRAFT and not report.versions.exists()


class SectionEntryInline(admin.TabularInline):
    """The report's forms, shown; each is changed on its own page, through section_save."""

    model = SectionEntry
    extra = 0
    fields = readonly_fields = ["form", "tick", "unchanged_since_year", "disclosure", "agency",
                                "version"]
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(AuditedModelAdmin):
    """A report's status, dates and signatories move only through the reporting services
    (the actions below, with the admin as actor): each writes its audit row, a submission its
    new version. Only the report's language is edited here."""

    list_display = ["state", "obligation", "cycle_year", "status", "due_on", "submitted_at"]
    list_filter = ["status", "obligation__convention", "obligation", "cycle_year", "language"]
    search_fields = ["state__iso3", "state__official_un_name", "obligation__code"]
    list_select_related = ["state", "obligation__convention"]
    date_hierarchy = "due_on"
    inlines = [SectionEntryInline]
    readonly_fields = ["state", "obligation", "cycle_year", "due_on", "period_start",
                       "period_end", "status", "publication_wish", "shared_with_isu",
                       "based_on", "submitted_at", "submitted_by", "published_at",
                       "created_by", "created_at", "updated_at"]
    actions = ["submit", "publish", "reopen"]

    def has_add_permission(self, request):
        return False  # a report is started by its State (page or API), through report_start

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or report_deletable(obj))

    @admin.action(description=_("Submit the selected drafts (a new version each)"),
                  permissions=["change"])
    def submit(self, request, queryset):
        run_service(self, request, queryset,
                    lambda report: services.report_submit(actor=request.user, report=report),
                    _("%(count)d report(s) submitted."))

    @admin.action(description=_("Publish the selected submitted reports"),
                  permissions=["change"])
    def publish(self, request, queryset):
        run_service(self, request, queryset,
                    lambda report: services.report_publish(actor=request.user, report=report),
                    _("%(count)d report(s) published."))

    @admin.action(description=_("Reopen the selected reports as drafts"),
                  permissions=["change"])
    def reopen(self, request, queryset):
        run_service(self, request, queryset,
                    lambda report: services.report_reopen(actor=request.user, report=report),
                    _("%(count)d report(s) reopened."))


SECTION_FIELDS = ("tick", "unchanged_since_year", "disclosure", "agency")


class SectionEntryAdminForm(forms.ModelForm):
    """Saves through services.section_save (as the report page does): the admin's answers are
    checked by their fields' types, a new version and the audit row are written, a save over
    someone else's newer version is refused."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    actor = None  # set by SectionEntryAdmin.get_form

    class Meta:
        model = SectionEntry
        fields = ["tick", "unchanged_since_year", "disclosure", "agency", "data"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version

    def _post_clean(self):
        super()._post_clean()
        if self.errors or not self.instance.pk:
            return
        current = SectionEntry.objects.select_related("report", "form").get(pk=self.instance.pk)
        answers = self.cleaned_data.get("data")
        if not isinstance(answers, dict):
            self.add_error("data", _("The answers are an object of field keys and values."))
            return
        # Keys removed in the admin are cleared (None), the others set as typed.
        answers = {**{key: None for key in current.data if key not in answers}, **answers}
        try:
            self.saved = services.section_save(
                actor=self.actor, entry=current,
                expected_version=self.cleaned_data["expected_version"], answers=answers,
                **{name: self.cleaned_data.get(name) for name in SECTION_FIELDS})
        except services.EditConflict:
            self.add_error(None, _("Someone saved this form since you opened it: reload the "
                                   "page to see their version."))
        except PermissionDenied:
            self.add_error(None, _("Only a draft's forms can be changed."))
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                self.add_error(field if field in self.fields else "data", messages_)


@admin.register(SectionEntry)
class SectionEntryAdmin(admin.ModelAdmin):
    list_display = ["report", "form", "tick", "disclosure", "agency", "version", "updated_at"]
    list_filter = ["tick", "disclosure", "form__obligation"]
    search_fields = ["report__state__iso3", "agency", "form__code"]
    list_select_related = ["report__state", "report__obligation", "form"]
    form = SectionEntryAdminForm
    # version and editor_since_version are the autosave's concurrency record
    readonly_fields = ["report", "form", "version", "editor_since_version", "origins",
                       "updated_by", "updated_at"]
    fields = ["report", "form", "tick", "unchanged_since_year", "disclosure", "agency", "data",
              "expected_version", "version", "editor_since_version", "origins", "updated_by",
              "updated_at"]

    def has_add_permission(self, request):
        return False  # report_start makes one section per form

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.report.status == ReportStatus.DRAFT)

    def has_delete_permission(self, request, obj=None):
        # Sections go with their report (when it may be deleted), never one by one.
        return obj is not None and report_deletable(obj.report) and \
            super().has_delete_permission(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)
        return type(base.__name__, (base,), {"actor": request.user})

    def save_model(self, request, obj, form, change):
        obj.refresh_from_db()  # section_save wrote it while the form was validated


@admin.register(ReportVersion)
class ReportVersionAdmin(admin.ModelAdmin):
    list_display = ["report", "number", "status", "created_at", "created_by"]
    list_filter = ["status"]
    search_fields = ["report__state__iso3", "report__obligation__code"]
    list_select_related = ["report__state", "report__obligation", "created_by"]
    readonly_fields = ["report", "number", "status", "snapshot", "created_by", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a submitted version is the record of what the State sent


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

    actions = ["start_analysis"]

    def has_add_permission(self, request):
        return False  # a request is opened by the State (page or API), through the service

    def has_delete_permission(self, request, obj=None):
        # A request still in preparation may go; a submitted one is the record of what the
        # State asked (the bulk action asks this per object and audits each deletion).
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.status == ExtensionStatus.IN_PREPARATION)

    @admin.action(description=_("Start the analysis of the selected requests"),
                  permissions=["change"])
    def start_analysis(self, request, queryset):
        run_service(self, request, queryset,
                    lambda extension: services.extension_request_review(
                        actor=request.user, extension=extension,
                        status=ExtensionStatus.UNDER_ANALYSIS),
                    _("%(count)d request(s) under analysis."))


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

    def has_delete_permission(self, request, obj=None):
        return False  # a record of what happened, written by the services: it stays


@admin.register(ReminderItem)
class ReminderItemAdmin(admin.ModelAdmin):
    list_display = ["day", "user", "state", "obligation", "cycle_year", "stage", "due_on"]
    list_filter = ["stage", "day", "obligation"]
    search_fields = ["user__username", "state__iso3"]
    list_select_related = ["user", "state", "obligation"]

    def has_delete_permission(self, request, obj=None):
        return False  # a record of what happened, written by the services: it stays
