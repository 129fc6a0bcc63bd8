from django import template

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
