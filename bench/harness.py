"""Shared set-up for the benchmarks: a throwaway database, Django, and a timing helper."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isu_portal.settings")
    os.environ.setdefault("DJANGO_DEBUG", "true")  # a development command, as dev.py
    if "DATABASE_URL" not in os.environ:
        path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def median_seconds(func, *, repeat: int = 30, warmup: int = 3) -> float:
    for _ in range(warmup):
        func()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def best_of(func, runs: int = 5) -> float:
    """The fastest of `runs` calls, in seconds (the least disturbed by the rest of the machine)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def report(name: str, ours: float, baseline: float) -> None:
    print(f"{name}: ours {ours * 1000:.2f} ms, baseline {baseline * 1000:.2f} ms, "
          f"ratio {ours / baseline:.2f}x")
