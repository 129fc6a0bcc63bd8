"""The API: access rules tried from the wrong side (the refused side effect did not happen),
bad input as 400 with field errors, and query counts of every list at two sizes."""

import datetime
from decimal import Decimal

import pytest

from accounts import access
from sponsorship import services
from sponsorship.enums import ApplicationStatus as S
from sponsorship.enums import SplitRule
from sponsorship.models import Application, Contribution, CostShare, DSARate, Trip
from tests.factories.sponsorship import (
    FUTURE_YEAR,
    ContributionFactory,
    DonorFactory,
    MeetingFactory,
    make_application,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/sponsorship"
JUN = lambda day: datetime.date(FUTURE_YEAR, 6, day)  # noqa: E731


@pytest.fixture
def joint(focal_a, eligible_a, funded, june, geneva_rates, host_staff):
    application = services.application_create(
        actor=focal_a, state=eligible_a, meetings=[june["CCM"], june["APMBC"]],
        nominees=[{"full_name": "Amra Delegate"}], language="ar")
    services.application_submit(actor=focal_a, application=application)
    services.application_start_review(actor=host_staff, application=application)
    services.trip_plan(actor=host_staff, application=application,
                       nominee=application.nominees.get(), city="Geneva", arrival=JUN(21),
                       departure=JUN(27), airfare=Decimal("1200.00"),
                       terminal_expenses=Decimal("80.00"))
    return application


def test_focal_point_creates_and_submits(api_as, focal_a, eligible_a, june):
    client = api_as(focal_a)
    response = client.post(f"{API}/applications/", {
        "state": "BIH", "language": "es",
        "meetings": [{"meeting": june["CCM"].pk}, {"meeting": june["APMBC"].pk}],
        "nominees": [{"full_name": "Amra Hodžić", "email": "amra@example.org"}],
    }, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert [m["programme"] for m in body["meetings"]] == ["CCM", "APMBC"]
    assert body["status"] == "draft" and body["language"] == "es"
    response = client.post(f"{API}/applications/{body['id']}/submit/", {}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    history = client.get(f"{API}/applications/{body['id']}/history/").json()
    assert [e["to_status"] for e in history] == ["draft", "submitted"]


def test_bad_input_is_a_400_with_fields(api_as, focal_a, eligible_a, june):
    response = api_as(focal_a).post(f"{API}/applications/", {
        "state": "BIH", "meetings": [{"meeting": june["CCM"].pk}], "nominees": [],
    }, format="json")
    assert response.status_code == 400
    assert "nominees" in response.json()["fields"]
    response = api_as(focal_a).post(f"{API}/applications/", {
        "state": "BIH", "meetings": [{"meeting": june["CCM"].pk, "programme": "APMBC"}],
        "nominees": [{"full_name": "X"}]}, format="json")
    assert response.status_code == 400
    assert "does not sponsor" in response.json()["fields"]["meetings"][0]
    assert not Application.objects.exists()


def test_focal_point_cannot_apply_for_another_state(api_as, focal_b, eligible_a, june):
    response = api_as(focal_b).post(f"{API}/applications/", {
        "state": "BIH", "meetings": [{"meeting": june["CCM"].pk}],
        "nominees": [{"full_name": "X"}]}, format="json")
    assert response.status_code == 403
    assert not Application.objects.exists()


def test_focal_point_sees_only_own_states_applications(api_as, joint, focal_a, focal_b,
                                                       state_b, programmes, june):
    other = make_application(state=state_b, meetings=[(june["CCM"], programmes["CCM"])])
    ids_a = [a["id"] for a in api_as(focal_a).get(f"{API}/applications/").json()["results"]]
    ids_b = [a["id"] for a in api_as(focal_b).get(f"{API}/applications/").json()["results"]]
    assert ids_a == [joint.pk] and ids_b == [other.pk]
    assert api_as(focal_b).get(f"{API}/applications/{joint.pk}/").status_code == 404
    assert api_as(focal_b).get(f"{API}/trips/").json()["results"] == []
    response = api_as(focal_b).post(f"{API}/applications/{joint.pk}/comment/",
                                    {"comment": "peek"}, format="json")
    assert response.status_code == 404
    assert not joint.events.filter(comment="peek").exists()


def test_staff_see_submitted_applications_of_their_programme_only(
        api_as, joint, ccm_staff, conventions, programmes, state_b, june, isus):
    draft = make_application(state=state_b, meetings=[(june["CCM"], programmes["CCM"])])
    ccw_staff = services_user_for("CCW", conventions)
    assert [a["id"] for a in api_as(ccm_staff).get(f"{API}/applications/").json()["results"]] \
        == [joint.pk]
    assert api_as(ccw_staff).get(f"{API}/applications/").json()["results"] == []
    assert api_as(ccm_staff).get(f"{API}/applications/{draft.pk}/").status_code == 404


def services_user_for(code, conventions):
    from accounts.enums import Role
    from tests.factories import make_user

    return make_user(Role.ISU_STAFF, convention=conventions[code], username=f"{code}_staff")


def test_one_programmes_staff_cannot_change_anothers_shares(api_as, joint, ccm_staff,
                                                            apmbc_staff):
    trip = joint.trips.get()
    client = api_as(ccm_staff)
    response = client.post(f"{API}/trips/{trip.pk}/approve-share/", {"programme": "APMBC"},
                           format="json")
    assert response.status_code == 403
    assert CostShare.objects.get(programme__convention__code="APMBC").approved_at is None
    response = client.post(f"{API}/trips/{trip.pk}/rule/", {"rule": SplitRule.PRO_RATA_DAYS},
                           format="json")
    assert response.status_code == 403
    response = client.post(f"{API}/applications/{joint.pk}/trips/", {
        "nominee": joint.nominees.get().pk, "city": "Geneva", "arrival": JUN(21).isoformat(),
        "departure": JUN(27).isoformat(), "airfare": "1.00"}, format="json")
    assert response.status_code == 403
    trip.refresh_from_db()
    assert (trip.rule, trip.airfare) == (SplitRule.FIRST_MEETING_PAYS_JOURNEY,
                                         Decimal("1200.00"))
    # its own share it may approve
    response = client.post(f"{API}/trips/{trip.pk}/approve-share/", {"programme": "CCM"},
                           format="json")
    assert response.status_code == 200
    shares = {s["programme"]: s["approved"] for s in response.json()["shares"]}
    assert shares == {"CCM": True, "APMBC": False}


def test_focal_point_cannot_approve_or_plan(api_as, joint, focal_a):
    client = api_as(focal_a)
    assert client.post(f"{API}/applications/{joint.pk}/approve/", {},
                       format="json").status_code == 403
    assert client.post(f"{API}/trips/{joint.trips.get().pk}/approve-share/",
                       {"programme": "CCM"}, format="json").status_code == 403
    joint.refresh_from_db()
    assert joint.status == S.UNDER_REVIEW
    assert not CostShare.objects.filter(approved_at__isnull=False).exists()


def test_trip_api_shows_shares_and_savings(api_as, joint, host_staff):
    body = api_as(host_staff).get(f"{API}/trips/").json()["results"][0]
    assert body["total"] == "3680.00" and body["saving"] == "1280.00"
    assert [(s["programme"], s["amount"]) for s in body["shares"]] == [
        ("CCM", "2480.00"), ("APMBC", "1200.00")]


def test_budget_refusal_through_the_api(api_as, joint, host_staff, funded):
    Contribution.objects.filter(programme=funded["APMBC"]).update(amount=Decimal("100.00"))
    for share in CostShare.objects.all():
        services.cost_share_approve(actor=host_staff, share=share)
    response = api_as(host_staff).post(f"{API}/applications/{joint.pk}/approve/", {},
                                       format="json")
    assert response.status_code == 400
    assert "only CHF 100.00 is available" in response.json()["fields"]["budget"][0]
    joint.refresh_from_db()
    assert joint.status == S.UNDER_REVIEW


def test_programme_positions_only_for_those_who_may_see_finances(api_as, joint, focal_a,
                                                                 ccm_staff, host_staff):
    by_code = {p["convention"]: p for p in
               api_as(ccm_staff).get(f"{API}/programmes/").json()["results"]}
    assert by_code["CCM"]["position"]["received"] == "10000.00"
    assert by_code["APMBC"]["position"] is None
    assert all(p["position"] is None for p in
               api_as(focal_a).get(f"{API}/programmes/").json()["results"])
    assert api_as(focal_a).get(f"{API}/contributions/").json()["results"] == []
    response = api_as(focal_a).post(f"{API}/programmes/CCM/report/", {"year": 2015},
                                    format="json")
    assert response.status_code == 403


def test_contributions_recorded_by_the_programmes_managers(api_as, programmes, ccm_staff):
    donor = DonorFactory(name="Australia")
    payload = {"programme": "APMBC", "donor": "Australia", "amount": "25000.00",
               "received_on": "2017-03-01"}
    assert api_as(ccm_staff).post(f"{API}/contributions/", payload,
                                  format="json").status_code == 403
    assert not Contribution.objects.exists()
    payload["programme"] = "CCM"
    response = api_as(ccm_staff).post(f"{API}/contributions/", payload, format="json")
    assert response.status_code == 201 and response.json()["currency"] == "CHF"
    assert Contribution.objects.get().donor == donor
    payload["amount"] = "-5"
    response = api_as(ccm_staff).post(f"{API}/contributions/", payload, format="json")
    assert response.status_code == 400 and "amount" in response.json()["fields"]


def test_dsa_rates_kept_by_host_staff(api_as, host_staff, ccm_staff):
    payload = {"city": "Geneva", "valid_from": "2024-07-01", "amount": "421.00"}
    assert api_as(ccm_staff).post(f"{API}/dsa-rates/", payload, format="json").status_code == 403
    assert not DSARate.objects.exists()
    assert api_as(host_staff).post(f"{API}/dsa-rates/", payload,
                                   format="json").status_code == 201


def test_savings_endpoint(api_as, joint, host_staff):
    for share in CostShare.objects.all():
        services.cost_share_approve(actor=host_staff, share=share)
    services.application_approve(actor=host_staff, application=joint)
    body = api_as(host_staff).get(f"{API}/programmes/savings/").json()
    assert body["by_cluster"] == [{
        "cluster": "CCM intersessional + APMBC intersessional", "trips": 1,
        "cost": "3680.00", "separate": "4960.00", "saving": "1280.00"}]
    assert {(r["programme"], r["saving"]) for r in body["by_programme_and_year"]} == {
        ("CCM Sponsorship Programme", "0.00"), ("APMBC Sponsorship Programme", "1280.00")}
    assert body["by_year"] == [{"year": FUTURE_YEAR, "trips": 2, "cost": "3680.00",
                                "separate": "4960.00", "saving": "1280.00"}]


def _make_joint_trips(n, *, host, programmes, conventions):
    from tests.factories import StateFactory

    for i in range(n):
        ccm = MeetingFactory(conventions=[conventions["CCM"]], start_date=JUN(22),
                             end_date=JUN(23), title=f"CCM {i}")
        apmbc = MeetingFactory(conventions=[conventions["APMBC"]], start_date=JUN(24),
                               end_date=JUN(25), title=f"APMBC {i}")
        application = make_application(state=StateFactory(), status=S.UNDER_REVIEW, nominees=1,
                                        meetings=[(ccm, programmes["CCM"]),
                                                  (apmbc, programmes["APMBC"])])
        services.trip_plan(actor=host, application=application,
                           nominee=application.nominees.get(), city="Geneva",
                           arrival=JUN(21), departure=JUN(26), airfare=Decimal("900.00"))
        ContributionFactory(programme=programmes["CCM"])


@pytest.mark.parametrize("n", [1, 3])
def test_list_query_counts(api_as, host_staff, programmes, conventions, geneva_rates,
                           django_assert_num_queries, n):
    _make_joint_trips(n, host=host_staff, programmes=programmes, conventions=conventions)
    client = api_as(host_staff)
    # each block starts afresh: the user's roles are read once per request
    forget = lambda: access.forget_scope(host_staff)  # noqa: E731
    forget()
    # roles; count; page; meeting lines; nominees
    with django_assert_num_queries(5):
        assert len(client.get(f"{API}/applications/").json()["results"]) == n
    forget()
    # roles; count; page; shares; meeting lines
    with django_assert_num_queries(5):
        assert len(client.get(f"{API}/trips/").json()["results"]) == n
    forget()
    # roles; count; page
    with django_assert_num_queries(3):
        assert len(client.get(f"{API}/contributions/").json()["results"]) == n
    forget()
    # roles; programmes visible; received; shares; count; page
    with django_assert_num_queries(6):
        assert len(client.get(f"{API}/programmes/").json()["results"]) == 2
    assert Trip.objects.count() == n
