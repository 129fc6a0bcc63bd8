from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryIntoForceRule(models.TextChoices):
    """How an instrument takes effect for a State after its deposit (the treaty's own text).

    A closed set of kinds the code knows how to compute (treaties.rules.effective_date); the
    number of months or days is data on the convention. A kind not listed here is refused."""

    FIRST_OF_MONTH_AFTER_DEPOSIT = "first_of_month_after_deposit", _(
        "First day of the Nth month after the month of deposit"
    )
    MONTHS_AFTER_DEPOSIT = "months_after_deposit", _("N months after deposit")
    DAYS_AFTER_DEPOSIT = "days_after_deposit", _("N days after deposit")
    ON_DEPOSIT = "on_deposit", _("On the date of deposit")


# Which number each kind needs: months, days, or none.
EntryIntoForceRule.COUNTS_MONTHS = {EntryIntoForceRule.FIRST_OF_MONTH_AFTER_DEPOSIT,
                                    EntryIntoForceRule.MONTHS_AFTER_DEPOSIT}
EntryIntoForceRule.COUNTS_DAYS = {EntryIntoForceRule.DAYS_AFTER_DEPOSIT}


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
