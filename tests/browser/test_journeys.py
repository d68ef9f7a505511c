"""Each role signs in through a real browser and opens its pages; axe scans every page we show."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PASSWORDS
from tests.browser.helpers import blocking_violations, open_page, sign_in, wait_for_app

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

STAFF_AND_LEADS = ["practitioner", "manager", "lead", "admin"]


def test_the_sign_in_page_has_no_serious_accessibility_problems(server, page):
    page.goto(server)
    page.get_by_label("Username", exact=True).wait_for()
    wait_for_app(page)
    assert page.locator("html").get_attribute("lang")
    assert blocking_violations(page) == []


def test_a_deep_link_without_signing_in_shows_only_the_sign_in_page(server, page):
    page.goto(f"{server}/accounts")
    page.get_by_label("Username", exact=True).wait_for()
    wait_for_app(page)
    page.get_by_role("heading", name="Sign in to risk-app").wait_for()
    assert page.get_by_role("heading", name="Accounts", exact=True).count() == 0
    assert page.get_by_text("Disable or enable an account").count() == 0
    assert page.get_by_role("link", name="Accounts").count() == 0


def test_a_wrong_password_is_refused_in_the_browser(server, page):
    page.goto(server)
    page.get_by_label("Username", exact=True).fill("practitioner")
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("The username or password is not right").wait_for()
    assert page.get_by_role("alert").count() >= 1


@pytest.mark.parametrize("username", [*STAFF_AND_LEADS, "amina"])
def test_each_role_signs_in_to_an_accessible_home_page(server, page, username):
    sign_in(page, server, username, PASSWORDS[username])
    assert page.get_by_role("heading", level=1).first.is_visible()
    assert blocking_violations(page) == []


@pytest.mark.parametrize("username", STAFF_AND_LEADS)
def test_each_staff_role_opens_an_accessible_framework_map(server, page, username):
    sign_in(page, server, username, PASSWORDS[username])
    open_page(page, "Framework map")
    page.locator(".js-plotly-plot").first.wait_for()
    page.get_by_role("heading", name="Where safeguarding links in (touchpoints)").wait_for()
    assert blocking_violations(page) == []
    page.get_by_role("tab", name="Table (same information)").click()
    page.get_by_role("tabpanel").last.wait_for()


def test_the_individual_reads_their_own_plain_language_page(server, page):
    sign_in(page, server, "amina", PASSWORDS["amina"])
    page.get_by_role("heading", name="Hello Amina").wait_for()
    page.get_by_role("heading", name="If you feel unsafe").wait_for()
    assert page.get_by_role("link", name="Framework map").count() == 0
