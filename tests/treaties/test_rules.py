import datetime

import pytest

from treaties.enums import EntryIntoForceRule, InstrumentType
from treaties.rules import add_months, effective_date

D = datetime.date


@pytest.mark.parametrize(("deposit", "expected"), [
    (D(2011, 9, 8), D(2012, 3, 1)),    # Afghanistan, CCM
    (D(2015, 12, 27), D(2016, 6, 1)),  # across a year end
    (D(2009, 6, 16), D(2010, 8, 1)),   # before the CCM's own entry into force
    (D(2010, 2, 16), D(2010, 8, 1)),   # the 30th ratification month: never before EIF
    (D(2010, 3, 1), D(2010, 9, 1)),
])
def test_first_day_of_sixth_month_after_deposit_never_before_entry_into_force(deposit, expected):
    assert effective_date(rule=EntryIntoForceRule.FIRST_OF_MONTH_AFTER_DEPOSIT, months=6,
                          deposited_on=deposit, instrument_in_force_on=D(2010, 8, 1)) == expected


@pytest.mark.parametrize(("deposit", "expected"), [
    (D(2012, 3, 10), D(2012, 9, 10)),
    (D(2015, 8, 31), D(2016, 2, 29)),  # no 31 February; leap year
    (D(2014, 8, 31), D(2015, 2, 28)),
    (D(1982, 1, 5), D(1983, 12, 2)),   # before the CCW's entry into force
])
def test_six_months_after_deposit(deposit, expected):
    assert effective_date(rule=EntryIntoForceRule.MONTHS_AFTER_DEPOSIT, months=6,
                          deposited_on=deposit, instrument_in_force_on=D(1983, 12, 2)) == expected


def test_succession_takes_effect_on_notification():
    assert effective_date(rule=EntryIntoForceRule.MONTHS_AFTER_DEPOSIT, months=6,
                          deposited_on=D(2006, 8, 1),
                          instrument_in_force_on=D(1983, 12, 2),
                          instrument_type=InstrumentType.SUCCESSION) == D(2006, 8, 1)


def test_add_months_clamps_to_month_end():
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2023, 11, 30), 3) == D(2024, 2, 29)
    assert add_months(D(2023, 7, 15), 6) == D(2024, 1, 15)


@pytest.mark.parametrize(("deposit", "expected"), [
    (D(2014, 4, 2), D(2014, 12, 24)),   # ATT: early ratifiers take effect with the treaty
    (D(2016, 3, 21), D(2016, 6, 19)),   # the ninetieth day following the deposit
    (D(2023, 12, 5), D(2024, 3, 4)),    # across a year end (2024 is a leap year)
])
def test_days_after_deposit_never_before_entry_into_force(deposit, expected):
    assert effective_date(rule=EntryIntoForceRule.DAYS_AFTER_DEPOSIT, days=90,
                          deposited_on=deposit, instrument_in_force_on=D(2014, 12, 24)) == expected


def test_on_deposit_never_before_entry_into_force():
    assert effective_date(rule=EntryIntoForceRule.ON_DEPOSIT, deposited_on=D(1973, 3, 26),
                          instrument_in_force_on=D(1975, 3, 26)) == D(1975, 3, 26)
    assert effective_date(rule=EntryIntoForceRule.ON_DEPOSIT, deposited_on=D(2016, 1, 4),
                          instrument_in_force_on=D(1975, 3, 26)) == D(2016, 1, 4)


@pytest.mark.parametrize(("rule", "months", "days"), [
    ("ninety_days_or_so", None, 90),                        # a kind the code does not know
    (EntryIntoForceRule.DAYS_AFTER_DEPOSIT, None, None),     # a known kind without its number
    (EntryIntoForceRule.MONTHS_AFTER_DEPOSIT, None, 6),      # counted in the wrong unit
])
def test_a_rule_that_cannot_be_computed_is_an_error_not_a_guess(rule, months, days):
    with pytest.raises(ValueError):
        effective_date(rule=rule, months=months, days=days, deposited_on=D(2020, 1, 1),
                       instrument_in_force_on=D(2000, 1, 1))
