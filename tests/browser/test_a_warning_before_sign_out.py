"""A warning before the idle sign-out, with "I need more time" (WCAG 2.2.1), in Chromium.

The server signs people out after 3 minutes without activity (RISK_APP_IDLE_TIMEOUT_MINUTES), so
the warning, due 2 minutes before, shows within about a minute and a check's interval.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORDS, serving
from tests.browser.helpers import assert_accessible, open_page, sign_in, wait_for_app

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

WARNING = "you will be signed out, because nothing has been done for a while"


@pytest.fixture
def short_idle_server(tmp_path: Path) -> Iterator[str]:
    with serving(tmp_path, extra_env={"RISK_APP_IDLE_TIMEOUT_MINUTES": "3"}) as url:
        yield url


def test_before_the_idle_sign_out_a_warning_offers_more_time_and_keeps_the_page(
    short_idle_server, page
):
    sign_in(page, short_idle_server, "practitioner", PASSWORDS["practitioner"])
    open_page(page, "People")
    search = page.get_by_role("combobox", name="Open a person's record", exact=True)
    expect(search).to_be_visible()
    warning = page.get_by_role("alert").filter(has_text=WARNING)
    expect(warning).to_have_count(0)

    # Nothing is done for a minute or so: the warning shows, at the top of the page, and says
    # how long is left.
    expect(warning).to_be_visible(timeout=150_000)
    expect(warning).to_contain_text("Do you need more time?")
    top = warning.bounding_box()
    assert top is not None and top["y"] < 200, f"the warning is not at the top: {top}"
    assert_accessible(page, "the idle warning")

    # One key press on the button gives more time: the warning goes, and the page stays.
    more = page.get_by_role("button", name="I need more time", exact=True)
    more.focus()
    page.keyboard.press("Enter")
    expect(warning).to_have_count(0)
    wait_for_app(page)
    expect(search).to_be_visible()
    expect(page.get_by_text("Signed in as")).to_be_visible()
