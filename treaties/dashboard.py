from django.utils import timezone

from accounts import access

from . import selectors
from .models import ISU, State


def panel(request):
    """The user's own States (with their conventions) and ISUs (with parties and budget)."""
    user = request.user
    scope = access.scope_of(user)
    states = []
    if scope.state_ids:
        states = State.objects.filter(pk__in=scope.state_ids).prefetch_related(
            "memberships__convention")
    isus = []
    if scope.administrator or scope.host_staff:
        isus = list(ISU.objects.select_related("convention", "host"))
    elif scope.staff_convention_ids:
        isus = list(ISU.objects.select_related("convention", "host")
                    .filter(convention_id__in=scope.staff_convention_ids))
    if not states and not isus:
        return None
    today = timezone.localdate()
    budgets = {b.isu_id: b for b in selectors.isu_budgets_for_user(user)
               .filter(isu__in=isus, year=today.year)}
    rows = [{"isu": isu,
             "parties": len(selectors.party_state_ids_on(isu.convention, today)),
             "budget": budgets.get(isu.pk)} for isu in isus]
    return {"states": states, "isus": rows, "today": today}
