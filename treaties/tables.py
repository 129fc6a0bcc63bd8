import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Convention, State


class ConventionTable(tables.Table):
    code = tables.LinkColumn("treaties:convention-detail", args=[tables.A("code")],
                             verbose_name=_("Code"))
    localized_name = tables.Column(verbose_name=_("Name"), orderable=False)
    parent = tables.Column(verbose_name=_("Part of"))
    entry_into_force = tables.DateColumn(verbose_name=_("Entry into force"))

    class Meta:
        model = Convention
        fields = ["code", "localized_name", "parent", "adopted_on", "entry_into_force"]
        order_by = ["ordering_key"]


class StateTable(tables.Table):
    iso3 = tables.LinkColumn("treaties:state-detail", args=[tables.A("iso3")],
                             verbose_name=_("Code"))
    name = tables.Column(verbose_name=_("Name"), orderable=False)

    class Meta:
        model = State
        fields = ["iso3", "name", "official_un_name", "un_status", "region"]
