"""The yearly staffing and cost PDF of one ISU, built by core.generated in Celery (the kind is
registered in StaffingConfig.ready())."""

from django.utils import timezone, translation

from core.pdf import render_pdf
from treaties.models import ISU

from . import rules, selectors
from .charts import cost_bars

REPORT_KIND = "staffing.isu_year"


def _isu(params) -> ISU | None:
    return selectors.isus_list().filter(convention__code__iexact=params.get("isu", "")).first()


def can_request(user, params) -> bool:
    isu = _isu(params)
    return isu is not None and rules.can_view_costs(user, isu)


def build(params, language) -> tuple[bytes, str]:
    isu = _isu(params)
    if isu is None:
        raise LookupError(f"no ISU {params.get('isu')!r}")
    year = int(params["year"])
    with translation.override(language):
        summary = selectors.isu_cost_summary(isu, year)
        first, last = f"{year}-01-01", f"{year}-12-31"
        context = {
            "isu": isu, "year": year, "summary": summary, "chart": cost_bars(summary),
            "timeline": selectors.isu_timeline(isu, year, width=480, row=22),
            "posts": list(isu.posts.filter(approved_from__lte=last).exclude(
                approved_until__lt=first).order_by("approved_from", "title")),
            "generated_on": timezone.localdate(),
        }
        pdf = render_pdf("pdf/staffing/isu_year.html", context, language=language)
    return pdf, f"staffing-{isu.convention.code}-{year}.pdf"

