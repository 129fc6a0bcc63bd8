import io
from pathlib import Path

from pypdf import PdfReader

from core.pdf import render_pdf


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_arabic_pdf_keeps_its_text(tmp_path, settings):
    template = tmp_path / "sample.html"
    template.write_text(
        '{% extends "pdf/base.html" %}{% block content %}<h1>{{ title }}</h1>{% endblock %}',
        encoding="utf-8",
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0],
                           "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    pdf = render_pdf("sample.html", {"title": "اتفاقية الذخائر العنقودية"}, language="ar")
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    for word in ("اتفاقية", "الذخائر", "العنقودية"):
        assert word in text


def test_fetcher_refuses_files_and_urls_outside_the_portal(tmp_path, settings):
    template = tmp_path / "hostile.html"
    template.write_text(
        '{% extends "pdf/base.html" %}{% block content %}'
        '<img src="file:///etc/hostname"><img src="http://127.0.0.1:9/x.png">'
        '<iframe src="file:///etc/passwd"></iframe><p>safe</p>{% endblock %}',
        encoding="utf-8",
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0],
                           "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    hostname = Path("/etc/hostname").read_text(encoding="utf-8").strip()
    pdf = render_pdf("hostile.html", {}, language="en")
    text = _text(pdf)
    assert "safe" in text
    assert hostname not in text
    assert b"/Subtype /Image" not in pdf
