import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accounts.services import system_actor as system
from core.models import AuditEntry
from staffing import selectors, services
from staffing.enums import AssignmentKind, ChargeUnit, SpendingCategory
from staffing.models import Assignment, Spending, StaffCost
from tests.factories.staffing import PostFactory, StaffMemberFactory
from treaties.services import isu_budget_set

D = Decimal
d = datetime.date
pytestmark = pytest.mark.django_db


def test_over_allocation_is_refused_with_the_date_and_figures(shared_expert, isus, ccm_staff):
    extra = PostFactory(isu=isus["CCM"], title="Outreach", approved_from=d(2015, 1, 1))
    with pytest.raises(ValidationError) as refused:
        services.assignment_create(actor=ccm_staff, staff_member=shared_expert, post=extra,
                                   fte=D("0.1"), starts_on=d(2017, 3, 1),
                                   ends_on=d(2017, 3, 31))
    message = refused.value.message_dict["fte"][0]
    assert "2017-03-01" in message and "1.1" in message and "Ana Expert" in message
    assert Assignment.objects.filter(post=extra).count() == 0
    assert not AuditEntry.objects.filter(action="staffing.assignment.created",
                                         actor=ccm_staff).exists()


def test_freed_time_can_be_assigned_after_an_assignment_ends(shared_expert, isus):
    ccm = Assignment.objects.get(staff_member=shared_expert, post__isu=isus["CCM"])
    services.assignment_end(actor=system(), assignment=ccm, ends_on=d(2017, 6, 30))
    extra = PostFactory(isu=isus["CCM"], title="Outreach", approved_from=d(2015, 1, 1))
    services.assignment_create(actor=system(), staff_member=shared_expert, post=extra,
                               fte=D("0.4"), starts_on=d(2017, 7, 1))
    # … but not one day earlier
    with pytest.raises(ValidationError):
        services.assignment_create(actor=system(), staff_member=shared_expert, post=extra,
                                   fte=D("0.1"), starts_on=d(2017, 6, 30),
                                   ends_on=d(2017, 6, 30))


def test_extending_or_raising_an_assignment_is_checked_too(shared_expert, isus):
    ccm = Assignment.objects.get(staff_member=shared_expert, post__isu=isus["CCM"])
    with pytest.raises(ValidationError):
        services.assignment_update(actor=system(), assignment=ccm, fte=D("0.5"))
    ccm.refresh_from_db()
    assert ccm.fte == D("0.4")


def test_consulting_assignment_derives_its_fte(expert, isus, apmbc_post, ccm_post):
    services.assignment_create(actor=system(), staff_member=expert, post=apmbc_post,
                               fte=D("0.8"), starts_on=d(2017, 1, 1))
    consulting = services.assignment_create(
        actor=system(), staff_member=expert, post=ccm_post, kind=AssignmentKind.CONSULTING,
        charge_unit=ChargeUnit.DAYS, charged_per_year=D("44"), starts_on=d(2017, 1, 1))
    assert consulting.fte == D("0.2000")
    with pytest.raises(ValidationError):
        services.assignment_update(actor=system(), assignment=consulting, charged_per_year=D("45"))
    with pytest.raises(ValidationError) as missing:
        services.assignment_create(actor=system(), staff_member=StaffMemberFactory(),
                                   post=ccm_post, kind=AssignmentKind.CONSULTING,
                                   starts_on=d(2017, 1, 1))
    assert "charge_unit" in missing.value.message_dict or "fte" in missing.value.message_dict


def test_assignment_must_fit_the_post(isus):
    post = PostFactory(isu=isus["CCM"], fte=D("0.5"), approved_from=d(2016, 1, 1),
                       approved_until=d(2020, 12, 31))
    person = StaffMemberFactory()
    with pytest.raises(ValidationError) as too_big:
        services.assignment_create(actor=system(), staff_member=person, post=post, fte=D("0.6"),
                                   starts_on=d(2016, 1, 1), ends_on=d(2016, 12, 31))
    assert "fte" in too_big.value.message_dict
    with pytest.raises(ValidationError) as outside:
        services.assignment_create(actor=system(), staff_member=person, post=post, fte=D("0.5"),
                                   starts_on=d(2016, 1, 1))  # open-ended, post ends 2020
    assert "starts_on" in outside.value.message_dict
    assert not Assignment.objects.exists()


def test_post_changes_are_audited_and_guarded(isus, ccm_staff):
    post = services.post_create(actor=ccm_staff, isu=isus["CCM"], title="Director", grade="P-5",
                                fte=D("1"), approved_from=d(2016, 1, 1),
                                approved_by="6MSP", work_plan="2016–2020")
    person = StaffMemberFactory()
    services.assignment_create(actor=ccm_staff, staff_member=person, post=post, fte=D("1"),
                               starts_on=d(2016, 1, 1))
    with pytest.raises(ValidationError):
        services.post_update(actor=ccm_staff, post=post, fte=D("0.5"))
    with pytest.raises(ValidationError):
        services.post_update(actor=ccm_staff, post=post, approved_until=d(2020, 12, 31))
    services.post_update(actor=ccm_staff, post=post, grade="D-1")
    actions = list(AuditEntry.objects.filter(object_id=str(post.pk), content_type__model="post")
                   .order_by("pk").values_list("action", "changes"))
    assert actions[0][0] == "staffing.post.created"
    assert actions[-1] == ("staffing.post.changed", {"grade": ["P-5", "D-1"]})


def test_salary_and_spending_changes_are_audited(expert, isus, host_staff):
    services.staff_cost_set(actor=host_staff, staff_member=expert, year=2016,
                            salary=D("100000"), social_charges=D("20000"))
    services.staff_cost_set(actor=host_staff, staff_member=expert, year=2016,
                            salary=D("101000"), social_charges=D("20000"))
    assert StaffCost.objects.get().salary == D("101000")
    entry = AuditEntry.objects.filter(action="staffing.staff_cost.set").latest("pk")
    assert entry.changes == {"salary": ["100000.00", "101000.00"]}
    assert entry.actor == host_staff
    services.spending_set(actor=host_staff, isu=isus["CCM"], year=2016,
                          category=SpendingCategory.TRAVEL, amount=D("1"))
    with pytest.raises(ValidationError):
        services.spending_set(actor=host_staff, isu=isus["CCM"], year=2016,
                              category=SpendingCategory.TRAVEL, amount=D("-5"))
    assert Spending.objects.get().amount == D("1")
    assert AuditEntry.objects.filter(action="staffing.spending.set").count() == 1


def test_ccm_2016_cost_summary_gives_the_report_figures(isus):
    """CCM 2016 (¶3): CHF 291,719 of CHF 370,824 spent, budget CHF 455,000."""
    ccm = isus["CCM"]
    isu_budget_set(actor=system(), isu=ccm, year=2016, amount=D("455000"))
    people = [("Director", D("1"), D("142000"), D("30000")),
              ("Specialist", D("1"), D("80000"), D("17000")),
              ("Assistant", D("0.5"), D("19000"), D("3719"))]
    for title, fte, salary, charges in people:
        post = PostFactory(isu=ccm, title=title, fte=fte, approved_from=d(2015, 1, 1))
        person = StaffMemberFactory(full_name=title)
        services.assignment_create(actor=system(), staff_member=person, post=post, fte=fte,
                                   starts_on=d(2015, 1, 1))
        services.staff_cost_set(actor=system(), staff_member=person, year=2016, salary=salary,
                                social_charges=charges)
    for category, amount in [("staff", "291719"), ("travel", "31000"), ("meetings", "29105"),
                             ("other", "19000")]:
        services.spending_set(actor=system(), isu=ccm, year=2016, category=category,
                              amount=D(amount))
    summary = selectors.isu_cost_summary(ccm, 2016)
    assert summary.staff_cost == D("291719.00")
    assert summary.spent == D("370824.00")
    assert summary.budget == D("455000.00")
    assert summary.ratios.of_spending == D("78.7")
    assert summary.ratios.of_budget == D("64.1")
    assert summary.staff_cost_difference == D("0")
    assert summary.average_fte == D("2.50")


def test_shared_expert_cost_adds_up_across_conventions(shared_expert, isus):
    ccm = selectors.isu_cost_summary(isus["CCM"], 2016)
    apmbc = selectors.isu_cost_summary(isus["APMBC"], 2016)
    assert ccm.staff_cost + apmbc.staff_cost == D("150000.01")
    assert apmbc.staff_cost == D("90000.01")  # the odd centime: larger remainder
    assert ccm.staff_cost == D("60000.00")
    assert ccm.people[0].shared_with == ["APMBC"]
    assert ccm.by_isu == {"APMBC": D("90000.01"), "CCM": D("60000.00")}


def test_fte_per_isu_on_a_date_and_over_the_year(shared_expert, isus, ccm_post):
    assert selectors.isu_fte_on(isus["CCM"], d(2016, 5, 1)) == D("0.4")
    assert selectors.isu_fte_on(isus["APMBC"], d(2016, 5, 1)) == D("0.6")
    assert selectors.isu_fte_on(isus["CCM"], d(2015, 5, 1)) == D("0")
    assert selectors.isu_average_fte(isus["CCM"], 2016) == D("0.40")


def test_duties_without_cover_on_a_date(isus, ccm_post):
    ccm = isus["CCM"]
    a, b, c = (StaffMemberFactory(full_name=n) for n in ("A", "B", "C"))
    for person in (a, b, c):
        post = PostFactory(isu=ccm, approved_from=d(2015, 1, 1))
        services.assignment_create(actor=system(), staff_member=person, post=post, fte=D("1"),
                                   starts_on=d(2016, 1, 1), ends_on=d(2018, 12, 31))
    reports = services.duty_create(actor=system(), isu=ccm, name="Article 7 reports", holder=a)
    services.backstop_add(actor=system(), duty=reports, backup=b)
    services.backstop_add(actor=system(), duty=reports, backup=c)
    web = services.duty_create(actor=system(), isu=ccm, name="Website", holder=b)
    services.absence_record(actor=system(), staff_member=a, kind="mission", starts_on=d(2017, 9, 1),
                            ends_on=d(2017, 9, 8))
    services.absence_record(actor=system(), staff_member=b, kind="leave", starts_on=d(2017, 9, 4),
                            ends_on=d(2017, 9, 15))
    plan = {c.duty.name: c for c in selectors.cover_plan_on(ccm, d(2017, 9, 5))}
    assert plan["Article 7 reports"].covered_by == c
    assert plan["Website"].uncovered
    plan = {c.duty.name: c for c in selectors.cover_plan_on(ccm, d(2017, 9, 1))}
    assert plan["Article 7 reports"].covered_by == b and not plan["Website"].uncovered
    # after everyone's contract ends, nobody covers anything
    assert all(c.uncovered for c in selectors.cover_plan_on(ccm, d(2019, 1, 1)))
    with pytest.raises(ValidationError):
        services.backstop_add(actor=system(), duty=web, backup=b)  # own duty
    with pytest.raises(ValidationError):
        services.absence_record(actor=system(), staff_member=a, kind="leave",
                                starts_on=d(2017, 9, 8), ends_on=d(2017, 9, 9))
