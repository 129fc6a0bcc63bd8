"""Benchmark: the trips API (shares and savings) and the split rule, against bare baselines
measured in the same run.

    DJANGO_SETTINGS_MODULE=isu_portal.settings python bench/sponsorship_trips.py

Uses a throwaway SQLite database unless BENCH_USE_CONFIGURED_DB=1. Prints ratios:
- API: GET /api/v1/sponsorship/trips/?page_size=100 as host staff, against a bare query of the
  same rows and their shares serialised with json.dumps;
- split: split_trip() on a back-to-back trip, against summing the same nights' rates by hand.
"""

import datetime
import json
import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
if os.environ.get("BENCH_USE_CONFIGURED_DB") != "1":
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isu_portal.settings")
os.environ.setdefault("DJANGO_DEBUG", "true")  # a development command, as dev.py
os.environ.setdefault("CELERY_BROKER_URL", "")

import django
from harness import best_of

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

TRIPS = 200
ROUNDS = 15


def main():
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from rest_framework.test import APIClient

    from accounts.enums import Role
    from meetings.kinds import ensure_standard_kinds
    from meetings.models import Meeting
    from sponsorship import split
    from sponsorship.models import (
        Application,
        ApplicationMeeting,
        CostShare,
        DSARate,
        Nominee,
        Programme,
        Trip,
    )
    from tests.factories import StateFactory, conventions_from_reference, make_user

    conventions = conventions_from_reference()
    host = make_user(Role.HOST_STAFF, username="bench-host")
    programmes = {code: Programme.objects.create(convention=conventions[code],
                                                 name=f"{code} programme")
                  for code in ("CCM", "APMBC")}
    DSARate.objects.create(city="Geneva", valid_from=datetime.date(2015, 1, 1),
                           amount=Decimal("400.00"))
    ensure_standard_kinds()
    ccm = Meeting.objects.create(title="CCM", kind_id="intersessional",
                                 start_date=datetime.date(2015, 6, 22),
                                 end_date=datetime.date(2015, 6, 23), city="Geneva")
    apmbc = Meeting.objects.create(title="APMBC", kind_id="intersessional",
                                   start_date=datetime.date(2015, 6, 25),
                                   end_date=datetime.date(2015, 6, 26), city="Geneva")
    ccm.conventions.add(conventions["CCM"])
    apmbc.conventions.add(conventions["APMBC"])
    state = StateFactory()
    for i in range(TRIPS):
        application = Application.objects.create(state=state, status="approved")
        ApplicationMeeting.objects.create(application=application, meeting=ccm,
                                          programme=programmes["CCM"])
        ApplicationMeeting.objects.create(application=application, meeting=apmbc,
                                          programme=programmes["APMBC"])
        nominee = Nominee.objects.create(application=application, full_name=f"Delegate {i}")
        trip = Trip.objects.create(application=application, nominee=nominee, city="Geneva",
                                   arrival=datetime.date(2015, 6, 21),
                                   departure=datetime.date(2015, 6, 27),
                                   airfare=Decimal("1200.00"), dsa_total=Decimal("2400.00"),
                                   total=Decimal("3600.00"), separate_total=Decimal("4800.00"))
        CostShare.objects.create(trip=trip, programme=programmes["CCM"], airfare=Decimal("1200"),
                                 terminal_expenses=0, dsa=Decimal("1200"), nights=3,
                                 amount=Decimal("2400"), separate_cost=Decimal("2400"))
        CostShare.objects.create(trip=trip, programme=programmes["APMBC"], airfare=0,
                                 terminal_expenses=0, dsa=Decimal("1200"), nights=3,
                                 amount=Decimal("1200"), separate_cost=Decimal("2400"))

    client = APIClient()
    client.force_authenticate(host)
    url = "/api/v1/sponsorship/trips/?page_size=100"
    assert client.get(url).status_code == 200

    def api():
        response = client.get(url)
        assert response.status_code == 200

    def bare():
        rows = list(Trip.objects.order_by("pk").values()[:100])
        ids = [row["id"] for row in rows]
        shares = list(CostShare.objects.filter(trip_id__in=ids).values())
        json.dumps({"results": rows, "shares": shares}, default=str)

    trip = split.TripCosting(
        arrival=datetime.date(2015, 6, 21), departure=datetime.date(2015, 6, 27),
        airfare=Decimal("1200.00"), terminal=Decimal("80.00"),
        meetings=(split.MeetingStay("ccm", "CCM", datetime.date(2015, 6, 22),
                                    datetime.date(2015, 6, 23)),
                  split.MeetingStay("apmbc", "APMBC", datetime.date(2015, 6, 25),
                                    datetime.date(2015, 6, 26))),
        rate_on=lambda day: Decimal("400.00"))

    def split_many():
        for _ in range(1000):
            split.savings(trip, split.split_trip(trip))

    def sum_many():
        nights = split.nights_between(trip.arrival, trip.departure)
        for _ in range(1000):
            sum((trip.rate_on(n) for n in nights), trip.airfare + trip.terminal)

    api_time, bare_time = best_of(api, ROUNDS), best_of(bare, ROUNDS)
    split_time, sum_time = best_of(split_many, 5), best_of(sum_many, 5)
    print(f"trips API, 100 of {TRIPS} trips with shares: {api_time * 1000:.1f} ms; bare query "
          f"+ json {bare_time * 1000:.1f} ms; ratio {api_time / bare_time:.1f}x")
    print(f"split + savings x1000: {split_time * 1000:.1f} ms; bare rate sum x1000 "
          f"{sum_time * 1000:.1f} ms; ratio {split_time / sum_time:.1f}x")


if __name__ == "__main__":
    main()
