"""Project-wide guard rails: the committed API schema, deployment checks, migrations."""

import os
import secrets
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def test_committed_openapi_schema_is_current(tmp_path):
    # Integer bounds in the schema depend on the database backend: generate it as `make schema`
    # does, on SQLite, whatever the tests run on.
    generated = tmp_path / "openapi.yaml"
    env = {**os.environ, "DATABASE_URL": "sqlite:///:memory:"}
    result = subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--validate", "--fail-on-warn",
         "--file", str(generated)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    committed = (ROOT / "docs" / "api" / "openapi.yaml").read_text(encoding="utf-8")
    assert generated.read_text(encoding="utf-8") == committed, (
        "docs/api/openapi.yaml is stale: run `make schema`"
    )


def test_no_missing_migrations(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_production_settings_pass_check_deploy():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "portal.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_debug_and_secret_key_the_portal_refuses_to_start(tmp_path):
    """Nothing set (no DJANGO_DEBUG, no DJANGO_SECRET_KEY, no .env): debug is off and there is
    no public default key, so start-up stops and names the variable."""
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path),
           "DJANGO_ENV_FILE": str(tmp_path / "no.env")}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: "
                                "DJANGO_SECRET_KEY is not set")
    # the same, given a key: debug is off by default
    env["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(64)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from django.conf import settings; print(settings.DEBUG)"],
        cwd=ROOT, env={**env, "DATABASE_URL": "sqlite:///:memory:"}, capture_output=True,
        text=True)
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr


def test_api_docs_are_served_from_local_files(client, db):
    page = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert "cdn" not in page.lower()
    assert client.get("/api/schema/").status_code == 200
