"""Opening a person's record in AppTest as a worker does: pick the person, then a section."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from risk_app.config import Settings
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import people

PICK = "caseload_person"
SECTION = "record_section"


def person_id(name: str, *, username: str = "manager", password: str = "demo-team-manager") -> int:
    """A demo person's record number, by their name, as their team sees it."""
    store = open_store(Settings.from_env())
    try:
        who = accounts.authenticate(store, username, password)
        return next(p.id for p in people.caseload(store, by=who) if p.display_name == name)
    finally:
        store.dispose()


def open_record(at: AppTest, person: int, section: str | None = None) -> AppTest:
    """Choose the person in the caseload's picker (as a row click does), then the section."""
    if not any(s.key == PICK for s in at.selectbox):
        at.switch_page("../../pages/caseload.py").run()
    at.selectbox(key=PICK).set_value(person).run()
    assert not at.exception, at.exception
    return open_section(at, section) if section else at


def open_section(at: AppTest, section: str) -> AppTest:
    """Choose one section of the open record (its name in the address, e.g. "risks")."""
    at.radio(key=SECTION).set_value(section).run()
    assert not at.exception, at.exception
    return at


def first_person(at: AppTest) -> int:
    """The first person in the caseload table (the caseload is in name order, nothing filtered)."""
    if not any(s.key == PICK for s in at.selectbox):
        at.switch_page("../../pages/caseload.py").run()
    return int(at.session_state["caseload_shown_ids"][0])


def open_expanders(at: AppTest, label_start: str) -> AppTest:
    """Open every expander whose label starts with `label_start`, as a click on each does: their
    contents are drawn only while open (`risk_app.ui.lazy`). Its key is the end of its id."""
    shut = [
        e.proto.id.split("-", 2)[-1]
        for e in at.expander
        if e.label.startswith(label_start) and e.proto.id
    ]
    assert shut, f"no expander starting {label_start!r}"
    for key in shut:
        at.session_state[key] = True
    at.run()
    assert not at.exception, at.exception
    return at
