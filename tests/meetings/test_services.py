import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from core.models import AuditEntry
from meetings import selectors, services
from meetings.enums import MeetingStatus, ParticipantRole, RegistrationStatus
from meetings.models import (
    Meeting,
    MeetingDateChange,
    ParticipantNotice,
    Registration,
    Reminder,
    Session,
)
from tests.factories.meetings import MeetingFactory, RegistrationFactory, meeting_kind

D = datetime.date
pytestmark = pytest.mark.django_db


def meeting_fields(**overrides):
    return {"kind": "intersessional", "title": "CCM Intersessional", "city": "Geneva",
            "country": "CH", "start_date": D(2031, 5, 12), "end_date": D(2031, 5, 13),
            **overrides}


def test_create_a_joint_meeting_with_its_audit_row(ccm_staff, ccm, apmbc):
    meeting = services.meeting_create(actor=ccm_staff, conventions=[ccm, apmbc],
                                      **meeting_fields(kind="workshop"))
    assert sorted(meeting.convention_codes) == ["APMBC", "CCM"]
    entry = AuditEntry.objects.get(action="meeting.created", object_id=str(meeting.pk))
    assert entry.actor == ccm_staff
    assert entry.changes["conventions"] == [None, ["APMBC", "CCM"]]


def test_staff_cannot_create_a_meeting_of_another_convention(ccm_staff, apmbc):
    with pytest.raises(PermissionDenied):
        services.meeting_create(actor=ccm_staff, conventions=[apmbc], **meeting_fields())
    assert not Meeting.objects.exists()


def test_a_meeting_needs_a_convention(admin_user):
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(actor=admin_user, conventions=[], **meeting_fields())
    assert "conventions" in exc.value.message_dict


def test_end_before_start_is_refused_by_service_and_database(admin_user, ccm):
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(actor=admin_user, conventions=[ccm],
                                **meeting_fields(end_date=D(2031, 5, 11)))
    assert "end_date" in exc.value.message_dict
    assert not Meeting.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(**meeting_fields(kind=meeting_kind("intersessional"),
                                                end_date=D(2031, 5, 11)))


def test_deadline_after_the_end_is_refused_by_the_database(ccm):
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(**meeting_fields(kind=meeting_kind("intersessional"),
                                                registration_deadline=D(2031, 5, 14)))


def test_update_keeps_a_history_of_dates_and_tells_participants(ccm_staff, ccm, parties,
                                                                django_capture_on_commit_callbacks):
    meeting = MeetingFactory(conventions=[ccm], start_date=D(2031, 9, 1))
    RegistrationFactory(meeting=meeting, state=parties["BIH"], email="a@example.org")
    RegistrationFactory(meeting=meeting, state=parties["BIH"], email="b@example.org",
                        status=RegistrationStatus.WITHDRAWN)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(actor=ccm_staff, meeting=meeting, start_date=D(2031, 9, 8),
                                end_date=D(2031, 9, 10), reason="Room booked")
    change = MeetingDateChange.objects.get(meeting=meeting)
    assert (change.previous_start, change.new_start) == (D(2031, 9, 1), D(2031, 9, 8))
    assert change.changed_by == ccm_staff and change.reason == "Room booked"
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert "1 September 2031" in mail.outbox[0].body and "Room booked" in mail.outbox[0].body


def test_each_participant_hears_of_each_event_once(ccm_staff, ccm, parties):
    meeting = MeetingFactory(conventions=[ccm], start_date=D(2031, 9, 1))
    RegistrationFactory(meeting=meeting, state=parties["BIH"], email="a@example.org")
    RegistrationFactory(meeting=meeting, state=parties["BIH"], email="b@example.org")
    services.meeting_reschedule(actor=ccm_staff, meeting=meeting, start_date=D(2031, 9, 8),
                                end_date=D(2031, 9, 10))  # not in on-commit capture: no mail
    change = MeetingDateChange.objects.get()
    event = f"dates:{change.pk}"
    assert services.participants_notify(meeting_id=meeting.pk, event=event) == (2, 0)
    assert services.participants_notify(meeting_id=meeting.pk, event=event) == (0, 0)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    # A cancellation that was undone is not announced.
    assert services.participants_notify(meeting_id=meeting.pk, event="cancelled") == (0, 0)
    assert ParticipantNotice.objects.count() == 2


def test_update_without_date_change_records_no_date_history(ccm_staff, ccm):
    meeting = MeetingFactory(conventions=[ccm])
    services.meeting_update(actor=ccm_staff, meeting=meeting, title="Renamed")
    assert not MeetingDateChange.objects.exists()
    assert AuditEntry.objects.get(action="meeting.changed").changes == {
        "title": [meeting.title, "Renamed"]}


def test_staff_cannot_hand_their_meeting_to_another_convention_only(ccm_staff, ccm, apmbc):
    meeting = MeetingFactory(conventions=[ccm])
    with pytest.raises(PermissionDenied):
        services.meeting_update(actor=ccm_staff, meeting=meeting, conventions=[apmbc])
    assert Meeting.objects.get(pk=meeting.pk).convention_codes == ["CCM"]


def test_cancel_notifies_and_a_held_meeting_cannot_be_cancelled(
        ccm_staff, ccm, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(conventions=[ccm])
    RegistrationFactory(meeting=meeting, role=ParticipantRole.ISU_STAFF, email="x@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=ccm_staff, meeting=meeting, reason="No quorum")
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.CANCELLED
    assert len(mail.outbox) == 1 and "No quorum" in mail.outbox[0].body
    held = MeetingFactory(conventions=[ccm], status=MeetingStatus.HELD)
    with pytest.raises(ValidationError):
        services.meeting_cancel(actor=ccm_staff, meeting=held)
    assert Meeting.objects.get(pk=held.pk).status == MeetingStatus.HELD


def test_reschedule_moves_the_deadline_with_the_meeting(ccm_staff, ccm):
    meeting = MeetingFactory(conventions=[ccm], start_date=D(2031, 9, 1),
                             registration_deadline=D(2031, 8, 1))
    services.meeting_reschedule(actor=ccm_staff, meeting=meeting, start_date=D(2031, 9, 15),
                                end_date=D(2031, 9, 17))
    meeting.refresh_from_db()
    assert meeting.registration_deadline == D(2031, 8, 15)
    held = MeetingFactory(conventions=[ccm], status=MeetingStatus.HELD)
    with pytest.raises(ValidationError):
        services.meeting_reschedule(actor=ccm_staff, meeting=held, start_date=D(2031, 1, 1),
                                    end_date=D(2031, 1, 2))


def test_session_must_fall_within_the_meeting(ccm_staff, ccm):
    meeting = MeetingFactory(conventions=[ccm], start_date=D(2031, 9, 1))
    services.session_add(actor=ccm_staff, meeting=meeting, date=D(2031, 9, 2),
                         start_time=datetime.time(10), end_time=datetime.time(13),
                         title="General exchange of views", room="XVIII")
    with pytest.raises(ValidationError) as exc:
        services.session_add(actor=ccm_staff, meeting=meeting, date=D(2031, 9, 9),
                             start_time=datetime.time(10), end_time=datetime.time(13),
                             title="Too late")
    assert "date" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.session_add(actor=ccm_staff, meeting=meeting, date=D(2031, 9, 2),
                             start_time=datetime.time(13), end_time=datetime.time(10),
                             title="Backwards")
    assert Session.objects.count() == 1


# --- Registrations ----------------------------------------------------------------------------

def test_a_delegate_of_a_party_registers(delegate_a, ccm_meeting, parties):
    registration = services.registration_create(
        actor=delegate_a, meeting=ccm_meeting, role=ParticipantRole.DELEGATE,
        full_name="Emir Kovač", email="Emir@Example.org", state=parties["BIH"], user=delegate_a)
    assert registration.status == RegistrationStatus.PENDING
    assert registration.as_observer is False
    assert registration.email == "emir@example.org"


def test_a_delegate_of_a_non_party_gets_a_clear_refusal(ccm_meeting, parties, admin_user):
    with pytest.raises(ValidationError) as exc:
        services.registration_create(
            actor=admin_user, meeting=ccm_meeting, role=ParticipantRole.DELEGATE,
            full_name="Jo Doe", email="jo@example.org", state=parties["USA"])
    message = exc.value.message_dict["state"][0]
    assert "United States" in message and "not a party to CCM" in message
    assert "does not admit observers" in message
    assert not Registration.objects.exists()


def test_party_status_is_read_on_the_meeting_date(ccm, admin_user, conventions):
    from tests.factories import MembershipFactory, StateFactory

    late = StateFactory(iso3="NAM")
    MembershipFactory(state=late, convention=ccm, deposited_on=D(2032, 6, 10))  # in force 1 Dec
    before = MeetingFactory(conventions=[ccm], start_date=D(2032, 9, 6), admits_observers=False)
    after = MeetingFactory(conventions=[ccm], start_date=D(2032, 12, 6), admits_observers=False)
    assert not selectors.attendance_of(late, before).allowed
    assert selectors.attendance_of(late, after).allowed


def test_a_non_party_attends_as_observer_where_observers_are_admitted(ccm, parties, admin_user):
    meeting = MeetingFactory(conventions=[ccm], admits_observers=True)
    registration = services.registration_create(
        actor=admin_user, meeting=meeting, role=ParticipantRole.DELEGATE, full_name="Jo Doe",
        email="jo@example.org", state=parties["USA"])
    assert registration.as_observer is True


def test_a_joint_meeting_admits_parties_of_either_convention(ccm, apmbc, parties, admin_user):
    meeting = MeetingFactory(conventions=[apmbc, ccm], admits_observers=False)
    registration = services.registration_create(
        actor=admin_user, meeting=meeting, role=ParticipantRole.DELEGATE, full_name="R H",
        email="r@example.org", state=parties["LBN"])  # party to CCM only
    assert registration.as_observer is False
    apmbc_only = MeetingFactory(conventions=[apmbc], admits_observers=False)
    with pytest.raises(ValidationError):
        services.registration_create(
            actor=admin_user, meeting=apmbc_only, role=ParticipantRole.DELEGATE, full_name="R H",
            email="r@example.org", state=parties["LBN"])


def test_no_registration_for_a_cancelled_meeting_or_after_the_deadline(ccm, parties, admin_user):
    cancelled = MeetingFactory(conventions=[ccm], status=MeetingStatus.CANCELLED)
    closed = MeetingFactory(conventions=[ccm], start_date=D(2020, 1, 6),
                            registration_deadline=D(2020, 1, 1), status=MeetingStatus.PLANNED)
    for meeting in (cancelled, closed):
        with pytest.raises(ValidationError):
            services.registration_create(
                actor=admin_user, meeting=meeting, role=ParticipantRole.DELEGATE,
                full_name="A", email="a@example.org", state=parties["BIH"])
    assert not Registration.objects.exists()


def test_the_same_person_registers_once(ccm_meeting, parties, admin_user):
    args = {"actor": admin_user, "meeting": ccm_meeting, "role": ParticipantRole.DELEGATE,
            "full_name": "A", "state": parties["BIH"]}
    services.registration_create(email="a@example.org", **args)
    with pytest.raises(ValidationError) as exc:
        services.registration_create(email="A@EXAMPLE.ORG", **args)
    assert "email" in exc.value.message_dict
    assert Registration.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(meeting=ccm_meeting, role=ParticipantRole.DELEGATE,
                                    full_name="B", email="A@example.ORG", state=parties["BIH"])


def test_observer_organisation_needs_a_name(ccm_meeting, ccm_staff):
    with pytest.raises(ValidationError) as exc:
        services.registration_create(actor=ccm_staff, meeting=ccm_meeting,
                                     role=ParticipantRole.OBSERVER_ORGANISATION,
                                     full_name="X", email="x@icbl.org")
    assert "organisation" in exc.value.message_dict
    registration = services.registration_create(
        actor=ccm_staff, meeting=ccm_meeting, role=ParticipantRole.OBSERVER_ORGANISATION,
        full_name="X", email="x@icbl.org", organisation="ICBL-CMC")
    assert registration.state is None


def test_focal_point_approves_own_state_only(ccm_meeting, parties, focal_a, focal_b, admin_user):
    registration = services.registration_create(
        actor=admin_user, meeting=ccm_meeting, role=ParticipantRole.DELEGATE, full_name="A",
        email="a@example.org", state=parties["BIH"])
    with pytest.raises(PermissionDenied):
        services.registration_approve(actor=focal_b, registration=registration)
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.PENDING
    services.registration_approve(actor=focal_a, registration=registration)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert registration.decided_by == focal_a
    with pytest.raises(ValidationError):
        services.registration_reject(actor=focal_a, registration=registration)
    services.registration_withdraw(actor=focal_a, registration=registration)
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.WITHDRAWN


# --- Proposals --------------------------------------------------------------------------------

def test_accepting_a_proposal_moves_the_meeting(ccm, apmbc, apmbc_staff, ccm_staff,
                                                django_capture_on_commit_callbacks):
    today = D(2031, 1, 1)
    first = MeetingFactory(conventions=[ccm], start_date=D(2031, 9, 1), end_date=D(2031, 9, 2))
    second = MeetingFactory(conventions=[apmbc], start_date=D(2031, 9, 25),
                            end_date=D(2031, 9, 26))
    RegistrationFactory(meeting=second, role=ParticipantRole.ISU_STAFF, email="p@example.org")
    proposals = {p.moved.pk: p for p in selectors.proposals_from(today)}
    key = proposals[second.pk].key
    with pytest.raises(PermissionDenied):
        services.proposal_accept(actor=ccm_staff, key=key, today=today)
    assert Meeting.objects.get(pk=second.pk).start_date == D(2031, 9, 25)
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_accept(actor=apmbc_staff, key=key, today=today)
    second.refresh_from_db()
    assert (second.start_date, second.end_date) == (D(2031, 9, 4), D(2031, 9, 5))
    assert MeetingDateChange.objects.get(meeting=second).reason.startswith("Moved next to")
    assert len(mail.outbox) == 1
    [cluster] = selectors.clusters_between(D(2031, 9, 1), D(2031, 9, 30))
    assert set(cluster.meeting_ids) == {first.pk, second.pk}
    with pytest.raises(ValidationError):  # the proposal is gone now
        services.proposal_accept(actor=apmbc_staff, key=key, today=today)


# --- Reminders --------------------------------------------------------------------------------

def test_reminders_are_sent_once_and_again_only_for_new_dates(ccm, parties, ccm_staff):
    meeting = MeetingFactory(conventions=[ccm], start_date=D(2031, 9, 8),
                             registration_deadline=D(2031, 9, 1))
    pending = RegistrationFactory(meeting=meeting, state=parties["BIH"], email="p@example.org")
    approved = RegistrationFactory(meeting=meeting, state=parties["BIH"], email="a@example.org",
                                   status=RegistrationStatus.APPROVED)
    RegistrationFactory(meeting=meeting, state=parties["BIH"], email="w@example.org",
                        status=RegistrationStatus.WITHDRAWN)
    assert services.reminders_send_due(today=D(2031, 8, 20)) == 0  # too early for both
    assert services.reminders_send_due(today=D(2031, 8, 30)) == 1  # deadline, pending only
    assert mail.outbox[-1].to == ["p@example.org"]
    assert services.reminders_send_due(today=D(2031, 8, 31)) == 0
    assert services.reminders_send_due(today=D(2031, 9, 2)) == 2  # the week before
    assert {tuple(m.to) for m in mail.outbox[1:]} == {("p@example.org",), ("a@example.org",)}
    assert services.reminders_send_due(today=D(2031, 9, 3)) == 0
    assert Reminder.objects.filter(registration=approved).count() == 1
    services.meeting_reschedule(actor=ccm_staff, meeting=meeting, start_date=D(2031, 9, 10),
                                end_date=D(2031, 9, 12))
    assert services.reminders_send_due(today=D(2031, 9, 4)) == 2  # new dates, new reminder
    assert len(mail.outbox) == 5
    assert pending.reminders.count() == 3


def test_a_failed_email_leaves_no_reminder_row_so_the_next_scan_retries(ccm, settings):
    meeting = MeetingFactory(conventions=[ccm], start_date=D(2031, 9, 8))
    registration = RegistrationFactory(meeting=meeting, role=ParticipantRole.ISU_STAFF,
                                       email="p@example.org")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    assert services.reminders_send_due(today=D(2031, 9, 5)) == 0
    assert not Reminder.objects.filter(registration=registration).exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.reminders_send_due(today=D(2031, 9, 5)) == 1


def test_a_state_joining_mid_meeting_is_refused_with_the_date_it_becomes_a_party(
        ccm, admin_user, conventions):
    from tests.factories import MembershipFactory, StateFactory

    joining = StateFactory(iso3="NAM")
    MembershipFactory(state=joining, convention=ccm, deposited_on=D(2032, 3, 1),
                      effective_on=D(2032, 9, 7))  # the meeting's second day
    meeting = MeetingFactory(conventions=[ccm], start_date=D(2032, 9, 6),
                             end_date=D(2032, 9, 8), admits_observers=False)
    with pytest.raises(ValidationError) as exc:
        services.registration_create(
            actor=admin_user, meeting=meeting, role=ParticipantRole.DELEGATE,
            full_name="Jo Doe", email="jo@example.org", state=joining)
    message = exc.value.message_dict["state"][0]
    assert "not a party to CCM on 2032-09-06" in message
    assert message.endswith("It is a party to CCM from 2032-09-07.")
    assert not Registration.objects.exists()
    # a State that never joins gets no such sentence
    never = StateFactory(iso3="USA")
    with pytest.raises(ValidationError) as exc:
        services.registration_create(
            actor=admin_user, meeting=meeting, role=ParticipantRole.DELEGATE,
            full_name="Jo Doe", email="jo@example.org", state=never)
    assert "It is a party" not in exc.value.message_dict["state"][0]


def test_joining_date_is_shown_through_the_api(api_as, ccm, admin_user, conventions):
    from tests.factories import MembershipFactory, StateFactory

    joining = StateFactory(iso3="NAM")
    MembershipFactory(state=joining, convention=ccm, deposited_on=D(2032, 3, 1),
                      effective_on=D(2032, 9, 7))
    meeting = MeetingFactory(conventions=[ccm], start_date=D(2032, 9, 6),
                             end_date=D(2032, 9, 8), admits_observers=False)
    response = api_as(admin_user).post(
        f"/api/v1/meetings/{meeting.pk}/registrations/",
        {"role": "delegate", "full_name": "Jo Doe", "email": "jo@example.org", "state": "NAM"},
        format="json")
    assert response.status_code == 400
    assert "It is a party to CCM from 2032-09-07." in str(response.json())
    assert not Registration.objects.exists()
