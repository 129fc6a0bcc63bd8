"""A focal point starts a report from the calendar and fills a form in Chromium: htmx autosaves
it, and when a colleague saves the same form meanwhile, the conflict message appears and the
typed text stays."""

import datetime

import pytest

from reporting import services
from reporting.models import SectionEntry
from tests.factories import make_user
from tests.factories.accounts import PASSWORD
from tests.factories.reporting import join, load_real_obligations
from tests.support.services import wait_until

D = datetime.date


@pytest.mark.e2e
def test_focal_point_fills_a_form_with_autosave_and_sees_a_conflict(
        transactional_db, browser_page, conventions, state_a):
    load_real_obligations()
    join(state_a, conventions["CCM"], D(2011, 3, 1))
    focal = make_user("focal_point", state=state_a, username="bih.focal")
    colleague = make_user("delegate", state=state_a, username="bih.delegate")
    page = browser_page
    # The shared helper clicks the first form's button, which is the language switcher's in
    # the header; sign in through the login form itself.
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "bih.focal")
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.goto("/reporting/?year=2025")
    page.click("button[data-start='ccm-art7-annual']")
    page.wait_for_url("**/reporting/reports/*/")
    page.click("text=Form H: Victim assistance")
    violations = []
    page.on("console", lambda m: violations.append(m.text)
            if "Content Security Policy" in m.text else None)
    page.fill("textarea[name=answer_victim_assistance]", "National plan, first draft")
    page.wait_for_selector("text=Saved at", timeout=15000)
    entry = SectionEntry.objects.get(form__code="H", report__state=state_a)
    assert entry.data["victim_assistance"] == "National plan, first draft"
    assert entry.version == 1
    # A colleague saves the same form from elsewhere.
    services.section_save(actor=colleague, entry=entry, expected_version=1,
                          answers={"victim_assistance": "Colleague's text"})
    page.fill("textarea[name=answer_victim_assistance]", "My second draft")
    page.wait_for_selector("#conflict", timeout=15000)
    assert "has NOT been saved" in page.inner_text("#conflict")
    assert page.input_value("textarea[name=answer_victim_assistance]") == "My second draft"
    entry.refresh_from_db()
    assert entry.data["victim_assistance"] == "Colleague's text"
    page.click("button[name=force_version]")
    page.wait_for_selector("#save-status >> text=Saved at", timeout=15000)
    assert page.url.endswith("/forms/H/")
    # "Saved at" may still be the earlier status under load: wait for the forced save itself.
    wait_until(lambda: SectionEntry.objects.get(pk=entry.pk).data["victim_assistance"]
               == "My second draft", timeout=15, message="the forced save")
    assert focal.pk != colleague.pk
    assert violations == []  # strict CSP holds on the form page


@pytest.mark.e2e
def test_a_choice_then_typing_at_once_is_no_conflict_with_oneself(
        transactional_db, browser_page, conventions, state_a):
    """The first autosave's answer is held back until the second save is due (a slow server):
    the second save waits for it and sends the version it carries, and the server does not
    take the person's own earlier save for someone else's (issue 9.16)."""
    obligations = load_real_obligations()
    join(state_a, conventions["CCM"], D(2011, 3, 1))
    focal = make_user("focal_point", state=state_a, username="bih.focal")
    report = services.report_start(actor=focal, state=state_a,
                                   obligation=obligations["ccm-art7-annual"], cycle_year=2025)
    page = browser_page
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "bih.focal")
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    url = f"/reporting/reports/{report.pk}/forms/E/"
    held = []

    def hold_the_first_answer(route):
        if held or route.request.method != "POST":
            route.continue_()
            return
        held.append((route, route.fetch()))  # saved on the server, answer not yet delivered

    page.route(f"**{url}", hold_the_first_answer)
    page.goto(url)
    page.select_option("select[name=answer_status]", "in_progress")
    for _ in range(150):  # Playwright calls route handlers only while the test waits in it
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the first autosave was not sent"
    page.fill("textarea[name=answer_details]", "Plant at Vogošća")
    page.wait_for_timeout(2500)  # the typing's autosave is due meanwhile
    route, response = held[0]
    route.fulfill(response=response)
    # The second save's answer: a conflict message, or the new version for the next save.
    page.wait_for_selector('#conflict, input#id_version[value="2"]', state="attached",
                           timeout=15000)
    assert page.locator("#conflict").count() == 0, page.inner_text("#conflict")
    assert "Saved at" in page.inner_text("#save-status")
    entry = SectionEntry.objects.get(report=report, form__code="E")
    assert (entry.data, entry.updated_by) == (
        {"status": "in_progress", "details": "Plant at Vogošća"}, focal)
    assert page.input_value("#id_version") == "2"
