"""Choices of the meetings app, with their named groups. A leaf module: imports nothing local."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONFIRMED = "confirmed", _("Confirmed")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


# A cancelled meeting never clusters, conflicts or receives registrations.
MeetingStatus.ACTIVE = {MeetingStatus.PLANNED, MeetingStatus.CONFIRMED, MeetingStatus.HELD}
# Dates of a meeting that has not taken place yet may still move.
MeetingStatus.MOVABLE = {MeetingStatus.PLANNED, MeetingStatus.CONFIRMED}
MeetingStatus.OPEN_FOR_REGISTRATION = {MeetingStatus.PLANNED, MeetingStatus.CONFIRMED}


class ParticipantRole(models.TextChoices):
    DELEGATE = "delegate", _("Delegate of a State")
    ISU_STAFF = "isu_staff", _("ISU staff")
    OBSERVER_ORGANISATION = "observer_organisation", _("Observer organisation")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Registrations that hold a seat: they appear on badges and receive reminders.
RegistrationStatus.ACTIVE = {RegistrationStatus.PENDING, RegistrationStatus.APPROVED}
RegistrationStatus.DECIDABLE = {RegistrationStatus.PENDING}


class ReminderKind(models.TextChoices):
    MEETING_SOON = "meeting_soon", _("The meeting starts soon")
    DEADLINE_SOON = "deadline_soon", _("The registration deadline is near")
