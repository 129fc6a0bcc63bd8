import datetime
import json
import os
import re
import signal

import pytest
from django.core import mail

from core.models import AuditEntry
from reporting import services, tasks
from reporting.models import ReminderItem, ReminderMessage
from tests.factories import make_user
from tests.support.services import celery_worker, wait_until

D = datetime.date


@pytest.fixture
def second_focal(state_a):
    return make_user("focal_point", state=state_a, username="focal_a2")


def test_one_message_per_person_per_day_across_conventions(bih_member, lbn_member, focal_a,
                                                           second_focal, focal_b, obligations):
    # 31 March 2025: the CCW reports are due that day, CCM and APMBC 30 April (30 days later).
    # Lebanon (CCM only) gets its 30-days-before reminder for 30 April on the same day.
    assert tasks.reminders_scan(day="2025-03-31") == 3
    assert sorted(m.to[0] for m in mail.outbox) == ["focal_a2@example.org",
                                                    "focal_a@example.org",
                                                    "focal_b@example.org"]
    body = next(m.body for m in mail.outbox if m.to == ["focal_a@example.org"])
    for name in ("· CCW Amended Protocol II ·", "· CCW Protocol V ·", "compliance mechanism",
                 "· CCM ·", "· APMBC ·"):
        assert name in body
    assert ReminderItem.objects.filter(user=focal_a).count() == 5
    # A retried scan (or a second beat) sends nothing more.
    tasks.reminders_scan(day="2025-03-31")
    tasks.reminder_send(message_id=ReminderMessage.objects.first().pk)
    assert len(mail.outbox) == 3
    assert ReminderMessage.objects.filter(sent_at__isnull=False).count() == 3
    audited = AuditEntry.objects.filter(action="reporting.reminder_sent")
    assert list(audited.values_list("actor__username", flat=True)) == ["system"] * 3
    assert ReminderItem.objects.filter(user=focal_b).count() == 1
    assert ReminderMessage.objects.get(user=focal_b).day == D(2025, 3, 31)


def test_a_submitted_report_is_not_reminded(bih_member, focal_a, obligations):
    report = services.report_start(actor=focal_a, state=bih_member,
                                   obligation=obligations["ccm-art7-annual"], cycle_year=2025)
    services.report_submit(actor=focal_a, report=report)
    mail.outbox.clear()
    tasks.reminders_scan(day="2025-04-30")
    [message] = mail.outbox
    assert "· CCM ·" not in message.body and "· APMBC ·" in message.body
    tasks.reminders_scan(day="2025-05-01")
    assert len(mail.outbox) == 1  # no stage falls on 1 May
    tasks.reminders_scan(day="2025-05-14")  # 14 days after: APMBC still missing
    assert len(mail.outbox) == 2 and "overdue" in mail.outbox[1].body


@pytest.mark.integration
def test_real_worker_and_smtp_send_each_reminder_once(transactional_db, smtp_server,
                                                      bih_member, focal_a, second_focal,
                                                      obligations):
    with celery_worker(extra_env={"EMAIL_URL": smtp_server.email_url}) as worker:
        result = tasks.reminders_scan.delay(day="2025-03-31")
        assert result.get(timeout=60) == 2, worker.output()
        wait_until(lambda: len(smtp_server.messages) >= 2, timeout=60,
                   message="two reminder emails")
        # Retries: the scan and each send run again; nothing is sent twice.
        tasks.reminders_scan.delay(day="2025-03-31").get(timeout=60)
        for message in ReminderMessage.objects.all():
            tasks.reminder_send.delay(message_id=message.pk).get(timeout=60)
    recipients = sorted(r for m in smtp_server.messages for r in m["to"])
    assert recipients == ["focal_a2@example.org", "focal_a@example.org"]
    assert all(m["subject"] == "Reporting reminders for 2025-03-31"
               for m in smtp_server.messages)
    assert ReminderMessage.objects.filter(sent_at__isnull=False).count() == 2
    assert ReminderItem.objects.count() == 10


@pytest.mark.integration
def test_worker_killed_mid_send_is_redelivered_and_each_person_gets_one_message(
        transactional_db, smtp_server, bih_member, focal_a, second_focal, obligations):
    """The first worker is SIGKILLed while it holds a reminder's row lock, just before SMTP.
    The message stays unacknowledged in Redis (acks_late); a second worker restores it once
    the (test-short) visibility timeout passes and sends it: one message per person."""
    ids = services.reminders_prepare(day=datetime.date(2025, 3, 31))
    assert len(ids) == 2
    env = {"EMAIL_URL": smtp_server.email_url, "CELERY_BROKER_TRANSPORT_OPTIONS": json.dumps(
        {"visibility_timeout": 2, "unacked_restore_interval": 1,
         "unacked_restore_throttle": 1})}
    with celery_worker(extra_env={**env, "ISU_TEST_REMINDER_PAUSE_BEFORE_SMTP": "40"}) as first:
        for message_id in ids:
            tasks.reminder_send.delay(message_id=message_id)
        wait_until(lambda: "pausing before SMTP" in first.output(), timeout=30,
                   message="the first worker inside reminder_send")
        killed_task = re.search(r"reminder_send\[([0-9a-f-]+)\] received",
                                first.output()).group(1)
        os.kill(first.process.pid, signal.SIGKILL)
        first.process.wait(10)
        assert first.process.returncode == -signal.SIGKILL
    assert smtp_server.messages == []
    assert not ReminderMessage.objects.filter(sent_at__isnull=False).exists()
    # Keep the dead worker's unacked message so that the second worker can restore it (that
    # is the redelivery shown here).
    with celery_worker(extra_env=env, flush_broker=False) as second:
        wait_until(lambda: ReminderMessage.objects.filter(sent_at__isnull=False).count() == 2,
                   timeout=30, message="both reminders sent after redelivery")
        wait_until(lambda: len(smtp_server.messages) >= 2, timeout=10, message="two emails")
        # The very task the dead worker had received ran here, re-delivered.
        assert f"reminder_send[{killed_task}] succeeded" in second.output(), second.output()
    recipients = sorted(r for m in smtp_server.messages for r in m["to"])
    assert recipients == ["focal_a2@example.org", "focal_a@example.org"]
    assert ReminderMessage.objects.filter(sent_at__isnull=False).count() == 2


def test_a_resent_reminder_carries_the_same_message_id(bih_member, focal_a, obligations):
    """If a worker dies after SMTP accepted the message but before the commit, the re-sent
    copy is the same message (same Message-ID) for mail clients and servers that dedupe."""
    ids = services.reminders_prepare(day=D(2025, 3, 31))
    assert services.reminder_send(message_id=ids[0])
    ReminderMessage.objects.filter(pk=ids[0]).update(sent_at=None)  # as if never committed
    assert services.reminder_send(message_id=ids[0])
    first, second = (m.extra_headers["Message-ID"] for m in mail.outbox)
    assert first == second and first.startswith(f"<isu-reminder-{ids[0]}-2025-03-31@")
