"""Real outside processes for integration tests: a Celery worker on Redis, an SMTP server.

They need PostgreSQL (the worker must see the test database) and Redis. Without them the tests
that use these fixtures are skipped, unless ISU_REQUIRE_SERVICES=1 (as in CI), where a missing
service is a failure.
"""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from contextlib import contextmanager
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"


def services_required() -> bool:
    return os.environ.get("ISU_REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str):
    if services_required():
        pytest.fail(f"{reason} (ISU_REQUIRE_SERVICES=1)")
    pytest.skip(reason)


def redis_url() -> str:
    return os.environ.get("CELERY_BROKER_URL") or DEFAULT_REDIS_URL


def redis_reachable(url: str) -> bool:
    parsed = urllib.parse.urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379),
                                      timeout=1):
            return True
    except OSError:
        return False


def test_database_url() -> str:
    """The URL of the database the tests run on, for a subprocess (PostgreSQL only)."""
    db = settings.DATABASES["default"]
    user = urllib.parse.quote(db.get("USER") or "")
    password = urllib.parse.quote(db.get("PASSWORD") or "")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{connection.settings_dict['NAME']}"


@contextmanager
def celery_worker(*, extra_env: dict | None = None, queues: str = "celery",
                  flush_broker: bool = True):
    """Start `celery worker` as a real process on Redis against the test database, and point
    this process's Celery app at the same broker (not eager) while it runs.

    The broker's Redis db is emptied first, unless `flush_broker=False` (a test that shows a
    dead worker's unacknowledged task being redelivered to the next worker keeps it)."""
    from isu_portal.celery import app

    if connection.vendor != "postgresql":
        skip_or_fail("a real Celery worker needs the tests to run on PostgreSQL (DATABASE_URL)")
    url = redis_url()
    if not redis_reachable(url):
        skip_or_fail(f"Redis is not reachable at {url}")

    import redis

    if flush_broker:
        redis.Redis.from_url(url).flushdb()
    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "CELERY_BROKER_URL": url,
        "CELERY_RESULT_BACKEND": url,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PYTHONUNBUFFERED": "1",
        **(extra_env or {}),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "isu_portal", "worker", "--pool", "solo",
         "--concurrency", "1", "--loglevel", "INFO", "--without-gossip", "--without-mingle",
         "--without-heartbeat", "-Q", queues, "-n", f"test-{os.getpid()}@%h"],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    log: list[str] = []
    ready = threading.Event()

    def read_output():
        for line in process.stdout:
            log.append(line)
            if "ready." in line:
                ready.set()

    reader = threading.Thread(target=read_output, daemon=True)
    reader.start()
    previous = {k: app.conf[k] for k in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=url, result_backend=url, task_always_eager=False)
    _reset_connections(app)
    try:
        if not ready.wait(60):
            raise RuntimeError("Celery worker did not start:\n" + "".join(log))
        yield WorkerHandle(process=process, log=log)
    finally:
        app.conf.update(**previous)
        _reset_connections(app)
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def _reset_connections(app):
    """Forget pooled broker connections so the next task uses the current broker_url."""
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


class WorkerHandle:
    def __init__(self, *, process, log):
        self.process = process
        self.log = log

    def output(self) -> str:
        return "".join(self.log)


def wait_until(predicate, *, timeout=30.0, interval=0.2, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}")


class RecordingSMTPHandler:
    """Keeps every message the SMTP server receives, parsed."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content or envelope.content,
                                     policy=policy.default)
        with self.lock:
            self.messages.append({
                "from": envelope.mail_from,
                "to": list(envelope.rcpt_tos),
                "message": message,
                "subject": str(message["subject"]),
            })
        return "250 OK"


@contextmanager
def smtp_server():
    """A real SMTP server on 127.0.0.1 (aiosmtpd); yields (handler, port)."""
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = RecordingSMTPHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()
