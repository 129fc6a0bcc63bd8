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
    assert effective_date(rule=EntryIntoForceRule.FIRST_DAY_OF_SIXTH_MONTH, deposited_on=deposit,
                          instrument_in_force_on=D(2010, 8, 1)) == expected


@pytest.mark.parametrize(("deposit", "expected"), [
    (D(2012, 3, 10), D(2012, 9, 10)),
    (D(2015, 8, 31), D(2016, 2, 29)),  # no 31 February; leap year
    (D(2014, 8, 31), D(2015, 2, 28)),
    (D(1982, 1, 5), D(1983, 12, 2)),   # before the CCW's entry into force
])
def test_six_months_after_deposit(deposit, expected):
    assert effective_date(rule=EntryIntoForceRule.SIX_MONTHS_AFTER, deposited_on=deposit,
                          instrument_in_force_on=D(1983, 12, 2)) == expected


def test_succession_takes_effect_on_notification():
    assert effective_date(rule=EntryIntoForceRule.SIX_MONTHS_AFTER, deposited_on=D(2006, 8, 1),
                          instrument_in_force_on=D(1983, 12, 2),
                          instrument_type=InstrumentType.SUCCESSION) == D(2006, 8, 1)


def test_add_months_clamps_to_month_end():
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2023, 11, 30), 3) == D(2024, 2, 29)
    assert add_months(D(2023, 7, 15), 6) == D(2024, 1, 15)
