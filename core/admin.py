from django.contrib import admin

from . import audit
from .models import AuditEntry, GeneratedFile


class AuditedModelAdmin(admin.ModelAdmin):
    """Admin changes leave the same audit rows as the services do."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changes = {name: [None, form.cleaned_data.get(name)] for name in form.changed_data}
        audit.record(actor=request.user,
                     action=f"{obj._meta.model_name}.{'changed' if change else 'created'}_in_admin",
                     target=obj, changes={k: [str(v) for v in pair] for k, pair in changes.items()})

    def delete_model(self, request, obj):
        audit.record(actor=request.user, action=f"{obj._meta.model_name}.deleted_in_admin",
                     target=obj)
        super().delete_model(request, obj)


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
class GeneratedFileAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "status", "language", "requested_by", "created_at",
                    "finished_at"]
    list_filter = ["status", "kind", "language"]
    search_fields = ["kind", "filename", "requested_by__username"]
    list_select_related = ["requested_by"]
    readonly_fields = ["created_at", "finished_at"]
