"""Writes of the reporting app: the one door for every change of a report, its sections,
attachments, the adopted calendar and the reminders."""

import datetime
import decimal
import re
from collections import defaultdict
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.core.mail.utils import DNS_NAME
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.models import RoleAssignment
from accounts.services import system_actor
from core import audit

from . import rules, selectors
from .enums import (
    ChangeTick,
    Disclosure,
    ExtensionStatus,
    FieldType,
    PublicationWish,
    ReportStatus,
)
from .models import (
    ATTACHMENT_MAX_BYTES,
    ATTACHMENT_TYPES,
    Attachment,
    ExtensionRequest,
    Obligation,
    ReminderItem,
    ReminderMessage,
    Report,
    ReportVersion,
    SectionEntry,
    SynchronizedDeadline,
)

TEXT_MAX = 2000
LONG_TEXT_MAX = 50000


class EditConflict(Exception):
    """Someone saved the form since this person opened it; `current` is what they saved."""

    def __init__(self, current: SectionEntry):
        super().__init__("edit conflict")
        self.current = current


INTEGER_MAX_DIGITS = 15  # beyond this a JSON number is no longer exact in every client
DECIMAL_MAX_DIGITS = 24
DATE_RANGE = (datetime.date(1900, 1, 1), datetime.date(2200, 12, 31))
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _number_in_range(field, value):
    """The field's own bounds (data on FormField): refuse what lies outside them."""
    if field.min_value is not None and value < field.min_value:
        raise ValidationError(_("Enter a number of %(min)s or more.")
                              % {"min": _plain_number(field.min_value)})
    if field.max_value is not None and value > field.max_value:
        raise ValidationError(_("Enter a number of %(max)s or less.")
                              % {"max": _plain_number(field.max_value)})
    return value


def _plain_number(value: decimal.Decimal) -> str:
    """12.000000 -> 12, 0.500000 -> 0.5: a bound as a person would write it."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _clean_value(field, raw):
    """One answer, typed by its field's definition; None for an empty answer. Integers are
    stored as JSON numbers, decimals as their exact digits (a string), dates as ISO text."""
    if raw is None or raw == "":
        return None
    kind = field.field_type
    if kind == FieldType.INTEGER:
        text = str(raw).strip()
        if isinstance(raw, bool) or not re.fullmatch(r"[+-]?\d+", text):
            raise ValidationError(_("Enter a whole number."))
        if len(text.lstrip("+-")) > INTEGER_MAX_DIGITS:
            raise ValidationError(_("Enter at most %(n)s digits.") % {"n": INTEGER_MAX_DIGITS})
        return int(_number_in_range(field, int(text)))
    if kind == FieldType.DECIMAL:
        if isinstance(raw, bool | dict | list):
            raise ValidationError(_("Enter a number."))
        # A JSON number arrives as a float, whose str() is the shortest text that reads back
        # as the same float: the digits typed, for up to 15 significant digits. Send more as
        # a string ("12345678901234567.25") to keep them all.
        try:
            value = decimal.Decimal(str(raw).strip())
        except decimal.InvalidOperation:
            raise ValidationError(_("Enter a number.")) from None
        if not value.is_finite():
            raise ValidationError(_("Enter a number."))
        digits, exponent = value.as_tuple().digits, value.as_tuple().exponent
        places = max(0, -exponent)
        if field.decimal_places is not None and places > field.decimal_places:
            raise ValidationError(_("Enter at most %(n)s digits after the decimal point.")
                                  % {"n": field.decimal_places})
        if len(digits) + max(0, exponent) > DECIMAL_MAX_DIGITS:
            raise ValidationError(_("Enter at most %(n)s digits.") % {"n": DECIMAL_MAX_DIGITS})
        return format(_number_in_range(field, value), "f")
    if kind == FieldType.DATE:
        if isinstance(raw, datetime.date):
            value = raw
        else:
            text = str(raw).strip()
            try:
                if not ISO_DATE.fullmatch(text):
                    raise ValueError
                value = datetime.date.fromisoformat(text)
            except ValueError:
                raise ValidationError(_("Enter a date as YYYY-MM-DD.")) from None
        if not DATE_RANGE[0] <= value <= DATE_RANGE[1]:
            raise ValidationError(_("Enter a date between %(start)s and %(end)s.") % {
                "start": DATE_RANGE[0].isoformat(), "end": DATE_RANGE[1].isoformat()})
        return value.isoformat()
    if kind == FieldType.BOOLEAN:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("true", "1", "yes", "on"):
            return True
        if text in ("false", "0", "no", "off"):
            return False
        raise ValidationError(_("Answer yes or no."))
    if kind == FieldType.CHOICE:
        if not isinstance(raw, str) or raw not in field.choices:
            raise ValidationError(_("Choose one of: %(choices)s.")
                                  % {"choices": ", ".join(field.choices)})
        return raw
    if isinstance(raw, bool | dict | list):
        raise ValidationError(_("Enter text."))
    text = str(raw)
    limit = TEXT_MAX if kind == FieldType.TEXT else LONG_TEXT_MAX
    if len(text) > limit:
        raise ValidationError(_("At most %(n)s characters.") % {"n": limit})
    return text


def clean_answers(form, raw: dict) -> dict:
    """Typed answers of the fields `raw` names in one form; an empty answer is None (the
    field is cleared). Unknown keys are refused; errors are keyed by field."""
    fields = {f.key: f for f in form.fields.all()}
    errors, cleaned = {}, {}
    for key in raw:
        if key not in fields:
            errors[key] = [_("This form has no field %(key)s.") % {"key": key}]
    for key, field in fields.items():
        if key not in raw:
            continue
        try:
            cleaned[key] = _clean_value(field, raw[key])
        except ValidationError as exc:
            errors[key] = exc.messages
    if errors:
        raise ValidationError(errors)
    return cleaned


def _require(allowed: bool):
    if not allowed:
        raise PermissionDenied


def report_start(*, actor, state, obligation: Obligation, cycle_year: int,
                 language: str | None = None) -> Report:
    """Open a draft for a report the State owes in a cycle, with one section per form."""
    _require(rules.can_start_report(actor, state))
    deadline = selectors.deadline_for(state, obligation, cycle_year)
    if deadline is None:
        raise ValidationError({"obligation": _(
            "%(state)s does not owe this report in %(year)s.") % {
            "state": state, "year": cycle_year}})
    with transaction.atomic():
        report = Report(state=state, obligation=obligation, cycle_year=cycle_year,
                        due_on=deadline.due_on, period_start=deadline.period_start,
                        period_end=deadline.period_end, created_by=actor,
                        language=language or getattr(actor, "preferred_language", "en"))
        report.full_clean()
        report.save()
        SectionEntry.objects.bulk_create(
            SectionEntry(report=report, form=form) for form in obligation.forms.all())
        audit.record(actor=actor, action="report.started", target=report)
    return report


def report_copy_last(*, actor, state, obligation: Obligation, cycle_year: int) -> Report:
    """"Nothing changed since last year": a new draft with the answers of the State's last
    received report under the same convention, each form ticked "unchanged since" its year."""
    source = (Report.objects.filter(state=state, obligation__convention=obligation.convention,
                                    status__in=ReportStatus.RECEIVED, cycle_year__lt=cycle_year)
              .order_by("-cycle_year", "-submitted_at").first())
    if source is None:
        raise ValidationError(_("There is no earlier report to copy."))
    with transaction.atomic():
        report = report_start(actor=actor, state=state, obligation=obligation,
                              cycle_year=cycle_year, language=source.language)
        report.based_on = source
        report.save(update_fields=["based_on"])
        previous = {e.form.code: e for e in source.entries.select_related("form")}
        for entry in report.entries.select_related("form"):
            old = previous.get(entry.form.code)
            if old is None:
                continue
            entry.data = dict(old.data)
            entry.disclosure = old.disclosure
            entry.agency = old.agency
            entry.tick = ChangeTick.UNCHANGED if old.tick != ChangeTick.NOT_APPLICABLE \
                else ChangeTick.NOT_APPLICABLE
            entry.unchanged_since_year = (old.unchanged_since_year
                                          if old.tick == ChangeTick.UNCHANGED
                                          else source.cycle_year)
            entry.save()
        audit.record(actor=actor, action="report.copied", target=report,
                     changes={"based_on": [None, source.pk]})
    return report


class _Keep:
    """The default of a section_save argument that was not given: keep what is saved."""

    def __repr__(self):
        return "KEEP"


KEEP = _Keep()


def _is_own_run(current: SectionEntry, actor, expected_version: int) -> bool:
    """Every version saved since `expected_version` is the actor's own: their earlier save
    (e.g. an autosave whose answer the page never received) cannot conflict with them."""
    return (expected_version < current.version and current.updated_by_id is not None
            and current.updated_by_id == getattr(actor, "pk", None)
            and current.editor_since_version <= expected_version + 1)


def section_save(*, actor, entry: SectionEntry, expected_version: int,
                 answers: dict | None = None, tick=KEEP, unchanged_since_year=KEEP,
                 disclosure=KEEP, agency=KEEP, origins: dict | None = None) -> SectionEntry:
    """Save one form of a draft. Only what is named changes: `answers` sets (or, empty,
    clears) the fields it names and keeps the others; tick, year, disclosure and agency are
    kept unless given. `expected_version` is the version the person started from: if someone
    else saved since, nothing is written and EditConflict carries their version; the
    person's own saves since then are no conflict."""
    report = entry.report
    _require(rules.can_edit_report(actor, report))
    errors = {}
    try:
        named = clean_answers(entry.form, answers or {})
    except ValidationError as error:  # reported with the other fields' errors below
        named, errors = {}, dict(error.message_dict)
    if tick is not KEEP and tick not in ChangeTick.values:
        errors["tick"] = [_("Choose changed, unchanged or not applicable.")]
    if disclosure is not KEEP and disclosure not in Disclosure.values:
        errors["disclosure"] = [_("Choose public, States Parties only or withheld.")]
    if agency is not KEEP and agency is not None and len(str(agency)) > 200:
        errors["agency"] = [_("At most %(n)s characters.") % {"n": 200}]
    with transaction.atomic():
        # Locks the section and its report: a submit waits for the save, or the save sees
        # the report is no longer a draft.
        current = (SectionEntry.objects.select_for_update(of=("self", "report"))
                   .select_related("report", "form", "updated_by").get(pk=entry.pk))
        if current.report.status != ReportStatus.DRAFT:
            raise PermissionDenied
        data = {**current.data, **named}
        data = {k: v for k, v in data.items() if v is not None}
        new_tick = current.tick if tick is KEEP else tick
        if new_tick != ChangeTick.UNCHANGED:
            year = None
        elif unchanged_since_year is not KEEP:
            year = unchanged_since_year
        else:
            year = current.unchanged_since_year
        if new_tick == ChangeTick.UNCHANGED:
            if not year:
                errors["unchanged_since_year"] = [_("Say since which year's report nothing "
                                                    "changed.")]
            elif not 1997 <= int(year) < report.cycle_year:
                errors["unchanged_since_year"] = [_("Give an earlier year.")]
        if errors:
            raise ValidationError(errors)
        new_disclosure = current.disclosure if disclosure is KEEP else disclosure
        new_agency = current.agency if agency is KEEP else (agency or "")
        origin_ids = {k: int(v) for k, v in (origins or {}).items() if k in data and v}
        if origin_ids:
            allowed = set(SectionEntry.objects.filter(
                pk__in=origin_ids.values(), report__state_id=report.state_id,
                report__cycle_year=report.cycle_year).values_list("pk", flat=True))
            origin_ids = {k: v for k, v in origin_ids.items() if v in allowed}
        new_origins = {**{k: v for k, v in current.origins.items() if k in data},
                       **origin_ids}
        after = {"data": data, "tick": new_tick, "unchanged_since_year": year,
                 "disclosure": new_disclosure, "agency": new_agency, "origins": new_origins}
        if current.version != expected_version and not _is_own_run(
                current, actor, expected_version):
            if all(getattr(current, k) == v for k, v in after.items()):
                return current  # what they send is already saved: nothing to reconcile
            raise EditConflict(current)
        before = audit.snapshot(current, ["tick", "unchanged_since_year", "disclosure",
                                          "agency"])
        changed_keys = sorted(k for k in {*current.data, *data}
                              if current.data.get(k) != data.get(k))
        if current.updated_by_id != getattr(actor, "pk", None):
            current.editor_since_version = current.version + 1
        for name, value in after.items():
            setattr(current, name, value)
        current.version += 1
        current.updated_by = actor
        current.full_clean(exclude=["report", "form", "updated_by"])
        current.save()
        Report.objects.filter(pk=report.pk).update(updated_at=timezone.now())
        audit.record(actor=actor, action="report.section_saved", target=report,
                     changes={"form": current.form.code, "version": current.version,
                              **({"answers": changed_keys} if changed_keys else {}),
                              **audit.diff(current, before, ["tick", "unchanged_since_year",
                                                             "disclosure", "agency"])})
    return current


def _snapshot(report: Report) -> dict:
    return {
        "obligation": report.obligation.code, "state": report.state.iso3,
        "cycle_year": report.cycle_year, "language": report.language,
        "forms": {e.form.code: {"tick": e.tick, "unchanged_since_year": e.unchanged_since_year,
                                "disclosure": e.disclosure, "agency": e.agency,
                                "data": e.data}
                  for e in report.entries.select_related("form")},
    }


def _missing_required(report: Report) -> dict:
    errors = {}
    for entry in report.entries.select_related("form").prefetch_related("form__fields"):
        if entry.tick == ChangeTick.NOT_APPLICABLE:
            continue
        missing = [f.localized_name for f in entry.form.fields.all()
                   if f.required and entry.data.get(f.key) in (None, "")]
        if missing:
            errors[f"form_{entry.form.code}"] = [_("Required: %(fields)s.")
                                                 % {"fields": ", ".join(missing)}]
    return errors


def report_submit(*, actor, report: Report, publication_wish: str | None = None) -> Report:
    """The focal point submits the draft: it is frozen as a new version and its PDF is made."""
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related(
            "obligation__convention", "state").get(pk=report.pk)
        _require(rules.can_view_report(actor, report))
        if report.status != ReportStatus.DRAFT:
            raise ValidationError(_("Only a draft can be submitted."))
        _require(rules.can_submit_report(actor, report))
        if publication_wish is not None:
            if publication_wish not in PublicationWish.values:
                raise ValidationError({"publication_wish": [_("Choose publish or restrict.")]})
            report.publication_wish = publication_wish
        errors = _missing_required(report)
        if errors:
            raise ValidationError(errors)
        report.status = ReportStatus.SUBMITTED
        report.submitted_at = timezone.now()
        report.submitted_by = actor
        report.save(update_fields=["status", "submitted_at", "submitted_by",
                                   "publication_wish", "updated_at"])
        number = (report.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        ReportVersion.objects.create(report=report, number=number, status=report.status,
                                     snapshot=_snapshot(report), created_by=actor)
        audit.record(actor=actor, action="report.submitted", target=report,
                     changes={"status": [ReportStatus.DRAFT, ReportStatus.SUBMITTED],
                              "version": number})
        report_pdf_request(actor=actor, report=report)
    return report


def report_pdf_request(*, actor, report: Report):
    from core.generated import generated_file_request

    return generated_file_request(actor=actor, kind="reporting.report_pdf",
                                  params={"report_id": report.pk}, language=report.language)


def report_publish(*, actor, report: Report) -> Report:
    """The ISU publishes a submitted report, or restricts it where the State asked."""
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related(
            "obligation__convention").get(pk=report.pk)
        _require(rules.can_view_report(actor, report))
        if report.status != ReportStatus.SUBMITTED:
            raise ValidationError(_("Only a submitted report can be published."))
        _require(rules.can_publish_report(actor, report))
        new = (ReportStatus.RESTRICTED if report.publication_wish == PublicationWish.RESTRICTED
               else ReportStatus.PUBLISHED)
        report.status = new
        report.published_at = timezone.now()
        report.save(update_fields=["status", "published_at", "updated_at"])
        audit.record(actor=actor, action="report.published", target=report,
                     changes={"status": [ReportStatus.SUBMITTED, new]})
    return report


def report_reopen(*, actor, report: Report) -> Report:
    """The focal point reopens a received report to amend it; earlier versions stay."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        _require(rules.can_reopen_report(actor, report))
        old = report.status
        report.status = ReportStatus.DRAFT
        report.save(update_fields=["status", "updated_at"])
        audit.record(actor=actor, action="report.reopened", target=report,
                     changes={"status": [old, ReportStatus.DRAFT]})
    return report


def report_share(*, actor, report: Report, shared: bool) -> Report:
    _require(rules.can_share_report(actor, report))
    with transaction.atomic():
        report.shared_with_isu = bool(shared)
        report.save(update_fields=["shared_with_isu", "updated_at"])
        audit.record(actor=actor, action="report.shared" if shared else "report.unshared",
                     target=report)
    return report


def attachment_add(*, actor, report: Report, upload) -> Attachment:
    """Attach a file to a draft: at most 10 MB, office documents, PDF, CSV or images."""
    _require(rules.can_edit_report(actor, report))
    name = Path(upload.name or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in ATTACHMENT_TYPES:
        raise ValidationError({"file": [_("Allowed types: %(types)s.") % {
            "types": ", ".join(sorted(ATTACHMENT_TYPES))}]})
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError({"file": [_("An attachment may be at most 10 MB.")]})
    head = upload.read(8)
    upload.seek(0)
    if suffix == ".pdf" and not head.startswith(b"%PDF"):
        raise ValidationError({"file": [_("This file is not a PDF.")]})
    if suffix == ".png" and not head.startswith(b"\x89PNG"):
        raise ValidationError({"file": [_("This file is not a PNG image.")]})
    with transaction.atomic():
        attachment = Attachment(report=report, original_name=name[:255], size=upload.size,
                                content_type=ATTACHMENT_TYPES[suffix], uploaded_by=actor)
        attachment.file.save(name, upload, save=False)
        attachment.full_clean()
        attachment.save()
        audit.record(actor=actor, action="report.attachment_added", target=report,
                     changes={"file": name})
    return attachment


def deadline_adopt(*, actor, state, cycle_year: int, internal_deadline: datetime.date,
                   margin_days: int = 30) -> SynchronizedDeadline:
    """The focal point adopts one internal deadline for all of the State's reports of a
    cycle."""
    _require(rules.can_adopt_deadline(actor, state))
    with transaction.atomic():
        adopted, _created = SynchronizedDeadline.objects.update_or_create(
            state=state, cycle_year=cycle_year,
            defaults={"internal_deadline": internal_deadline, "margin_days": margin_days,
                      "adopted_by": actor})
        audit.record(actor=actor, action="reporting.deadline_adopted", target=adopted,
                     changes={"internal_deadline": [None, internal_deadline.isoformat()]})
    return adopted


# --- Reminders --------------------------------------------------------------------------------

def reminders_prepare(*, day: datetime.date) -> list[int]:
    """Record today's reminders: one message per focal point per day across conventions, one
    row per (person, report, stage) so that nothing is reminded twice. Returns the ids of the
    messages still to send."""
    from .deadlines import reminder_stage

    obligations = {o.pk: o for o in selectors.obligations_list()}
    items = selectors.deadlines(years=[day.year - 1, day.year, day.year + 1],
                                obligations=obligations.values())
    received = set(Report.objects.filter(
        status__in=ReportStatus.RECEIVED, cycle_year__in=[day.year - 1, day.year, day.year + 1],
    ).values_list("state_id", "obligation_id", "cycle_year"))
    due_today = []
    for d in items:
        obligation = obligations[d.obligation_id]
        stage = reminder_stage(due_on=d.due_on, today=day,
                               days_before=obligation.reminder_days_before,
                               days_after=obligation.reminder_days_after)
        if stage and (d.state_id, d.obligation_id, d.cycle_year) not in received:
            due_today.append((d, stage))
    if not due_today:
        return list(ReminderMessage.objects.filter(day=day, sent_at__isnull=True)
                    .values_list("pk", flat=True))
    people = defaultdict(list)
    for user_id, state_id in RoleAssignment.objects.filter(
            role=Role.FOCAL_POINT, state_id__in={d.state_id for d, _s in due_today},
            user__is_active=True).values_list("user_id", "state_id"):
        people[state_id].append(user_id)
    per_user = defaultdict(list)
    for d, stage in due_today:
        for user_id in people.get(d.state_id, ()):
            per_user[user_id].append((d, stage))
    from accounts.models import User

    users = User.objects.in_bulk(per_user.keys())
    for user_id, entries in per_user.items():
        user = users[user_id]
        if not user.email:
            continue
        with transaction.atomic():
            message, _created = ReminderMessage.objects.get_or_create(
                user=user, day=day, defaults={"email": user.email})
            message = ReminderMessage.objects.select_for_update().get(pk=message.pk)
            if message.sent_at is not None:
                continue  # today's message is gone; a reminder found later waits for no one
            for d, stage in entries:
                try:
                    with transaction.atomic():
                        ReminderItem.objects.get_or_create(
                            user=user, state_id=d.state_id, obligation_id=d.obligation_id,
                            cycle_year=d.cycle_year, stage=stage,
                            defaults={"message": message, "day": day, "due_on": d.due_on})
                except IntegrityError:  # a concurrent scan recorded it first
                    continue
    return list(ReminderMessage.objects.filter(day=day, sent_at__isnull=True)
                .values_list("pk", flat=True))


def _test_pause_before_smtp():
    """Test-only hook (never set in production): with ISU_TEST_REMINDER_PAUSE_BEFORE_SMTP=<s>
    the worker announces it holds the message's lock, then sleeps, so that a test can kill it
    at that point and show the task is re-delivered and the message sent once."""
    import os

    pause = float(os.environ.get("ISU_TEST_REMINDER_PAUSE_BEFORE_SMTP") or 0)
    if pause:
        import logging
        import time

        logging.getLogger(__name__).warning("reminder_send: pausing before SMTP (test hook)")
        time.sleep(pause)


def reminder_send(*, message_id: int) -> bool:
    """Send one day's message to one person, once: the row is locked while sending and marked
    sent in the same transaction, so a retried or concurrent run finds it sent."""
    with transaction.atomic():
        message = (ReminderMessage.objects.select_for_update().select_related("user")
                   .filter(pk=message_id).first())
        if message is None or message.sent_at is not None:
            return False
        items = list(message.items.select_related("state", "obligation__convention")
                     .order_by("due_on", "obligation__convention__ordering_key"))
        if not items:
            return False
        with translation.override(message.user.preferred_language or "en"):
            context = {"user": message.user, "items": items, "day": message.day}
            subject = _("Reporting reminders for %(day)s") % {"day": message.day.isoformat()}
            body = render_to_string("reporting/email/reminder.txt", context)
        _test_pause_before_smtp()
        # A Message-ID fixed per person and day: should a worker die after the SMTP server
        # accepted the message but before this transaction commits (the one window no
        # database can close), the re-delivered send is the same message to mail clients.
        EmailMessage(subject, body, None, [message.email], headers={
            "Message-ID": f"<isu-reminder-{message.pk}-{message.day.isoformat()}"
                          f"@{DNS_NAME}>"}).send()
        message.subject, message.body, message.sent_at = subject, body, timezone.now()
        message.save(update_fields=["subject", "body", "sent_at"])
        audit.record(actor=system_actor(), action="reporting.reminder_sent", target=message,
                     changes={"items": len(items)})
    return True


# --- Extension requests ------------------------------------------------------------------------

EXTENSION_DECISIONS = (ExtensionStatus.UNDER_ANALYSIS, ExtensionStatus.GRANTED,
                       ExtensionStatus.NOT_GRANTED)


def extension_request_create(*, actor, state, convention, requested_deadline: datetime.date,
                             notes: str = "") -> ExtensionRequest:
    """The State's focal point opens a request to extend its clearance deadline. The deadline
    it extends and the date the request is due are computed (selectors.extension_terms) from
    the obligation's numbers; a request longer than the article allows is refused."""
    _require(rules.can_create_extension(actor, state))
    if selectors.extension_obligation(convention) is None:
        raise ValidationError({"convention": [_(
            "This convention has no clearance-deadline extensions.")]})
    terms = selectors.extension_terms(state, convention)
    if terms is None:
        raise ValidationError({"state": [_("%(state)s is not party to %(convention)s.") % {
            "state": state, "convention": convention}]})
    if requested_deadline > terms.latest_requested_deadline:
        raise ValidationError({"requested_deadline": [_(
            "%(article)s allows at most %(years)s years per request: ask for "
            "%(latest)s at the latest.") % {
            "article": terms.obligation.article or terms.obligation.localized_name,
            "years": terms.obligation.extension_max_years,
            "latest": terms.latest_requested_deadline.isoformat()}]})
    with transaction.atomic():
        extension = ExtensionRequest(
            state=state, convention=convention,
            article=(terms.obligation.article or terms.obligation.code)[:40],
            current_deadline=terms.current_deadline, requested_deadline=requested_deadline,
            submission_due_on=terms.submission_due_on, notes=notes or "")
        extension.full_clean()
        extension.save()
        audit.record(actor=actor, action="extension_request.created", target=extension,
                     changes={"current_deadline": terms.current_deadline.isoformat(),
                              "requested_deadline": requested_deadline.isoformat(),
                              "submission_due_on": terms.submission_due_on.isoformat()})
    return extension


def extension_request_submit(*, actor, extension: ExtensionRequest) -> ExtensionRequest:
    """The focal point submits the request to the convention's States Parties (via the ISU)."""
    with transaction.atomic():
        extension = ExtensionRequest.objects.select_for_update().get(pk=extension.pk)
        _require(rules.can_view_extension(actor, extension))
        if extension.status != ExtensionStatus.IN_PREPARATION:
            raise ValidationError(_("Only a request in preparation can be submitted."))
        _require(rules.can_submit_extension(actor, extension))
        extension.status = ExtensionStatus.SUBMITTED
        extension.submitted_on = timezone.localdate()
        extension.save(update_fields=["status", "submitted_on"])
        audit.record(actor=actor, action="extension_request.submitted", target=extension,
                     changes={"status": [ExtensionStatus.IN_PREPARATION,
                                         ExtensionStatus.SUBMITTED]})
    return extension


def extension_request_review(*, actor, extension: ExtensionRequest, status: str | None = None,
                             analysis_due_on: datetime.date | None = None,
                             decision_meeting_on: datetime.date | None = None
                             ) -> ExtensionRequest:
    """The convention's ISU records the review dates and the decision of the meeting."""
    with transaction.atomic():
        extension = ExtensionRequest.objects.select_for_update().get(pk=extension.pk)
        _require(rules.can_view_extension(actor, extension))
        _require(rules.can_review_extension(actor, extension))
        reviewable = (ExtensionStatus.SUBMITTED, ExtensionStatus.UNDER_ANALYSIS)
        if extension.status not in reviewable:
            raise ValidationError(_("Only a submitted request can be reviewed."))
        changes = {}
        if status:
            if status not in EXTENSION_DECISIONS:
                raise ValidationError({"status": [_("Choose under analysis, granted or not "
                                                    "granted.")]})
            if status in (ExtensionStatus.GRANTED, ExtensionStatus.NOT_GRANTED) and not (
                    decision_meeting_on or extension.decision_meeting_on):
                raise ValidationError({"decision_meeting_on": [_(
                    "Give the date of the meeting that decided.")]})
            changes["status"] = [extension.status, status]
            extension.status = status
        if analysis_due_on is not None:
            if extension.submitted_on and analysis_due_on < extension.submitted_on:
                raise ValidationError({"analysis_due_on": [_(
                    "The analysis cannot be due before the request was submitted.")]})
            changes["analysis_due_on"] = analysis_due_on.isoformat()
            extension.analysis_due_on = analysis_due_on
        if decision_meeting_on is not None:
            if extension.submitted_on and decision_meeting_on < extension.submitted_on:
                raise ValidationError({"decision_meeting_on": [_(
                    "The meeting cannot be before the request was submitted.")]})
            changes["decision_meeting_on"] = decision_meeting_on.isoformat()
            extension.decision_meeting_on = decision_meeting_on
        if not changes:
            raise ValidationError(_("Nothing to record."))
        extension.full_clean()
        extension.save()
        audit.record(actor=actor, action="extension_request.reviewed", target=extension,
                     changes=changes)
    return extension
