"""iCalendar feeds and the calendar at 2,000 meetings: same number of queries as at 20."""

import datetime
import re

import pytest
from django.urls import reverse
from icalendar import Calendar

from meetings.enums import MeetingStatus
from meetings.models import Meeting
from tests.factories import ThematicAreaFactory
from tests.factories.meetings import MeetingFactory, meeting_kind

D = datetime.date
pytestmark = pytest.mark.django_db


def bulk_meetings(count, conventions, themes):
    """`count` meetings in September 2030 across cities, each of one or two conventions."""
    cities = [("Geneva", "CH"), ("Oslo", "NO"), ("Santiago", "CL"), ("Vienna", "AT")]
    meeting_kind("msp")
    meetings = Meeting.objects.bulk_create([
        Meeting(kind_id="msp", title=f"Bulk {i}", city=cities[i % 4][0], country=cities[i % 4][1],
                start_date=D(2030, 9, 1 + i % 28), end_date=D(2030, 9, 1 + i % 28 + i % 3),
                status=MeetingStatus.CONFIRMED if i % 7 else MeetingStatus.CANCELLED)
        for i in range(count)
    ])
    links = Meeting.conventions.through
    rows = []
    for i, meeting in enumerate(meetings):
        rows.append(links(meeting_id=meeting.pk, convention_id=conventions[i % 3].pk))
        if i % 5 == 0:
            rows.append(links(meeting_id=meeting.pk, convention_id=conventions[(i + 1) % 3].pk))
    links.objects.bulk_create(rows)
    Meeting.thematic_areas.through.objects.bulk_create([
        Meeting.thematic_areas.through(meeting_id=m.pk, thematicarea_id=themes[i % 2].pk)
        for i, m in enumerate(meetings)])
    return meetings


@pytest.fixture
def three(ccm, apmbc, ccw):
    return [ccm, apmbc, ccw]


@pytest.mark.parametrize("count", [20, 2000])
def test_feeds_and_calendar_render_in_constant_queries(client, three, parties, count, settings,
                                                       django_assert_num_queries):
    settings.MEETINGS_MONTH_DAY_LIMIT = 8
    bulk_meetings(count, three, [ThematicAreaFactory(), ThematicAreaFactory()])
    with django_assert_num_queries(3):  # meetings, conventions, themes
        response = client.get(reverse("meetings:feed-all"))
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == count
    with django_assert_num_queries(4):  # + the convention
        client.get(reverse("meetings:feed-convention", args=["ccm"]))
    with django_assert_num_queries(4):  # + the State
        client.get(reverse("meetings:feed-state", args=["BIH"]))
    # one fewer: the grid shows no themes; the filter form lists the meeting kinds (data)
    with django_assert_num_queries(7):
        response = client.get(reverse("meetings:index"), {"month": "2030-09"})
    html = response.content.decode()
    more = sum(int(n) for n in re.findall(r">(\d+) more meetings?<", html))
    # every meeting-day is either a chip or counted behind a day's "more" link
    assert html.count("meeting-chip") + more >= count
    assert html.count("meeting-chip") <= 42 * settings.MEETINGS_MONTH_DAY_LIMIT
    with django_assert_num_queries(9):  # the filter form's kinds are one of them
        client.get(reverse("meetings:index"), {"view": "list"})
    # slots and their conventions, the clustered meetings, their conventions and themes, and
    # the memberships (who is party to the cluster's conventions)
    with django_assert_num_queries(6):
        client.get(reverse("meetings:clusters"))
    with django_assert_num_queries(6):
        client.get("/api/v1/meetings/clusters/")


def test_feed_events_are_all_day_with_status_and_location(client, ccm, apmbc):
    joint = MeetingFactory(conventions=[ccm, apmbc], title="Joint workshop",
                           start_date=D(2030, 5, 6), end_date=D(2030, 5, 7), venue="CICG")
    MeetingFactory(conventions=[ccm], title="Dropped", status=MeetingStatus.CANCELLED)
    calendar = Calendar.from_ical(client.get(reverse("meetings:feed-all")).content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    event = events["[CCM+APMBC] Joint workshop"]
    assert event.decoded("dtstart") == D(2030, 5, 6)
    assert event.decoded("dtend") == D(2030, 5, 8)  # exclusive end (RFC 5545)
    assert str(event["location"]) == "CICG, Geneva, Switzerland"
    assert str(event["uid"]).startswith(f"meeting-{joint.pk}@")
    assert str(events["[CCM] Dropped"]["status"]) == "CANCELLED"


def test_convention_and_state_feeds_select_their_meetings(client, ccm, apmbc, parties):
    MeetingFactory(conventions=[ccm], title="CCM only", admits_observers=False)
    MeetingFactory(conventions=[apmbc], title="APMBC closed", admits_observers=False)
    MeetingFactory(conventions=[apmbc], title="APMBC open", admits_observers=True)

    def summaries(url):
        calendar = Calendar.from_ical(client.get(url).content)
        return {str(e["summary"]).split("] ", 1)[1] for e in calendar.walk("VEVENT")}

    assert summaries(reverse("meetings:feed-convention", args=["APMBC"])) == {
        "APMBC closed", "APMBC open"}
    # Lebanon: party to CCM only; attends the open APMBC meeting as an observer.
    assert summaries(reverse("meetings:feed-state", args=["lbn"])) == {"CCM only", "APMBC open"}
    assert summaries(reverse("meetings:feed-state", args=["BIH"])) == {
        "CCM only", "APMBC closed", "APMBC open"}
    assert client.get(reverse("meetings:feed-convention", args=["NOPE"])).status_code == 404
    assert client.get(reverse("meetings:feed-state", args=["XXX"])).status_code == 404


def test_feed_escapes_and_folds_text_that_icalendar_reads_back(client, ccm, apmbc):
    from icalendar import Calendar

    title = "Réunion; « intersessions », Genève\\Palais — " + "é" * 80
    meeting = MeetingFactory(conventions=[ccm, apmbc], title=title, venue="Salle XIX, Palais",
                             description="Line one\nLine two; with, commas")
    body = client.get("/meetings/feeds/all.ics").content
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    assert body.endswith(b"END:VCALENDAR\r\n")
    body.decode("utf-8")  # folding never splits a character
    events = Calendar.from_ical(body).walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["summary"]) == f"[APMBC+CCM] {title}" or str(event["summary"]) == \
        f"[CCM+APMBC] {title}"
    assert str(event["location"]).startswith("Salle XIX, Palais, ")
    assert str(event["description"]).endswith("Line one\nLine two; with, commas")
    assert event["uid"].endswith(f"meeting-{meeting.pk}@" + event["uid"].split("@")[1])
    assert event.decoded("dtstart") == meeting.start_date
    assert event.decoded("dtend") == meeting.end_date + datetime.timedelta(days=1)
    assert "CCM" in [str(c) for c in event["categories"].cats]


def test_month_cell_shows_a_few_meetings_and_links_to_the_rest(client, ccm, settings):
    settings.MEETINGS_MONTH_DAY_LIMIT = 2
    for title in ("Alpha", "Bravo", "Charlie"):
        MeetingFactory(conventions=[ccm], title=title, start_date=D(2030, 5, 6),
                       end_date=D(2030, 5, 6))
    html = client.get(reverse("meetings:index"), {"month": "2030-05", "city": "Geneva"}
                      ).content.decode()
    assert html.count("meeting-chip") == 2 and "1 more meeting<" in html
    link = re.search(r'href="([^"]*view=list[^"]*)">1 more meeting', html).group(1)
    assert "date_from=2030-05-06" in link and "date_to=2030-05-06" in link and "city=Geneva" in link
    listed = client.get(link.replace("&amp;", "&")).content.decode()
    assert all(title in listed for title in ("Alpha", "Bravo", "Charlie"))
