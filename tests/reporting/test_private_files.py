"""A report's attachments are downloaded only through the reporting view, which asks the
report's rules: the State and (once it may read the report) its ISU get the bytes; anonymous
visitors, another State and another convention's ISU get a 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reporting import services


@pytest.fixture
def draft(bih_member, focal_a, obligations):
    return services.report_start(actor=focal_a, state=bih_member,
                                 obligation=obligations["ccm-art7-annual"], cycle_year=2025)


@pytest.fixture
def attachment(draft, delegate_a):
    return services.attachment_add(
        actor=delegate_a, report=draft,
        upload=SimpleUploadedFile("Carte des zones \"2025\".pdf", b"%PDF-1.4 the map"))


def download_url(attachment):
    return reverse("reporting:attachment-download", args=[attachment.report_id, attachment.pk])


def test_the_state_downloads_the_bytes_as_an_attachment(client, attachment, focal_a):
    client.force_login(focal_a)
    response = client.get(download_url(attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 the map"
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="Carte des zones _2025_.pdf"'


@pytest.mark.parametrize("who", ["anonymous", "focal_b", "apmbc_staff", "ccm_staff"])
def test_others_get_404(client, attachment, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(download_url(attachment))
    assert response.status_code == 404
    assert b"the map" not in response.content


def test_the_isu_downloads_once_the_draft_is_shared(client, attachment, focal_a, ccm_staff,
                                                    apmbc_staff):
    services.report_share(actor=focal_a, report=attachment.report, shared=True)
    client.force_login(ccm_staff)
    assert b"".join(client.get(download_url(attachment)).streaming_content) == (
        b"%PDF-1.4 the map")
    client.force_login(apmbc_staff)
    assert client.get(download_url(attachment)).status_code == 404


def test_an_attachment_of_another_report_is_404(client, attachment, focal_a, bih_member,
                                                obligations):
    other = services.report_start(actor=focal_a, state=bih_member,
                                  obligation=obligations["ccm-art7-annual"], cycle_year=2026)
    client.force_login(focal_a)
    url = reverse("reporting:attachment-download", args=[other.pk, attachment.pk])
    assert client.get(url).status_code == 404


def test_page_and_api_link_to_the_view_not_to_media(client, api_as, attachment, focal_a):
    client.force_login(focal_a)
    page = client.get(reverse("reporting:report-detail", args=[attachment.report_id]))
    assert f'href="{download_url(attachment)}"' in page.content.decode()
    assert "/media/" not in page.content.decode()
    listed = api_as(focal_a).get(
        f"/api/v1/reporting/reports/{attachment.report_id}/attachments/").json()
    assert [a["url"] for a in listed] == [api_download_url(attachment)]


def api_download_url(attachment):
    return (f"/api/v1/reporting/reports/{attachment.report_id}/attachments/{attachment.pk}"
            "/download/")


def test_the_api_downloads_for_the_state_only(api_as, attachment, delegate_a, focal_b,
                                              ccm_staff, apmbc_staff):
    response = api_as(delegate_a).get(api_download_url(attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 the map"
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment; ")
    assert api_as(None).get(api_download_url(attachment)).status_code == 401
    too_big = api_download_url(attachment).replace(f"/{attachment.pk}/", "/" + "9" * 31 + "/")
    assert api_as(delegate_a).get(too_big).status_code == 404
    for other in (focal_b, ccm_staff, apmbc_staff):
        response = api_as(other).get(api_download_url(attachment))
        assert response.status_code == 404
        assert b"the map" not in response.content


def test_the_public_of_a_published_report_gets_no_attachments(client, api_as, attachment,
                                                              focal_a, focal_b, ccm_staff):
    report = services.report_submit(actor=focal_a, report=attachment.report,
                                    publication_wish="public")
    services.report_publish(actor=ccm_staff, report=report)
    api_url = f"/api/v1/reporting/reports/{report.pk}/attachments/"
    assert api_as(None).get(f"/api/v1/reporting/reports/{report.pk}/").status_code == 200
    assert api_as(None).get(api_url).status_code == 401
    assert api_as(focal_b).get(f"/api/v1/reporting/reports/{report.pk}/").status_code == 200
    assert api_as(focal_b).get(api_url).status_code == 403
    assert client.get(download_url(attachment)).status_code == 404
    client.force_login(focal_b)
    assert client.get(download_url(attachment)).status_code == 404
    # the convention's ISU reads the received report, attachments included
    assert [a["original_name"] for a in api_as(ccm_staff).get(api_url).json()] == [
        attachment.original_name]
    client.force_login(ccm_staff)
    assert client.get(download_url(attachment)).status_code == 200


def test_the_admin_links_to_the_view_not_to_media(admin_client, attachment):
    page = admin_client.get(reverse("admin:reporting_attachment_change", args=[attachment.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="{download_url(attachment)}"' in html
    assert "/media/" not in html and 'name="file"' not in html
    assert admin_client.get(download_url(attachment)).status_code == 200
