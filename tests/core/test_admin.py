"""Every model registered in the admin has a working changelist (with search) and add page."""

import pytest
from django.contrib import admin
from django.urls import reverse


def _registered():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


@pytest.mark.parametrize(("model", "model_admin"), _registered(),
                         ids=[m._meta.label for m, _ in _registered()])
def test_admin_pages_load(admin_client, conventions, model, model_admin):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    response = admin_client.get(changelist)
    assert response.status_code == 200
    if model_admin.search_fields:
        assert admin_client.get(changelist, {"q": "x"}).status_code == 200
    if model_admin.has_add_permission(response.wsgi_request):
        add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        assert admin_client.get(add).status_code == 200


def test_meeting_dates_are_read_only_in_the_admin(admin_client, conventions):
    from tests.factories.meetings import MeetingFactory

    meeting = MeetingFactory()
    page = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert page.status_code == 200
    assert 'name="start_date"' not in page.content.decode()
    assert 'name="title"' in page.content.decode()


def test_delete_selected_audits_each_deletion(admin_client, admin_user, conventions):
    from core.models import AuditEntry
    from meetings.models import Meeting
    from tests.factories.meetings import MeetingFactory

    meetings = [MeetingFactory(), MeetingFactory()]
    response = admin_client.post(reverse("admin:meetings_meeting_changelist"), {
        "action": "delete_selected", "post": "yes",
        "_selected_action": [m.pk for m in meetings]})
    assert response.status_code == 302
    assert not Meeting.objects.exists()
    assert sorted(AuditEntry.objects.filter(action="meeting.deleted_in_admin", actor=admin_user)
                  .values_list("object_id", flat=True)) == sorted(str(m.pk) for m in meetings)


@pytest.mark.parametrize(("model", "model_admin"), _registered(),
                         ids=[m._meta.label for m, _ in _registered()])
def test_every_admin_audits_its_deletions_or_allows_none(rf, admin_user, model, model_admin):
    """A new admin cannot bring back Django's unaudited bulk delete: it deletes through
    AuditedDeletesMixin (AuditedModelAdmin, or a service in delete_model) or not at all."""
    from core.admin import AuditedDeletesMixin

    request = rf.get("/")
    request.user = admin_user
    assert (isinstance(model_admin, AuditedDeletesMixin)
            or not model_admin.has_delete_permission(request)), model._meta.label
