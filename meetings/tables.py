import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Meeting, Registration


class MeetingTable(tables.Table):
    # `clusters` (meeting id -> cluster) comes from the page's context.
    title = tables.TemplateColumn(
        "<a href=\"{% url 'meetings:detail' record.pk %}\">{{ record.title }}</a>"
        "{% if record.pk in clusters %} <span class=\"badge cluster-mark\">⇄</span>{% endif %}",
        verbose_name=_("Meeting"), order_by=("title",),
    )
    conventions = tables.TemplateColumn(
        "{% for c in record.conventions.all %}<span class=\"badge\">{{ c.code }}</span> "
        "{% endfor %}", verbose_name=_("Conventions"), orderable=False,
    )
    kind = tables.Column(verbose_name=_("Kind"))
    start_date = tables.DateColumn(verbose_name=_("Start"))
    end_date = tables.DateColumn(verbose_name=_("End"))
    city = tables.Column(verbose_name=_("City"))
    status = tables.TemplateColumn(
        "<span class=\"badge status-{{ record.status }}\">{{ record.get_status_display }}</span>",
        verbose_name=_("Status"),
    )

    class Meta:
        model = Meeting
        fields = ["start_date", "end_date", "title", "conventions", "kind", "city", "status"]
        order_by = ["start_date"]


class ParticipantTable(tables.Table):
    full_name = tables.Column(verbose_name=_("Name"))
    email = tables.EmailColumn(verbose_name=_("Email"))
    role = tables.Column(verbose_name=_("Role"))
    state = tables.Column(verbose_name=_("State"), order_by=("state__iso3",))
    organisation = tables.Column(verbose_name=_("Organisation"))
    status = tables.TemplateColumn(template_name="meetings/_registration_status.html",
                                   verbose_name=_("Status"), order_by=("status",))

    class Meta:
        model = Registration
        fields = ["full_name", "email", "role", "state", "organisation", "status"]
        row_attrs = {"id": lambda record: f"registration-{record.pk}"}
