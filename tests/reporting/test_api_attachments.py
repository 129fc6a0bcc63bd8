"""Attachments through the API: multipart upload with the page's size and type checks, tried
from the wrong side."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reporting import services
from reporting.models import Attachment


@pytest.fixture
def draft(bih_member, focal_a, obligations):
    return services.report_start(actor=focal_a, state=bih_member,
                                 obligation=obligations["ccm-art7-annual"], cycle_year=2025)


def url(report):
    return f"/api/v1/reporting/reports/{report.pk}/attachments/"


def upload(client, report, name, content):
    return client.post(url(report), {"file": SimpleUploadedFile(name, content)},
                       format="multipart")


def test_delegate_attaches_and_lists(api_as, draft, delegate_a):
    client = api_as(delegate_a)
    response = upload(client, draft, "map.pdf", b"%PDF-1.4 map")
    assert response.status_code == 201, response.json()
    assert response.json()["original_name"] == "map.pdf"
    assert response.json()["content_type"] == "application/pdf"
    listed = client.get(url(draft)).json()
    assert [a["original_name"] for a in listed] == ["map.pdf"]
    assert Attachment.objects.get().file.read() == b"%PDF-1.4 map"


@pytest.mark.parametrize(("name", "content"), [
    ("virus.exe", b"MZ..."), ("map.pdf", b"<html>"), ("logo.png", b"GIF89a"),
    ("big.csv", b"a" * (10 * 1024 * 1024 + 1))])
def test_bad_files_are_400_and_not_saved(api_as, draft, focal_a, name, content):
    response = upload(api_as(focal_a), draft, name, content)
    assert response.status_code == 400
    assert "file" in str(response.json())
    assert Attachment.objects.count() == 0


def test_missing_file_and_json_body_are_refused(api_as, draft, focal_a):
    assert api_as(focal_a).post(url(draft), {}, format="multipart").status_code == 400
    assert api_as(focal_a).post(url(draft), {"file": "x"}, format="json").status_code == 415
    assert Attachment.objects.count() == 0


def test_another_state_the_isu_and_anonymous_cannot_attach(api_as, draft, focal_a, focal_b,
                                                           ccm_staff):
    assert upload(api_as(focal_b), draft, "map.pdf", b"%PDF-1.4").status_code == 404
    assert api_as(focal_b).get(url(draft)).status_code == 404
    assert upload(api_as(None), draft, "map.pdf", b"%PDF-1.4").status_code in (401, 403)
    assert upload(api_as(ccm_staff), draft, "map.pdf", b"%PDF-1.4").status_code == 404
    services.report_share(actor=focal_a, report=draft, shared=True)
    # the ISU now reads the shared draft, but it does not write in it
    assert api_as(ccm_staff).get(url(draft)).status_code == 200
    assert upload(api_as(ccm_staff), draft, "map.pdf", b"%PDF-1.4").status_code == 403
    assert Attachment.objects.count() == 0
