import datetime

import pytest

from meetings.enums import MeetingStatus, ParticipantRole, RegistrationStatus
from meetings.models import Meeting, MeetingDateChange, Registration
from tests.factories import ThematicAreaFactory
from tests.factories.meetings import MeetingFactory, RegistrationFactory

D = datetime.date
pytestmark = pytest.mark.django_db
URL = "/api/v1/meetings/"


def payload(**overrides):
    return {"conventions": ["CCM"], "kind": "msp", "title": "CCM 21MSP", "city": "Geneva",
            "country": "CH", "start_date": "2031-09-01", "end_date": "2031-09-03", **overrides}


def test_list_filters_by_convention_kind_dates_city_and_theme(api_as, ccm, apmbc):
    theme = ThematicAreaFactory(code="land-release")
    a = MeetingFactory(conventions=[ccm], start_date=D(2031, 3, 2), thematic_areas=[theme])
    b = MeetingFactory(conventions=[ccm, apmbc], kind="workshop", city="Oslo", country="NO",
                       start_date=D(2031, 6, 2))
    c = MeetingFactory(conventions=[apmbc], start_date=D(2031, 9, 2))
    client = api_as(None)

    def ids(**params):
        response = client.get(URL, params)
        assert response.status_code == 200
        return [row["id"] for row in response.json()["results"]]

    assert ids() == [a.pk, b.pk, c.pk]
    assert ids(convention="APMBC") == [b.pk, c.pk]
    assert ids(kind="workshop") == [b.pk]
    assert ids(city="oslo") == [b.pk]
    assert ids(theme="land-release") == [a.pk]
    assert ids(date_from="2031-05-01", date_to="2031-07-01") == [b.pk]
    b.sessions.create(date=b.start_date, start_time=datetime.time(10),
                      end_time=datetime.time(13), title="Opening", room="XVIII")
    row = client.get(f"{URL}{b.pk}/").json()
    assert row["conventions"] == ["CCM", "APMBC"] and row["country"] == "NO"
    assert row["sessions"] == [{"date": "2031-06-02", "start_time": "10:00:00",
                                "end_time": "13:00:00", "title": "Opening", "room": "XVIII"}]
    response = client.get(URL, {"date_from": "not-a-date"})
    assert response.status_code == 400 and "date_from" in response.json()["fields"]


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count(api_as, ccm, apmbc, count, django_assert_num_queries):
    for _ in range(count):
        MeetingFactory(conventions=[ccm, apmbc], thematic_areas=[ThematicAreaFactory()])
    with django_assert_num_queries(4):  # count, page, conventions, themes
        response = api_as(None).get(URL)
    assert len(response.json()["results"]) == count


def test_open_to_a_state_filter(api_as, ccm, apmbc, parties):
    ccm_closed = MeetingFactory(conventions=[ccm], admits_observers=False)
    apmbc_closed = MeetingFactory(conventions=[apmbc], admits_observers=False)
    apmbc_open = MeetingFactory(conventions=[apmbc], admits_observers=True)
    client = api_as(None)

    def ids(iso3):
        return {row["id"] for row in client.get(URL, {"open_to": iso3}).json()["results"]}

    assert ids("LBN") == {ccm_closed.pk, apmbc_open.pk}
    assert ids("bih") == {ccm_closed.pk, apmbc_closed.pk, apmbc_open.pk}
    assert ids("XXX") == set()


def test_create_and_end_before_start_gives_field_error(api_as, ccm_staff, ccm):
    client = api_as(ccm_staff)
    response = client.post(URL, payload(end_date="2031-08-30"), format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and "end_date" in body["fields"]
    assert not Meeting.objects.exists()
    response = client.post(URL, payload(), format="json")
    assert response.status_code == 201, response.json()
    assert Meeting.objects.get().convention_codes == ["CCM"]


def test_cancel_and_reschedule_actions(api_as, ccm_staff, ccm):
    meeting = MeetingFactory(conventions=[ccm], start_date=D(2031, 9, 1))
    client = api_as(ccm_staff)
    response = client.post(f"{URL}{meeting.pk}/reschedule/",
                           {"start_date": "2031-09-08", "end_date": "2031-09-06"}, format="json")
    assert response.status_code == 400 and "end_date" in response.json()["fields"]
    response = client.post(f"{URL}{meeting.pk}/reschedule/",
                           {"start_date": "2031-09-08", "end_date": "2031-09-10",
                            "reason": "Hall"}, format="json")
    assert response.status_code == 200 and response.json()["start_date"] == "2031-09-08"
    assert MeetingDateChange.objects.get().reason == "Hall"
    response = client.post(f"{URL}{meeting.pk}/cancel/", {"reason": "x"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    response = client.patch(f"{URL}{meeting.pk}/", {"status": "cancelled"}, format="json")
    assert response.status_code == 400


def test_clusters_conflicts_and_proposals(api_as, ccm_staff, ccm, apmbc, parties):
    MeetingFactory(conventions=[ccm], start_date=D(2031, 6, 2), end_date=D(2031, 6, 3))
    MeetingFactory(conventions=[apmbc], start_date=D(2031, 6, 5), end_date=D(2031, 6, 6))
    MeetingFactory(conventions=[apmbc], city="Oslo", country="NO", start_date=D(2031, 6, 3),
                   end_date=D(2031, 6, 3))
    late = MeetingFactory(conventions=[ccm], start_date=D(2031, 7, 3), end_date=D(2031, 7, 4))
    client = api_as(None)
    [cluster] = client.get(f"{URL}clusters/").json()
    assert cluster["conventions"] == ["APMBC", "CCM"]
    assert cluster["trips_saved"] == 1 and cluster["travel_days_saved"] == 2
    assert cluster["gap_days"] == 1
    # BIH is party to both conventions, LBN to CCM only.
    assert (cluster["states_party_to_all"], cluster["states_party_to_some"]) == (1, 2)
    conflicts = client.get(f"{URL}conflicts/", {"date_from": "2031-01-01"}).json()
    assert [c["shared_states"] for c in conflicts] == [["BIH"]]
    assert client.get(f"{URL}proposals/").status_code in (401, 403)
    proposals = api_as(ccm_staff).get(f"{URL}proposals/").json()
    mine = [p for p in proposals if p["moved"]["id"] == late.pk]
    assert mine and mine[0]["new_start"] == "2031-06-09"  # Mon–Tue after the APMBC Thu–Fri
    response = api_as(ccm_staff).post(f"{URL}proposals/accept/", {"key": mine[0]["key"]},
                                      format="json")
    assert response.status_code == 200 and response.json()["start_date"] == "2031-06-09"
    response = api_as(ccm_staff).post(f"{URL}proposals/accept/", {"key": "999:2031-01-01"},
                                      format="json")
    assert response.status_code == 400 and "proposal" in response.json()["fields"]


def test_nested_registrations(api_as, delegate_a, focal_a, ccm_meeting, parties):
    url = f"{URL}{ccm_meeting.pk}/registrations/"
    response = api_as(delegate_a).post(url, {"role": "delegate", "full_name": "Emir",
                                             "email": "emir@example.org", "state": "BIH",
                                             "myself": True}, format="json")
    assert response.status_code == 201, response.json()
    registration = Registration.objects.get()
    assert registration.user == delegate_a and response.json()["as_observer"] is False
    response = api_as(focal_a).post(f"{url}{registration.pk}/approve/", {}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "approved"
    assert [r["full_name"] for r in api_as(focal_a).get(url).json()["results"]] == ["Emir"]


def test_non_party_gets_a_clear_refusal_through_the_api(api_as, ccm_meeting, parties):
    from accounts.enums import Role
    from tests.factories import make_user

    user = make_user(Role.FOCAL_POINT, state=parties["USA"], username="usa_api")
    response = api_as(user).post(f"{URL}{ccm_meeting.pk}/registrations/", {
        "role": "delegate", "full_name": "Jo", "email": "jo@example.org", "state": "USA"},
        format="json")
    assert response.status_code == 400
    [message] = response.json()["fields"]["state"]
    assert "not a party to CCM" in message and "does not admit observers" in message
    assert not Registration.objects.exists()


@pytest.mark.parametrize("count", [1, 3])
def test_registration_list_query_count(api_as, ccm_staff, ccm_meeting, parties, count,
                                       django_assert_num_queries):
    for i in range(count):
        RegistrationFactory(meeting=ccm_meeting, state=parties["BIH"], email=f"r{i}@x.org")
    client = api_as(ccm_staff)
    with django_assert_num_queries(5):  # meeting and its conventions, roles, count, page
        response = client.get(f"{URL}{ccm_meeting.pk}/registrations/")
    assert response.json()["count"] == count


def test_registration_statuses(api_as, ccm_staff, ccm_meeting, parties):
    registration = RegistrationFactory(meeting=ccm_meeting, state=parties["BIH"],
                                       status=RegistrationStatus.APPROVED)
    client = api_as(ccm_staff)
    url = f"{URL}{ccm_meeting.pk}/registrations/{registration.pk}/"
    response = client.post(f"{url}approve/", {}, format="json")
    assert response.status_code == 400 and "already approved" in str(response.json())
    assert client.post(f"{url}withdraw/", {}, format="json").json()["status"] == "withdrawn"
    other = MeetingFactory(conventions=[ccm_meeting.conventions.get()],
                           status=MeetingStatus.CANCELLED)
    response = client.post(f"{URL}{other.pk}/registrations/", {
        "role": ParticipantRole.ISU_STAFF, "full_name": "S", "email": "s@x.org"}, format="json")
    assert response.status_code == 400
