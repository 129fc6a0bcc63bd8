"""Every change to the sponsorship programmes goes through these functions: keyword-only, an
explicit actor, one transaction with its audit row, side effects after commit."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.services import system_actor
from core import audit
from core.generated import generated_file_request
from treaties.selectors import is_party_on

from . import rules, selectors, split
from .enums import TRANSITIONS, ApplicationStatus, SplitRule
from .models import (
    Application,
    ApplicationEvent,
    ApplicationMeeting,
    Contribution,
    CostShare,
    DSARate,
    Nominee,
    Programme,
    ProgrammeBudget,
    Trip,
)

S = ApplicationStatus
AWARD_LETTER = "sponsorship.award_letter"
PROGRAMME_REPORT = "sponsorship.programme_report"


def _deny(message=None):
    raise PermissionDenied(message or _("You may not do this."))


# --- Programmes, donors, rates ------------------------------------------------------------------

@transaction.atomic
def contribution_record(*, actor, programme, donor, amount, received_on, earmarked_meeting=None,
                        earmarked_year=None, note="") -> Contribution:
    if not rules.can_manage_programme(actor, programme):
        _deny()
    if earmarked_meeting is not None and not earmarked_meeting.conventions.filter(
            pk=programme.convention_id).exists():
        raise ValidationError({"earmarked_meeting": _(
            "The meeting is not a meeting of this programme's convention.")})
    contribution = Contribution(programme=programme, donor=donor, amount=amount,
                                currency=programme.currency, received_on=received_on,
                                earmarked_meeting=earmarked_meeting,
                                earmarked_year=earmarked_year, note=note)
    contribution.full_clean()
    contribution.save()
    audit.record(actor=actor, action="sponsorship.contribution.recorded", target=contribution,
                 changes={"amount": [None, amount], "donor": [None, str(donor)]})
    return contribution


@transaction.atomic
def programme_budget_set(*, actor, programme, year, amount) -> ProgrammeBudget:
    if not rules.can_manage_programme(actor, programme):
        _deny()
    budget = ProgrammeBudget.objects.select_for_update().filter(
        programme=programme, year=year).first() or ProgrammeBudget(programme=programme, year=year)
    before = budget.amount
    budget.amount = amount
    budget.full_clean()
    budget.save()
    audit.record(actor=actor, action="sponsorship.budget.set", target=budget,
                 changes={"amount": [before, amount]})
    return budget


@transaction.atomic
def dsa_rate_set(*, actor, city, valid_from, amount, country="", currency="CHF") -> DSARate:
    if not rules.can_manage_dsa_rates(actor):
        _deny()
    rate = DSARate.objects.select_for_update().filter(
        city__iexact=city, valid_from=valid_from).first() or DSARate(city=city,
                                                                     valid_from=valid_from)
    before = rate.amount
    rate.amount, rate.currency = amount, currency
    if country:
        rate.country = country
    rate.full_clean()
    rate.save()
    audit.record(actor=actor, action="sponsorship.dsa_rate.set", target=rate,
                 changes={"amount": [before, amount]})
    return rate


# --- Eligibility ----------------------------------------------------------------------------------

def eligibility_problems(application, *, nominee_count=None) -> list[str]:
    """Why the programmes cannot sponsor this application (empty: eligible)."""
    problems = []
    state = application.state
    count = application.nominees.count() if nominee_count is None else nominee_count
    for line in application.meeting_lines.select_related("meeting", "programme__convention"):
        meeting, programme = line.meeting, line.programme
        names = {"state": state, "programme": programme, "meeting": meeting}
        if meeting.is_cancelled:
            problems.append(_("%(meeting)s is cancelled.") % names)
            continue
        if not programme.is_active:
            problems.append(_("%(programme)s is not accepting applications.") % names)
        year = meeting.start_date.year
        if not programme.eligible_states.filter(state=state).filter(
                Q(year=year) | Q(year__isnull=True)).exists():
            problems.append(_("%(state)s is not on the list of States eligible for "
                              "%(programme)s in %(year)s.") % {**names, "year": year})
        if not programme.sponsors_observers and not is_party_on(
                state, programme.convention, meeting.start_date):
            problems.append(_("%(programme)s sponsors States Parties only, and %(state)s is "
                              "not a party on the first day of %(meeting)s.") % names)
        others = Nominee.objects.filter(
            application__state=state, application__status__in=S.IN_PLAY,
            application__meeting_lines__meeting=meeting,
            application__meeting_lines__programme=programme,
        ).exclude(application=application).count()
        allowed = programme.max_delegates_per_state_per_meeting
        if others + count > allowed:
            problems.append(_("%(programme)s sponsors at most %(allowed)s delegate(s) per State "
                              "for %(meeting)s; %(state)s would have %(count)s.")
                            % {**names, "allowed": allowed, "count": others + count})
    return problems


# --- Applications ---------------------------------------------------------------------------------

def _programme_for(*, state, meeting, programme, today) -> Programme:
    """The programme asked to sponsor `meeting` for `state`, refusing a meeting that is no
    longer open to the State (cancelled, begun, or no programme that sponsors it): the rule
    of `selectors.meetings_open_for_application`, with the reason."""
    names = {"meeting": meeting, "state": state, "programme": programme}
    if meeting.is_cancelled:
        raise ValidationError({"meetings": _("%(meeting)s is cancelled.") % names})
    if meeting.start_date <= today:
        raise ValidationError({"meetings": _(
            "%(meeting)s begins on %(date)s: sponsorship is asked only for meetings that "
            "begin after today.") % {**names, "date": meeting.start_date.isoformat()}})
    open_ = list(selectors.open_programmes([state], meeting, meeting.start_date)
                 .select_related("convention"))
    if programme is not None:
        if not meeting.conventions.filter(pk=programme.convention_id).exists():
            raise ValidationError({"meetings": _(
                "%(programme)s does not sponsor %(meeting)s: it is not a meeting of its "
                "convention.") % names})
        if programme in open_:
            return programme
        candidates = [programme]
    else:
        if len(open_) == 1:
            return open_[0]
        if len(open_) > 1:
            raise ValidationError({"meetings": _(
                "Choose the programme to sponsor %(meeting)s.") % names})
        candidates = list(Programme.objects.filter(convention__in=meeting.conventions.all()))
    active = [p for p in candidates if p.is_active]
    if not active:
        raise ValidationError({"meetings": _(
            "No programme is accepting applications for %(meeting)s.") % names})
    raise ValidationError({"meetings": _(
        "%(programme)s sponsors States Parties only, and %(state)s is not a party on the "
        "first day of %(meeting)s.") % {**names, "programme": active[0]}})


def _set_meetings(application, meetings, *, today) -> list[int]:
    """Replace the meetings a draft asks for. `meetings`: Meeting objects, or (meeting,
    programme) pairs."""
    pairs, seen = [], set()
    for item in meetings:
        meeting, programme = item if isinstance(item, tuple | list) else (item, None)
        if meeting.pk in seen:
            raise ValidationError({"meetings": _("A meeting is listed twice.")})
        seen.add(meeting.pk)
        pairs.append((meeting, _programme_for(state=application.state, meeting=meeting,
                                              programme=programme, today=today)))
    application.meeting_lines.all().delete()
    ApplicationMeeting.objects.bulk_create([
        ApplicationMeeting(application=application, meeting=meeting, programme=programme)
        for meeting, programme in pairs])
    return sorted(seen)


NOMINEE_FIELDS = ("full_name", "email", "function", "departure_city")


def _set_nominees(application, nominees) -> list[str]:
    """Replace a draft's delegates: an item with the `id` of one of its delegates changes
    only the fields it names; an item without `id` adds a delegate; delegates not listed
    are removed."""
    existing = {n.pk: n for n in application.nominees.all()}
    keep, rows = set(), []
    for data in nominees:
        data = dict(data)
        pk = data.pop("id", None)
        if pk is not None and pk not in existing:
            raise ValidationError({"nominees": _("Delegate %(id)s is not in this application.")
                                   % {"id": pk}})
        unknown = set(data) - set(NOMINEE_FIELDS)
        if unknown:
            raise ValidationError({"nominees": _("Unknown fields: %(fields)s.")
                                   % {"fields": ", ".join(sorted(unknown))}})
        nominee = existing[pk] if pk is not None else Nominee(application=application)
        for key, value in data.items():
            setattr(nominee, key, value)
        try:
            nominee.full_clean(exclude=["application"])
        except ValidationError as exc:
            raise ValidationError({"nominees": [
                f"{nominee.full_name or '?'}: {message}"
                for messages in exc.message_dict.values() for message in messages]}) from None
        rows.append(nominee)
        if pk is not None:
            keep.add(pk)
    application.nominees.exclude(pk__in=keep).delete()
    for nominee in rows:
        nominee.save()
    return [n.full_name for n in rows]


@transaction.atomic
def application_create(*, actor, state, meetings, nominees, language="en", motivation="",
                       today=None) -> Application:
    """A draft application. `meetings`: Meeting objects, or (meeting, programme) pairs, each
    beginning after `today` (the portal's today; the demo replays history with its own);
    `nominees`: dicts with full_name, and optionally email, function, departure_city."""
    if not rules.can_apply_for(actor, state):
        _deny(_("Only the State's focal points apply on its behalf."))
    if not meetings:
        raise ValidationError({"meetings": _("Choose at least one meeting.")})
    if not nominees:
        raise ValidationError({"nominees": _("Name at least one delegate.")})
    application = Application(state=state, language=language, motivation=motivation,
                              created_by=actor)
    application.full_clean()
    application.save()
    meeting_ids = _set_meetings(application, meetings, today=today or timezone.localdate())
    _set_nominees(application, [{k: v for k, v in n.items() if k != "id"} for n in nominees])
    ApplicationEvent.objects.create(application=application, to_status=S.DRAFT, actor=actor)
    audit.record(actor=actor, action="sponsorship.application.created", target=application,
                 changes={"state": [None, state.iso3], "meetings": [None, meeting_ids]})
    return application


@transaction.atomic
def application_update(*, actor, application, meetings=None, nominees=None, language=None,
                       motivation=None, today=None) -> Application:
    """Change a draft: only what is given changes (meetings and nominees as in
    `application_create` / `_set_nominees`). Only the State's focal points, only drafts."""
    application = _lock(application)
    if not rules.can_apply_for(actor, application.state):
        _deny(_("Only the State's focal points change its applications."))
    if not rules.can_edit_application(actor, application):
        raise ValidationError({"status": _(
            "Only a draft can be changed; this application is %(status)s.")
            % {"status": S(application.status).label.lower()}})
    changes = {}
    for name, value in (("language", language), ("motivation", motivation)):
        if value is not None and value != getattr(application, name):
            changes[name] = [getattr(application, name), value]
            setattr(application, name, value)
    application.full_clean()
    application.save()
    if meetings is not None:
        if not meetings:
            raise ValidationError({"meetings": _("Choose at least one meeting.")})
        before = sorted(application.meeting_lines.values_list("meeting_id", flat=True))
        after = _set_meetings(application, meetings, today=today or timezone.localdate())
        if before != after:
            changes["meetings"] = [before, after]
    if nominees is not None:
        if not nominees:
            raise ValidationError({"nominees": _("Name at least one delegate.")})
        before = list(application.nominees.values_list("full_name", flat=True))
        after = _set_nominees(application, nominees)
        if before != after:
            changes["nominees"] = [before, after]
    audit.record(actor=actor, action="sponsorship.application.updated", target=application,
                 changes=changes)
    return application


def _lock(application) -> Application:
    return Application.objects.select_for_update().select_related("state").get(pk=application.pk)


def _lock_programmes(ids) -> list[Programme]:
    """Lock programme rows in a fixed order, so two writers touching the same programmes
    wait for each other instead of deadlocking."""
    return list(Programme.objects.select_for_update().filter(pk__in=sorted(set(ids)))
                .order_by("pk"))


def _move(*, actor, application, to, comment="") -> Application:
    """The one place an application changes status (inside the caller's transaction)."""
    current = application.status
    who = TRANSITIONS.get((current, to))
    if who is None:
        raise ValidationError({"status": _("An application cannot go from %(from)s to %(to)s.")
                               % {"from": S(current).label, "to": S(to).label}})
    allowed = (rules.can_apply_for(actor, application.state) if who == "state"
               else rules.can_review_application(actor, application))
    if not allowed:
        _deny()
    event = ApplicationEvent(application=application, from_status=current, to_status=to,
                             actor=actor, comment=comment)
    event.full_clean(exclude=["application"])
    application.status = to
    application.save(update_fields=["status", "updated_at"])
    event.save()
    audit.record(actor=actor, action=f"sponsorship.application.{to}", target=application,
                 changes={"status": [current, to]})
    return application


@transaction.atomic
def application_submit(*, actor, application, comment="", today=None) -> Application:
    application = _lock(application)
    if not rules.can_apply_for(actor, application.state):
        _deny()
    _lock_programmes(application.meeting_lines.values_list("programme_id", flat=True))
    today = today or timezone.localdate()
    begun = [line.meeting for line in application.meeting_lines.select_related("meeting")
             if line.meeting.start_date <= today]
    if begun:
        raise ValidationError({"meetings": [_(
            "%(meeting)s begins on %(date)s: sponsorship is asked only for meetings that "
            "begin after today.") % {"meeting": m, "date": m.start_date.isoformat()}
            for m in begun]})
    problems = eligibility_problems(application)
    if problems:
        raise ValidationError({"eligibility": problems})
    return _move(actor=actor, application=application, to=S.SUBMITTED, comment=comment)


@transaction.atomic
def application_withdraw(*, actor, application, comment="") -> Application:
    """The State withdraws its draft: it stays, with its history, and can no longer change."""
    application = _lock(application)
    if not rules.can_apply_for(actor, application.state):
        _deny(_("Only the State's focal points withdraw its applications."))
    if application.status != S.DRAFT:
        raise ValidationError({"status": _(
            "Only a draft can be withdrawn; this application is %(status)s.")
            % {"status": S(application.status).label.lower()}})
    return _move(actor=actor, application=application, to=S.WITHDRAWN, comment=comment)


@transaction.atomic
def application_start_review(*, actor, application, comment="") -> Application:
    return _move(actor=actor, application=_lock(application), to=S.UNDER_REVIEW,
                 comment=comment)


@transaction.atomic
def application_waitlist(*, actor, application, comment="") -> Application:
    return _move(actor=actor, application=_lock(application), to=S.WAITLISTED, comment=comment)


@transaction.atomic
def application_reject(*, actor, application, comment="") -> Application:
    if not comment.strip():
        raise ValidationError({"comment": _("Give the State a reason.")})
    return _move(actor=actor, application=_lock(application), to=S.REJECTED, comment=comment)


@transaction.atomic
def application_approve(*, actor, application, comment="") -> Application:
    """Commit the programmes' money. Every delegate needs a costed trip whose shares each
    programme approved; each programme row is locked while its available money is checked, so
    two reviewers approving at once cannot commit more than the programme has."""
    application = _lock(application)
    if not rules.can_review_application(actor, application):
        _deny()
    if application.status not in (S.UNDER_REVIEW, S.WAITLISTED):
        _move(actor=actor, application=application, to=S.APPROVED)  # raises the clear error
    nominees = list(application.nominees.all())
    trips = {t.nominee_id: t for t in application.trips.prefetch_related("shares")}
    missing = [n.full_name for n in nominees if n.pk not in trips]
    if missing:
        raise ValidationError({"trips": _("Cost the trip of %(names)s first.")
                               % {"names": ", ".join(missing)}})
    needed: dict[int, Decimal] = {}
    for trip in trips.values():
        for share in trip.shares.all():
            if share.approved_at is None:
                raise ValidationError({"shares": _(
                    "Each programme approves its share first (%(share)s is not approved).")
                    % {"share": share}})
            needed[share.programme_id] = needed.get(share.programme_id, Decimal(0)) + share.amount
    locked = _lock_programmes(needed)
    # Checked under the programmes' locks: the per-State cap and the money cannot race.
    problems = eligibility_problems(application)
    if problems:
        raise ValidationError({"eligibility": problems})
    for programme in locked:
        available = selectors.position_of(programme).available
        if needed[programme.pk] > available:
            raise ValidationError({"budget": _(
                "%(programme)s cannot commit %(currency)s %(needed)s: only %(currency)s "
                "%(available)s is available.") % {
                    "programme": programme, "currency": programme.currency,
                    "needed": needed[programme.pk], "available": available}})
    _move(actor=actor, application=application, to=S.APPROVED, comment=comment)
    letter = generated_file_request(actor=actor, kind=AWARD_LETTER,
                                    params={"application_id": application.pk},
                                    language=application.language)
    application.award_letter = letter
    application.save(update_fields=["award_letter"])
    return application


@transaction.atomic
def application_book_travel(*, actor, application, comment="") -> Application:
    return _move(actor=actor, application=_lock(application), to=S.TRAVEL_BOOKED,
                 comment=comment)


@transaction.atomic
def application_mark_attended(*, actor, application, comment="") -> Application:
    return _move(actor=actor, application=_lock(application), to=S.ATTENDED, comment=comment)


@transaction.atomic
def application_settle(*, actor, application, comment="") -> Application:
    return _move(actor=actor, application=_lock(application), to=S.SETTLED, comment=comment)


@transaction.atomic
def application_comment(*, actor, application, comment) -> ApplicationEvent:
    application = _lock(application)
    if not (rules.can_view_application(actor, application)
            and (access.can_act_for_state(actor, application.state)
                 or rules.can_review_application(actor, application))):
        _deny()
    if not comment.strip():
        raise ValidationError({"comment": _("Write a comment.")})
    event = ApplicationEvent(application=application, from_status=application.status,
                             to_status=application.status, actor=actor, comment=comment)
    event.full_clean()
    event.save()
    audit.record(actor=actor, action="sponsorship.application.commented", target=application)
    return event


# --- Trips and their shares ---------------------------------------------------------------------

def costing_for(trip: Trip, lines) -> split.TripCosting:
    """The plain-data view of a trip for the split rules, with its rates read once."""
    nights = split.nights_between(trip.arrival, trip.departure)
    rates = {}
    for night in nights:
        rate = DSARate.objects.rate_on(trip.city, night)
        if rate is None:
            raise ValidationError({"city": _("No DSA rate for %(city)s on %(date)s.")
                                   % {"city": trip.city, "date": night.isoformat()}})
        if rate.currency != trip.currency:
            raise ValidationError({"city": _("The DSA rate for %(city)s is not in %(currency)s.")
                                   % {"city": trip.city, "currency": trip.currency}})
        rates[night] = rate.amount
    return split.TripCosting(
        arrival=trip.arrival, departure=trip.departure, airfare=trip.airfare,
        terminal=trip.terminal_expenses,
        meetings=tuple(split.MeetingStay(meeting=line.meeting_id, programme=line.programme_id,
                                         start=line.meeting.start_date,
                                         end=line.meeting.end_date,
                                         cancelled=line.meeting.is_cancelled)
                       for line in lines),
        rate_on=rates.__getitem__,
    )


def _recost(*, actor, trip, lines) -> Trip:
    """Recompute a trip's shares; every previous approval of a share is withdrawn."""
    for line in lines:
        meeting = line.meeting
        if meeting.is_cancelled:
            continue
        if trip.arrival > meeting.start_date:
            raise ValidationError({"arrival": _(
                "The delegate must arrive by the first day of %(meeting)s (%(date)s).")
                % {"meeting": meeting.title, "date": meeting.start_date.isoformat()}})
        if trip.departure < meeting.end_date:
            raise ValidationError({"departure": _(
                "The delegate cannot leave before the last day of %(meeting)s (%(date)s).")
                % {"meeting": meeting.title, "date": meeting.end_date.isoformat()}})
    try:
        costing = costing_for(trip, lines)
        result = split.split_trip(costing, trip.rule)
        saved = split.savings(costing, result)
    except split.MissingRate as exc:
        raise ValidationError({"city": _("No DSA rate for %(city)s on %(date)s.")
                               % {"city": trip.city, "date": exc.night.isoformat()}}) from None
    except split.SplitError as exc:
        raise ValidationError({"arrival": [str(exc)]}) from None
    trip.nights = len(result.nights)
    trip.dsa_total = result.dsa_total
    trip.total = result.total
    trip.separate_total = saved.separate_total
    trip.planned_by = actor
    trip.full_clean()
    trip.save()
    trip.shares.all().delete()
    CostShare.objects.bulk_create([
        CostShare(trip=trip, programme_id=share.programme, airfare=share.airfare,
                  terminal_expenses=share.terminal, dsa=share.dsa, nights=share.night_count,
                  amount=share.amount,
                  separate_cost=saved.separate_by_programme[share.programme])
        for share in result.shares
    ])
    return trip


def _check_can_plan(actor, application, trip=None):
    lines = list(application.meeting_lines.select_related("meeting", "programme"))
    conventions = {line.programme.convention_id for line in lines}
    if trip is not None:
        conventions |= set(trip.shares.values_list("programme__convention_id", flat=True))
    if not rules.can_change_shares(actor, conventions):
        _deny(_("This trip's shares belong to several programmes; only someone who manages "
                "all of them may change them."))
    if application.status not in S.PLANNABLE:
        raise ValidationError({"status": _("Trips can be costed only before approval.")})
    return lines


@transaction.atomic
def trip_plan(*, actor, application, nominee, city, arrival: datetime.date,
              departure: datetime.date, airfare: Decimal, terminal_expenses=Decimal("0.00"),
              rule=SplitRule.FIRST_MEETING_PAYS_JOURNEY) -> Trip:
    """Cost (or re-cost) the trip of one delegate and split it into programme shares."""
    application = _lock(application)
    if nominee.application_id != application.pk:
        raise ValidationError({"nominee": _("This delegate is not in the application.")})
    trip = Trip.objects.select_for_update().filter(nominee=nominee).first()
    lines = _check_can_plan(actor, application, trip)
    currencies = {line.programme.currency for line in lines}
    if len(currencies) != 1:
        raise ValidationError({"currency": _("The programmes keep different currencies.")})
    before = audit.snapshot(trip, ["arrival", "departure", "airfare", "total", "rule"]) \
        if trip else {}
    trip = trip or Trip(application=application, nominee=nominee)
    trip.city, trip.arrival, trip.departure = city, arrival, departure
    trip.airfare, trip.terminal_expenses, trip.rule = airfare, terminal_expenses, rule
    trip.currency = currencies.pop()
    if trip.departure <= trip.arrival:
        raise ValidationError({"departure": _("The departure must be after the arrival.")})
    _recost(actor=actor, trip=trip, lines=lines)
    audit.record(actor=actor, action="sponsorship.trip.planned", target=trip,
                 changes=audit.diff(trip, before, ["arrival", "departure", "airfare", "total",
                                                   "rule"]))
    return trip


@transaction.atomic
def trip_set_rule(*, actor, trip, rule) -> Trip:
    """The programme managers choose how the trip is split; the portal records it."""
    application = _lock(trip.application)
    trip = Trip.objects.select_for_update().get(pk=trip.pk)
    lines = _check_can_plan(actor, application, trip)
    if rule not in SplitRule.values:
        raise ValidationError({"rule": _("Unknown split rule.")})
    before = trip.rule
    trip.rule = rule
    _recost(actor=actor, trip=trip, lines=lines)
    audit.record(actor=actor, action="sponsorship.trip.rule_set", target=trip,
                 changes={"rule": [before, rule]})
    return trip


@transaction.atomic
def cost_share_approve(*, actor, share) -> CostShare:
    """A programme approves its own share of a trip, and no other programme's."""
    share = CostShare.objects.select_for_update().select_related(
        "programme", "trip__application").get(pk=share.pk)
    if not rules.can_approve_share(actor, share):
        _deny(_("Only %(programme)s's managers approve its share.")
              % {"programme": share.programme})
    if share.trip.application.status not in S.PLANNABLE:
        raise ValidationError({"status": _("Shares are approved before the application is.")})
    if share.approved_at is None:
        share.approved_by, share.approved_at = actor, timezone.now()
        share.save(update_fields=["approved_by", "approved_at"])
        audit.record(actor=actor, action="sponsorship.cost_share.approved", target=share,
                     changes={"amount": [None, share.amount]})
    return share


@transaction.atomic
def programme_report_request(*, actor, programme, year: int, language: str):
    """Queue a programme's annual report to its donors (a PDF built in Celery)."""
    if not rules.can_view_programme_finances(actor, programme):
        _deny()
    generated = generated_file_request(actor=actor, kind=PROGRAMME_REPORT,
                                       params={"programme_id": programme.pk, "year": int(year)},
                                       language=language)
    audit.record(actor=actor, action="sponsorship.programme.report_requested", target=programme,
                 changes={"year": [None, year]})
    return generated


def award_letters_ensure() -> list[int]:
    """Queue a letter for every approved application whose letter is missing or failed (a
    recovery scan: a second run finds nothing to do). Returns the applications handled."""
    from core.enums import GeneratedFileStatus

    handled = []
    pending = Application.objects.filter(status__in=S.COMMITTED | S.SPENT).filter(
        Q(award_letter__isnull=True) | Q(award_letter__status=GeneratedFileStatus.FAILED))
    for pk in pending.values_list("pk", flat=True):
        with transaction.atomic():
            application = (Application.objects.select_for_update(of=("self",)).filter(pk=pk)
                           .filter(Q(award_letter__isnull=True)
                                   | Q(award_letter__status=GeneratedFileStatus.FAILED))
                           .first())
            if application is None:
                continue
            application.award_letter = generated_file_request(
                actor=system_actor(), kind=AWARD_LETTER, params={"application_id": application.pk},
                language=application.language)
            application.save(update_fields=["award_letter"])
            audit.record(actor=system_actor(), action="sponsorship.application.award_letter",
                         target=application)
            handled.append(pk)
    return handled
