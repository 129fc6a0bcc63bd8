"""Pages: the State's reporting home, a report and its forms (autosaved with htmx), the ISU's
compliance dashboard and console."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from accounts import access
from core.downloads import serve_private_file
from core.forms import apply_validation_error
from core.generated import generated_file_request, kind_for
from core.permissions import require
from treaties.models import Convention, State

from . import rules, selectors, services
from .enums import ComplianceStatus, ExtensionStatus, ReportStatus
from .filters import ExtensionRequestFilter, ReportFilter
from .forms import (
    AdoptDeadlineForm,
    AttachmentForm,
    ComplianceForm,
    ExtensionRequestForm,
    ExtensionReviewForm,
    SectionForm,
    SubmitForm,
    YearForm,
    initial_for,
)
from .models import Attachment, ExtensionRequest, Obligation, Report
from .tables import ExtensionRequestTable, ReportTable


def _report_or_404(request, pk):
    report = selectors.reports_for_user(request.user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def index(request):
    """The reporting home: for a State, its calendar, drafts and shared answers; for
    everyone, the reports they may read."""
    year_form = YearForm(request.GET or None)
    year = timezone.localdate().year
    if year_form.is_valid() and year_form.cleaned_data.get("year"):
        year = year_form.cleaned_data["year"]
    state_ids = access.represented_state_ids(request.user)
    states = list(State.objects.filter(pk__in=state_ids)) if state_ids else []
    calendars = [selectors.state_calendar(state, year, user=request.user) for state in states]
    drafts = list(selectors.reports_for_user(request.user).filter(
        state_id__in=state_ids, status=ReportStatus.DRAFT).order_by("due_on")) if states else []
    shared = selectors.shared_answers(state_ids, year) if states else []
    extensions = list(ExtensionRequest.objects.filter(state_id__in=state_ids).select_related(
        "state", "convention")) if states else []
    report_filter = ReportFilter(request.GET or None,
                                 queryset=selectors.reports_for_user(request.user))
    # An invalid filter value (an unknown convention) shows its error and no rows.
    table = ReportTable(report_filter.qs if not report_filter.is_bound or report_filter.is_valid()
                        else Report.objects.none())
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    return render(request, "reporting/index.html", {
        "year": year, "calendars": calendars, "drafts": drafts, "shared": shared,
        "extensions": extensions,
        "filter": report_filter, "table": table, "year_form": year_form,
        "can_view_compliance": rules.can_view_compliance(request.user),
        "focal_state_ids": access.scope_of(request.user).focal_point_state_ids,
    })


@login_required
@require_POST
def report_start(request):
    state = get_object_or_404(State, iso3=request.POST.get("state", ""))
    obligation = get_object_or_404(Obligation, code=request.POST.get("obligation", ""))
    try:
        cycle_year = int(request.POST.get("cycle_year", ""))
    except ValueError:
        raise Http404 from None
    try:
        if request.POST.get("copy_last"):
            report = services.report_copy_last(actor=request.user, state=state,
                                               obligation=obligation, cycle_year=cycle_year)
        else:
            report = services.report_start(actor=request.user, state=state,
                                           obligation=obligation, cycle_year=cycle_year)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(reverse("reporting:index") + f"?year={cycle_year}")
    return redirect("reporting:report-detail", pk=report.pk)


def report_detail(request, pk):
    report = _report_or_404(request, pk)
    report = selectors.report_detail(report.pk)
    entries = rules.visible_entries(request.user, report, report.entries.all())
    return render(request, "reporting/report_detail.html", {
        "report": report, "entries": entries,
        "lateness": selectors.report_lateness(report),
        "can_edit": rules.can_edit_report(request.user, report),
        "can_submit": rules.can_submit_report(request.user, report),
        "can_publish": rules.can_publish_report(request.user, report),
        "can_share": rules.can_share_report(request.user, report),
        "can_reopen": rules.can_reopen_report(request.user, report),
        "sees_whole": rules.sees_whole_report(request.user, report),
        "submit_form": SubmitForm(initial={"publication_wish": report.publication_wish}),
        "attachment_form": AttachmentForm(),
    })


@login_required
def section_edit(request, pk, code):
    """One form of a draft. htmx autosaves it; a second writer gets a conflict message and
    keeps their text."""
    report = _report_or_404(request, pk)
    entry = get_object_or_404(report.entries.select_related("form", "report", "updated_by")
                              .prefetch_related("form__fields"), form__code=code)
    require(rules.can_edit_report(request.user, report))
    definitions = list(entry.form.fields.all())
    offers = selectors.shared_offers(report)
    conflict = None
    saved = False
    if request.method == "POST":
        form = SectionForm(request.POST, definitions=definitions, offers=offers)
        if form.is_valid():
            expected = form.cleaned_data["version"]
            if request.POST.get("force_version", "").isdigit():
                expected = int(request.POST["force_version"])
            try:
                entry = services.section_save(
                    actor=request.user, entry=entry, expected_version=expected,
                    answers=form.answers(), tick=form.cleaned_data["tick"],
                    unchanged_since_year=form.cleaned_data.get("unchanged_since_year"),
                    disclosure=form.cleaned_data["disclosure"],
                    agency=form.cleaned_data.get("agency") or "", origins=form.origins())
                saved = True
            except services.EditConflict as error:
                conflict = error.current
            except ValidationError as error:
                apply_validation_error(
                    form, error, field_map={k.key: f"answer_{k.key}" for k in definitions})
        if saved and not request.htmx:
            messages.success(request, _("Form %(code)s saved.") % {"code": code})
            return redirect("reporting:report-detail", pk=report.pk)
        if request.htmx:
            return render(request, "reporting/_save_status.html", {
                "form": form, "entry": entry, "saved": saved, "conflict": conflict,
                "now": timezone.now()})
    else:
        form = SectionForm(initial=initial_for(entry, offers), definitions=definitions,
                           offers=offers)
    return render(request, "reporting/section_form.html", {
        "report": report, "entry": entry, "form": form, "conflict": conflict,
        "offers": offers,
    })


def _post_action(request, pk, action):
    report = _report_or_404(request, pk)
    try:
        action(report)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("reporting:report-detail", pk=pk)


@login_required
@require_POST
def report_submit(request, pk):
    form = SubmitForm(request.POST)
    wish = form.cleaned_data["publication_wish"] if form.is_valid() else None

    def submit(report):
        services.report_submit(actor=request.user, report=report, publication_wish=wish)
        messages.success(request, _("The report was submitted."))
    return _post_action(request, pk, submit)


@login_required
@require_POST
def report_publish(request, pk):
    return _post_action(request, pk, lambda report: services.report_publish(
        actor=request.user, report=report))


@login_required
@require_POST
def report_reopen(request, pk):
    return _post_action(request, pk, lambda report: services.report_reopen(
        actor=request.user, report=report))


@login_required
@require_POST
def report_share(request, pk):
    return _post_action(request, pk, lambda report: services.report_share(
        actor=request.user, report=report, shared=request.POST.get("shared") == "1"))


def attachment_download(request, pk, attachment_pk):
    report = _report_or_404(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, report=report)
    return serve_private_file(attachment.file,
                              allowed=rules.can_view_attachments(request.user, report),
                              filename=attachment.original_name,
                              content_type=attachment.content_type)


@login_required
@require_POST
def attachment_add(request, pk):
    report = _report_or_404(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(actor=request.user, report=report,
                                    upload=form.cleaned_data["file"])
            messages.success(request, _("The file was attached."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    else:
        messages.error(request, _("Choose a file."))
    return redirect("reporting:report-detail", pk=pk)


@login_required
@require_POST
def report_pdf(request, pk):
    report = _report_or_404(request, pk)
    params = {"report_id": report.pk}
    require(kind_for("reporting.report_pdf").can_request(request.user, params))
    generated = generated_file_request(actor=request.user, kind="reporting.report_pdf",
                                       params=params, language=report.language)
    return redirect("generated-file", pk=generated.pk)


@login_required
@require_POST
def deadline_adopt(request, iso3):
    state = get_object_or_404(State, iso3=iso3.upper())
    form = AdoptDeadlineForm(request.POST)
    if form.is_valid():
        services.deadline_adopt(actor=request.user, state=state,
                                cycle_year=form.cleaned_data["cycle_year"],
                                internal_deadline=form.cleaned_data["internal_deadline"])
        messages.success(request, _("The internal deadline was adopted."))
        return redirect(reverse("reporting:index") + f"?year={form.cleaned_data['cycle_year']}")
    messages.error(request, _("Give a valid date."))
    return redirect("reporting:index")


def _compliance_from(request):
    require(rules.can_view_compliance(request.user))
    form = ComplianceForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, None
    if not form.is_bound:
        form = ComplianceForm({})
        form.is_valid()
    data = form.cleaned_data
    result = selectors.compliance(years=range(data["from_year"], data["to_year"] + 1),
                                  convention=data.get("convention"),
                                  region=data.get("region") or "")
    return form, (result, data)


@login_required
def compliance_dashboard(request):
    form, computed = _compliance_from(request)
    context = {"form": form, "statuses": ComplianceStatus}
    if computed:
        result, data = computed
        bars = result.chart()
        latest = data["to_year"]
        context.update({
            "result": result, "bars": bars, "chart_height": len(bars) * 26, "data": data,
            "regions": sorted(result.by_region.items()),
            "obligations": sorted(result.by_obligation.items()),
            "latest": latest,
            "late_or_missing": [r for r in result.rows if r.cycle_year == latest
                                and r.status in (ComplianceStatus.LATE,
                                                 ComplianceStatus.MISSING)],
            "query": request.GET.urlencode(),
        })
    return render(request, "reporting/compliance.html", context)


EXPORT_HEADER = ["iso3", "state", "region", "convention", "obligation", "cycle", "due_on",
                 "received_on", "status"]


def _export_rows(result):
    from django_countries import countries

    for r in result.rows:
        yield [r.iso3, countries.name(r.country), r.region, r.obligation.convention.code,
               r.obligation.code, r.cycle_year, r.due_on.isoformat(),
               r.received_on.isoformat() if r.received_on else "", r.status]


@login_required
def compliance_export(request, fmt):
    _form, computed = _compliance_from(request)
    if not computed:
        raise Http404
    result, data = computed
    name = f"compliance-{data['from_year']}-{data['to_year']}"
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        writer = csv.writer(response)
        writer.writerow(EXPORT_HEADER)
        writer.writerows(_export_rows(result))
        return response
    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(_("Compliance"))
        sheet.append(EXPORT_HEADER)
        for row in _export_rows(result):
            sheet.append(row)
        summary = workbook.create_sheet(_("By cycle"))
        summary.append(["cycle", "due", "on_time", "late", "missing", "not_yet_due"])
        for bar in result.chart():
            summary.append([bar["year"], bar["total"], bar["on_time"], bar["late"],
                            bar["missing"], bar["pending"]])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    raise Http404


@login_required
@require_POST
def compliance_pdf(request):
    require(rules.can_view_compliance(request.user))
    form = ComplianceForm(request.POST)
    if not form.is_valid():
        raise Http404
    data = form.cleaned_data
    generated = generated_file_request(
        actor=request.user, kind="reporting.compliance_pdf",
        params={"convention": data["convention"].code if data.get("convention") else "",
                "region": data.get("region") or "", "from_year": data["from_year"],
                "to_year": data["to_year"]},
        language=(get_language() or "en")[:2])
    return redirect("generated-file", pk=generated.pk)


@login_required
def console(request):
    """The ISU console: the annual due days the obligations define, and how many States owe
    reports in several of them or in one alone."""
    require(rules.can_view_compliance(request.user))
    today = timezone.localdate()
    this_year = today.year
    years = range(this_year - 4, this_year + 2)
    scope = access.scope_of(request.user)
    conventions = Convention.objects.filter(parent=None)
    if not scope.administrator:
        conventions = conventions.filter(pk__in=scope.staff_convention_ids)
    families = selectors.deadline_families()
    return render(request, "reporting/console.html", {
        "deadline_families": families,
        "families": [selectors.states_owing_by_family(y, families) for y in years],
        "this_year": this_year,
        "overdue": selectors.overdue_reports(conventions=conventions,
                                             years=[this_year - 1, this_year], today=today),
    })


def _extension_or_404(request, pk):
    extension = get_object_or_404(selectors.extension_requests_for_user(request.user), pk=pk)
    return extension


@login_required
def extension_list(request):
    """Extension requests: the State's own (with the form to open one), or for an ISU those
    made under its convention."""
    scope = access.scope_of(request.user)
    focal_ids = State.objects.all().values_list("pk", flat=True) if scope.administrator \
        else scope.focal_point_state_ids
    form = ExtensionRequestForm(request.POST or None, state_ids=focal_ids)
    if request.method == "POST":
        if not focal_ids:
            raise PermissionDenied
        if form.is_valid():
            try:
                extension = services.extension_request_create(actor=request.user,
                                                              **form.cleaned_data)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Extension request opened."))
                return redirect("reporting:extension-detail", pk=extension.pk)
    terms = [(state, convention, selectors.extension_terms(state, convention))
             for state in State.objects.filter(pk__in=scope.focal_point_state_ids)
             for convention in selectors.extension_conventions()
             ] if scope.focal_point_state_ids else []
    extension_filter = ExtensionRequestFilter(
        request.GET or None, queryset=selectors.extension_requests_for_user(request.user))
    table = ExtensionRequestTable(
        extension_filter.qs if not extension_filter.is_bound or extension_filter.is_valid()
        else ExtensionRequest.objects.none())
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    return render(request, "reporting/extension_list.html", {
        "filter": extension_filter, "table": table,
        "form": form if focal_ids else None,
        "terms": [(state, convention, t) for state, convention, t in terms if t is not None],
    }, status=400 if request.method == "POST" else 200)


@login_required
def extension_detail(request, pk):
    extension = _extension_or_404(request, pk)
    review_form = ExtensionReviewForm(
        request.POST or None,
        initial={"analysis_due_on": extension.analysis_due_on,
                 "decision_meeting_on": extension.decision_meeting_on})
    status_code = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "submit":
                services.extension_request_submit(actor=request.user, extension=extension)
                messages.success(request, _("Extension request submitted."))
                return redirect("reporting:extension-detail", pk=pk)
            if action == "review":
                require(rules.can_review_extension(request.user, extension))
                if review_form.is_valid():
                    services.extension_request_review(
                        actor=request.user, extension=extension,
                        **{k: v for k, v in review_form.cleaned_data.items() if v})
                    messages.success(request, _("Review recorded."))
                    return redirect("reporting:extension-detail", pk=pk)
            else:
                raise Http404
        except ValidationError as error:
            apply_validation_error(review_form, error)
            if not hasattr(error, "error_dict"):  # shown even where the form is not
                for message in error.messages:
                    messages.error(request, message)
        status_code = 400
    return render(request, "reporting/extension_detail.html", {
        "extension": extension, "review_form": review_form,
        "can_submit": rules.can_submit_extension(request.user, extension),
        "can_review": rules.can_review_extension(request.user, extension) and extension.status
        in (ExtensionStatus.SUBMITTED, ExtensionStatus.UNDER_ANALYSIS),
    }, status=status_code)
