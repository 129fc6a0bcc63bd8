from django import template

from staffing.computations import tidy

register = template.Library()


@register.filter
def fte(value):
    """An FTE figure without trailing zeros: 0.5, 1, 0.2 (never 0.5000 or 1E+1)."""
    if value is None or value == "":
        return ""
    return tidy(value)
