from accounts import access

from .models import State


def panel(request):
    """The States the user represents, with their conventions."""
    state_ids = access.represented_state_ids(request.user)
    if not state_ids:
        return None
    states = State.objects.filter(pk__in=state_ids).prefetch_related("memberships__convention")
    return {"states": states}
