from django.contrib import admin

from core.admin import AuditedModelAdmin

from .models import ISU, Convention, HostOrganisation, ISUBudget, Membership, State, ThematicArea
from .services import convention_save


@admin.register(Convention)
class ConventionAdmin(AuditedModelAdmin):
    """Conventions are entered here (or imported: Reporting › Obligations › Import instrument
    definitions); the save goes through the service, with its audit row."""

    list_display = ["code", "short_name", "parent", "entry_into_force", "entry_into_force_rule",
                    "entry_into_force_months", "entry_into_force_days"]
    list_filter = ["entry_into_force_rule", "parent"]
    search_fields = ["code", "short_name", "name", "untc_code"]
    list_select_related = ["parent"]

    def save_model(self, request, obj, form, change):
        names = form.changed_data if change else form.cleaned_data
        saved = convention_save(actor=request.user, convention=obj if change else None,
                                **{name: form.cleaned_data[name] for name in names})
        obj.pk = saved.pk


@admin.register(State)
class StateAdmin(AuditedModelAdmin):
    list_display = ["iso3", "name", "official_un_name", "un_status", "region"]
    list_filter = ["un_status", "region"]
    search_fields = ["iso3", "official_un_name", "country"]


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ["state", "convention", "instrument_type", "deposited_on", "effective_on",
                    "withdrawal_effective_on"]
    list_filter = ["convention", "instrument_type", ("withdrawal_effective_on",
                                                     admin.EmptyFieldListFilter)]
    search_fields = ["state__iso3", "state__official_un_name", "convention__code"]
    list_select_related = ["state", "convention"]
    autocomplete_fields = ["state", "convention"]
    date_hierarchy = "deposited_on"


@admin.register(HostOrganisation)
class HostOrganisationAdmin(AuditedModelAdmin):
    list_display = ["short_name", "name", "city"]
    search_fields = ["short_name", "name"]


class ISUBudgetInline(admin.TabularInline):
    model = ISUBudget
    extra = 0


@admin.register(ISU)
class ISUAdmin(AuditedModelAdmin):
    list_display = ["name", "convention", "host"]
    list_filter = ["host"]
    search_fields = ["name", "convention__code"]
    list_select_related = ["convention", "host"]
    inlines = [ISUBudgetInline]


@admin.register(ISUBudget)
class ISUBudgetAdmin(AuditedModelAdmin):
    list_display = ["isu", "year", "amount", "currency"]
    list_filter = ["isu", "year", "currency"]
    search_fields = ["isu__name"]
    list_select_related = ["isu__convention"]


@admin.register(ThematicArea)
class ThematicAreaAdmin(AuditedModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name", "name_fr", "name_es", "name_ar"]
