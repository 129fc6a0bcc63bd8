"""Celery tasks of staffing: thin, keyword-only ids, safe to run twice."""

from celery import shared_task
from django.utils import timezone

from .services import yearly_reports_request


@shared_task(name="isu.staffing.yearly_reports_request")
def yearly_reports_request_task(*, year: int | None = None) -> int:
    """Queue last year's staffing and cost PDF of every ISU (periodic, in January). A year
    whose PDF already exists is skipped, so a second run queues nothing."""
    return yearly_reports_request(year=year or timezone.localdate().year - 1)
