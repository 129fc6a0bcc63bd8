"""A focal point applies for sponsorship in Chromium: apply, save the draft, submit."""

import datetime

import pytest

from sponsorship.models import Application, EligibleState
from tests.factories.accounts import PASSWORD
from tests.factories.sponsorship import FUTURE_YEAR, MeetingFactory, ProgrammeFactory


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_focal_point_applies_and_submits(browser_page, conventions, focal_a, state_a):
    ccm = ProgrammeFactory(convention=conventions["CCM"], name="CCM Sponsorship Programme")
    apmbc = ProgrammeFactory(convention=conventions["APMBC"],
                             name="APMBC Sponsorship Programme")
    for programme in (ccm, apmbc):
        EligibleState.objects.create(programme=programme, state=state_a)
    ccm_meeting = MeetingFactory(title="CCM 12MSP", conventions=[conventions["CCM"]],
                                 start_date=datetime.date(FUTURE_YEAR, 9, 10),
                                 end_date=datetime.date(FUTURE_YEAR, 9, 13))
    apmbc_meeting = MeetingFactory(title="APMBC Intersessional",
                                   conventions=[conventions["APMBC"]],
                                   start_date=datetime.date(FUTURE_YEAR, 9, 16),
                                   end_date=datetime.date(FUTURE_YEAR, 9, 18))
    page = browser_page
    # (the shared browser_login clicks the first submit button on the page, which is the
    # header's language switcher; sign in by pressing Enter in the password field instead)
    page.goto("/accounts/login/")
    page.fill("input[name=username]", focal_a.username)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url("**/")
    page.goto("/sponsorship/")
    page.click("text=Apply for sponsorship")
    page.check(f"input[name=meetings][value='{ccm_meeting.pk}']")
    page.check(f"input[name=meetings][value='{apmbc_meeting.pk}']")
    page.select_option("#id_language", "fr")
    page.fill("input[name=delegate_1]", "Amra Hodžić")
    page.fill("input[name=email_1]", "amra@example.org")
    with page.expect_navigation():
        page.click("form.card button[type=submit]")
    assert "Draft" in page.inner_text("#application-status")
    with page.expect_navigation():
        page.click("button[value=submit]")
    assert "Submitted" in page.inner_text("#application-status")
    application = Application.objects.get()
    assert application.status == "submitted" and application.language == "fr"
    assert sorted(application.meeting_lines.values_list("programme__convention__code",
                                                        flat=True)) == ["APMBC", "CCM"]


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_host_staff_costs_a_joint_trip_and_approves(browser_page, conventions, focal_a,
                                                   state_a, host_staff):
    from decimal import Decimal

    from sponsorship import services
    from tests.factories.sponsorship import ContributionFactory, DSARateFactory

    programmes = [ProgrammeFactory(convention=conventions[code], name=f"{code} Programme")
                  for code in ("CCM", "APMBC")]
    for programme in programmes:
        EligibleState.objects.create(programme=programme, state=state_a)
        ContributionFactory(programme=programme, amount=Decimal("10000.00"))
    DSARateFactory(city="Geneva", amount=Decimal("400.00"))
    meetings = [MeetingFactory(title=f"{code} June", conventions=[conventions[code]],
                               start_date=datetime.date(FUTURE_YEAR, 6, start),
                               end_date=datetime.date(FUTURE_YEAR, 6, start + 1))
                for code, start in (("CCM", 22), ("APMBC", 25))]
    application = services.application_create(actor=focal_a, state=state_a, meetings=meetings,
                                              nominees=[{"full_name": "Amra Hodžić"}])
    services.application_submit(actor=focal_a, application=application)

    page = browser_page
    page.goto("/accounts/login/")
    page.fill("input[name=username]", host_staff.username)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url("**/")
    page.goto(f"/sponsorship/applications/{application.pk}/")
    with page.expect_navigation():
        page.click("button[value=start_review]")
    page.fill("#trip-form input[name=arrival]", f"{FUTURE_YEAR}-06-21")
    page.fill("#trip-form input[name=departure]", f"{FUTURE_YEAR}-06-27")
    page.fill("#trip-form input[name=airfare]", "1200.00")
    with page.expect_navigation():
        page.click("#trip-form button[type=submit]")
    assert "3600.00" in page.content()  # 1200 airfare + 6 nights at 400
    for _ in range(2):
        with page.expect_navigation():
            page.click("text=Approve share")
    with page.expect_navigation():
        page.click("button[value=approve]")
    assert "Approved" in page.inner_text("#application-status")
    page.wait_for_selector("text=award-letter-")  # the letter's download link
    application.refresh_from_db()
    assert application.status == "approved"
    assert application.award_letter.status == "done"
