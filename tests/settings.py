"""The test suite's settings: the portal's own, run as a development command (debug on, a key
of this run). Set in the environment before the portal's settings are read, so the processes
the tests start (the Celery worker, `manage.py` checks) inherit them."""

import os
import secrets

os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_SECRET_KEY", f"tests-only-{secrets.token_urlsafe(40)}")

from isu_portal.settings import *  # noqa: F403
