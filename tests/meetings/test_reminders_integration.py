"""Reminders through a real Celery worker (Redis, PostgreSQL) to a real SMTP server."""

import datetime

import pytest
from django.utils import timezone

from accounts.services import system_actor
from meetings import services
from meetings.enums import ParticipantRole, RegistrationStatus, ReminderKind
from meetings.models import ParticipantNotice, Reminder, ReminderMessage
from meetings.tasks import reminders_send
from tests.factories.meetings import MeetingFactory, RegistrationFactory
from tests.support.services import wait_until

pytestmark = pytest.mark.integration


@pytest.fixture
def worker_email_to_smtp_server(smtp_server, monkeypatch):
    """The worker process reads EMAIL_URL from its environment, which it inherits from us:
    requested before `celery_worker`, this points the worker's email at the test server."""
    monkeypatch.setenv("EMAIL_URL", smtp_server.email_url)
    return smtp_server


@pytest.fixture
def producer(celery_worker):
    """This process's Celery app, sending to the real worker's broker."""
    from isu_portal.celery import app

    return app


def test_beat_scan_sends_each_person_one_message_a_day_through_the_worker(
        smtp_server, worker_email_to_smtp_server, celery_worker, producer, conventions,
        parties):
    today = timezone.localdate()
    meeting = MeetingFactory(conventions=[conventions["CCM"]], title="CCM 30MSP",
                             start_date=today + datetime.timedelta(days=3),
                             registration_deadline=today + datetime.timedelta(days=1))
    # Back to back with the first: the APMBC meeting starts the day after it ends.
    next_meeting = MeetingFactory(conventions=[conventions["APMBC"]], title="APMBC 30MSP",
                                  start_date=today + datetime.timedelta(days=6))
    RegistrationFactory(meeting=meeting, state=parties["BIH"], email="pending@example.org")
    RegistrationFactory(meeting=meeting, role=ParticipantRole.ISU_STAFF,
                        email="staff@example.org", status=RegistrationStatus.APPROVED)
    RegistrationFactory(meeting=next_meeting, role=ParticipantRole.ISU_STAFF,
                        email="Staff@example.org", status=RegistrationStatus.APPROVED)
    RegistrationFactory(meeting=meeting, state=parties["BIH"], email="gone@example.org",
                        status=RegistrationStatus.WITHDRAWN)
    first = reminders_send.delay()
    second = reminders_send.delay()  # the scan runs twice (e.g. beat and a manual run)
    results = [first.get(timeout=60), second.get(timeout=60)]
    assert sorted(results) == [0, 2]
    wait_until(lambda: len(smtp_server.messages) >= 2, timeout=30, message="2 emails")
    by_address = {m["to"][0]: m for m in smtp_server.messages}
    assert sorted(by_address) == ["pending@example.org", "staff@example.org"]
    day = today.isoformat()
    assert {m["subject"] for m in by_address.values()} == {f"Meeting reminders for {day}"}
    pending_body = by_address["pending@example.org"]["message"].get_content()
    assert "Registration for CCM 30MSP closes on" in pending_body
    assert "CCM 30MSP takes place from" in pending_body
    staff_body = by_address["staff@example.org"]["message"].get_content()
    assert "1. CCM 30MSP takes place from" in staff_body
    assert "2. APMBC 30MSP takes place from" in staff_body
    assert Reminder.objects.filter(kind=ReminderKind.MEETING_SOON).count() == 3
    assert Reminder.objects.filter(kind=ReminderKind.DEADLINE_SOON).count() == 1
    assert ReminderMessage.objects.filter(day=today, sent_at__isnull=False).count() == 2
    assert reminders_send.delay().get(timeout=60) == 0
    assert len(smtp_server.messages) == 2

    # Cancelling queues the notice after commit; the worker tells each active participant once.
    services.meeting_cancel(actor=system_actor(), meeting=meeting, reason="Venue unavailable")
    wait_until(lambda: len(smtp_server.messages) >= 4, timeout=30, message="2 notices")
    notices = sorted(m["to"][0] for m in smtp_server.messages[2:])
    assert notices == ["pending@example.org", "staff@example.org"]
    assert all(m["subject"] == "Cancelled: CCM 30MSP" for m in smtp_server.messages[2:])
    assert ParticipantNotice.objects.filter(event="cancelled").count() == 2
