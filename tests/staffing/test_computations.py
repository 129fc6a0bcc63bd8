"""The plain functions, on hand-made teams."""

import datetime
from decimal import Decimal

import pytest

from staffing.computations import (
    Span,
    average_fte,
    consulting_fte,
    cost_ratios,
    cover_on,
    fte_days,
    fte_on,
    peak_fte,
    shared_expert_options,
    split_cost,
    staff_cost_by_unit,
    tidy,
)
from staffing.enums import ChargeUnit, SharingOption

D = Decimal
d = datetime.date


def test_report_ratios_for_ccm_2016():
    ratios = cost_ratios(staff_cost=D("291719"), spent=D("370824"), budget=D("455000"))
    assert ratios.of_spending == D("78.7")
    assert ratios.of_budget == D("64.1")
    assert ratios.spent_of_budget == D("81.5")


def test_ratios_without_budget_or_spending():
    ratios = cost_ratios(staff_cost=D("10"), spent=D("0"), budget=None)
    assert ratios.of_spending is None and ratios.of_budget is None


def test_fte_on_a_date_and_averaged_over_a_year():
    team = [Span(D("1"), d(2017, 1, 1)), Span(D("1"), d(2016, 3, 1), d(2018, 2, 28)),
            Span(D("0.5"), d(2017, 1, 1), d(2017, 12, 31)),
            Span(D("1"), d(2018, 1, 1))]  # starts after the year: not counted
    assert fte_on(team, d(2017, 6, 1)) == D("2.5")
    assert average_fte(team, 2017) == D("2.50")


def test_person_changing_post_mid_year():
    # 0.8 FTE for the first half of 2017 (181 days), then 0.4 (184 days)
    spans = [Span(D("0.8"), d(2017, 1, 1), d(2017, 6, 30), key="A"),
             Span(D("0.4"), d(2017, 7, 1), None, key="B")]
    assert fte_on(spans, d(2017, 6, 30)) == D("0.8")
    assert fte_on(spans, d(2017, 7, 1)) == D("0.4")
    weights = fte_days(spans, 2017)
    assert weights == {"A": D("0.8") * 181, "B": D("0.4") * 184}
    assert average_fte(spans, 2017) == D("0.60")  # (144.8 + 73.6) / 365 = 0.598…
    split = split_cost(D("100000"), weights)
    assert split == {"A": D("66300.37"), "B": D("33699.63")}
    assert sum(split.values()) == D("100000.00")


def test_shared_expert_part_time_split_adds_up_exactly():
    # one expert 1/3 CCM, 2/3 APMBC all year, cost not divisible by 3
    spans = [Span(D("0.3333"), d(2016, 1, 1), None, key="CCM"),
             Span(D("0.6667"), d(2016, 1, 1), None, key="APMBC")]
    people = [(D("100000.01"), spans),
              (D("120000"), [Span(D("1"), d(2016, 1, 1), None, key="CCM")])]
    costs = staff_cost_by_unit(people, 2016)
    # 10,000,001 centimes: 6,667,000.67 and 3,333,000.33; the odd centime goes to the larger
    # remainder
    assert costs["APMBC"] == D("66670.01")
    assert costs["CCM"] == D("120000") + D("33330.00")
    assert sum(costs.values()) == D("220000.01")


def test_shared_expert_consulting_charges_days():
    assert consulting_fte(D("44"), ChargeUnit.DAYS) == D("0.2000")
    assert consulting_fte(D("176"), ChargeUnit.HOURS) == D("0.1000")
    # based in APMBC at 0.8, consulting 44 days (0.2) for CCM
    spans = [Span(D("0.8"), d(2017, 1, 1), None, key="APMBC"),
             Span(consulting_fte(D("44"), ChargeUnit.DAYS), d(2017, 1, 1), None, key="CCM")]
    split = split_cost(D("150000"), fte_days(spans, 2017))
    assert split == {"APMBC": D("120000.00"), "CCM": D("30000.00")}


def test_peak_finds_the_first_over_allocated_day():
    spans = [Span(D("0.5"), d(2017, 1, 1), d(2017, 12, 31)),
             Span(D("0.4"), d(2017, 3, 1), d(2017, 3, 31)),
             Span(D("0.3"), d(2017, 3, 15), None)]
    assert peak_fte(spans, d(2017, 1, 1), None) == (D("1.2"), d(2017, 3, 15))
    assert peak_fte(spans, d(2017, 4, 1), None) == (D("0.8"), d(2017, 4, 1))
    assert peak_fte([], d(2017, 1, 1), None) == (D("0"), d(2017, 1, 1))


def test_shared_expert_options_side_by_side():
    options = shared_expert_options(
        annual_cost=D("150000"), units=["CCM", "APMBC"],
        part_time_shares={"CCM": D("0.4"), "APMBC": D("0.6")}, based_in="APMBC",
        consulting_days=D("55"), consulting_premium=D("10"))
    by = {o.option: o for o in options}
    assert by[SharingOption.SEPARATE].shares == {"CCM": D("150000.00"), "APMBC": D("150000.00")}
    assert by[SharingOption.SEPARATE].saving == 0
    assert by[SharingOption.PART_TIME].shares == {"CCM": D("60000.00"), "APMBC": D("90000.00")}
    assert by[SharingOption.PART_TIME].saving == D("150000.00")
    # 55 days at 150000/220 = 681.8181… a day, plus 10 %: 41250.00 for CCM
    assert by[SharingOption.CONSULTING].shares == {"CCM": D("41250.00"), "APMBC": D("108750.00")}
    assert by[SharingOption.CONSULTING].total == D("150000.00")
    assert by[SharingOption.CONSULTING].expert_fte == {"CCM": D("0.2500"), "APMBC": D("0.7500")}


@pytest.mark.parametrize("kwargs", [
    {"part_time_shares": {"CCM": D("0.7"), "APMBC": D("0.6")}},
    {"consulting_days": D("300")},
    {"based_in": "CCW"},
])
def test_shared_expert_options_refuse_impossible_inputs(kwargs):
    args = {"annual_cost": D("1000"), "units": ["CCM", "APMBC"],
            "part_time_shares": {"CCM": D("0.5"), "APMBC": D("0.5")}, "based_in": "CCM",
            "consulting_days": D("20")}
    with pytest.raises(ValueError):
        shared_expert_options(**{**args, **kwargs})


def test_cover_on_a_date():
    duties = [("reports", 1, [2, 3]), ("sponsorship", 2, [3]), ("web", 3, []),
              ("finance", 1, [])]
    plan = {c.duty: c for c in cover_on(duties, unavailable={1, 2})}
    assert plan["reports"].covered_by == 3 and plan["reports"].holder_away
    assert plan["sponsorship"].covered_by == 3
    assert plan["web"].covered_by == 3 and not plan["web"].holder_away
    assert plan["finance"].uncovered
    assert [c.duty for c in cover_on(duties, unavailable={1, 2, 3}) if c.uncovered] == \
        ["reports", "sponsorship", "web", "finance"]


def test_tidy_figures():
    assert str(tidy(D("2.5000"))) == "2.5"
    assert str(tidy(D("10.0000"))) == "10"
    assert str(tidy(D("0"))) == "0"
