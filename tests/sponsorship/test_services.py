"""The workflow, eligibility, shares and budget through the services."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditEntry, GeneratedFile
from sponsorship import services
from sponsorship.enums import ApplicationStatus as S
from sponsorship.enums import SplitRule
from sponsorship.models import Application, ApplicationEvent, CostShare, Trip
from sponsorship.selectors import position_of
from tests.factories.sponsorship import (
    FUTURE_YEAR,
    ContributionFactory,
    DSARateFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db
JUN = lambda day: datetime.date(FUTURE_YEAR, 6, day)  # noqa: E731


def apply(focal, state, meetings, nominees=1):
    return services.application_create(
        actor=focal, state=state, meetings=meetings,
        nominees=[{"full_name": f"Delegate {i}"} for i in range(nominees)], language="fr")


def plan(actor, application, nominee=None, **kw):
    kw = {"city": "Geneva", "arrival": JUN(21), "departure": JUN(27),
          "airfare": Decimal("1200.00"), "terminal_expenses": Decimal("80.00"), **kw}
    return services.trip_plan(actor=actor, application=application,
                              nominee=nominee or application.nominees.first(), **kw)


@pytest.fixture
def joint(focal_a, eligible_a, funded, june, geneva_rates, host_staff):
    """A back-to-back CCM/APMBC application under review with its trip costed."""
    application = apply(focal_a, eligible_a, [june["CCM"], june["APMBC"]])
    services.application_submit(actor=focal_a, application=application)
    services.application_start_review(actor=host_staff, application=application)
    plan(host_staff, application)
    return application


def test_full_workflow_keeps_history(joint, host_staff, ccm_staff, apmbc_staff, focal_a):
    trip = joint.trips.get()
    ccm, apmbc = trip.shares.order_by("programme__convention__code").reverse()
    assert (ccm.programme.code, apmbc.programme.code) == ("CCM", "APMBC")
    assert trip.total == Decimal("1280.00") + 6 * Decimal("400.00")
    assert ccm.amount + apmbc.amount == trip.total
    assert ccm.nights == 3 and apmbc.nights == 3
    assert trip.separate_total - trip.total == Decimal("1280.00")  # one journey saved

    services.cost_share_approve(actor=ccm_staff, share=ccm)
    services.cost_share_approve(actor=apmbc_staff, share=apmbc)
    services.application_approve(actor=host_staff, application=joint, comment="Welcome")
    joint.refresh_from_db()
    assert joint.status == S.APPROVED
    assert joint.award_letter.kind == "sponsorship.award_letter"
    assert joint.award_letter.language == "fr"
    position = position_of(ccm.programme)
    assert position.committed == ccm.amount
    assert position.available == Decimal("10000.00") - ccm.amount

    for step in (services.application_book_travel, services.application_mark_attended,
                 services.application_settle):
        step(actor=host_staff, application=joint)
    position = position_of(ccm.programme)
    assert (position.committed, position.spent) == (Decimal("0.00"), ccm.amount)
    history = list(joint.events.values_list("from_status", "to_status"))
    assert history == [("", S.DRAFT), (S.DRAFT, S.SUBMITTED), (S.SUBMITTED, S.UNDER_REVIEW),
                       (S.UNDER_REVIEW, S.APPROVED), (S.APPROVED, S.TRAVEL_BOOKED),
                       (S.TRAVEL_BOOKED, S.ATTENDED), (S.ATTENDED, S.SETTLED)]
    assert joint.events.get(to_status=S.APPROVED).comment == "Welcome"
    assert AuditEntry.objects.filter(action="sponsorship.application.settled").count() == 1


def test_steps_out_of_order_are_refused(joint, host_staff):
    with pytest.raises(ValidationError) as error:
        services.application_settle(actor=host_staff, application=joint)
    assert "status" in error.value.message_dict
    joint.refresh_from_db()
    assert joint.status == S.UNDER_REVIEW


def test_focal_point_cannot_decide_and_staff_cannot_submit(joint, focal_a, host_staff,
                                                           eligible_a, june):
    with pytest.raises(PermissionDenied):
        services.application_reject(actor=focal_a, application=joint, comment="no")
    draft = apply(focal_a, eligible_a, [june["CCM"]])
    with pytest.raises(PermissionDenied):
        services.application_submit(actor=host_staff, application=draft)
    assert Application.objects.get(pk=draft.pk).status == S.DRAFT


def test_reject_needs_a_reason(joint, host_staff):
    with pytest.raises(ValidationError):
        services.application_reject(actor=host_staff, application=joint, comment=" ")
    services.application_reject(actor=host_staff, application=joint, comment="Budget used")
    assert Application.objects.get(pk=joint.pk).status == S.REJECTED


def test_approval_needs_each_programmes_share_approved(joint, host_staff, ccm_staff):
    services.cost_share_approve(actor=ccm_staff,
                                share=CostShare.objects.get(programme__convention__code="CCM"))
    with pytest.raises(ValidationError) as error:
        services.application_approve(actor=host_staff, application=joint)
    assert "shares" in error.value.message_dict
    assert Application.objects.get(pk=joint.pk).status == S.UNDER_REVIEW
    assert not GeneratedFile.objects.exists()


def test_one_programmes_staff_cannot_touch_anothers_share(joint, ccm_staff):
    apmbc_share = CostShare.objects.get(programme__convention__code="APMBC")
    with pytest.raises(PermissionDenied):
        services.cost_share_approve(actor=ccm_staff, share=apmbc_share)
    apmbc_share.refresh_from_db()
    assert apmbc_share.approved_at is None
    trip = joint.trips.get()
    with pytest.raises(PermissionDenied):
        services.trip_set_rule(actor=ccm_staff, trip=trip, rule=SplitRule.PRO_RATA_DAYS)
    with pytest.raises(PermissionDenied):
        plan(ccm_staff, joint, airfare=Decimal("1.00"))
    trip.refresh_from_db()
    assert (trip.rule, trip.airfare) == (SplitRule.FIRST_MEETING_PAYS_JOURNEY,
                                         Decimal("1200.00"))
    assert sorted(trip.shares.values_list("amount", flat=True)) == [Decimal("1200.00"),
                                                                    Decimal("2480.00")]


def test_changing_the_rule_recosts_and_withdraws_approvals(joint, host_staff):
    share = CostShare.objects.get(programme__convention__code="CCM")
    services.cost_share_approve(actor=host_staff, share=share)
    trip = services.trip_set_rule(actor=host_staff, trip=joint.trips.get(),
                                  rule=SplitRule.PRO_RATA_DAYS)
    shares = list(trip.shares.all())
    assert sum(s.amount for s in shares) == trip.total
    assert all(s.approved_at is None for s in shares)
    assert {s.amount for s in shares} == {trip.total / 2}  # two days each


def test_programme_cannot_commit_beyond_what_it_has(joint, host_staff, funded):
    trip = joint.trips.get()
    ccm_share = trip.shares.get(programme__convention__code="CCM")
    # another approved application already holds most of the CCM money
    funded["CCM"].contributions.update(amount=ccm_share.amount - Decimal("0.01"))
    for share in trip.shares.all():
        services.cost_share_approve(actor=host_staff, share=share)
    with pytest.raises(ValidationError) as error:
        services.application_approve(actor=host_staff, application=joint)
    assert "budget" in error.value.message_dict
    assert "CCM Sponsorship Programme cannot commit CHF 2480.00" in str(error.value)
    joint.refresh_from_db()
    assert joint.status == S.UNDER_REVIEW and joint.award_letter is None
    assert position_of(funded["CCM"]).committed == 0
    ContributionFactory(programme=funded["CCM"], amount=Decimal("0.01"))
    services.application_approve(actor=host_staff, application=joint)
    assert position_of(funded["CCM"]).available == 0


def test_ineligible_state_gets_clear_reasons(focal_b, state_b, programmes, june):
    application = apply(focal_b, state_b, [june["CCM"]])
    programmes["CCM"].sponsors_observers = False
    programmes["CCM"].save()
    with pytest.raises(ValidationError) as error:
        services.application_submit(actor=focal_b, application=application)
    reasons = error.value.message_dict["eligibility"]
    assert any("not on the list of States eligible" in r for r in reasons)
    assert any("States Parties only" in r for r in reasons)
    assert Application.objects.get(pk=application.pk).status == S.DRAFT


def test_one_delegate_per_state_per_meeting_unless_allowed(focal_a, eligible_a, programmes,
                                                           june):
    first = apply(focal_a, eligible_a, [june["CCM"]])
    services.application_submit(actor=focal_a, application=first)
    second = apply(focal_a, eligible_a, [june["CCM"]])
    with pytest.raises(ValidationError, match="at most 1 delegate"):
        services.application_submit(actor=focal_a, application=second)
    programmes["CCM"].max_delegates_per_state_per_meeting = 2
    programmes["CCM"].save()
    services.application_submit(actor=focal_a, application=second)
    assert Application.objects.get(pk=second.pk).status == S.SUBMITTED


def test_programme_must_sponsor_the_meeting(focal_a, eligible_a, programmes, june):
    with pytest.raises(ValidationError, match="does not sponsor"):
        apply(focal_a, eligible_a, [(june["CCM"], programmes["APMBC"])])
    assert not Application.objects.exists()


def test_cancelled_meeting_in_a_cluster(joint, host_staff, june):
    june["CCM"].status = "cancelled"
    june["CCM"].save()
    trip = plan(host_staff, joint)
    [share] = trip.shares.all()
    assert share.programme.code == "APMBC" and share.amount == trip.total
    assert share.airfare == Decimal("1200.00")


def test_rates_change_mid_stay(joint, host_staff):
    DSARateFactory(city="Geneva", valid_from=JUN(24), amount=Decimal("450.00"))
    trip = plan(host_staff, joint)
    assert trip.dsa_total == 3 * Decimal("400.00") + 3 * Decimal("450.00")
    apmbc = trip.shares.get(programme__convention__code="APMBC")
    assert apmbc.dsa == Decimal("1350.00")


def test_missing_rate_is_a_field_error_and_nothing_is_saved(joint, host_staff):
    Trip.objects.all().delete()
    with pytest.raises(ValidationError) as error:
        plan(host_staff, joint, city="Santiago")
    assert "city" in error.value.message_dict
    assert not Trip.objects.exists() and not CostShare.objects.exists()


def test_comment_is_kept(joint, focal_a, focal_b):
    services.application_comment(actor=focal_a, application=joint, comment="Visa in progress")
    assert joint.events.last().comment == "Visa in progress"
    with pytest.raises(PermissionDenied):
        services.application_comment(actor=focal_b, application=joint, comment="hi")
    assert ApplicationEvent.objects.filter(comment="hi").count() == 0


def test_single_meeting_application(focal_a, eligible_a, funded, geneva_rates, host_staff,
                                    conventions):
    meeting = MeetingFactory(conventions=[conventions["CCM"]], start_date=JUN(22),
                             end_date=JUN(23))
    application = apply(focal_a, eligible_a, [meeting])
    services.application_submit(actor=focal_a, application=application)
    trip = plan(host_staff, application, arrival=JUN(21), departure=JUN(24))
    [share] = trip.shares.all()
    assert share.amount == trip.total == Decimal("2480.00") and trip.saving == 0
