"""The home page panel: the user's ISUs with their FTE today and duties without cover."""

from django.utils import timezone

from accounts import access

from . import computations, selectors


def panel(request):
    scope = access.scope_of(request.user)
    if not (scope.is_isu_staff or scope.administrator or scope.host_staff):
        return None
    today = timezone.localdate()
    isus = selectors.isus_list()
    if not (scope.administrator or scope.host_staff):
        isus = isus.filter(convention_id__in=scope.staff_convention_ids)
    awaiting = selectors.awaiting_consent_counts(request.user)
    units = []
    for isu in isus:
        uncovered = [c for c in selectors.cover_plan_on(isu, today) if c.uncovered]
        units.append({"isu": isu, "fte": computations.tidy(selectors.isu_fte_on(isu, today)),
                      "uncovered": uncovered, "awaiting": awaiting.get(isu.pk, 0)})
    return {"units": units, "today": today}
