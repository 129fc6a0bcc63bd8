"""Dates out of range are refused where they are typed (400 in the API, a form error or an
ignored value with a message on pages); a row already stored on 9999-12-30 takes nothing
down."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings.models import Meeting
from tests.factories import MembershipFactory
from tests.factories.meetings import MeetingFactory, meeting_kind

D = datetime.date
pytestmark = pytest.mark.django_db
API = "/api/v1/meetings/"


def _payload(**dates):
    return {"conventions": ["CCM"], "kind": "msp", "title": "Far future", "city": "Geneva",
            "country": "CH", "start_date": "2031-01-01", "end_date": "2031-01-02", **dates}


@pytest.mark.parametrize("field,value", [("start_date", "9999-12-30"),
                                         ("end_date", "9999-12-30"),
                                         ("start_date", "1000-01-01"),
                                         ("registration_deadline", "0001-01-01")])
def test_api_refuses_a_meeting_date_out_of_range(api_as, ccm_staff, ccm, field, value):
    response = api_as(ccm_staff).post(API, _payload(**{field: value}), format="json")
    assert response.status_code == 400
    assert response.json()["fields"][field] == [
        "Enter a date between 1900-01-01 and 2200-12-31."]
    assert not Meeting.objects.exists()


def test_api_refuses_moving_a_meeting_out_of_range(api_as, ccm_staff, ccm_meeting):
    response = api_as(ccm_staff).post(f"{API}{ccm_meeting.pk}/reschedule/", {
        "start_date": "9999-12-29", "end_date": "9999-12-30"}, format="json")
    assert response.status_code == 400 and "start_date" in response.json()["fields"]
    response = api_as(ccm_staff).patch(f"{API}{ccm_meeting.pk}/", {
        "end_date": "9999-12-30"}, format="json")
    assert response.status_code == 400 and "end_date" in response.json()["fields"]
    ccm_meeting.refresh_from_db()
    assert ccm_meeting.end_date == D(2032, 9, 8)
    assert not ccm_meeting.date_changes.exists()


def test_page_form_refuses_a_meeting_date_out_of_range(client, ccm_staff, ccm):
    client.force_login(ccm_staff)
    response = client.post(reverse("meetings:create"), {
        **_payload(start_date="9999-12-29", end_date="9999-12-30"), "conventions": [ccm.pk]})
    assert response.status_code == 200
    assert response.context["form"].errors["start_date"] == [
        "Enter a date between 1900-01-01 and 2200-12-31."]
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("query", [{"date_to": "9999-12-31"}, {"date_from": "0001-01-01"},
                                   {"date_to": "2201-01-01"}])
def test_api_filters_refuse_dates_out_of_range(api_as, ccm_meeting, query):
    client = api_as(None)
    for url in (API, f"{API}clusters/", f"{API}conflicts/"):
        response = client.get(url, query)
        assert response.status_code == 400, url
        assert list(response.json()["fields"]) == list(query), url


@pytest.mark.parametrize("query", [{"date_to": "9999-12-31"}, {"date_from": "0001-01-01"}])
def test_pages_refuse_or_ignore_dates_out_of_range_with_a_message(client, ccm_meeting, parties,
                                                                   query):
    response = client.get(reverse("meetings:index"), {**query, "view": "list"})
    assert response.status_code == 200
    [field] = query
    assert response.context["filter"].errors[field] == [
        "Enter a date between 1900-01-01 and 2200-12-31."]
    for name in ("meetings:clusters", "meetings:conflicts"):
        response = client.get(reverse(name), query)
        assert response.status_code == 200
        assert [str(m) for m in response.context["messages"]] == [
            f"{'To' if field == 'date_to' else 'From'} was ignored: Enter a date between "
            "1900-01-01 and 2200-12-31."]
    response = client.get(reverse("meetings:state", args=["BIH"]), query)
    assert response.status_code == 200
    assert response.context["date_to"] is None


@pytest.mark.parametrize("month", ["9999-12", "0000-01", "2201-01", "1899-12"])
def test_month_view_ignores_a_month_out_of_range_with_a_message(client, ccm_meeting, month):
    response = client.get(reverse("meetings:index"), {"month": month})
    assert response.status_code == 200
    assert response.context["month"] == timezone.localdate().replace(day=1)
    [message] = [str(m) for m in response.context["messages"]]
    assert message.startswith("The month was ignored: Enter a date")


def test_month_view_at_the_edges_of_the_range(client, ccm):
    assert client.get(reverse("meetings:index"), {"month": "2200-12"}).status_code == 200
    assert client.get(reverse("meetings:index"), {"month": "1900-01"}).status_code == 200


@pytest.fixture
def stored_far_future(ccm, apmbc, parties):
    """Rows stored before the range existed (inserted directly, bypassing validation): one
    meeting ending on 9999-12-30 that runs through this month, one starting then, and one at
    the same place for clustering."""
    today = timezone.localdate()
    long = Meeting.objects.create(
        kind=meeting_kind("msp"), title="Endless", city="Geneva", country="CH",
                                  start_date=today, end_date=D(9999, 12, 30),
                                  status="confirmed")
    long.conventions.set([ccm])
    last = Meeting.objects.create(
        kind=meeting_kind("msp"), title="Last day", city="Geneva", country="CH",
                                  start_date=D(9999, 12, 30), end_date=D(9999, 12, 31),
                                  registration_deadline=D(9999, 12, 31), status="planned")
    last.conventions.set([apmbc])
    MeetingFactory(conventions=[apmbc], title="Ordinary", start_date=today + datetime.timedelta(
        days=3))
    MembershipFactory(state=parties["LBN"], convention=apmbc, deposited_on=D(2010, 1, 1))
    return long, last


def test_a_stored_meeting_at_the_end_of_time_takes_no_page_down(client, ccm_staff,
                                                                stored_far_future):
    long, last = stored_far_future
    client.force_login(ccm_staff)
    for url, params in [
        (reverse("home"), {}),
        (reverse("meetings:index"), {}),
        (reverse("meetings:index"), {"view": "list"}),
        (reverse("meetings:index"), {"view": "list", "date_from": "2200-12-31"}),
        (reverse("meetings:index"), {"month": "2200-12"}),
        (reverse("meetings:clusters"), {}),
        (reverse("meetings:conflicts"), {}),
        (reverse("meetings:proposals"), {}),
        (reverse("meetings:state", args=["BIH"]), {}),
        (reverse("meetings:detail", args=[long.pk]), {}),
        (reverse("meetings:detail", args=[last.pk]), {}),
    ]:
        response = client.get(url, params)
        assert response.status_code == 200, (url, params)
    response = client.get(reverse("meetings:index"), {"view": "list"})
    assert "Endless" in response.content.decode()


def test_a_stored_meeting_at_the_end_of_time_stays_in_the_feeds(client, api_as,
                                                                 stored_far_future):
    _long, last = stored_far_future
    for url in (reverse("meetings:feed-all"), reverse("meetings:feed-convention", args=["APMBC"]),
                reverse("meetings:feed-state", args=["LBN"])):
        response = client.get(url)
        assert response.status_code == 200, url
        events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(response.content).walk(
            "VEVENT")}
        assert events["[APMBC] Last day"]["DTSTART"].dt == D(9999, 12, 30)
    for url in (API, f"{API}clusters/", f"{API}conflicts/", f"{API}{last.pk}/"):
        assert api_as(None).get(url).status_code == 200, url


def test_a_stored_meeting_at_the_end_of_time_can_be_moved_back_into_the_range(
        api_as, ccm_staff, ccm):
    meeting = Meeting.objects.create(
        kind=meeting_kind("msp"), title="Far", city="Geneva", country="CH",
                                     start_date=D(2031, 1, 6), end_date=D(2031, 1, 7),
                                     registration_deadline=D(2031, 1, 1), status="planned")
    meeting.conventions.set([ccm])
    Meeting.objects.filter(pk=meeting.pk).update(start_date=D(9999, 12, 1),
                                                 end_date=D(9999, 12, 31),
                                                 registration_deadline=D(9999, 12, 31))
    response = api_as(ccm_staff).post(f"{API}{meeting.pk}/reschedule/", {
        "start_date": "2200-12-01", "end_date": "2200-12-31"}, format="json")
    assert response.status_code == 200  # back inside the range; the deadline keeps its lead
    meeting.refresh_from_db()
    assert (meeting.start_date, meeting.registration_deadline) == (D(2200, 12, 1),
                                                                   D(2200, 12, 31))
