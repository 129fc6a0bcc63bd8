"""Meeting documents through the API: upload with the page's checks, list, delete; attacked
from another ISU, a delegate and anonymously (the refused change must not happen)."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import AuditEntry
from meetings.models import MeetingDocument
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db


def url(meeting, pk=None):
    base = f"/api/v1/meetings/{meeting.pk}/documents/"
    return f"{base}{pk}/" if pk else base


def pdf(name="agenda.pdf", content=b"%PDF-1.7\n..."):
    return SimpleUploadedFile(name, content, "application/pdf")


@pytest.fixture
def meeting(ccm):
    return MeetingFactory(conventions=[ccm])


def test_staff_uploads_lists_and_deletes(api_as, ccm_staff, meeting,
                                        django_capture_on_commit_callbacks):
    client = api_as(ccm_staff)
    response = client.post(url(meeting), {"title": "Agenda", "file": pdf()}, format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    document = MeetingDocument.objects.get()
    assert body["id"] == document.pk and body["size"] == 12 and body["title"] == "Agenda"
    assert body["filename"].endswith(".pdf") and "file" not in body
    assert document.uploaded_by == ccm_staff
    download = client.get(body["url"])
    assert b"".join(download.streaming_content) == b"%PDF-1.7\n..."

    listed = api_as(None).get(url(meeting))
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()] == [document.pk]

    path = document.file.path
    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(url(meeting, document.pk))
    assert response.status_code == 204
    assert not MeetingDocument.objects.exists()
    assert AuditEntry.objects.filter(action="meeting.document_deleted").exists()
    assert not os.path.exists(path)


@pytest.mark.parametrize("name,content,message", [
    ("agenda.pdf", b"MZ\x90\x00 not a pdf", "is not a .pdf document"),
    ("agenda.exe", b"MZ", "Upload a document of one of these types"),
])
def test_bad_files_are_400_with_field_errors(api_as, ccm_staff, meeting, name, content, message):
    response = api_as(ccm_staff).post(
        url(meeting), {"title": "Agenda", "file": pdf(name, content)}, format="multipart")
    assert response.status_code == 400
    assert message in str(response.json()) and "file" in str(response.json())
    assert not MeetingDocument.objects.exists()


def test_too_large_and_missing_fields_are_400(api_as, ccm_staff, meeting, settings):
    settings.MAX_UPLOAD_SIZE = 100
    client = api_as(ccm_staff)
    response = client.post(url(meeting), {"title": "Big",
                                          "file": pdf("big.pdf", b"%PDF-" + b"x" * 200)},
                           format="multipart")
    assert response.status_code == 400 and "the limit is" in str(response.json())
    response = client.post(url(meeting), {"title": ""}, format="multipart")
    assert response.status_code == 400
    assert {"title", "file"} <= set(str(response.json()).replace("'", '"').split('"'))
    assert not MeetingDocument.objects.exists()


def test_other_isu_delegate_and_anonymous_cannot_upload_or_delete(
        api_as, ccm_staff, apmbc_staff, delegate_a, focal_a, meeting):
    for user in (apmbc_staff, delegate_a, focal_a):
        response = api_as(user).post(url(meeting), {"title": "X", "file": pdf()},
                                     format="multipart")
        assert response.status_code == 403
    response = api_as(None).post(url(meeting), {"title": "X", "file": pdf()}, format="multipart")
    assert response.status_code in (401, 403)
    assert not MeetingDocument.objects.exists()

    api_as(ccm_staff).post(url(meeting), {"title": "Agenda", "file": pdf()}, format="multipart")
    document = MeetingDocument.objects.get()
    for user in (apmbc_staff, delegate_a, focal_a, None):
        assert api_as(user).delete(url(meeting, document.pk)).status_code in (401, 403)
    assert MeetingDocument.objects.filter(pk=document.pk).exists()
    assert document.file.storage.exists(document.file.name)


def test_a_document_is_reached_only_under_its_meeting(api_as, ccm_staff, apmbc_staff, meeting,
                                                      apmbc):
    api_as(ccm_staff).post(url(meeting), {"title": "Agenda", "file": pdf()}, format="multipart")
    document = MeetingDocument.objects.get()
    theirs = MeetingFactory(conventions=[apmbc])
    # APMBC staff manage `theirs`, but the CCM document is not under it.
    assert api_as(apmbc_staff).delete(url(theirs, document.pk)).status_code == 404
    assert MeetingDocument.objects.filter(pk=document.pk).exists()
    assert api_as(None).get(url(theirs)).json() == []
    assert api_as(None).get("/api/v1/meetings/999999/documents/").status_code == 404


def test_document_list_query_count(api_as, ccm_staff, meeting, django_assert_num_queries):
    client = api_as(ccm_staff)
    client.post(url(meeting), {"title": "A", "file": pdf()}, format="multipart")
    anonymous = api_as(None)
    with django_assert_num_queries(3):
        assert len(anonymous.get(url(meeting)).json()) == 1
    for title in "BCDE":
        client.post(url(meeting), {"title": title, "file": pdf()}, format="multipart")
    with django_assert_num_queries(3):
        assert len(anonymous.get(url(meeting)).json()) == 5
