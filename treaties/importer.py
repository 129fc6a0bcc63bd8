"""Import memberships from CSV, all or nothing.

Two forms are read, told apart by their header:
- the simple form: state_iso3,convention,deposited,withdrawn (dates as YYYY-MM-DD);
- the UN Treaty Collection extract (treaty,untc_mtdsg,participant_untc,iso3,signature_date,
  consent_date,consent_type,withdrawal_effective), whose depositary name becomes the State's
  official UN name.

Every row is checked first; any bad row (unknown State or convention, bad date, withdrawal before
deposit, the same State and convention twice) is reported with its line number and nothing is
imported. Re-importing the same file changes nothing.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core import audit

from . import rules
from .enums import InstrumentType
from .models import Convention, Membership, State
from .services import MEMBERSHIP_FIELDS, membership_record

SIMPLE_COLUMNS = {"state_iso3", "convention", "deposited"}
UNTC_COLUMNS = {"treaty", "iso3", "consent_date", "consent_type"}


@dataclass
class ParsedRow:
    line: int
    state: State
    convention: Convention
    instrument_type: str
    deposited_on: datetime.date
    signed_on: datetime.date | None = None
    withdrawal_effective_on: datetime.date | None = None
    official_un_name: str = ""


@dataclass
class ImportResult:
    errors: list[str] = field(default_factory=list)
    rows: list[ParsedRow] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


class MembershipImportError(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def _date(value: str, column: str, line: int, errors: list[str], *, required: bool):
    value = (value or "").strip()
    if not value:
        if required:
            errors.append(f"line {line}: {column} is empty")
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        errors.append(f"line {line}: {column} {value!r} is not a date (YYYY-MM-DD)")
        return None


def parse(text: str) -> ImportResult:
    """Check every row; the result carries the rows to import or every error found."""
    result = ImportResult()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = {(name or "").strip() for name in reader.fieldnames or []}
    if header >= SIMPLE_COLUMNS:
        untc = False
    elif header >= UNTC_COLUMNS:
        untc = True
    else:
        result.errors.append(
            "line 1: unknown header; expected state_iso3,convention,deposited,withdrawn "
            "or the UN Treaty Collection extract's columns"
        )
        return result

    states = {s.iso3: s for s in State.objects.all()}
    conventions = {}
    for convention in Convention.objects.all():
        conventions[convention.code.upper()] = convention
        if convention.untc_code:
            conventions[convention.untc_code.upper()] = convention
    instrument_types = set(InstrumentType.values)
    seen: dict[tuple[int, int], int] = {}

    for line, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        errors: list[str] = []
        iso3 = (row.get("iso3") if untc else row.get("state_iso3", "")).upper()
        code = (row.get("treaty") if untc else row.get("convention", "")).upper()
        state = states.get(iso3)
        if state is None:
            errors.append(f"line {line}: unknown State {iso3 or '(empty)'!r}")
        convention = conventions.get(code)
        if convention is None:
            errors.append(f"line {line}: unknown convention {code or '(empty)'!r}")
        if untc:
            deposited = _date(row.get("consent_date"), "consent_date", line, errors, required=True)
            signed = _date(row.get("signature_date"), "signature_date", line, errors,
                           required=False)
            withdrawn = _date(row.get("withdrawal_effective"), "withdrawal_effective", line,
                              errors, required=False)
            instrument_type = row.get("consent_type", "").lower()
            if instrument_type not in instrument_types:
                errors.append(f"line {line}: unknown consent_type {instrument_type!r}")
        else:
            deposited = _date(row.get("deposited"), "deposited", line, errors, required=True)
            withdrawn = _date(row.get("withdrawn"), "withdrawn", line, errors, required=False)
            signed = None
            instrument_type = (row.get("instrument") or InstrumentType.RATIFICATION).lower()
            if instrument_type not in instrument_types:
                errors.append(f"line {line}: unknown instrument {instrument_type!r}")
        if deposited and withdrawn and withdrawn <= deposited:
            errors.append(f"line {line}: withdrawal {withdrawn} is not after deposit {deposited}")
        if deposited and signed and signed > deposited:
            errors.append(f"line {line}: signature {signed} is after deposit {deposited}")
        if state and convention:
            key = (state.pk, convention.pk)
            if key in seen:
                errors.append(
                    f"line {line}: duplicate of line {seen[key]} ({iso3}, {convention.code})"
                )
            else:
                seen[key] = line
        if errors:
            result.errors.extend(errors)
            continue
        result.rows.append(ParsedRow(
            line=line, state=state, convention=convention, instrument_type=instrument_type,
            deposited_on=deposited, signed_on=signed, withdrawal_effective_on=withdrawn,
            official_un_name=row.get("participant_untc", "") if untc else "",
        ))
    if not result.errors and not result.rows:
        result.errors.append("the file has no rows")
    return result


def import_memberships(*, actor, text: str) -> ImportResult:
    """Parse and, only if every row is good, write every row in one transaction."""
    if not rules.can_record_memberships(actor):
        raise PermissionDenied(_("Only administrators record memberships."))
    result = parse(text)
    if not result.ok:
        raise MembershipImportError(result.errors)
    with transaction.atomic():
        existing = {
            (m.state_id, m.convention_id): audit.snapshot(m, MEMBERSHIP_FIELDS)
            for m in Membership.objects.all()
        }
        for row in result.rows:
            before = existing.get((row.state.pk, row.convention.pk))
            membership = membership_record(
                actor=actor, state=row.state, convention=row.convention,
                instrument_type=row.instrument_type, deposited_on=row.deposited_on,
                signed_on=row.signed_on, withdrawal_effective_on=row.withdrawal_effective_on,
            )
            if before is None:
                result.created += 1
            elif before != audit.snapshot(membership, MEMBERSHIP_FIELDS):
                result.updated += 1
            else:
                result.unchanged += 1
            if row.official_un_name and row.state.official_un_name != row.official_un_name:
                row.state.official_un_name = row.official_un_name
                row.state.save(update_fields=["official_un_name"])
    return result
