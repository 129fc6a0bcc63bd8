from django import template

from core.audit import history_for

register = template.Library()


@register.inclusion_tag("core/_history.html")
def audit_history(target, limit=50):
    """The latest changes to one record, with who made them and when."""
    return {"entries": list(history_for(target)[:limit])}
