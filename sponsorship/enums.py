from django.db import models
from django.utils.translation import gettext_lazy as _

from . import split


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    APPROVED = "approved", _("Approved")
    WAITLISTED = "waitlisted", _("Waitlisted")
    REJECTED = "rejected", _("Rejected")
    TRAVEL_BOOKED = "travel_booked", _("Travel booked")
    ATTENDED = "attended", _("Attended")
    SETTLED = "settled", _("Settled")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = ApplicationStatus
# Money is committed from approval until settlement, then spent.
ApplicationStatus.COMMITTED = frozenset({S.APPROVED, S.TRAVEL_BOOKED, S.ATTENDED})
ApplicationStatus.SPENT = frozenset({S.SETTLED})
# Applications that count against "one sponsored delegate per State per meeting".
ApplicationStatus.IN_PLAY = frozenset({S.SUBMITTED, S.UNDER_REVIEW, S.APPROVED, S.WAITLISTED,
                                       S.TRAVEL_BOOKED, S.ATTENDED, S.SETTLED})
# Staff see an application once the State has submitted it.
ApplicationStatus.VISIBLE_TO_STAFF = ApplicationStatus.IN_PLAY | {S.REJECTED}
# Staff may (re)plan trips until travel is booked.
ApplicationStatus.PLANNABLE = frozenset({S.SUBMITTED, S.UNDER_REVIEW, S.WAITLISTED})

# (from, to) -> who may: "state" (the State's focal point) or "manager" (programme managers).
TRANSITIONS = {
    (S.DRAFT, S.SUBMITTED): "state",
    (S.DRAFT, S.WITHDRAWN): "state",
    (S.SUBMITTED, S.UNDER_REVIEW): "manager",
    (S.UNDER_REVIEW, S.APPROVED): "manager",
    (S.UNDER_REVIEW, S.WAITLISTED): "manager",
    (S.UNDER_REVIEW, S.REJECTED): "manager",
    (S.WAITLISTED, S.APPROVED): "manager",
    (S.WAITLISTED, S.REJECTED): "manager",
    (S.APPROVED, S.TRAVEL_BOOKED): "manager",
    (S.TRAVEL_BOOKED, S.ATTENDED): "manager",
    (S.ATTENDED, S.SETTLED): "manager",
}


class SplitRule(models.TextChoices):
    FIRST_MEETING_PAYS_JOURNEY = split.DEFAULT, _(
        "First meeting's programme pays the journey; each night to the meeting it serves")
    PRO_RATA_DAYS = split.PRO_RATA_DAYS, _("Pro rata by meeting days")


class DonorKind(models.TextChoices):
    STATE = "state", _("State")
    ORGANISATION = "organisation", _("Organisation")


