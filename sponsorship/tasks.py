from celery import shared_task

from . import services


@shared_task(name="isu.sponsorship.award_letters_ensure")
def award_letters_ensure() -> int:
    """Periodic scan: every approved application gets its award letter (safe to repeat)."""
    return len(services.award_letters_ensure())
