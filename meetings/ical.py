"""iCalendar feeds a calendar client can subscribe to (all meetings, per convention, per State).

All-day events (DTEND is the day after the last day, as RFC 5545 says for dates); cancelled
meetings stay in the feed with STATUS:CANCELLED so subscribed clients drop them.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from .enums import MeetingStatus

ICAL_STATUS = {
    MeetingStatus.PLANNED: "TENTATIVE",
    MeetingStatus.CONFIRMED: "CONFIRMED",
    MeetingStatus.HELD: "CONFIRMED",
    MeetingStatus.CANCELLED: "CANCELLED",
}


def uid_of(meeting) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "isu-portal"
    return f"meeting-{meeting.pk}@{host}"


def calendar_of(meetings, *, name: str) -> bytes:
    """An iCalendar document of `meetings` (conventions and themes prefetched)."""
    calendar = Calendar()
    calendar.add("prodid", "-//ISU Coordination Portal//meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for meeting in meetings:
        codes = [c.code for c in meeting.conventions.all()]
        event = Event()
        event.add("uid", uid_of(meeting))
        event.add("dtstamp", stamp)
        event.add("last-modified", meeting.updated_at)
        event.add("summary", f"[{'+'.join(codes)}] {meeting.title}")
        event.add("dtstart", meeting.start_date)
        event.add("dtend", meeting.end_date + datetime.timedelta(days=1))
        location = ", ".join(p for p in (meeting.venue, meeting.city, meeting.country.name) if p)
        event.add("location", location)
        event.add("status", ICAL_STATUS[meeting.status])
        event.add("categories", [*codes, meeting.get_kind_display(),
                                 *(t.name for t in meeting.thematic_areas.all())])
        event.add("url", settings.SITE_URL.rstrip("/")
                  + reverse("meetings:detail", args=[meeting.pk]))
        description = [meeting.get_kind_display()]
        if meeting.registration_deadline:
            description.append(f"Registration deadline: {meeting.registration_deadline}")
        if meeting.description:
            description.append(meeting.description)
        event.add("description", "\n".join(description))
        calendar.add_component(event)
    return calendar.to_ical()
