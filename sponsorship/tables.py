import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Application, Trip


class ApplicationTable(tables.Table):
    id = tables.LinkColumn("sponsorship:application-detail", args=[tables.A("pk")],
                           verbose_name=_("No."))
    state = tables.Column(verbose_name=_("State"), order_by=("state__iso3",))
    meetings = tables.Column(verbose_name=_("Meetings"), empty_values=(), orderable=False)
    delegates = tables.Column(verbose_name=_("Delegates"), empty_values=(), orderable=False)
    status = tables.Column(verbose_name=_("Status"))
    updated_at = tables.DateTimeColumn(verbose_name=_("Updated"), format="Y-m-d")

    class Meta:
        model = Application
        fields = ["id", "state", "meetings", "delegates", "status", "updated_at"]
        order_by = ["-updated_at"]

    def render_meetings(self, record):
        return ", ".join(f"{line.meeting} ({line.programme.code})"
                         for line in record.meeting_lines.all())

    def render_delegates(self, record):
        return len(record.nominees.all())


class TripTable(tables.Table):
    nominee = tables.Column(verbose_name=_("Delegate"))
    state = tables.Column(accessor="application__state", verbose_name=_("State"),
                          orderable=False)
    arrival = tables.DateColumn(verbose_name=_("Arrival"))
    departure = tables.DateColumn(verbose_name=_("Departure"))
    shares = tables.Column(verbose_name=_("Shares"), empty_values=(), orderable=False)
    total = tables.Column(verbose_name=_("Total"), attrs={"td": {"class": "numeric"}})
    saving = tables.Column(verbose_name=_("Saving"), empty_values=(), orderable=False,
                           attrs={"td": {"class": "numeric"}})

    class Meta:
        model = Trip
        fields = ["nominee", "state", "arrival", "departure", "shares", "total", "saving"]

    def render_shares(self, record):
        return ", ".join(f"{s.programme.code} {s.amount}" for s in record.shares.all())

    def render_saving(self, record):
        return record.saving
