"""Two requests assigning the same person at once cannot both pass (PostgreSQL row lock)."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from accounts.services import system_actor
from staffing import services
from staffing.models import Assignment
from tests.factories.staffing import PostFactory, StaffMemberFactory
from tests.support.services import skip_or_fail

D = Decimal


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_assignments_cannot_over_allocate(isus):
    if connection.vendor != "postgresql":
        skip_or_fail("row locks need PostgreSQL")
    person = StaffMemberFactory(full_name="Raced Person")
    posts = [PostFactory(isu=isus["CCM"], approved_from=datetime.date(2015, 1, 1)),
             PostFactory(isu=isus["APMBC"], approved_from=datetime.date(2015, 1, 1))]
    system = system_actor()
    barrier = threading.Barrier(2)
    outcomes = []

    def assign(post):
        try:
            barrier.wait(timeout=10)
            services.assignment_create(actor=system, staff_member=person, post=post,
                                       fte=D("0.6"), starts_on=datetime.date(2017, 1, 1))
            outcomes.append("created")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    for _ in range(5):  # repeat: a missing lock would let both pass in some round
        Assignment.objects.all().delete()
        outcomes.clear()
        threads = [threading.Thread(target=assign, args=(post,)) for post in posts]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert sorted(outcomes) == ["created", "refused"]
        assert Assignment.objects.filter(staff_member=person).count() == 1
