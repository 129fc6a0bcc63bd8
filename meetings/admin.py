from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.admin import AuditedModelAdmin, PrivateFileAdminMixin, run_service

from . import rules, services
from .models import (
    Meeting,
    MeetingDateChange,
    MeetingDocument,
    MeetingKind,
    ParticipantNotice,
    ProposalAcceptance,
    Registration,
    Reminder,
    ReminderMessage,
    Session,
)


@admin.register(MeetingKind)
class MeetingKindAdmin(AuditedModelAdmin):
    """Kinds of meeting are data: a convention's own (its Conference of States Parties) or any
    convention's; the code is what the API and the filters use."""

    list_display = ["code", "name", "convention", "position"]
    list_filter = ["convention"]
    search_fields = ["code", "name", "name_fr", "name_es", "name_ar"]
    list_select_related = ["convention"]


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    can_delete = False  # removed on the session's own page, through session_remove


def _document_url(document):
    return reverse("meetings:document-download", args=[document.meeting_id, document.pk])


class DocumentInline(PrivateFileAdminMixin, admin.TabularInline):
    model = MeetingDocument
    extra = 0
    can_delete = False  # deleted on the document's own page, through document_delete
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
    list_select_related = ["kind"]
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


REGISTRATION_FIELDS = ("meeting", "role", "full_name", "email", "state", "organisation",
                       "job_title", "user")


class RegistrationAdminForm(forms.ModelForm):
    """A registration added in the admin is made by services.registration_create (the rules,
    the State's attendance, the registration deadline, the audit row), as on the page."""

    actor = None  # set by RegistrationAdmin.get_form

    def clean(self):
        # The rule of the page and the API: staff register people only on meetings their
        # convention owns.
        cleaned = super().clean()
        meeting = cleaned.get("meeting")
        if self.instance.pk is None and meeting is not None and not rules.can_register(
                self.actor, meeting, role=cleaned.get("role"), state=cleaned.get("state"),
                for_self=cleaned.get("user") == self.actor):
            self.add_error("meeting", _("You may not register this person for this "
                                        "meeting."))
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        if self.errors or self.instance.pk:
            return
        try:
            self.created = services.registration_create(
                actor=self.actor,
                **{name: self.cleaned_data.get(name) or (None if name in (
                    "state", "user") else "") for name in REGISTRATION_FIELDS})
        except PermissionDenied:
            self.add_error("meeting", _("You may not register this person for this "
                                        "meeting."))
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, messages_ in error.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages_)
            else:
                self.add_error(None, error.messages)


@admin.register(Registration)
class RegistrationAdmin(AuditedModelAdmin):
    """The status moves through the approve, reject and withdraw services (the actions);
    whether the person attends as an observer is the service's finding. A registration is
    withdrawn, not deleted."""

    list_display = ["full_name", "email", "meeting", "role", "state", "as_observer", "status"]
    list_filter = ["status", "role", "as_observer", "meeting__conventions"]
    search_fields = ["full_name", "email", "organisation", "state__iso3", "meeting__title"]
    list_select_related = ["meeting", "state"]
    autocomplete_fields = ["meeting", "user", "state"]
    form = RegistrationAdminForm
    readonly_fields = ["status", "as_observer", "decision_note", "registered_by", "decided_by",
                       "decided_at", "created_at"]
    actions = ["approve", "reject", "withdraw"]

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # Who, for which meeting and in which capacity was checked when registering.
        return [*fields, "meeting", "role", "state"] if obj is not None else fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)
        return type(base.__name__, (base,), {"actor": request.user})

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = form.created  # registration_create wrote it while the form was validated
        obj.__dict__.update({k: v for k, v in created.__dict__.items() if k != "_state"})
        obj._state.adding = False

    @admin.action(description=_("Approve the selected registrations"), permissions=["change"])
    def approve(self, request, queryset):
        run_service(self, request, queryset,
                    lambda r: services.registration_approve(actor=request.user, registration=r),
                    _("%(count)d registration(s) approved."))

    @admin.action(description=_("Reject the selected registrations"), permissions=["change"])
    def reject(self, request, queryset):
        run_service(self, request, queryset,
                    lambda r: services.registration_reject(actor=request.user, registration=r),
                    _("%(count)d registration(s) rejected."))

    @admin.action(description=_("Withdraw the selected registrations"),
                  permissions=["change"])
    def withdraw(self, request, queryset):
        run_service(self, request, queryset,
                    lambda r: services.registration_withdraw(actor=request.user,
                                                             registration=r),
                    _("%(count)d registration(s) withdrawn."))


@admin.register(Session)
class SessionAdmin(AuditedModelAdmin):
    """A deletion, one or many, goes through session_remove (the meeting's ISU, its audit
    row on the meeting)."""

    list_display = ["meeting", "date", "start_time", "end_time", "title", "room"]
    list_filter = ["date"]
    search_fields = ["title", "room", "meeting__title"]
    list_select_related = ["meeting"]

    def delete_model(self, request, obj):
        services.session_remove(actor=request.user, session=obj)


@admin.register(MeetingDocument)
class MeetingDocumentAdmin(PrivateFileAdminMixin, AuditedModelAdmin):
    """Documents are uploaded on the meeting page; a deletion, one or many, goes through
    document_delete (the meeting's ISU, an audit row, the stored file removed on commit)."""

    list_display = ["title", "meeting", "size", "uploaded_by", "uploaded_at"]
    search_fields = ["title", "meeting__title"]
    list_filter = ["uploaded_at"]
    list_select_related = ["meeting", "uploaded_by"]

    def private_file_url(self, obj):
        return _document_url(obj)

    def delete_model(self, request, obj):
        services.document_delete(actor=request.user, document=obj)


@admin.register(MeetingDateChange)
class MeetingDateChangeAdmin(admin.ModelAdmin):
    list_display = ["meeting", "previous_start", "new_start", "changed_by", "changed_at"]
    search_fields = ["meeting__title", "reason"]
    list_filter = ["changed_at"]
    list_select_related = ["meeting", "changed_by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a record of what happened, written by the services: it stays


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["registration", "kind", "about_date", "sent_at"]
    list_filter = ["kind", "sent_at"]
    search_fields = ["registration__email", "registration__full_name"]
    list_select_related = ["registration__meeting"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a record of what happened, written by the services: it stays


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

    def has_delete_permission(self, request, obj=None):
        return False  # a record of what happened, written by the services: it stays


@admin.register(ParticipantNotice)
class ParticipantNoticeAdmin(admin.ModelAdmin):
    list_display = ["registration", "event", "sent_at"]
    list_filter = ["sent_at"]
    search_fields = ["registration__email", "registration__full_name", "event"]
    list_select_related = ["registration__meeting"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a record of what happened, written by the services: it stays


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

    def has_delete_permission(self, request, obj=None):
        return False  # a record of what happened, written by the services: it stays
