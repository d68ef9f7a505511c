"""The minutes, downloaded from the meeting screen in a real browser as a PDF and a Word
document: both carry the organisation's protective marking and the actions agreed."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import docx
import pytest
from sqlalchemy import select

from risk_app.adapters.tables import UserRow
from risk_app.config import Settings
from risk_app.services import accounts, demo
from risk_app.services.bootstrap import open_store
from risk_app.services.record import meetings, people
from tests.browser.conftest import PASSWORDS, free_port, start_server, wait_healthy
from tests.browser.helpers import blocking_violations, open_page, open_tab, sign_in, wait_for_app
from tests.pdf_checks import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ORGANISATION = "Demo Borough Council"
ACTION = "Fit a door alarm <b>before</b> the next trip"
OWNER = "Grace O'Neill"


def _hold_meetings(data_dir: Path) -> None:
    """The demo organisation, with a closed meeting on every person of the practitioner's
    caseload (so whichever record opens first has one)."""
    store = open_store(Settings.from_env({"RISK_APP_DATA_DIR": str(data_dir)}))
    demo.load(store)
    with store.read() as session:
        worker = accounts.actor_of(
            session.scalars(select(UserRow).where(UserRow.username == "practitioner")).one()
        )
    for person in people.caseload(store, by=worker):
        held = meetings.open_meeting(
            store,
            by=worker,
            person_id=person.id,
            held_on=date.today(),
            title="Multi-agency risk meeting",
            purpose="Going out alone",
            chair="Team manager",
            attendees=[
                {"name": "PC Lewis", "agency": "West Police", "role": "police", "present": True},
                {"name": "Advocate", "agency": "Advocacy", "role": "advocate", "present": True},
            ],
        )
        meetings.agree_action(
            store,
            by=worker,
            meeting_id=held.id,
            description=ACTION,
            owner_name=OWNER,
            owner_kind="family_or_friend",
            due=date.today() + timedelta(days=7),
        )
        meetings.close_meeting(store, by=worker, meeting_id=held.id, expected_version=held.version)
    store.dispose()


@pytest.fixture
def meeting_server(tmp_path: Path) -> Iterator[str]:
    _hold_meetings(tmp_path)
    port = free_port()
    process = start_server(
        tmp_path,
        port,
        {"RISK_APP_ORGANISATION_NAME": ORGANISATION, "RISK_APP_PROTECTIVE_MARKING": ""},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_the_minutes_download_as_pdf_and_word_with_the_marking_and_the_actions(
    meeting_server, page
):
    sign_in(page, meeting_server, "practitioner", PASSWORDS["practitioner"])
    open_page(page, "People")
    meeting = open_tab(page, "Multi-agency meetings")
    meeting.get_by_role("button", name="Prepare the minutes", exact=True).click()
    wait_for_app(page)
    saved = {}
    for label in ("Download the minutes (PDF)", "Download the minutes (Word)"):
        with page.expect_download() as fetched:
            meeting.get_by_role("button", name=label).click()
        saved[fetched.value.suggested_filename.rsplit(".", 1)[1]] = Path(
            fetched.value.path()
        ).read_bytes()
    text = pdf_text(saved["pdf"])
    assert text.count("OFFICIAL-SENSITIVE") >= 2 and ORGANISATION in text
    assert OWNER in text and "Fit a door alarm <b>before</b>" in text
    word = docx.Document(io.BytesIO(saved["docx"]))
    assert word.sections[0].header.paragraphs[0].text == f"OFFICIAL-SENSITIVE\t{ORGANISATION}"
    cells = [c.text for t in word.tables for r in t.rows for c in r.cells]
    assert ACTION in cells and f"{OWNER} (Family or friend)" in cells
    wait_for_app(page)  # a download reruns the app, which fades the page while it runs
    assert blocking_violations(page) == []
