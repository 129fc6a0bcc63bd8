from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from core.admin import AuditedModelAdmin

from . import services
from .models import Absence, Assignment, Backstop, Duty, Post, Spending, StaffCost, StaffMember


class AssignmentInline(admin.TabularInline):
    """Read-only: assignments change through their own admin page, which keeps the 1-FTE rule."""

    model = Assignment
    extra = 0
    fields = ["post", "kind", "fte", "starts_on", "ends_on"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AssignmentAdminForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["staff_member", "post", "kind", "fte", "charge_unit", "charged_per_year",
                  "starts_on", "ends_on", "notes"]

    def _post_clean(self):
        super()._post_clean()  # builds self.instance from the cleaned data
        if not self.errors:
            # a friendly early answer; the service checks again under the person's lock
            try:
                services.check_assignment(self.instance)
            except ValidationError as exc:
                self.add_error(None, exc.messages)


@admin.register(Post)
class PostAdmin(AuditedModelAdmin):
    list_display = ["title", "isu", "grade", "fte", "approved_from", "approved_until",
                    "work_plan"]
    list_filter = ["isu", "grade"]
    search_fields = ["title", "grade", "work_plan", "approved_by", "isu__convention__code"]
    list_select_related = ["isu__convention"]
    date_hierarchy = "approved_from"


@admin.register(StaffMember)
class StaffMemberAdmin(AuditedModelAdmin):
    list_display = ["full_name", "home_isu", "expertise", "user"]
    list_filter = ["home_isu"]
    search_fields = ["full_name", "email", "expertise", "user__username"]
    list_select_related = ["home_isu__convention", "user"]
    autocomplete_fields = ["user"]
    inlines = [AssignmentInline]


@admin.register(Assignment)
class AssignmentAdmin(AuditedModelAdmin):
    list_display = ["staff_member", "post", "kind", "fte", "starts_on", "ends_on", "status"]
    list_filter = ["status", "kind", "post__isu"]
    readonly_fields = ["status"]
    actions = ["consent", "decline"]
    search_fields = ["staff_member__full_name", "post__title"]
    list_select_related = ["staff_member", "post__isu"]
    autocomplete_fields = ["staff_member", "post"]
    date_hierarchy = "starts_on"
    form = AssignmentAdminForm

    def save_model(self, request, obj, form, change):
        """Through the services, so the admin keeps the one-FTE rule and the audit trail."""
        data = {name: form.cleaned_data[name] for name in
                ("kind", "fte", "charge_unit", "charged_per_year", "starts_on", "ends_on",
                 "notes")}
        if change:
            saved = services.assignment_update(actor=request.user, assignment=obj, **data)
        else:
            saved = services.assignment_create(actor=request.user,
                                               staff_member=obj.staff_member, post=obj.post,
                                               **data)
        obj.pk = saved.pk

    def _decide(self, request, queryset, service):
        for assignment in queryset:
            try:
                service(actor=request.user, assignment=assignment)
            except ValidationError as exc:
                self.message_user(request, f"{assignment}: {' '.join(exc.messages)}",
                                  level=messages.ERROR)
            except PermissionDenied:
                self.message_user(request, f"{assignment}: {_('you may not decide it.')}",
                                  level=messages.ERROR)

    @admin.action(description=_("Consent to the selected assignments"))
    def consent(self, request, queryset):
        self._decide(request, queryset, services.assignment_consent)

    @admin.action(description=_("Decline the selected assignments"))
    def decline(self, request, queryset):
        self._decide(request, queryset, services.assignment_decline)


@admin.register(StaffCost)
class StaffCostAdmin(AuditedModelAdmin):
    list_display = ["staff_member", "year", "salary", "social_charges", "currency"]
    list_filter = ["year", "currency"]
    search_fields = ["staff_member__full_name"]
    list_select_related = ["staff_member"]


@admin.register(Spending)
class SpendingAdmin(AuditedModelAdmin):
    list_display = ["isu", "year", "category", "amount", "currency"]
    list_filter = ["isu", "year", "category"]
    search_fields = ["isu__convention__code", "notes"]
    list_select_related = ["isu__convention"]


class BackstopInline(admin.TabularInline):
    model = Backstop
    extra = 0
    autocomplete_fields = ["backup"]


@admin.register(Duty)
class DutyAdmin(AuditedModelAdmin):
    list_display = ["name", "isu", "holder"]
    list_filter = ["isu"]
    search_fields = ["name", "holder__full_name"]
    list_select_related = ["isu__convention", "holder"]
    inlines = [BackstopInline]


@admin.register(Absence)
class AbsenceAdmin(AuditedModelAdmin):
    list_display = ["staff_member", "kind", "starts_on", "ends_on"]
    list_filter = ["kind"]
    search_fields = ["staff_member__full_name", "note"]
    list_select_related = ["staff_member"]
    date_hierarchy = "starts_on"
