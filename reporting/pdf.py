"""PDF documents of the reporting app, built in Celery as generated files."""

from dataclasses import dataclass

from django.utils import timezone

from core.pdf import render_pdf

from . import rules, selectors
from .enums import ChangeTick, ReportStatus

UNTOUCHED, EMPTY, FILLED = "untouched", "empty", "filled"


@dataclass
class PrintedSection:
    """One form as the PDF prints it: never saved ("Not filled in"), saved without an answer
    (one line), or its answers."""

    entry: object
    state: str
    fields: list


def printed_sections(entries) -> list[PrintedSection]:
    out = []
    for entry in entries:
        fields = list(entry.form.fields.all())
        answered = any(entry.data.get(f.key) not in (None, "") for f in fields)
        if answered:
            state = FILLED
        elif entry.version == 0 and entry.tick == ChangeTick.CHANGED:
            state = UNTOUCHED  # the default tick was never chosen: do not print "Changed"
        else:
            state = EMPTY
        out.append(PrintedSection(entry, state, fields))
    return out


def build_report_pdf(params: dict, language: str) -> tuple[bytes, str]:
    report = selectors.report_detail(params["report_id"])
    language = report.language or language  # a report prints in the language it was written in
    entries = list(report.entries.all())
    if params.get("public_only"):
        entries = [e for e in entries if e.disclosure == "public"]
    pdf = render_pdf("pdf/reporting/report.html", {
        "report": report, "sections": printed_sections(entries),
        "generated_on": timezone.localdate()}, language=language)
    return pdf, f"{report.state.iso3}-{report.obligation.code}-{report.cycle_year}.pdf"


def can_request_report_pdf(user, params: dict) -> bool:
    from .models import Report

    report = Report.objects.select_related("obligation__convention").filter(
        pk=params.get("report_id")).first()
    return bool(report and report.status in ReportStatus.RECEIVED
                and rules.can_view_report(user, report)
                and rules.sees_whole_report(user, report))


def build_compliance_pdf(params: dict, language: str) -> tuple[bytes, str]:
    from treaties.models import Convention

    convention = Convention.objects.filter(code=params.get("convention") or "").first()
    years = list(range(int(params["from_year"]), int(params["to_year"]) + 1))
    result = selectors.compliance(years=years, convention=convention,
                                  region=params.get("region") or "")
    pdf = render_pdf("pdf/reporting/compliance.html", {
        "result": result, "convention": convention, "region": params.get("region") or "",
        "bars": result.chart(), "generated_on": timezone.localdate(),
        "latest_rows": [r for r in result.rows if r.cycle_year == years[-1]],
    }, language=language)
    name = f"compliance-{convention.code if convention else 'all'}-{years[0]}-{years[-1]}.pdf"
    return pdf, name


def can_request_compliance_pdf(user, params: dict) -> bool:
    return rules.can_view_compliance(user)
