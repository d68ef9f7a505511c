"""The safeguarding oversight sections the home pages show (AppTest): the manager's team's decisions
waiting with working days left and open enquiries; the lead's counts across the organisation with
no person's name."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from risk_app.config import Settings
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import people, safeguarding
from tests.ui import shown
from tests.ui.conftest import PASSWORDS


def _section(username: str, password: str, lead: bool) -> None:
    from risk_app.config import Settings
    from risk_app.services import accounts
    from risk_app.services.bootstrap import open_store
    from risk_app.ui.record import safeguarding_oversight_views as views

    store = open_store(Settings.from_env())
    actor = accounts.authenticate(store, username, password)
    (views.render_for_lead if lead else views.render_for_manager)(store, actor)
    store.dispose()


def _run(username: str, *, lead: bool) -> AppTest:
    at = AppTest.from_function(
        _section, args=(username, PASSWORDS[username], lead), default_timeout=30
    )
    at.run()
    assert not at.exception, at.exception
    return at


def _raise_for_margaret() -> int:
    store = open_store(Settings.from_env())
    try:
        who = accounts.authenticate(store, "practitioner", PASSWORDS["practitioner"])
        pid = next(
            p.id for p in people.caseload(store, by=who) if p.display_name == "Margaret Hughes"
        )
        return safeguarding.raise_concern(
            store, by=who, person_id=pid, abuse_types=["AB-FIN"], person_wants="**To stay safe**"
        ).id
    finally:
        store.dispose()


def test_the_manager_sees_the_decision_waiting_with_the_working_days_left(data_dir):
    concern_id = _raise_for_margaret()
    at = _run("manager", lead=False)
    assert "Safeguarding in your team" in [h.value for h in at.header]
    waiting = shown.table_with(at, "Decision due")
    # After the demo's own: Peggy's raised a week ago (late) and Tomasz's raised today.
    assert [str(c) for c in waiting["Concern"]][-1] == str(concern_id)
    assert list(waiting["Person"]) == ["Margaret Hughes", "Tomasz Nowak", "Margaret Hughes"]
    assert list(waiting["Time left"])[1:] == ["2 working days left", "2 working days left"]
    assert waiting["Time left"].iloc[0].endswith(" late")
    assert "No enquiry is open." in shown.all_text(at)


def test_the_lead_sees_counts_per_state_and_no_persons_name(data_dir):
    _raise_for_margaret()
    at = _run("lead", lead=True)
    counts = shown.table_with(at, "Where they stand")
    assert "Raised: Section 42 decision waiting" in list(counts["Where they stand"])
    page = shown.all_text(at)
    assert "Margaret" not in page and "To stay safe" not in page
