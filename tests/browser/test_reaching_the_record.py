"""Reaching a record: a link names the person and section; signing in comes back to it; a refresh
keeps the worker signed in, on the same record and section; the caseload is a table you click."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from risk_app.ui.person_record import SECTIONS
from tests.browser.conftest import PASSWORDS
from tests.browser.helpers import (
    SECTION_CONTROL,
    assert_accessible,
    open_page,
    open_person,
    open_tab,
    section_width_fits,
    sign_in,
    wait_for_app,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PERSON = "Tomasz Nowak"


def _checked_section(page: Any) -> str:
    group = page.get_by_role("radiogroup", name=SECTION_CONTROL)
    return str(group.locator("input:checked").evaluate("e => e.closest('label').innerText")).strip()


def _sign_in_form(page: Any, username: str) -> None:
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORDS[username])
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as").wait_for()
    wait_for_app(page)


def _record_address(page: Any, url: str) -> str:
    """The address of PERSON's record at the meetings section, as a worker would bookmark it."""
    sign_in(page, url, "practitioner", PASSWORDS["practitioner"])
    open_page(page, "People")
    open_person(page, PERSON)
    open_tab(page, "Multi-agency meetings")
    address = page.url
    assert "person=" in address and "section=meetings" in address
    return address


def test_a_link_while_signed_out_signs_in_and_lands_on_the_record_section(server, browser):
    first = browser.new_context(viewport={"width": 1366, "height": 900})
    address = _record_address(first.new_page(), server)
    first.close()
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(address)
    expect(page.get_by_role("heading", name="Sign in to risk-app")).to_be_visible()
    assert page.get_by_text("Page not found").count() == 0
    _sign_in_form(page, "practitioner")
    assert page.url == address
    expect(page.get_by_role("heading", name=PERSON, exact=True)).to_be_visible()
    assert _checked_section(page) == "Multi-agency meetings"
    assert page.get_by_text("Page not found").count() == 0
    context.close()


def test_a_refresh_mid_task_keeps_the_worker_the_record_and_the_section(server, page):
    sign_in(page, server, "practitioner", PASSWORDS["practitioner"])
    open_page(page, "People")
    open_person(page, PERSON)
    section = open_tab(page, "Decisions and panels")
    section.get_by_role("heading", name="Record a supported decision").wait_for()
    before = page.url
    page.reload()
    page.get_by_text("Signed in as").wait_for()
    wait_for_app(page)
    assert page.url == before
    assert page.get_by_text("Page not found").count() == 0
    expect(page.get_by_role("heading", name=PERSON, exact=True)).to_be_visible()
    assert _checked_section(page) == "Decisions and panels"
    expect(page.get_by_role("heading", name="Record a supported decision")).to_be_visible()


def test_clicking_a_row_of_the_caseload_opens_that_record(server, page):
    sign_in(page, server, "practitioner", PASSWORDS["practitioner"])
    open_page(page, "People")
    assert page.get_by_role("radiogroup", name=SECTION_CONTROL).count() == 0  # nobody assumed
    grid = page.get_by_test_id("stDataFrame")
    grid.wait_for()
    page.get_by_label("Search by name").fill("Nowak")
    page.keyboard.press("Enter")
    wait_for_app(page)
    box = grid.bounding_box()
    assert box is not None
    # The first data row's marker, at its left, just under the header: it selects the row.
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)
    wait_for_app(page)
    expect(page.get_by_role("heading", name=PERSON, exact=True)).to_be_visible()
    assert "person=" in page.url


def test_the_caseload_and_record_header_pass_axe_and_no_section_is_wider_than_1366px(
    server, browser
):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    sign_in(page, server, "practitioner", PASSWORDS["practitioner"])
    open_page(page, "People")
    assert_accessible(page, "the caseload")
    open_person(page, PERSON)
    assert_accessible(page, "the record's header")
    too_wide = []
    for section in SECTIONS:
        open_tab(page, section.label)
        if not section_width_fits(page):
            too_wide.append(section.label)
    assert too_wide == []
    context.close()
