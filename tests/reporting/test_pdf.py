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
