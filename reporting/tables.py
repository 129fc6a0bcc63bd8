import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import selectors
from .models import ExtensionRequest, Report


class ReportTable(tables.Table):
    id = tables.LinkColumn("reporting:report-detail", args=[tables.A("pk")],
                           verbose_name=_("Report"), text=lambda r: f"#{r.pk}")
    state = tables.Column(verbose_name=_("State"), order_by=("state__iso3",))
    obligation = tables.Column(verbose_name=_("Obligation"), order_by=("obligation__code",))
    cycle_year = tables.Column(verbose_name=_("Cycle"))
    due_on = tables.DateColumn(verbose_name=_("Due on"), format="Y-m-d")
    status = tables.Column(verbose_name=_("Status"))
    overdue = tables.Column(verbose_name=_("Overdue"), accessor="pk", orderable=False)
    submitted_at = tables.DateTimeColumn(verbose_name=_("Submitted"), format="Y-m-d")

    class Meta:
        model = Report
        fields = ["id", "state", "obligation", "cycle_year", "due_on", "status", "overdue",
                  "submitted_at"]
        order_by = ["-cycle_year"]

    def render_overdue(self, record):
        late = selectors.report_lateness(record)
        if not late.is_overdue:
            return "—"
        return ngettext("%(days)s day", "%(days)s days", late.days_overdue) % {
            "days": late.days_overdue}


class ExtensionRequestTable(tables.Table):
    id = tables.LinkColumn("reporting:extension-detail", args=[tables.A("pk")],
                           verbose_name=_("Request"), text=lambda r: f"#{r.pk}")
    state = tables.Column(verbose_name=_("State"), order_by=("state__iso3",))
    convention = tables.Column(verbose_name=_("Convention"), order_by=("convention__code",))
    article = tables.Column(verbose_name=_("Article"))
    current_deadline = tables.DateColumn(verbose_name=_("Current clearance deadline"),
                                         format="Y-m-d")
    requested_deadline = tables.DateColumn(verbose_name=_("Requested deadline"),
                                           format="Y-m-d")
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = ExtensionRequest
        fields = ["id", "state", "convention", "article", "current_deadline",
                  "requested_deadline", "status"]
        order_by = ["current_deadline"]
