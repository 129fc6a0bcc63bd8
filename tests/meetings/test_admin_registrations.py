"""Registrations in the admin are made, decided and withdrawn through the meetings services."""

import pytest
from django.urls import reverse

from core.models import AuditEntry
from meetings.enums import ParticipantRole, RegistrationStatus
from meetings.models import Registration
from tests.factories.meetings import RegistrationFactory

pytestmark = pytest.mark.django_db


def audit_rows(action, target):
    return list(AuditEntry.objects.filter(action=action, object_id=str(target.pk))
                .values_list("actor__username", "changes"))


def test_the_change_form_does_not_change_the_status(admin_client, ccm_meeting, parties):
    registration = RegistrationFactory(meeting=ccm_meeting, state=parties["BIH"])
    url = reverse("admin:meetings_registration_change", args=[registration.pk])
    assert 'name="status"' not in admin_client.get(url).content.decode()
    response = admin_client.post(url, {"full_name": "Amra Hadžić", "email": registration.email,
                                       "job_title": "", "organisation": "",
                                       "status": RegistrationStatus.APPROVED})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.status, registration.full_name, registration.decided_by) == (
        RegistrationStatus.PENDING, "Amra Hadžić", None)
    assert not AuditEntry.objects.filter(action="registration.approved").exists()


def test_actions_decide_through_the_services(admin_client, admin_user, ccm_meeting, parties):
    first = RegistrationFactory(meeting=ccm_meeting, state=parties["BIH"])
    second = RegistrationFactory(meeting=ccm_meeting, state=parties["LBN"])
    changelist = reverse("admin:meetings_registration_changelist")
    admin_client.post(changelist, {"action": "reject", "_selected_action": [first.pk]})
    admin_client.post(changelist, {"action": "withdraw", "_selected_action": [second.pk]})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.decided_by) == (RegistrationStatus.REJECTED, admin_user)
    assert second.status == RegistrationStatus.WITHDRAWN
    assert audit_rows("registration.rejected", first) == [
        ("admin", {"status": ["pending", "rejected"]})]
    assert audit_rows("registration.withdrawn", second) == [
        ("admin", {"status": ["pending", "withdrawn"]})]
    # Rejected already: approving it is refused by the service and nothing changes.
    response = admin_client.post(changelist, {"action": "approve",
                                              "_selected_action": [first.pk]}, follow=True)
    assert [str(m) for m in response.context["messages"]][-1] == (
        f"{first}: This registration is already rejected.")
    first.refresh_from_db()
    assert first.status == RegistrationStatus.REJECTED
    assert not AuditEntry.objects.filter(action="registration.approved").exists()


def test_adding_goes_through_registration_create(admin_client, ccm_meeting, parties):
    add = reverse("admin:meetings_registration_add")
    post = {"meeting": ccm_meeting.pk, "role": ParticipantRole.DELEGATE, "full_name": "A B",
            "email": "ab@example.org", "job_title": "", "organisation": ""}
    # The USA is no party and the meeting admits no observers: the service's refusal.
    response = admin_client.post(add, {**post, "state": parties["USA"].pk})
    assert response.status_code == 200
    assert not Registration.objects.exists()
    response = admin_client.post(add, {**post, "state": parties["BIH"].pk})
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.state, registration.status, registration.as_observer,
            registration.registered_by.username) == (parties["BIH"], RegistrationStatus.PENDING,
                                                     False, "admin")
    assert audit_rows("registration.created", registration) == [
        ("admin", {"role": [None, "delegate"], "state": [None, "BIH"],
                   "as_observer": [None, False]})]


def test_registrations_are_withdrawn_not_deleted(admin_client, ccm_meeting, parties):
    registration = RegistrationFactory(meeting=ccm_meeting, state=parties["BIH"])
    response = admin_client.post(reverse("admin:meetings_registration_changelist"), {
        "action": "delete_selected", "post": "yes", "_selected_action": [registration.pk]})
    assert response.status_code == 302  # the action is not offered: nothing was done
    assert Registration.objects.filter(pk=registration.pk).exists()
    assert admin_client.post(reverse("admin:meetings_registration_delete",
                                     args=[registration.pk]), {"post": "yes"}).status_code == 403
