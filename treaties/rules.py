"""Date rules of treaty law, as plain functions of dates (no database)."""

import calendar
import datetime

from .enums import EntryIntoForceRule, InstrumentType


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day where that day does not exist."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def effective_date(*, rule: str, deposited_on: datetime.date,
                   instrument_in_force_on: datetime.date,
                   instrument_type: str = InstrumentType.RATIFICATION) -> datetime.date:
    """When a State's instrument takes effect for it.

    CCM Art. 17(2), APMBC Art. 17(2): the first day of the sixth month after the deposit.
    CCW Art. 5(2) and its protocols: six months after the deposit. Never before the instrument
    itself entered into force. A succession takes effect on its notification (the extract gives
    no date of independence), again never before the instrument's entry into force.
    """
    if instrument_type == InstrumentType.SUCCESSION or rule == EntryIntoForceRule.ON_DEPOSIT:
        candidate = deposited_on
    elif rule == EntryIntoForceRule.FIRST_DAY_OF_SIXTH_MONTH:
        candidate = add_months(deposited_on.replace(day=1), 6)
    elif rule == EntryIntoForceRule.SIX_MONTHS_AFTER:
        candidate = add_months(deposited_on, 6)
    else:
        raise ValueError(f"unknown entry-into-force rule {rule!r}")
    return max(candidate, instrument_in_force_on)
