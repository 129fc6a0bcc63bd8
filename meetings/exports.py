"""Participant lists for the secretariat: CSV and Excel (openpyxl), same columns."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter


def participant_columns():
    return [
        (_("Name"), lambda r: r.full_name),
        (_("Email"), lambda r: r.email),
        (_("Job title"), lambda r: r.job_title),
        (_("Role"), lambda r: str(r.get_role_display())),
        (_("State"), lambda r: r.state.name if r.state else ""),
        (_("ISO code"), lambda r: r.state.iso3 if r.state else ""),
        (_("As observer"), lambda r: _("yes") if r.as_observer else ""),
        (_("Organisation"), lambda r: r.organisation),
        (_("Status"), lambda r: str(r.get_status_display())),
        (_("Registered at"), lambda r: r.created_at.strftime("%Y-%m-%d %H:%M")),
    ]


def _safe_cell(value: str) -> str:
    """Neutralise spreadsheet formulas in user-typed text (CSV/formula injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def participants_csv(registrations) -> bytes:
    columns = participant_columns()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([title for title, _getter in columns])
    for registration in registrations:
        writer.writerow([_safe_cell(getter(registration)) for _title, getter in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 correctly


def participants_xlsx(registrations, *, title: str) -> bytes:
    columns = participant_columns()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Participants")[:31]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([column_title for column_title, _getter in columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    widths = [len(t) for t, _g in columns]
    for registration in registrations:
        row = [_safe_cell(getter(registration)) for _t, getter in columns]
        sheet.append(row)
        widths = [max(w, len(str(v))) for w, v in zip(widths, row, strict=True)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)
    sheet.freeze_panes = "A3"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
