"""Benchmark: the ISU cost summary (API and page) against a bare baseline in the same run.

    python bench/staffing_costs.py

Creates its own rows in a throwaway SQLite database (unless BENCH_USE_CONFIGURED_DB=1), with
3 ISUs, 90 people and 180 assignments over two years, then times:
- baseline: fetching the same assignments and costs with .values() and summing them in Python;
- selector: staffing.selectors.isu_cost_summary (splits, exact allocation, ratios);
- API: GET /api/v1/staffing/isus/CCM/costs/?year=2016;
- page: GET /staffing/isus/CCM/costs/?year=2016 (with its SVG charts).
"""

import datetime
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isu_portal.settings")
os.environ.setdefault("DJANGO_DEBUG", "true")  # a development command, as dev.py
if os.environ.get("BENCH_USE_CONFIGURED_DB") != "1":
    _tmp = tempfile.mkdtemp(prefix="bench-staffing-")
    os.environ["DATABASE_URL"] = f"sqlite:///{_tmp}/bench.sqlite3"
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

D = Decimal
REPEAT = 20


def build():
    from accounts.enums import Role
    from accounts.models import RoleAssignment, User
    from staffing.enums import AssignmentStatus
    from staffing.models import Assignment, Post, Spending, StaffCost, StaffMember
    from treaties.models import ISU, Convention
    from treaties.services import isu_budget_set

    call_command("migrate", verbosity=0)
    isus = []
    for code in ("CCM", "APMBC", "CCW"):
        convention, _ = Convention.objects.get_or_create(
            code=code, defaults={"short_name": code, "name": code,
                                 "entry_into_force": datetime.date(2000, 1, 1),
                                 "entry_into_force_rule": "first_day_of_sixth_month"})
        isu, _ = ISU.objects.get_or_create(convention=convention,
                                           defaults={"name": f"{code} ISU"})
        isus.append(isu)
        isu_budget_set(actor=None, isu=isu, year=2016, amount=D("455000"))
        for category, amount in (("staff", "291719"), ("travel", "38250")):
            Spending.objects.get_or_create(isu=isu, year=2016, category=category,
                                           defaults={"amount": D(amount)})
    people = StaffMember.objects.bulk_create(
        [StaffMember(full_name=f"Person {i:03}", home_isu=isus[i % 3]) for i in range(90)])
    posts = Post.objects.bulk_create(
        [Post(isu=isus[i % 3], title=f"Post {i}", grade="P-3", fte=D("1"),
              approved_from=datetime.date(2015, 1, 1)) for i in range(180)])
    assignments = []
    for i, person in enumerate(people):
        # each person shared: 0.5 in their home unit, 0.5 in the next, changing mid-2016
        assignments.append(Assignment(staff_member=person, post=posts[2 * i], fte=D("0.5"),
                                      starts_on=datetime.date(2015, 1, 1),
                                      status=AssignmentStatus.CONSENTED))
        assignments.append(Assignment(staff_member=person, post=posts[2 * i + 1],
                                      fte=D("0.5"), starts_on=datetime.date(2016, 7, 1),
                                      status=AssignmentStatus.CONSENTED))
    Assignment.objects.bulk_create(assignments)
    StaffCost.objects.bulk_create([StaffCost(staff_member=p, year=2016, salary=D("100000.01"),
                                             social_charges=D("20000")) for p in people])
    user = User.objects.create_user("bench", "bench@example.org", "bench-password-1")
    RoleAssignment.objects.create(user=user, role=Role.ISU_STAFF,
                                  convention=isus[0].convention)
    return isus[0], user


def timed(fn) -> float:
    fn()  # warm up
    start = time.perf_counter()
    for _ in range(REPEAT):
        fn()
    return (time.perf_counter() - start) / REPEAT * 1000


def main():
    setup_test_environment()
    isu, user = build()
    from staffing import selectors
    from staffing.models import Assignment, StaffCost

    def baseline():
        rows = list(Assignment.objects.filter(post__isu=isu).values(
            "staff_member_id", "fte", "starts_on", "ends_on"))
        costs = {c["staff_member_id"]: c["salary"] + c["social_charges"] for c in
                 StaffCost.objects.filter(year=2016).values("staff_member_id", "salary",
                                                            "social_charges")}
        return sum(costs.get(r["staff_member_id"], 0) * r["fte"] for r in rows)

    client = Client()
    client.force_login(user)

    def api():
        response = client.get(f"/api/v1/staffing/isus/{isu.convention.code}/costs/?year=2016")
        assert response.status_code == 200, response.content[:300]

    def page():
        response = client.get(f"/staffing/isus/{isu.convention.code}/costs/?year=2016")
        assert response.status_code == 200

    base = timed(baseline)
    results = {"selector": timed(lambda: selectors.isu_cost_summary(isu, 2016)),
               "API": timed(api), "page": timed(page)}
    print(f"baseline (values() + Python sum): {base:7.2f} ms")
    for name, ms in results.items():
        print(f"{name:<32} {ms:7.2f} ms   ratio {ms / base:5.1f}x")


if __name__ == "__main__":
    main()
