"""The award letter built by a real Celery worker on Redis, against PostgreSQL."""

import datetime
from decimal import Decimal

import pytest

from accounts.enums import Role
from core.enums import GeneratedFileStatus
from sponsorship import services
from sponsorship.models import Application, EligibleState
from tests.factories import StateFactory, make_user
from tests.factories.sponsorship import (
    FUTURE_YEAR,
    ContributionFactory,
    DSARateFactory,
    MeetingFactory,
    ProgrammeFactory,
)
from tests.support.services import wait_until


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_award_letter_is_built_by_the_worker(celery_worker, conventions):
    programme = ProgrammeFactory(convention=conventions["APMBC"])
    ContributionFactory(programme=programme, amount=Decimal("5000.00"))
    DSARateFactory(city="Geneva", amount=Decimal("400.00"))
    meeting = MeetingFactory(conventions=[conventions["APMBC"]],
                             start_date=datetime.date(FUTURE_YEAR, 6, 7),
                             end_date=datetime.date(FUTURE_YEAR, 6, 8))
    state = StateFactory(iso3="AFG")
    EligibleState.objects.create(programme=programme, state=state)
    focal = make_user(Role.FOCAL_POINT, state=state)
    host = make_user(Role.HOST_STAFF)
    application = services.application_create(actor=focal, state=state, meetings=[meeting],
                                               nominees=[{"full_name": "A. Delegate"}],
                                               language="ar")
    services.application_submit(actor=focal, application=application)
    services.application_start_review(actor=host, application=application)
    trip = services.trip_plan(actor=host, application=application,
                              nominee=application.nominees.get(), city="Geneva",
                              arrival=datetime.date(FUTURE_YEAR, 6, 6),
                              departure=datetime.date(FUTURE_YEAR, 6, 9), airfare=Decimal("980.00"))
    services.cost_share_approve(actor=host, share=trip.shares.get())
    services.application_approve(actor=host, application=application)

    def letter_done():
        letter = Application.objects.get(pk=application.pk).award_letter
        letter.refresh_from_db()
        return letter.status in GeneratedFileStatus.FINISHED and letter

    letter = wait_until(letter_done, timeout=60, message="the award letter")
    assert letter.status == GeneratedFileStatus.DONE, letter.error
    assert letter.filename == f"award-letter-{application.pk}-ar.pdf"
    assert "isu.core.generated_file_build" in celery_worker.output()
