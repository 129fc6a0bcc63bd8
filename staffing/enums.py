"""Choices and constants of staffing: a leaf module, importable from anywhere."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

FULL_TIME = Decimal("1")
# A consultant's days or hours charged in a year turn into a share of a full-time equivalent
# with the host's standard working year (the GICHD counts 220 working days of 8 hours).
WORKING_DAYS_PER_YEAR = Decimal("220")
HOURS_PER_DAY = Decimal("8")


class AssignmentKind(models.TextChoices):
    """The two forms of sharing the report names (¶9): part-time, or consulting."""

    PART_TIME = "part_time", _("Part-time for the unit")
    CONSULTING = "consulting", _("Consulting (hours or days charged)")


class AssignmentStatus(models.TextChoices):
    """Putting another unit's person on a post waits for that unit's consent (or the host's);
    until consented an assignment grants nothing and counts for nothing."""

    PENDING = "pending", _("Awaiting consent")
    CONSENTED = "consented", _("In force")
    DECLINED = "declined", _("Declined")


class ChargeUnit(models.TextChoices):
    DAYS = "days", _("days")
    HOURS = "hours", _("hours")


class AbsenceKind(models.TextChoices):
    LEAVE = "leave", _("Leave")
    MISSION = "mission", _("Mission")
    SICK = "sick", _("Sick leave")
    TRAINING = "training", _("Training")


class SpendingCategory(models.TextChoices):
    """The categories of an ISU's yearly spending."""

    STAFF = "staff", _("Staff")
    TRAVEL = "travel", _("Travel")
    MEETINGS = "meetings", _("Meetings")
    OTHER = "other", _("Other")


class SharingOption(models.TextChoices):
    """The ways to get a technical expert for two units (¶9)."""

    SEPARATE = "separate", _("Hire one expert for each unit")
    PART_TIME = "part_time", _("Share one expert part-time")
    CONSULTING = "consulting", _("One expert based in one unit, consulting for the other")
