"""The reporting admin never bypasses a service: a report's status and answers change only
through the actions and the section form, which write a new version and the audit row."""

import pytest
from django.urls import reverse

from core.models import AuditEntry
from reporting import services
from reporting.enums import ChangeTick, ExtensionStatus, ReportStatus
from reporting.models import ExtensionRequest, Report, ReportVersion, SectionEntry
from tests.factories.reporting import make_extension


@pytest.fixture
def report(bih_member, focal_a, obligations):
    return services.report_start(actor=focal_a, state=bih_member,
                                 obligation=obligations["ccm-art7-annual"], cycle_year=2025)


def audit_rows(action, target):
    return list(AuditEntry.objects.filter(action=action, object_id=str(target.pk))
                .values_list("actor__username", "changes"))


def test_the_change_form_does_not_change_the_status(admin_client, report):
    url = reverse("admin:reporting_report_change", args=[report.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="status"' not in page
    response = admin_client.post(url, {
        "language": "fr", "status": ReportStatus.PUBLISHED, "submitted_at": "2025-01-01 00:00",
        "entries-TOTAL_FORMS": "0", "entries-INITIAL_FORMS": "0"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.submitted_at, report.language) == (ReportStatus.DRAFT, None,
                                                                     "fr")
    assert not ReportVersion.objects.exists()
    assert not AuditEntry.objects.filter(action__in=["report.submitted", "report.published"])


def test_the_submit_action_writes_a_version_and_the_audit_row(admin_client, admin_user,
                                                               report):
    report.entries.update(tick=ChangeTick.NOT_APPLICABLE)
    response = admin_client.post(reverse("admin:reporting_report_changelist"),
                                 {"action": "submit", "_selected_action": [report.pk]})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.submitted_by) == (ReportStatus.SUBMITTED, admin_user)
    assert list(report.versions.values_list("number", "status", "created_by")) == [
        (1, ReportStatus.SUBMITTED, admin_user.pk)]
    assert audit_rows("report.submitted", report) == [
        ("admin", {"status": ["draft", "submitted"], "version": 1})]

    admin_client.post(reverse("admin:reporting_report_changelist"),
                      {"action": "reopen", "_selected_action": [report.pk]})
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert audit_rows("report.reopened", report) == [
        ("admin", {"status": ["submitted", "draft"]})]


def test_a_refused_action_changes_nothing(admin_client, report):
    services.report_submit(actor=report.created_by, report=report)
    # Submitted already: the service refuses a second submission, the admin says why.
    response = admin_client.post(reverse("admin:reporting_report_changelist"),
                                 {"action": "submit", "_selected_action": [report.pk]},
                                 follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        f"{report}: Only a draft can be submitted."]
    assert ReportVersion.objects.filter(report=report).count() == 1
    assert AuditEntry.objects.filter(action="report.submitted").count() == 1


def section_post(entry, **overrides):
    return {"tick": entry.tick, "unchanged_since_year": "", "disclosure": entry.disclosure,
            "agency": entry.agency, "data": "{}", "expected_version": entry.version,
            **overrides}


def test_answers_change_through_section_save(admin_client, admin_user, report):
    entry = report.entries.get(form__code="H")
    url = reverse("admin:reporting_sectionentry_change", args=[entry.pk])
    assert 'name="data"' in admin_client.get(url).content.decode()
    response = admin_client.post(url, section_post(
        entry, tick=ChangeTick.NOT_APPLICABLE, data='{"victim_assistance": "VA plan"}'))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.data, entry.tick, entry.version, entry.updated_by) == (
        {"victim_assistance": "VA plan"}, ChangeTick.NOT_APPLICABLE, 1, admin_user)
    assert audit_rows("report.section_saved", report) == [
        ("admin", {"form": "H", "version": 1, "answers": ["victim_assistance"],
                   "tick": [ChangeTick.CHANGED, ChangeTick.NOT_APPLICABLE]})]


def test_the_section_form_refuses_what_the_service_refuses(admin_client, report):
    entry = report.entries.get(form__code="H")
    url = reverse("admin:reporting_sectionentry_change", args=[entry.pk])
    response = admin_client.post(url, section_post(entry, data='{"no_such_field": "x"}'))
    assert response.status_code == 200
    assert "This form has no field no_such_field." in response.content.decode()
    services.section_save(actor=report.created_by, entry=entry, expected_version=0,
                          answers={"victim_assistance": "theirs"})
    response = admin_client.post(url, section_post(
        entry, data='{"victim_assistance": "mine"}', expected_version=0))
    assert response.status_code == 200
    assert "Someone saved this form since you opened it" in response.content.decode()
    entry.refresh_from_db()
    assert (entry.data, entry.version) == ({"victim_assistance": "theirs"}, 1)
    assert len(audit_rows("report.section_saved", report)) == 1


def test_a_received_reports_sections_cannot_be_changed(admin_client, report):
    report.entries.update(tick=ChangeTick.NOT_APPLICABLE)
    services.report_submit(actor=report.created_by, report=report)
    entry = report.entries.get(form__code="H")
    url = reverse("admin:reporting_sectionentry_change", args=[entry.pk])
    response = admin_client.post(url, section_post(entry, data='{"victim_assistance": "x"}'))
    assert response.status_code == 403
    entry.refresh_from_db()
    assert (entry.data, entry.version) == ({}, 0)


def test_bulk_delete_takes_never_submitted_drafts_only_and_audits_each(
        admin_client, bih_member, focal_a, obligations, report):
    other = services.report_start(actor=focal_a, state=bih_member,
                                  obligation=obligations["ccm-art7-annual"], cycle_year=2026)
    changelist = reverse("admin:reporting_report_changelist")
    response = admin_client.post(changelist, {"action": "delete_selected", "post": "yes",
                                              "_selected_action": [report.pk, other.pk]})
    assert response.status_code == 302
    assert not Report.objects.exists() and not SectionEntry.objects.exists()
    assert sorted(AuditEntry.objects.filter(action="report.deleted_in_admin")
                  .values_list("object_id", flat=True)) == sorted([str(report.pk),
                                                                    str(other.pk)])


def test_a_submitted_report_cannot_be_deleted(admin_client, report):
    report.entries.update(tick=ChangeTick.NOT_APPLICABLE)
    services.report_submit(actor=report.created_by, report=report)
    response = admin_client.post(reverse("admin:reporting_report_changelist"), {
        "action": "delete_selected", "post": "yes", "_selected_action": [report.pk]})
    assert response.status_code == 403
    assert admin_client.post(reverse("admin:reporting_report_delete", args=[report.pk]),
                             {"post": "yes"}).status_code == 403
    assert Report.objects.filter(pk=report.pk).exists()
    assert ReportVersion.objects.filter(report=report).count() == 1
    assert not AuditEntry.objects.filter(action="report.deleted_in_admin").exists()


def test_extension_requests_move_through_the_review_service(admin_client, conventions,
                                                             bih_member):
    extension = make_extension(bih_member, conventions["CCM"], status="submitted")
    draft = make_extension(bih_member, conventions["APMBC"])
    changelist = reverse("admin:reporting_extensionrequest_changelist")
    admin_client.post(changelist, {"action": "start_analysis",
                                   "_selected_action": [extension.pk]})
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.UNDER_ANALYSIS
    assert audit_rows("extension_request.reviewed", extension) == [
        ("admin", {"status": ["submitted", "under_analysis"]})]
    # Deleting: a request in preparation may go (audited), a submitted one is kept.
    response = admin_client.post(changelist, {"action": "delete_selected", "post": "yes",
                                              "_selected_action": [extension.pk]})
    assert response.status_code == 403
    admin_client.post(changelist, {"action": "delete_selected", "post": "yes",
                                   "_selected_action": [draft.pk]})
    assert list(ExtensionRequest.objects.values_list("pk", flat=True)) == [extension.pk]
    assert audit_rows("extensionrequest.deleted_in_admin", draft) == [("admin", {})]
