"""The reference meeting, in at most 25 clicks: four attendees from three agencies and the person's
advocate (all from her circle), two risks, two decisions, one dissent, three actions with owners
and dates, closed, and the minutes downloaded. The browser counts every click and every Enter the
user makes; afterwards the whole record is read back, and axe scans the meeting screen.

The people around Amina are recorded once, in her circle, before the meeting (that is not part of
running it), as are her two risks.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from risk_app.config import Settings
from risk_app.domain.record.meetings import ItemKind, MeetingStatus, PersonVoice
from risk_app.domain.record.ownership import ActionStatus
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import circle, meetings, people, risks
from tests.browser.conftest import PASSWORDS, serving
from tests.browser.helpers import (
    assert_accessible,
    open_page,
    open_tab,
    pick,
    sign_in,
    type_date,
    wait_for_app,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
expect.set_options(timeout=20_000)

PERSON = "Amina Okafor"
TRAVEL, COOKING = "Travelling to college alone", "Cooking on her own"
CIRCLE = (
    # name, kind, relationship, agency
    ("Dr Ana Patel", "health", "GP", "Riverside Surgery"),
    ("Kim Lee", "health", "Practice nurse", "Riverside Surgery"),
    ("PC Dale Hughes", "police", "Neighbourhood officer", "West Police"),
    ("Gill Brown", "council", "Transport team", "Westshire Council"),
    ("Grace Adebayo", "advocate", "Care Act advocate", "Advocacy Now"),
)
MAX_CLICKS = 25

_COUNT = """() => {
    if (window.__meetingCount) { return; }
    window.__meetingCount = {clicks: 0, enters: 0};
    document.addEventListener('mousedown', e => { if (e.isTrusted) window.__meetingCount.clicks++; }, true);
    document.addEventListener('keydown', e => {
        if (e.isTrusted && e.key === 'Enter') window.__meetingCount.enters++;
    }, true);
}"""


@pytest.fixture
def amina_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A server of its own, where Amina has two risks and her circle is recorded."""
    try:
        with serving(tmp_path) as url:
            store = open_store(Settings.from_env({"RISK_APP_DATA_DIR": str(tmp_path)}))
            try:
                sam = accounts.authenticate(store, "practitioner", PASSWORDS["practitioner"])
                amina = next(
                    p.id for p in people.caseload(store, by=sam) if p.display_name == PERSON
                )
                assessment = risks.start_assessment(store, by=sam, person_id=amina)
                for activity in (TRAVEL, COOKING):
                    risks.add_risk(
                        store,
                        by=sam,
                        assessment_id=assessment,
                        data=risks.RiskInput(activity=activity, likelihood=3, impact=3),
                    )
                known = {m.name for m in circle.members_for(store, by=sam, person_id=amina)}
                for name, kind, relationship, agency in CIRCLE:
                    if name in known:  # the demo's own circle may already hold them
                        continue
                    circle.add_member(
                        store,
                        by=sam,
                        person_id=amina,
                        name=name,
                        kind=kind,
                        relationship=relationship,
                        agency=agency,
                    )
            finally:
                store.dispose()
            yield url
    finally:
        log = tmp_path / "server.log"
        if log.exists():
            request.node.add_report_section("teardown", "server log", log.read_text()[-6000:])


def _label(name: str) -> str:
    _, _, relationship, agency = next(c for c in CIRCLE if c[0] == name)
    return f"{name} ({relationship}, {agency})"


def _section(scope: Any, heading: str) -> Any:
    """A risk's (or the general) section: the innermost block holding its heading and form."""
    return (
        scope.locator('[data-testid="stVerticalBlock"]')
        .filter(has=scope.page.get_by_role("heading", name=heading, exact=True))
        .last
    )


def _record(section: Any, *, decision: str = "", party: str = "", dissent: str = "",
            action: str = "", owner: str = "", due: date | None = None) -> None:  # fmt: skip
    """Fill one section's form and add it: one click for the owner list, one for the owner, one
    to add (typing and the typed date are not clicks)."""
    for label, value in (
        ("Decision", decision),
        ("Who disagrees", party),
        ("Their disagreement, in their words", dissent),
        ("Action agreed", action),
    ):
        if value:
            section.get_by_role("textbox", name=label, exact=True).fill(value)
    if owner:
        pick(section, "Who will do it", owner)
    if due:
        type_date(section, "By when", due)
    section.get_by_role("button", name="Add to the record", exact=True).click()
    wait_for_app(section.page)


def test_the_reference_meeting_takes_at_most_25_clicks_and_leaves_a_whole_record(
    amina_server, page, tmp_path
):
    today = date.today()
    dues = [today + timedelta(days=d) for d in (7, 14, 28)]
    sign_in(page, amina_server, "practitioner", PASSWORDS["practitioner"])
    open_page(page, "People")
    page.get_by_label("Open a person's record").click()
    page.get_by_role("option", name=PERSON, exact=True).click()
    wait_for_app(page)
    page.evaluate(_COUNT)

    # The meeting starts: the start form is open, as Amina has had no meeting yet.
    meeting = open_tab(page, "Multi-agency meetings")
    meeting.get_by_role("textbox", name="Chair", exact=True).fill("Sam Carter")
    meeting.get_by_role("textbox", name="Purpose", exact=True).fill(
        "Agree how Amina travels to college and cooks safely"
    )
    here = "Who is here (the person, or who speaks for them, and the agencies)"
    pick(meeting, here, *(_label(name) for name, *_ in CIRCLE))
    meeting.get_by_role("button", name="Start the meeting", exact=True).click()
    wait_for_app(page)
    expect(meeting.get_by_text("An advocate attended for the person.")).to_be_visible()
    assert_accessible(page, "the meeting screen, open")

    # Two risks: a decision with its action under each, the sister's... the GP's dissent under
    # the first; a third action under the second.
    _record(
        _section(meeting, f"Risk: {TRAVEL}"),
        decision="Amina travels to college alone from Monday",
        party="Dr Ana Patel",
        dissent="I would wait until her new medication has settled",
        action="Teach Amina the route twice with her",
        owner=_label("Gill Brown"),
        due=dues[0],
    )
    _record(
        _section(meeting, f"Risk: {COOKING}"),
        decision="Amina cooks with the microwave only for now",
        action="Fit a cooker isolation switch",
        owner=_label("Kim Lee"),
        due=dues[1],
    )
    _record(
        _section(meeting, f"Risk: {COOKING}"),
        action="Check the smoke alarm works",
        owner=_label("PC Dale Hughes"),
        due=dues[2],
    )

    # Closed at once, then the minutes.
    type_date(meeting, "Next meeting", today + timedelta(days=42))
    meeting.get_by_role("button", name="Close the meeting", exact=True).click()
    wait_for_app(page)
    expect(meeting.get_by_text("Closed. 3 action(s) stay open")).to_be_visible()
    meeting.get_by_role("button", name="Prepare the minutes", exact=True).click()
    wait_for_app(page)
    with page.expect_download() as download:
        meeting.get_by_role("button", name="Download the minutes (HTML)").click()
    minutes = Path(download.value.path()).read_text(encoding="utf-8")
    count = page.evaluate("() => window.__meetingCount")
    assert count["clicks"] + count["enters"] <= MAX_CLICKS, (
        count
    )  # 21 clicks, 0 Enters when written

    assert "Fit a cooker isolation switch" in minutes and "Kim Lee" in minutes
    assert_accessible(page, "the meeting screen, closed")

    # The whole record, read back: nothing missing, nothing twice, each thing where it belongs.
    store = open_store(Settings.from_env({"RISK_APP_DATA_DIR": str(tmp_path)}))
    try:
        sam = accounts.authenticate(store, "practitioner", PASSWORDS["practitioner"])
        amina = next(p.id for p in people.caseload(store, by=sam) if p.display_name == PERSON)
        (held,) = meetings.meetings_for(store, by=sam, person_id=amina)
        risk_of = {
            r.activity: r.id for r in risks.assessments_for(store, by=sam, person_id=amina)[0].risks
        }
    finally:
        store.dispose()
    assert held.status is MeetingStatus.CLOSED
    assert held.next_meeting == today + timedelta(days=42)
    assert held.person_voice is PersonVoice.ADVOCATE
    assert sorted((a.name, a.agency, a.present) for a in held.attendees) == sorted(
        (name, agency, True) for name, _, _, agency in CIRCLE
    )
    assert len({a.agency for a in held.attendees if a.role.value != "advocate"}) == 3
    assert [(i.kind, i.risk_id) for i in held.items] == [
        (ItemKind.DECISION, risk_of[TRAVEL]),
        (ItemKind.DISSENT, risk_of[TRAVEL]),
        (ItemKind.DECISION, risk_of[COOKING]),
    ]
    assert held.items[1].party == "Dr Ana Patel"
    assert [
        (a.owner_name, a.due, held.action_risks[int(a.id)], a.status) for a in held.actions
    ] == [
        ("Gill Brown", dues[0], risk_of[TRAVEL], ActionStatus.OPEN),
        ("Kim Lee", dues[1], risk_of[COOKING], ActionStatus.OPEN),
        ("PC Dale Hughes", dues[2], risk_of[COOKING], ActionStatus.OPEN),
    ]
