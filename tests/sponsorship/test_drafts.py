"""Issue 9.17: applications are for meetings that begin after today and are open to the
State's membership; a draft can be changed and withdrawn by the State's focal points, and a
submitted application no longer changes. Through the service, the API and the page, tried
from the wrong side (another State's focal point, staff): refused, nothing changed."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from sponsorship import selectors, services
from sponsorship.enums import ApplicationStatus as S
from sponsorship.models import Application, ApplicationEvent, Nominee
from tests.factories import MembershipFactory
from tests.factories.sponsorship import MeetingFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/sponsorship"
DAY = datetime.timedelta(days=1)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def dated(conventions, programmes, today):
    """CCM meetings that began yesterday, begin today, begin tomorrow; one cancelled."""
    def make(title, start, **kw):
        return MeetingFactory(title=title, conventions=[conventions["CCM"]], start_date=start,
                              end_date=start + DAY, **kw)
    return {"yesterday": make("Began yesterday", today - DAY),
            "today": make("Begins today", today),
            "tomorrow": make("Begins tomorrow", today + DAY),
            "cancelled": make("Cancelled", today + 5 * DAY, status="cancelled")}


def _draft(focal, state, meetings, **kw):
    return services.application_create(
        actor=focal, state=state, meetings=meetings, language="en", motivation="First",
        nominees=[{"full_name": "Amra Hodžić", "function": "Mine action centre"}], **kw)


def _snapshot(application):
    application = Application.objects.get(pk=application.pk)
    return (application.status, application.language, application.motivation,
            sorted(application.meeting_lines.values_list("meeting_id", "programme_id")),
            sorted(application.nominees.values_list("full_name", "email", "function")))


# --- which meetings ------------------------------------------------------------------------

def test_only_meetings_beginning_after_today_are_accepted(focal_a, eligible_a, dated, today):
    for key in ("yesterday", "today"):
        with pytest.raises(ValidationError) as error:
            _draft(focal_a, eligible_a, [dated[key]])
        assert error.value.message_dict == {"meetings": [
            f"{dated[key]} begins on {dated[key].start_date.isoformat()}: sponsorship is asked "
            "only for meetings that begin after today."]}
    with pytest.raises(ValidationError, match="is cancelled"):
        _draft(focal_a, eligible_a, [dated["cancelled"]])
    assert not Application.objects.exists()
    application = _draft(focal_a, eligible_a, [dated["tomorrow"]])
    assert [line.meeting for line in application.meeting_lines.all()] == [dated["tomorrow"]]


def test_a_programme_for_parties_only_is_open_to_its_parties_only(
        focal_a, focal_b, state_a, state_b, conventions, programmes, dated, today):
    programmes["CCM"].sponsors_observers = False
    programmes["CCM"].save()
    MembershipFactory(state=state_a, convention=conventions["CCM"],
                      deposited_on=datetime.date(2010, 3, 1))
    open_a = selectors.meetings_open_for_application([state_a], today=today)
    assert list(open_a) == [dated["tomorrow"]]
    assert list(selectors.meetings_open_for_application([state_b], today=today)) == []
    with pytest.raises(ValidationError) as error:
        _draft(focal_b, state_b, [dated["tomorrow"]])
    assert error.value.message_dict == {"meetings": [
        f"CCM Sponsorship Programme sponsors States Parties only, and {state_b} is not a party "
        f"on the first day of {dated['tomorrow']}."]}
    assert not Application.objects.filter(state=state_b).exists()
    assert _draft(focal_a, state_a, [dated["tomorrow"]]).state == state_a


def test_apply_page_offers_future_open_meetings_only(client, focal_a, eligible_a, dated):
    client.force_login(focal_a)
    page = client.get(reverse("sponsorship:application-create")).content.decode()
    assert "Begins tomorrow" in page
    for title in ("Began yesterday", "Begins today", "Cancelled"):
        assert title not in page
    response = client.post(reverse("sponsorship:application-create"), {
        "state": eligible_a.pk, "meetings": [dated["yesterday"].pk], "language": "en",
        "delegate_1": "Amra Hodžić"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Application.objects.exists()


def test_api_refuses_a_past_meeting_with_a_field_error(api_as, focal_a, eligible_a, dated):
    response = api_as(focal_a).post(f"{API}/applications/", {
        "state": "BIH", "meetings": [{"meeting": dated["today"].pk}],
        "nominees": [{"full_name": "X"}]}, format="json")
    assert response.status_code == 400
    assert response.json()["fields"]["meetings"] == [
        f"{dated['today']} begins on {dated['today'].start_date.isoformat()}: sponsorship is "
        "asked only for meetings that begin after today."]
    assert not Application.objects.exists()


def test_a_draft_whose_meeting_has_begun_cannot_be_submitted(focal_a, eligible_a, dated):
    application = _draft(focal_a, eligible_a, [dated["tomorrow"]])
    with pytest.raises(ValidationError) as error:
        services.application_submit(actor=focal_a, application=application,
                                    today=dated["tomorrow"].start_date)
    assert list(error.value.message_dict) == ["meetings"]
    assert Application.objects.get(pk=application.pk).status == S.DRAFT
    services.application_submit(actor=focal_a, application=application)
    assert Application.objects.get(pk=application.pk).status == S.SUBMITTED


# --- changing a draft ------------------------------------------------------------------------

@pytest.fixture
def draft(focal_a, eligible_a, june):
    return _draft(focal_a, eligible_a, [june["CCM"]])


def test_focal_point_changes_only_what_is_given(draft, focal_a, june, programmes):
    services.application_update(actor=focal_a, application=draft, motivation="Second")
    assert _snapshot(draft)[1:] == ("en", "Second",
                                    [(june["CCM"].pk, programmes["CCM"].pk)],
                                    [("Amra Hodžić", "", "Mine action centre")])
    amra = draft.nominees.get()
    services.application_update(
        actor=focal_a, application=draft, language="fr",
        meetings=[june["CCM"], june["APMBC"]],
        nominees=[{"id": amra.pk, "email": "amra@example.org"}, {"full_name": "Lejla Begić"}])
    assert _snapshot(draft) == (
        S.DRAFT, "fr", "Second",
        sorted([(june["CCM"].pk, programmes["CCM"].pk),
                (june["APMBC"].pk, programmes["APMBC"].pk)]),
        [("Amra Hodžić", "amra@example.org", "Mine action centre"), ("Lejla Begić", "", "")])
    assert draft.nominees.get(full_name="Amra Hodžić").pk == amra.pk  # kept, not replaced
    entries = AuditEntry.objects.filter(action="sponsorship.application.updated")
    assert entries.count() == 2
    assert entries.order_by("pk").last().changes["meetings"] == [
        [june["CCM"].pk], sorted([june["CCM"].pk, june["APMBC"].pk])]


def test_a_change_with_a_past_meeting_changes_nothing(draft, focal_a, dated):
    before = _snapshot(draft)
    with pytest.raises(ValidationError) as error:
        services.application_update(actor=focal_a, application=draft, motivation="Changed",
                                    meetings=[dated["yesterday"]])
    assert list(error.value.message_dict) == ["meetings"]
    assert _snapshot(draft) == before
    assert not AuditEntry.objects.filter(action="sponsorship.application.updated").exists()


def test_a_submitted_application_no_longer_changes(draft, focal_a):
    services.application_submit(actor=focal_a, application=draft)
    before = _snapshot(draft)
    with pytest.raises(ValidationError) as error:
        services.application_update(actor=focal_a, application=draft, motivation="Late")
    assert error.value.message_dict == {"status": [
        "Only a draft can be changed; this application is submitted."]}
    with pytest.raises(ValidationError) as error:
        services.application_withdraw(actor=focal_a, application=draft)
    assert error.value.message_dict == {"status": [
        "Only a draft can be withdrawn; this application is submitted."]}
    assert _snapshot(draft) == before


def test_another_states_focal_point_and_staff_cannot_change_or_withdraw(draft, focal_b,
                                                                        host_staff, delegate_a):
    before = _snapshot(draft)
    for actor in (focal_b, host_staff, delegate_a):
        with pytest.raises(PermissionDenied):
            services.application_update(actor=actor, application=draft, motivation="Mine")
        with pytest.raises(PermissionDenied):
            services.application_withdraw(actor=actor, application=draft)
    assert _snapshot(draft) == before
    assert not AuditEntry.objects.filter(action__in=[
        "sponsorship.application.updated", "sponsorship.application.withdrawn"]).exists()


def test_withdrawing_a_draft_keeps_it_with_its_history(draft, focal_a):
    services.application_withdraw(actor=focal_a, application=draft, comment="No visa")
    draft.refresh_from_db()
    assert draft.status == S.WITHDRAWN
    assert list(draft.events.values_list("from_status", "to_status", "comment")) == [
        ("", S.DRAFT, ""), (S.DRAFT, S.WITHDRAWN, "No visa")]
    assert AuditEntry.objects.filter(action="sponsorship.application.withdrawn",
                                     object_id=str(draft.pk)).count() == 1
    with pytest.raises(ValidationError):
        services.application_submit(actor=focal_a, application=draft)
    with pytest.raises(ValidationError):
        services.application_update(actor=focal_a, application=draft, motivation="Again")
    assert Application.objects.get(pk=draft.pk).status == S.WITHDRAWN


# --- the API ------------------------------------------------------------------------------------

def test_api_patch_changes_a_draft(api_as, draft, focal_a, june):
    amra = draft.nominees.get()
    response = api_as(focal_a).patch(f"{API}/applications/{draft.pk}/", {
        "motivation": "Clearance deadline in 2028",
        "meetings": [{"meeting": june["CCM"].pk}, {"meeting": june["APMBC"].pk}],
        "nominees": [{"id": amra.pk, "email": "amra@example.org"}]}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["motivation"] == "Clearance deadline in 2028" and body["language"] == "en"
    assert [m["programme"] for m in body["meetings"]] == ["CCM", "APMBC"]
    assert [(n["id"], n["email"], n["function"]) for n in body["nominees"]] == [
        (amra.pk, "amra@example.org", "Mine action centre")]


def test_api_patch_bad_input_is_a_400_and_changes_nothing(api_as, draft, focal_a, dated):
    before = _snapshot(draft)
    client = api_as(focal_a)
    response = client.patch(f"{API}/applications/{draft.pk}/", {
        "motivation": "x", "meetings": [{"meeting": dated["yesterday"].pk}]}, format="json")
    assert response.status_code == 400 and list(response.json()["fields"]) == ["meetings"]
    response = client.patch(f"{API}/applications/{draft.pk}/", {
        "nominees": [{"id": 999999, "full_name": "Ghost"}]}, format="json")
    assert response.status_code == 400 and "nominees" in response.json()["fields"]
    response = client.patch(f"{API}/applications/{draft.pk}/", {"nominees": []},
                            format="json")
    assert response.status_code == 400 and "nominees" in response.json()["fields"]
    assert _snapshot(draft) == before


def test_api_patch_of_a_submitted_application_is_a_400(api_as, draft, focal_a):
    services.application_submit(actor=focal_a, application=draft)
    before = _snapshot(draft)
    response = api_as(focal_a).patch(f"{API}/applications/{draft.pk}/",
                                     {"motivation": "Late"}, format="json")
    assert response.status_code == 400
    assert response.json()["fields"] == {"status": [
        "Only a draft can be changed; this application is submitted."]}
    response = api_as(focal_a).post(f"{API}/applications/{draft.pk}/withdraw/", {},
                                    format="json")
    assert response.status_code == 400
    assert _snapshot(draft) == before


def test_api_others_cannot_patch_or_withdraw(api_as, draft, focal_b, host_staff):
    before = _snapshot(draft)
    for user in (focal_b, host_staff):  # a draft is the State's own: not even visible
        client = api_as(user)
        assert client.patch(f"{API}/applications/{draft.pk}/", {"motivation": "Mine"},
                            format="json").status_code == 404
        assert client.post(f"{API}/applications/{draft.pk}/withdraw/", {},
                           format="json").status_code == 404
    assert api_as(focal_b).put(f"{API}/applications/{draft.pk}/", {},
                               format="json").status_code in (404, 405)
    assert _snapshot(draft) == before


def test_api_withdraw(api_as, draft, focal_a):
    response = api_as(focal_a).post(f"{API}/applications/{draft.pk}/withdraw/",
                                    {"comment": "No visa"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    assert ApplicationEvent.objects.filter(application=draft, to_status=S.WITHDRAWN,
                                           comment="No visa").count() == 1


# --- the pages ----------------------------------------------------------------------------------

def test_page_changes_a_draft(client, draft, focal_a, june):
    client.force_login(focal_a)
    detail = client.get(reverse("sponsorship:application-detail", args=[draft.pk]))
    assert reverse("sponsorship:application-edit", args=[draft.pk]) in detail.content.decode()
    url = reverse("sponsorship:application-edit", args=[draft.pk])
    form = client.get(url).content.decode()
    assert "Amra Hodžić" in form and "First" in form
    response = client.post(url, {
        "state": draft.state_id, "meetings": [june["CCM"].pk, june["APMBC"].pk],
        "language": "es", "motivation": "Second", "delegate_1": "Amra Hodžić",
        "email_1": "amra@example.org", "delegate_2": "Lejla Begić"})
    assert response.status_code == 302
    assert _snapshot(draft)[1:] == (
        "es", "Second",
        sorted([(june["CCM"].pk, draft.meeting_lines.get(meeting=june["CCM"]).programme_id),
                (june["APMBC"].pk,
                 draft.meeting_lines.get(meeting=june["APMBC"]).programme_id)]),
        [("Amra Hodžić", "amra@example.org", "Mine action centre"), ("Lejla Begić", "", "")])


def test_page_edit_form_errors_keep_the_draft(client, draft, focal_a, dated):
    before = _snapshot(draft)
    client.force_login(focal_a)
    response = client.post(reverse("sponsorship:application-edit", args=[draft.pk]), {
        "meetings": [dated["yesterday"].pk], "language": "en", "delegate_1": ""})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Select a valid choice" in text and "This field is required." in text
    assert _snapshot(draft) == before


def test_page_withdraw_asks_first(client, draft, focal_a):
    client.force_login(focal_a)
    url = reverse("sponsorship:application-withdraw", args=[draft.pk])
    page = client.get(url)
    assert "Withdraw this draft?" in page.content.decode()
    assert Application.objects.get(pk=draft.pk).status == S.DRAFT  # asking changes nothing
    response = client.post(url, {"comment": "No visa"}, follow=True)
    assert "The application is withdrawn." in response.content.decode()
    assert Application.objects.get(pk=draft.pk).status == S.WITHDRAWN
    detail = client.get(reverse("sponsorship:application-detail", args=[draft.pk]))
    assert url not in detail.content.decode()


def test_page_submitted_application_cannot_be_changed_or_withdrawn(client, draft, focal_a):
    services.application_submit(actor=focal_a, application=draft)
    before = _snapshot(draft)
    client.force_login(focal_a)
    edit = reverse("sponsorship:application-edit", args=[draft.pk])
    assert edit not in client.get(reverse("sponsorship:application-detail",
                                          args=[draft.pk])).content.decode()
    response = client.post(edit, {"language": "en", "delegate_1": "Someone else"},
                           follow=True)
    assert "Only a draft can be changed; this application is submitted." in \
        response.content.decode()
    response = client.post(reverse("sponsorship:application-withdraw", args=[draft.pk]),
                           follow=True)
    assert "Only a draft can be withdrawn; this application is submitted." in \
        response.content.decode()
    assert _snapshot(draft) == before


def test_page_other_state_cannot_change_or_withdraw(client, draft, focal_b, delegate_a):
    before = _snapshot(draft)
    client.force_login(focal_b)
    for name in ("application-edit", "application-withdraw"):
        url = reverse(f"sponsorship:{name}", args=[draft.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"language": "en", "delegate_1": "Mine"}).status_code == 404
    client.force_login(delegate_a)  # sees the State's draft, does not act for it
    for name in ("application-edit", "application-withdraw"):
        url = reverse(f"sponsorship:{name}", args=[draft.pk])
        assert client.post(url, {"language": "en", "delegate_1": "Mine"}).status_code == 403
    assert _snapshot(draft) == before
    assert Nominee.objects.filter(full_name="Mine").count() == 0


def test_today_is_the_portals_today(settings, focal_a, eligible_a, conventions, programmes):
    """Kiritimati (UTC+14) is always a day or two ahead of Pago Pago (UTC-11): a meeting that
    begins on Kiritimati's today has begun for a portal there, not for one in Pago Pago."""
    settings.TIME_ZONE = "Pacific/Kiritimati"
    ahead = timezone.localdate()
    meeting = MeetingFactory(conventions=[conventions["CCM"]], start_date=ahead,
                             end_date=ahead + DAY)
    assert meeting not in selectors.meetings_open_for_application([eligible_a])
    with pytest.raises(ValidationError, match="begin after today"):
        _draft(focal_a, eligible_a, [meeting])
    settings.TIME_ZONE = "Pacific/Pago_Pago"
    assert timezone.localdate() < ahead
    assert meeting in selectors.meetings_open_for_application([eligible_a])
    assert _draft(focal_a, eligible_a, [meeting]).meeting_lines.get().meeting == meeting
