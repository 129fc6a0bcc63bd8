"""Factories for the reporting app. `obligations` loads the real forms from reporting.forms_data."""

import datetime

from reporting.forms_data import load_obligations
from treaties.models import Membership


def load_real_obligations():
    return load_obligations(log=lambda *a, **k: None)


def join(state, convention, effective_on, withdrawal=None):
    """A membership with a given effective date (deposit six months before)."""
    return Membership.objects.create(
        state=state, convention=convention, instrument_type="ratification",
        deposited_on=effective_on - datetime.timedelta(days=183), effective_on=effective_on,
        withdrawal_effective_on=withdrawal)


def make_extension(state, convention, *, status="in_preparation", current=None,
                   requested=None, **fields):
    """An extension request as it stands in the database (not through the service), for
    visibility and list tests."""
    from reporting.models import ExtensionRequest

    current = current or datetime.date(2027, 3, 1)
    return ExtensionRequest.objects.create(
        state=state, convention=convention, article=fields.pop("article", "Article 5"),
        current_deadline=current,
        requested_deadline=requested or current.replace(year=current.year + 3),
        status=status, **fields)
