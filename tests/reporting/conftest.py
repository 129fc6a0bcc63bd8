import datetime

import pytest

from tests.factories import StateFactory
from tests.factories.reporting import join, load_real_obligations


@pytest.fixture
def obligations(conventions):
    return load_real_obligations()


@pytest.fixture
def bih_member(state_a, conventions, obligations):
    """Bosnia and Herzegovina: party to CCM, APMBC, CCW-APII and CCW-P5 since long ago."""
    join(state_a, conventions["CCM"], datetime.date(2011, 3, 1))
    join(state_a, conventions["APMBC"], datetime.date(1999, 3, 1))
    join(state_a, conventions["CCW"], datetime.date(1993, 9, 1))
    join(state_a, conventions["CCW-APII"], datetime.date(2000, 12, 7))
    join(state_a, conventions["CCW-P5"], datetime.date(2008, 4, 1))
    return state_a


@pytest.fixture
def lbn_member(state_b, conventions, obligations):
    join(state_b, conventions["CCM"], datetime.date(2011, 5, 1))
    return state_b


@pytest.fixture
def other_state(db):
    return StateFactory(iso3="FRA")
