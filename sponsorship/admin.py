from django.contrib import admin

from core.admin import AuditedModelAdmin

from .models import (
    Application,
    ApplicationEvent,
    ApplicationMeeting,
    Contribution,
    CostShare,
    Donor,
    DSARate,
    EligibleState,
    Nominee,
    Programme,
    ProgrammeBudget,
    Trip,
)


class ProgrammeBudgetInline(admin.TabularInline):
    model = ProgrammeBudget
    extra = 0


class EligibleStateInline(admin.TabularInline):
    model = EligibleState
    extra = 0
    autocomplete_fields = ["state"]


@admin.register(Programme)
class ProgrammeAdmin(AuditedModelAdmin):
    list_display = ["name", "convention", "currency", "sponsors_observers",
                    "max_delegates_per_state_per_meeting", "is_active"]
    list_filter = ["is_active", "currency", "sponsors_observers"]
    search_fields = ["name", "convention__code"]
    list_select_related = ["convention"]
    inlines = [ProgrammeBudgetInline, EligibleStateInline]


@admin.register(Donor)
class DonorAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "state"]
    list_filter = ["kind"]
    search_fields = ["name", "state__iso3"]
    list_select_related = ["state"]


@admin.register(Contribution)
class ContributionAdmin(AuditedModelAdmin):
    list_display = ["donor", "programme", "amount", "currency", "received_on",
                    "earmarked_meeting", "earmarked_year"]
    list_filter = ["programme", "currency", "earmarked_year"]
    search_fields = ["donor__name", "note"]
    list_select_related = ["donor", "programme", "earmarked_meeting"]
    date_hierarchy = "received_on"


@admin.register(DSARate)
class DSARateAdmin(AuditedModelAdmin):
    list_display = ["city", "country", "valid_from", "amount", "currency"]
    list_filter = ["currency", "country"]
    search_fields = ["city"]
    date_hierarchy = "valid_from"


class ApplicationMeetingInline(admin.TabularInline):
    model = ApplicationMeeting
    extra = 0
    readonly_fields = ["meeting", "programme"]
    can_delete = False


class NomineeInline(admin.TabularInline):
    model = Nominee
    extra = 0


class ApplicationEventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    readonly_fields = ["from_status", "to_status", "actor", "comment", "created_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(AuditedModelAdmin):
    """Statuses move only through the services (the workflow keeps its history)."""

    list_display = ["pk", "state", "status", "language", "created_at", "updated_at"]
    list_filter = ["status", "language", "meeting_lines__programme"]
    search_fields = ["state__iso3", "nominees__full_name", "motivation"]
    list_select_related = ["state"]
    readonly_fields = ["status", "award_letter", "created_by"]
    inlines = [ApplicationMeetingInline, NomineeInline, ApplicationEventInline]


class CostShareInline(admin.TabularInline):
    model = CostShare
    extra = 0
    readonly_fields = ["programme", "airfare", "terminal_expenses", "nights", "dsa", "amount",
                       "separate_cost", "approved_by", "approved_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Trip)
class TripAdmin(AuditedModelAdmin):
    """Read-only here: a trip is re-costed through trip_plan so its shares stay exact."""

    list_display = ["nominee", "application", "city", "arrival", "departure", "total", "rule"]
    list_filter = ["rule", "city"]
    search_fields = ["nominee__full_name", "application__state__iso3", "city"]
    list_select_related = ["nominee", "application__state"]
    inlines = [CostShareInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(CostShare)
class CostShareAdmin(admin.ModelAdmin):
    list_display = ["trip", "programme", "amount", "nights", "approved_at"]
    list_filter = ["programme"]
    search_fields = ["trip__nominee__full_name"]
    list_select_related = ["trip__nominee", "programme"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a record of what happened, written by the services: it stays
