"""Factories shared by every app's tests. Import from here: `from tests.factories import ...`."""

from .accounts import UserFactory, make_user
from .treaties import (
    ConventionFactory,
    ISUFactory,
    MembershipFactory,
    StateFactory,
    ThematicAreaFactory,
    conventions_from_reference,
)

__all__ = [
    "ConventionFactory",
    "ISUFactory",
    "MembershipFactory",
    "StateFactory",
    "ThematicAreaFactory",
    "UserFactory",
    "conventions_from_reference",
    "make_user",
]
