"""Every change to posts, people, assignments, cover, absences, salaries and spending.

Each service: keyword-only arguments with an explicit actor, one transaction, full_clean(), an
audit row in the same transaction. The one-FTE rule is checked with the person's row locked, so
two requests assigning the same person cannot both pass.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.services import system_actor
from core import audit
from core.money import quantize

from . import rules
from .computations import Span, consulting_fte, peak_fte
from .enums import FULL_TIME, AssignmentKind, AssignmentStatus
from .models import (
    Absence,
    Assignment,
    Backstop,
    Duty,
    Post,
    Spending,
    StaffCost,
    StaffMember,
)

POST_FIELDS = ("title", "grade", "fte", "approved_from", "approved_until", "approved_by",
               "work_plan", "description")
PERSON_FIELDS = ("full_name", "user", "email", "home_isu", "expertise")
ASSIGNMENT_FIELDS = ("staff_member", "post", "kind", "fte", "charge_unit", "charged_per_year",
                     "starts_on", "ends_on", "notes", "status")
COST_FIELDS = ("salary", "social_charges", "currency")
SPENDING_FIELDS = ("amount", "currency", "notes")


def _money(value):
    """Amounts are kept to the centime; anything not a number is left for full_clean()."""
    try:
        return quantize(value)
    except (InvalidOperation, TypeError, ValueError):
        return value


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You may not do this."))


def _apply(instance, fields, values):
    for name, value in values.items():
        if name not in fields:
            raise TypeError(f"{type(instance).__name__} has no editable field {name!r}")
        setattr(instance, name, value)


# --- Posts ------------------------------------------------------------------------------------

@transaction.atomic
def post_create(*, actor, isu, **fields) -> Post:
    _require(rules.can_manage_staffing(actor, isu))
    post = Post(isu=isu)
    _apply(post, POST_FIELDS, fields)
    post.full_clean()
    post.save()
    audit.record(actor=actor, action="staffing.post.created", target=post,
                 changes=audit.diff(post, {}, POST_FIELDS))
    return post


@transaction.atomic
def post_update(*, actor, post: Post, **fields) -> Post:
    post = Post.objects.select_for_update().select_related("isu").get(pk=post.pk)
    _require(rules.can_manage_staffing(actor, post.isu))
    before = audit.snapshot(post, POST_FIELDS)
    _apply(post, POST_FIELDS, fields)
    post.full_clean()
    binding = post.assignments.exclude(status=AssignmentStatus.DECLINED)
    outside = binding.exclude(starts_on__gte=post.approved_from)
    if post.approved_until:
        outside = outside | binding.exclude(ends_on__lte=post.approved_until)
    if outside.exists():
        raise ValidationError({"approved_until": _(
            "Some assignments to this post fall outside the new approved period; end them first."
        )})
    held = max((a.fte for a in binding), default=Decimal(0))
    if held > post.fte:
        raise ValidationError({"fte": _("An assignment to this post holds %(fte)s FTE.")
                               % {"fte": held.normalize()}})
    post.save()
    audit.record(actor=actor, action="staffing.post.changed", target=post,
                 changes=audit.diff(post, before, POST_FIELDS))
    return post


# --- People -----------------------------------------------------------------------------------

@transaction.atomic
def staff_member_create(*, actor, full_name, **fields) -> StaffMember:
    """A new person, owned by the unit they are based in (or by the host if none)."""
    _require(rules.can_create_person(actor, fields.get("home_isu")))
    person = StaffMember(full_name=full_name)
    _apply(person, PERSON_FIELDS, fields)
    person.full_clean()
    person.save()
    audit.record(actor=actor, action="staffing.staff_member.created", target=person,
                 changes=audit.diff(person, {}, PERSON_FIELDS))
    return person


@transaction.atomic
def staff_member_update(*, actor, staff_member: StaffMember, **fields) -> StaffMember:
    """Change a person's record: their home unit's staff, the host's staff and admins only
    (never a unit the person merely works for)."""
    person = StaffMember.objects.select_for_update().get(pk=staff_member.pk)
    _require(rules.can_manage_person(actor, person))
    before = audit.snapshot(person, PERSON_FIELDS)
    _apply(person, PERSON_FIELDS, fields)
    person.full_clean()
    person.save()
    audit.record(actor=actor, action="staffing.staff_member.changed", target=person,
                 changes=audit.diff(person, before, PERSON_FIELDS))
    return person


# --- Assignments and the one-FTE rule ---------------------------------------------------------

def _check_within_one_fte(assignment: Assignment) -> None:
    """Refuse when the person's assignments in force would add up to more than 1 FTE on some
    date with this one (requests awaiting consent hold nothing). The caller holds the lock on
    the person's row."""
    others = (Assignment.objects.in_force().filter(staff_member_id=assignment.staff_member_id)
              .exclude(pk=assignment.pk)
              .overlapping(assignment.starts_on, assignment.ends_on))
    spans = [Span(a.fte, a.starts_on, a.ends_on) for a in others]
    spans.append(Span(assignment.fte, assignment.starts_on, assignment.ends_on))
    peak, day = peak_fte(spans, assignment.starts_on, assignment.ends_on)
    if peak > FULL_TIME:
        raise ValidationError({"fte": _(
            "On %(day)s %(person)s would hold %(total)s FTE (%(new)s here and %(other)s in "
            "other assignments); one person holds at most 1 FTE on any date."
        ) % {"day": day.isoformat(), "person": assignment.staff_member.full_name,
             "total": peak.normalize(), "new": assignment.fte.normalize(),
             "other": (peak - assignment.fte).normalize()}})


def check_assignment(assignment: Assignment) -> None:
    """The one-FTE check without the lock, for a form's early answer (admin)."""
    _derive_fte(assignment)
    if assignment.fte is not None and assignment.staff_member_id and assignment.starts_on:
        _check_within_one_fte(assignment)


def _lock_person(staff_member) -> StaffMember:
    return StaffMember.objects.select_for_update().get(pk=staff_member.pk)


def _derive_fte(assignment: Assignment) -> None:
    if assignment.kind == AssignmentKind.CONSULTING and assignment.charged_per_year \
            and assignment.charge_unit:
        assignment.fte = consulting_fte(assignment.charged_per_year, assignment.charge_unit)
        if assignment.fte <= 0:
            raise ValidationError({"charged_per_year": _("Too little time to count.")})
        if assignment.fte > FULL_TIME:
            raise ValidationError({"charged_per_year": _(
                "More than a full working year is charged.")})


@transaction.atomic
def assignment_create(*, actor, staff_member, post, starts_on, fte=None,
                      kind=AssignmentKind.PART_TIME, charge_unit="", charged_per_year=None,
                      ends_on=None, notes="") -> Assignment:
    """Give a person a post from a date. Consultants' FTE follows from the time they charge.

    A person the actor does not own (another unit's, or nobody's) is only requested: the
    assignment waits for the consent of the person's home unit or the host (assignment_consent)
    and until then grants nothing and counts for nothing."""
    _require(rules.can_manage_staffing(actor, post.isu))
    person = _lock_person(staff_member)
    status = (AssignmentStatus.PENDING if rules.needs_consent(actor, person)
              else AssignmentStatus.CONSENTED)
    assignment = Assignment(staff_member=person, post=post, kind=kind, fte=fte,
                            charge_unit=charge_unit or "", charged_per_year=charged_per_year,
                            starts_on=starts_on, ends_on=ends_on, notes=notes, status=status)
    _derive_fte(assignment)
    if assignment.fte is None:
        raise ValidationError({"fte": _("Give the share of a full-time equivalent.")})
    assignment.full_clean()
    if assignment.fte > post.fte:
        raise ValidationError({"fte": _("The post itself is %(fte)s FTE.")
                               % {"fte": post.fte.normalize()}})
    _check_within_one_fte(assignment)
    assignment.save()
    audit.record(actor=actor, action="staffing.assignment.created", target=assignment,
                 changes=audit.diff(assignment, {}, ASSIGNMENT_FIELDS))
    return assignment


def _widens(before: Assignment, after: Assignment) -> bool:
    """Does the change ask more of the person than was consented: earlier, longer, more time,
    another form? (Ending sooner or changing the notes asks nothing more.)"""
    def last_day(assignment):
        return assignment.ends_on or datetime.date.max

    return (after.starts_on < before.starts_on or last_day(after) > last_day(before)
            or after.fte > before.fte or after.kind != before.kind
            or after.charge_unit != before.charge_unit
            or after.charged_per_year != before.charged_per_year)


@transaction.atomic
def assignment_update(*, actor, assignment: Assignment, **fields) -> Assignment:
    """Change an assignment's share, form, dates or notes (not its person or post).

    The post's unit changes its assignments; asking more of another unit's person than was
    consented puts the assignment back to awaiting that unit's consent."""
    person = _lock_person(assignment.staff_member)
    assignment = Assignment.objects.select_related("post__isu").get(pk=assignment.pk)
    _require(rules.can_manage_staffing(actor, assignment.post.isu))
    if assignment.status == AssignmentStatus.DECLINED:
        raise ValidationError(_("This assignment was declined; make a new request instead."))
    assignment.staff_member = person
    before = audit.snapshot(assignment, ASSIGNMENT_FIELDS)
    original = Assignment(**{name: getattr(assignment, name) for name in
                             ("kind", "fte", "charge_unit", "charged_per_year", "starts_on",
                              "ends_on")})
    _apply(assignment, set(ASSIGNMENT_FIELDS) - {"staff_member", "post", "status"}, fields)
    if assignment.kind == AssignmentKind.PART_TIME and "kind" in fields:
        assignment.charge_unit, assignment.charged_per_year = "", None
    _derive_fte(assignment)
    assignment.full_clean()
    if assignment.fte > assignment.post.fte:
        raise ValidationError({"fte": _("The post itself is %(fte)s FTE.")
                               % {"fte": assignment.post.fte.normalize()}})
    if (assignment.status == AssignmentStatus.CONSENTED and _widens(original, assignment)
            and rules.needs_consent(actor, person)):
        assignment.status = AssignmentStatus.PENDING
    _check_within_one_fte(assignment)
    assignment.save()
    audit.record(actor=actor, action="staffing.assignment.changed", target=assignment,
                 changes=audit.diff(assignment, before, ASSIGNMENT_FIELDS))
    return assignment


def assignment_end(*, actor, assignment: Assignment, ends_on) -> Assignment:
    """A person leaves a post (or changes post) after `ends_on`."""
    return assignment_update(actor=actor, assignment=assignment, ends_on=ends_on)


def _decide(*, actor, assignment: Assignment, status: str, action: str,
            note: str = "") -> Assignment:
    person = _lock_person(assignment.staff_member)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.status != AssignmentStatus.PENDING:
        raise ValidationError({"status": _("This assignment is not awaiting consent.")})
    _require(rules.can_decide_assignment(actor, assignment))
    assignment.staff_member = person
    before = audit.snapshot(assignment, ASSIGNMENT_FIELDS)
    assignment.status = status
    if status == AssignmentStatus.CONSENTED:
        _check_within_one_fte(assignment)
    assignment.full_clean()
    assignment.save(update_fields=["status"])
    changes = audit.diff(assignment, before, ASSIGNMENT_FIELDS)
    if note:
        changes["note"] = [None, note]
    audit.record(actor=actor, action=action, target=assignment, changes=changes)
    return assignment


@transaction.atomic
def assignment_consent(*, actor, assignment: Assignment, note: str = "") -> Assignment:
    """The person's home unit (or the host) agrees: the assignment comes into force, if the
    person still holds at most 1 FTE on every date with it."""
    return _decide(actor=actor, assignment=assignment, status=AssignmentStatus.CONSENTED,
                   action="staffing.assignment.consented", note=note)


@transaction.atomic
def assignment_decline(*, actor, assignment: Assignment, note: str = "") -> Assignment:
    """The person's home unit (or the host) refuses: the request stays on record, in force
    never."""
    return _decide(actor=actor, assignment=assignment, status=AssignmentStatus.DECLINED,
                   action="staffing.assignment.declined", note=note)


# --- Money ------------------------------------------------------------------------------------

@transaction.atomic
def staff_cost_set(*, actor, staff_member, year: int, salary, social_charges,
                   currency="CHF") -> StaffCost:
    """Record (or correct) a person's salary and social charges for a year: the person's home
    unit, the host's finance staff and admins only (a unit the person works for sees the cost
    of the years it is charged for, and changes none)."""
    _require(rules.can_manage_person(actor, staff_member))
    cost = StaffCost.objects.select_for_update().filter(staff_member=staff_member,
                                                        year=year).first()
    created = cost is None
    cost = cost or StaffCost(staff_member=staff_member, year=year)
    before = {} if created else audit.snapshot(cost, COST_FIELDS)
    cost.salary, cost.social_charges = _money(salary), _money(social_charges)
    cost.currency = currency
    cost.full_clean(validate_unique=False)
    cost.save()
    audit.record(actor=actor, action="staffing.staff_cost.set", target=cost,
                 changes=audit.diff(cost, before, COST_FIELDS))
    return cost


@transaction.atomic
def spending_set(*, actor, isu, year: int, category: str, amount, currency="CHF",
                 notes="") -> Spending:
    """Record (or correct) what an ISU spent in a category in a year."""
    _require(rules.can_manage_costs(actor, isu))
    row = Spending.objects.select_for_update().filter(isu=isu, year=year,
                                                      category=category).first()
    created = row is None
    row = row or Spending(isu=isu, year=year, category=category)
    before = {} if created else audit.snapshot(row, SPENDING_FIELDS)
    row.amount, row.currency, row.notes = _money(amount), currency, notes
    row.full_clean(validate_unique=False)
    row.save()
    audit.record(actor=actor, action="staffing.spending.set", target=row,
                 changes=audit.diff(row, before, SPENDING_FIELDS))
    return row


# --- Cover and absences -----------------------------------------------------------------------

@transaction.atomic
def duty_create(*, actor, isu, name: str, holder) -> Duty:
    _require(rules.can_manage_staffing(actor, isu))
    duty = Duty(isu=isu, name=name, holder=holder)
    duty.full_clean()
    duty.save()
    audit.record(actor=actor, action="staffing.duty.created", target=duty,
                 changes={"name": [None, name], "holder": [None, holder.pk]})
    return duty


@transaction.atomic
def backstop_add(*, actor, duty: Duty, backup, rank: int | None = None) -> Backstop:
    locked = Duty.objects.select_for_update().select_related("isu").get(pk=duty.pk)
    _require(rules.can_manage_staffing(actor, locked.isu))
    if rank is None:
        rank = (max(duty.backstops.values_list("rank", flat=True), default=0) or 0) + 1
    backstop = Backstop(duty=duty, backup=backup, rank=rank)
    backstop.full_clean()
    backstop.save()
    audit.record(actor=actor, action="staffing.backstop.added", target=duty,
                 changes={"backup": [None, backup.pk], "rank": [None, rank]})
    return backstop


@transaction.atomic
def absence_record(*, actor, staff_member, kind, starts_on, ends_on, note="") -> Absence:
    staff_member = _lock_person(staff_member)
    _require(rules.can_manage_person(actor, staff_member))
    absence = Absence(staff_member=staff_member, kind=kind, starts_on=starts_on,
                      ends_on=ends_on, note=note)
    absence.full_clean()
    overlapping = staff_member.absences.filter(starts_on__lte=ends_on, ends_on__gte=starts_on)
    if overlapping.exists():
        raise ValidationError({"starts_on": _("This person is already away in this period.")})
    absence.save()
    audit.record(actor=actor, action="staffing.absence.recorded", target=absence,
                 changes={"kind": [None, kind], "starts_on": [None, str(starts_on)],
                          "ends_on": [None, str(ends_on)]})
    return absence


# --- Yearly reports ---------------------------------------------------------------------------

def yearly_reports_request(*, year: int, language: str = "en") -> int:
    """Request the yearly staffing and cost PDF of every ISU that has none for `year`.

    Each ISU's check and request run under a lock on its row, so two scans cannot both queue
    the same file. Returns how many files were queued."""
    from core.generated import generated_file_request
    from core.models import GeneratedFile
    from treaties.models import ISU

    from .reports import REPORT_KIND

    queued, system = 0, system_actor()
    for isu_id in ISU.objects.values_list("pk", flat=True):
        with transaction.atomic():
            isu = ISU.objects.select_for_update().select_related("convention").get(pk=isu_id)
            params = {"isu": isu.convention.code, "year": year}
            if GeneratedFile.objects.filter(kind=REPORT_KIND, params=params).exists():
                continue
            generated_file_request(actor=system, kind=REPORT_KIND, params=params,
                                   language=language)
            audit.record(actor=system, action="staffing.yearly_report.requested", target=isu,
                         changes={"year": [None, year]})
            queued += 1
    return queued
