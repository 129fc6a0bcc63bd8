"""Reads of the reporting app: every list a page or the API shows, with its prefetching."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts import access
from treaties.models import Convention, Membership, State

from . import clearance, rules
from . import deadlines as rules_of_dates
from .enums import ComplianceStatus, DueRule, ExtensionStatus, ObligationKind, ReportStatus
from .models import ExtensionRequest, FormField, Obligation, Report, ReportForm, SectionEntry


def obligations_list() -> QuerySet[Obligation]:
    return Obligation.objects.filter(is_active=True).select_related("convention", "initial_report")


def obligations_with_forms() -> QuerySet[Obligation]:
    return obligations_list().prefetch_related(
        Prefetch("forms", queryset=ReportForm.objects.prefetch_related(
            Prefetch("fields", queryset=FormField.objects.select_related("theme")))))


def reports_for_user(user) -> QuerySet[Report]:
    """Reports the user may read: published ones, their own State's, and for ISU staff the
    received (or shared) reports of their convention and its protocols."""
    qs = Report.objects.select_related("state", "obligation__convention", "submitted_by")
    scope = access.scope_of(user)
    if scope.administrator:
        return qs
    visible = Q(status=ReportStatus.PUBLISHED) | Q(state_id__in=scope.state_ids)
    if scope.state_ids:  # restricted reports: for the representatives of today's parties
        party = rules.parties_audience(scope.state_ids, OuterRef("obligation__convention_id"))
        visible |= Q(status=ReportStatus.RESTRICTED) & Exists(party)
    if scope.staff_convention_ids:
        mine = (Q(obligation__convention_id__in=scope.staff_convention_ids)
                | Q(obligation__convention__parent_id__in=scope.staff_convention_ids))
        visible |= mine & (Q(status__in=ReportStatus.RECEIVED) | Q(shared_with_isu=True))
    return qs.filter(visible)


def extension_requests_for_user(user) -> QuerySet[ExtensionRequest]:
    """Extension requests the user may read (rules.extension_visibility): their own State's,
    and for ISU staff those made under their convention once submitted."""
    return ExtensionRequest.objects.select_related("state", "convention").filter(
        rules.extension_visibility(user))


def extension_obligation(convention) -> Obligation | None:
    """The convention's extension-request obligation (with its numbers), if it has one."""
    return Obligation.objects.filter(convention=convention,
                                     kind=ObligationKind.EXTENSION_REQUEST,
                                     is_active=True).order_by("position").first()


def extension_conventions() -> QuerySet[Convention]:
    """The conventions under which a State may request a clearance-deadline extension."""
    return Convention.objects.filter(
        obligations__kind=ObligationKind.EXTENSION_REQUEST,
        obligations__is_active=True).distinct().order_by("ordering_key")


@dataclass(frozen=True)
class ExtensionTerms:
    """What a State's next extension request under a convention extends, and by when."""

    obligation: Obligation
    current_deadline: datetime.date
    submission_due_on: datetime.date
    latest_requested_deadline: datetime.date
    extends: ExtensionRequest | None  # the granted request whose deadline this extends


def extension_terms(state, convention) -> ExtensionTerms | None:
    """The deadline a new request would extend: the original clearance deadline (entry into
    force for the State + the obligation's years) for a first request, the last granted
    deadline for a later one; None when the convention has no extensions or the State is
    not party."""
    obligation = extension_obligation(convention)
    if obligation is None:
        return None
    granted = ExtensionRequest.objects.filter(
        state=state, convention=convention, status=ExtensionStatus.GRANTED
    ).order_by("-requested_deadline").first()
    if granted is not None:
        deadline = granted.requested_deadline
    else:
        membership = Membership.objects.filter(state=state, convention=convention).order_by(
            "effective_on").first()
        if membership is None:
            return None
        deadline = clearance.original_deadline(effective_on=membership.effective_on,
                                               years=obligation.clearance_deadline_years)
    return ExtensionTerms(
        obligation=obligation, current_deadline=deadline, extends=granted,
        submission_due_on=clearance.request_due_on(
            deadline=deadline, months_before=obligation.request_due_months_before),
        latest_requested_deadline=clearance.latest_extended_deadline(
            deadline=deadline, max_years=obligation.extension_max_years))


def report_detail(pk: int) -> Report:
    return Report.objects.select_related("state", "obligation__convention", "submitted_by",
                                         "based_on").prefetch_related(
        Prefetch("entries", queryset=SectionEntry.objects.select_related("form", "updated_by")
                 .prefetch_related("form__fields")),
        "attachments", "versions").get(pk=pk)


def _rule_specs(obligations) -> list[rules_of_dates.RuleSpec]:
    return [rules_of_dates.RuleSpec(o.pk, o.convention_id, o.due_rule, o.due_days, o.due_month,
                                    o.due_day, o.initial_report_id, o.initial_stands_in,
                                    o.period_covered) for o in obligations
            if o.due_rule != DueRule.NONE]


def _membership_specs(qs) -> list[rules_of_dates.MembershipSpec]:
    return [rules_of_dates.MembershipSpec(s, c, e, w) for s, c, e, w in qs.values_list(
        "state_id", "convention_id", "effective_on", "withdrawal_effective_on")]


def deadlines(*, years, obligations=None, states=None) -> list[rules_of_dates.Deadline]:
    """Reports owed in the cycles `years`, from the rules and the membership data."""
    wanted = list(obligations if obligations is not None else obligations_list())
    convention_ids = {o.convention_id for o in wanted}
    # The whole convention's rules: whether an annual report is owed may depend on its initial
    # report (an obligation of the same convention).
    rules = _rule_specs(o for o in obligations_list() if o.convention_id in convention_ids) \
        if obligations is not None else _rule_specs(wanted)
    memberships = Membership.objects.filter(convention_id__in=convention_ids)
    if states is not None:
        memberships = memberships.filter(state__in=states)
    wanted_ids = {o.pk for o in wanted}
    return [d for d in rules_of_dates.deadlines_for(
        rules=rules, memberships=_membership_specs(memberships), years=years)
        if d.obligation_id in wanted_ids]


def deadline_for(state, obligation, cycle_year) -> rules_of_dates.Deadline | None:
    for item in deadlines(years=[cycle_year], obligations=[obligation], states=[state]):
        if item.obligation_id == obligation.pk:
            return item
    return None


@dataclass(frozen=True)
class Lateness:
    """Whether a report is overdue on a day (not received by its due date) and by how long."""

    is_overdue: bool
    days_overdue: int  # 0 when not overdue


def lateness(*, due_on: datetime.date | None, received: bool,
             today: datetime.date | None = None) -> Lateness:
    """The one overdue rule (calendar, report page, ISU console, API): past its due date in the
    portal's time zone and not received. `today` defaults to timezone.localdate()."""
    today = today or timezone.localdate()
    if received or due_on is None or today <= due_on:
        return Lateness(False, 0)
    return Lateness(True, (today - due_on).days)


def report_lateness(report: Report, *, today: datetime.date | None = None) -> Lateness:
    return lateness(due_on=report.due_on, received=report.status in ReportStatus.RECEIVED,
                    today=today)


@dataclass
class CalendarRow:
    deadline: rules_of_dates.Deadline
    obligation: Obligation
    report: Report | None
    lateness: Lateness = Lateness(False, 0)

    @property
    def is_overdue(self) -> bool:
        return self.lateness.is_overdue

    @property
    def days_overdue(self) -> int:
        return self.lateness.days_overdue


@dataclass
class StateCalendar:
    state: State
    year: int
    rows: list[CalendarRow]
    proposed_deadline: datetime.date | None
    adopted: object | None
    margin_days: int
    families: list[str] = field(default_factory=list)
    proposed_cycle_year: int | None = None  # the cycle the proposal is for (never a past one)


def state_calendar(state, year: int, *, user=None, margin_days: int = 30,
                   today: datetime.date | None = None) -> StateCalendar:
    """Every report the State owes in a cycle, across conventions, each flagged overdue when
    not received by its due date, with a synchronized internal deadline (the earliest due
    date minus a margin) the focal point may adopt: for this cycle, or, once that date has
    passed, for the next cycle whose proposal is still ahead."""
    today = today or timezone.localdate()
    obligations = {o.pk: o for o in obligations_list()}
    cycles = list(range(year, max(year, today.year) + 2))
    owed = deadlines(years=cycles, obligations=obligations.values(), states=[state])
    items = [d for d in owed if d.cycle_year == year]
    reports = {}
    if user is not None:
        reports = {(r.obligation_id, r.cycle_year): r for r in
                   reports_for_user(user).filter(state=state, cycle_year=year)}
    # Whether a report was received is what the ISUs publish in their compliance overviews;
    # the viewer need not read the report itself for its row to say it is not overdue.
    received = set(Report.objects.filter(state=state, cycle_year=year,
                                         status__in=ReportStatus.RECEIVED)
                   .values_list("obligation_id", flat=True))
    rows = [CalendarRow(d, obligations[d.obligation_id],
                        reports.get((d.obligation_id, d.cycle_year)),
                        lateness(due_on=d.due_on, received=d.obligation_id in received,
                                 today=today)) for d in items]
    proposed, proposed_year = None, None
    for cycle in cycles:
        candidate = rules_of_dates.synchronized_deadline(
            [d.due_on for d in owed if d.cycle_year == cycle], margin_days=margin_days)
        if candidate is not None and candidate >= today:
            proposed, proposed_year = candidate, cycle
            break
    adopted = state.synchronized_deadlines.filter(cycle_year=year).first()
    return StateCalendar(
        state=state, year=year, rows=rows, adopted=adopted, margin_days=margin_days,
        proposed_deadline=proposed, proposed_cycle_year=proposed_year,
        families=sorted({d.family for d in items}),
    )


@dataclass
class OverdueRow:
    row: "ComplianceRow"
    days_overdue: int


def overdue_reports(*, conventions, years, today: datetime.date | None = None
                    ) -> list[OverdueRow]:
    """Reports owed under the conventions (and their protocols) in the cycles `years` and not
    received by their due date, the longest overdue first (the ISU console)."""
    today = today or timezone.localdate()
    out = []
    for convention in conventions:
        for row in compliance(years=years, convention=convention, today=today).rows:
            late = lateness(due_on=row.due_on, received=row.received_on is not None,
                            today=today)
            if late.is_overdue:
                out.append(OverdueRow(row, late.days_overdue))
    out.sort(key=lambda o: (-o.days_overdue, o.row.iso3, o.row.obligation.position))
    return out


@dataclass
class SharedOffer:
    theme_key: str
    value: object
    origin: SectionEntry


def shared_offers(report: Report) -> dict[str, SharedOffer]:
    """Shared answers (by theme) the State gave in its other reports of the same cycle: the
    latest per theme. Keys are field keys (a theme's shared field has the same key
    everywhere)."""
    entries = (SectionEntry.objects.filter(report__state_id=report.state_id,
                                           report__cycle_year=report.cycle_year)
               .exclude(report=report)
               .select_related("report__obligation__convention", "form", "updated_by")
               .order_by("-updated_at"))
    keys = set(FormField.objects.filter(form__obligation_id=report.obligation_id,
                                        theme__isnull=False).values_list("key", flat=True))
    offers: dict[str, SharedOffer] = {}
    for entry in entries:
        for key in keys:
            if key not in offers and entry.data.get(key):
                offers[key] = SharedOffer(key, entry.data[key], entry)
    return offers


@dataclass
class ComplianceRow:
    state_id: int
    iso3: str
    country: str
    region: str
    obligation: Obligation
    cycle_year: int
    due_on: datetime.date
    received_on: datetime.date | None
    status: str

    @property
    def status_label(self) -> str:
        return ComplianceStatus(self.status).label


@dataclass
class Compliance:
    years: list[int]
    rows: list[ComplianceRow]
    by_year: dict[int, Counter]
    by_region: dict[str, Counter]
    by_obligation: dict[str, Counter]

    def chart(self):
        """Bars per year: percentages of on time, late and missing, for CSS widths."""
        bars = []
        for year in self.years:
            counts = self.by_year.get(year, Counter())
            total = sum(counts.values()) or 1
            bars.append({
                "year": year, "total": sum(counts.values()),
                "on_time": counts[ComplianceStatus.ON_TIME],
                "late": counts[ComplianceStatus.LATE],
                "missing": counts[ComplianceStatus.MISSING],
                "pending": counts[ComplianceStatus.NOT_YET_DUE],
                "on_time_pct": round(100 * counts[ComplianceStatus.ON_TIME] / total),
                "late_pct": round(100 * counts[ComplianceStatus.LATE] / total),
                "missing_pct": round(100 * counts[ComplianceStatus.MISSING] / total),
            })
        for index, bar in enumerate(bars):  # geometry of a stacked SVG bar, 400 units wide
            total = bar["total"] or 1
            bar["y"] = index * 26
            bar["text_y"] = index * 26 + 14
            bar["on_time_w"] = round(400 * bar["on_time"] / total, 1)
            bar["late_w"] = round(400 * bar["late"] / total, 1)
            bar["missing_w"] = round(400 * bar["missing"] / total, 1)
            bar["late_x"] = 60 + bar["on_time_w"]
            bar["missing_x"] = bar["late_x"] + bar["late_w"]
            bar["label_x"] = 470
        return bars


def compliance(*, years, convention: Convention | None = None, region: str = "",
               today: datetime.date | None = None) -> Compliance:
    """Who reported on time, late or not at all, per cycle: three queries whatever the size
    (obligations, memberships with their States, received reports)."""
    today = today or timezone.localdate()
    years = sorted(years)
    obligations = obligations_list()
    if convention is not None:
        obligations = obligations.filter(Q(convention=convention)
                                         | Q(convention__parent=convention))
    obligations = {o.pk: o for o in obligations if o.due_rule != DueRule.NONE}
    memberships = Membership.objects.filter(
        convention_id__in={o.convention_id for o in obligations.values()})
    if region:
        memberships = memberships.filter(state__region__iexact=region)
    rows_m = list(memberships.values_list("state_id", "convention_id", "effective_on",
                                          "withdrawal_effective_on", "state__iso3",
                                          "state__country", "state__region"))
    states = {r[0]: (r[4], r[5], r[6]) for r in rows_m}
    items = rules_of_dates.deadlines_for(
        rules=_rule_specs(obligations.values()),
        memberships=[rules_of_dates.MembershipSpec(*r[:4]) for r in rows_m], years=years)
    received = {
        (s, o, y): timezone.localdate(at)
        for s, o, y, at in Report.objects.filter(
            obligation_id__in=obligations.keys(), cycle_year__in=years,
            status__in=ReportStatus.RECEIVED, submitted_at__isnull=False,
        ).values_list("state_id", "obligation_id", "cycle_year", "submitted_at")
    }
    rows = []
    by_year, by_region, by_obligation = defaultdict(Counter), defaultdict(Counter), \
        defaultdict(Counter)
    for d in items:
        got = received.get((d.state_id, d.obligation_id, d.cycle_year))
        status = rules_of_dates.compliance_status(due_on=d.due_on, received_on=got, today=today)
        iso3, country, state_region = states[d.state_id]
        obligation = obligations[d.obligation_id]
        rows.append(ComplianceRow(d.state_id, iso3, country, state_region, obligation,
                                  d.cycle_year, d.due_on, got, status))
        by_year[d.cycle_year][status] += 1
        by_region[state_region or "—"][status] += 1
        by_obligation[obligation.code][status] += 1
    rows.sort(key=lambda r: (-r.cycle_year, r.iso3, r.obligation.position))
    return Compliance(years=years, rows=rows, by_year=dict(by_year), by_region=dict(by_region),
                      by_obligation=dict(by_obligation))


def states_owing_both_families(year: int, *, first: str, second: str) -> dict:
    """How many States owe reports due on both days (families "MM-DD", e.g. "03-31" and
    "04-30") in one year, from membership data."""
    families = defaultdict(set)
    for d in deadlines(years=[year]):
        families[d.state_id].add(d.family)
    owing_first = {s for s, f in families.items() if first in f}
    owing_second = {s for s, f in families.items() if second in f}
    return {"year": year, "first": first, "second": second, "first_only": len(
        owing_first - owing_second), "second_only": len(owing_second - owing_first),
        "both": len(owing_first & owing_second)}


@dataclass
class DeadlineFamily:
    """Annual reports due on the same day of the year, whatever their convention."""

    key: str  # "MM-DD"
    due: datetime.date  # that day in a leap year, for display
    conventions: list[str]


def deadline_families() -> list[DeadlineFamily]:
    """The annual due days the obligations' data define, in calendar order, with the
    conventions whose reports fall due on each."""
    found: dict[str, DeadlineFamily] = {}
    for o in obligations_list().filter(due_rule=DueRule.ANNUAL_FIXED_DATE):
        family = found.setdefault(o.family, DeadlineFamily(
            o.family, datetime.date(2024, o.due_month, o.due_day), []))
        if str(o.convention) not in family.conventions:
            family.conventions.append(str(o.convention))
    return [found[key] for key in sorted(found)]


def states_owing_by_family(year: int, families: list[DeadlineFamily]) -> dict:
    """For one cycle: how many States owe reports in several of the annual families, and per
    family how many owe reports in that family alone."""
    owing = defaultdict(set)
    keys = {f.key for f in families}
    for d in deadlines(years=[year]):
        if d.family in keys:
            owing[d.state_id].add(d.family)
    return {"year": year,
            "several": sum(1 for f in owing.values() if len(f) > 1),
            "only": [sum(1 for f in owing.values() if f == {family.key})
                     for family in families]}


@dataclass
class SharedAnswer:
    theme: object
    key: str
    entry: SectionEntry


def shared_answers(state_ids, year: int) -> list[SharedAnswer]:
    """What the State filled once for a theme in this cycle and is offered in its other
    reports (the reporting home lists them with their origin)."""
    themed = defaultdict(list)
    for field_ in FormField.objects.filter(theme__isnull=False).select_related("theme"):
        themed[field_.form_id].append(field_)
    out = []
    for entry in (SectionEntry.objects.filter(report__state_id__in=state_ids,
                                              report__cycle_year=year)
                  .select_related("report__obligation__convention", "report__state", "form",
                                  "updated_by").order_by("form__position")):
        for field_ in themed.get(entry.form_id, ()):
            if entry.data.get(field_.key) and not entry.origins.get(field_.key):
                out.append(SharedAnswer(field_.theme, field_.key, entry))
    return out
