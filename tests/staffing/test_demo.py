from decimal import Decimal

import pytest

from core.models import AuditEntry
from staffing import demo, selectors
from staffing.models import Assignment

pytestmark = pytest.mark.django_db


def test_demo_gives_the_reports_figures_and_loads_twice(isus):
    demo.load(log=lambda message: None)
    entries, assignments = AuditEntry.objects.count(), Assignment.objects.count()
    demo.load(log=lambda message: None)
    assert (AuditEntry.objects.count(), Assignment.objects.count()) == (entries, assignments)

    assert selectors.isu_average_fte(isus["CCM"], 2017) == Decimal("2.50")
    assert selectors.isu_average_fte(isus["APMBC"], 2017) == Decimal("2.60")
    ccm = selectors.isu_cost_summary(isus["CCM"], 2016)
    assert ccm.staff_cost == Decimal("291719.00")
    assert ccm.spent == Decimal("370824.00")
    assert ccm.budget == Decimal("455000.00")
    assert (ccm.ratios.of_spending, ccm.ratios.of_budget) == (Decimal("78.7"), Decimal("64.1"))
    # the shared expert's 2016 cost (130,000) is split exactly between the two units
    apmbc = selectors.isu_cost_summary(isus["APMBC"], 2016)
    assert ccm.by_isu["APMBC"] + ccm.by_isu["CCM"] == sum(
        line.total for line in ccm.people)
    assert apmbc.staff_cost == Decimal("347800.00")
    assert apmbc.staff_spending_recorded == apmbc.staff_cost
