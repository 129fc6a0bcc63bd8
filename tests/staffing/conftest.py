import datetime
from decimal import Decimal

import pytest

from accounts.services import system_actor as system
from staffing import services
from tests.factories.staffing import PostFactory, StaffMemberFactory


@pytest.fixture
def ccm_post(isus):
    return PostFactory(isu=isus["CCM"], title="Implementation Support Specialist", grade="P-3",
                       fte=Decimal("1"), approved_from=datetime.date(2015, 1, 1))


@pytest.fixture
def apmbc_post(isus):
    return PostFactory(isu=isus["APMBC"], title="Victim Assistance Specialist", grade="P-4",
                       fte=Decimal("1"), approved_from=datetime.date(2015, 1, 1))


@pytest.fixture
def expert(isus):
    return StaffMemberFactory(full_name="Ana Expert", home_isu=isus["APMBC"],
                              expertise="victim assistance")


@pytest.fixture
def shared_expert(expert, ccm_post, apmbc_post):
    """Ana: 0.6 APMBC and 0.4 CCM from 2016, CHF 150,000 a year."""
    services.assignment_create(actor=system(), staff_member=expert, post=apmbc_post,
                               fte=Decimal("0.6"), starts_on=datetime.date(2016, 1, 1))
    services.assignment_create(actor=system(), staff_member=expert, post=ccm_post,
                               fte=Decimal("0.4"), starts_on=datetime.date(2016, 1, 1))
    services.staff_cost_set(actor=system(), staff_member=expert, year=2016,
                            salary=Decimal("120000.01"), social_charges=Decimal("30000"))
    return expert
