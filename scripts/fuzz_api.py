"""Fuzz the live API with schemathesis, as ISU staff and as a State's delegate; fail on any 5xx.

    .venv/bin/python scripts/fuzz_api.py [--examples N] [--keep-database]

On a PostgreSQL database of its own (the DATABASE_URL server, database `<name>_fuzz`), created
afresh: migrate, load the demonstration data, start the portal with gunicorn on a free port, issue
API tokens for a staff login and a delegate login, then run `st run` against the committed
docs/api/openapi.yaml for each role with a fixed seed and the `not_a_server_error` check. The
requests the server answered are counted from its access log, per role; the run fails (non-zero)
if a role got fewer than --min-requests, if any answer was a 5xx, or if schemathesis failed.
Tasks are queued on a Redis database of their own (FUZZ_CELERY_BROKER_URL) and never run: the
fuzzer tests the web server, and the demo's PDFs would take minutes to render.
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
SCHEMA = ROOT / "docs" / "api" / "openapi.yaml"
SEED = 20261201
# The delegate runs first: staff requests change (cancel, reschedule, close...) the demo data.
ROLES = [("delegate", "bih.delegate"), ("staff", "ccm.staff")]
# gunicorn's access log: 'METHOD PATH PROTOCOL' STATUS
ACCESS_LINE = re.compile(r'"[A-Z]+ \S+ HTTP/[0-9.]+" (\d{3}) ')


def log(message):
    print(f"[fuzz] {message}", flush=True)


def database_urls(base_url):
    parts = urlsplit(base_url)
    if not parts.scheme.startswith("postgres"):
        sys.exit("[fuzz] DATABASE_URL must point at PostgreSQL (SQLite accepts what PostgreSQL "
                 "refuses, e.g. NUL bytes, so the run would prove nothing)")
    name = parts.path.lstrip("/") or "isu_portal"
    fuzz = urlunsplit(parts._replace(path=f"/{name}_fuzz"))
    admin = urlunsplit(parts._replace(path="/postgres"))
    return fuzz, admin, f"{name}_fuzz"


def recreate_database(admin_url, name):
    import psycopg2  # the portal's own driver, in the virtualenv this script runs with

    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def drop_database(admin_url, name):
    import psycopg2

    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    connection.close()


def flush_broker(url):
    import redis  # installed with celery[redis]

    redis.Redis.from_url(url).flushdb()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env, *args, capture=False):
    command = [str(VENV_BIN / "python"), "manage.py", *args]
    if capture:
        return subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True,
                              text=True).stdout.strip()
    with open(os.devnull, "w") as quiet:
        subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=quiet)
    return None


def wait_until_up(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    sys.exit(f"[fuzz] the portal did not answer 200 at {url}")


def count_statuses(access_log: Path, start: int):
    """Statuses of the access-log lines written after byte offset `start`."""
    with access_log.open() as handle:
        handle.seek(start)
        return [int(m.group(1)) for line in handle if (m := ACCESS_LINE.search(line))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=12,
                        help="schemathesis --max-examples per operation and phase")
    # The coverage phase alone sends ~9,400 requests per role (6 minutes here): CI runs the
    # three others (~1,200 requests per role, about a minute); `--phases all` for a deep run.
    parser.add_argument("--phases", default="examples,fuzzing,stateful",
                        help="schemathesis phases (all: examples,coverage,fuzzing,stateful)")
    parser.add_argument("--min-requests", type=int, default=1000,
                        help="fail if a role was answered fewer requests than this")
    parser.add_argument("--workers", default="2", help="schemathesis workers")
    parser.add_argument("--report-dir", default=str(ROOT / "fuzz-report"))
    parser.add_argument("--keep-database", action="store_true")
    options = parser.parse_args()

    base_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/isu_portal")
    fuzz_url, admin_url, name = database_urls(base_url)
    broker = os.environ.get("FUZZ_CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
    port = free_port()
    site = f"http://127.0.0.1:{port}"
    report_dir = Path(options.report_dir)
    report_dir.mkdir(parents=True, exist_ok=True)
    access_log = report_dir / "access.log"
    access_log.write_text("")
    env = {
        **os.environ,
        "DATABASE_URL": fuzz_url,
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": broker,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "fuzz-run-only-" + "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "SITE_URL": site,
        "MEDIA_ROOT": str(report_dir / "media"),
        "LOG_LEVEL": "ERROR",
    }

    started = time.monotonic()
    log(f"database {name}: create, migrate, load the demonstration data")
    recreate_database(admin_url, name)
    flush_broker(broker)
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "load_demo")
    tokens = {role: manage(env, "issue_token", username, capture=True)
              for role, username in ROLES}
    log(f"ready in {time.monotonic() - started:.0f} s; starting the portal at {site}")

    server_log = (report_dir / "server.log").open("w")
    server = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "isu_portal.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--timeout", "60", "--access-logfile", str(access_log),
         "--access-logformat", '%(h)s "%(r)s" %(s)s %(b)s'],
        cwd=ROOT, env=env, stdout=server_log, stderr=subprocess.STDOUT)
    failures = []
    totals = {}
    try:
        wait_until_up(f"{site}/api/v1/conventions/")
        for role, username in ROLES:
            offset = access_log.stat().st_size
            role_started = time.monotonic()
            log(f"schemathesis as {role} ({username}), seed {SEED}, phases {options.phases}, "
                f"{options.examples} examples per operation")
            with (report_dir / f"schemathesis-{role}.log").open("w") as out:
                result = subprocess.run(
                    [str(VENV_BIN / "st"), "run", str(SCHEMA), "--url", site,
                     "--header", f"Authorization: Token {tokens[role]}",
                     "--checks", "not_a_server_error", "--seed", str(SEED),
                     "--max-examples", str(options.examples), "--workers", options.workers,
                     *(["--phases", options.phases] if options.phases != "all" else []),
                     "--generation-database", "none", "--generation-allow-x00", "true",
                     "--suppress-health-check", "all", "--request-timeout", "30",
                     "--no-color", "--report", "junit", "--report-dir",
                     str(report_dir / role)],
                    cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
            time.sleep(1)  # let gunicorn flush its access log
            statuses = count_statuses(access_log, offset)
            server_errors = sum(1 for status in statuses if status >= 500)
            totals[role] = (len(statuses), server_errors)
            log(f"{role}: {len(statuses)} requests answered, {server_errors} with a 5xx, "
                f"schemathesis exit {result.returncode}, {time.monotonic() - role_started:.0f} s")
            if server_errors:
                failures.append(f"{role}: {server_errors} answers were 5xx")
            if result.returncode != 0:
                failures.append(f"{role}: schemathesis failed (exit {result.returncode}), see "
                                f"{report_dir / f'schemathesis-{role}.log'}")
            if len(statuses) < options.min_requests:
                failures.append(f"{role}: only {len(statuses)} requests "
                                f"(< {options.min_requests})")
    finally:
        server.terminate()
        server.wait(timeout=30)
        server_log.close()
        flush_broker(broker)
        if not options.keep_database:
            drop_database(admin_url, name)

    summary = ", ".join(f"{role} {requests} requests / {errors} 5xx"
                        for role, (requests, errors) in totals.items())
    log(f"done in {time.monotonic() - started:.0f} s: {summary}")
    if failures:
        for failure in failures:
            log(f"FAILED {failure}")
        for role, _ in ROLES:
            role_log = report_dir / f"schemathesis-{role}.log"
            if role_log.exists():
                print(role_log.read_text()[-6000:])
        sys.exit(1)


if __name__ == "__main__":
    main()
