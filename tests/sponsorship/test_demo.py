import datetime
from decimal import Decimal

import pytest
from django.db.models import Sum

from accounts.enums import Role
from sponsorship import demo
from sponsorship.enums import ApplicationStatus as S
from sponsorship.models import Application, Contribution, CostShare, Trip
from sponsorship.selectors import position_of
from tests.factories import MembershipFactory, StateFactory, make_user

pytestmark = pytest.mark.django_db


def test_demo_has_the_reported_figures_and_is_idempotent(conventions):
    make_user(Role.ADMINISTRATOR, username="admin")
    codes = {c for cohort in demo.COHORTS for c in cohort[3]} | set(demo.DONORS) | {
        "BIH", "COL", "LBN"}
    for iso3 in codes:
        StateFactory(iso3=iso3)
    # the CCW programme sponsors its parties only; Colombia is one (UNTC: accession 2000)
    MembershipFactory(state=StateFactory(iso3="COL"), convention=conventions["CCW"],
                      instrument_type="accession", deposited_on=datetime.date(2000, 3, 6))
    demo.load(log=lambda message: None)
    counts = (Application.objects.count(), Trip.objects.count(), Contribution.objects.count())

    apmbc_2017 = CostShare.objects.filter(programme__convention__code="APMBC",
                                          trip__arrival__year=2017,
                                          trip__application__status=S.SETTLED)
    assert apmbc_2017.count() == 27
    assert apmbc_2017.aggregate(total=Sum("amount"))["total"] == Decimal("67000.00")
    june_2018 = CostShare.objects.filter(trip__arrival__year=2018)
    assert june_2018.count() == 10
    assert june_2018.aggregate(total=Sum("amount"))["total"] == Decimal("24271.00")

    joint = Trip.objects.get(application__state__iso3="BIH")
    assert sorted(joint.shares.values_list("programme__convention__code", flat=True)) == [
        "APMBC", "CCM"]
    assert joint.saving > 0
    assert position_of(joint.shares.get(programme__convention__code="APMBC").programme) \
        .available >= 0
    assert Application.objects.filter(status=S.UNDER_REVIEW, state__iso3="COL").exists()

    demo.load(log=lambda message: None)
    assert (Application.objects.count(), Trip.objects.count(),
            Contribution.objects.count()) == counts
