"""The audit trail: every service that changes reports, money, staffing or membership calls
record() inside its own transaction, so the change and its audit row commit together."""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models

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


def history_for(target):
    """Audit entries of one record, newest first, with their actors."""
    return (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
            object_id=str(target.pk),
        )
        .select_related("actor")
    )
