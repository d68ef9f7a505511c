"""The safeguarding lead's pages in a real browser (issue 5): a case audit of an imported event
log with drill-down from a bar, process alignment from a file and from the table editor, the board
report, and the live framework pages. axe scans every screen shown."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from framework.loader import BUNDLED_FRAMEWORK
from risk_app.services import framework as framework_service
from tests.browser.conftest import PASSWORDS
from tests.browser.helpers import assert_accessible, choose, open_page, sign_in, wait_for_app

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
expect.set_options(timeout=20_000)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"


def upload(page: Any, label: str, path: Path, *, listed: bool = True) -> None:
    """Choose a file for the uploader with this label, as the file dialog would (``listed``:
    wait for the uploader to list it, before a button uses it)."""
    uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text=label)
    uploader.locator('input[type="file"]').set_input_files(str(path))
    if listed:
        expect(uploader.get_by_text(path.name)).to_be_visible()
    wait_for_app(page)


def click(page: Any, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    wait_for_app(page)


def test_the_lead_audits_an_event_log_and_drills_down_from_a_bar_to_the_cases(server, page):
    sign_in(page, server, "lead", PASSWORDS["lead"])
    open_page(page, "Case audit")
    assert_accessible(page, "case audit, before running")
    page.get_by_text("An event log exported from another system", exact=True).click()
    wait_for_app(page)
    upload(page, "Event log (CSV or XES)", EXAMPLES / "events.csv")
    upload(page, "Activity mapping (CSV)", EXAMPLES / "mapping.csv")
    click(page, "Run the audit")
    page.get_by_role("heading", name="Results").wait_for()
    assert_accessible(page, "case audit results")
    drill = page.get_by_role("combobox", name="Show the cases behind", exact=True)
    expect(drill).to_be_visible()
    # A click on a bar of cases with deviations at a stage lists the cases behind it.
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    bars = chart.locator(".barlayer .trace").nth(1).locator(".point path")
    widths = [bars.nth(i).bounding_box() for i in range(bars.count())]
    widest = max(range(len(widths)), key=lambda i: (widths[i] or {}).get("width", 0))
    bar = bars.nth(widest)
    bar.evaluate("e => e.scrollIntoView({block: 'center'})")
    box = bar.bounding_box()
    # Plotly's drag layer lies over the bars, so click where the bar is, as a mouse would.
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_for_app(page)
    expect(drill).to_have_value(re.compile(r"^Stage ST\d .*: deviations there \(\d+ cases?\)$"))
    page.get_by_role("tab", name="Table (same figures)").first.click()
    wait_for_app(page)
    assert_accessible(page, "case audit, stage table")


def test_the_lead_compares_a_process_file_and_then_edits_it_in_the_table(server, page):
    sign_in(page, server, "lead", PASSWORDS["lead"])
    open_page(page, "Process alignment")
    upload(page, "Local process file", EXAMPLES / "local-process.yaml")
    click(page, "Compare with the framework")
    page.get_by_role("heading", name="Results").wait_for()
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    assert_accessible(page, "process alignment results")
    page.get_by_role("tab", name="Table (same information)").click()
    wait_for_app(page)
    click(page, "Make the board report")
    with page.expect_download() as fetched:
        page.get_by_role("button", name="Download the board report (PDF)").click()
    assert Path(fetched.value.path()).read_bytes().startswith(b"%PDF")
    click(page, "Open this file in the table")
    page.get_by_text("Type it into a table", exact=True).click()
    wait_for_app(page)
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()
    assert_accessible(page, "process table editor")


def test_the_lead_explores_the_framework_item_by_item(server, page):
    sign_in(page, server, "lead", PASSWORDS["lead"])
    open_page(page, "Framework explorer")
    page.get_by_role("heading", name="Framework explorer").wait_for()
    assert_accessible(page, "framework explorer")
    choose(page.locator("body"), "Level", "Individual")
    wait_for_app(page)
    assert_accessible(page, "framework explorer, filtered by level")


def test_the_lead_uploads_a_revised_framework_reads_the_difference_and_activates_it(
    fresh_server, page, tmp_path
):
    body = BUNDLED_FRAMEWORK.read_text(encoding="utf-8")
    version = framework_service.current().version
    revised = tmp_path / "revised-framework.yaml"
    revised.write_text(body.replace(f'version: "{version}"', 'version: "2099.1.0"', 1))
    sign_in(page, fresh_server, "lead", PASSWORDS["lead"])
    open_page(page, "Framework versions")
    assert_accessible(page, "framework versions, nothing uploaded")
    upload(page, "Framework file (YAML)", revised, listed=False)  # it is read on arrival
    page.get_by_role("heading", name=re.compile(r"How version 2099\.1\.0 differs")).wait_for()
    assert_accessible(page, "framework versions, the difference")
    page.get_by_text(
        "I have read the difference and want every new record to use this version", exact=True
    ).click()
    wait_for_app(page)
    click(page, "Activate version 2099.1.0")
    expect(page.get_by_text("is the version in use").first).to_be_visible()
    assert_accessible(page, "framework versions, after activating")
    open_page(page, "Framework map")
    expect(page.get_by_text("version 2099.1.0").first).to_be_visible()


def test_the_lead_decides_a_section_42_duty_from_the_home_page_link(fresh_server, page, tmp_path):
    """A concern raised in the South team; the lead follows the home page's link to it alone and
    records the decision with every question answered. axe scans the new screen before and after."""
    from risk_app.config import Settings
    from risk_app.services import accounts
    from risk_app.services.bootstrap import open_store
    from risk_app.services.record import people, safeguarding

    store = open_store(Settings.from_env({"RISK_APP_DATA_DIR": str(tmp_path)}))
    try:
        south = accounts.authenticate(store, "practitioner.south", PASSWORDS["practitioner.south"])
        ravi = next(p for p in people.caseload(store, by=south) if p.display_name == "Ravi Shah")
        concern = safeguarding.raise_concern(
            store,
            by=south,
            person_id=ravi.id,
            abuse_types=["AB-FIN"],
            person_wants="For his brother to stop taking his money",
        )
    finally:
        store.dispose()
    sign_in(page, fresh_server, "lead", PASSWORDS["lead"])
    expect(page.get_by_text("Ravi Shah")).to_have_count(0)
    page.get_by_role("link", name=f"Decide on concern {concern.id}", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name=f"Concern {concern.id}", exact=True)).to_be_visible()
    expect(page.get_by_text("Ravi Shah", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Risk matrix")).to_have_count(0)
    assert_accessible(page, "the lead's concerns page, a concern opened for its decision")
    for question in ("Has needs", "Experiencing or at risk", "Unable to protect"):
        page.get_by_role("radiogroup", name=re.compile(re.escape(question))).get_by_text(
            "Yes", exact=True
        ).click()
    page.get_by_role("textbox", name="Reasons for the decision", exact=True).fill(
        "He depends on his brother for shopping and cannot refuse him"
    )
    click(page, "Record the Section 42 decision")
    expect(page.get_by_text("Section 42 decision made").first).to_be_visible()
    expect(page.get_by_role("radiogroup", name="Kind of enquiry")).to_be_visible()
    assert_accessible(page, "the lead's concerns page, decision recorded")
