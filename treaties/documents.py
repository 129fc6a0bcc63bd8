"""Documents the treaties app generates (in Celery): the membership overlap as a PDF
(its kind is registered in TreatiesConfig.ready())."""

import datetime

from core.pdf import render_pdf

from . import selectors

OVERLAP_PDF = "treaties.overlap_pdf"


def build_overlap_pdf(params: dict, language: str) -> tuple[bytes, str]:
    a = selectors.convention_by_code(params["a"])
    b = selectors.convention_by_code(params["b"])
    day = datetime.date.fromisoformat(params["as_of"])
    result = selectors.overlap_on(a, b, day)
    pdf = render_pdf("pdf/treaties/overlap.html", {"result": result}, language=language)
    return pdf, f"overlap-{a.code}-{b.code}-{day.isoformat()}-{language}.pdf"


def can_request_overlap_pdf(user, params: dict) -> bool:
    return user.is_authenticated

