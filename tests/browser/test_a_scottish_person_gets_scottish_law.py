"""A person in Scotland, end to end in a real browser (issue 13): the safeguarding lead decides a
concern about Eilidh under the Adult Support and Protection (Scotland) Act 2007 three-point test,
the screen never shows the Care Act, and the whole record afterwards keeps the law applied with
no English law anywhere in it. axe scans each new screen."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORDS
from tests.browser.helpers import assert_accessible, sign_in, wait_for_app

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
expect.set_options(timeout=20_000)

ENGLISH_LAW = ("Care Act", "Section 42", "s42", "Care Quality Commission", "best interests")


def concern_section(page, concern_id: int) -> str:
    """The opened concern's own text: what follows its heading (the lead's list above it holds
    other people's concerns, in their own nations' words)."""
    heading = page.get_by_role("heading", name=f"Concern {concern_id}", exact=True)
    expect(heading).to_be_visible()
    text = page.get_by_role("main").inner_text()
    return text[text.rindex(f"Concern {concern_id}") :]


def test_the_lead_decides_a_scottish_concern_under_the_three_point_test(
    fresh_server, page, tmp_path
):
    from risk_app.config import Settings
    from risk_app.services import accounts
    from risk_app.services.bootstrap import open_store
    from risk_app.services.record import people, safeguarding, whole_record

    store = open_store(Settings.from_env({"RISK_APP_DATA_DIR": str(tmp_path)}))
    try:
        south = accounts.authenticate(store, "practitioner.south", PASSWORDS["practitioner.south"])
        eilidh = next(
            p for p in people.caseload(store, by=south) if p.display_name == "Eilidh MacLeod"
        )
        concern = safeguarding.raise_concern(
            store,
            by=south,
            person_id=eilidh.id,
            abuse_types=["AB-FIN"],
            person_wants="For the man at the door to stop asking her for money",
        )
    finally:
        store.dispose()

    sign_in(page, fresh_server, "lead", PASSWORDS["lead"])
    page.get_by_role("link", name=f"Decide on concern {concern.id}", exact=True).click()
    wait_for_app(page)
    main = page.get_by_role("main")
    expect(main.get_by_text("Three-point test", exact=False).first).to_be_visible()
    shown = concern_section(page, concern.id)
    for words in ENGLISH_LAW:
        assert words not in shown, words
    assert "Adult Support and Protection (Scotland) Act 2007" in shown
    assert_accessible(page, "a Scottish concern opened for its decision")

    for condition in ("Unable to safeguard themselves", "At risk of harm", "More vulnerable"):
        page.get_by_role("radiogroup", name=re.compile(re.escape(condition))).get_by_text(
            "Yes", exact=True
        ).click()
    page.get_by_role("textbox", name="Reasons for the decision", exact=True).fill(
        "She cannot keep the caller away and her memory is failing"
    )
    page.get_by_role("button", name=re.compile(r"^Record the decision to inquire")).click()
    wait_for_app(page)
    expect(main.get_by_text("made", exact=False).first).to_be_visible()
    expect(page.get_by_role("radiogroup", name="Kind of inquiry")).to_be_visible()
    shown = concern_section(page, concern.id)
    for words in ENGLISH_LAW:
        assert words not in shown, words
    assert_accessible(page, "a Scottish concern, decision recorded")

    store = open_store(Settings.from_env({"RISK_APP_DATA_DIR": str(tmp_path)}))
    try:
        south = accounts.authenticate(store, "practitioner.south", PASSWORDS["practitioner.south"])
        record = whole_record.whole_record(store, by=south, person_id=eilidh.id)
    finally:
        store.dispose()
    text = json.dumps(record)
    assert '"scotland"' in text
    assert "SCO-ASP-TEST" in text
    for condition in ("SCO-ASP-UNABLE", "SCO-ASP-HARM", "SCO-ASP-VULNERABLE"):
        assert condition in text
    for words in ("Care Act", "Section 42", "ENG-SG-", "Care Quality Commission"):
        assert words not in text, words
