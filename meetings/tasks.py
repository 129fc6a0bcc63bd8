"""Celery tasks of the meetings app: thin, keyword-only primitive ids, safe to run twice."""

import datetime

from celery import shared_task

from . import services


@shared_task(name="isu.meetings.reminders_send", acks_late=True, reject_on_worker_lost=True)
def reminders_send(*, today: str | None = None) -> int:
    """The periodic scan: send every reminder due (each once, see services.reminder_send)."""
    day = datetime.date.fromisoformat(today) if today else None
    return services.reminders_send_due(today=day)


@shared_task(name="isu.meetings.reminder_send", acks_late=True, reject_on_worker_lost=True)
def reminder_send(*, registration_id: int, kind: str, about_date: str) -> bool:
    """Send one reminder now (admin action); does nothing if it was already sent."""
    return services.reminder_send(registration_id=registration_id, kind=kind,
                                  about_date=datetime.date.fromisoformat(about_date))


@shared_task(bind=True, name="isu.meetings.participants_notify", acks_late=True,
             reject_on_worker_lost=True, max_retries=6)
def participants_notify(self, *, meeting_id: int, event: str) -> int:
    """Tell a meeting's participants of new dates or a cancellation (each person once)."""
    sent, failed = services.participants_notify(meeting_id=meeting_id, event=event)
    if failed and not self.request.is_eager:
        raise self.retry(countdown=300)
    return sent
