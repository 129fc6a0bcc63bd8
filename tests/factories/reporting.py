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
