"""Accepting a date-shift proposal: a preview of the calendar before and after, a refusal when
the move creates a conflict unless confirmed, and a joint meeting that moves only once every
owning ISU accepted. Hand-made calendars in Geneva, September 2031."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import selectors, services
from meetings.enums import ParticipantRole
from meetings.models import Meeting, MeetingDateChange, ProposalAcceptance
from tests.factories import MembershipFactory
from tests.factories.meetings import MeetingFactory, RegistrationFactory

D = datetime.date
pytestmark = pytest.mark.django_db
API = "/api/v1/meetings/"
TODAY = D(2031, 1, 1)


@pytest.fixture
def calendar(ccm, apmbc, ccw, parties):
    """CCW Mon-Tue 1-2 Sep; APMBC Thu 4 Sep (same city); CCM Wed-Thu 24-25 Sep. Moving the CCM
    meeting next to the CCW one (Wed-Thu 3-4 Sep) lands it on the APMBC day: BIH is party to
    both."""
    MembershipFactory(state=parties["BIH"], convention=ccw, deposited_on=D(2005, 1, 1))
    return {
        "ccw": MeetingFactory(conventions=[ccw], title="CCW meeting", start_date=D(2031, 9, 1),
                              end_date=D(2031, 9, 2)),
        "apmbc": MeetingFactory(conventions=[apmbc], title="APMBC committee",
                                start_date=D(2031, 9, 4), end_date=D(2031, 9, 4)),
        "ccm": MeetingFactory(conventions=[ccm], title="CCM intersessional",
                              start_date=D(2031, 9, 24), end_date=D(2031, 9, 25)),
    }


def _proposal(moved, anchor, today=TODAY):
    [proposal] = [p for p in selectors.proposals_from(today)
                  if p.moved.pk == moved.pk and p.anchor.pk == anchor.pk]
    return proposal


def test_the_preview_shows_the_calendar_before_and_after_and_the_conflict(calendar):
    proposal = _proposal(calendar["ccm"], calendar["ccw"])
    assert (proposal.new_start, proposal.new_end) == (D(2031, 9, 3), D(2031, 9, 4))
    preview = selectors.proposal_preview(proposal)
    assert [(a.meeting.title, a.before, a.after, a.moves) for a in preview.affected] == [
        ("CCW meeting", (D(2031, 9, 1), D(2031, 9, 2)), (D(2031, 9, 1), D(2031, 9, 2)), False),
        ("CCM intersessional", (D(2031, 9, 24), D(2031, 9, 25)),
         (D(2031, 9, 3), D(2031, 9, 4)), True),
        ("APMBC committee", (D(2031, 9, 4), D(2031, 9, 4)), (D(2031, 9, 4), D(2031, 9, 4)),
         False),
    ]
    [conflict] = preview.new_conflicts
    assert {conflict.a.title, conflict.b.title} == {"CCM intersessional", "APMBC committee"}
    assert (conflict.overlap_start, conflict.overlap_end) == (D(2031, 9, 4), D(2031, 9, 4))
    assert [s.iso3 for s in conflict.shared_states] == ["BIH"]
    assert preview.creates_conflicts and preview.waiting_for == ["CCM"]
    assert set(preview.cluster_after.meeting_ids) == {m.pk for m in calendar.values()}


def test_a_move_without_conflict_previews_none(ccm, ccw, parties):
    anchor = MeetingFactory(conventions=[ccw], start_date=D(2031, 9, 1), end_date=D(2031, 9, 2))
    moved = MeetingFactory(conventions=[ccm], start_date=D(2031, 9, 24), end_date=D(2031, 9, 25))
    preview = selectors.proposal_preview(_proposal(moved, anchor))
    assert preview.new_conflicts == [] and not preview.creates_conflicts
    assert [a.meeting.pk for a in preview.affected] == [anchor.pk, moved.pk]


def test_accepting_a_move_that_creates_a_conflict_is_refused_unless_confirmed(
        calendar, ccm_staff, django_capture_on_commit_callbacks):
    moved = calendar["ccm"]
    RegistrationFactory(meeting=moved, role=ParticipantRole.ISU_STAFF, email="p@example.org")
    key = _proposal(moved, calendar["ccw"]).key
    with pytest.raises(ValidationError) as caught:
        services.proposal_accept(actor=ccm_staff, key=key, today=TODAY)
    assert caught.value.message_dict["confirm_conflicts"] == [
        "Moving CCM intersessional to 2031-09-03–2031-09-04 creates a conflict: CCM "
        "intersessional and APMBC committee overlap 2031-09-04–2031-09-04 (1 States party to "
        "both). Confirm to accept it anyway."]
    moved.refresh_from_db()
    assert (moved.start_date, moved.end_date) == (D(2031, 9, 24), D(2031, 9, 25))
    assert not ProposalAcceptance.objects.exists()
    assert not MeetingDateChange.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        outcome = services.proposal_accept(actor=ccm_staff, key=key, today=TODAY,
                                           confirm_conflicts=True)
    assert outcome.moved and outcome.accepted_by == ["CCM"] and outcome.waiting_for == []
    moved.refresh_from_db()
    assert (moved.start_date, moved.end_date) == (D(2031, 9, 3), D(2031, 9, 4))
    assert len(mail.outbox) == 1
    # The cluster box no longer claims a saving for the meeting held on the same day.
    [cluster] = selectors.clusters_between(D(2031, 9, 1), D(2031, 9, 30))
    assert len(cluster.meetings) == 3 and cluster.trips_saved == 1
    assert [(a.id, b.id) for a, b in cluster.overlaps] == [(moved.pk, calendar["apmbc"].pk)]


@pytest.fixture
def joint_calendar(ccm, apmbc, ccw, parties):
    """A joint CCM+APMBC workshop three weeks after a CCW meeting: no conflict either way."""
    return {
        "ccw": MeetingFactory(conventions=[ccw], title="CCW meeting", start_date=D(2099, 9, 1),
                              end_date=D(2099, 9, 2)),
        "joint": MeetingFactory(conventions=[ccm, apmbc], title="Joint workshop",
                                kind="workshop", start_date=D(2099, 9, 23),
                                end_date=D(2099, 9, 24)),
    }


def test_a_joint_meeting_moves_only_when_every_owning_isu_accepted(
        api_as, ccm_staff, apmbc_staff, joint_calendar):
    joint = joint_calendar["joint"]
    proposals = api_as(ccm_staff).get(f"{API}proposals/").json()
    [key] = [p["key"] for p in proposals
             if p["moved"]["id"] == joint.pk and p["anchor"]["id"] == joint_calendar["ccw"].pk]
    response = api_as(ccm_staff).post(f"{API}proposals/accept/", {"key": key}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert (body["moved"], body["accepted_by"], body["waiting_for"]) == (False, ["CCM"],
                                                                          ["APMBC"])
    assert body["start_date"] == "2099-09-23"
    joint.refresh_from_db()
    assert joint.start_date == D(2099, 9, 23) and not joint.date_changes.exists()
    [acceptance] = ProposalAcceptance.objects.all()
    assert (acceptance.convention.code, acceptance.accepted_by) == ("CCM", ccm_staff)
    # Accepting twice for the same ISU changes nothing.
    again = api_as(ccm_staff).post(f"{API}proposals/accept/", {"key": key}, format="json")
    assert again.json()["moved"] is False and ProposalAcceptance.objects.count() == 1
    preview = api_as(apmbc_staff).get(f"{API}proposals/preview/", {"key": key}).json()
    assert [a["convention"] for a in preview["accepted"]] == ["CCM"]
    assert preview["waiting_for"] == ["APMBC"] and preview["creates_conflicts"] is False
    response = api_as(apmbc_staff).post(f"{API}proposals/accept/", {"key": key}, format="json")
    body = response.json()
    assert response.status_code == 200 and body["moved"] is True
    assert body["accepted_by"] == ["APMBC", "CCM"] and body["waiting_for"] == []
    joint.refresh_from_db()
    assert joint.start_date == D(2099, 9, 3)
    assert joint.date_changes.count() == 1


def test_an_acceptance_no_longer_counts_once_the_meeting_moved_otherwise(
        ccm_staff, apmbc_staff, joint_calendar):
    joint = joint_calendar["joint"]
    key = _proposal(joint, joint_calendar["ccw"], today=None).key
    services.proposal_accept(actor=ccm_staff, key=key)
    services.meeting_reschedule(actor=ccm_staff, meeting=joint, start_date=D(2099, 9, 16),
                                end_date=D(2099, 9, 17))
    key = _proposal(joint, joint_calendar["ccw"], today=None).key
    outcome = services.proposal_accept(actor=apmbc_staff, key=key)
    assert not outcome.moved and outcome.waiting_for == ["CCM"]
    joint.refresh_from_db()
    assert joint.start_date == D(2099, 9, 16)


def test_api_preview_and_accept_refuse_on_conflict_unless_confirmed(api_as, ccm_staff, delegate_a,
                                                                    calendar):
    moved = calendar["ccm"]
    key = _proposal(moved, calendar["ccw"], today=None).key
    assert api_as(delegate_a).get(f"{API}proposals/preview/", {"key": key}).status_code == 403
    response = api_as(ccm_staff).get(f"{API}proposals/preview/", {"key": "1:2031-01-01"})
    assert response.status_code == 400 and "key" in response.json()["fields"]
    preview = api_as(ccm_staff).get(f"{API}proposals/preview/", {"key": key}).json()
    assert preview["creates_conflicts"] is True
    [conflict] = preview["new_conflicts"]
    assert conflict["shared_states"] == ["BIH"] and conflict["overlap_start"] == "2031-09-04"
    moving = [a for a in preview["affected"] if a["moves"]]
    assert [(a["meeting"]["id"], a["start_before"], a["start_after"]) for a in moving] == [
        (moved.pk, "2031-09-24", "2031-09-03")]
    response = api_as(ccm_staff).post(f"{API}proposals/accept/", {"key": key}, format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["confirm_conflicts"]
    assert Meeting.objects.get(pk=moved.pk).start_date == D(2031, 9, 24)
    assert not ProposalAcceptance.objects.exists()
    response = api_as(ccm_staff).post(f"{API}proposals/accept/", {
        "key": key, "confirm_conflicts": True}, format="json")
    assert response.status_code == 200 and response.json()["start_date"] == "2031-09-03"


def test_the_page_previews_then_asks_again_to_confirm_a_conflict(client, ccm_staff, calendar):
    moved = calendar["ccm"]
    key = _proposal(moved, calendar["ccw"], today=None).key
    client.force_login(ccm_staff)
    listing = client.get(reverse("meetings:proposals")).content.decode()
    assert reverse("meetings:proposal-preview") in listing
    url = reverse("meetings:proposal-preview")
    body = client.get(url, {"key": key}).content.decode()
    assert "CCM intersessional and APMBC committee would overlap from 4 Sep 2031" in body
    assert 'name="confirm_conflicts"' in body
    response = client.post(reverse("meetings:proposals"), {"key": key})
    assert response.status_code == 302 and response.url == f"{url}?key={key}"
    assert Meeting.objects.get(pk=moved.pk).start_date == D(2031, 9, 24)
    response = client.post(reverse("meetings:proposals"), {"key": key,
                                                           "confirm_conflicts": "on"})
    assert response.status_code == 302 and response.url == reverse("meetings:proposals")
    assert Meeting.objects.get(pk=moved.pk).start_date == D(2031, 9, 3)
    body = client.get(reverse("meetings:detail", args=[moved.pk])).content.decode()
    assert ("CCM intersessional and APMBC committee are held on some of the same days: a "
            "delegate cannot attend both in full") in body
    assert "saving 1 trip(s) and 2 travel days" in body


def test_the_page_records_one_isus_acceptance_of_a_joint_move(client, ccm_staff, apmbc_staff,
                                                              joint_calendar):
    joint = joint_calendar["joint"]
    key = _proposal(joint, joint_calendar["ccw"], today=None).key
    client.force_login(ccm_staff)
    response = client.post(reverse("meetings:proposals"), {"key": key}, follow=True)
    assert ("Your acceptance is recorded. Joint workshop moves once the ISU of APMBC accepts "
            "too.") in response.content.decode()
    assert Meeting.objects.get(pk=joint.pk).start_date == D(2099, 9, 23)
    body = client.get(reverse("meetings:proposal-preview"), {"key": key}).content.decode()
    assert "CCM: accepted by" in body and "APMBC: not yet accepted" in body
    assert 'action="/meetings/proposals/"' not in body  # nothing left for CCM to accept
    client.force_login(apmbc_staff)
    client.post(reverse("meetings:proposals"), {"key": key})
    assert Meeting.objects.get(pk=joint.pk).start_date == D(2099, 9, 3)
