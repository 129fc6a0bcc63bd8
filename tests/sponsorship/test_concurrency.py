"""Two reviewers approving at the same time cannot overcommit a programme (PostgreSQL)."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from accounts.enums import Role
from sponsorship import services
from sponsorship.enums import ApplicationStatus as S
from sponsorship.models import Application, EligibleState, Programme
from sponsorship.selectors import position_of
from tests.factories import StateFactory, make_user
from tests.factories.sponsorship import (
    FUTURE_YEAR,
    ContributionFactory,
    DSARateFactory,
    MeetingFactory,
    ProgrammeFactory,
)
from tests.support.services import skip_or_fail, wait_until


def _waiting_on_locks() -> int:
    with connections["default"].cursor() as cursor:
        # statistics views keep one snapshot per transaction unless cleared
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                       "AND datname = current_database()")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_once_commit_only_what_the_programme_has(conventions):
    if connection.vendor != "postgresql":
        skip_or_fail("the commitment race is tested on PostgreSQL (DATABASE_URL)")
    programme = ProgrammeFactory(convention=conventions["CCM"])
    ContributionFactory(programme=programme, amount=Decimal("5000.00"))
    DSARateFactory(city="Geneva", amount=Decimal("400.00"))
    meeting = MeetingFactory(conventions=[conventions["CCM"]],
                             start_date=datetime.date(FUTURE_YEAR, 9, 10),
                             end_date=datetime.date(FUTURE_YEAR, 9, 13))
    host = make_user(Role.HOST_STAFF, username="host")
    reviewers = [make_user(Role.HOST_STAFF, username=f"reviewer{i}") for i in (1, 2)]
    applications = []
    for _ in range(2):
        state = StateFactory()
        EligibleState.objects.create(programme=programme, state=state)
        focal = make_user(Role.FOCAL_POINT, state=state)
        application = services.application_create(actor=focal, state=state, meetings=[meeting],
                                                   nominees=[{"full_name": "A. Delegate"}])
        services.application_submit(actor=focal, application=application)
        services.application_start_review(actor=host, application=application)
        trip = services.trip_plan(actor=host, application=application,
                                  nominee=application.nominees.get(), city="Geneva",
                                  arrival=datetime.date(FUTURE_YEAR, 9, 9),
                                  departure=datetime.date(FUTURE_YEAR, 9, 14),
                                  airfare=Decimal("1500.00"))
        for share in trip.shares.all():
            services.cost_share_approve(actor=host, share=share)
        applications.append(application)
    assert Application.objects.get(pk=applications[0].pk).trips.get().total == Decimal("3500.00")

    outcomes = {}

    def approve(reviewer, application):
        try:
            services.application_approve(actor=reviewer, application=application)
            outcomes[application.pk] = "approved"
        except ValidationError as exc:
            outcomes[application.pk] = exc.message_dict
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=pair)
               for pair in zip(reviewers, applications, strict=True)]
    # Hold the programme's row so both approvals are provably in flight together, each
    # waiting for the lock that closes the race; then let them go.
    with transaction.atomic():
        Programme.objects.select_for_update().get(pk=programme.pk)
        for thread in threads:
            thread.start()
        wait_until(lambda: _waiting_on_locks() >= 2, timeout=20,
                   message="both approvals waiting on the programme's lock")
    for thread in threads:
        thread.join(30)

    assert sorted(str(v) for v in outcomes.values()).count("approved") == 1
    refused = next(v for v in outcomes.values() if v != "approved")
    # the second approval saw the first one's commitment once it got the lock
    assert refused["budget"] == ["CCM Sponsorship Programme cannot commit CHF 3500.00: "
                                 "only CHF 1500.00 is available."]
    statuses = sorted(Application.objects.values_list("status", flat=True))
    assert statuses == sorted([S.APPROVED, S.UNDER_REVIEW])
    position = position_of(programme)
    assert position.committed == Decimal("3500.00")
    assert position.available == Decimal("1500.00")
