"""Reporting: obligations and their forms are data; reports are filled per State and cycle."""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.languages import language_choices
from core.text import BoundedTextField
from core.translated import TranslatedNameMixin

from .enums import (
    ChangeTick,
    Disclosure,
    DueRule,
    ExtensionStatus,
    FieldType,
    ObligationKind,
    PeriodCovered,
    PublicationWish,
    ReminderStage,
    ReportStatus,
)


class Obligation(TranslatedNameMixin):
    """A reporting duty under a convention or protocol, with the rule for its due date."""

    convention = models.ForeignKey("treaties.Convention", on_delete=models.PROTECT,
                                   related_name="obligations", verbose_name=_("convention"))
    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=ObligationKind.choices)
    article = models.CharField(_("article"), max_length=100, blank=True)
    due_rule = models.CharField(_("due-date rule"), max_length=30, choices=DueRule.choices)
    due_days = models.PositiveSmallIntegerField(_("days after entry into force"), null=True,
                                                blank=True)
    due_month = models.PositiveSmallIntegerField(_("due month"), null=True, blank=True)
    due_day = models.PositiveSmallIntegerField(_("due day"), null=True, blank=True)
    period_covered = models.CharField(
        _("period covered"), max_length=30, choices=PeriodCovered.choices,
        default=PeriodCovered.PREVIOUS_CALENDAR_YEAR,
    )
    initial_report = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="annual_reports",
        verbose_name=_("initial report"),
        limit_choices_to={"due_rule": DueRule.DAYS_AFTER_ENTRY_INTO_FORCE},
        help_text=_("For an annual report: the initial report of the same series, if the "
                    "instrument asks one (none for the BWC's confidence-building measures)."),
    )
    initial_stands_in = models.BooleanField(
        _("the initial report stands in for the annual one"), default=False,
        help_text=_("An initial report due in a cycle replaces that cycle's annual report "
                    "(CCM and APMBC practice; not the ATT, Art. 13(3))."),
    )
    reminder_days_before = models.PositiveSmallIntegerField(_("remind days before"), default=30)
    reminder_days_after = models.PositiveSmallIntegerField(_("remind days after"), default=14)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    # Extension requests (kind "extension_request"): see reporting.clearance.
    clearance_deadline_years = models.PositiveSmallIntegerField(
        _("years from entry into force to the clearance deadline"), null=True, blank=True,
        help_text=_("Extension requests: the original clearance deadline falls this many years "
                    "after the convention entered into force for the State."))
    extension_max_years = models.PositiveSmallIntegerField(
        _("longest extension per request (years)"), null=True, blank=True,
        help_text=_("Extension requests: a request may ask at most this many years beyond "
                    "the deadline it extends."))
    request_due_months_before = models.PositiveSmallIntegerField(
        _("request due (months before the deadline)"), default=9,
        help_text=_("Extension requests: how many months before the deadline the request is "
                    "due (practice: at least 9 months, for the meeting that decides it)."))

    class Meta:
        ordering = ["convention__ordering_key", "position", "code"]
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_rule_has_its_numbers",
                condition=(
                    Q(due_rule=DueRule.DAYS_AFTER_ENTRY_INTO_FORCE, due_days__isnull=False)
                    | Q(due_rule=DueRule.ANNUAL_FIXED_DATE, due_month__gte=1, due_month__lte=12,
                        due_day__gte=1, due_day__lte=31)
                    | Q(due_rule=DueRule.NONE)
                ),
                violation_error_message=_(
                    "An initial-report rule needs a number of days; an annual rule a month "
                    "(1–12) and a day (1–31)."
                ),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_extension_has_its_numbers",
                condition=(
                    ~Q(kind=ObligationKind.EXTENSION_REQUEST)
                    | Q(clearance_deadline_years__gte=1, extension_max_years__gte=1)
                ),
                violation_error_message=_(
                    "An extension-request obligation needs the years to the clearance deadline "
                    "and the longest extension per request."
                ),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_period_fits_rule",
                condition=(
                    Q(due_rule=DueRule.ANNUAL_FIXED_DATE,
                      period_covered=PeriodCovered.PREVIOUS_CALENDAR_YEAR)
                    | Q(due_rule=DueRule.DAYS_AFTER_ENTRY_INTO_FORCE,
                        period_covered=PeriodCovered.AS_AT_ENTRY_INTO_FORCE)
                    | Q(due_rule=DueRule.NONE, period_covered=PeriodCovered.NONE)
                ),
                violation_error_message=_(
                    "An annual report covers the previous calendar year, an initial report the "
                    "situation at entry into force; a report without a due date no fixed period."
                ),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_stands_in_needs_initial",
                condition=Q(initial_stands_in=False) | Q(initial_report__isnull=False,
                                                         due_rule=DueRule.ANNUAL_FIXED_DATE),
                violation_error_message=_(
                    "Only an annual report with an initial report can have the initial report "
                    "stand in for it."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.convention}: {self.localized_name}"

    def clean(self):
        errors = {}
        if self.due_rule == DueRule.ANNUAL_FIXED_DATE and self.due_month and self.due_day:
            try:
                datetime.date(2024, self.due_month, self.due_day)  # 2024: 29 Feb is allowed
            except ValueError:
                errors["due_day"] = _("This day does not exist in this month.")
        allowed = PeriodCovered.FOR_RULE.get(self.due_rule, set())
        if self.due_rule in PeriodCovered.FOR_RULE and self.period_covered not in allowed:
            errors["period_covered"] = _("This period does not fit the due-date rule.")
        if self.initial_report_id is not None:
            initial = self.initial_report
            if self.due_rule != DueRule.ANNUAL_FIXED_DATE:
                errors["initial_report"] = _("Only an annual report has an initial report.")
            elif initial.due_rule != DueRule.DAYS_AFTER_ENTRY_INTO_FORCE:
                errors["initial_report"] = _(
                    "The initial report falls due a number of days after entry into force.")
            elif initial.convention_id != self.convention_id:
                errors["initial_report"] = _(
                    "The initial report belongs to the same convention.")
        if self.initial_stands_in and self.initial_report_id is None:
            errors["initial_stands_in"] = _(
                "Only an obligation with an initial report can have it stand in.")
        if errors:
            raise ValidationError(errors)

    @property
    def family(self) -> str:
        if self.due_rule == DueRule.ANNUAL_FIXED_DATE:
            return f"{self.due_month:02d}-{self.due_day:02d}"
        return "initial" if self.due_rule == DueRule.DAYS_AFTER_ENTRY_INTO_FORCE else ""


class ReportForm(TranslatedNameMixin):
    """One form (section) of an obligation's report, in order: Form A, Form B ..."""

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="forms",
                                   verbose_name=_("obligation"))
    code = models.CharField(_("code"), max_length=10)
    reference = models.CharField(_("treaty reference"), max_length=100, blank=True)
    voluntary = models.BooleanField(_("voluntary"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["obligation", "position", "code"]
        verbose_name = _("report form")
        verbose_name_plural = _("report forms")
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "code"], name="%(app_label)s_%(class)s_unique_code",
                violation_error_message=_("This obligation already has a form with this code."),
            ),
        ]

    def __str__(self):
        return f"{_('Form')} {self.code}: {self.localized_name}"


class FormField(TranslatedNameMixin):
    """A typed field of a form; a field with a theme is shared across the State's reports."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="fields",
                             verbose_name=_("form"))
    key = models.SlugField(_("key"), max_length=60)
    field_type = models.CharField(_("type"), max_length=20, choices=FieldType.choices)
    required = models.BooleanField(_("required"), default=False)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    min_value = models.DecimalField(
        _("smallest value"), max_digits=24, decimal_places=6, null=True, blank=True,
        help_text=_("For a number: the smallest answer accepted (e.g. 0 for an area)."))
    max_value = models.DecimalField(
        _("largest value"), max_digits=24, decimal_places=6, null=True, blank=True,
        help_text=_("For a number: the largest answer accepted."))
    decimal_places = models.PositiveSmallIntegerField(
        _("decimal places"), null=True, blank=True,
        help_text=_("For a decimal number: at most this many digits after the point."))
    theme = models.ForeignKey("treaties.ThematicArea", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="form_fields",
                              verbose_name=_("shared theme"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["form", "position", "key"]
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")
        constraints = [
            models.UniqueConstraint(
                fields=["form", "key"], name="%(app_label)s_%(class)s_unique_key",
                violation_error_message=_("This form already has a field with this key."),
            ),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True) | Q(max_value__isnull=True)
                | Q(min_value__lte=F("max_value")),
                name="%(app_label)s_%(class)s_range_in_order",
                violation_error_message=_("The smallest value cannot exceed the largest."),
            ),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True, max_value__isnull=True)
                | Q(field_type__in=[FieldType.INTEGER, FieldType.DECIMAL]),
                name="%(app_label)s_%(class)s_range_only_for_numbers",
                violation_error_message=_("Only a number field has a range."),
            ),
            models.CheckConstraint(
                condition=Q(decimal_places__isnull=True) | Q(field_type=FieldType.DECIMAL),
                name="%(app_label)s_%(class)s_places_only_for_decimals",
                violation_error_message=_("Only a decimal field has decimal places."),
            ),
        ]

    def __str__(self):
        return f"{self.form.code}.{self.key}"

    def clean(self):
        if self.field_type == FieldType.CHOICE and not self.choices:
            raise ValidationError({"choices": _("A choice field needs its choices.")})
        if self.field_type == FieldType.INTEGER:
            for name in ("min_value", "max_value"):
                value = getattr(self, name)
                if value is not None and value != value.to_integral_value():
                    raise ValidationError({name: _("A whole-number field has whole bounds.")})


class Report(models.Model):
    """A State's report under one obligation for one cycle: draft, submitted, published."""

    state = models.ForeignKey("treaties.State", on_delete=models.PROTECT,
                              related_name="reports", verbose_name=_("State"))
    obligation = models.ForeignKey(Obligation, on_delete=models.PROTECT, related_name="reports",
                                   verbose_name=_("obligation"))
    cycle_year = models.PositiveSmallIntegerField(_("cycle"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices,
                              default=ReportStatus.DRAFT)
    language = models.CharField(_("language"), max_length=5, choices=language_choices,
                                default="en")
    publication_wish = models.CharField(_("publication"), max_length=20,
                                        choices=PublicationWish.choices,
                                        default=PublicationWish.PUBLIC)
    shared_with_isu = models.BooleanField(
        _("draft shared with the ISU"), default=False,
        help_text=_("Let the convention's ISU read this draft (e.g. to advise on it)."))
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="copies", verbose_name=_("copied from"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-cycle_year", "state", "obligation"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "obligation", "cycle_year"],
                name="%(app_label)s_%(class)s_one_per_cycle",
                violation_error_message=_("This State already has this report for this cycle."),
            ),
            models.CheckConstraint(
                condition=Q(period_start__lte=F("period_end")),
                name="%(app_label)s_%(class)s_period_in_order",
                violation_error_message=_("The period must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="%(app_label)s_%(class)s_submitted_has_date",
                violation_error_message=_("A submitted report has a submission date."),
            ),
        ]
        indexes = [models.Index(fields=["obligation", "cycle_year"],
                                name="reporting_report_obl_cycle_idx")]

    def __str__(self):
        return f"{self.state.iso3} · {self.obligation.code} · {self.cycle_year}"

    @property
    def convention_ids(self) -> set[int]:
        convention = self.obligation.convention
        return {convention.pk, convention.parent_id} - {None}


class SectionEntry(models.Model):
    """What a State wrote in one form of one report. `version` guards concurrent editing."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="entries",
                               verbose_name=_("report"))
    form = models.ForeignKey(ReportForm, on_delete=models.PROTECT, related_name="entries",
                             verbose_name=_("form"))
    tick = models.CharField(_("since the last report"), max_length=20,
                            choices=ChangeTick.choices, default=ChangeTick.CHANGED)
    unchanged_since_year = models.PositiveSmallIntegerField(_("unchanged since the report of"),
                                                            null=True, blank=True)
    disclosure = models.CharField(_("disclosure"), max_length=20, choices=Disclosure.choices,
                                  default=Disclosure.PUBLIC)
    data = models.JSONField(_("answers"), default=dict, blank=True)
    agency = models.CharField(_("contributing agency"), max_length=200, blank=True)
    origins = models.JSONField(
        _("shared answers taken from"), default=dict, blank=True,
        help_text=_("Field key -> the section entry a shared answer was taken from."))
    version = models.PositiveIntegerField(_("version"), default=0)
    editor_since_version = models.PositiveIntegerField(
        _("saved by the last editor since version"), default=0,
        help_text=_("Every version from this one to the current was saved by updated_by: a "
                    "save of theirs based on any of these is not a conflict with themselves."))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["report", "form__position"]
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "form"], name="%(app_label)s_%(class)s_one_per_form",
                violation_error_message=_("This report already has this form."),
            ),
            models.CheckConstraint(
                condition=~Q(tick=ChangeTick.UNCHANGED) | Q(unchanged_since_year__isnull=False),
                name="%(app_label)s_%(class)s_unchanged_has_year",
                violation_error_message=_("Say since which year's report nothing changed."),
            ),
            models.CheckConstraint(
                condition=Q(editor_since_version__lte=F("version")),
                name="%(app_label)s_%(class)s_editor_run_within_versions",
                violation_error_message=_("The last editor's run cannot start after the "
                                          "current version."),
            ),
        ]

    def __str__(self):
        return f"{self.report} · {self.form.code}"


class ReportVersion(models.Model):
    """A frozen copy of a report at each submission (versions are kept)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions",
                               verbose_name=_("report"))
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices)
    snapshot = models.JSONField(_("content"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "-number"]
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"], name="%(app_label)s_%(class)s_unique_number",
                violation_error_message=_("This version number already exists."),
            ),
        ]

    def __str__(self):
        return f"{self.report} v{self.number}"


ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".csv": "text/csv",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


def attachment_path(instance, filename):
    return f"reporting/{instance.report_id}/{Path(filename).name}"


class Attachment(models.Model):
    """A file attached to a report (maps, tables), checked for size and type."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments",
                               verbose_name=_("report"))
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("type"), max_length=120)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=Q(size__lte=ATTACHMENT_MAX_BYTES),
                name="%(app_label)s_%(class)s_size_limit",
                violation_error_message=_("An attachment may be at most 10 MB."),
            ),
        ]

    def __str__(self):
        return self.original_name


class ExtensionRequest(models.Model):
    """A request to extend a clearance deadline (APMBC Article 5, CCM Article 4)."""

    state = models.ForeignKey("treaties.State", on_delete=models.PROTECT,
                              related_name="extension_requests", verbose_name=_("State"))
    convention = models.ForeignKey("treaties.Convention", on_delete=models.PROTECT,
                                   related_name="extension_requests",
                                   verbose_name=_("convention"))
    article = models.CharField(_("article"), max_length=40)
    current_deadline = models.DateField(_("current clearance deadline"))
    requested_deadline = models.DateField(_("requested deadline"))
    status = models.CharField(_("status"), max_length=20, choices=ExtensionStatus.choices,
                              default=ExtensionStatus.IN_PREPARATION)
    submission_due_on = models.DateField(_("request due on"), null=True, blank=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    analysis_due_on = models.DateField(_("analysis due on"), null=True, blank=True)
    decision_meeting_on = models.DateField(_("decided at the meeting of"), null=True,
                                           blank=True)
    notes = BoundedTextField(_("notes"), blank=True)

    class Meta:
        ordering = ["current_deadline", "state"]
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_deadline__gt=F("current_deadline")),
                name="%(app_label)s_%(class)s_extends_deadline",
                violation_error_message=_("The requested deadline must be later than the "
                                          "current one."),
            ),
            models.UniqueConstraint(
                fields=["state", "convention", "current_deadline"],
                name="%(app_label)s_%(class)s_one_per_deadline",
                violation_error_message=_("This deadline already has an extension request."),
            ),
        ]

    def __str__(self):
        return f"{self.state.iso3} · {self.convention} · {self.requested_deadline}"


class SynchronizedDeadline(models.Model):
    """The single internal deadline a State's focal point adopted for a cycle's reports."""

    state = models.ForeignKey("treaties.State", on_delete=models.PROTECT,
                              related_name="synchronized_deadlines", verbose_name=_("State"))
    cycle_year = models.PositiveSmallIntegerField(_("cycle"))
    internal_deadline = models.DateField(_("internal deadline"))
    margin_days = models.PositiveSmallIntegerField(_("margin (days)"), default=30)
    adopted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    adopted_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["state", "-cycle_year"]
        verbose_name = _("synchronized deadline")
        verbose_name_plural = _("synchronized deadlines")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "cycle_year"], name="%(app_label)s_%(class)s_one_per_cycle",
                violation_error_message=_("This State already adopted a deadline for this "
                                          "cycle."),
            ),
        ]

    def __str__(self):
        return f"{self.state.iso3} {self.cycle_year}: {self.internal_deadline}"


class ReminderMessage(models.Model):
    """The one reminder email a person gets on a day, across conventions."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="reporting_reminders", verbose_name=_("person"))
    day = models.DateField(_("day"))
    email = models.EmailField(_("sent to"))
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("body"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-day", "user"]
        verbose_name = _("reminder email")
        verbose_name_plural = _("reminder emails")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "day"], name="%(app_label)s_%(class)s_one_per_person_per_day",
                violation_error_message=_("This person already has a reminder for this day."),
            ),
        ]

    def __str__(self):
        return f"{self.user} {self.day}"


class ReminderItem(models.Model):
    """One reminder (a report, a stage) for one person: the unique row that makes it once."""

    message = models.ForeignKey(ReminderMessage, on_delete=models.CASCADE,
                                related_name="items", verbose_name=_("email"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+", verbose_name=_("person"))
    day = models.DateField(_("day"))
    state = models.ForeignKey("treaties.State", on_delete=models.CASCADE, related_name="+")
    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="+")
    cycle_year = models.PositiveSmallIntegerField(_("cycle"))
    due_on = models.DateField(_("due on"))
    stage = models.CharField(_("stage"), max_length=10, choices=ReminderStage.choices)

    class Meta:
        ordering = ["message", "due_on"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "state", "obligation", "cycle_year", "stage"],
                name="%(app_label)s_%(class)s_once_per_stage",
                violation_error_message=_("This reminder was already sent."),
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.obligation.code} {self.cycle_year} · {self.stage}"
