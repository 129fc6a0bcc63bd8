"""Award letters and reports to donors are generated files: downloaded only through
core's view, which asks the kind's rule (the application's, the programme's finances) at
download time. Anonymous visitors, another State and another ISU get nothing."""

import pytest
from django.core.files.base import ContentFile

from accounts.models import RoleAssignment
from core.enums import GeneratedFileStatus
from core.models import GeneratedFile
from sponsorship import services

pytestmark = pytest.mark.django_db


def stored(kind, params, requested_by, content):
    generated = GeneratedFile.objects.create(kind=kind, params=params, requested_by=requested_by,
                                             status=GeneratedFileStatus.DONE,
                                             filename="letter.pdf")
    generated.file.save("letter.pdf", ContentFile(content))
    return generated


@pytest.fixture
def award_letter(focal_a, eligible_a, funded, june, ccm_staff):
    application = services.application_create(
        actor=focal_a, state=eligible_a, meetings=[june["CCM"]],
        nominees=[{"full_name": "Amra Hodžić"}])
    services.application_submit(actor=focal_a, application=application)
    return stored("sponsorship.award_letter", {"application_id": application.pk}, ccm_staff,
                  b"%PDF-1.4 award letter")


@pytest.fixture
def donor_report(funded, ccm_staff):
    return stored("sponsorship.programme_report",
                  {"programme_id": funded["CCM"].pk, "year": 2015}, ccm_staff,
                  b"%PDF-1.4 donor report")


def get(client, user, generated):
    if user is not None:
        client.force_login(user)
    return client.get(f"/files/{generated.pk}/download/")


@pytest.mark.parametrize("who", ["focal_a", "ccm_staff", "host_staff", "admin_user"])
def test_the_application_side_downloads_the_award_letter(client, award_letter, who, request):
    response = get(client, request.getfixturevalue(who), award_letter)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 award letter"
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="letter.pdf"'


@pytest.mark.parametrize("who", ["focal_b", "apmbc_staff"])
def test_another_state_and_another_isu_get_404_for_the_award_letter(client, award_letter,
                                                                     who, request):
    response = get(client, request.getfixturevalue(who), award_letter)
    assert response.status_code == 404
    assert b"award letter" not in response.content
    # nor its status page
    assert client.get(f"/files/{award_letter.pk}/").status_code == 404


def test_anonymous_is_sent_to_sign_in(client, award_letter, donor_report):
    for generated in (award_letter, donor_report):
        response = get(client, None, generated)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("who", "status"), [
    ("ccm_staff", 200), ("host_staff", 200), ("admin_user", 200),
    ("apmbc_staff", 404), ("focal_a", 404)])
def test_the_donor_report_follows_the_programme_finances(client, donor_report, who, status,
                                                         request):
    response = get(client, request.getfixturevalue(who), donor_report)
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == b"%PDF-1.4 donor report"


def test_having_requested_a_file_is_no_right_to_it_after_leaving_the_isu(
        client, donor_report, ccm_staff):
    RoleAssignment.objects.filter(user=ccm_staff).delete()
    ccm_staff.refresh_from_db()
    assert get(client, ccm_staff, donor_report).status_code == 404
