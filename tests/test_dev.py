"""dev.py, the newcomer's command: links on the port served, debug and a key of the checkout
only in development, and Ctrl+C (or SIGTERM) stops the server with all its children."""

import os
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import dev  # noqa: E402


def test_dev_environment_links_to_the_port_and_keeps_one_key(tmp_path):
    env = dev.dev_environment({"PATH": "/usr/bin"}, port="8123", venv_dir=tmp_path)
    assert env["SITE_URL"] == "http://127.0.0.1:8123"
    assert env["DJANGO_DEBUG"] == "true"
    assert env["DJANGO_SECRET_KEY"].startswith("dev-only-")
    assert len(env["DJANGO_SECRET_KEY"]) > 50
    assert (tmp_path / "dev-secret-key").stat().st_mode & 0o777 == 0o600
    # the same key on the next run (sessions survive a restart), and what is set wins
    again = dev.dev_environment({}, port="8000", venv_dir=tmp_path)
    assert again["DJANGO_SECRET_KEY"] == env["DJANGO_SECRET_KEY"]
    assert again["SITE_URL"] == "http://127.0.0.1:8000"
    given = dev.dev_environment({"SITE_URL": "https://x.example", "DJANGO_SECRET_KEY": "k",
                                 "DJANGO_DEBUG": "false"}, port="8123", venv_dir=tmp_path)
    assert (given["SITE_URL"], given["DJANGO_SECRET_KEY"], given["DJANGO_DEBUG"]) == (
        "https://x.example", "k", "false")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting for a parent that does not reap."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


# A stand-in for runserver: it forks a child (as runserver's reloader does) and listens.
SERVER = textwrap.dedent("""
    import socket, subprocess, sys, time
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    print("server", __import__("os").getpid(), "child", child.pid, flush=True)
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", int(sys.argv[1])))
    server.listen()
    time.sleep(120)
""")
RUNNER = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    import dev
    port, log = sys.argv[2], Path(sys.argv[3])
    sys.exit(dev.serve([sys.executable, "-c", sys.argv[4], port], env=dict(os.environ),
                       host="127.0.0.1", port=port, log_path=log, summary=["READY"]))
""")


@pytest.mark.skipif(os.name == "nt", reason="process groups are POSIX")
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 0)])
def test_stopping_dev_py_stops_the_server_and_its_children(tmp_path, sig, code):
    port, log = _free_port(), tmp_path / "dev-run.log"
    runner = subprocess.Popen(
        [sys.executable, "-c", RUNNER, str(ROOT), str(port), str(log), SERVER],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert runner.stdout.readline().strip() == "READY"
        words = log.read_text().split()
        server, child = int(words[1]), int(words[3])
        assert _alive(server) and _alive(child)
        runner.send_signal(sig)
        assert runner.wait(timeout=20) == code
    finally:
        if runner.poll() is None:
            runner.kill()
    assert not _alive(server)
    assert not _alive(child)
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass
    # the terminal has the summary and the goodbye; what the server printed is in the log
    rest = runner.stdout.read()
    assert "Stopping the portal" in rest and "server" not in rest


@pytest.mark.skipif(os.name == "nt", reason="process groups are POSIX")
def test_a_server_that_does_not_start_shows_the_end_of_the_log(tmp_path):
    failing = "import sys; print('Error: That port is already in use.'); sys.exit(1)"
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, str(ROOT), str(_free_port()), str(tmp_path / "log"),
         failing],
        capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert "READY" not in result.stdout
    assert "The server did not start" in result.stderr
    assert "Error: That port is already in use." in result.stderr
