import datetime
import io

import pytest
from pypdf import PdfReader

from core.enums import GeneratedFileStatus
from core.models import GeneratedFile
from tests.factories import MembershipFactory, StateFactory
from tests.support.services import wait_until

D = datetime.date


@pytest.fixture
def overlap_data(conventions):
    nor, aut = StateFactory(iso3="NOR"), StateFactory(iso3="AUT")
    MembershipFactory(state=nor, convention=conventions["CCM"], deposited_on=D(2008, 12, 3))
    MembershipFactory(state=aut, convention=conventions["APMBC"], deposited_on=D(1998, 6, 29))


def _pdf_text(generated):
    with generated.file.open("rb") as handle:
        return "".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)


def test_overlap_pdf_is_built_and_downloaded(client, overlap_data, focal_a,
                                             django_capture_on_commit_callbacks):
    client.force_login(focal_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/overlap/", {"a": "CCM", "b": "APMBC", "as_of": "2017-09-04"},
                               HTTP_ACCEPT_LANGUAGE="fr")
    generated = GeneratedFile.objects.get()
    assert response.url == f"/files/{generated.pk}/"
    assert generated.status == GeneratedFileStatus.DONE
    assert generated.language == "fr"
    text = _pdf_text(generated)
    assert "Norway" in text or "Norvège" in text
    download = client.get(f"/files/{generated.pk}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_overlap_pdf_needs_a_signed_in_user(client, overlap_data, focal_a, focal_b,
                                      django_capture_on_commit_callbacks):
    from core.generated import generated_file_request

    with django_capture_on_commit_callbacks(execute=True):
        generated = generated_file_request(
            actor=focal_a, kind="treaties.overlap_pdf",
            params={"a": "CCM", "b": "APMBC", "as_of": "2017-09-04"}, language="en")
    client.force_login(focal_b)
    # Overlap PDFs hold public data: any signed-in user may have one; anonymous may not.
    assert client.get(f"/files/{generated.pk}/download/").status_code == 200
    client.logout()
    assert client.get(f"/files/{generated.pk}/download/").status_code == 302


@pytest.mark.integration
def test_a_real_worker_builds_the_file(client, celery_worker, overlap_data, focal_a):
    client.force_login(focal_a)
    response = client.post("/overlap/", {"a": "CCM", "b": "APMBC", "as_of": "2017-09-04"})
    generated = GeneratedFile.objects.get()
    assert response.status_code == 302
    wait_until(lambda: GeneratedFile.objects.get(pk=generated.pk).is_finished, timeout=60,
               message="the worker to build the PDF")
    generated.refresh_from_db()
    assert generated.status == GeneratedFileStatus.DONE, generated.error
    assert "Norway" in _pdf_text(generated)
    assert "generated_file_build[" in celery_worker.output()
    page = client.get(f"/files/{generated.pk}/", HTTP_HX_REQUEST="true")
    assert "Download" in page.content.decode()


def test_every_kind_is_registered_in_ready_with_a_readable_label():
    from core.generated import _KINDS

    labels = {name: str(kind.label) for name, kind in _KINDS.items()}
    assert labels == {
        "treaties.overlap_pdf": "Membership overlap (PDF)",
        "meetings.badges": "Name badges (PDF)",
        "sponsorship.award_letter": "Award letter (PDF)",
        "sponsorship.programme_report": "Sponsorship programme report (PDF)",
        "reporting.report_pdf": "Report (PDF)",
        "reporting.compliance_pdf": "Reporting compliance (PDF)",
        "staffing.isu_year": "ISU staffing and costs of the year (PDF)",
    }


def test_a_kind_without_a_label_is_refused():
    from core import generated

    with pytest.raises(ValueError, match="needs a label"):
        generated.register("core.nameless", label="", build=lambda params, language: (b"", ""),
                           can_request=lambda user, params: True)
    assert generated.kind_label("core.nameless") == "Document"


def test_the_file_page_shows_the_kind_label_not_its_internal_name(
        client, overlap_data, focal_a, admin_user, django_capture_on_commit_callbacks):
    from core.generated import generated_file_request

    with django_capture_on_commit_callbacks(execute=True):
        generated = generated_file_request(
            actor=focal_a, kind="treaties.overlap_pdf",
            params={"a": "CCM", "b": "APMBC", "as_of": "2017-09-04"}, language="en")
    unknown = GeneratedFile.objects.create(kind="core.retired_kind", requested_by=focal_a,
                                           status=GeneratedFileStatus.FAILED)
    client.force_login(focal_a)
    page = client.get(f"/files/{generated.pk}/").content.decode()
    assert "<p>Membership overlap (PDF) ·" in page
    assert "treaties.overlap_pdf" not in page
    # a kind no longer registered: hidden from its requester, shown to an administrator
    assert client.get(f"/files/{unknown.pk}/").status_code == 404
    client.force_login(admin_user)
    partial = client.get(f"/files/{unknown.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "<p>Document ·" in partial
    assert "retired_kind" not in partial
