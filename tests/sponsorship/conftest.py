import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from sponsorship.models import EligibleState
from tests.factories.sponsorship import (
    FUTURE_YEAR,
    ContributionFactory,
    DonorFactory,
    DSARateFactory,
    MeetingFactory,
    ProgrammeFactory,
)


@pytest.fixture
def programmes(conventions):
    return {code: ProgrammeFactory(convention=conventions[code],
                                   name=f"{code} Sponsorship Programme")
            for code in ("CCM", "APMBC")}


@pytest.fixture
def funded(programmes):
    """Each programme has received CHF 10,000."""
    donor = DonorFactory(name="Switzerland donor")
    for programme in programmes.values():
        ContributionFactory(programme=programme, donor=donor, amount=Decimal("10000.00"))
    return programmes


@pytest.fixture
def geneva_rates(db):
    return [DSARateFactory(city="Geneva", valid_from=datetime.date(2015, 1, 1),
                           amount=Decimal("400.00"))]


@pytest.fixture
def june(conventions):
    """Next June's CCM intersessional (22-23) and APMBC one (25-26), dated as in 2015."""
    return {
        "CCM": MeetingFactory(title="CCM intersessional", conventions=[conventions["CCM"]],
                              start_date=datetime.date(FUTURE_YEAR, 6, 22),
                              end_date=datetime.date(FUTURE_YEAR, 6, 23)),
        "APMBC": MeetingFactory(title="APMBC intersessional",
                                conventions=[conventions["APMBC"]],
                                start_date=datetime.date(FUTURE_YEAR, 6, 25),
                                end_date=datetime.date(FUTURE_YEAR, 6, 26)),
    }


@pytest.fixture
def eligible_a(programmes, state_a):
    for programme in programmes.values():
        EligibleState.objects.create(programme=programme, state=state_a, year=None)
    return state_a


@pytest.fixture(autouse=True)
def _english():
    """Requests in another language leave it active in the thread; messages asserted in
    English need English back."""
    translation.activate("en")
    yield
    translation.activate("en")
