from django.db import models
from django.utils.translation import gettext_lazy as _


class ObligationKind(models.TextChoices):
    INITIAL = "initial", _("Initial report")
    ANNUAL = "annual", _("Annual report")
    COMPLIANCE = "compliance", _("Compliance report")
    EXTENSION_REQUEST = "extension_request", _("Extension request")


class DueRule(models.TextChoices):
    """How the due date of an obligation is computed (see reporting.deadlines)."""

    DAYS_AFTER_ENTRY_INTO_FORCE = "days_after_eif", _(
        "Within N days of entry into force for the State"
    )
    ANNUAL_FIXED_DATE = "annual_fixed_date", _(
        "Every year by a fixed date, covering the previous calendar year"
    )
    NONE = "none", _("No fixed due date (submitted when needed)")


class PeriodCovered(models.TextChoices):
    """What a report covers (see reporting.deadlines)."""

    PREVIOUS_CALENDAR_YEAR = "previous_calendar_year", _(
        "The calendar year before the due date"
    )
    AS_AT_ENTRY_INTO_FORCE = "as_at_entry_into_force", _(
        "The situation at entry into force for the State"
    )
    NONE = "none", _("No fixed period")


# The period each due-date rule computes with.
PeriodCovered.FOR_RULE = {
    DueRule.ANNUAL_FIXED_DATE: {PeriodCovered.PREVIOUS_CALENDAR_YEAR},
    DueRule.DAYS_AFTER_ENTRY_INTO_FORCE: {PeriodCovered.AS_AT_ENTRY_INTO_FORCE},
    DueRule.NONE: {PeriodCovered.NONE},
}


class FieldType(models.TextChoices):
    TEXT = "text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    INTEGER = "integer", _("Whole number")
    DECIMAL = "decimal", _("Number")
    DATE = "date", _("Date")
    BOOLEAN = "boolean", _("Yes / no")
    CHOICE = "choice", _("Choice")


class ChangeTick(models.TextChoices):
    """The tick every real form carries."""

    CHANGED = "changed", _("Changed")
    UNCHANGED = "unchanged", _("Unchanged since the report of the year given")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class Disclosure(models.TextChoices):
    """Who may read one form of a report once published (Amended Protocol II asks per form)."""

    PUBLIC = "public", _("Public")
    STATES_PARTIES = "states_parties", _("States Parties only")
    WITHHELD = "withheld", _("Withheld")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    PUBLISHED = "published", _("Published")
    RESTRICTED = "restricted", _("Restricted")


ReportStatus.RECEIVED = {ReportStatus.SUBMITTED, ReportStatus.PUBLISHED, ReportStatus.RESTRICTED}


class PublicationWish(models.TextChoices):
    PUBLIC = "public", _("Publish")
    RESTRICTED = "restricted", _("Restrict to States Parties")


class ReminderStage(models.TextChoices):
    BEFORE = "before", _("Before the deadline")
    ON = "on", _("On the deadline")
    AFTER = "after", _("After the deadline")


class ComplianceStatus(models.TextChoices):
    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")
    MISSING = "missing", _("Not received")
    NOT_YET_DUE = "not_yet_due", _("Not yet due")


class ExtensionStatus(models.TextChoices):
    IN_PREPARATION = "in_preparation", _("In preparation")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_ANALYSIS = "under_analysis", _("Under analysis")
    GRANTED = "granted", _("Granted")
    NOT_GRANTED = "not_granted", _("Not granted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# A request in preparation is the State's own, as a draft report is: its ISU reads it once
# submitted (and in every later state).
ExtensionStatus.PRIVATE = {ExtensionStatus.IN_PREPARATION}
