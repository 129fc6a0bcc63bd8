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
