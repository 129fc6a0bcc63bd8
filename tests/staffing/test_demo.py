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


def test_demo_cross_unit_assignments_are_requested_then_consented(isus, ccm_staff,
                                                                  apmbc_staff):
    from accounts.services import system_actor

    demo.load(log=lambda message: None)
    requested = AuditEntry.objects.filter(action="staffing.assignment.created",
                                          changes__status=[None, "pending"])
    # Nadia (APMBC) on the CCM post; Clara (CCM) and Luis (based nowhere) on APMBC posts
    assert sorted((e.actor.username, e.object_repr.split(" – ")[0]) for e in requested) == [
        ("apmbc_staff", "Clara Martin"), ("apmbc_staff", "Luis Ortega"),
        ("ccm_staff", "Nadia Rahman")]
    consented = AuditEntry.objects.filter(action="staffing.assignment.consented")
    assert {e.object_id for e in consented} == {e.object_id for e in requested}
    assert {e.actor for e in consented} == {system_actor()}
    assert not Assignment.objects.exclude(status="consented").exists()
    assert selectors.isu_average_fte(isus["CCM"], 2017) == Decimal("2.50")
    assert selectors.isu_average_fte(isus["APMBC"], 2017) == Decimal("2.60")
