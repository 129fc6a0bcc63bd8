from django.utils import timezone

from accounts import access
from treaties.models import State

from . import selectors
from .enums import ReportStatus


def panel(request):
    """The next deadlines of the user's State(s), their drafts; for ISU staff, what awaits
    publication."""
    scope = access.scope_of(request.user)
    if not (scope.state_ids or scope.is_isu_staff or scope.administrator):
        return None
    year = timezone.localdate().year
    next_due = []
    for state in State.objects.filter(pk__in=scope.state_ids):
        next_due += selectors.state_calendar(state, year, user=request.user).rows
    reports = selectors.reports_for_user(request.user)
    to_publish = None
    if scope.is_isu_staff or scope.administrator:
        to_publish = reports.filter(status=ReportStatus.SUBMITTED).exclude(
            state_id__in=scope.state_ids).count()
    return {
        "next_due": sorted(next_due, key=lambda r: r.deadline.due_on)[:6],
        "drafts_count": reports.filter(state_id__in=scope.state_ids,
                                       status=ReportStatus.DRAFT).count(),
        "to_publish": to_publish,
    }
