"""Every rule, attacked through the page and the API; the refused change must not happen."""

import datetime

import pytest
from django.urls import reverse

from core.models import GeneratedFile
from meetings.enums import MeetingStatus, ParticipantRole, RegistrationStatus
from meetings.models import Meeting, MeetingDocument, Registration, Session
from tests.factories.meetings import MeetingFactory, RegistrationFactory

D = datetime.date
pytestmark = pytest.mark.django_db
API = "/api/v1/meetings/"


@pytest.fixture
def apmbc_meeting(apmbc):
    return MeetingFactory(conventions=[apmbc], title="APMBC 30MSP", start_date=D(2032, 11, 22))


def test_anonymous_cannot_create_meetings(client, api_as, ccm):
    response = client.get(reverse("meetings:create"))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    response = api_as(None).post(API, {"conventions": ["CCM"], "kind": "msp", "title": "X",
                                       "city": "Geneva", "country": "CH",
                                       "start_date": "2031-01-01", "end_date": "2031-01-02"},
                                 format="json")
    assert response.status_code in (401, 403)
    assert not Meeting.objects.exists()


def test_delegates_cannot_create_meetings(client, api_as, delegate_a, ccm):
    data = {"conventions": ["CCM"], "kind": "msp", "title": "X", "city": "Geneva",
            "country": "CH", "start_date": "2031-01-01", "end_date": "2031-01-02"}
    assert api_as(delegate_a).post(API, data, format="json").status_code == 403
    client.force_login(delegate_a)
    assert client.get(reverse("meetings:create")).status_code == 403
    response = client.post(reverse("meetings:create"), {**data, "conventions": [ccm.pk]})
    assert response.status_code == 403
    assert "New meeting" not in client.get(reverse("meetings:index")).content.decode()
    assert not Meeting.objects.exists()


def test_staff_cannot_create_a_meeting_of_another_convention_through_the_page(client, ccm_staff,
                                                                               apmbc):
    client.force_login(ccm_staff)
    response = client.post(reverse("meetings:create"), {
        "conventions": [apmbc.pk], "kind": "msp", "title": "X", "city": "Geneva",
        "country": "CH", "start_date": "2031-01-01", "end_date": "2031-01-02"})
    assert response.status_code == 200 and "whose ISU you belong to" in response.content.decode()
    assert not Meeting.objects.exists()


def test_staff_of_one_convention_cannot_change_anothers_meeting(client, api_as, ccm_staff,
                                                                apmbc_meeting, apmbc):
    client.force_login(ccm_staff)
    pk = apmbc_meeting.pk
    assert client.get(reverse("meetings:edit", args=[pk])).status_code == 403
    assert client.post(reverse("meetings:edit", args=[pk]), {
        "conventions": [apmbc.pk], "kind": "msp", "title": "Hijacked", "city": "Geneva",
        "country": "CH", "start_date": "2032-11-22", "end_date": "2032-11-24",
        "status": "confirmed"}).status_code == 403
    assert client.post(reverse("meetings:cancel", args=[pk])).status_code == 403
    assert client.post(reverse("meetings:session-add", args=[pk]), {
        "date": "2032-11-22", "start_time": "10:00", "end_time": "11:00",
        "title": "x"}).status_code == 403
    assert client.post(reverse("meetings:document-upload", args=[pk])).status_code == 403
    api = api_as(ccm_staff)
    assert api.patch(f"{API}{pk}/", {"title": "Hijacked"}, format="json").status_code == 403
    assert api.post(f"{API}{pk}/cancel/", {}, format="json").status_code == 403
    assert api.post(f"{API}{pk}/reschedule/", {"start_date": "2032-12-01",
                                                "end_date": "2032-12-02"},
                    format="json").status_code == 403
    apmbc_meeting.refresh_from_db()
    assert apmbc_meeting.title == "APMBC 30MSP"
    assert apmbc_meeting.status == MeetingStatus.CONFIRMED
    assert apmbc_meeting.start_date == D(2032, 11, 22)
    assert not Session.objects.exists() and not MeetingDocument.objects.exists()


def test_session_of_anothers_meeting_cannot_be_removed(client, ccm_staff, apmbc_meeting):
    session = apmbc_meeting.sessions.create(date=D(2032, 11, 22), start_time=datetime.time(10),
                                            end_time=datetime.time(11), title="Opening")
    client.force_login(ccm_staff)
    response = client.post(reverse("meetings:session-remove",
                                   args=[apmbc_meeting.pk, session.pk]))
    assert response.status_code == 403
    assert Session.objects.filter(pk=session.pk).exists()


def test_a_delegate_cannot_register_for_another_state(client, api_as, delegate_a, ccm_meeting,
                                                      parties):
    data = {"role": "delegate", "full_name": "Rania", "email": "r@example.org", "state": "LBN"}
    assert api_as(delegate_a).post(f"{API}{ccm_meeting.pk}/registrations/", data,
                                   format="json").status_code == 403
    client.force_login(delegate_a)
    response = client.post(reverse("meetings:register", args=[ccm_meeting.pk]), data)
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_a_delegate_cannot_register_an_observer_organisation(api_as, delegate_a, ccm_meeting):
    response = api_as(delegate_a).post(f"{API}{ccm_meeting.pk}/registrations/", {
        "role": ParticipantRole.OBSERVER_ORGANISATION, "full_name": "X",
        "email": "x@ngo.org", "organisation": "NGO"}, format="json")
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_another_states_focal_point_can_neither_see_nor_decide(client, api_as, focal_b,
                                                               ccm_meeting, parties):
    registration = RegistrationFactory(meeting=ccm_meeting, state=parties["BIH"],
                                       full_name="Amra Secret", email="amra@example.org")
    api = api_as(focal_b)
    url = f"{API}{ccm_meeting.pk}/registrations/"
    assert api.get(url).json()["count"] == 0
    assert api.get(f"{url}{registration.pk}/").status_code == 404
    assert api.post(f"{url}{registration.pk}/approve/", {}, format="json").status_code == 404
    client.force_login(focal_b)
    decide = reverse("meetings:registration-decide",
                     args=[ccm_meeting.pk, registration.pk, "approve"])
    assert client.post(decide).status_code == 404
    assert "Amra Secret" not in client.get(
        reverse("meetings:participants", args=[ccm_meeting.pk])).content.decode()
    csv = client.get(reverse("meetings:participants-export", args=[ccm_meeting.pk, "csv"]))
    assert "Amra" not in csv.content.decode("utf-8-sig")
    assert "Amra Secret" not in client.get(
        reverse("meetings:detail", args=[ccm_meeting.pk])).content.decode()
    assert Registration.objects.get().status == RegistrationStatus.PENDING


def test_a_delegate_sees_but_cannot_approve_own_states_registration(api_as, delegate_a,
                                                                    ccm_meeting, parties):
    registration = RegistrationFactory(meeting=ccm_meeting, state=parties["BIH"])
    url = f"{API}{ccm_meeting.pk}/registrations/{registration.pk}/"
    api = api_as(delegate_a)
    assert api.get(url).status_code == 200
    assert api.post(f"{url}approve/", {}, format="json").status_code == 403
    assert Registration.objects.get().status == RegistrationStatus.PENDING


def test_other_isu_cannot_see_or_decide_a_meetings_registrations(client, api_as, apmbc_staff,
                                                                 ccm_meeting, parties):
    registration = RegistrationFactory(meeting=ccm_meeting, state=parties["BIH"])
    api = api_as(apmbc_staff)
    assert api.get(f"{API}{ccm_meeting.pk}/registrations/").json()["count"] == 0
    assert api.post(f"{API}{ccm_meeting.pk}/registrations/{registration.pk}/reject/", {},
                    format="json").status_code == 404
    client.force_login(apmbc_staff)
    assert client.get(reverse("meetings:participants", args=[ccm_meeting.pk])).status_code == 403
    assert client.post(reverse("meetings:badges", args=[ccm_meeting.pk])).status_code == 403
    assert not GeneratedFile.objects.exists()
    assert Registration.objects.get().status == RegistrationStatus.PENDING


def test_anonymous_sees_no_participants(client, api_as, ccm_meeting, parties):
    RegistrationFactory(meeting=ccm_meeting, state=parties["BIH"], full_name="Hidden Person")
    assert api_as(None).get(f"{API}{ccm_meeting.pk}/registrations/").status_code in (401, 403)
    response = client.get(reverse("meetings:participants", args=[ccm_meeting.pk]))
    assert response.status_code == 302
    assert "Hidden Person" not in client.get(
        reverse("meetings:detail", args=[ccm_meeting.pk])).content.decode()


def test_proposals_are_for_isu_staff_and_moves_for_the_meetings_own_isu(
        client, api_as, delegate_a, apmbc_staff, ccm, ccw):
    MeetingFactory(conventions=[ccm], start_date=D(2099, 9, 1), end_date=D(2099, 9, 2),
                   title="Anchor")
    later = MeetingFactory(conventions=[ccw], start_date=D(2099, 9, 24),
                           end_date=D(2099, 9, 25))
    client.force_login(delegate_a)
    assert client.get(reverse("meetings:proposals")).status_code == 403
    assert api_as(delegate_a).get(f"{API}proposals/").status_code == 403
    proposals = api_as(apmbc_staff).get(f"{API}proposals/").json()
    key = next(p["key"] for p in proposals if p["moved"]["id"] == later.pk)
    assert api_as(apmbc_staff).post(f"{API}proposals/accept/", {"key": key},
                                    format="json").status_code == 403
    client.force_login(apmbc_staff)
    client.post(reverse("meetings:proposals"), {"key": key})
    later.refresh_from_db()
    assert later.start_date == D(2099, 9, 24)
