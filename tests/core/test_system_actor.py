"""No path skips the rules: services and the audit trail refuse actor=None; system callers (tasks,
imports, the demo) pass accounts.services.system_actor(), which the rules know and the audit
trail names."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from accounts import access
from accounts.services import system_actor
from core import audit
from core.models import AuditEntry
from meetings import services as meeting_services
from meetings.models import Meeting
from reporting.instruments import instruments_import, shipped_definition_text, shipped_definitions
from tests.factories import StateFactory
from tests.factories.meetings import MeetingFactory
from treaties.importer import import_memberships
from treaties.models import ISUBudget, Membership
from treaties.services import (
    isu_budget_create,
    isu_budget_set,
    membership_record,
    membership_withdraw,
)

pytestmark = pytest.mark.django_db


def test_the_system_actor_is_an_administrator_that_cannot_sign_in():
    system = system_actor()
    assert system.username == "system"
    assert (system.is_active, system.is_staff, system.has_usable_password()) == (
        False, False, False)
    assert access.is_administrator(system)
    assert system_actor().pk == system.pk


def test_audit_record_refuses_a_missing_actor(conventions):
    with pytest.raises(TypeError, match="needs an actor"):
        audit.record(actor=None, action="convention.changed", target=conventions["CCM"])
    assert not AuditEntry.objects.exists()


def test_membership_writes_ask_the_treaties_rules(conventions, delegate_a, ccm_staff):
    state = StateFactory(iso3="NOR")
    for actor in (None, delegate_a, ccm_staff):
        with pytest.raises(PermissionDenied):
            membership_record(actor=actor, state=state, convention=conventions["CCM"],
                              instrument_type="ratification",
                              deposited_on=datetime.date(2010, 1, 1))
    assert not Membership.objects.exists()
    membership = membership_record(actor=system_actor(), state=state,
                                   convention=conventions["CCM"],
                                   instrument_type="ratification",
                                   deposited_on=datetime.date(2010, 1, 1))
    with pytest.raises(PermissionDenied):
        membership_withdraw(actor=None, membership=membership,
                            effective_on=datetime.date(2030, 1, 1))
    membership.refresh_from_db()
    assert membership.withdrawal_effective_on is None
    entry = AuditEntry.objects.get(action="membership.created")
    assert entry.actor.username == "system"


def test_the_membership_import_refuses_a_missing_or_unprivileged_actor(conventions, focal_a):
    StateFactory(iso3="AUT")
    StateFactory(iso3="NOR")
    text = "state_iso3,convention,deposited,withdrawn\nAUT,CCM,2009-04-02,\nNOR,CCM,2008-12-03,\n"
    for actor in (None, focal_a):
        with pytest.raises(PermissionDenied):
            import_memberships(actor=actor, text=text)
    assert not Membership.objects.exists()
    result = import_memberships(actor=system_actor(), text=text)
    assert result.created == Membership.objects.count() == 2
    assert set(AuditEntry.objects.values_list("actor__username", flat=True)) == {"system"}


def test_budget_writes_ask_the_treaties_rules(isus, ccm_staff, apmbc_staff):
    ccm = isus["CCM"]
    for actor in (None, ccm_staff, apmbc_staff):
        with pytest.raises(PermissionDenied):
            isu_budget_set(actor=actor, isu=ccm, year=2030, amount=Decimal("1.00"))
    with pytest.raises(PermissionDenied):
        isu_budget_create(actor=None, isu=ccm, year=2030, amount=Decimal("1.00"))
    with pytest.raises(PermissionDenied):
        isu_budget_create(actor=apmbc_staff, isu=ccm, year=2030, amount=Decimal("1.00"))
    assert not ISUBudget.objects.filter(year=2030).exists()
    isu_budget_create(actor=ccm_staff, isu=ccm, year=2030, amount=Decimal("1.00"))
    isu_budget_set(actor=system_actor(), isu=ccm, year=2030, amount=Decimal("2.00"))
    assert ISUBudget.objects.get(isu=ccm, year=2030).amount == Decimal("2.00")


def test_the_instrument_import_refuses_a_missing_actor(conventions):
    name = shipped_definitions()[0]
    with pytest.raises(PermissionDenied):
        instruments_import(actor=None, text=shipped_definition_text(name))
    assert not AuditEntry.objects.exists()


def test_meeting_services_refuse_a_missing_actor(conventions):
    meeting = MeetingFactory()
    with pytest.raises(PermissionDenied):
        meeting_services.meeting_cancel(actor=None, meeting=meeting, reason="No venue")
    meeting.refresh_from_db()
    assert meeting.status != "cancelled"
    assert Meeting.objects.count() == 1


def test_a_profile_is_changed_by_its_user_or_an_administrator(focal_a, focal_b):
    from accounts.services import profile_update

    for actor in (None, focal_b):
        with pytest.raises(PermissionDenied):
            profile_update(actor=actor, user=focal_a, full_name="Someone else")
    focal_a.refresh_from_db()
    assert focal_a.full_name != "Someone else"
    profile_update(actor=focal_a, user=focal_a, full_name="Amra H.")
    focal_a.refresh_from_db()
    assert focal_a.full_name == "Amra H."
    assert AuditEntry.objects.get(action="user.profile_changed").actor == focal_a
