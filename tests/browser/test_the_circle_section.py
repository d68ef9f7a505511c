"""The people around the person, in a real browser: the section, its add form, and the offer of a
likely duplicate pass axe; choosing the one already there adds nobody."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORDS
from tests.browser.helpers import (
    assert_accessible,
    choose,
    open_page,
    open_person,
    open_tab,
    sign_in,
    wait_for_app,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PERSON = "Tomasz Nowak"
SECTION = "The people around the person"


def test_the_circle_and_its_duplicate_offer_pass_axe_and_using_the_one_there_adds_nobody(
    server, page
):
    sign_in(page, server, "practitioner", PASSWORDS["practitioner"])
    open_page(page, "People")
    open_person(page, PERSON)
    body = open_tab(page, SECTION)
    expect(body.get_by_text("Ewa Nowak", exact=True).first).to_be_visible()
    assert_accessible(page, "the circle section")
    rows_before = body.get_by_text("Ewa Nowak", exact=True).count()

    body.get_by_text("Add someone to the circle").click()
    wait_for_app(page)
    body.get_by_role("textbox", name="Name", exact=True).fill(
        "ewa  NOWAK"
    )  # case and spacing differ
    body.get_by_role("textbox", name="Relationship to the person (optional)", exact=True).fill(
        "Sister"
    )
    choose(body, "Their role", "Family or friend")
    wait_for_app(page)
    assert_accessible(page, "the circle's add form")
    body.get_by_role("button", name="Add to the circle").click()
    wait_for_app(page)
    expect(body.get_by_text("already in the person's circle")).to_be_visible()
    assert_accessible(page, "the offer of a likely duplicate")
    body.get_by_role("button", name="Use them").click()
    wait_for_app(page)
    expect(body.get_by_text("nothing was added", exact=False)).to_be_visible()
    assert body.get_by_text("Ewa Nowak", exact=True).count() == rows_before
    assert body.get_by_text("ewa  NOWAK", exact=True).count() == 0


def test_a_misspelt_name_corrected_in_the_browser_reads_the_same_in_the_circle_and_the_risks(
    server, server_data_dir, page
):
    from risk_app.config import Settings
    from risk_app.services import accounts
    from risk_app.services.bootstrap import open_store
    from risk_app.services.record import circle, risks
    from tests import factories

    store = open_store(Settings.from_env({"RISK_APP_DATA_DIR": str(server_data_dir)}))
    try:  # a person of this test's own: the demo people are shared by every browser test
        manager = accounts.authenticate(store, "manager", PASSWORDS["manager"])
        person = factories.person(store, "Hana Correction")
        pat = circle.add_member(
            store, by=manager, person_id=person.id, name="Pat Smiht", kind="personal_assistant"
        )
        risk_id = factories.risk(store, person, by=manager)
        risks.add_action(
            store,
            by=manager,
            person_id=person.id,
            risk_id=risk_id,
            description="Check the cooker is off",
            owner_member_id=pat.id,
            due=None,
        )
    finally:
        store.dispose()
    sign_in(page, server, "practitioner", PASSWORDS["practitioner"])
    open_page(page, "People")
    open_person(page, "Hana Correction")
    body = open_tab(page, SECTION)
    body.get_by_text("Correct someone's details").click()
    choose(body, "Whose details", "Pat Smiht (Personal assistant)")
    name = body.get_by_role("textbox", name="Name", exact=True)
    expect(name).to_have_value("Pat Smiht")
    assert_accessible(page, "the circle's correction form")
    name.fill("Pat Smith")
    body.get_by_role("button", name="Save the corrected details").click()
    expect(body.get_by_text("Corrected the details of Pat Smith")).to_be_visible()
    expect(body.get_by_text("Pat Smiht", exact=True)).to_have_count(0)
    risks_body = open_tab(page, "Risks and who owns what")
    expect(risks_body.get_by_text("Pat Smith", exact=True).first).to_be_visible()
    expect(risks_body.get_by_text("Pat Smiht", exact=True)).to_have_count(0)
