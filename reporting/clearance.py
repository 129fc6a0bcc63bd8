"""Clearance deadlines and their extensions as plain date functions: no database, no clock.

The numbers are data on the extension-request obligation (reporting.Obligation):
- `clearance_deadline_years`: the original clearance deadline falls that many years after the
  convention entered into force for the State (APMBC Art. 5(1) and CCM Art. 4(1): 10 years);
- `extension_max_years`: the longest extension one request may ask (APMBC Art. 5(3): up to 10
  years; CCM Art. 4(5): at most 5 years);
- `request_due_months_before`: how long before the deadline the request is due. In practice a
  request is submitted at least 9 months before the deadline (APMBC decisions ask for it by
  31 March of the year the deadline falls, for the meeting in November), so 9 by default.
"""

import calendar
import datetime


def shift_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved by `months` (negative: earlier); the 31st becomes the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def original_deadline(*, effective_on: datetime.date, years: int) -> datetime.date:
    return shift_months(effective_on, 12 * years)


def request_due_on(*, deadline: datetime.date, months_before: int) -> datetime.date:
    return shift_months(deadline, -months_before)


def latest_extended_deadline(*, deadline: datetime.date, max_years: int) -> datetime.date:
    """The latest deadline one request may ask for."""
    return shift_months(deadline, 12 * max_years)
