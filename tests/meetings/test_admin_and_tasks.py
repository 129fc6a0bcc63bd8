import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from core.models import AuditEntry
from isu_portal.celery import app
from meetings.enums import MeetingStatus, RegistrationStatus
from meetings.models import Meeting, Registration, Reminder
from meetings.tasks import reminder_send, reminders_send
from tests.factories.meetings import RegistrationFactory

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["meeting", "registration", "session", "meetingdocument",
                                   "meetingdatechange", "reminder", "remindermessage",
                                   "participantnotice", "proposalacceptance"])
def test_admin_lists_and_searches(client, admin_user, ccm_meeting, parties, model):
    RegistrationFactory(meeting=ccm_meeting, state=parties["BIH"])
    client.force_login(admin_user)
    url = reverse(f"admin:meetings_{model}_changelist")
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "CCM"}).status_code == 200


def test_admin_actions_go_through_the_services(client, admin_user, ccm_meeting, parties):
    registration = RegistrationFactory(meeting=ccm_meeting, state=parties["BIH"])
    client.force_login(admin_user)
    client.post(reverse("admin:meetings_registration_changelist"),
                {"action": "approve", "_selected_action": [registration.pk]})
    assert Registration.objects.get().status == RegistrationStatus.APPROVED
    client.post(reverse("admin:meetings_meeting_changelist"),
                {"action": "cancel_meetings", "_selected_action": [ccm_meeting.pk]})
    assert Meeting.objects.get().status == MeetingStatus.CANCELLED
    assert AuditEntry.objects.filter(action="meeting.cancelled", actor=admin_user).exists()


def test_the_beat_schedule_names_the_registered_scan():
    entry = settings.CELERY_BEAT_SCHEDULE["meetings-reminders"]
    assert entry["task"] == "isu.meetings.reminders_send"
    assert entry["task"] in app.tasks
    assert "isu.meetings.reminder_send" in app.tasks


def test_tasks_are_safe_to_run_twice(ccm_meeting, parties):
    registration = RegistrationFactory(meeting=ccm_meeting, state=parties["BIH"])
    today = (ccm_meeting.start_date - datetime.timedelta(days=2)).isoformat()
    assert reminders_send.delay(today=today).get() == 1
    assert reminders_send.delay(today=today).get() == 0
    kwargs = {"registration_id": registration.pk, "kind": "meeting_soon",
              "about_date": ccm_meeting.start_date.isoformat()}
    assert reminder_send.delay(**kwargs).get() is False
    assert reminder_send.delay(**{**kwargs, "registration_id": 999999}).get() is False
    assert Reminder.objects.count() == 1
