from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from core import audit
from core.admin import AuditedDeletesMixin, AuditedModelAdmin, run_service

from . import services
from .models import RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    """A user's roles, shown; they are granted on the role assignment page and revoked there
    (both through the accounts services, which write the audit row)."""

    model = RoleAssignment
    extra = 0
    fields = readonly_fields = ["role", "convention", "state", "created_at"]
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(User)
class PortalUserAdmin(AuditedDeletesMixin, UserAdmin):
    """A deletion, one or many, is audited by the mixin ("user.deleted_in_admin")."""

    inlines = [RoleAssignmentInline]
    list_display = ["username", "full_name", "email", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "role_assignments__role"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("Portal", {"fields": ["full_name", "job_title", "phone", "preferred_language"]}),
    ]

    def save_model(self, request, obj, form, change):
        """Everything but the privileges is saved as the form says; active, staff and
        superuser change through accounts.services.user_privileges_update, which checks the
        admin is an administrator and audits the change."""
        wanted = {name: form.cleaned_data[name] for name in services.PRIVILEGE_FIELDS
                  if name in form.cleaned_data}
        if change:
            stored = User.objects.filter(pk=obj.pk).values(*services.PRIVILEGE_FIELDS).get()
            for name, value in stored.items():
                setattr(obj, name, value)
        else:
            for name in services.PRIVILEGE_FIELDS:
                setattr(obj, name, name == "is_active")
        super().save_model(request, obj, form, change)
        if not change:
            audit.record(actor=request.user, action="user.created_in_admin", target=obj)
        if wanted:
            updated = services.user_privileges_update(actor=request.user, user=obj, **wanted)
            for name in services.PRIVILEGE_FIELDS:
                setattr(obj, name, getattr(updated, name))



@admin.register(RoleAssignment)
class RoleAssignmentAdmin(AuditedModelAdmin):
    """Roles are granted (add) and revoked (delete, one or many) through role_grant and
    role_revoke; an assignment is not edited in place (revoke it and grant another)."""

    list_display = ["user", "role", "convention", "state"]
    list_filter = ["role", "convention"]
    search_fields = ["user__username", "user__full_name", "state__iso3"]
    list_select_related = ["user", "convention", "state"]
    autocomplete_fields = ["user", "convention", "state"]
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # "revoke" is the audited bulk removal
        return actions

    def save_model(self, request, obj, form, change):
        granted = services.role_grant(actor=request.user, user=obj.user, role=obj.role,
                                      convention=obj.convention, state=obj.state)
        obj.pk, obj.created_at = granted.pk, granted.created_at

    def delete_model(self, request, obj):
        services.role_revoke(actor=request.user, assignment=obj)

    @admin.action(description=_("Revoke the selected roles"), permissions=["delete"])
    def revoke(self, request, queryset):
        run_service(self, request, queryset.select_related("user"),
                    lambda assignment: services.role_revoke(actor=request.user,
                                                            assignment=assignment),
                    _("%(count)d role(s) revoked."))
