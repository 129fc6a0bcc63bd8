import os
import shutil

import pytest
from django.conf import settings
from django.utils import translation
from rest_framework.test import APIClient

from accounts.enums import Role
from tests.factories import ISUFactory, StateFactory, conventions_from_reference, make_user
from tests.factories.accounts import PASSWORD
from tests.support import services


@pytest.fixture(autouse=True)
def _isolated_media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request in another language leaves it active in the thread: start each test in English."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True, scope="session")
def _eager_celery():
    """Unit tests run tasks in-process even when CELERY_BROKER_URL is set (as in CI); the
    `celery_worker` fixture switches to the real broker for integration tests."""
    from isu_portal.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield


@pytest.fixture
def conventions(db):
    """CCM, APMBC, CCW, CCW-APII and CCW-P5 with their real dates and rules."""
    return conventions_from_reference()


@pytest.fixture
def isus(conventions):
    return {code: ISUFactory(convention=conventions[code]) for code in ("CCM", "APMBC", "CCW")}


@pytest.fixture
def state_a(db):
    return StateFactory(iso3="BIH")


@pytest.fixture
def state_b(db):
    return StateFactory(iso3="LBN")


@pytest.fixture
def admin_user(db):
    return make_user(Role.ADMINISTRATOR, username="admin")


@pytest.fixture
def ccm_staff(conventions):
    return make_user(Role.ISU_STAFF, convention=conventions["CCM"], username="ccm_staff")


@pytest.fixture
def apmbc_staff(conventions):
    return make_user(Role.ISU_STAFF, convention=conventions["APMBC"], username="apmbc_staff")


@pytest.fixture
def host_staff(db):
    return make_user(Role.HOST_STAFF, username="host_staff")


@pytest.fixture
def focal_a(state_a):
    return make_user(Role.FOCAL_POINT, state=state_a, username="focal_a")


@pytest.fixture
def delegate_a(state_a):
    return make_user(Role.DELEGATE, state=state_a, username="delegate_a")


@pytest.fixture
def focal_b(state_b):
    return make_user(Role.FOCAL_POINT, state=state_b, username="focal_b")


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def api_as(api_client):
    """api_as(user) -> an APIClient authenticated as that user (None: anonymous)."""

    def login(user):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return login


@pytest.fixture
def celery_worker(transactional_db, request):
    """A real Celery worker on Redis, against the test database (PostgreSQL)."""
    extra_env = getattr(request, "param", None) or {}
    with services.celery_worker(extra_env=extra_env) as worker:
        yield worker


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server; Django's email goes to it. Yields the recording handler."""
    with services.smtp_server() as (handler, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        handler.port = port
        handler.email_url = f"smtp://127.0.0.1:{port}"
        yield handler


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture
def browser_page(live_server, monkeypatch):
    """A Playwright page in Debian's Chromium (headless), against the live test server."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        services.skip_or_fail(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-dev-shm-usage"],
        )
        context = browser.new_context(base_url=live_server.url)
        page = context.new_page()
        page.set_default_timeout(15000)
        try:
            yield page
        finally:
            context.close()
            browser.close()


def login_in_browser(page, username, password=PASSWORD):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")


@pytest.fixture
def browser_login():
    return login_in_browser


@pytest.fixture(scope="session")
def django_db_modify_db_settings():
    """Parallel checkouts may share one PostgreSQL: ISU_TEST_DB_SUFFIX keeps their test
    databases apart."""
    suffix = os.environ.get("ISU_TEST_DB_SUFFIX")
    if suffix:
        settings.DATABASES["default"]["TEST"] = {
            "NAME": f"test_{settings.DATABASES['default']['NAME']}_{suffix}"
        }


@pytest.fixture(autouse=True, scope="session")
def _no_stray_database_sessions(django_db_setup, django_db_blocker):
    """The live server's request threads may still hold a PostgreSQL session when the run ends;
    end them so the test database can be dropped cleanly."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
