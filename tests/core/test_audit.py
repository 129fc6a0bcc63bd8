import datetime

from django.template import Context, Template

from tests.factories import StateFactory
from treaties.services import membership_record, membership_withdraw


def test_membership_history_is_kept_and_shown(conventions, admin_user):
    state = StateFactory(iso3="NOR")
    membership = membership_record(actor=admin_user, state=state, convention=conventions["APMBC"],
                                   instrument_type="ratification",
                                   deposited_on=datetime.date(1998, 7, 9))
    membership_withdraw(actor=None, membership=membership,
                        effective_on=datetime.date(2030, 1, 1))
    html = Template("{% load audit %}{% audit_history m %}").render(Context({"m": membership}))
    assert "membership.withdrawn" in html
    assert "membership.created" in html
    assert "withdrawal_effective_on" in html and "2030-01-01" in html
    assert html.index("membership.withdrawn") < html.index("membership.created")


def test_core_audit_is_the_only_audit_writer():
    """No module but core/audit.py writes AuditEntry rows (creates, bulk creates or updates)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    writes = re.compile(r"AuditEntry(\.objects\.(create|bulk_create|get_or_create|update_or_create)"
                        r"|\(\s*\w+\s*=)")
    found = []
    for path in root.glob("*/**/*.py"):
        relative = path.relative_to(root)
        if relative.parts[0] in {".venv", "tests", "bench"} or "migrations" in relative.parts:
            continue
        if writes.search(path.read_text(encoding="utf-8")):
            found.append(str(relative))
    assert found == ["core/audit.py"]
