"""Choices of the meetings app, with their named groups. A leaf module: imports nothing local."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    MEETING_OF_STATES_PARTIES = "msp", _("Meeting of States Parties")
    REVIEW_CONFERENCE = "review_conference", _("Review Conference")
    INTERSESSIONAL = "intersessional", _("Intersessional meeting")
    PREPARATORY = "preparatory", _("Preparatory meeting")
    INFORMAL = "informal", _("Informal meeting")
    COMMITTEE = "committee", _("Committee meeting")
    SEMINAR = "seminar", _("Seminar")
    WORKSHOP = "workshop", _("Workshop")
    TRAINING = "training", _("Training")
    CAPACITY_BUILDING = "capacity_building", _("Capacity building")


# Joint activities (¶25): open to several conventions' audiences by nature.
MeetingKind.JOINT_ACTIVITIES = {
    MeetingKind.SEMINAR, MeetingKind.WORKSHOP, MeetingKind.TRAINING,
    MeetingKind.CAPACITY_BUILDING,
}
# Formal meetings where only States Parties (and admitted observers) sit as delegations.
MeetingKind.FORMAL = {
    MeetingKind.MEETING_OF_STATES_PARTIES, MeetingKind.REVIEW_CONFERENCE,
    MeetingKind.INTERSESSIONAL, MeetingKind.PREPARATORY,
}


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
