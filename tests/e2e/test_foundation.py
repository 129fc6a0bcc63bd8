import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_sign_in_switch_to_arabic_and_compare_memberships(browser_page, browser_login, focal_a,
                                                          conventions):
    page = browser_page
    browser_login(page, "focal_a")
    assert page.locator("header").inner_text().find("Focal_A") >= 0
    page.goto("/overlap/?a=CCM&b=APMBC&as_of=2017-09-04")
    assert page.locator("h2").first.inner_text().startswith("0 parties of CCM")
    page.select_option("#language-select", "ar")
    page.click(".language-switcher button")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    # The layout flips: the header tools sit on the left in right-to-left.
    tools = page.locator(".header-tools").bounding_box()
    brand = page.locator(".brand").bounding_box()
    assert tools["x"] < brand["x"]


def test_no_csp_violations_on_the_home_page(browser_page, db):
    violations = []
    browser_page.on("console", lambda msg: violations.append(msg.text)
                    if "Content Security Policy" in msg.text else None)
    browser_page.goto("/")
    browser_page.wait_for_load_state("networkidle")
    assert browser_page.evaluate("typeof htmx") == "object"
    assert violations == []
