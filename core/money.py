"""Money is a Decimal amount with a currency, never a float.

Amounts are kept to the centime (two decimals). `allocate` splits an amount into shares that add
up exactly, which is how joint trips, meetings and experts are divided between conventions.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")


class Currency(models.TextChoices):
    CHF = "CHF", _("Swiss franc")
    EUR = "EUR", _("Euro")
    USD = "USD", _("US dollar")


def quantize(value) -> Decimal:
    """Round to the centime, half up (the accountants' rule)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def amount_field(verbose_name, *, allow_negative=False, **kwargs) -> models.DecimalField:
    validators = [] if allow_negative else [MinValueValidator(Decimal("0"))]
    return models.DecimalField(
        verbose_name, max_digits=14, decimal_places=2, validators=validators, **kwargs
    )


CURRENCY_LABEL = _("currency")


def currency_field(verbose_name=CURRENCY_LABEL, **kwargs) -> models.CharField:
    kwargs.setdefault("default", Currency.CHF)
    return models.CharField(verbose_name, max_length=3, choices=Currency.choices, **kwargs)


def allocate(total: Decimal, weights: list) -> list[Decimal]:
    """Split `total` (to the centime) in proportion to `weights`, adding up exactly.

    Largest-remainder method: each part is rounded down to the centime, then the centimes left
    over go to the parts with the largest remainders (ties: the earlier part first).
    """
    total = quantize(total)
    weights = [Decimal(w) for w in weights]
    if not weights:
        raise ValueError("allocate() needs at least one weight")
    if any(w < 0 for w in weights):
        raise ValueError("weights must not be negative")
    weight_sum = sum(weights)
    if weight_sum == 0:
        weights = [Decimal(1)] * len(weights)
        weight_sum = Decimal(len(weights))
    cents = int(total / CENT)
    exact = [Decimal(cents) * w / weight_sum for w in weights]
    floors = [int(e) for e in exact]  # cents >= 0 here, so int() rounds down
    if cents < 0:
        floors = [int(e) - (1 if e != int(e) else 0) for e in exact]
    leftover = cents - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:leftover]:
        floors[i] += 1
    return [Decimal(c) * CENT for c in floors]


@dataclass(frozen=True)
class Money:
    """An amount with its currency, for computed figures (model fields keep the two apart)."""

    amount: Decimal
    currency: str = Currency.CHF

    def __post_init__(self):
        object.__setattr__(self, "amount", quantize(self.amount))

    def __add__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            raise ValueError(f"cannot subtract {other.currency} from {self.currency}")
        return Money(self.amount - other.amount, self.currency)

    def __str__(self):
        return f"{self.currency} {self.amount:,.2f}"
