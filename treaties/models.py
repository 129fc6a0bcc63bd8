"""What every other app refers to: conventions, States, who is party to what and since when,
the ISUs and their host organisations, and thematic areas."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries.fields import CountryField

from core.money import amount_field, currency_field
from core.text import BoundedTextField
from core.translated import TranslatedNameMixin

from .enums import EntryIntoForceRule, InstrumentType, UNStatus


class Convention(TranslatedNameMixin):
    """A convention or one of its protocols (a protocol has the convention as parent)."""

    code = models.SlugField(_("code"), max_length=20, unique=True,
                            help_text=_("Short code, e.g. CCM, APMBC, CCW, CCW-APII."))
    short_name = models.CharField(_("short name"), max_length=100)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="protocols",
        verbose_name=_("parent convention"),
    )
    untc_code = models.CharField(
        _("code in the UN Treaty Collection extract"), max_length=20, blank=True,
        help_text=_("The 'treaty' column of the depositary extract, e.g. CCW_APII."),
    )
    untc_reference = models.CharField(_("depositary reference"), max_length=30, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    entry_into_force = models.DateField(_("entry into force"))
    entry_into_force_rule = models.CharField(
        _("entry into force for a State"), max_length=30, choices=EntryIntoForceRule.choices,
        help_text=_("How the instrument takes effect for a State after its deposit; never before "
                    "the instrument's own entry into force."),
    )
    entry_into_force_months = models.PositiveSmallIntegerField(
        _("months (entry into force for a State)"), null=True, blank=True,
        help_text=_("N, for the rules counted in months."),
    )
    entry_into_force_days = models.PositiveSmallIntegerField(
        _("days (entry into force for a State)"), null=True, blank=True,
        help_text=_("N, for the rules counted in days."),
    )
    website = models.URLField(_("website"), blank=True)
    ordering_key = models.PositiveSmallIntegerField(_("display order"), default=100)

    class Meta:
        ordering = ["ordering_key", "code"]
        verbose_name = _("convention")
        verbose_name_plural = _("conventions")
        constraints = [
            models.UniqueConstraint(
                fields=["untc_code"], condition=~Q(untc_code=""),
                name="%(app_label)s_%(class)s_unique_untc_code",
                violation_error_message=_("Another convention already has this UNTC code."),
            ),
            models.CheckConstraint(
                condition=Q(adopted_on__isnull=True) | Q(adopted_on__lte=F("entry_into_force")),
                name="%(app_label)s_%(class)s_adopted_before_in_force",
                violation_error_message=_("A convention enters into force after its adoption."),
            ),
            models.CheckConstraint(
                # The closed set of rule kinds, each with exactly the number it needs: a kind the
                # code cannot compute never reaches the table.
                condition=(
                    Q(entry_into_force_rule__in=sorted(EntryIntoForceRule.COUNTS_MONTHS),
                      entry_into_force_months__gte=1, entry_into_force_months__lte=120,
                      entry_into_force_days__isnull=True)
                    | Q(entry_into_force_rule__in=sorted(EntryIntoForceRule.COUNTS_DAYS),
                        entry_into_force_days__gte=1, entry_into_force_days__lte=3650,
                        entry_into_force_months__isnull=True)
                    | Q(entry_into_force_rule=EntryIntoForceRule.ON_DEPOSIT,
                        entry_into_force_months__isnull=True, entry_into_force_days__isnull=True)
                ),
                name="%(app_label)s_%(class)s_entry_into_force_rule_known",
                violation_error_message=_(
                    "Choose a known entry-into-force rule with its number: months for the rules "
                    "counted in months (1–120), days for those counted in days (1–3650), none "
                    "on deposit."
                ),
            ),
        ]

    def __str__(self):
        return self.short_name or self.code

    def clean(self):
        errors = {}
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = _("A convention cannot be its own parent.")
        rule = self.entry_into_force_rule
        if rule in EntryIntoForceRule.COUNTS_MONTHS:
            if not self.entry_into_force_months:
                errors["entry_into_force_months"] = _("This rule needs its number of months.")
            if self.entry_into_force_days is not None:
                errors["entry_into_force_days"] = _("This rule is counted in months, not days.")
        elif rule in EntryIntoForceRule.COUNTS_DAYS:
            if not self.entry_into_force_days:
                errors["entry_into_force_days"] = _("This rule needs its number of days.")
            if self.entry_into_force_months is not None:
                errors["entry_into_force_months"] = _("This rule is counted in days, not months.")
        elif rule == EntryIntoForceRule.ON_DEPOSIT:
            for name in ("entry_into_force_months", "entry_into_force_days"):
                if getattr(self, name) is not None:
                    errors[name] = _("A rule on deposit takes no number.")
        # An unknown kind is refused by the field's choices (clean_fields) and the constraint.
        if errors:
            raise ValidationError(errors)

    @property
    def entry_into_force_rule_text(self) -> str:
        """The rule in words, with its number: "6 months after deposit"."""
        rule, months, days = (self.entry_into_force_rule, self.entry_into_force_months,
                              self.entry_into_force_days)
        if rule == EntryIntoForceRule.FIRST_OF_MONTH_AFTER_DEPOSIT and months:
            return ngettext(
                "First day of the month %(count)d month after the month of deposit",
                "First day of the month %(count)d months after the month of deposit",
                months) % {"count": months}
        if rule == EntryIntoForceRule.MONTHS_AFTER_DEPOSIT and months:
            return ngettext("%(count)d month after deposit", "%(count)d months after deposit",
                            months) % {"count": months}
        if rule == EntryIntoForceRule.DAYS_AFTER_DEPOSIT and days:
            return ngettext("%(count)d day after deposit", "%(count)d days after deposit",
                            days) % {"count": days}
        return str(self.get_entry_into_force_rule_display())

    def effective_date_for_deposit(self, deposited_on: datetime.date,
                                   instrument_type: str = InstrumentType.RATIFICATION
                                   ) -> datetime.date:
        """The date the instrument takes effect for a State that deposited on `deposited_on`."""
        from .rules import effective_date

        return effective_date(
            rule=self.entry_into_force_rule,
            months=self.entry_into_force_months,
            days=self.entry_into_force_days,
            deposited_on=deposited_on,
            instrument_in_force_on=self.entry_into_force,
            instrument_type=instrument_type,
        )


class State(models.Model):
    """A State, keyed by ISO 3166 alpha-3; names come from django-countries in every language."""

    iso3 = models.CharField(_("ISO 3166 alpha-3 code"), max_length=3, unique=True)
    country = CountryField(_("country"), unique=True)
    un_status = models.CharField(_("UN status"), max_length=10, choices=UNStatus.choices)
    official_un_name = models.CharField(
        _("official name at the depositary"), max_length=200, blank=True,
        help_text=_("As the UN Treaty Collection writes it."),
    )
    region = models.CharField(_("region"), max_length=40, blank=True)

    class Meta:
        ordering = ["iso3"]
        verbose_name = _("State")
        verbose_name_plural = _("States")
        constraints = [
            models.CheckConstraint(
                condition=Q(iso3__regex=r"^[A-Z]{3}$"),
                name="%(app_label)s_%(class)s_iso3_format",
                violation_error_message=_("An ISO alpha-3 code is three capital letters."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return str(self.country.name) or self.official_un_name or self.iso3


class MembershipQuerySet(models.QuerySet):
    def in_force_on(self, day: datetime.date):
        """Memberships under which the State is a party on `day`."""
        return self.filter(effective_on__lte=day).filter(
            Q(withdrawal_effective_on__isnull=True) | Q(withdrawal_effective_on__gt=day)
        )


class Membership(models.Model):
    """A State's consent to be bound by a convention: deposit, effect, and any withdrawal."""

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="memberships",
                              verbose_name=_("State"))
    convention = models.ForeignKey(Convention, on_delete=models.PROTECT,
                                   related_name="memberships", verbose_name=_("convention"))
    instrument_type = models.CharField(_("instrument"), max_length=30,
                                       choices=InstrumentType.choices)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    deposited_on = models.DateField(_("instrument deposited on"))
    effective_on = models.DateField(_("in force for the State from"))
    withdrawal_effective_on = models.DateField(_("withdrawal effective on"), null=True,
                                               blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["convention", "state"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "convention"],
                name="%(app_label)s_%(class)s_one_per_state_and_convention",
                violation_error_message=_(
                    "This State already has a membership of this convention."
                ),
            ),
            models.CheckConstraint(
                condition=Q(effective_on__gte=F("deposited_on"))
                | Q(instrument_type=InstrumentType.SUCCESSION),
                name="%(app_label)s_%(class)s_effective_after_deposit",
                violation_error_message=_("The instrument cannot take effect before its deposit."),
            ),
            models.CheckConstraint(
                condition=Q(withdrawal_effective_on__isnull=True)
                | Q(withdrawal_effective_on__gt=F("deposited_on")),
                name="%(app_label)s_%(class)s_withdrawal_after_deposit",
                violation_error_message=_("A withdrawal takes effect after the deposit."),
            ),
            models.CheckConstraint(
                condition=Q(signed_on__isnull=True) | Q(signed_on__lte=F("deposited_on")),
                name="%(app_label)s_%(class)s_signed_before_deposit",
                violation_error_message=_("A State signs before it deposits its instrument."),
            ),
        ]
        indexes = [
            models.Index(fields=["convention", "effective_on"], name="treaties_membership_eff_idx"),
        ]

    def __str__(self):
        return f"{self.state} – {self.convention}"

    def clean(self):
        errors = {}
        if self.signed_on and self.deposited_on and self.signed_on > self.deposited_on:
            errors["signed_on"] = _("A State signs before it deposits its instrument.")
        if (self.withdrawal_effective_on and self.deposited_on
                and self.withdrawal_effective_on <= self.deposited_on):
            errors["withdrawal_effective_on"] = _("A withdrawal takes effect after the deposit.")
        if (self.effective_on and self.deposited_on and self.effective_on < self.deposited_on
                and self.instrument_type != InstrumentType.SUCCESSION):
            errors["effective_on"] = _("The instrument cannot take effect before its deposit.")
        if errors:
            raise ValidationError(errors)

    def is_in_force_on(self, day: datetime.date) -> bool:
        return self.effective_on <= day and (
            self.withdrawal_effective_on is None or self.withdrawal_effective_on > day
        )


class HostOrganisation(models.Model):
    """An organisation hosting ISUs and giving them administrative services (e.g. the GICHD)."""

    short_name = models.CharField(_("short name"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=300)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("host organisation")
        verbose_name_plural = _("host organisations")

    def __str__(self):
        return self.short_name


class ISU(models.Model):
    """The Implementation Support Unit of one convention, accountable to its States Parties."""

    convention = models.OneToOneField(Convention, on_delete=models.PROTECT, related_name="isu",
                                      verbose_name=_("convention"))
    host = models.ForeignKey(HostOrganisation, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="isus", verbose_name=_("host organisation"))
    name = models.CharField(_("name"), max_length=300)
    email = models.EmailField(_("email"), blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)

    class Meta:
        ordering = ["convention"]
        verbose_name = _("Implementation Support Unit")
        verbose_name_plural = _("Implementation Support Units")

    def __str__(self):
        return self.name

    @property
    def code(self) -> str:
        return self.convention.code


class ISUBudget(models.Model):
    """An ISU's budget for one year, as approved by its States Parties (confidential)."""

    isu = models.ForeignKey(ISU, on_delete=models.CASCADE, related_name="budgets",
                            verbose_name=_("ISU"))
    year = models.PositiveSmallIntegerField(_("year"))
    amount = amount_field(_("budget"))
    currency = currency_field()
    notes = BoundedTextField(_("notes"), blank=True)

    class Meta:
        ordering = ["isu", "-year"]
        verbose_name = _("ISU budget")
        verbose_name_plural = _("ISU budgets")
        constraints = [
            models.UniqueConstraint(
                fields=["isu", "year"], name="%(app_label)s_%(class)s_one_per_year",
                violation_error_message=_("This ISU already has a budget for this year."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="%(app_label)s_%(class)s_amount_not_negative",
                violation_error_message=_("A budget cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990) & Q(year__lte=2200),
                name="%(app_label)s_%(class)s_year_plausible",
                violation_error_message=_("The year must be between 1990 and 2200."),
            ),
        ]

    def __str__(self):
        return f"{self.isu.code} {self.year}: {self.currency} {self.amount:,.2f}"


class ThematicArea(TranslatedNameMixin):
    """A theme that cuts across conventions: land release, victim assistance, reporting ..."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    description = BoundedTextField(_("description"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("thematic area")
        verbose_name_plural = _("thematic areas")

    def __str__(self):
        return self.localized_name
