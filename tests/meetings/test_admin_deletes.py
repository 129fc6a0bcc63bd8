"""Sessions and documents deleted in the admin, one or many, go through session_remove and
document_delete: the meeting's audit rows, and the stored file removed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import AuditEntry
from meetings import services
from meetings.models import MeetingDocument, Session
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _delete_selected(client, changelist, objects):
    return client.post(reverse(changelist), {
        "action": "delete_selected", "post": "yes", "_selected_action": [o.pk for o in objects]})


def test_bulk_deleting_documents_goes_through_document_delete(admin_client, admin_user, ccm):
    meeting = MeetingFactory(conventions=[ccm])
    documents = [services.document_upload(
        actor=admin_user, meeting=meeting, title=title,
        file=SimpleUploadedFile(f"{title}.pdf", b"%PDF-1.7\n", "application/pdf"))
        for title in ("Agenda", "Minutes")]
    storage = documents[0].file.storage
    names = [d.file.name for d in documents]
    assert all(storage.exists(name) for name in names)

    response = _delete_selected(admin_client, "admin:meetings_meetingdocument_changelist",
                                documents)

    assert response.status_code == 302
    assert not MeetingDocument.objects.exists()
    assert not any(storage.exists(name) for name in names)
    deleted = AuditEntry.objects.filter(action="meeting.document_deleted", actor=admin_user)
    assert sorted(e.changes["document"][0] for e in deleted) == ["Agenda", "Minutes"]
    assert {e.object_id for e in deleted} == {str(meeting.pk)}


def test_bulk_deleting_sessions_goes_through_session_remove(admin_client, admin_user, ccm):
    meeting = MeetingFactory(conventions=[ccm])
    sessions = [services.session_add(actor=admin_user, meeting=meeting, date=meeting.start_date,
                                     start_time=f"{hour}:00", end_time=f"{hour + 1}:00",
                                     title=f"Session {hour}") for hour in (10, 15)]

    response = _delete_selected(admin_client, "admin:meetings_session_changelist", sessions)

    assert response.status_code == 302
    assert not Session.objects.exists()
    assert AuditEntry.objects.filter(action="meeting.session_removed", actor=admin_user,
                                     object_id=str(meeting.pk)).count() == 2


def test_a_refused_bulk_delete_removes_no_document(client, ccm, ccm_staff, admin_user):
    """Staff of another convention's ISU may open the admin but not delete this meeting's
    documents: the service refuses, and nothing is removed."""
    from accounts.enums import Role
    from tests.factories.accounts import make_user

    meeting = MeetingFactory(conventions=[ccm])
    document = services.document_upload(
        actor=admin_user, meeting=meeting, title="Agenda",
        file=SimpleUploadedFile("agenda.pdf", b"%PDF-1.7\n", "application/pdf"))
    outsider = make_user(Role.ISU_STAFF, convention=ccm.__class__.objects.exclude(pk=ccm.pk)
                         .first(), username="outsider", is_staff=True)
    outsider.user_permissions.add(*_permissions("view_meetingdocument",
                                                "delete_meetingdocument"))
    client.force_login(outsider)

    response = _delete_selected(client, "admin:meetings_meetingdocument_changelist",
                                [document])

    assert response.status_code == 403
    assert MeetingDocument.objects.filter(pk=document.pk).exists()
    assert document.file.storage.exists(document.file.name)
    assert not AuditEntry.objects.filter(action="meeting.document_deleted").exists()


def _permissions(*codenames):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename__in=codenames)
