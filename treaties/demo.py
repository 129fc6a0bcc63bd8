"""Demo ISU budgets: the CCM ISU's 2016 budget of CHF 455,000 (report ¶3) and later years."""

from decimal import Decimal

from accounts.services import system_actor

from .models import ISU
from .services import isu_budget_set

BUDGETS = {
    "CCM": {2016: "455000.00", 2017: "455000.00", 2024: "520000.00", 2025: "530000.00",
            2026: "540000.00"},
    "APMBC": {2016: "1050000.00", 2017: "1010000.00", 2024: "1100000.00", 2025: "1120000.00",
              2026: "1150000.00"},
    "CCW": {2024: "350000.00", 2025: "360000.00", 2026: "370000.00"},
}


def load(*, log):
    system = system_actor()
    for isu in ISU.objects.select_related("convention"):
        for year, amount in BUDGETS.get(isu.convention.code, {}).items():
            if not isu.budgets.filter(year=year, amount=Decimal(amount)).exists():
                isu_budget_set(actor=system, isu=isu, year=year, amount=Decimal(amount))
    log("ISU budgets loaded.")
