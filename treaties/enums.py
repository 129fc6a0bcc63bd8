from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryIntoForceRule(models.TextChoices):
    """How long after a State's deposit the instrument takes effect for it (treaty text)."""

    FIRST_DAY_OF_SIXTH_MONTH = "first_day_sixth_month", _(
        "First day of the sixth month after deposit"
    )
    SIX_MONTHS_AFTER = "six_months_after", _("Six months after deposit")
    ON_DEPOSIT = "on_deposit", _("On the date of deposit")


class InstrumentType(models.TextChoices):
    RATIFICATION = "ratification", _("Ratification")
    ACCEPTANCE = "acceptance", _("Acceptance")
    APPROVAL = "approval", _("Approval")
    ACCESSION = "accession", _("Accession")
    SUCCESSION = "succession", _("Succession")
    CONSENT_TO_BE_BOUND = "consent_to_be_bound", _("Consent to be bound")


class UNStatus(models.TextChoices):
    MEMBER = "member", _("UN Member State")
    OBSERVER = "observer", _("UN non-member observer State")
    OTHER = "other", _("Other State (not a UN member)")
