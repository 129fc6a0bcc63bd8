"""Benchmark: the compliance dashboard (page and selector) for 200 States x 4 obligations x 10
years, against a bare baseline measured in the same run: fetching the same memberships and
received reports with plain value queries and nothing else.

    DJANGO_SETTINGS_MODULE=isu_portal.settings python bench/reporting_compliance.py

Runs on a throwaway SQLite database (its own rows), whatever DATABASE_URL says.
"""

import datetime
import os
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
_tmp = tempfile.mkdtemp(prefix="bench-reporting-")
os.environ["DATABASE_URL"] = f"sqlite:///{_tmp}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isu_portal.settings")
os.environ.setdefault("DJANGO_DEBUG", "true")  # a development command, as dev.py
os.environ.pop("CELERY_BROKER_URL", None)

import django  # noqa: E402
from harness import best_of  # noqa: E402 - the shared timing helper

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

D = datetime.date
STATES, YEARS = 200, range(2015, 2025)
CODES = {"ccm-art7-annual": "CCM", "apmbc-art7-annual": "APMBC", "ccw-apii-art13": "CCW-APII",
         "ccw-p5-art10": "CCW-P5"}


def populate():
    from django_countries import countries

    from accounts.enums import Role
    from accounts.models import RoleAssignment, User
    from reporting.enums import ReportStatus
    from reporting.forms_data import load_obligations
    from reporting.models import Report
    from tests.factories.treaties import conventions_from_reference
    from treaties.models import Membership, State

    conventions = conventions_from_reference()
    obligations = load_obligations(log=lambda *a: None)
    codes = sorted(c for c in (countries.alpha3(x) for x, _ in countries) if c)[:STATES]
    states = State.objects.bulk_create([
        State(iso3=iso3, country=countries.alpha2(iso3), un_status="member",
              region=["Africa", "Americas", "Asia-Pacific", "Europe"][i % 4])
        for i, iso3 in enumerate(codes)])
    Membership.objects.bulk_create([
        Membership(state=s, convention=conventions[conv], instrument_type="ratification",
                   deposited_on=D(2009, 1, 1), effective_on=D(2010, 8, 1))
        for s in states for conv in CODES.values()])
    rng = random.Random(1)
    reports = []
    for s in states:
        for code in CODES:
            o = obligations[code]
            for year in YEARS:
                if rng.random() < 0.15:
                    continue
                due = D(year, o.due_month, o.due_day)
                day = due + datetime.timedelta(days=rng.choice([-5, -1, 0, 3, 30]))
                reports.append(Report(
                    state=s, obligation=o, cycle_year=year, due_on=due,
                    period_start=D(year - 1, 1, 1), period_end=D(year - 1, 12, 31),
                    status=ReportStatus.PUBLISHED,
                    submitted_at=timezone.make_aware(datetime.datetime.combine(
                        day, datetime.time(10)))))
    Report.objects.bulk_create(reports, batch_size=2000)
    user = User.objects.create_user("bench", "bench@example.org", "x")
    RoleAssignment.objects.create(user=user, role=Role.ISU_STAFF, convention=conventions["CCM"])
    return user, len(reports)


def main():
    call_command("migrate", verbosity=0)
    user, received = populate()
    from reporting import selectors
    from reporting.models import Report
    from treaties.models import Membership

    def baseline():
        list(Membership.objects.values_list("state_id", "convention_id", "effective_on",
                                            "withdrawal_effective_on", "state__iso3",
                                            "state__region"))
        list(Report.objects.values_list("state_id", "obligation_id", "cycle_year",
                                        "submitted_at"))

    def selector():
        selectors.compliance(years=YEARS)

    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(user)
    url = "/reporting/compliance/?from_year=2015&to_year=2024"

    def page():
        assert client.get(url).status_code == 200

    page()  # warm up (query counts are asserted in tests/reporting/test_compliance_scale.py)
    base, sel, view = best_of(baseline), best_of(selector), best_of(page)
    print(f"compliance for {STATES} States x {len(CODES)} obligations x {len(YEARS)} years "
          f"({received} reports received)")
    print(f"  baseline (bare value queries): {base * 1000:8.1f} ms")
    print(f"  selector (rules + statuses):   {sel * 1000:8.1f} ms  ratio {sel / base:5.1f}x")
    print(f"  dashboard page (HTML + chart): {view * 1000:8.1f} ms  ratio {view / base:5.1f}x")


if __name__ == "__main__":
    main()
