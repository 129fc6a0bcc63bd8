#!/usr/bin/env python3
"""The two commands of the README, with nothing but Python 3.11+ installed:

    python3 dev.py run    # virtualenv, install, migrate (SQLite), demo data, start the portal
    python3 dev.py test   # virtualenv, install with test tools, run the whole test suite

`test` passes any further arguments to pytest (e.g. `python3 dev.py test tests/treaties -x`).
Set DATABASE_URL and CELERY_BROKER_URL to run on PostgreSQL and Redis instead (see .env.example).
"""

import contextlib
import hashlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
HOST, PORT = "127.0.0.1", os.environ.get("PORT", "8000")
# Everything `run` does (migrations, demo data and its background tasks, the server's requests)
# goes here; the terminal gets a short summary.
LOG = ROOT / "dev-run.log"
LOGIN_LINE = "Demo logins"  # printed by accounts/demo.py


def say(message: str) -> None:
    print(f"\033[1m==> {message}\033[0m", flush=True)


def run(*args, **kwargs) -> None:
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, **kwargs)


def ensure_environment(extras: str, *, logged: bool = False) -> None:
    """Create .venv and install the project; skipped when pyproject.toml has not changed.
    `logged`: pip's output goes to dev-run.log (shown only if it fails)."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an older Python
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        say(f"Creating the virtual environment in {VENV}")
        venv.create(VENV, with_pip=True)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".installed-{extras or 'base'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    message = "Installing the portal and its dependencies (first run takes a few minutes)"
    target = f".[{extras}]" if extras else "."
    if logged:
        logged_step(message, PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip",
                    env=os.environ)
        logged_step(None, PYTHON, "-m", "pip", "install", "--quiet", "-e", target,
                    env=os.environ)
    else:
        say(message)
        run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        run(PYTHON, "-m", "pip", "install", "--quiet", "-e", target)
    stamp.write_text(digest)


def manage(*args) -> None:
    run(PYTHON, "manage.py", *args)


def dev_environment(base: dict, *, port: str, venv_dir: Path = VENV) -> dict:
    """The environment of the development commands: debug on, a secret key of this checkout
    (generated once, kept in .venv), links (SITE_URL, iCal) on the port actually served.
    Anything already set in `base` wins."""
    env = dict(base)
    env.setdefault("DJANGO_DEBUG", "true")
    env.setdefault("SITE_URL", f"http://{HOST}:{port}")
    if not env.get("DJANGO_SECRET_KEY"):
        key_file = venv_dir / "dev-secret-key"
        if not key_file.exists():
            key_file.parent.mkdir(parents=True, exist_ok=True)
            key_file.write_text(f"dev-only-{secrets.token_urlsafe(50)}")
            key_file.chmod(0o600)
        env["DJANGO_SECRET_KEY"] = key_file.read_text().strip()
    return env


def start_child(args, *, env: dict, log) -> subprocess.Popen:
    """A child in its own process group (with its own children, e.g. runserver's reloader), so
    that it is stopped with dev.py and not left serving."""
    if os.name == "nt":
        return subprocess.Popen([str(a) for a in args], cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT,
                                creationflags=subprocess.CREATE_NEW_PROCESS_GROUP)
    return subprocess.Popen([str(a) for a in args], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)


def stop_child(process: subprocess.Popen, *, grace: float = 10.0) -> None:
    """Terminate the child's whole process group (SIGTERM, then SIGKILL after `grace` seconds
    for whatever is left of it, the leader or children that outlived it)."""
    if os.name == "nt":
        process.terminate()
        process.wait()
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=grace)
    while time.monotonic() < deadline and group_alive(process.pid):
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def wait_until_listening(process: subprocess.Popen, host: str, port: str,
                         timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with socket.create_connection((host, int(port)), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def serve(args, *, env: dict, host: str, port: str, log_path: Path, summary: list[str]) -> int:
    """Start the server as a child, print the summary once it listens, and stop it (with its
    process group) when dev.py gets Ctrl+C, SIGTERM or SIGHUP."""
    stop = {"signal": None}

    def on_signal(signum, frame):
        stop["signal"] = signum
        raise KeyboardInterrupt

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), on_signal)
    with open(log_path, "a", encoding="utf-8") as log:
        process = start_child(args, env=env, log=log)
        try:
            if not wait_until_listening(process, host, port):
                stop_child(process)
                print(f"The server did not start; the end of {log_path}:", file=sys.stderr)
                print(tail(log_path), file=sys.stderr)
                return 1
            for line in summary:
                print(line, flush=True)
            code = process.wait()
            print(f"The server stopped by itself (exit {code}); the end of {log_path}:",
                  file=sys.stderr)
            print(tail(log_path), file=sys.stderr)
            return code or 1
        except KeyboardInterrupt:
            print("\nStopping the portal...", flush=True)
            stop_child(process)
            return 130 if stop["signal"] in (None, signal.SIGINT) else 0


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def logged_step(message: str | None, *args, env: dict) -> None:
    """One preparation step, its output in the log; on failure, the end of the log."""
    if message:
        say(message)
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(f"\n==> {message or ' '.join(str(a) for a in args)}\n")
        log.flush()
        result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT)
    if result.returncode:
        print(tail(LOG), file=sys.stderr)
        print(f"Failed (exit {result.returncode}); the whole log is {LOG}", file=sys.stderr)
        raise subprocess.CalledProcessError(result.returncode, args)


def command_run() -> int:
    LOG.write_text("")
    ensure_environment("", logged=True)
    env = dev_environment(os.environ, port=PORT)
    logged_step("Migrating the database", PYTHON, "manage.py", "migrate", "--noinput", env=env)
    logged_step("Loading demonstration data (a minute or two the first time)",
                PYTHON, "manage.py", "load_demo", env=env)
    logins = next((line.strip() for line in LOG.read_text(encoding="utf-8").splitlines()
                   if line.startswith(LOGIN_LINE)), "")
    url = f"http://{HOST}:{PORT}/"
    say("Starting the portal")
    summary = [
        "",
        f"\033[1mThe portal runs at {url}\033[0m  (API docs: {url}api/docs/, admin: {url}admin/)",
        f"    {logins}" if logins else "    Demo logins: see the log.",
        f"    Log (migrations, demo data, requests): {LOG}",
        "    Stop the portal with Ctrl+C.",
    ]
    return serve([PYTHON, "manage.py", "runserver", f"{HOST}:{PORT}"], env=env, host=HOST,
                 port=PORT, log_path=LOG, summary=summary)


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
        return command_run()
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
