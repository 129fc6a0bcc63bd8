"""Chromium signs in as CCM ISU staff, changes the date of the team page (htmx), then reads
the cost page with its charts."""

import pytest

from accounts.enums import Role
from staffing import demo
from tests.factories import make_user
from tests.factories.accounts import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _sign_in(page, username):
    # conftest's browser_login clicks the first submit button of the page, which is the
    # language switcher's: sign in through the form inside <main> instead
    page.goto("/accounts/login/")
    page.fill("main input[name=username]", username)
    page.fill("main input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/")


def test_team_cover_plan_and_costs_in_the_browser(browser_page, isus):
    demo.load(log=lambda message: None)
    make_user(Role.ISU_STAFF, convention=isus["CCM"].convention, username="clara")
    page = browser_page
    _sign_in(page, "clara")
    page.goto("/staffing/")
    page.get_by_role("link", name="CCM", exact=True).first.click()
    page.wait_for_url("**/staffing/isus/CCM/")
    page.fill("input[name=on]", "2017-08-21")
    page.dispatch_event("input[name=on]", "change")
    page.wait_for_selector("#team-day .badge-bad")
    assert "without cover" in page.inner_text("#team-day")
    assert page.url.endswith("/staffing/isus/CCM/")  # swapped in place, no navigation
    page.goto("/staffing/isus/CCM/costs/?year=2016")
    assert page.inner_text("#ratio-spending") == "78.7 %"
    assert page.inner_text("#ratio-budget") == "64.1 %"
    assert page.locator("svg.chart rect").count() >= 7
