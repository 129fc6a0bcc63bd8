"""Posts, people, their assignments over time, cover between colleagues, and what it costs.

Posts are decided by each convention's States Parties; a person may hold posts in more than one
ISU (a shared expert), but never more than one full-time equivalent on any date. Salaries and
spending are confidential to the ISU's staff, the host's finance staff and administrators.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.money import amount_field, currency_field
from core.text import BoundedTextField

from .enums import (
    FULL_TIME,
    AbsenceKind,
    AssignmentKind,
    AssignmentStatus,
    ChargeUnit,
    SpendingCategory,
)


def fte_field(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name, max_digits=5, decimal_places=4,
        validators=[MinValueValidator(0), MaxValueValidator(FULL_TIME)], **kwargs,
    )


class PostQuerySet(models.QuerySet):
    def approved_on(self, day):
        return self.filter(approved_from__lte=day).filter(
            Q(approved_until__isnull=True) | Q(approved_until__gte=day)
        )


class Post(models.Model):
    """A position in one ISU, with its grade and FTE share, approved for a period."""

    isu = models.ForeignKey("treaties.ISU", on_delete=models.PROTECT, related_name="posts",
                            verbose_name=_("ISU"))
    title = models.CharField(_("title"), max_length=200)
    grade = models.CharField(_("grade"), max_length=20, help_text=_("e.g. P-5, P-3, G-6"))
    fte = fte_field(_("share of a full-time equivalent"))
    approved_from = models.DateField(_("approved from"))
    approved_until = models.DateField(_("approved until"), null=True, blank=True)
    approved_by = models.CharField(
        _("approved by"), max_length=200, blank=True,
        help_text=_("The States Parties' decision, e.g. 6MSP final report"),
    )
    work_plan = models.CharField(_("work plan"), max_length=200, blank=True,
                                 help_text=_("The work plan the post serves, e.g. 2016–2020"))
    description = BoundedTextField(_("description"), blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["isu", "approved_from", "title"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.CheckConstraint(
                condition=Q(fte__gt=0) & Q(fte__lte=1),
                name="%(app_label)s_%(class)s_fte_in_range",
                violation_error_message=_("A post is more than 0 and at most 1 FTE."),
            ),
            models.CheckConstraint(
                condition=Q(approved_until__isnull=True)
                | Q(approved_until__gte=F("approved_from")),
                name="%(app_label)s_%(class)s_period_in_order",
                violation_error_message=_("A post's approval ends after it starts."),
            ),
        ]
        indexes = [models.Index(fields=["isu", "approved_from"], name="staffing_post_isu_idx")]

    def __str__(self):
        return f"{self.title} ({self.grade}, {self.fte.normalize()} FTE)"

    def is_approved_on(self, day) -> bool:
        return self.approved_from <= day and (self.approved_until is None
                                              or self.approved_until >= day)


class StaffMember(models.Model):
    """A person working for one or more ISUs; not necessarily a portal user."""

    full_name = models.CharField(_("full name"), max_length=200)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="staff_member",
                                verbose_name=_("portal user"))
    email = models.EmailField(_("email"), blank=True)
    home_isu = models.ForeignKey("treaties.ISU", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="based_staff", verbose_name=_("based in"))
    expertise = models.CharField(_("expertise"), max_length=200, blank=True,
                                 help_text=_("e.g. land release, victim assistance"))

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")

    def __str__(self):
        return self.full_name


class AssignmentQuerySet(models.QuerySet):
    def in_force(self):
        """Consented assignments: the only ones that staff a post, count in FTE and costs, and
        let the post's ISU see what the person costs it."""
        return self.filter(status=AssignmentStatus.CONSENTED)

    def active_on(self, day):
        return self.filter(starts_on__lte=day).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))

    def overlapping(self, start, end):
        """Assignments with at least one day in [start, end] (end None: open-ended)."""
        qs = self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start))
        return qs if end is None else qs.filter(starts_on__lte=end)


class Assignment(models.Model):
    """A person holding a post for a period, part-time or as a consultant charging time."""

    staff_member = models.ForeignKey(StaffMember, on_delete=models.PROTECT,
                                     related_name="assignments", verbose_name=_("staff member"))
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="assignments",
                             verbose_name=_("post"))
    kind = models.CharField(_("form"), max_length=20, choices=AssignmentKind.choices,
                            default=AssignmentKind.PART_TIME)
    fte = fte_field(_("share of a full-time equivalent"))
    charge_unit = models.CharField(_("charged in"), max_length=10, choices=ChargeUnit.choices,
                                   blank=True)
    charged_per_year = models.DecimalField(
        _("charged per year"), max_digits=7, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Days or hours a year the consultant charges to this unit"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AssignmentStatus.choices,
        default=AssignmentStatus.PENDING,
        help_text=_("Another unit's person is assigned only once their unit (or the host) "
                    "consents"))

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["staff_member", "starts_on"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(fte__gt=0) & Q(fte__lte=1),
                name="%(app_label)s_%(class)s_fte_in_range",
                violation_error_message=_("An assignment is more than 0 and at most 1 FTE."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="%(app_label)s_%(class)s_period_in_order",
                violation_error_message=_("An assignment ends after it starts."),
            ),
            models.CheckConstraint(
                condition=(Q(kind=AssignmentKind.CONSULTING) & ~Q(charge_unit="")
                           & Q(charged_per_year__gt=0))
                | (Q(kind=AssignmentKind.PART_TIME) & Q(charge_unit="")
                   & Q(charged_per_year__isnull=True)),
                name="%(app_label)s_%(class)s_charge_matches_kind",
                violation_error_message=_(
                    "A consultant charges days or hours; a part-time assignment charges neither."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=AssignmentStatus.values),
                name="%(app_label)s_%(class)s_status_known",
                violation_error_message=_("Unknown assignment status."),
            ),
        ]
        indexes = [
            models.Index(fields=["staff_member", "starts_on"], name="staffing_assign_person_idx"),
            models.Index(fields=["post", "starts_on"], name="staffing_assign_post_idx"),
        ]

    def __str__(self):
        return f"{self.staff_member} – {self.post.title} ({self.fte.normalize()} FTE)"

    def clean(self):
        errors = {}
        if self.kind == AssignmentKind.CONSULTING:
            if not self.charge_unit:
                errors["charge_unit"] = _("Say whether the consultant charges days or hours.")
            if not self.charged_per_year:
                errors["charged_per_year"] = _("Say how many days or hours a year are charged.")
        elif self.charge_unit or self.charged_per_year is not None:
            errors["kind"] = _("Only a consulting assignment charges days or hours.")
        if self.post_id and self.starts_on:
            post = self.post
            if self.starts_on < post.approved_from or (
                post.approved_until and (self.ends_on is None or self.ends_on > post.approved_until)
            ):
                errors["starts_on"] = _("The assignment must fall within the post's approved "
                                        "period (%(start)s – %(end)s).") % {
                    "start": post.approved_from, "end": post.approved_until or "…"}
        if errors:
            raise ValidationError(errors)

    @property
    def isu_id(self):
        return self.post.isu_id


class StaffCost(models.Model):
    """One person's salary and social charges for one year (confidential)."""

    staff_member = models.ForeignKey(StaffMember, on_delete=models.CASCADE,
                                     related_name="costs", verbose_name=_("staff member"))
    year = models.PositiveSmallIntegerField(_("year"))
    salary = amount_field(_("salary"))
    social_charges = amount_field(_("social charges"))
    currency = currency_field()

    class Meta:
        ordering = ["staff_member", "-year"]
        verbose_name = _("staff cost")
        verbose_name_plural = _("staff costs")
        constraints = [
            models.UniqueConstraint(
                fields=["staff_member", "year"], name="%(app_label)s_%(class)s_one_per_year",
                violation_error_message=_("This person already has a cost for this year."),
            ),
            models.CheckConstraint(
                condition=Q(salary__gte=0) & Q(social_charges__gte=0),
                name="%(app_label)s_%(class)s_not_negative",
                violation_error_message=_("Salary and charges cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.staff_member} {self.year}"

    @property
    def total(self):
        return self.salary + self.social_charges


class Spending(models.Model):
    """What an ISU spent in one year in one category (confidential)."""

    isu = models.ForeignKey("treaties.ISU", on_delete=models.PROTECT, related_name="spending",
                            verbose_name=_("ISU"))
    year = models.PositiveSmallIntegerField(_("year"))
    category = models.CharField(_("category"), max_length=20, choices=SpendingCategory.choices)
    amount = amount_field(_("amount"))
    currency = currency_field()
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        ordering = ["isu", "-year", "category"]
        verbose_name = _("spending")
        verbose_name_plural = _("spending")
        constraints = [
            models.UniqueConstraint(
                fields=["isu", "year", "category"],
                name="%(app_label)s_%(class)s_one_per_category_and_year",
                violation_error_message=_("This ISU already has this category for this year."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="%(app_label)s_%(class)s_not_negative",
                violation_error_message=_("Spending cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.isu} {self.year} {self.get_category_display()}"


class Duty(models.Model):
    """A duty of an ISU held by one person, e.g. 'Article 7 reports' or 'sponsorship advice'."""

    isu = models.ForeignKey("treaties.ISU", on_delete=models.CASCADE, related_name="duties",
                            verbose_name=_("ISU"))
    name = models.CharField(_("duty"), max_length=200)
    holder = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="duties",
                               verbose_name=_("held by"))

    class Meta:
        ordering = ["isu", "name"]
        verbose_name = _("duty")
        verbose_name_plural = _("duties")
        constraints = [
            models.UniqueConstraint(fields=["isu", "name"],
                                    name="%(app_label)s_%(class)s_unique_name",
                                    violation_error_message=_("This ISU already has this duty.")),
        ]

    def __str__(self):
        return self.name


class Backstop(models.Model):
    """Who covers a duty when its holder is away, in order of call."""

    duty = models.ForeignKey(Duty, on_delete=models.CASCADE, related_name="backstops",
                             verbose_name=_("duty"))
    backup = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="backstops",
                               verbose_name=_("covered by"))
    rank = models.PositiveSmallIntegerField(_("order of call"), default=1)

    class Meta:
        ordering = ["duty", "rank"]
        verbose_name = _("backstop")
        verbose_name_plural = _("backstops")
        constraints = [
            models.UniqueConstraint(fields=["duty", "backup"],
                                    name="%(app_label)s_%(class)s_once_per_duty",
                                    violation_error_message=_("This person already covers "
                                                              "this duty.")),
        ]

    def __str__(self):
        return f"{self.backup} covers {self.duty}"

    def clean(self):
        if self.duty_id and self.backup_id and self.duty.holder_id == self.backup_id:
            raise ValidationError({"backup": _("A person cannot cover their own duty.")})


class Absence(models.Model):
    """A period a person is away: leave, mission, sickness, training."""

    staff_member = models.ForeignKey(StaffMember, on_delete=models.CASCADE,
                                     related_name="absences", verbose_name=_("staff member"))
    kind = models.CharField(_("kind"), max_length=20, choices=AbsenceKind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["starts_on", "staff_member"]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="%(app_label)s_%(class)s_period_in_order",
                violation_error_message=_("An absence ends on or after its first day."),
            ),
        ]

    def __str__(self):
        return f"{self.staff_member}: {self.get_kind_display()} {self.starts_on}–{self.ends_on}"
