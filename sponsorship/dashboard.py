from accounts import access

from . import rules, selectors
from .enums import ApplicationStatus


def panel(request):
    """A State's open applications, or a reviewer's queue and the programmes' positions."""
    user = request.user
    if not user.is_authenticated:
        return None
    is_manager = rules.can_manage_any_programme(user)
    if not is_manager and not access.represented_state_ids(user):
        return None
    applications = selectors.applications_for_user(user)
    scope = access.scope_of(user)
    context = {"is_manager": is_manager, "positions": [],
               "can_apply": scope.administrator or bool(scope.focal_point_state_ids)}
    if is_manager:
        context["queue"] = applications.filter(status__in=[
            ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW]).count()
        programmes = list(selectors.programmes_for_finances(user))
        positions = selectors.positions(programmes)
        context["positions"] = [(p, positions[p.pk]) for p in programmes]
    else:
        context["open"] = list(applications.exclude(status__in=[
            ApplicationStatus.SETTLED, ApplicationStatus.REJECTED,
            ApplicationStatus.WITHDRAWN])[:5])
    return context
