"""Stored files are never served from MEDIA_URL, in any set-up: only the owning app's view,
through core.downloads.serve_private_file, hands them out (see each app's test_private_files)."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import clear_url_caches

from core.downloads import safe_filename


@pytest.fixture
def urlconf_as_in_development(settings):
    """The URLconf as `dev.py run` builds it (debug on), restored afterwards."""
    import isu_portal.urls

    settings.DEBUG = True
    importlib.reload(isu_portal.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(isu_portal.urls)
    clear_url_caches()


@pytest.mark.parametrize("user", [None, "admin_user", "focal_a"])
def test_media_paths_are_404_for_everyone_even_with_debug(db, client, urlconf_as_in_development,
                                                          user, request):
    name = default_storage.save("reporting/1/draft-map.pdf", ContentFile(b"%PDF-1.4 secret"))
    if user is not None:
        client.force_login(request.getfixturevalue(user))
    for path in (f"/media/{name}", "/media/reporting/1/", "/media/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"secret" not in b"".join(getattr(response, "streaming_content", [])) + (
            response.content if not response.streaming else b"")


@pytest.mark.parametrize(("given", "expected"), [
    ("reports/12/map.pdf", "map.pdf"),
    ("..\\..\\etc\\passwd", "passwd"),
    ('a"b;c\r\nSet-Cookie: x.pdf', "a_b_c_Set-Cookie_ x.pdf"),
    ("خريطة.pdf", "خريطة.pdf"),
    ("...", "download"),
    ("", "download"),
    ("x" * 300 + ".xlsx", "x" * 145 + ".xlsx"),
])
def test_safe_filename(given, expected):
    assert safe_filename(given) == expected


def test_the_admin_links_a_generated_file_to_its_view(admin_client):
    from django.urls import reverse

    from core.models import GeneratedFile

    generated = GeneratedFile.objects.create(kind="sponsorship.award_letter", status="done",
                                             filename="letter.pdf")
    generated.file.save("letter.pdf", ContentFile(b"%PDF-1.4"))
    html = admin_client.get(
        reverse("admin:core_generatedfile_change", args=[generated.pk])).content.decode()
    assert f'href="/files/{generated.pk}/download/"' in html
    assert "/media/" not in html
