"""Documents the treaties app generates (in Celery): the membership overlap as a PDF."""

import datetime

from core.generated import register
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


def register_documents():
    register(OVERLAP_PDF, build=build_overlap_pdf,
             can_request=lambda user, params: user.is_authenticated)

