#!/usr/bin/env python3
"""The two commands of the README, with nothing but Python 3.11+ installed:

    python3 dev.py run    # virtualenv, install, migrate (SQLite), demo data, start the portal
    python3 dev.py test   # virtualenv, install with test tools, run the whole test suite

`test` passes any further arguments to pytest (e.g. `python3 dev.py test tests/treaties -x`).
Set DATABASE_URL and CELERY_BROKER_URL to run on PostgreSQL and Redis instead (see .env.example).
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
HOST, PORT = "127.0.0.1", os.environ.get("PORT", "8000")


def say(message: str) -> None:
    print(f"\033[1m==> {message}\033[0m", flush=True)


def run(*args, **kwargs) -> None:
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, **kwargs)


def ensure_environment(extras: str) -> None:
    """Create .venv and install the project; skipped when pyproject.toml has not changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an older Python
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        say(f"Creating the virtual environment in {VENV}")
        venv.create(VENV, with_pip=True)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".installed-{extras or 'base'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    say("Installing the portal and its dependencies (first run takes a few minutes)")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    target = f".[{extras}]" if extras else "."
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", target)
    stamp.write_text(digest)


def manage(*args) -> None:
    run(PYTHON, "manage.py", *args)


def command_run() -> None:
    ensure_environment("")
    say("Migrating the database")
    manage("migrate", "--noinput")
    say("Loading demonstration data")
    manage("load_demo")
    url = f"http://{HOST}:{PORT}/"
    say(f"The portal runs at {url}  (API docs: {url}api/docs/, admin: {url}admin/)")
    print("    Sign in with a demo login listed above. Stop the portal with Ctrl+C.", flush=True)
    manage("runserver", f"{HOST}:{PORT}")


def command_test(pytest_args: list[str]) -> int:
    ensure_environment("test")
    say("Running the test suite")
    return subprocess.run([PYTHON, "-m", "pytest", *pytest_args], cwd=ROOT).returncode


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test", "setup"}:
        print(__doc__)
        return 2
    command = sys.argv[1]
    if command == "run":
        command_run()
        return 0
    if command == "setup":
        ensure_environment("test")
        return 0
    return command_test(sys.argv[2:])


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode)
