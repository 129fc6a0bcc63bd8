"""Celery tasks: thin, keyword-only ids, safe to run twice (unique rows record what was done)."""

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task(name="isu.reporting.reminders_scan")
def reminders_scan(*, day: str | None = None) -> int:
    """Daily beat scan: record today's reminders, then send each person's one message."""
    import datetime

    today = datetime.date.fromisoformat(day) if day else timezone.localdate()
    ids = services.reminders_prepare(day=today)
    for message_id in ids:
        reminder_send.delay(message_id=message_id)
    return len(ids)


@shared_task(name="isu.reporting.reminder_send")
def reminder_send(*, message_id: int) -> bool:
    return services.reminder_send(message_id=message_id)
