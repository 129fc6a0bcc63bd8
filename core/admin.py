from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import audit
from .downloads import safe_filename
from .models import AuditEntry, GeneratedFile


class PrivateFileAdminMixin:
    """A stored file is shown as a link to its app's download view (which asks the rules),
    never to MEDIA_URL, which is not served. Files come in through the services, not here."""

    private_file_field = "file"

    def private_file_url(self, obj) -> str:
        raise NotImplementedError

    def get_exclude(self, request, obj=None):
        return [*(super().get_exclude(request, obj) or []), self.private_file_field]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "download"]

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file"))
    def download(self, obj):
        fieldfile = getattr(obj, self.private_file_field, None) if obj and obj.pk else None
        if not fieldfile:
            return "—"
        return format_html('<a href="{}">{}</a>', self.private_file_url(obj),
                           safe_filename(fieldfile.name))


class AuditedDeletesMixin:
    """Deletions in the admin, one or many, leave an audit row each. Every registered admin
    either has this (usually through AuditedModelAdmin) or no delete permission
    (tests/core/test_admin.py walks the registry)."""

    def delete_model(self, request, obj):
        audit.record(actor=request.user, action=f"{obj._meta.model_name}.deleted_in_admin",
                     target=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        """The "delete selected" action: each object goes through delete_model, so each
        deletion has its audit row (Django's default deletes the queryset in one statement
        and records nothing). Admins whose deletions belong to a service override
        delete_model; where deleting is no legitimate operation, has_delete_permission says
        no (the action honours it per object)."""
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)


class AuditedModelAdmin(AuditedDeletesMixin, admin.ModelAdmin):
    """Admin changes leave the same audit rows as the services do."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changes = {name: [None, form.cleaned_data.get(name)] for name in form.changed_data}
        audit.record(actor=request.user,
                     action=f"{obj._meta.model_name}.{'changed' if change else 'created'}_in_admin",
                     target=obj, changes={k: [str(v) for v in pair] for k, pair in changes.items()})


def run_service(modeladmin, request, queryset, call, done: str) -> int:
    """An admin action that calls a service for each selected object with the admin as actor
    (`call(obj)`); what the service refuses is reported per object, nothing of it is written.
    Returns how many objects the service accepted."""
    accepted = 0
    for obj in queryset:
        try:
            with transaction.atomic():
                call(obj)
        except (ValidationError, PermissionDenied) as error:
            reason = "; ".join(error.messages) if isinstance(error, ValidationError) \
                else _("not allowed")
            modeladmin.message_user(request, f"{obj}: {reason}", messages.ERROR)
        else:
            accepted += 1
    if accepted:
        modeladmin.message_user(request, done % {"count": accepted}, messages.SUCCESS)
    return accepted


def _audit_installed_admins(site=admin.site):
    """The admins the installed packages registered before ours (auth's groups, DRF's tokens,
    celery beat's schedules) get the audited deletions too: each is registered again as a
    subclass with AuditedDeletesMixin. INSTALLED_APPS lists those packages before core, so
    their admin modules have run by now."""
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, AuditedDeletesMixin):
            continue
        base = type(model_admin)
        site.unregister(model)
        site.register(model, type(base.__name__, (AuditedDeletesMixin, base),
                                  {"__module__": base.__module__}))


_audit_installed_admins()


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "action", "actor__username"]
    list_select_related = ["actor", "content_type"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GeneratedFile)
class GeneratedFileAdmin(PrivateFileAdminMixin, AuditedModelAdmin):
    list_display = ["id", "kind", "status", "language", "requested_by", "created_at",
                    "finished_at"]
    list_filter = ["status", "kind", "language"]
    search_fields = ["kind", "filename", "requested_by__username"]
    list_select_related = ["requested_by"]
    readonly_fields = ["created_at", "finished_at"]

    def private_file_url(self, obj):
        return reverse("generated-file-download", args=[obj.pk])
