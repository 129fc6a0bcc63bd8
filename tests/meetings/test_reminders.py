"""Meeting reminders: one message per person per day, listing every meeting due; each
reminder once (its unique row), even when the scan runs twice."""

import datetime

import pytest
from django.core import mail

from core.models import AuditEntry
from meetings import services
from meetings.enums import ParticipantRole, RegistrationStatus, ReminderKind
from meetings.models import Reminder, ReminderMessage
from tests.factories.meetings import MeetingFactory, RegistrationFactory

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def back_to_back(ccm, apmbc):
    """CCM intersessional 22-23 June, APMBC intersessional 25-26 June (Geneva, as in 2015)."""
    return (MeetingFactory(conventions=[ccm], title="CCM intersessional",
                           start_date=D(2031, 6, 22), end_date=D(2031, 6, 23)),
            MeetingFactory(conventions=[apmbc], title="APMBC intersessional",
                           start_date=D(2031, 6, 25), end_date=D(2031, 6, 26)))


def test_two_back_to_back_registrations_get_one_message_listing_both(back_to_back, parties):
    ccm_meeting, apmbc_meeting = back_to_back
    RegistrationFactory(meeting=ccm_meeting, state=parties["BIH"], full_name="Amra Delegate",
                        email="amra@example.org", status=RegistrationStatus.APPROVED)
    RegistrationFactory(meeting=apmbc_meeting, state=parties["BIH"], full_name="Amra Delegate",
                        email="AMRA@example.org", status=RegistrationStatus.APPROVED)
    RegistrationFactory(meeting=apmbc_meeting, role=ParticipantRole.ISU_STAFF,
                        full_name="Other", email="other@example.org")
    assert services.reminders_send_due(today=D(2031, 6, 19)) == 2
    assert services.reminders_send_due(today=D(2031, 6, 19)) == 0  # the scan runs twice
    [amra] = [m for m in mail.outbox if m.to == ["amra@example.org"]]
    assert amra.subject == "Meeting reminders for 2031-06-19"
    assert amra.body.splitlines()[0] == "Dear Amra Delegate,"
    assert "1. CCM intersessional takes place from 22 June 2031 to 23 June 2031 in Geneva." \
        in amra.body
    assert "2. APMBC intersessional takes place from 25 June 2031 to 26 June 2031 in Geneva." \
        in amra.body
    [other] = [m for m in mail.outbox if m.to == ["other@example.org"]]
    assert other.subject == "Reminder: APMBC intersessional starts on 2031-06-25"
    assert "1." not in other.body
    assert len(mail.outbox) == 2
    message = ReminderMessage.objects.get(email="amra@example.org")
    assert message.day == D(2031, 6, 19) and message.sent_at is not None
    assert message.items.count() == 2
    assert Reminder.objects.filter(kind=ReminderKind.MEETING_SOON).count() == 3
    audited = AuditEntry.objects.filter(action__startswith="registration.reminded_")
    assert list(audited.values_list("actor__username", flat=True)) == ["system"] * 3
    # The next day nothing is due again: each reminder went once.
    assert services.reminders_send_due(today=D(2031, 6, 20)) == 0
    assert len(mail.outbox) == 2


def test_a_deadline_and_a_meeting_on_the_same_day_are_one_message(ccm, parties):
    meeting = MeetingFactory(conventions=[ccm], title="CCM 30MSP", start_date=D(2031, 9, 8),
                             registration_deadline=D(2031, 9, 3))
    RegistrationFactory(meeting=meeting, state=parties["BIH"], email="p@example.org")
    assert services.reminders_send_due(today=D(2031, 9, 2)) == 1
    [message] = mail.outbox
    assert "Registration for CCM 30MSP closes on 3 September 2031." in message.body
    assert "CCM 30MSP takes place from 8 September 2031" in message.body
    assert set(Reminder.objects.values_list("kind", flat=True)) == {
        ReminderKind.MEETING_SOON, ReminderKind.DEADLINE_SOON}


def test_a_reminder_found_after_the_days_message_went_waits_for_the_next_scan(back_to_back,
                                                                                parties):
    ccm_meeting, apmbc_meeting = back_to_back
    RegistrationFactory(meeting=ccm_meeting, state=parties["BIH"], email="amra@example.org")
    assert services.reminders_send_due(today=D(2031, 6, 19)) == 1
    late = RegistrationFactory(meeting=apmbc_meeting, state=parties["BIH"],
                               email="amra@example.org")
    assert services.reminders_send_due(today=D(2031, 6, 19)) == 0  # one message a day
    assert not late.reminders.exists()
    assert services.reminders_send_due(today=D(2031, 6, 20)) == 1
    assert late.reminders.get().message.day == D(2031, 6, 20)
    assert len(mail.outbox) == 2
