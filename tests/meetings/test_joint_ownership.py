"""Who owns a joint meeting changes only with every owning ISU; ISU staff register people only
on meetings their convention owns. Tried through the API, the pages and the admin; after a
refusal nothing changed."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.enums import Role
from accounts.models import RoleAssignment
from core.models import AuditEntry
from meetings.enums import ParticipantRole
from meetings.models import Registration
from tests.factories import make_user
from tests.factories.meetings import MeetingFactory

D = datetime.date
pytestmark = pytest.mark.django_db
API = "/api/v1/meetings/"
REFUSAL = ("The conventions of a joint meeting change only with every owning ISU: ask the ISU "
           "of APMBC or an administrator to make this change.")


@pytest.fixture
def joint(ccm, apmbc):
    return MeetingFactory(conventions=[ccm, apmbc], title="Joint workshop", kind="workshop",
                          start_date=D(2032, 6, 22))


def codes(meeting):
    return sorted(c.code for c in meeting.conventions.all())


def test_one_isu_cannot_drop_the_other_from_a_joint_meeting_through_the_api(
        api_as, ccm_staff, joint):
    response = api_as(ccm_staff).patch(f"{API}{joint.pk}/", {
        "conventions": ["CCM"], "title": "CCM only now"}, format="json")
    assert response.status_code == 400
    assert response.json()["fields"] == {"conventions": [REFUSAL]}
    joint.refresh_from_db()
    assert codes(joint) == ["APMBC", "CCM"] and joint.title == "Joint workshop"
    assert not AuditEntry.objects.filter(action="meeting.changed").exists()
    response = api_as(ccm_staff).put(f"{API}{joint.pk}/", {
        "conventions": ["CCM", "CCW"], "kind": "workshop", "title": "X", "city": "Geneva",
        "country": "CH", "start_date": "2032-06-22", "end_date": "2032-06-24"}, format="json")
    assert response.status_code == 400 and "conventions" in response.json()["fields"]
    assert codes(joint) == ["APMBC", "CCM"]


def test_an_owner_still_edits_a_joint_meeting_keeping_its_conventions(api_as, ccm_staff, joint):
    response = api_as(ccm_staff).patch(f"{API}{joint.pk}/", {
        "conventions": ["APMBC", "CCM"], "title": "Joint workshop on land release"},
        format="json")
    assert response.status_code == 200
    assert response.json()["title"] == "Joint workshop on land release"
    assert codes(joint) == ["APMBC", "CCM"]


def test_the_isu_of_a_single_meeting_may_make_it_joint(api_as, ccm_staff, ccm_meeting):
    response = api_as(ccm_staff).patch(f"{API}{ccm_meeting.pk}/", {
        "conventions": ["CCM", "APMBC"]}, format="json")
    assert response.status_code == 200
    assert codes(ccm_meeting) == ["APMBC", "CCM"]


def test_staff_of_every_owner_or_an_administrator_may_change_the_owners(
        api_as, admin_user, conventions, joint):
    both = make_user(Role.ISU_STAFF, convention=conventions["CCM"], username="both")
    RoleAssignment.objects.create(user=both, role=Role.ISU_STAFF,
                                  convention=conventions["APMBC"])
    response = api_as(both).patch(f"{API}{joint.pk}/", {"conventions": ["CCM"]}, format="json")
    assert response.status_code == 200 and codes(joint) == ["CCM"]
    response = api_as(admin_user).patch(f"{API}{joint.pk}/", {"conventions": ["APMBC", "CCW"]},
                                        format="json")
    assert response.status_code == 200 and codes(joint) == ["APMBC", "CCW"]
    entry = AuditEntry.objects.filter(action="meeting.changed").order_by("pk").first()
    assert entry.changes["conventions"] == [["APMBC", "CCM"], ["CCM"]]


def test_the_edit_page_shows_the_conventions_locked_and_ignores_a_forged_change(
        client, ccm_staff, ccm, joint):
    client.force_login(ccm_staff)
    url = reverse("meetings:edit", args=[joint.pk])
    form = client.get(url).context["form"]
    assert form.fields["conventions"].disabled
    response = client.post(url, {
        "conventions": [ccm.pk], "kind": "workshop", "city": "Geneva",
        "country": "CH", "start_date": "2032-06-22", "end_date": "2032-06-24",
        "status": "confirmed", "venue": "Palais des Nations", "title": "Renamed"})
    assert response.status_code == 302
    assert codes(joint) == ["APMBC", "CCM"]
    [entry] = AuditEntry.objects.filter(action="meeting.changed")
    assert "conventions" not in entry.changes and entry.changes["title"][1] == "Renamed"


def test_the_service_refuses_with_a_field_error_for_every_caller(ccm_staff, ccm, joint):
    from django.core.exceptions import ValidationError

    from meetings import services

    with pytest.raises(ValidationError) as caught:
        services.meeting_update(actor=ccm_staff, meeting=joint, conventions=[ccm])
    assert caught.value.message_dict == {"conventions": [REFUSAL]}
    assert codes(joint) == ["APMBC", "CCM"]


def test_the_admin_applies_the_same_rule(client, ccm, joint):
    clerk = make_user(Role.ISU_STAFF, convention=ccm, username="clerk", is_staff=True)
    clerk.user_permissions.add(*Permission.objects.filter(
        content_type__app_label="meetings", codename__in=["change_meeting", "view_meeting"]))
    client.force_login(clerk)
    url = reverse("admin:meetings_meeting_change", args=[joint.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {
        "conventions": [ccm.pk], "kind": "workshop", "title": joint.title, "city": "Geneva",
        "country": "CH", "venue": "", "description": "", "website": "",
        "cancellation_reason": "", "admits_observers": "on",
        **{f"{prefix}-{key}": value for prefix in ("sessions", "documents", "date_changes")
           for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))}})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["conventions"] == [
        "The conventions of a joint meeting change only with every owning ISU."]
    assert codes(joint) == ["APMBC", "CCM"]


# --- Registrations ----------------------------------------------------------------------------

@pytest.fixture
def apmbc_meeting(apmbc):
    return MeetingFactory(conventions=[apmbc], title="APMBC 30MSP", start_date=D(2032, 11, 22))


def test_staff_cannot_register_other_people_on_another_conventions_meeting_api(
        api_as, ccm_staff, apmbc_meeting):
    url = f"{API}{apmbc_meeting.pk}/registrations/"
    client = api_as(ccm_staff)
    response = client.post(url, {"role": ParticipantRole.ISU_STAFF, "full_name": "Someone",
                                 "email": "someone@example.org"}, format="json")
    assert response.status_code == 403
    response = client.post(url, {"role": ParticipantRole.ISU_STAFF, "full_name": "Someone",
                                 "email": "someone@example.org", "myself": True}, format="json")
    assert response.status_code == 403  # linked to one's account, but another address
    assert not Registration.objects.exists()
    response = client.post(url, {"role": ParticipantRole.ISU_STAFF, "full_name": "Me",
                                 "email": ccm_staff.email, "myself": True}, format="json")
    assert response.status_code == 201  # registering oneself stays open (¶25)
    assert Registration.objects.get().user == ccm_staff


def test_staff_register_anyone_on_their_own_conventions_meeting(api_as, apmbc_staff,
                                                                 apmbc_meeting):
    response = api_as(apmbc_staff).post(f"{API}{apmbc_meeting.pk}/registrations/", {
        "role": ParticipantRole.ISU_STAFF, "full_name": "Colleague",
        "email": "colleague@example.org"}, format="json")
    assert response.status_code == 201


def test_staff_cannot_register_other_people_on_another_conventions_meeting_page(
        client, ccm_staff, apmbc_meeting):
    client.force_login(ccm_staff)
    response = client.post(reverse("meetings:register", args=[apmbc_meeting.pk]), {
        "role": ParticipantRole.ISU_STAFF, "full_name": "Someone",
        "email": "someone@example.org"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "You may not register participants in this role or for this State."]
    assert not Registration.objects.exists()


def test_focal_points_still_register_their_states_delegates(api_as, focal_a, parties,
                                                             ccm_meeting):
    response = api_as(focal_a).post(f"{API}{ccm_meeting.pk}/registrations/", {
        "role": ParticipantRole.DELEGATE, "full_name": "Amra", "email": "amra@example.org",
        "state": "BIH"}, format="json")
    assert response.status_code == 201


def test_the_admin_refuses_registering_people_on_another_conventions_meeting(
        client, ccm, apmbc_meeting):
    clerk = make_user(Role.ISU_STAFF, convention=ccm, username="clerk", is_staff=True)
    clerk.user_permissions.add(*Permission.objects.filter(
        content_type__app_label="meetings",
        codename__in=["add_registration", "view_registration", "view_meeting"]))
    client.force_login(clerk)
    response = client.post(reverse("admin:meetings_registration_add"), {
        "meeting": apmbc_meeting.pk, "role": ParticipantRole.ISU_STAFF,
        "full_name": "Someone", "email": "someone@example.org", "status": "pending",
        "job_title": "", "organisation": "", "decision_note": ""})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["meeting"] == [
        "You may not register this person for this meeting."]
    assert not Registration.objects.exists()
