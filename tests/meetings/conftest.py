import datetime

import pytest

from meetings.kinds import ensure_standard_kinds
from tests.factories import MembershipFactory, StateFactory
from tests.factories.meetings import MeetingFactory

D = datetime.date


@pytest.fixture
def conventions(conventions):
    """The root fixture, plus the standard meeting kinds the data migration writes (again, as a
    transactional test elsewhere in the run may have flushed them)."""
    ensure_standard_kinds()
    return conventions


@pytest.fixture
def ccm(conventions):
    return conventions["CCM"]


@pytest.fixture
def apmbc(conventions):
    return conventions["APMBC"]


@pytest.fixture
def ccw(conventions):
    return conventions["CCW"]


@pytest.fixture
def parties(conventions, state_a, state_b):
    """BIH is party to CCM and APMBC since 2010; LBN to CCM only since 2011; USA to nothing."""
    MembershipFactory(state=state_a, convention=conventions["CCM"], deposited_on=D(2010, 9, 7))
    MembershipFactory(state=state_a, convention=conventions["APMBC"], deposited_on=D(1998, 9, 8))
    MembershipFactory(state=state_b, convention=conventions["CCM"], deposited_on=D(2010, 11, 5))
    return {"BIH": state_a, "LBN": state_b, "USA": StateFactory(iso3="USA")}


@pytest.fixture
def ccm_meeting(ccm):
    """A future CCM meeting in Geneva, observers not admitted."""
    return MeetingFactory(conventions=[ccm], title="CCM 20MSP", start_date=D(2032, 9, 6),
                          admits_observers=False)


@pytest.fixture(autouse=True)
def _english_and_restored():
    """Requests activate their language (LocaleMiddleware) and leave it active in the thread;
    every test here starts in English and leaves the language as it found it."""
    from django.utils import translation

    with translation.override("en"):
        yield
