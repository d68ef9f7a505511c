"""Downloading a person's whole record in a real browser: the section passes an accessibility
scan before and after preparing, and the file the browser saves is the PDF."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PASSWORDS
from tests.browser.helpers import blocking_violations, open_page, open_tab, sign_in, wait_for_app

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_a_practitioner_prepares_and_saves_the_whole_record_as_an_accessible_pdf(server, page):
    sign_in(page, server, "practitioner", PASSWORDS["practitioner"])
    open_page(page, "People")
    panel = open_tab(page, "Details and About Me")
    panel.get_by_role("heading", name="Download the whole record").wait_for()
    assert blocking_violations(page) == []
    panel.get_by_role("button", name="Prepare the whole record (PDF)").click()
    wait_for_app(page)
    with page.expect_download() as download:
        panel.get_by_role("button", name="Download the whole record (PDF)").click()
    saved = download.value.path()
    with open(saved, "rb") as file:
        assert file.read(5) == b"%PDF-"
    assert download.value.suggested_filename.endswith(".pdf")
    assert blocking_violations(page) == []
