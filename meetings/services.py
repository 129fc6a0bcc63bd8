"""Writes of the meetings app: the one door for every change to meetings and registrations.

Each service takes keyword arguments and an explicit `actor`, checks permission (rules.py),
runs in one transaction with its audit row, and sends email only after commit.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import access
from core import audit
from core.dates import add_days

from . import rules, selectors
from .enums import MeetingStatus, ParticipantRole, RegistrationStatus, ReminderKind
from .models import (
    Meeting,
    MeetingDateChange,
    MeetingDocument,
    MeetingKind,
    ParticipantNotice,
    ProposalAcceptance,
    Registration,
    Reminder,
    ReminderMessage,
    Session,
)

logger = logging.getLogger(__name__)

MEETING_FIELDS = ("kind", "title", "description", "venue", "city", "country", "start_date",
                  "end_date", "status", "registration_deadline", "admits_observers", "website")


def _snapshot(meeting) -> dict:
    """The audited fields as JSON-friendly values (a country as its code)."""
    values = {}
    for name in MEETING_FIELDS:
        value = meeting.kind_id if name == "kind" else getattr(meeting, name)
        values[name] = value.code if hasattr(value, "code") and name == "country" else value
    return values


def _diff(before: dict, after: dict) -> dict:
    return {name: [before.get(name), after[name]] for name in after
            if before.get(name) != after[name]}


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You may not do this."))


def _resolve_kind(fields: dict) -> dict:
    """`kind` may be given as a MeetingKind or as its code (the demo, the API's strings)."""
    kind = fields.get("kind")
    if isinstance(kind, str):
        found = MeetingKind.objects.filter(code=kind).first()
        if found is None:
            raise ValidationError({"kind": _("Unknown meeting kind %(code)r.") % {"code": kind}})
        fields["kind"] = found
    return fields


def _check_kind_fits(meeting, conventions) -> None:
    """A convention's own kind of meeting (its Conference of States Parties, say) is held by
    that convention: it must be one of the meeting's."""
    kind = meeting.kind
    if kind.convention_id is not None and kind.convention_id not in {c.pk for c in conventions}:
        raise ValidationError({"kind": _("This kind of meeting belongs to %(convention)s, "
                                         "which is not among the meeting's conventions.")
                               % {"convention": kind.convention}})


def _set_relations(meeting, conventions, thematic_areas):
    if conventions is not None:
        conventions = list(conventions)
        if not conventions:
            raise ValidationError({"conventions": _("A meeting belongs to at least one "
                                                    "convention.")})
        meeting.conventions.set(conventions)
    if thematic_areas is not None:
        meeting.thematic_areas.set(list(thematic_areas))
    meeting._prefetched_objects_cache = {}


@transaction.atomic
def meeting_create(*, actor, conventions, thematic_areas=(), **fields) -> Meeting:
    """Create a meeting of one or more conventions."""
    conventions = list(conventions or [])
    if not conventions:
        raise ValidationError({"conventions": _("A meeting belongs to at least one convention.")})
    _require(actor is None or rules.can_create_meeting(actor, conventions))
    meeting = Meeting(**_resolve_kind(fields))
    meeting.full_clean()
    _check_kind_fits(meeting, conventions)
    meeting.save()
    _set_relations(meeting, conventions, thematic_areas)
    audit.record(actor=actor, action="meeting.created", target=meeting,
                 changes={**_diff({}, _snapshot(meeting)),
                          "conventions": [None, sorted(c.code for c in conventions)]})
    return meeting


def _schedule_notice(meeting_id: int, event: str) -> None:
    """After commit, queue the task that tells the meeting's participants of `event`."""
    from .tasks import participants_notify

    transaction.on_commit(
        lambda: participants_notify.delay(meeting_id=meeting_id, event=event))


def subject_for(kind: str, meeting) -> str:
    subjects = {
        "dates_changed": _("New dates: %(title)s"),
        "cancelled": _("Cancelled: %(title)s"),
        "meeting_soon": _("Reminder: %(title)s starts on %(date)s"),
        "deadline_soon": _("Registration deadline %(deadline)s: %(title)s"),
    }
    return subjects[kind] % {"title": meeting.title, "date": meeting.start_date,
                             "deadline": meeting.registration_deadline}


def _record_date_change(*, actor, meeting, previous_start, previous_end, reason) -> None:
    change = MeetingDateChange.objects.create(
        meeting=meeting, previous_start=previous_start, previous_end=previous_end,
        new_start=meeting.start_date, new_end=meeting.end_date, reason=reason, changed_by=actor,
    )
    _schedule_notice(meeting.pk, f"dates:{change.pk}")


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, conventions=None, thematic_areas=None,
                   reason: str = "", **fields) -> Meeting:
    """Change a meeting's fields; moved dates are kept in its history and announced to its
    registered participants."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require(actor is None or rules.can_manage_meeting(actor, meeting))
    if conventions is not None:
        conventions = list(conventions)
        if actor is not None and not rules.can_change_owners(actor, meeting) and (
                {c.pk for c in conventions} != {c.pk for c in meeting.conventions.all()}):
            others = sorted(c.code for c in meeting.conventions.all()
                            if not access.is_isu_staff(actor, c))
            raise ValidationError({"conventions": _(
                "The conventions of a joint meeting change only with every owning ISU: ask "
                "the ISU of %(others)s or an administrator to make this change."
            ) % {"others": ", ".join(others)}})
        if {c.pk for c in conventions} != {c.pk for c in meeting.conventions.all()}:
            _require(actor is None or rules.can_create_meeting(actor, conventions))
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"unknown meeting fields: {sorted(unknown)}")
    if fields.get("status") == MeetingStatus.CANCELLED and not meeting.is_cancelled:
        raise ValidationError({"status": _("Cancel a meeting with its Cancel action.")})
    before = _snapshot(meeting)
    for name, value in _resolve_kind(fields).items():
        setattr(meeting, name, value)
    meeting.full_clean()
    _check_kind_fits(meeting, conventions if conventions is not None
                     else list(meeting.conventions.all()))
    meeting.save()
    previous_codes = sorted(c.code for c in meeting.conventions.all())
    _set_relations(meeting, conventions, thematic_areas)
    changes = _diff(before, _snapshot(meeting))
    if conventions is not None and sorted(c.code for c in conventions) != previous_codes:
        changes["conventions"] = [previous_codes, sorted(c.code for c in conventions)]
    if "start_date" in changes or "end_date" in changes:
        _record_date_change(actor=actor, meeting=meeting,
                            previous_start=before["start_date"],
                            previous_end=before["end_date"],
                            reason=reason)
    if changes:
        audit.record(actor=actor, action="meeting.changed", target=meeting, changes=changes)
    return meeting


@transaction.atomic
def meeting_reschedule(*, actor, meeting: Meeting, start_date: datetime.date,
                       end_date: datetime.date, reason: str = "") -> Meeting:
    """Move a meeting that has not taken place to new dates (history kept, participants told)."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require(actor is None or rules.can_manage_meeting(actor, locked))
    if locked.status not in MeetingStatus.MOVABLE:
        raise ValidationError({"status": _("Only a planned or confirmed meeting can move.")})
    if start_date == locked.start_date and end_date == locked.end_date:
        raise ValidationError({"start_date": _("These are already the meeting's dates.")})
    deadline = locked.registration_deadline
    if deadline is not None:
        # The deadline keeps its distance to the meeting's start.
        locked.registration_deadline = add_days(deadline, (start_date - locked.start_date).days)
    return meeting_update(actor=actor, meeting=locked, start_date=start_date, end_date=end_date,
                          registration_deadline=locked.registration_deadline, reason=reason)


@dataclass(frozen=True)
class ProposalOutcome:
    """What accepting a proposal did: the meeting (moved or not yet), the conventions whose ISU
    accepted the shift so far, and those still to accept it."""

    meeting: Meeting
    moved: bool
    accepted_by: list[str]
    waiting_for: list[str]


def _conflicts_text(preview) -> str:
    return "; ".join(
        _("%(a)s and %(b)s overlap %(start)s–%(end)s (%(count)s States party to both)") % {
            "a": c.a.title, "b": c.b.title, "start": c.overlap_start, "end": c.overlap_end,
            "count": c.shared_states_count}
        for c in preview.new_conflicts)


@transaction.atomic
def proposal_accept(*, actor, key: str, today: datetime.date | None = None,
                    confirm_conflicts: bool = False) -> ProposalOutcome:
    """Accept one of the current proposals (identified by its key) for the actor's ISU.

    A move that would create a conflict is refused unless `confirm_conflicts` (the page and the
    API show the preview first). A meeting moves once every convention it belongs to accepted
    the same shift: each acceptance is recorded, and the last one moves it.
    """
    meeting_id, _sep, _day = (key or "").partition(":")
    gone = ValidationError({"proposal": _("This proposal is no longer valid; the calendar has "
                                          "changed.")})
    if not meeting_id.isdigit():
        raise gone
    # Lock the meeting first: acceptances of one meeting (by its ISUs) run one at a time.
    locked = Meeting.objects.select_for_update().filter(pk=int(meeting_id)).first()
    if locked is None:
        raise gone
    proposal = selectors.proposal_by_key(key, today)
    if proposal is None:
        raise gone
    meeting = proposal.moved
    _require(actor is None or rules.can_manage_meeting(actor, meeting))
    preview = selectors.proposal_preview(proposal)
    if preview.creates_conflicts and not confirm_conflicts:
        raise ValidationError({"confirm_conflicts": _(
            "Moving %(title)s to %(start)s–%(end)s creates a conflict: %(conflicts)s. Confirm "
            "to accept it anyway."
        ) % {"title": meeting.title, "start": proposal.new_start, "end": proposal.new_end,
             "conflicts": _conflicts_text(preview)}})
    conventions = list(meeting.conventions.all())
    if actor is None or access.is_administrator(actor):
        accepting = conventions
    else:
        accepting = [c for c in conventions if access.is_isu_staff(actor, c)]
    for convention in accepting:
        ProposalAcceptance.objects.get_or_create(
            meeting=meeting, convention=convention, from_start=meeting.start_date,
            from_end=meeting.end_date, new_start=proposal.new_start, new_end=proposal.new_end,
            defaults={"accepted_by": actor if getattr(actor, "pk", None) else None})
    accepted = {a.convention.code for a in selectors.acceptances_of(
        meeting, proposal.new_start, proposal.new_end)}
    waiting = sorted(c.code for c in conventions if c.code not in accepted)
    audit.record(actor=actor, action="meeting.proposal_accepted", target=meeting, changes={
        "proposal": [None, key], "accepted_for": [None, sorted(c.code for c in accepting)],
        "conflicts_confirmed": [None, bool(preview.new_conflicts)]})
    if waiting:
        return ProposalOutcome(meeting=meeting, moved=False, accepted_by=sorted(accepted),
                               waiting_for=waiting)
    reason = _("Moved next to %(anchor)s to form a back-to-back cluster.") % {
        "anchor": proposal.anchor.title}
    moved = meeting_reschedule(actor=actor, meeting=meeting, start_date=proposal.new_start,
                               end_date=proposal.new_end, reason=reason)
    return ProposalOutcome(meeting=moved, moved=True, accepted_by=sorted(accepted),
                           waiting_for=[])


@transaction.atomic
def meeting_cancel(*, actor, meeting: Meeting, reason: str = "") -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require(actor is None or rules.can_manage_meeting(actor, meeting))
    if meeting.status == MeetingStatus.CANCELLED:
        return meeting
    if meeting.status == MeetingStatus.HELD:
        raise ValidationError({"status": _("A meeting that was held cannot be cancelled.")})
    previous = meeting.status
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancellation_reason = reason
    meeting.save(update_fields=["status", "cancellation_reason", "updated_at"])
    audit.record(actor=actor, action="meeting.cancelled", target=meeting,
                 changes={"status": [previous, meeting.status], "reason": reason})
    _schedule_notice(meeting.pk, "cancelled")
    return meeting


@transaction.atomic
def session_add(*, actor, meeting: Meeting, date, start_time, end_time, title: str,
                room: str = "") -> Session:
    _require(actor is None or rules.can_manage_meeting(actor, meeting))
    session = Session(meeting=meeting, date=date, start_time=start_time, end_time=end_time,
                      title=title, room=room)
    session.full_clean()
    session.save()
    audit.record(actor=actor, action="meeting.session_added", target=meeting,
                 changes={"session": [None, str(session)]})
    return session


@transaction.atomic
def session_remove(*, actor, session: Session) -> None:
    _require(actor is None or rules.can_manage_meeting(actor, session.meeting))
    audit.record(actor=actor, action="meeting.session_removed", target=session.meeting,
                 changes={"session": [str(session), None]})
    session.delete()


@transaction.atomic
def document_upload(*, actor, meeting: Meeting, title: str, file) -> MeetingDocument:
    _require(actor is None or rules.can_manage_meeting(actor, meeting))
    document = MeetingDocument(meeting=meeting, title=title, file=file,
                               size=getattr(file, "size", 0) or 0,
                               uploaded_by=actor if getattr(actor, "pk", None) else None)
    document.full_clean()
    document.save()
    audit.record(actor=actor, action="meeting.document_uploaded", target=meeting,
                 changes={"document": [None, title]})
    return document


@transaction.atomic
def document_delete(*, actor, document: MeetingDocument) -> None:
    """Remove a meeting document (the meeting's ISU); the stored file goes once committed."""
    _require(actor is None or rules.can_manage_meeting(actor, document.meeting))
    meeting, title = document.meeting, document.title
    storage, name = document.file.storage, document.file.name
    document.delete()
    audit.record(actor=actor, action="meeting.document_deleted", target=meeting,
                 changes={"document": [title, None]})
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# --- Registrations ----------------------------------------------------------------------------

@transaction.atomic
def registration_create(*, actor, meeting: Meeting, role: str, full_name: str, email: str,
                        state=None, organisation: str = "", job_title: str = "",
                        user=None) -> Registration:
    """Register a person; a delegate only where the State may attend (the refusal says why)."""
    meeting = Meeting.objects.select_for_update().prefetch_related("conventions").get(
        pk=meeting.pk)
    if role == ParticipantRole.DELEGATE and state is None:
        raise ValidationError({"state": _("A delegate registers for a State.")})
    # Registering oneself: linked to one's own account and address.
    for_self = (actor is not None and user is not None and user.pk == actor.pk
                and bool(actor.email) and email.strip().lower() == actor.email.lower())
    _require(actor is None or rules.can_register(actor, meeting, role=role, state=state,
                                                 for_self=for_self))
    if meeting.status not in MeetingStatus.OPEN_FOR_REGISTRATION:
        raise ValidationError(_("Registration is closed: the meeting is %(status)s.")
                              % {"status": meeting.get_status_display().lower()})
    today = timezone.localdate()
    if meeting.registration_deadline and today > meeting.registration_deadline:
        raise ValidationError(_("The registration deadline (%(date)s) has passed.")
                              % {"date": meeting.registration_deadline})
    as_observer = False
    if role == ParticipantRole.DELEGATE:
        attendance = selectors.attendance_of(state, meeting)
        if not attendance.allowed:
            raise ValidationError({"state": attendance.reason})
        as_observer = attendance.as_observer
    else:
        state = None
    if role != ParticipantRole.OBSERVER_ORGANISATION:
        organisation = ""
    registration = Registration(
        meeting=meeting, role=role, full_name=full_name.strip(), email=email,
        job_title=job_title, state=state, organisation=organisation.strip(),
        as_observer=as_observer, user=user,
        registered_by=actor if getattr(actor, "pk", None) else None,
    )
    registration.full_clean(validate_constraints=False)
    if Registration.objects.filter(meeting=meeting, email__iexact=registration.email).exists():
        raise ValidationError({"email": _("This person is already registered for this "
                                          "meeting.")})
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        raise ValidationError({"email": _("This person is already registered for this "
                                          "meeting.")}) from None
    audit.record(actor=actor, action="registration.created", target=registration,
                 changes={"role": [None, role], "state": [None, state and state.iso3],
                          "as_observer": [None, as_observer]})
    return registration


def _decide(*, actor, registration: Registration, status: str, note: str,
            allowed_from: set) -> Registration:
    registration = (Registration.objects.select_for_update().select_related("meeting")
                    .get(pk=registration.pk))
    if status == RegistrationStatus.WITHDRAWN:
        _require(actor is None or rules.can_withdraw_registration(actor, registration))
    else:
        _require(actor is None or rules.can_decide_registration(actor, registration))
    if registration.status not in allowed_from:
        raise ValidationError({"status": _("This registration is already %(status)s.")
                               % {"status": registration.get_status_display().lower()}})
    previous = registration.status
    registration.status = status
    registration.decision_note = note
    registration.decided_by = actor if getattr(actor, "pk", None) else None
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
    audit.record(actor=actor, action=f"registration.{status}", target=registration,
                 changes={"status": [previous, status]})
    return registration


@transaction.atomic
def registration_approve(*, actor, registration: Registration, note: str = "") -> Registration:
    return _decide(actor=actor, registration=registration, status=RegistrationStatus.APPROVED,
                   note=note, allowed_from=RegistrationStatus.DECIDABLE)


@transaction.atomic
def registration_reject(*, actor, registration: Registration, note: str = "") -> Registration:
    return _decide(actor=actor, registration=registration, status=RegistrationStatus.REJECTED,
                   note=note, allowed_from=RegistrationStatus.DECIDABLE)


@transaction.atomic
def registration_withdraw(*, actor, registration: Registration, note: str = "") -> Registration:
    return _decide(actor=actor, registration=registration, status=RegistrationStatus.WITHDRAWN,
                   note=note, allowed_from=RegistrationStatus.ACTIVE)


# --- Reminders --------------------------------------------------------------------------------

def reminders_due(today: datetime.date) -> list[tuple[int, str, datetime.date]]:
    """(registration id, kind, date it is about) of every reminder due today and not yet sent.

    Before a meeting: every active registration, in the week before the first day. Before a
    registration deadline: registrations still awaiting approval, in the days before it.
    """
    open_statuses = MeetingStatus.OPEN_FOR_REGISTRATION
    soon = today + datetime.timedelta(days=getattr(settings, "MEETING_REMINDER_DAYS_BEFORE", 7))
    due = []
    meeting_rows = (
        Registration.objects.filter(
            status__in=RegistrationStatus.ACTIVE, meeting__status__in=open_statuses,
            meeting__start_date__gt=today, meeting__start_date__lte=soon,
        ).exclude(_reminded(ReminderKind.MEETING_SOON, "meeting__start_date"))
        .values_list("pk", "meeting__start_date")
    )
    due += [(pk, ReminderKind.MEETING_SOON, day) for pk, day in meeting_rows]
    deadline_soon = today + datetime.timedelta(
        days=getattr(settings, "MEETING_DEADLINE_REMINDER_DAYS_BEFORE", 3))
    deadline_rows = (
        Registration.objects.filter(
            status=RegistrationStatus.PENDING, meeting__status__in=open_statuses,
            meeting__registration_deadline__gte=today,
            meeting__registration_deadline__lte=deadline_soon,
        ).exclude(_reminded(ReminderKind.DEADLINE_SOON, "meeting__registration_deadline"))
        .values_list("pk", "meeting__registration_deadline")
    )
    due += [(pk, ReminderKind.DEADLINE_SOON, day) for pk, day in deadline_rows]
    return sorted(due)


def _reminded(kind: str, date_field: str):
    """Exists(): this registration already had this reminder about the date it is due for."""
    return Exists(Reminder.objects.filter(registration_id=OuterRef("pk"), kind=kind,
                                          about_date=OuterRef(date_field)))


def _deliver(registration: Registration, *, template: str, subject: str,
             context: dict) -> None:
    """Render one email in the participant's language and send it (raises on failure)."""
    meeting = registration.meeting
    language = (registration.user.preferred_language if registration.user
                else settings.LANGUAGE_CODE)
    with translation.override(language):
        body = render_to_string(template, {**context, "registration": registration,
                                           "meeting": meeting, "site_url": settings.SITE_URL})
        subject_line = subject_for(subject, meeting)
    send_mail(subject_line, body, None, [registration.email])


def reminder_send(*, registration_id: int, kind: str, about_date: datetime.date,
                  day: datetime.date | None = None) -> bool:
    """Send one reminder now (with whatever else is due to the same person today) unless it
    was sent already; True when this call sent a message."""
    email = (Registration.objects.filter(pk=registration_id)
             .values_list("email", flat=True).first())
    if email is None:
        return False
    return reminder_message_send(email=email, day=day or timezone.localdate(),
                                 items=[(registration_id, kind, about_date)])


def reminder_message_send(*, email: str, day: datetime.date,
                          items: list[tuple[int, str, datetime.date]]) -> bool:
    """Send a person's reminders of the day in one message, each reminder once: True when this
    call sent it.

    The message row (one per address and day) is locked; each reminder's unique row is
    inserted and the email sent in the same transaction: a concurrent run waits on the rows
    and then finds them taken; a run that dies or fails before commit leaves no row, so the
    next scan sends them again. Once a person's message of the day went out, a reminder found
    later that day waits for the next scan.
    """
    with transaction.atomic():
        message, _created = ReminderMessage.objects.get_or_create(
            email__iexact=email, day=day, defaults={"email": email.lower()})
        message = ReminderMessage.objects.select_for_update().get(pk=message.pk)
        if message.sent_at is not None:
            return False
        registrations = (Registration.objects.select_related("meeting", "user", "state")
                         .in_bulk({registration_id for registration_id, _k, _d in items}))
        recorded = []
        for registration_id, kind, about_date in items:
            registration = registrations.get(registration_id)
            if registration is None:
                continue
            try:
                with transaction.atomic():
                    Reminder.objects.create(registration=registration, kind=kind,
                                            about_date=about_date, message=message)
            except IntegrityError:
                continue
            recorded.append((registration, kind, about_date))
        if not recorded:
            transaction.set_rollback(True)  # no empty message row is left behind
            return False
        recorded.sort(key=lambda r: (r[0].meeting.start_date, r[0].meeting.pk, r[1]))
        first = recorded[0][0]
        with_account = next((r.user for r, _k, _d in recorded if r.user), None)
        language = with_account.preferred_language if with_account else settings.LANGUAGE_CODE
        with translation.override(language):
            if len(recorded) == 1:
                subject = subject_for(recorded[0][1], first.meeting)
            else:
                subject = _("Meeting reminders for %(day)s") % {"day": day.isoformat()}
            body = render_to_string("meetings/email/reminders.txt", {
                "name": first.full_name, "site_url": settings.SITE_URL,
                "items": [{"registration": r, "meeting": r.meeting, "kind": k}
                          for r, k, _d in recorded]})
        send_mail(subject, body, None, [message.email])
        message.subject, message.body, message.sent_at = subject, body, timezone.now()
        message.save(update_fields=["subject", "body", "sent_at"])
        for registration, kind, about_date in recorded:
            audit.record(actor=None, action=f"registration.reminded_{kind}",
                         target=registration,
                         changes={"about_date": [None, about_date.isoformat()]})
    return True


def _notice_of(meeting: Meeting, event: str) -> tuple[str, str, dict] | None:
    """(template, subject kind, context) of a meeting event, or None if it no longer holds."""
    if event == "cancelled":
        if meeting.status != MeetingStatus.CANCELLED:
            return None
        return ("meetings/email/cancelled.txt", "cancelled",
                {"reason": meeting.cancellation_reason})
    if event.startswith("dates:"):
        change = MeetingDateChange.objects.filter(pk=event.partition(":")[2] or 0,
                                                  meeting=meeting).first()
        if change is None:
            return None
        return ("meetings/email/dates_changed.txt", "dates_changed",
                {"previous_start": change.previous_start, "previous_end": change.previous_end,
                 "new_start": change.new_start, "new_end": change.new_end,
                 "reason": change.reason})
    raise ValueError(f"unknown meeting event {event!r}")


def participants_notify(*, meeting_id: int, event: str) -> tuple[int, int]:
    """Tell every active registration of a meeting of one event (new dates, cancellation),
    each once: (sent by this run, failed). A failed address keeps no row and is retried."""
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    notice = _notice_of(meeting, event) if meeting else None
    if notice is None:
        return 0, 0
    template, subject, context = notice
    sent = failed = 0
    registration_ids = list(Registration.objects.filter(
        meeting_id=meeting_id, status__in=RegistrationStatus.ACTIVE).values_list("pk", flat=True))
    for registration_id in registration_ids:
        try:
            with transaction.atomic():
                registration = (Registration.objects.select_related("meeting", "user")
                                .filter(pk=registration_id).first())
                if registration is None:
                    continue
                try:
                    with transaction.atomic():
                        ParticipantNotice.objects.create(registration=registration, event=event)
                except IntegrityError:
                    continue
                _deliver(registration, template=template, subject=subject, context=context)
            sent += 1
        except Exception:  # the row rolled back with the failed email: a retry sends it
            failed += 1
            logger.exception("notice %s to registration %s failed", event, registration_id)
    return sent, failed


def reminders_send_due(*, today: datetime.date | None = None) -> int:
    """Send every reminder due today, one message per person (address) for all of them; safe
    to run twice (returns how many messages this run sent)."""
    today = today or timezone.localdate()
    due = reminders_due(today)
    emails = dict(Registration.objects.filter(pk__in={r for r, _k, _d in due})
                  .values_list("pk", "email"))
    per_person = defaultdict(list)
    for registration_id, kind, about_date in due:
        if registration_id in emails:
            per_person[emails[registration_id].lower()].append(
                (registration_id, kind, about_date))
    sent = 0
    for email, items in sorted(per_person.items()):
        try:
            sent += reminder_message_send(email=email, day=today, items=items)
        except Exception:  # one bad address must not stop the others; the next scan retries
            logger.exception("reminders of %s to %s failed", today, email)
    return sent
