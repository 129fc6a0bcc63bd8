"""The one range of dates the portal accepts, and arithmetic that saturates."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from core import dates

D = datetime.date


@pytest.mark.parametrize("day", [D(1899, 12, 31), D(2201, 1, 1), D(9999, 12, 30), D(1, 1, 1)])
def test_dates_outside_the_range_are_refused_with_the_range_in_the_message(day):
    with pytest.raises(ValidationError) as caught:
        dates.validate_date_in_range(day)
    assert caught.value.messages == ["Enter a date between 1900-01-01 and 2200-12-31."]


@pytest.mark.parametrize("day", [D(1900, 1, 1), D(2026, 12, 1), D(2200, 12, 31)])
def test_dates_inside_the_range_pass(day):
    dates.validate_date_in_range(day)
    assert dates.parse_date(day.isoformat()) == day


@pytest.mark.parametrize("year", [0, 1899, 2201, 99999])
def test_years_outside_the_range_are_refused(year):
    with pytest.raises(ValidationError) as caught:
        dates.validate_year_in_range(year)
    assert caught.value.messages == ["Enter a year between 1900 and 2200."]


def test_parse_date_refuses_text_and_accepts_nothing():
    assert dates.parse_date("") is None and dates.parse_date(None) is None
    with pytest.raises(ValidationError):
        dates.parse_date("31/12/2026")
    with pytest.raises(ValidationError):
        dates.parse_date("9999-12-31")


def test_add_days_saturates_at_the_ends_of_the_calendar():
    assert dates.add_days(D(9999, 12, 30), 15) == datetime.date.max
    assert dates.add_days(D(1, 1, 3), -15) == datetime.date.min
    assert dates.add_days(D(2026, 12, 31), 1) == D(2027, 1, 1)


def test_add_months_moves_to_first_days_and_saturates():
    assert dates.add_months(D(2026, 12, 1), 1) == D(2027, 1, 1)
    assert dates.add_months(D(2026, 1, 1), -1) == D(2025, 12, 1)
    assert dates.add_months(D(9999, 12, 1), 1) == D(9999, 12, 1)
    assert dates.add_months(D(1, 1, 1), -1) == D(1, 1, 1)
