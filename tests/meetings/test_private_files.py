"""Meeting documents are public like their meeting (meetings_for_user), but they too leave only
through the meetings view and core.downloads: an attachment, typed by its name, never sniffed,
and never at MEDIA_URL."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings import services
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(ccm, ccm_staff):
    meeting = MeetingFactory(conventions=[ccm])
    return services.document_upload(
        actor=ccm_staff, meeting=meeting, title="Agenda",
        file=SimpleUploadedFile("agenda.pdf", b"%PDF-1.7\nagenda", "application/pdf"))


def test_anyone_downloads_a_meeting_document_as_an_attachment(client, document):
    url = reverse("meetings:document-download", args=[document.meeting_id, document.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7\nagenda"
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert client.get(f"/media/{document.file.name}").status_code == 404


def test_a_document_under_another_meeting_is_404(client, document, ccm):
    other = MeetingFactory(conventions=[ccm])
    url = reverse("meetings:document-download", args=[other.pk, document.pk])
    assert client.get(url).status_code == 404


def test_the_admin_links_to_the_view_not_to_media(admin_client, document):
    url = reverse("meetings:document-download", args=[document.meeting_id, document.pk])
    for page in (reverse("admin:meetings_meetingdocument_change", args=[document.pk]),
                 reverse("admin:meetings_meeting_change", args=[document.meeting_id])):
        html = admin_client.get(page).content.decode()
        assert f'href="{url}"' in html, page
        assert "/media/" not in html and 'type="file"' not in html
