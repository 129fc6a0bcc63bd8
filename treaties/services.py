"""Writes of the treaties core: conventions, memberships (with their audit rows) and ISU
budgets."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import audit
from core.translated import translated_name_column

from . import rules
from .models import ISU, Convention, ISUBudget, Membership, State


def translated_name_fields() -> list[str]:
    """The name columns of a translated name: one per language of settings.LANGUAGES (the
    system check core.E001 makes sure each exists)."""
    return [translated_name_column(code) for code, _label in settings.LANGUAGES]


CONVENTION_FIELDS = ("code", "short_name", "parent", "untc_code", "untc_reference", "adopted_on",
                     "entry_into_force", "entry_into_force_rule", "entry_into_force_months",
                     "entry_into_force_days", "website", "ordering_key")


def _require(allowed: bool, message: str = "") -> None:
    # system callers (reference data, imports, the demo) pass accounts.services.system_actor()
    if not allowed:
        raise PermissionDenied(message or None)


@transaction.atomic
def convention_save(*, actor, convention: Convention | None = None, **fields) -> Convention:
    """Create a convention (or protocol), or change the given one, with its entry-into-force
    rule and its names in the portal's languages. The rule kind must be one the portal can
    compute: anything else is refused with a field error, never guessed."""
    _require(rules.can_change_conventions(actor), _("Only administrators change conventions."))
    return audit.save_fields(actor=actor, model=Convention, instance=convention, fields=fields,
                             editable=[*CONVENTION_FIELDS, *translated_name_fields()],
                             action="convention")


MEMBERSHIP_FIELDS = ("instrument_type", "signed_on", "deposited_on", "effective_on",
                     "withdrawal_effective_on")


@transaction.atomic
def membership_record(*, actor, state: State, convention: Convention, instrument_type: str,
                      deposited_on: datetime.date, signed_on: datetime.date | None = None,
                      withdrawal_effective_on: datetime.date | None = None,
                      effective_on: datetime.date | None = None) -> Membership:
    """Create or update a State's membership; the effective date follows the convention's rule
    unless given."""
    _require(rules.can_record_memberships(actor), _("Only administrators record memberships."))
    membership = (
        Membership.objects.select_for_update().filter(state=state, convention=convention).first()
    )
    created = membership is None
    if created:
        membership = Membership(state=state, convention=convention)
    before = audit.snapshot(membership, MEMBERSHIP_FIELDS) if not created else {}
    membership.instrument_type = instrument_type
    membership.signed_on = signed_on
    membership.deposited_on = deposited_on
    membership.withdrawal_effective_on = withdrawal_effective_on
    membership.effective_on = effective_on or convention.effective_date_for_deposit(
        deposited_on, instrument_type
    )
    membership.full_clean()
    membership.save()
    changes = audit.diff(membership, before, MEMBERSHIP_FIELDS)
    if changes:
        audit.record(actor=actor, action="membership.created" if created else "membership.changed",
                     target=membership, changes=changes)
    return membership


@transaction.atomic
def membership_withdraw(*, actor, membership: Membership,
                        effective_on: datetime.date) -> Membership:
    _require(rules.can_record_memberships(actor), _("Only administrators record memberships."))
    if effective_on <= membership.deposited_on:
        raise ValidationError(
            {"withdrawal_effective_on": _("A withdrawal takes effect after the deposit.")}
        )
    before = audit.snapshot(membership, MEMBERSHIP_FIELDS)
    membership.withdrawal_effective_on = effective_on
    membership.full_clean()
    membership.save(update_fields=["withdrawal_effective_on"])
    audit.record(actor=actor, action="membership.withdrawn", target=membership,
                 changes=audit.diff(membership, before, MEMBERSHIP_FIELDS))
    return membership


BUDGET_FIELDS = ("amount", "currency", "notes")


@transaction.atomic
def isu_budget_set(*, actor, isu: ISU, year: int, amount, currency: str = "CHF",
                   notes: str = "") -> ISUBudget:
    """Create or correct an ISU's budget for a year (loaders that re-run: the demo, imports).
    A client creating a budget calls isu_budget_create, which refuses to overwrite."""
    _require(rules.can_overwrite_isu_budget(actor))
    budget = ISUBudget.objects.select_for_update().filter(isu=isu, year=year).first()
    created = budget is None
    budget = budget or ISUBudget(isu=isu, year=year)
    before = {} if created else audit.snapshot(budget, ("amount", "currency"))
    budget.amount, budget.currency, budget.notes = amount, currency, notes
    budget.full_clean()
    budget.save()
    audit.record(actor=actor, action="isu_budget.set", target=budget,
                 changes=audit.diff(budget, before, ("amount", "currency")))
    return budget


def _require_finances(actor, isu: ISU) -> None:
    """Budgets are the ISU's own staff's, the host's finance staff's and admins'."""
    _require(rules.can_manage_isu_budget(actor, isu))


def _budget_exists_error():
    return ValidationError({"year": _(
        "This ISU already has a budget for this year; change that budget instead.")})


@transaction.atomic
def isu_budget_create(*, actor, isu: ISU, year: int, amount, currency: str = "CHF",
                      notes: str = "") -> ISUBudget:
    """A new budget for an ISU and year; one that exists is never overwritten by a create."""
    _require_finances(actor, isu)
    budget = ISUBudget(isu=isu, year=year, amount=amount, currency=currency, notes=notes)
    if ISUBudget.objects.filter(isu=isu, year=year).exists():
        raise _budget_exists_error()
    budget.full_clean()
    try:
        # two creates racing past the check: the named unique constraint refuses the second
        with transaction.atomic():
            budget.save()
    except IntegrityError:
        raise _budget_exists_error() from None
    audit.record(actor=actor, action="isu_budget.created", target=budget,
                 changes=audit.diff(budget, {}, BUDGET_FIELDS))
    return budget


@transaction.atomic
def isu_budget_update(*, actor, budget: ISUBudget, **fields) -> ISUBudget:
    """Change a budget's amount, currency or notes (its ISU and year stay)."""
    budget = ISUBudget.objects.select_for_update().select_related("isu").get(pk=budget.pk)
    _require_finances(actor, budget.isu)
    before = audit.snapshot(budget, BUDGET_FIELDS)
    for name, value in fields.items():
        if name not in BUDGET_FIELDS:
            raise TypeError(f"ISUBudget has no editable field {name!r}")
        setattr(budget, name, value)
    budget.full_clean()
    budget.save()
    audit.record(actor=actor, action="isu_budget.changed", target=budget,
                 changes=audit.diff(budget, before, BUDGET_FIELDS))
    return budget
