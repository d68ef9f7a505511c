"""Panels waiting, as the home page will show it (the lead wires it into the team manager's home):
a heading, counts, and a literal table; the team manager sees names, the safeguarding lead teams."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from risk_app.adapters.tables import PersonRow
from risk_app.config import Settings
from risk_app.domain.record.panel_lifecycle import PanelState, Withdrawal
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import panels, panels_waiting, people
from tests import factories
from tests.ui import shown
from tests.ui.conftest import PASSWORDS


def _home(username: str, password: str) -> None:
    """Run as the script of an AppTest: render the list as `username` sees it."""
    from risk_app.config import Settings
    from risk_app.services import accounts
    from risk_app.services.bootstrap import open_store
    from risk_app.ui.record.panels_waiting_views import render_panels_waiting

    store = open_store(Settings.from_env())
    try:
        render_panels_waiting(store, accounts.authenticate(store, username, password))
    finally:
        store.dispose()


def _as(username: str) -> AppTest:
    at = AppTest.from_function(_home, args=(username, PASSWORDS[username]), default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    return at


def _refer_for(name: str, *, at: PanelState) -> None:
    store = open_store(Settings.from_env())
    try:
        with store.read() as session:
            person_id = session.scalar(select(PersonRow.id).where(PersonRow.display_name == name))
        assert person_id is not None
        person = people.get_person(store, by=accounts.SYSTEM, person_id=person_id)
        factories.panel(store, person, at=at)
    finally:
        store.dispose()


def _withdraw_the_teams_waiting(username: str) -> None:
    """As `username`, withdraw every referral of their team still waiting (the demo's)."""
    store = open_store(Settings.from_env())
    try:
        by = accounts.authenticate(store, username, PASSWORDS[username])
        for waiting in panels_waiting.panels_waiting(store, by=by):
            [panel] = [
                p
                for p in panels.panels_for(store, by=by, person_id=waiting.person_id)
                if p.id == waiting.panel_id
            ]
            panels.withdraw(
                store,
                by=by,
                panel_id=panel.id,
                expected_version=panel.version,
                data=Withdrawal("The family found another way forward."),
            )
    finally:
        store.dispose()


def test_with_nothing_waiting_the_list_says_so(data_dir: Path):
    _withdraw_the_teams_waiting("practitioner")
    at = _as("manager")
    assert [h.value for h in at.header] == ["Panels waiting"]
    assert any("No panel referral is waiting" in m.value for m in at.markdown)


def test_the_manager_sees_their_teams_panels_by_name_and_the_lead_sees_teams_only(
    data_dir: Path,
):
    _refer_for("David Price", at=PanelState.REFERRED)
    _refer_for("David Price", at=PanelState.SCHEDULED)
    _refer_for("David Price", at=PanelState.OUTCOME)
    manager = shown.table_with(_as("manager"), "Person")
    # The demo's own referral for Peggy waits longest.
    assert list(manager["Person"]) == ["Margaret Hughes", "David Price", "David Price"]
    assert list(manager["Where it is up to"]) == [
        PanelState.REFERRED.label,
        PanelState.REFERRED.label,
        PanelState.SCHEDULED.label,
    ]
    assert manager["Panel date"].iloc[0] == "No date set yet"
    lead = shown.table_with(_as("lead"), "Team")
    assert "Person" not in lead.columns
    assert "David Price" not in lead.to_string() and "Margaret" not in lead.to_string()
