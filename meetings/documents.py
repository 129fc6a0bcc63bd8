"""Generated documents of the meetings app (registered with core.generated in apps.ready)."""

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from core.pdf import render_pdf

from . import rules
from .enums import RegistrationStatus
from .models import Meeting, Registration

BADGES = "meetings.badges"


def _meeting(params) -> Meeting | None:
    return Meeting.objects.prefetch_related("conventions").filter(pk=params.get("meeting")).first()


def badges_can_request(user, params) -> bool:
    meeting = _meeting(params)
    return meeting is not None and rules.can_view_all_participants(user, meeting)


def badges_build(params, language) -> tuple[bytes, str]:
    """One badge per approved participant (name, State or organisation, role, meeting)."""
    meeting = _meeting(params)
    if meeting is None:
        raise LookupError("the meeting no longer exists")
    registrations = (Registration.objects.filter(meeting=meeting,
                                                 status=RegistrationStatus.APPROVED)
                     .select_related("state").order_by("state__iso3", "full_name"))
    if params.get("state"):
        registrations = registrations.filter(state__iso3__iexact=params["state"])
    requested_by = get_user_model().objects.filter(pk=params.get("requested_by")).first()
    pdf = render_pdf("pdf/meetings/badges.html",
                     {"meeting": meeting, "registrations": list(registrations),
                      "requested_by": requested_by}, language=language)
    return pdf, f"badges-{slugify(meeting.title)[:60] or meeting.pk}.pdf"

