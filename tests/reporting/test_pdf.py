import io

from pypdf import PdfReader

from core.models import GeneratedFile
from reporting import services


def _text(pdf_bytes):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages)


def test_arabic_report_pdf_contains_the_arabic_answers(bih_member, focal_a, obligations,
                                                       django_capture_on_commit_callbacks):
    report = services.report_start(actor=focal_a, state=bih_member,
                                   obligation=obligations["ccw-apii-art13"], cycle_year=2025,
                                   language="ar")
    services.section_save(actor=focal_a, entry=report.entries.get(form__code="G"),
                          expected_version=0,
                          answers={"victim_assistance": "خطة وطنية لمساعدة الضحايا"})
    services.section_save(actor=focal_a, entry=report.entries.get(form__code="B"),
                          expected_version=0,
                          answers={"clearance": "مركز الأعمال المتعلقة بالألغام",
                                   "area_cleared_m2": 1200})
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(actor=focal_a, report=report)
    generated = GeneratedFile.objects.get(kind="reporting.report_pdf")
    assert generated.language == "ar" and generated.status == "done", generated.error
    text = _text(generated.file.read())
    for word in ("خطة", "وطنية", "لمساعدة", "الضحايا", "مركز", "الأعمال", "بالألغام"):
        assert word in text
    assert "1200" in text


def test_compliance_summary_pdf(client, bih_member, focal_a, ccm_staff, obligations,
                                django_capture_on_commit_callbacks):
    report = services.report_start(actor=focal_a, state=bih_member,
                                   obligation=obligations["ccm-art7-annual"], cycle_year=2024)
    services.report_submit(actor=focal_a, report=report)
    client.force_login(focal_a)
    assert client.post("/reporting/compliance/pdf/", {"from_year": 2023, "to_year": 2024}) \
        .status_code == 403
    client.force_login(ccm_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/reporting/compliance/pdf/", {
            "convention": "CCM", "from_year": 2023, "to_year": 2024})
    generated = GeneratedFile.objects.get(kind="reporting.compliance_pdf")
    assert response.url == f"/files/{generated.pk}/"
    assert generated.status == "done", generated.error
    text = _text(generated.file.read())
    assert "Reporting compliance" in text and "BIH" in text and "2024" in text


# --- What the report PDF says (9.15) -------------------------------------------------------------

def _ccm_report(focal, state, obligations, language):
    from reporting.enums import ChangeTick

    report = services.report_start(actor=focal, state=state,
                                   obligation=obligations["ccm-art7-annual"], cycle_year=2025,
                                   language=language)
    entries = {e.form.code: e for e in report.entries.select_related("form", "report")}
    services.section_save(actor=focal, entry=entries["A"], expected_version=0,
                          answers={"legislation_adopted": True})
    services.section_save(actor=focal, entry=entries["B"], expected_version=0,
                          answers={"cluster_munitions": 1200000, "submunitions": 0,
                                   "destruction_completed_on": "2025-04-30"})
    services.section_save(actor=focal, entry=entries["C"], expected_version=0, answers={},
                          tick=ChangeTick.NOT_APPLICABLE)
    return services.report_submit(actor=focal, report=report)


def _pdf_text(report):
    from reporting.pdf import build_report_pdf

    pdf, name = build_report_pdf({"report_id": report.pk}, "en")
    assert name == "BIH-ccm-art7-annual-2025.pdf"
    return _text(pdf).replace("\xa0", " ").replace("\u202f", " ")


def test_report_pdf_in_english_says_what_was_filled(bih_member, focal_a, obligations):
    text = _pdf_text(_ccm_report(focal_a, bih_member, obligations, "en"))
    assert "Legislation adopted Yes" in text
    assert "True" not in text
    assert "Cluster munitions stockpiled 1,200,000" in text
    assert "Explosive submunitions stockpiled 0" in text
    assert "Stockpile destruction completed on April 30, 2025" in text
    assert "Cluster munitions destroyed during the period —" in text
    assert text.count("Changed") == 2  # forms A and B; not the seven never touched
    assert text.count("Not filled in") == 7  # forms D to J
    assert text.count("No answers were given in this form.") == 1  # form C, not applicable
    assert "Not applicable" in text
    assert "Period Jan. 1, 2024 – Dec. 31, 2024" in text


def test_report_pdf_in_french_formats_for_french(bih_member, focal_a, obligations):
    from django.utils import translation

    text = _pdf_text(_ccm_report(focal_a, bih_member, obligations, "fr"))
    with translation.override("fr"):
        not_filled = translation.gettext("Not filled in")
        no_answers = translation.gettext("No answers were given in this form.")
    assert "Oui" in text and "True" not in text and "Yes" not in text
    assert "1 200 000" in text  # French groups thousands with a (no-break) space
    assert "30 avril 2025" in text
    assert "1 janvier 2024 – 31 décembre 2024" in text
    assert text.count("Modifié") == 2
    assert text.count(not_filled) == 7
    assert text.count(no_answers) == 1


def test_answer_display_by_type_and_language():
    from django.utils import translation

    from reporting.enums import FieldType
    from reporting.models import FormField
    from reporting.templatetags.reporting import answer_display

    def shown(kind, value, language):
        with translation.override(language):
            return answer_display({"x": value}, FormField(key="x", field_type=kind))

    assert shown(FieldType.DECIMAL, "12345.5", "en") == "12,345.5"
    assert shown(FieldType.DECIMAL, "12345.5", "fr") == "12\xa0345,5"
    assert shown(FieldType.BOOLEAN, False, "en") == "No"
    assert shown(FieldType.BOOLEAN, False, "fr") == "Non"
    assert shown(FieldType.INTEGER, None, "en") == "—"
    assert shown(FieldType.DATE, "2026-04-30", "es") == "30 de abril de 2026"
    assert shown(FieldType.CHOICE, "partial", "fr") == "partial"
    assert shown(FieldType.INTEGER, "not a number", "en") == "not a number"
