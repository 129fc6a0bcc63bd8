"""The meetings calendar in Chromium: sign in, browse months with htmx, register, approve."""

import datetime

import pytest

from meetings.enums import RegistrationStatus
from meetings.models import Registration
from tests.factories import MembershipFactory
from tests.factories.accounts import PASSWORD
from tests.factories.meetings import MeetingFactory

D = datetime.date
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, username):
    """Like the shared `browser_login`, but clicks the sign-in form's own button: the shared
    helper clicks the first submit button on the page, the header's language switcher."""
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("button", name="Sign out").is_visible()


def test_delegate_browses_the_calendar_and_registers_and_focal_point_approves(
        browser_page, conventions, delegate_a, focal_a, state_a):
    page = browser_page
    MembershipFactory(state=state_a, convention=conventions["CCM"], deposited_on=D(2010, 9, 7))
    ccm = MeetingFactory(conventions=[conventions["CCM"]], title="CCM Intersessional 2031",
                         start_date=D(2031, 6, 2), end_date=D(2031, 6, 3))
    MeetingFactory(conventions=[conventions["APMBC"]], title="APMBC Intersessional 2031",
                   start_date=D(2031, 6, 5), end_date=D(2031, 6, 6))
    MeetingFactory(conventions=[conventions["CCW"]], title="CCW July 2031",
                   start_date=D(2031, 7, 7), end_date=D(2031, 7, 9))

    sign_in(page, "delegate_a")
    page.goto("/meetings/?month=2031-06")
    assert page.locator("h2", has_text="June 2031").is_visible()
    assert page.locator(".meeting-chip.in-cluster").count() == 4
    page.get_by_text("Back-to-back clusters this month").wait_for()
    # The next month comes through htmx: the calendar changes, the URL follows.
    page.click("text=July 2031 →")
    page.locator("h2", has_text="July 2031").wait_for()
    assert "month=2031-07" in page.url
    assert page.get_by_text("CCW July 2031").count() == 3  # one chip per day

    page.goto(f"/meetings/{ccm.pk}/")
    page.get_by_text("Delegates of Bosnia and Herzegovina may attend.").wait_for()
    page.click("text=Register")
    page.select_option("select[name=role]", "delegate")
    page.select_option("select[name=state]", "BIH")
    page.click("form.card button[type=submit]")
    page.get_by_text("The registration was recorded; it awaits approval.").wait_for()
    registration = Registration.objects.get()
    assert registration.user == delegate_a and registration.state == state_a

    page.context.clear_cookies()
    sign_in(page, "focal_a")
    page.goto(f"/meetings/{ccm.pk}/participants/")
    page.click(f"#registration-status-{registration.pk} button:has-text('Approve')")
    page.locator(f"#registration-status-{registration.pk} .status-approved").wait_for()
    assert Registration.objects.get().status == RegistrationStatus.APPROVED
