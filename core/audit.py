"""The audit trail: every service that changes reports, money, staffing or membership calls
record() inside its own transaction, so the change and its audit row commit together."""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from .models import AuditEntry

JSON_NATIVE = (str, int, float, bool, type(None), datetime.date, datetime.datetime, list, dict)


def _plain(value):
    """A JSON-friendly form of a field value: a related object's key, a Decimal's digits, and the
    text of anything else that JSON cannot hold (a django-countries Country, say)."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Decimal):
        return str(value)
    if not isinstance(value, JSON_NATIVE):
        return str(value)
    return value


def diff(instance, before: dict, fields) -> dict:
    """The fields whose value changed since `before` (a snapshot taken with snapshot())."""
    changes = {}
    for name in fields:
        old, new = before.get(name), _plain(getattr(instance, name))
        if old != new:
            changes[name] = [old, new]
    return changes


def snapshot(instance, fields) -> dict:
    return {name: _plain(getattr(instance, name)) for name in fields}


def record(*, actor, action: str, target, changes: dict | None = None) -> AuditEntry:
    """One audit row. Every change has an actor: a signed-in user, or for tasks, imports and
    the demo accounts.services.system_actor(); None is refused, so no path writes unaudited
    by accident. An anonymous visitor (a public form) is recorded without a user."""
    if actor is None:
        raise TypeError(f"audit.record({action!r}) needs an actor; system callers pass "
                        "accounts.services.system_actor()")
    if not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        content_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        object_id=str(target.pk),
        object_repr=str(target)[:300],
        changes={k: [_plain(v) for v in pair] if isinstance(pair, list | tuple) else _plain(pair)
                 for k, pair in (changes or {}).items()},
    )


def save_fields(*, actor, model, instance, fields: dict, editable, action: str):
    """Create a `model` row (instance None) or change `instance` under a row lock: set only
    the given fields (any outside `editable` is a field error), validate, save, and record
    `<action>.created` / `<action>.changed` with the fields that moved. Run it inside the
    caller's transaction, after the caller's permission check."""
    unknown = set(fields) - set(editable)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    created = instance is None
    instance = model() if created else model.objects.select_for_update().get(pk=instance.pk)
    before = {} if created else snapshot(instance, editable)
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    changes = diff(instance, before, editable)
    if changes:
        record(actor=actor, action=f"{action}.created" if created else f"{action}.changed",
               target=instance, changes=changes)
    return instance


def history_for(target):
    """Audit entries of one record, newest first, with their actors."""
    return (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
            object_id=str(target.pk),
        )
        .select_related("actor")
    )
