"""The meetings panel of the home page: coming meetings, the user's registrations, and the
registrations awaiting the user's decision."""

from django.utils import timezone

from accounts import access
from treaties.models import State

from . import selectors
from .enums import RegistrationStatus


def panel(request):
    user = request.user
    today = timezone.localdate()
    upcoming = list(selectors.meetings_list().active().filter(end_date__gte=today)[:5])
    context = {
        "upcoming": upcoming,
        "clusters": selectors.cluster_index(upcoming),
        "registrations": [],
        "pending_count": 0,
        "states": [],
    }
    if user.is_authenticated:
        context["registrations"] = selectors.upcoming_registrations_of(user)
        scope = access.scope_of(user)
        if scope.administrator or scope.staff_convention_ids or scope.focal_point_state_ids:
            pending = selectors.registrations_for_user(user).filter(
                status=RegistrationStatus.PENDING, meeting__end_date__gte=today)
            if not (scope.administrator or scope.staff_convention_ids):
                pending = pending.filter(state_id__in=scope.focal_point_state_ids)
            context["pending_count"] = pending.count()
        context["states"] = list(State.objects.filter(pk__in=scope.state_ids))
    return context
