"""Meeting kinds are data: the standard ones from the migration, a convention's own added in the
admin, exposed by code in the API, used by the filters, and checked against the meeting's
conventions."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from core.models import AuditEntry
from meetings import services
from meetings.models import Meeting, MeetingKind
from tests.factories.meetings import MeetingFactory

D = datetime.date
pytestmark = pytest.mark.django_db
URL = "/api/v1/meetings/"


def test_the_standard_kinds_carry_their_names_in_every_language(conventions):
    kind = MeetingKind.objects.get(code="workshop")
    assert (kind.name, kind.name_fr, kind.name_ar) == ("Workshop", "Atelier", "حلقة عمل")
    assert list(MeetingKind.objects.values_list("code", flat=True)) == [
        "msp", "review_conference", "intersessional", "preparatory", "informal", "committee",
        "seminar", "workshop", "training", "capacity_building"]


def test_a_conventions_own_kind_through_the_admin_then_the_api(client, admin_user, api_as,
                                                                conventions):
    client.force_login(admin_user)
    response = client.post("/admin/meetings/meetingkind/add/", {
        "code": "ccm-cosp", "name": "Conference of States Parties", "name_fr":
        "Conférence des États parties", "convention": conventions["CCM"].pk, "position": 5})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="meetingkind.created_in_admin").count() == 1
    body = api_as(None).get(f"{URL}kinds/ccm-cosp/").json()
    assert (body["code"], body["name_fr"], body["convention"]) == (
        "ccm-cosp", "Conférence des États parties", "CCM")
    staff = api_as(admin_user)
    payload = {"conventions": ["CCM"], "kind": "ccm-cosp", "title": "CCM CoSP", "city": "Geneva",
               "country": "CH", "start_date": "2031-09-01", "end_date": "2031-09-03"}
    response = staff.post(URL, payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["kind"] == "ccm-cosp"
    # Another convention cannot hold the CCM's own kind of meeting.
    response = staff.post(URL, {**payload, "conventions": ["APMBC"], "title": "No"},
                          format="json")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"kind"}
    # An unknown kind is a field error too.
    response = staff.post(URL, {**payload, "kind": "picnic", "title": "No"}, format="json")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"kind"}
    assert list(Meeting.objects.values_list("title", flat=True)) == ["CCM CoSP"]


def test_the_filter_by_kind_and_an_unknown_kind(api_as, conventions):
    workshop = MeetingFactory(conventions=[conventions["CCM"]], kind="workshop")
    MeetingFactory(conventions=[conventions["CCM"]])
    client = api_as(None)
    assert [m["id"] for m in client.get(URL, {"kind": "workshop"}).json()["results"]] == [
        workshop.pk]
    response = client.get(URL, {"kind": "picnic"})
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"kind"}


def test_the_service_keeps_a_kind_on_its_convention(admin_user, conventions):
    own = MeetingKind.objects.create(code="apmbc-special", name="Special meeting",
                                     convention=conventions["APMBC"])
    meeting = services.meeting_create(
        actor=admin_user, conventions=[conventions["APMBC"]], kind=own, title="Special",
        city="Geneva", country="CH", start_date=D(2031, 5, 12), end_date=D(2031, 5, 13))
    with pytest.raises(ValidationError) as refused:
        services.meeting_update(actor=admin_user, meeting=meeting,
                                conventions=[conventions["CCM"]])
    assert set(refused.value.message_dict) == {"kind"}
    assert list(Meeting.objects.get(pk=meeting.pk).conventions.values_list("code", flat=True)) \
        == ["APMBC"]
