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
                   instrument_in_force_on: datetime.date, months: int | None = None,
                   days: int | None = None,
                   instrument_type: str = InstrumentType.RATIFICATION) -> datetime.date:
    """When a State's instrument takes effect for it, by the convention's rule kind and number.

    - first day of the Nth month after the month of deposit (CCM Art. 17(2), APMBC Art. 17(2):
      N = 6);
    - N months after the deposit (CCW Art. 5(2) and its protocols: N = 6);
    - N days after the deposit (ATT Art. 22(2), TPNW Art. 15(2): N = 90);
    - on the deposit (BWC Art. XIV(4)).
    Never before the instrument itself entered into force. A succession takes effect on its
    notification (the extract gives no date of independence), again never before the
    instrument's entry into force. An unknown kind, or a kind without its number, is an error:
    the model refuses both at entry, so this never guesses.
    """
    if instrument_type == InstrumentType.SUCCESSION or rule == EntryIntoForceRule.ON_DEPOSIT:
        candidate = deposited_on
    elif rule == EntryIntoForceRule.FIRST_OF_MONTH_AFTER_DEPOSIT and months:
        candidate = add_months(deposited_on.replace(day=1), months)
    elif rule == EntryIntoForceRule.MONTHS_AFTER_DEPOSIT and months:
        candidate = add_months(deposited_on, months)
    elif rule == EntryIntoForceRule.DAYS_AFTER_DEPOSIT and days:
        candidate = deposited_on + datetime.timedelta(days=days)
    else:
        raise ValueError(f"entry-into-force rule {rule!r} with months={months!r}, days={days!r} "
                         "cannot be computed")
    return max(candidate, instrument_in_force_on)
