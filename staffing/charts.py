"""Geometry of the server-rendered SVG charts (no JavaScript, no inline style: the templates
draw <rect> elements with these positions as attributes)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from .enums import SpendingCategory

CHART_WIDTH = 480
ROW = 26

COLOURS = {
    "budget": "#9aa5b1", "spent": "#3e6a8a", "staff": "#c0622f", "travel": "#5b8c5a",
    "meetings": "#8a6bbf", "other": "#b3a14a",
}


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    width: float
    y: int
    colour: str
    note: str = ""


def _bars(rows, *, width=CHART_WIDTH) -> dict:
    top = max((value for _label, value, _colour, _note in rows if value is not None),
              default=Decimal(0))
    bars = []
    for i, (label, value, colour, note) in enumerate(rows):
        value = value or Decimal(0)
        w = float(value / top * width) if top else 0.0
        bars.append(Bar(label=label, value=value, width=round(w, 1), y=i * ROW, colour=colour,
                        note=note))
    return {"bars": bars, "width": width, "height": max(len(bars), 1) * ROW, "row": ROW,
            "label_width": 150}


def cost_bars(summary) -> dict:
    """Budget, spending and staff cost of a year, then spending by category."""
    ratios = summary.ratios
    overview = _bars([
        (_("Budget"), summary.budget, COLOURS["budget"], ""),
        (_("Spent"), summary.spent, COLOURS["spent"],
         f"{ratios.spent_of_budget} %" if ratios.spent_of_budget is not None else ""),
        (_("Staff cost"), summary.staff_cost, COLOURS["staff"],
         f"{ratios.of_spending} % / {ratios.of_budget} %" if ratios.of_spending is not None
         and ratios.of_budget is not None else ""),
    ])
    categories = _bars([(str(label), summary.spending.get(value), COLOURS[value], "")
                        for value, label in SpendingCategory.choices])
    return {"overview": overview, "categories": categories}


def options_bars(options, units) -> dict:
    """Each option's cost per unit, stacked side by side as one bar per option and unit."""
    palette = ["#3e6a8a", "#c0622f", "#5b8c5a", "#8a6bbf"]
    rows = []
    for option in options:
        for i, unit in enumerate(units):
            rows.append((f"{unit} · {option.label}", option.shares[unit],
                         palette[i % len(palette)], ""))
    return _bars(rows, width=360) | {"label_width": 330}
