"""The record's section reruns alone (a Streamlit fragment), and that never costs the truth: a save
in the section that changes what the header shows redraws the header at once, and a click in the
section after the session has ended shows sign-in, not the record. Forms drawn only while their
expander is open keep what was typed when it is shut."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from risk_app.config import Settings
from risk_app.services import framework as framework_service
from risk_app.services.bootstrap import open_store
from tests import factories
from tests.browser.conftest import PASSWORDS
from tests.browser.helpers import (
    choose,
    open_page,
    open_person,
    open_tab,
    sign_in,
    wait_for_app,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _someone_new(data_dir: Path, name: str, *, with_risk: bool = False) -> str:
    """A person of the practitioner's team of this test's own (the demo people are shared by
    every browser test: moving one of them would change what the others see)."""
    store = open_store(Settings.from_env({"RISK_APP_DATA_DIR": str(data_dir)}))
    try:
        person = factories.person(store, name)
        if with_risk:
            factories.risk(store, person, activity="Cooking on the gas hob")
    finally:
        store.dispose()
    return name


def _header_field(page: Any, label: str) -> str:
    """The value beside `label` in the record's header (a term and its description)."""
    term = page.locator("dt", has_text=label).first
    return str(term.evaluate("t => t.nextElementSibling.innerText")).strip()


def _record(page: Any, server: str, person: str, section: str) -> Any:
    sign_in(page, server, "practitioner", PASSWORDS["practitioner"])
    open_page(page, "People")
    open_person(page, person)
    return open_tab(page, section)


def test_a_stage_move_in_the_section_shows_the_new_stage_in_the_header_at_once(
    server, server_data_dir, browser
):
    person = _someone_new(server_data_dir, "Moira Stagemove")
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.set_default_timeout(20_000)
    body = _record(page, server, person, "Where safeguarding links in")
    first, second = [f"{s.order}. {s.label}" for s in framework_service.current().stages()][:2]
    assert _header_field(page, "Stage") == first
    choose(body, "Move to stage", second)
    body.get_by_label("Reason to move on", exact=False).fill("Agreed at today's review")
    body.get_by_role("button", name="Move to this stage").click()
    wait_for_app(page)
    expect(page.locator("dt", has_text="Stage").first.locator("xpath=..")).to_contain_text(second)
    assert _header_field(page, "Stage") == second  # the header, outside the section, is redrawn
    page.close()


def test_a_click_in_the_section_after_signing_out_elsewhere_shows_sign_in_not_the_record(
    server, server_data_dir, browser
):
    person = _someone_new(server_data_dir, "Nell Signout", with_risk=True)
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    body = _record(page, server, person, "Risks and who owns what")
    expect(page.get_by_role("heading", name=person, exact=True)).to_be_visible()
    other = context.new_page()  # the same browser: signing out there ends this session too
    other.goto(server)
    wait_for_app(other)
    other.get_by_role("button", name="Sign out").click()
    wait_for_app(other)
    body.get_by_text("Add an action or acknowledgement for risk").first.click()  # the section
    expect(page.get_by_role("heading", name=person, exact=True)).to_have_count(0)
    expect(page.get_by_role("heading", name="Sign in to risk-app")).to_be_visible()
    context.close()


def test_words_typed_in_a_form_are_there_again_after_its_expander_is_shut_and_opened(
    server, server_data_dir, browser
):
    person = _someone_new(server_data_dir, "Owen Shutopen", with_risk=True)
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.set_default_timeout(20_000)
    body = _record(page, server, person, "Risks and who owns what")
    expander = body.get_by_text("Add an action or acknowledgement for risk").first
    expander.click()
    what = body.get_by_label("What will be done", exact=True).first
    what.fill("Ring the day centre about Thursday")
    what.press("Tab")  # leaving the field stores it, as any next click would
    wait_for_app(page)
    expander.click()  # shut: its form is no longer drawn
    wait_for_app(page)
    expect(body.get_by_label("What will be done", exact=True)).to_have_count(0)
    expander.click()
    expect(body.get_by_label("What will be done", exact=True).first).to_have_value(
        "Ring the day centre about Thursday"
    )
    page.close()
