import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.enums import Role
from core.models import AuditEntry
from tests.factories import MembershipFactory, StateFactory, make_user
from treaties.models import ISUBudget, Membership

D = datetime.date


@pytest.fixture
def overlap_data(conventions):
    ccm, apmbc = conventions["CCM"], conventions["APMBC"]
    aut, nor, fin = (StateFactory(iso3=c) for c in ("AUT", "NOR", "FIN"))
    MembershipFactory(state=aut, convention=ccm, deposited_on=D(2009, 4, 2))
    MembershipFactory(state=aut, convention=apmbc, deposited_on=D(1998, 6, 29))
    MembershipFactory(state=nor, convention=ccm, deposited_on=D(2008, 12, 3))
    MembershipFactory(state=fin, convention=apmbc, deposited_on=D(2012, 1, 9),
                      withdrawal_effective_on=D(2026, 1, 10))
    return conventions


def test_overlap_endpoint_returns_both_lists_and_counts(api_client, overlap_data):
    response = api_client.get("/api/v1/conventions/overlap/",
                              {"a": "CCM", "b": "APMBC", "as_of": "2017-09-04"})
    assert response.status_code == 200
    body = response.json()
    assert [s["iso3"] for s in body["only_a"]] == ["NOR"]
    assert [s["iso3"] for s in body["only_b"]] == ["FIN"]
    assert [s["iso3"] for s in body["both"]] == ["AUT"]
    assert (body["only_a_count"], body["only_b_count"], body["both_count"]) == (1, 1, 1)
    assert body["as_of"] == "2017-09-04"


def test_overlap_after_withdrawal(api_client, overlap_data):
    body = api_client.get("/api/v1/conventions/overlap/",
                          {"a": "ccm", "b": "apmbc", "as_of": "2026-02-01"}).json()
    assert body["only_b_count"] == 0


@pytest.mark.parametrize(("params", "field", "message"), [
    ({"a": "XYZ", "b": "APMBC"}, "a", "Unknown convention code 'XYZ'."),
    ({"a": "CCM", "b": "APMBC", "as_of": "2017-13-01"}, "as_of", None),
    ({"a": "CCM"}, "b", "This field is required."),
    ({"a": "CCM", "b": "CCM"}, "b", "Choose two different conventions."),
])
def test_overlap_bad_input_is_a_400_with_field_errors(api_client, conventions, params, field,
                                                      message):
    response = api_client.get("/api/v1/conventions/overlap/", params)
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert body["code"] == "invalid"
    assert field in body["fields"]
    if message:
        assert body["fields"][field] == [message]


def test_parties_endpoint(api_client, overlap_data):
    body = api_client.get("/api/v1/conventions/CCM/parties/", {"as_of": "2010-01-01"}).json()
    assert [s["iso3"] for s in body["results"]] == []
    body = api_client.get("/api/v1/conventions/CCM/parties/", {"as_of": "2017-01-01"}).json()
    assert [s["iso3"] for s in body["results"]] == ["AUT", "NOR"]
    assert api_client.get("/api/v1/conventions/NOPE/parties/").status_code == 404


def test_state_detail_lists_memberships(api_client, overlap_data):
    body = api_client.get("/api/v1/states/aut/").json()
    assert body["iso3"] == "AUT"
    assert body["name"] == "Austria"
    assert sorted(m["convention"] for m in body["memberships"]) == ["APMBC", "CCM"]
    assert api_client.get("/api/v1/states/XXX/").status_code == 404


def test_state_filter_party_to_on_date(api_client, overlap_data):
    body = api_client.get("/api/v1/states/", {"party_to": "APMBC", "as_of": "2026-06-01"}).json()
    assert [s["iso3"] for s in body["results"]] == ["AUT"]
    response = api_client.get("/api/v1/states/", {"party_to": "NOPE"})
    assert response.status_code == 400
    assert "party_to" in response.json()["fields"]


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries), response.json()


@pytest.mark.parametrize("url", ["/api/v1/states/", "/api/v1/memberships/",
                                 "/api/v1/conventions/"])
def test_list_endpoints_make_the_same_queries_at_page_size_10_and_100(api_client, conventions,
                                                                      url):
    for i, state in enumerate(StateFactory.create_batch(120)):
        MembershipFactory(state=state, convention=conventions["CCM" if i % 2 else "APMBC"])
    small, _ = _count_queries(api_client, f"{url}?page_size=10")
    large, body_large = _count_queries(api_client, f"{url}?page_size=100")
    assert small == large
    assert len(body_large["results"]) == min(100, body_large["count"])


def test_page_size_is_capped(api_client, conventions):
    StateFactory.create_batch(130)
    body = api_client.get("/api/v1/states/?page_size=1000").json()
    assert len(body["results"]) == 100
    assert body["count"] == 130


def test_anonymous_cannot_record_membership(api_client, conventions):
    state = StateFactory(iso3="NOR")
    response = api_client.post("/api/v1/memberships/", {
        "state": "NOR", "convention": "CCM", "instrument_type": "ratification",
        "deposited_on": "2008-12-03"})
    assert response.status_code == 401
    assert not Membership.objects.filter(state=state).exists()


def test_isu_staff_cannot_record_membership(api_as, ccm_staff):
    StateFactory(iso3="NOR")
    response = api_as(ccm_staff).post("/api/v1/memberships/", {
        "state": "NOR", "convention": "CCM", "instrument_type": "ratification",
        "deposited_on": "2008-12-03"})
    assert response.status_code == 403
    assert not Membership.objects.exists()


def test_administrator_records_membership_with_rule_and_audit(api_as, admin_user, conventions):
    StateFactory(iso3="NOR")
    response = api_as(admin_user).post("/api/v1/memberships/", {
        "state": "NOR", "convention": "CCM", "instrument_type": "ratification",
        "deposited_on": "2011-09-08"})
    assert response.status_code == 201, response.json()
    assert response.json()["effective_on"] == "2012-03-01"
    entry = AuditEntry.objects.get(action="membership.created")
    assert entry.actor == admin_user
    assert entry.changes["deposited_on"] == [None, "2011-09-08"]


def test_membership_bad_input_saves_nothing(api_as, admin_user, conventions):
    StateFactory(iso3="NOR")
    client = api_as(admin_user)
    response = client.post("/api/v1/memberships/", {
        "state": "NOR", "convention": "NOPE", "instrument_type": "ratification",
        "deposited_on": "2011-02-30"})
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"convention", "deposited_on"}
    response = client.post("/api/v1/memberships/", {
        "state": "NOR", "convention": "CCM", "instrument_type": "ratification",
        "deposited_on": "2011-09-08", "withdrawal_effective_on": "2010-01-01"})
    assert response.status_code == 400
    assert "withdrawal_effective_on" in response.json()["fields"]
    assert not Membership.objects.exists()


class TestISUBudgetsAreConfidential:
    @pytest.fixture
    def budgets(self, isus):
        ISUBudget.objects.create(isu=isus["CCM"], year=2016, amount="455000.00")
        ISUBudget.objects.create(isu=isus["APMBC"], year=2016, amount="1050000.00")

    def _isus(self, client):
        response = client.get("/api/v1/isu-budgets/")
        assert response.status_code == 200
        return sorted(b["isu"] for b in response.json()["results"])

    def test_each_isu_sees_only_its_own(self, api_as, budgets, ccm_staff, apmbc_staff):
        assert self._isus(api_as(ccm_staff)) == ["CCM"]
        assert self._isus(api_as(apmbc_staff)) == ["APMBC"]

    def test_host_finance_and_admin_see_all(self, api_as, budgets, host_staff, admin_user):
        assert self._isus(api_as(host_staff)) == ["APMBC", "CCM"]
        assert self._isus(api_as(admin_user)) == ["APMBC", "CCM"]

    def test_delegates_and_anonymous_see_none(self, api_as, budgets, focal_a):
        assert self._isus(api_as(focal_a)) == []
        assert api_as(None).get("/api/v1/isu-budgets/").status_code == 401

    def test_other_isu_cannot_read_or_write(self, api_as, budgets, apmbc_staff):
        client = api_as(apmbc_staff)
        ccm_budget = ISUBudget.objects.get(isu__convention__code="CCM")
        assert client.get(f"/api/v1/isu-budgets/{ccm_budget.pk}/").status_code == 404
        response = client.post("/api/v1/isu-budgets/",
                               {"isu": "CCM", "year": 2016, "amount": "1.00"})
        assert response.status_code == 403
        ccm_budget.refresh_from_db()
        assert str(ccm_budget.amount) == "455000.00"

    def test_own_isu_creates_a_budget_with_audit(self, api_as, budgets, ccm_staff):
        response = api_as(ccm_staff).post("/api/v1/isu-budgets/",
                                          {"isu": "CCM", "year": 2017, "amount": "460000.50"})
        assert response.status_code == 201, response.json()
        budget = ISUBudget.objects.get(isu__convention__code="CCM", year=2017)
        assert response.json() == {"id": budget.pk, "isu": "CCM", "year": 2017,
                                   "amount": "460000.50", "currency": "CHF", "notes": ""}
        entry = AuditEntry.objects.get(action="isu_budget.created", actor=ccm_staff)
        assert entry.object_id == str(budget.pk)
        assert entry.changes["amount"] == [None, "460000.50"]

    def test_a_create_that_collides_is_refused_and_changes_nothing(self, api_as, budgets,
                                                                   ccm_staff):
        response = api_as(ccm_staff).post("/api/v1/isu-budgets/", {
            "isu": "CCM", "year": 2016, "amount": "1.00", "notes": "overwrite?"})
        assert response.status_code == 400
        assert list(response.json()["fields"]) == ["year"]
        budget = ISUBudget.objects.get(isu__convention__code="CCM", year=2016)
        assert (str(budget.amount), budget.notes) == ("455000.00", "")
        assert ISUBudget.objects.filter(isu__convention__code="CCM").count() == 1
        assert not AuditEntry.objects.filter(action__startswith="isu_budget.").exists()

    def test_own_isu_changes_its_budget_with_put_and_patch(self, api_as, budgets, ccm_staff):
        budget = ISUBudget.objects.get(isu__convention__code="CCM", year=2016)
        client = api_as(ccm_staff)
        response = client.patch(f"/api/v1/isu-budgets/{budget.pk}/", {"amount": "460000.50"},
                                format="json")
        assert response.status_code == 200, response.json()
        assert response.json() == {"id": budget.pk, "isu": "CCM", "year": 2016,
                                   "amount": "460000.50", "currency": "CHF", "notes": ""}
        entry = AuditEntry.objects.get(action="isu_budget.changed", actor=ccm_staff)
        assert entry.changes == {"amount": ["455000.00", "460000.50"]}
        response = client.put(f"/api/v1/isu-budgets/{budget.pk}/", {
            "amount": "470000.00", "currency": "CHF", "notes": "7MSP decision"}, format="json")
        assert response.status_code == 200, response.json()
        budget.refresh_from_db()
        assert (str(budget.amount), budget.notes, budget.year) == ("470000.00",
                                                                   "7MSP decision", 2016)

    def test_other_isu_cannot_change_a_budget(self, api_as, budgets, apmbc_staff):
        budget = ISUBudget.objects.get(isu__convention__code="CCM", year=2016)
        response = api_as(apmbc_staff).patch(f"/api/v1/isu-budgets/{budget.pk}/",
                                             {"amount": "1.00"}, format="json")
        assert response.status_code == 404
        budget.refresh_from_db()
        assert str(budget.amount) == "455000.00"

    def test_negative_amount_is_refused(self, api_as, budgets, ccm_staff):
        response = api_as(ccm_staff).post("/api/v1/isu-budgets/",
                                          {"isu": "CCM", "year": 2017, "amount": "-5"})
        assert response.status_code == 400
        assert "amount" in response.json()["fields"]
        assert not ISUBudget.objects.filter(year=2017).exists()


class TestPeopleAreScoped:
    def test_delegate_sees_own_delegation_and_support_staff_only(self, api_as, focal_a,
                                                                 delegate_a, focal_b, ccm_staff):
        usernames = {p["username"] for p in
                     api_as(delegate_a).get("/api/v1/people/").json()["results"]}
        assert usernames == {"focal_a", "delegate_a", "ccm_staff"}
        assert api_as(delegate_a).get(f"/api/v1/people/{focal_b.pk}/").status_code == 404

    def test_isu_staff_see_delegates(self, api_as, focal_a, focal_b, ccm_staff):
        usernames = {p["username"] for p in
                     api_as(ccm_staff).get("/api/v1/people/").json()["results"]}
        assert {"focal_a", "focal_b"} <= usernames

    def test_me(self, api_as, focal_a):
        body = api_as(focal_a).get("/api/v1/people/me/").json()
        assert body["username"] == "focal_a"
        assert body["roles"] == [{"role": Role.FOCAL_POINT, "convention": None, "state": "BIH"}]


def test_token_authentication(api_client, focal_a):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("issue_token", "focal_a", stdout=out)
    token = out.getvalue().strip()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.get("/api/v1/people/me/").json()["username"] == "focal_a"
    api_client.credentials(HTTP_AUTHORIZATION="Token wrong")
    response = api_client.get("/api/v1/people/me/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_make_user_helper_roles(conventions, state_a):
    user = make_user(Role.DELEGATE, state=state_a)
    assert user.role_assignments.get().state == state_a
