from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.admin import AuditedModelAdmin, PrivateFileAdminMixin

from . import rules, services
from .models import (
    Meeting,
    MeetingDateChange,
    MeetingDocument,
    ParticipantNotice,
    ProposalAcceptance,
    Registration,
    Reminder,
    ReminderMessage,
    Session,
)


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


def _document_url(document):
    return reverse("meetings:document-download", args=[document.meeting_id, document.pk])


class DocumentInline(PrivateFileAdminMixin, admin.TabularInline):
    model = MeetingDocument
    extra = 0
    readonly_fields = ["size", "uploaded_by", "uploaded_at"]

    def private_file_url(self, obj):
        return _document_url(obj)


class DateChangeInline(admin.TabularInline):
    model = MeetingDateChange
    extra = 0
    can_delete = False
    readonly_fields = ["previous_start", "previous_end", "new_start", "new_end", "reason",
                       "changed_by", "changed_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(AuditedModelAdmin):
    list_display = ["title", "kind", "city", "start_date", "end_date", "status"]
    list_filter = ["status", "kind", "conventions", "country", "thematic_areas"]
    search_fields = ["title", "city", "venue"]
    date_hierarchy = "start_date"
    filter_horizontal = ["conventions", "thematic_areas"]
    inlines = [SessionInline, DocumentInline, DateChangeInline]
    actions = ["cancel_meetings"]

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or rules.can_manage_meeting(request.user, obj))

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)
        user = request.user

        class MeetingAdminForm(base):
            def clean(self):
                # The same rule as the page and the API: who owns a joint meeting changes
                # only with every owning ISU.
                cleaned = super().clean()
                conventions = cleaned.get("conventions")
                if (obj is not None and conventions is not None
                        and not rules.can_change_conventions(user, obj, conventions)):
                    self.add_error("conventions", _(
                        "The conventions of a joint meeting change only with every owning "
                        "ISU."))
                return cleaned

        return MeetingAdminForm

    def get_readonly_fields(self, request, obj=None):
        # Dates and status of an existing meeting change through the reschedule and cancel
        # services (meeting page, API, the action below), which keep the date history and
        # tell the registered participants.
        if obj is not None:
            return [*super().get_readonly_fields(request, obj), "start_date", "end_date",
                    "status"]
        return super().get_readonly_fields(request, obj)

    @admin.action(description=_("Cancel the selected meetings (participants are told)"))
    def cancel_meetings(self, request, queryset):
        for meeting in queryset:
            services.meeting_cancel(actor=request.user, meeting=meeting,
                                    reason=_("Cancelled in the admin."))


@admin.register(Registration)
class RegistrationAdmin(AuditedModelAdmin):
    list_display = ["full_name", "email", "meeting", "role", "state", "as_observer", "status"]
    list_filter = ["status", "role", "as_observer", "meeting__conventions"]
    search_fields = ["full_name", "email", "organisation", "state__iso3", "meeting__title"]
    list_select_related = ["meeting", "state"]
    autocomplete_fields = ["meeting", "user", "state"]
    readonly_fields = ["registered_by", "decided_by", "decided_at", "created_at"]
    actions = ["approve"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)
        user = request.user

        class RegistrationAdminForm(base):
            def clean(self):
                # The rule of the page and the API: staff register people only on meetings
                # their convention owns.
                cleaned = super().clean()
                meeting = cleaned.get("meeting")
                if meeting is not None and not rules.can_register(
                        user, meeting, role=cleaned.get("role"), state=cleaned.get("state"),
                        for_self=cleaned.get("user") == user):
                    self.add_error("meeting", _("You may not register this person for this "
                                                "meeting."))
                return cleaned

        return RegistrationAdminForm

    @admin.action(description=_("Approve the selected registrations"))
    def approve(self, request, queryset):
        for registration in queryset.filter(status="pending"):
            services.registration_approve(actor=request.user, registration=registration)


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["meeting", "date", "start_time", "end_time", "title", "room"]
    list_filter = ["date"]
    search_fields = ["title", "room", "meeting__title"]
    list_select_related = ["meeting"]


@admin.register(MeetingDocument)
class MeetingDocumentAdmin(PrivateFileAdminMixin, admin.ModelAdmin):
    list_display = ["title", "meeting", "size", "uploaded_by", "uploaded_at"]
    search_fields = ["title", "meeting__title"]
    list_filter = ["uploaded_at"]
    list_select_related = ["meeting", "uploaded_by"]

    def private_file_url(self, obj):
        return _document_url(obj)


@admin.register(MeetingDateChange)
class MeetingDateChangeAdmin(admin.ModelAdmin):
    list_display = ["meeting", "previous_start", "new_start", "changed_by", "changed_at"]
    search_fields = ["meeting__title", "reason"]
    list_filter = ["changed_at"]
    list_select_related = ["meeting", "changed_by"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["registration", "kind", "about_date", "sent_at"]
    list_filter = ["kind", "sent_at"]
    search_fields = ["registration__email", "registration__full_name"]
    list_select_related = ["registration__meeting"]

    def has_change_permission(self, request, obj=None):
        return False


class ReminderItemInline(admin.TabularInline):
    model = Reminder
    extra = 0
    can_delete = False
    fields = readonly_fields = ["registration", "kind", "about_date"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ReminderMessage)
class ReminderMessageAdmin(admin.ModelAdmin):
    list_display = ["email", "day", "subject", "sent_at"]
    list_filter = ["day", "sent_at"]
    search_fields = ["email", "subject"]
    inlines = [ReminderItemInline]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ParticipantNotice)
class ParticipantNoticeAdmin(admin.ModelAdmin):
    list_display = ["registration", "event", "sent_at"]
    list_filter = ["sent_at"]
    search_fields = ["registration__email", "registration__full_name", "event"]
    list_select_related = ["registration__meeting"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ProposalAcceptance)
class ProposalAcceptanceAdmin(admin.ModelAdmin):
    """Acceptances are recorded by the proposal_accept service (page and API) only."""

    list_display = ["meeting", "convention", "from_start", "new_start", "new_end", "accepted_by",
                    "accepted_at"]
    list_filter = ["convention", "accepted_at"]
    search_fields = ["meeting__title", "accepted_by__username"]
    list_select_related = ["meeting", "convention", "accepted_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
