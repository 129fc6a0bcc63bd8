import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import MembershipFactory, StateFactory
from tests.factories.accounts import PASSWORD
from treaties.models import ISUBudget

D = datetime.date


@pytest.fixture
def data(conventions):
    aut, nor = StateFactory(iso3="AUT"), StateFactory(iso3="NOR")
    MembershipFactory(state=aut, convention=conventions["CCM"], deposited_on=D(2009, 4, 2))
    MembershipFactory(state=aut, convention=conventions["APMBC"], deposited_on=D(1998, 6, 29))
    MembershipFactory(state=nor, convention=conventions["CCM"], deposited_on=D(2008, 12, 3))
    return conventions


def test_home_page(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert b"ISU Coordination Portal" in response.content


def test_overlap_page_shows_both_lists(client, data):
    response = client.get("/overlap/", {"a": "CCM", "b": "APMBC", "as_of": "2017-09-04"})
    assert response.status_code == 200
    result = response.context["result"]
    assert [s.iso3 for s in result.only_a] == ["NOR"]
    assert [s.iso3 for s in result.both] == ["AUT"]
    assert "1 party of CCM not party of APMBC" in response.content.decode()


def test_overlap_page_bad_input_is_a_form_error(client, data):
    response = client.get("/overlap/", {"a": "NOPE", "b": "APMBC", "as_of": "2017-02-30"})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"a", "as_of"}
    assert response.context["result"] is None


def test_state_page_lists_every_convention(client, data):
    response = client.get("/states/aut/")
    assert response.status_code == 200
    codes = [m.convention.code for m, _ in response.context["memberships"]]
    assert sorted(codes) == ["APMBC", "CCM"]
    assert client.get("/states/XXX/").status_code == 404


def test_state_list_filters_and_paginates(client, data, django_assert_num_queries):
    StateFactory.create_batch(60)
    response = client.get("/states/", {"party_to": "CCM", "as_of": "2017-01-01"})
    assert [row.record.iso3 for row in response.context["table"].page.object_list] == \
        ["AUT", "NOR"]
    response = client.get("/states/")
    assert len(response.context["table"].page.object_list) == 50


def test_convention_page(client, data):
    response = client.get("/conventions/CCM/")
    assert response.status_code == 200
    assert response.context["parties_today"] == 2
    assert "First day of the month 6 months after the month of deposit" in \
        response.content.decode()
    assert "6 months after deposit" in client.get("/conventions/CCW/").content.decode()
    assert client.get("/conventions/NOPE/").status_code == 404


class TestDelegationIsPrivate:
    def test_other_states_delegate_does_not_see_the_delegation(self, client, focal_a, focal_b):
        client.force_login(focal_b)
        response = client.get("/states/BIH/")
        assert list(response.context["people"]) == []
        assert "focal_a" not in response.content.decode()

    def test_own_delegate_sees_it(self, client, focal_a, delegate_a):
        client.force_login(delegate_a)
        response = client.get("/states/BIH/")
        assert {ra.user.username for ra in response.context["people"]} == {"focal_a",
                                                                           "delegate_a"}


class TestBudgetOnConventionPage:
    @pytest.fixture
    def budget(self, isus):
        return ISUBudget.objects.create(isu=isus["CCM"], year=2016, amount="455000.00")

    def test_other_isu_does_not_see_it(self, client, budget, apmbc_staff):
        client.force_login(apmbc_staff)
        response = client.get("/conventions/CCM/")
        assert response.context["budgets"] == []
        assert "455000" not in response.content.decode()

    def test_own_isu_sees_it(self, client, budget, ccm_staff):
        client.force_login(ccm_staff)
        assert client.get("/conventions/CCM/").context["budgets"] == [budget]


def test_login_logout_and_profile(client, focal_a):
    response = client.post("/accounts/login/", {"username": "focal_a", "password": PASSWORD})
    assert response.status_code == 302
    response = client.post("/accounts/profile/", {
        "full_name": "Amra H.", "email": "not-an-email", "job_title": "", "phone": "",
        "preferred_language": "fr"})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    focal_a.refresh_from_db()
    assert focal_a.full_name != "Amra H."
    response = client.post("/accounts/profile/", {
        "full_name": "Amra H.", "email": "amra@example.org", "job_title": "Focal point",
        "phone": "", "preferred_language": "fr"})
    assert response.status_code == 302
    focal_a.refresh_from_db()
    assert (focal_a.full_name, focal_a.preferred_language) == ("Amra H.", "fr")
    client.post("/accounts/logout/")
    assert client.get("/accounts/profile/").status_code == 302


def test_password_reset_sends_a_link(client, focal_a):
    response = client.post("/accounts/password-reset/", {"email": focal_a.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_arabic_pages_are_right_to_left(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar")
    assert 'dir="rtl"' in response.content.decode()
    assert 'lang="ar"' in response.content.decode()


def test_strict_csp_header(client, db):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_dashboard_shows_own_isu_with_budget(client, isus, ccm_staff):
    ISUBudget.objects.create(isu=isus["CCM"], year=timezone.localdate().year, amount="520000.00")
    ISUBudget.objects.create(isu=isus["APMBC"], year=timezone.localdate().year,
                             amount="999999.00")
    client.force_login(ccm_staff)
    page = client.get("/").content.decode()
    assert "CCM Implementation Support Unit" in page
    assert "520000.00" in page
    assert "APMBC Implementation Support Unit" not in page
    assert "999999.00" not in page


def test_dashboard_shows_delegates_state(client, data, focal_a):
    client.force_login(focal_a)
    page = client.get("/").content.decode()
    assert "Your State" in page and "Bosnia and Herzegovina" in page


@pytest.mark.parametrize("url", ["/states/", "/conventions/"])
def test_list_pages_make_a_constant_number_of_queries(client, conventions, url):
    StateFactory.create_batch(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    StateFactory.create_batch(60)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(few.captured_queries) == len(many.captured_queries)
