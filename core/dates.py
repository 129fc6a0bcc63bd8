"""The range of dates the portal accepts, and date arithmetic that cannot overflow.

Python dates end on 9999-12-31: one meeting stored on 9999-12-30 made `end + timedelta(...)`
raise OverflowError on every page that looks a few days around it. Every date a person types
(model fields, forms, serializers, filters) is checked against one range, kept here; code
that does arithmetic on dates already stored uses `add_days`, which saturates instead.
"""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MIN_YEAR = 1900
MAX_YEAR = 2200
MIN_DATE = datetime.date(MIN_YEAR, 1, 1)
MAX_DATE = datetime.date(MAX_YEAR, 12, 31)

OUT_OF_RANGE_MESSAGE = _("Enter a date between %(min)s and %(max)s.")
YEAR_OUT_OF_RANGE_MESSAGE = _("Enter a year between %(min)s and %(max)s.")


def in_range(day: datetime.date) -> bool:
    return MIN_DATE <= day <= MAX_DATE


def validate_date_in_range(value) -> None:
    """A model/form/serializer validator: the date lies within [MIN_DATE, MAX_DATE]."""
    if value is None:
        return
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not in_range(value):
        raise ValidationError(OUT_OF_RANGE_MESSAGE, code="date_out_of_range",
                              params={"min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat()})


def validate_year_in_range(value) -> None:
    if value is None:
        return
    if not MIN_YEAR <= int(value) <= MAX_YEAR:
        raise ValidationError(YEAR_OUT_OF_RANGE_MESSAGE, code="year_out_of_range",
                              params={"min": MIN_YEAR, "max": MAX_YEAR})


def parse_date(value: str | None) -> datetime.date | None:
    """An ISO date within the range, or None (empty); raises ValidationError otherwise."""
    if value in (None, ""):
        return None
    try:
        day = datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(_("Enter a date as YYYY-MM-DD."), code="invalid") from None
    validate_date_in_range(day)
    return day


def add_days(day: datetime.date, days: int) -> datetime.date:
    """`day` + `days`, saturating at date.min / date.max instead of raising OverflowError
    (for dates already stored, which may predate the range check)."""
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        return datetime.date.max if days > 0 else datetime.date.min


def add_months(first_of_month: datetime.date, months: int) -> datetime.date:
    """The first day of the month `months` after (or before) `first_of_month`, saturating at
    the first and last months Python can represent."""
    index = first_of_month.year * 12 + first_of_month.month - 1 + months
    year, month = divmod(index, 12)
    if year < datetime.MINYEAR:
        return datetime.date.min
    if year > datetime.MAXYEAR:
        return datetime.date.max.replace(day=1)
    return datetime.date(year, month + 1, 1)


# --- Form fields and filters ------------------------------------------------------------------

class BoundedDateField(forms.DateField):
    default_validators = [validate_date_in_range]


class BoundedDateFilter(django_filters.DateFilter):
    """A date filter refusing dates outside the range (a form error on pages, a 400 in the
    API) instead of letting them reach date arithmetic."""

    field_class = BoundedDateField


class BoundedYearFilter(django_filters.NumberFilter):
    """A year filter within [MIN_YEAR, MAX_YEAR] (`?year=0` would crash the `__year` lookup)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", []).append(validate_year_in_range)
        super().__init__(*args, **kwargs)
