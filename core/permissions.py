"""How a page answers a refused permission rule (the rules themselves live in each app's
rules.py)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404


def require(allowed: bool, *, hide: bool = False) -> None:
    """Stop the request unless `allowed`: with 404 when the object must stay hidden from this
    user (`hide=True`: they may not know it exists), else with 403 (they see it but may not do
    this)."""
    if not allowed:
        if hide:
            raise Http404
        raise PermissionDenied
