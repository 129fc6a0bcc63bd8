"""Benchmark: the meetings calendar, iCalendar feed, clusters and API list at 2,000 meetings,
against a bare baseline measured in the same run (one query of the same rows, rendered as
plain text). Prints each ratio; quick (< 30 s).

    DJANGO_SETTINGS_MODULE=isu_portal.settings python bench/meetings_calendar.py

Uses a throwaway SQLite database unless BENCH_USE_CONFIGURED_DB=1.
"""

import datetime
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isu_portal.settings")
os.environ.setdefault("DJANGO_DEBUG", "true")  # a development command, as dev.py
if os.environ.get("BENCH_USE_CONFIGURED_DB") != "1":
    _tmp = tempfile.mkdtemp(prefix="bench-meetings-")
    os.environ["DATABASE_URL"] = f"sqlite:///{_tmp}/bench.sqlite3"
os.environ.setdefault("CELERY_BROKER_URL", "")

import django
from harness import best_of

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

COUNT = 2000
D = datetime.date


def build():
    from meetings.kinds import ensure_standard_kinds
    from meetings.models import Meeting
    from treaties.models import Convention, ThematicArea
    from treaties.reference import load_reference_data

    load_reference_data()
    ensure_standard_kinds()
    conventions = list(Convention.objects.filter(code__in=["CCM", "APMBC", "CCW"]))
    themes = list(ThematicArea.objects.all()[:2])
    cities = [("Geneva", "CH"), ("Oslo", "NO"), ("Santiago", "CL"), ("Vienna", "AT")]
    meetings = Meeting.objects.bulk_create([
        Meeting(kind_id="msp", title=f"Bench {i}", city=cities[i % 4][0], country=cities[i % 4][1],
                start_date=D(2030, 9, 1 + i % 28), end_date=D(2030, 9, 1 + i % 28 + i % 3),
                status="confirmed" if i % 7 else "cancelled")
        for i in range(COUNT)])
    links = Meeting.conventions.through
    links.objects.bulk_create(
        [links(meeting_id=m.pk, convention_id=conventions[i % 3].pk)
         for i, m in enumerate(meetings)]
        + [links(meeting_id=m.pk, convention_id=conventions[(i + 1) % 3].pk)
           for i, m in enumerate(meetings) if i % 5 == 0])
    Meeting.thematic_areas.through.objects.bulk_create([
        Meeting.thematic_areas.through(meeting_id=m.pk, thematicarea_id=themes[i % 2].pk)
        for i, m in enumerate(meetings)])


def baseline():
    """The bare minimum for the same rows: one query, one line of text per meeting."""
    from meetings.models import Meeting

    rows = Meeting.objects.values_list("id", "title", "city", "start_date", "end_date")
    return "\n".join(f"{i} {t} {c} {s} {e}" for i, t, c, s, e in rows).encode()


def main():
    call_command("migrate", verbosity=0)
    build()
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    checks = {
        "calendar month view": lambda: client.get("/meetings/?month=2030-09"),
        "calendar list view": lambda: client.get("/meetings/?view=list"),
        "iCalendar feed (all)": lambda: client.get("/meetings/feeds/all.ics"),
        "clusters page": lambda: client.get("/meetings/clusters/"),
        "API list (page of 100)": lambda: client.get("/api/v1/meetings/?page_size=100"),
        "API clusters": lambda: client.get("/api/v1/meetings/clusters/"),
    }
    for fn in checks.values():  # warm up (templates, imports) and check status
        assert fn().status_code == 200
    base = best_of(baseline, runs=3)
    print(f"{COUNT} meetings; baseline (one query + plain text): {base * 1000:.1f} ms")
    for name, fn in checks.items():
        ours = best_of(fn, runs=3)
        print(f"{name:28s} {ours * 1000:8.1f} ms   ratio {ours / base:6.1f}x")


if __name__ == "__main__":
    main()
