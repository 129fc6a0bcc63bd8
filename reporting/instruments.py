"""Writes of obligations, and the import of an instrument definition: a convention with its
entry-into-force rule, its names in the portal's languages, its ISU and its reporting
obligations, all as data (the format is described in treaties/data/INSTRUMENTS.md).

The import is the path an administrator uses for a new convention (`manage.py
import_instruments FILE`, the upload form in the admin): every part is checked first, any error is
reported with where it is, and nothing is written unless all of it is good. Importing the same
file again changes nothing.
"""

import datetime
import json
from dataclasses import dataclass, field
from importlib import resources

import yaml
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import access
from core import audit
from treaties.enums import EntryIntoForceRule
from treaties.models import ISU, Convention, HostOrganisation, ThematicArea
from treaties.services import convention_save, translated_name_fields

from .enums import DueRule, FieldType, ObligationKind, PeriodCovered
from .models import FormField, Obligation, ReportForm

OBLIGATION_FIELDS = ("code", "convention", "kind", "article", "due_rule", "due_days", "due_month",
                     "due_day", "period_covered", "initial_report", "initial_stands_in",
                     "reminder_days_before", "reminder_days_after", "position", "is_active")


def _require_administrator(actor) -> None:
    # system callers (the import command, the demo) pass accounts.services.system_actor()
    if not access.is_administrator(actor):
        raise PermissionDenied(_("Only administrators change obligations."))


@transaction.atomic
def obligation_save(*, actor, obligation: Obligation | None = None, **fields) -> Obligation:
    """Create an obligation, or change the given one, with every rule of its due dates: the
    due-date rule and its numbers, the period covered (by default the one its rule computes
    with), its initial report and whether that one stands in for the annual report."""
    _require_administrator(actor)
    if obligation is None and "period_covered" not in fields:
        rule = fields.get("due_rule")
        if rule in PeriodCovered.FOR_RULE:
            fields["period_covered"] = next(iter(PeriodCovered.FOR_RULE[rule]))
    return audit.save_fields(actor=actor, model=Obligation, instance=obligation, fields=fields,
                             editable=[*OBLIGATION_FIELDS, *translated_name_fields()],
                             action="obligation")


class InstrumentImportError(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    conventions: list[str] = field(default_factory=list)
    obligations: list[str] = field(default_factory=list)


def _languages() -> list[str]:
    return [code for code, _label in settings.LANGUAGES]


def _names(spec, where: str, errors: list[str]) -> dict:
    """`names: {en: ..., fr: ...}` as the model's name columns; English is required, every key
    must be a language of the portal (settings.LANGUAGES)."""
    names = spec.get("names")
    if not isinstance(names, dict) or not str(names.get(_languages()[0]) or "").strip():
        errors.append(f"{where}: names needs at least {_languages()[0]!r}")
        return {}
    columns = dict(zip(_languages(), translated_name_fields(), strict=True))
    unknown = sorted(set(names) - set(columns))
    if unknown:
        errors.append(f"{where}: names in languages the portal does not have: "
                      f"{', '.join(map(str, unknown))} (settings.LANGUAGES: "
                      f"{', '.join(columns)})")
    return {columns[code]: str(value or "").strip() for code, value in names.items()
            if code in columns}


def _date(value, where: str, errors: list[str], *, required: bool = False):
    if value in (None, ""):
        if required:
            errors.append(f"{where} is missing")
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        errors.append(f"{where}: {value!r} is not a date (YYYY-MM-DD)")
        return None


def _choice(value, choices, where: str, errors: list[str]):
    if value not in choices.values:
        errors.append(f"{where}: unknown value {value!r}; known: {', '.join(choices.values)}")
        return None
    return value


def _int(value, where: str, errors: list[str]):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        errors.append(f"{where}: {value!r} is not a whole number")
        return None
    return value


def _field_errors(exc: ValidationError, where: str) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{where}: {name}: {' '.join(str(m) for m in messages)}"
                for name, messages in exc.message_dict.items()]
    return [f"{where}: {' '.join(exc.messages)}"]


def parse_definition(text: str) -> list[dict]:
    """The instruments of a definition file (YAML or JSON): one mapping, or a list of them
    under `instruments:`."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        try:
            data = json.loads(text)
        except ValueError:
            raise InstrumentImportError([f"not YAML or JSON: {exc}"]) from None
    if isinstance(data, dict) and "instruments" in data:
        data = data["instruments"]
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not data or not all(isinstance(i, dict) for i in data):
        raise InstrumentImportError(["expected an instrument (a mapping with `convention:`) or "
                                     "a list of them under `instruments:`"])
    return data


def _convention_fields(spec: dict, where: str, errors: list[str]) -> dict:
    if not isinstance(spec, dict):
        errors.append(f"{where} is missing")
        return {}
    code = str(spec.get("code") or "").strip()
    if not code:
        errors.append(f"{where}.code is missing")
    rule = spec.get("entry_into_force_rule")
    if not isinstance(rule, dict):
        errors.append(f"{where}.entry_into_force_rule needs kind (and months or days)")
        rule = {}
    kind = _choice(rule.get("kind"), EntryIntoForceRule, f"{where}.entry_into_force_rule.kind",
                   errors)
    fields = {
        "code": code, "short_name": str(spec.get("short_name") or code),
        **_names(spec, where, errors),
        "untc_code": str(spec.get("untc_code") or ""),
        "untc_reference": str(spec.get("untc_reference") or ""),
        "adopted_on": _date(spec.get("adopted_on"), f"{where}.adopted_on", errors),
        "entry_into_force": _date(spec.get("entry_into_force"), f"{where}.entry_into_force",
                                  errors, required=True),
        "entry_into_force_rule": kind,
        "entry_into_force_months": _int(rule.get("months"),
                                        f"{where}.entry_into_force_rule.months", errors),
        "entry_into_force_days": _int(rule.get("days"), f"{where}.entry_into_force_rule.days",
                                      errors),
        "website": str(spec.get("website") or ""),
    }
    if spec.get("ordering_key") is not None:
        fields["ordering_key"] = _int(spec.get("ordering_key"), f"{where}.ordering_key", errors)
    parent = spec.get("parent")
    if parent:
        fields["parent"] = Convention.objects.filter(code=parent).first()
        if fields["parent"] is None:
            errors.append(f"{where}.parent: unknown convention {parent!r}")
    return fields


def _obligation_fields(spec: dict, where: str, errors: list[str]) -> dict:
    due = spec.get("due") if isinstance(spec.get("due"), dict) else {}
    rule = _choice(due.get("rule"), DueRule, f"{where}.due.rule", errors)
    fields = {
        "code": str(spec.get("code") or "").strip(),
        "kind": _choice(spec.get("kind"), ObligationKind, f"{where}.kind", errors),
        **_names(spec, where, errors),
        "article": str(spec.get("article") or ""),
        "due_rule": rule,
        "due_days": _int(due.get("days"), f"{where}.due.days", errors),
        "due_month": _int(due.get("month"), f"{where}.due.month", errors),
        "due_day": _int(due.get("day"), f"{where}.due.day", errors),
        "initial_stands_in": bool(spec.get("initial_stands_in", False)),
    }
    if not fields["code"]:
        errors.append(f"{where}.code is missing")
    if spec.get("period_covered") is not None:
        fields["period_covered"] = _choice(spec["period_covered"], PeriodCovered,
                                           f"{where}.period_covered", errors)
    elif rule in PeriodCovered.FOR_RULE:
        fields["period_covered"] = next(iter(PeriodCovered.FOR_RULE[rule]))
    for name in ("reminder_days_before", "reminder_days_after"):
        if spec.get(name) is not None:
            fields[name] = _int(spec[name], f"{where}.{name}", errors)
    return fields


def _check_forms(forms, where: str, errors: list[str]) -> list[dict]:
    if forms is None:
        return []
    if not isinstance(forms, list):
        errors.append(f"{where}.forms must be a list")
        return []
    checked = []
    for n, form in enumerate(forms, start=1):
        here = f"{where}.forms[{n}]"
        if not isinstance(form, dict) or not form.get("code"):
            errors.append(f"{here}.code is missing")
            continue
        names = _names(form, here, errors)
        fields = []
        for m, spec in enumerate(form.get("fields") or [], start=1):
            there = f"{here}.fields[{m}]"
            if not isinstance(spec, dict) or not spec.get("key"):
                errors.append(f"{there}.key is missing")
                continue
            field_type = _choice(spec.get("type"), FieldType, f"{there}.type", errors)
            choices = spec.get("choices") or []
            if field_type == FieldType.CHOICE and not choices:
                errors.append(f"{there}: a choice field needs its choices")
            theme = spec.get("theme")
            if theme and not ThematicArea.objects.filter(code=theme).exists():
                errors.append(f"{there}.theme: unknown theme {theme!r}")
            fields.append({"key": str(spec["key"]), **_names(spec, there, errors),
                           "field_type": field_type, "required": bool(spec.get("required")),
                           "choices": [str(c) for c in choices], "theme": theme})
        checked.append({"code": str(form["code"]), **names,
                        "reference": str(form.get("reference") or ""),
                        "voluntary": bool(form.get("voluntary")), "fields": fields})
    return checked


def _write_forms(obligation: Obligation, forms: list[dict]) -> None:
    for position, spec in enumerate(forms):
        spec = dict(spec)
        fields = spec.pop("fields")
        form, _created = ReportForm.objects.update_or_create(
            obligation=obligation, code=spec.pop("code"), defaults={**spec, "position": position})
        for field_position, field_spec in enumerate(fields):
            field_spec = dict(field_spec)
            theme = field_spec.pop("theme")
            FormField.objects.update_or_create(
                form=form, key=field_spec.pop("key"),
                defaults={**field_spec, "position": field_position,
                          "theme": ThematicArea.objects.filter(code=theme).first()
                          if theme else None})


def _save_isu(spec, convention: Convention, where: str, errors: list[str]) -> None:
    if not spec:
        return
    if not isinstance(spec, dict) or not spec.get("name"):
        errors.append(f"{where}.name is missing")
        return
    host = None
    if spec.get("host"):
        host = HostOrganisation.objects.filter(short_name=spec["host"]).first()
        if host is None:
            errors.append(f"{where}.host: unknown host organisation {spec['host']!r}")
            return
    ISU.objects.update_or_create(convention=convention, defaults={
        "name": str(spec["name"]), "host": host, "email": str(spec.get("email") or "")})


def instruments_import(*, actor, text: str) -> ImportResult:
    """Create or update every instrument of the definition, all or nothing."""
    _require_administrator(actor)
    instruments = parse_definition(text)
    errors: list[str] = []
    result = ImportResult()
    with transaction.atomic():
        for n, spec in enumerate(instruments, start=1):
            where = f"instrument {n}"
            fields = _convention_fields(spec.get("convention"), f"{where}.convention",
                                        errors)
            obligations = spec.get("obligations") or []
            if not isinstance(obligations, list):
                errors.append(f"{where}.obligations must be a list")
                obligations = []
            if errors:
                continue
            existing = Convention.objects.filter(code=fields["code"]).first()
            try:
                convention = convention_save(actor=actor, convention=existing, **fields)
            except ValidationError as exc:
                errors.extend(_field_errors(exc, f"{where}.convention"))
                continue
            result.conventions.append(convention.code)
            _save_isu(spec.get("isu"), convention, f"{where}.isu", errors)
            made: dict[str, Obligation] = {}
            for m, ob_spec in enumerate(obligations, start=1):
                here = f"{where}.obligations[{m}]"
                if not isinstance(ob_spec, dict):
                    errors.append(f"{here} must be a mapping")
                    continue
                ob_fields = _obligation_fields(ob_spec, here, errors)
                forms = _check_forms(ob_spec.get("forms"), here, errors)
                initial = ob_spec.get("initial_report")
                ob_fields["initial_report"] = None
                if initial:
                    ob_fields["initial_report"] = made.get(initial) or Obligation.objects.filter(
                        code=initial, convention=convention).first()
                    if ob_fields["initial_report"] is None:
                        errors.append(f"{here}.initial_report: no obligation {initial!r} "
                                      "of this convention (list it before)")
                if errors:
                    continue
                current = Obligation.objects.filter(code=ob_fields["code"]).first()
                if current is not None and current.convention_id != convention.pk:
                    errors.append(f"{here}.code: {ob_fields['code']!r} is an obligation of "
                                  f"{current.convention}")
                    continue
                try:
                    obligation = obligation_save(actor=actor, obligation=current,
                                                 convention=convention, position=m,
                                                 **ob_fields)
                except ValidationError as exc:
                    errors.extend(_field_errors(exc, here))
                    continue
                _write_forms(obligation, forms)
                made[obligation.code] = obligation
                result.obligations.append(obligation.code)
        if errors:
            raise InstrumentImportError(errors)  # rolls back whatever was written
    return result


def shipped_definitions() -> list[str]:
    """The instrument definitions shipped with the portal (treaties/data/instruments/)."""
    folder = resources.files("treaties").joinpath("data/instruments")
    return sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".yaml"))


def shipped_definition_text(name: str) -> str:
    return resources.files("treaties").joinpath(f"data/instruments/{name}").read_text(
        encoding="utf-8")
