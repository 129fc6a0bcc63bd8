import datetime
import decimal

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from reporting.enums import FieldType

register = template.Library()


@register.filter
def answer(entry_or_data, key):
    """The answer to field `key` in a section entry (or a plain dict of answers)."""
    data = getattr(entry_or_data, "data", entry_or_data) or {}
    value = data.get(key)
    return "" if value is None else value


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.filter
def answer_display(entry_or_data, field):
    """The answer to `field`, written for a reader in the active language (a PDF renders in
    the report's): Yes/No, numbers with the language's separators, dates spelled out; "—"
    when not answered."""
    data = getattr(entry_or_data, "data", entry_or_data) or {}
    value = data.get(field.key)
    if value is None or value == "":
        return "—"
    kind = field.field_type
    try:
        if kind == FieldType.BOOLEAN:
            return _("Yes") if value is True or str(value).lower() in ("true", "yes", "1") \
                else _("No")
        if kind == FieldType.INTEGER:
            return formats.number_format(int(value), force_grouping=True)
        if kind == FieldType.DECIMAL:
            return formats.number_format(decimal.Decimal(str(value)), force_grouping=True)
        if kind == FieldType.DATE:
            day = value if isinstance(value, datetime.date) \
                else datetime.date.fromisoformat(str(value))
            return formats.date_format(day, "DATE_FORMAT")
    except (ValueError, TypeError, decimal.InvalidOperation):
        pass  # an answer saved before its field's type was checked: print it as it is
    return str(value)
