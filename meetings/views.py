"""Pages of the meetings app: the shared calendar, a meeting, registrations, clusters,
conflicts and proposals, a State's meetings, and the iCalendar feeds."""

import calendar as pycalendar
import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from accounts import access
from core import dates, generated
from core.downloads import serve_private_file
from core.forms import apply_validation_error, validation_error_text
from core.permissions import require
from treaties import selectors as treaties_selectors
from treaties.models import Convention, State

from . import exports, ical, rules, selectors, services
from .documents import BADGES
from .filters import MeetingFilter, RegistrationFilter
from .forms import (
    CalendarForm,
    CancelForm,
    DecisionForm,
    DocumentForm,
    MeetingForm,
    ProposalAcceptForm,
    RangeForm,
    RegistrationForm,
    SessionForm,
)
from .models import Meeting, MeetingDocument, Session
from .tables import MeetingTable, ParticipantTable

# --- The calendar -----------------------------------------------------------------------------

def _shift_month(day: datetime.date, months: int) -> datetime.date:
    return dates.add_months(day, months)


def _month_weeks(month: datetime.date, meetings, clusters, *, query: str = "",
                 limit: int | None = None) -> list[list[dict]]:
    """Weeks (Monday first) of day cells, each with the meetings on that day: at most `limit`
    chips a day (setting MEETINGS_MONTH_DAY_LIMIT), the rest behind a link to the list view of
    that day. Labels and links are built here once per meeting, not per cell in the template."""
    if limit is None:
        limit = getattr(settings, "MEETINGS_MONTH_DAY_LIMIT", 8)
    weeks = pycalendar.Calendar().monthdatescalendar(month.year, month.month)
    first, last = weeks[0][0], weeks[-1][-1]
    detail = reverse("meetings:detail", args=[0])[:-2]
    by_day: dict[datetime.date, list] = {}
    for meeting in meetings:
        cluster = clusters.get(meeting.pk)
        title = meeting.title
        chip = {"meeting": meeting, "cluster": cluster, "status": meeting.status,
                "url": f"{detail}{meeting.pk}/", "title": title,
                "label": ("⇄ " if cluster else "")
                + "+".join(c.code for c in meeting.conventions.all())
                + " · " + (title if len(title) <= 40 else title[:39] + "…")}
        day = max(meeting.start_date, first)
        while day <= min(meeting.end_date, last):
            by_day.setdefault(day, []).append(chip)
            day += datetime.timedelta(days=1)
    index_url = reverse("meetings:index")
    prefix = f"{query}&" if query else ""
    cells = []
    for week in weeks:
        row = []
        for day in week:
            chips = by_day.get(day, [])
            row.append({"day": day, "in_month": day.month == month.month,
                        "meetings": chips[:limit], "more": max(len(chips) - limit, 0),
                        "more_url": f"{index_url}?{prefix}view=list&date_from={day:%Y-%m-%d}"
                                    f"&date_to={day:%Y-%m-%d}"})
        cells.append(row)
    return cells


def _without(params, *names) -> str:
    query = params.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def index(request):
    """The shared calendar of every convention: month or list view, with filters; clusters of
    back-to-back meetings are marked. Constant number of queries whatever the size."""
    view_form = CalendarForm(request.GET or None)
    if view_form.is_bound and not view_form.is_valid() and "month" in view_form.errors:
        # An impossible month (?month=9999-12, 0000-01) shows this month, and says why.
        messages.warning(request, _("The month was ignored: %(error)s") % {
            "error": " ".join(view_form.errors["month"])})
    cleaned = view_form.cleaned_data if view_form.is_bound else {}
    view = cleaned.get("view") or "month"
    month = cleaned.get("month") or timezone.localdate().replace(day=1)
    meeting_filter = MeetingFilter(request.GET or None, queryset=selectors.meetings_list())
    # An invalid filter value shows its error and no rows (never the unfiltered calendar).
    valid = not meeting_filter.is_bound or meeting_filter.is_valid()
    meetings = meeting_filter.qs if valid else Meeting.objects.none()
    context = {"filter": meeting_filter, "view_form": view_form, "view": view,
               "manages_meetings": rules.can_manage_any_meeting(request.user)}
    if view == "list":
        table = MeetingTable(meetings)
        RequestConfig(request, paginate={"per_page": 50}).configure(table)
        page_meetings = list(table.page.object_list.data) if table.page else []
        context.update(table=table, clusters=selectors.cluster_index(page_meetings))
    else:
        first = month
        last = _shift_month(month, 1) - datetime.timedelta(days=1)
        grid_start = first - datetime.timedelta(days=first.weekday())
        grid_end = last + datetime.timedelta(days=6 - last.weekday())
        # The grid shows no themes: drop their prefetch (one query and ~2,000 objects fewer).
        month_meetings = list(meetings.between(grid_start, grid_end).prefetch_related(None)
                              .prefetch_related(selectors.CONVENTIONS_PREFETCH))
        clusters = selectors.cluster_index(month_meetings)
        context.update(
            month=month, previous_month=_shift_month(month, -1), next_month=_shift_month(month, 1),
            weeks=_month_weeks(month, month_meetings, clusters,
                               query=_without(request.GET, "month", "page", "view",
                                              "date_from", "date_to")),
            month_meetings=month_meetings, clusters=clusters,
            month_clusters=sorted({id(c): c for c in clusters.values()}.values(),
                                  key=lambda c: c.start),
        )
    query = request.GET.copy()
    query.pop("month", None)
    query.pop("page", None)
    context["query_without_month"] = query.urlencode()
    template = "meetings/index.html#calendar" if request.htmx else "meetings/index.html"
    return render(request, template, context)


# --- One meeting ------------------------------------------------------------------------------

def _meeting_or_404(pk) -> Meeting:
    try:
        return selectors.meeting_detail(pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


def _meeting_light_or_404(pk) -> Meeting:
    """The meeting with its conventions only (pages that do not show its agenda)."""
    try:
        return selectors.meetings_list().get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


def detail(request, pk):
    meeting = _meeting_or_404(pk)
    user = request.user
    cluster = selectors.cluster_index([meeting]).get(meeting.pk)
    cluster_meetings = []
    if cluster is not None:
        cluster_meetings = list(selectors.meetings_list().filter(pk__in=cluster.meeting_ids))
    manages = rules.can_manage_meeting(user, meeting)
    participants = None
    if user.is_authenticated and rules.can_view_participants(user, meeting):
        participants = list(selectors.participants_of(meeting, user)[:20])
    # For a State's representative: may their delegates attend, as party or observer?
    attendance = [(state, selectors.attendance_of(state, meeting)) for state in
                  State.objects.filter(pk__in=access.represented_state_ids(user))]
    return render(request, "meetings/detail.html", {
        "meeting": meeting, "cluster": cluster, "cluster_meetings": cluster_meetings,
        "manages": manages, "participants": participants, "attendance": attendance,
        "cancel_form": CancelForm(), "session_form": SessionForm(),
        "document_form": DocumentForm(),
        "can_register": user.is_authenticated,
    })


@login_required
def create(request):
    require(rules.can_manage_any_meeting(request.user))
    form = MeetingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                actor=request.user, conventions=form.cleaned_data["conventions"],
                thematic_areas=form.cleaned_data["thematic_areas"], **form.service_fields())
        except PermissionDenied:
            form.add_error("conventions", _("You may create meetings only for a convention "
                                            "whose ISU you belong to."))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The meeting was created."))
            return redirect("meetings:detail", meeting.pk)
    return render(request, "meetings/form.html", {"form": form, "title": _("New meeting")})


@login_required
def edit(request, pk):
    meeting = _meeting_or_404(pk)
    require(rules.can_manage_meeting(request.user, meeting))
    form = MeetingForm(request.POST or None, instance=meeting, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(
                actor=request.user, meeting=meeting,
                conventions=form.cleaned_data["conventions"],
                thematic_areas=form.cleaned_data["thematic_areas"],
                reason=form.cleaned_data.get("reason", ""), **form.service_fields())
        except PermissionDenied:
            form.add_error("conventions", _("You may not give this meeting to a convention "
                                            "whose ISU you do not belong to."))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect("meetings:detail", meeting.pk)
    return render(request, "meetings/form.html", {"form": form, "meeting": meeting,
                                                  "title": _("Edit meeting")})


@login_required
@require_POST
def cancel(request, pk):
    meeting = _meeting_or_404(pk)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The reason is too long."))
        return redirect("meetings:detail", pk)
    try:
        services.meeting_cancel(actor=request.user, meeting=meeting,
                                reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, validation_error_text(exc))
    else:
        messages.success(request, _("The meeting was cancelled; registered participants are "
                                    "told by email."))
    return redirect("meetings:detail", pk)


@login_required
def session_add(request, pk):
    meeting = _meeting_or_404(pk)
    require(rules.can_manage_meeting(request.user, meeting))
    form = SessionForm(request.POST or None, initial={"date": meeting.start_date})
    if request.method == "POST" and form.is_valid():
        try:
            services.session_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The session was added to the agenda."))
            return redirect("meetings:detail", pk)
    return render(request, "meetings/simple_form.html", {
        "form": form, "meeting": meeting, "title": _("Add a session"), "multipart": False})


@login_required
@require_POST
def session_remove(request, pk, session_pk):
    session = get_object_or_404(Session.objects.select_related("meeting"), pk=session_pk,
                                meeting_id=pk)
    services.session_remove(actor=request.user, session=session)
    messages.success(request, _("The session was removed."))
    return redirect("meetings:detail", pk)


@login_required
def document_upload(request, pk):
    meeting = _meeting_or_404(pk)
    require(rules.can_manage_meeting(request.user, meeting))
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_upload(actor=request.user, meeting=meeting,
                                     title=form.cleaned_data["title"],
                                     file=form.cleaned_data["file"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The document was uploaded."))
            return redirect("meetings:detail", pk)
    return render(request, "meetings/simple_form.html", {
        "form": form, "meeting": meeting, "title": _("Upload a document"), "multipart": True})


def document_download(request, pk, document_pk):
    """A meeting's documents are seen by whoever sees the meeting (meetings_for_user)."""
    document = get_object_or_404(
        MeetingDocument, pk=document_pk, meeting_id=pk,
        meeting__in=selectors.meetings_for_user(request.user))
    return serve_private_file(document.file, allowed=True)


# --- Registrations ----------------------------------------------------------------------------

@login_required
def register(request, pk):
    meeting = _meeting_light_or_404(pk)
    form = RegistrationForm(request.POST or None, user=request.user, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.registration_create(
                actor=request.user, meeting=meeting, role=data["role"],
                full_name=data["full_name"], email=data["email"], job_title=data["job_title"],
                state=data["state"], organisation=data["organisation"],
                user=request.user if data["myself"] else None,
            )
        except PermissionDenied:
            form.add_error(None, _("You may not register participants in this role or for "
                                   "this State."))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The registration was recorded; it awaits approval."))
            return redirect("meetings:detail", pk)
    return render(request, "meetings/register.html", {"form": form, "meeting": meeting})


DECISIONS = {
    "approve": services.registration_approve,
    "reject": services.registration_reject,
    "withdraw": services.registration_withdraw,
}


@login_required
@require_POST
def registration_decide(request, pk, registration_pk, decision):
    if decision not in DECISIONS:
        raise Http404
    registration = get_object_or_404(
        selectors.registrations_for_user(request.user).filter(meeting_id=pk), pk=registration_pk)
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    error = None
    try:
        registration = DECISIONS[decision](actor=request.user, registration=registration,
                                           note=note)
    except ValidationError as exc:
        error = validation_error_text(exc)
    if request.htmx:
        return render(request, "meetings/_registration_status.html",
                      {"record": registration, "error": error})
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("The registration is now %(status)s.")
                         % {"status": registration.get_status_display().lower()})
    return redirect("meetings:participants", pk)


def _participants(request, meeting):
    require(request.user.is_authenticated and rules.can_view_participants(request.user, meeting))
    return RegistrationFilter(request.GET or None,
                              queryset=selectors.participants_of(meeting, request.user))


@login_required
def participants(request, pk):
    meeting = _meeting_light_or_404(pk)
    registration_filter = _participants(request, meeting)
    table = ParticipantTable(registration_filter.qs)
    RequestConfig(request, paginate={"per_page": 100}).configure(table)
    return render(request, "meetings/participants.html", {
        "meeting": meeting, "filter": registration_filter, "table": table,
        "all_visible": rules.can_view_all_participants(request.user, meeting),
        "querystring": request.GET.urlencode(),
    })


@login_required
def participants_export(request, pk, fmt):
    meeting = _meeting_light_or_404(pk)
    registrations = list(_participants(request, meeting).qs)
    stem = f"participants-{meeting.pk}"
    if fmt == "csv":
        response = HttpResponse(exports.participants_csv(registrations),
                                content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
        return response
    if fmt == "xlsx":
        response = HttpResponse(
            exports.participants_xlsx(registrations, title=meeting.title),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
        return response
    raise Http404


@login_required
@require_POST
def badges(request, pk):
    meeting = _meeting_light_or_404(pk)
    params = {"meeting": meeting.pk, "state": request.POST.get("state", "")[:3],
              "requested_by": request.user.pk}
    require(generated.kind_for(BADGES).can_request(request.user, params))
    requested = generated.generated_file_request(
        actor=request.user, kind=BADGES, params=params,
        language=translation.get_language() or "en")
    return redirect("generated-file", requested.pk)


# --- Clusters, conflicts, proposals -----------------------------------------------------------

def _range(request):
    """(date_from, date_to) of the query; a value that is no date in the portal's range is
    ignored, with a message saying so."""
    form = RangeForm(request.GET)
    if form.is_valid():
        return form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    for name, errors in form.errors.items():
        messages.warning(request, _("%(field)s was ignored: %(error)s") % {
            "field": form.fields[name].label, "error": " ".join(errors)})
    return form.cleaned_data.get("date_from"), form.cleaned_data.get("date_to")


def clusters(request):
    start, end = _range(request)
    return render(request, "meetings/clusters.html", {
        "clusters": selectors.clusters_between(start, end, city=request.GET.get("city")),
        "max_gap": selectors.max_gap_days(), "date_from": start, "date_to": end,
    })


def conflicts(request):
    start, end = _range(request)
    if start is None and end is None:
        start = timezone.localdate() - datetime.timedelta(days=365)
    return render(request, "meetings/conflicts.html", {
        "conflicts": selectors.conflicts_between(start, end), "date_from": start,
        "date_to": end,
    })


@login_required
def proposals(request):
    require(rules.can_manage_any_meeting(request.user))
    if request.method == "POST":
        form = ProposalAcceptForm(request.POST)
        if not form.is_valid():
            return redirect("meetings:proposals")
        key = form.cleaned_data["key"]
        try:
            outcome = services.proposal_accept(
                actor=request.user, key=key,
                confirm_conflicts=form.cleaned_data["confirm_conflicts"])
        except PermissionDenied:
            messages.error(request, _("You may move only meetings of your own convention."))
        except ValidationError as exc:
            messages.error(request, validation_error_text(exc))
            if "confirm_conflicts" in getattr(exc, "error_dict", {}):
                # Back to the preview, which shows the conflicts and asks to confirm.
                return redirect(f"{reverse('meetings:proposal-preview')}?key={key}")
        else:
            meeting = outcome.meeting
            if outcome.moved:
                messages.success(request, _("%(title)s now runs from %(start)s to %(end)s; its "
                                            "participants are told by email.") % {
                    "title": meeting.title, "start": meeting.start_date,
                    "end": meeting.end_date})
            else:
                messages.success(request, _(
                    "Your acceptance is recorded. %(title)s moves once the ISU of %(others)s "
                    "accepts too.") % {"title": meeting.title,
                                       "others": ", ".join(outcome.waiting_for)})
        return redirect("meetings:proposals")
    found = selectors.proposals_from()
    return render(request, "meetings/proposals.html", {
        "proposals": [(p, rules.can_manage_meeting(request.user, p.moved)) for p in found],
        "max_gap": selectors.max_gap_days(), "window": selectors.proposal_window_days(),
    })


@login_required
def proposal_preview(request):
    """The calendar before and after accepting a proposal, its conflicts, who accepted it; the
    form to accept (with an explicit confirmation when it creates conflicts)."""
    if not rules.can_manage_any_meeting(request.user):
        raise PermissionDenied
    key = request.GET.get("key", "")[:40]
    proposal = selectors.proposal_by_key(key)
    if proposal is None:
        messages.error(request, _("This proposal is no longer valid; the calendar has changed."))
        return redirect("meetings:proposals")
    preview = selectors.proposal_preview(proposal)
    staffed = access.staffed_convention_ids(request.user)
    accepted_ids = {a.convention_id for a in preview.accepted}
    mine = {c.pk for c in proposal.moved.conventions.all()} & staffed
    allowed = rules.can_manage_meeting(request.user, proposal.moved) and (
        access.is_administrator(request.user) or not mine <= accepted_ids)
    return render(request, "meetings/proposal_preview.html", {
        "preview": preview, "allowed": allowed,
        "form": ProposalAcceptForm(initial={"key": key}),
    })


def state_meetings(request, iso3):
    state = get_object_or_404(State, iso3=iso3.upper())
    start, end = _range(request)
    if start is None and end is None:
        start = timezone.localdate() - datetime.timedelta(days=30)
    meetings = list(selectors.meetings_for_state(state).between(start, end))
    return render(request, "meetings/state.html", {
        "state": state, "meetings": meetings, "clusters": selectors.cluster_index(meetings),
        "date_from": start, "date_to": end,
    })


# --- iCalendar feeds --------------------------------------------------------------------------

def _ics(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    return response


def feed_all(request):
    meeting_filter = MeetingFilter(request.GET or None, queryset=selectors.meetings_list())
    if meeting_filter.is_bound and not meeting_filter.is_valid():
        return HttpResponse(" ".join(str(e) for errors in meeting_filter.errors.values()
                                     for e in errors), status=400,
                            content_type="text/plain; charset=utf-8")
    meetings = meeting_filter.qs
    return _ics(ical.calendar_of(meetings, name=_("ISU meetings")), "isu-meetings")


def feed_convention(request, code):
    try:
        convention = treaties_selectors.convention_by_code(code)
    except Convention.DoesNotExist:
        raise Http404 from None
    meetings = selectors.meetings_list().filter(
        pk__in=Meeting.conventions.through.objects.filter(convention=convention)
        .values("meeting_id"))
    return _ics(ical.calendar_of(meetings, name=_("%(code)s meetings") % {"code": convention}),
                f"meetings-{convention.code.lower()}")


def feed_state(request, iso3):
    state = get_object_or_404(State, iso3=iso3.upper())
    meetings = selectors.meetings_for_state(state)
    return _ics(ical.calendar_of(meetings, name=_("Meetings open to %(state)s")
                                 % {"state": state.name}),
                f"meetings-{state.iso3.lower()}")
