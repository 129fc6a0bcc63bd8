"""The joint sponsorship programme (DOMAIN.md ¶4, 18-19): one programme per convention, with
its own donors and accounts; applications from States; trips whose cost is split into one share
per programme, adding up exactly."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.dates import validate_date_in_range
from core.languages import language_choices
from core.money import amount_field, currency_field
from core.text import BoundedTextField

from .enums import ApplicationStatus, DonorKind, SplitRule

HALF_CENT = Decimal("0.005")


def adds_up(field: str, expression) -> Q:
    """`field` equals `expression` to the centime. Written as a half-centime band because
    SQLite computes decimal sums in floating point; amounts have two decimals, so the band
    admits exactly one value on every backend."""
    return Q(**{f"{field}__gt": expression - HALF_CENT, f"{field}__lt": expression + HALF_CENT})


class Programme(models.Model):
    """A convention's Sponsorship Programme: a separate fund, run by the host organisation."""

    convention = models.OneToOneField("treaties.Convention", on_delete=models.PROTECT,
                                      related_name="sponsorship_programme",
                                      verbose_name=_("convention"))
    name = models.CharField(_("name"), max_length=200)
    currency = currency_field()
    established_year = models.PositiveSmallIntegerField(_("established in"), null=True,
                                                        blank=True)
    sponsors_observers = models.BooleanField(
        _("sponsors observer States"), default=True,
        help_text=_("If unticked, only States Parties on the meeting's first day are eligible."))
    max_delegates_per_state_per_meeting = models.PositiveSmallIntegerField(
        _("sponsored delegates per State per meeting"), default=1)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["convention__ordering_key", "convention__code"]
        verbose_name = _("sponsorship programme")
        verbose_name_plural = _("sponsorship programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_delegates_per_state_per_meeting__gte=1),
                name="%(app_label)s_%(class)s_at_least_one_delegate",
                violation_error_message=_("A programme sponsors at least one delegate."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def code(self) -> str:
        return self.convention.code


class ProgrammeBudget(models.Model):
    """The budget a programme plans for one year."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="budgets",
                                  verbose_name=_("programme"))
    year = models.PositiveSmallIntegerField(_("year"))
    amount = amount_field(_("amount"))

    class Meta:
        ordering = ["programme", "-year"]
        verbose_name = _("programme budget")
        verbose_name_plural = _("programme budgets")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "year"], name="%(app_label)s_%(class)s_one_per_year",
                violation_error_message=_("This programme already has a budget for this year."),
            ),
        ]

    def __str__(self):
        return f"{self.programme} {self.year}"


class Donor(models.Model):
    """A State or an organisation that contributes to one or more programmes."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=DonorKind.choices)
    state = models.ForeignKey("treaties.State", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="donors", verbose_name=_("State"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("donor")
        verbose_name_plural = _("donors")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=DonorKind.STATE, state__isnull=False)
                | Q(kind=DonorKind.ORGANISATION, state__isnull=True),
                name="%(app_label)s_%(class)s_state_matches_kind",
                violation_error_message=_("A donor State needs its State; an organisation none."),
            ),
        ]

    def __str__(self):
        return self.name


class Contribution(models.Model):
    """Money a donor gave to one programme, possibly earmarked to a meeting or a year."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT,
                                  related_name="contributions", verbose_name=_("programme"))
    donor = models.ForeignKey(Donor, on_delete=models.PROTECT, related_name="contributions",
                              verbose_name=_("donor"))
    amount = amount_field(_("amount"))
    currency = currency_field()
    received_on = models.DateField(_("received on"), validators=[validate_date_in_range])
    earmarked_meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.PROTECT,
        related_name="sponsorship_contributions", verbose_name=_("earmarked to meeting"))
    earmarked_year = models.PositiveSmallIntegerField(_("earmarked to year"), null=True,
                                                      blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [models.Index(fields=["programme", "received_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="%(app_label)s_%(class)s_amount_positive",
                violation_error_message=_("A contribution is a positive amount."),
            ),
        ]

    def __str__(self):
        return f"{self.donor} → {self.programme}: {self.currency} {self.amount}"


class EligibleState(models.Model):
    """A State a programme may sponsor (the donors' group's list), for a year or until removed."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE,
                                  related_name="eligible_states", verbose_name=_("programme"))
    state = models.ForeignKey("treaties.State", on_delete=models.PROTECT,
                              related_name="sponsorship_eligibilities", verbose_name=_("State"))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True,
                                            help_text=_("Empty: every year."))
    reason = models.CharField(_("criterion"), max_length=200, blank=True)

    class Meta:
        ordering = ["programme", "state"]
        verbose_name = _("eligible State")
        verbose_name_plural = _("eligible States")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "state", "year"], condition=Q(year__isnull=False),
                name="%(app_label)s_%(class)s_unique_per_year",
                violation_error_message=_("This State is already listed for this year."),
            ),
            models.UniqueConstraint(
                fields=["programme", "state"], condition=Q(year__isnull=True),
                name="%(app_label)s_%(class)s_unique_every_year",
                violation_error_message=_("This State is already listed for every year."),
            ),
        ]

    def __str__(self):
        return f"{self.state} ({self.programme}, {self.year or _('every year')})"


class DSARateQuerySet(models.QuerySet):
    def rate_on(self, city: str, day: datetime.date):
        return self.filter(city__iexact=city, valid_from__lte=day).order_by("-valid_from").first()


class DSARate(models.Model):
    """A daily subsistence allowance rate for a city from a date (the UN changes them often)."""

    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country"), blank=True)
    valid_from = models.DateField(_("valid from"))
    amount = amount_field(_("daily rate"))
    currency = currency_field()

    objects = DSARateQuerySet.as_manager()

    class Meta:
        ordering = ["city", "-valid_from"]
        verbose_name = _("DSA rate")
        verbose_name_plural = _("DSA rates")
        constraints = [
            models.UniqueConstraint(
                fields=["city", "valid_from"], name="%(app_label)s_%(class)s_one_per_city_date",
                violation_error_message=_("This city already has a rate from this date."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="%(app_label)s_%(class)s_amount_positive",
                violation_error_message=_("A rate is a positive amount."),
            ),
        ]

    def __str__(self):
        return f"{self.city} {self.valid_from}: {self.currency} {self.amount}"


class Application(models.Model):
    """A State's request to sponsor its delegates to one or more meetings (a cluster: one trip)."""

    state = models.ForeignKey("treaties.State", on_delete=models.PROTECT,
                              related_name="sponsorship_applications", verbose_name=_("State"))
    status = models.CharField(_("status"), max_length=20, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.DRAFT)
    language = models.CharField(_("language of correspondence"), max_length=2,
                                choices=language_choices, default="en")
    motivation = BoundedTextField(_("motivation"), blank=True)
    meetings = models.ManyToManyField("meetings.Meeting", through="ApplicationMeeting",
                                      related_name="sponsorship_applications",
                                      verbose_name=_("meetings"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    award_letter = models.ForeignKey("core.GeneratedFile", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("award letter"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("sponsorship application")
        verbose_name_plural = _("sponsorship applications")
        indexes = [models.Index(fields=["status", "state"])]

    def __str__(self):
        return _("Application %(number)s (%(state)s)") % {"number": self.pk, "state": self.state}


class ApplicationMeeting(models.Model):
    """A meeting an application asks for, and the programme asked to sponsor it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="meeting_lines")
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT,
                                related_name="sponsorship_lines", verbose_name=_("meeting"))
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT,
                                  related_name="meeting_lines", verbose_name=_("programme"))

    class Meta:
        ordering = ["meeting__start_date", "pk"]
        verbose_name = _("requested meeting")
        verbose_name_plural = _("requested meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "meeting"], name="%(app_label)s_%(class)s_once",
                violation_error_message=_("This meeting is already in the application."),
            ),
        ]

    def __str__(self):
        return f"{self.meeting} ({self.programme})"


class Nominee(models.Model):
    """A delegate the State proposes for sponsorship."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="nominees")
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    function = models.CharField(_("function"), max_length=200, blank=True)
    departure_city = models.CharField(_("travelling from"), max_length=100, blank=True)

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("nominated delegate")
        verbose_name_plural = _("nominated delegates")

    def __str__(self):
        return self.full_name


class ApplicationEvent(models.Model):
    """One step of an application's workflow, with who took it and their comment."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="events")
    from_status = models.CharField(_("from"), max_length=20, choices=ApplicationStatus.choices,
                                   blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=ApplicationStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    comment = BoundedTextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("application event")
        verbose_name_plural = _("application events")

    def __str__(self):
        return f"{self.application_id}: {self.from_status} → {self.to_status}"


class Trip(models.Model):
    """The journey of one sponsored delegate, costed with the DSA rates in force, and the rule
    the programme managers chose to split it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="trips")
    nominee = models.OneToOneField(Nominee, on_delete=models.CASCADE, related_name="trip",
                                   verbose_name=_("delegate"))
    city = models.CharField(_("city of stay"), max_length=100)
    arrival = models.DateField(_("arrival"))
    departure = models.DateField(_("departure"))
    airfare = amount_field(_("airfare"))
    terminal_expenses = amount_field(_("terminal expenses"), default=Decimal("0.00"))
    currency = currency_field()
    rule = models.CharField(_("split rule"), max_length=40, choices=SplitRule.choices,
                            default=SplitRule.FIRST_MEETING_PAYS_JOURNEY)
    nights = models.PositiveSmallIntegerField(_("nights"), default=0)
    dsa_total = amount_field(_("DSA"), default=Decimal("0.00"))
    total = amount_field(_("total"), default=Decimal("0.00"))
    separate_total = amount_field(_("cost of separate trips"), default=Decimal("0.00"))
    planned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["arrival", "pk"]
        verbose_name = _("trip")
        verbose_name_plural = _("trips")
        constraints = [
            models.CheckConstraint(
                condition=Q(departure__gt=F("arrival")),
                name="%(app_label)s_%(class)s_departure_after_arrival",
                violation_error_message=_("The departure must be after the arrival."),
            ),
            models.CheckConstraint(
                condition=adds_up("total", F("airfare") + F("terminal_expenses")
                                  + F("dsa_total")),
                name="%(app_label)s_%(class)s_total_adds_up",
                violation_error_message=_("The total is airfare, terminal expenses and DSA."),
            ),
        ]

    def __str__(self):
        return f"{self.nominee} {self.arrival}–{self.departure}"

    @property
    def saving(self) -> Decimal:
        return self.separate_total - self.total


class CostShare(models.Model):
    """One programme's part of one trip; shares of a trip add up exactly to its total."""

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="shares")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="shares",
                                  verbose_name=_("programme"))
    airfare = amount_field(_("airfare"))
    terminal_expenses = amount_field(_("terminal expenses"))
    dsa = amount_field(_("DSA"))
    nights = models.PositiveSmallIntegerField(_("nights"))
    amount = amount_field(_("amount"))
    separate_cost = amount_field(_("cost of a separate trip"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        ordering = ["trip", "pk"]
        verbose_name = _("cost share")
        verbose_name_plural = _("cost shares")
        constraints = [
            models.UniqueConstraint(
                fields=["trip", "programme"], name="%(app_label)s_%(class)s_one_per_programme",
                violation_error_message=_("A trip has one share per programme."),
            ),
            models.CheckConstraint(
                condition=adds_up("amount", F("airfare") + F("terminal_expenses") + F("dsa")),
                name="%(app_label)s_%(class)s_amount_adds_up",
                violation_error_message=_("A share is its airfare, terminal expenses and DSA."),
            ),
        ]

    def __str__(self):
        return f"{self.programme}: {self.amount}"

    @property
    def saving(self) -> Decimal:
        return self.separate_cost - self.amount
