"""The record opens at the person and section the address names, and draws only that section."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from risk_app.config import Settings
from risk_app.services.bootstrap import open_store
from risk_app.ui.person_record import NOT_OPENED, SECTIONS
from tests import factories
from tests.ui import shown
from tests.ui.conftest import new_app, sign_in
from tests.ui.records import SECTION, first_person, open_record, open_section, person_id

HEADINGS = {
    "journey": "Move to another stage",
    "risks": "Add a risk",
    "decisions": "Record a supported decision",
    "agreement": "Risk agreement",
    "concern": "Raise a safeguarding concern",
    "sharing": "What the person can read",
    "details": "Download the whole record",
    "framework": "Escalation routes",
}
"""A heading each section shows, and no other section does."""


def _headings(at: AppTest) -> set[str]:
    return {str(h.value) for h in at.subheader} | {str(e.label) for e in at.expander}


def _deep_link(username: str, **params: str) -> AppTest:
    """A fresh browser tab opened at /caseload?…, signed in (the cookie came with it)."""
    at = new_app()
    for name, value in params.items():
        at.query_params[name] = value
    sign_in(at, username)
    at.switch_page("../../pages/caseload.py").run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("section", [s for s in HEADINGS])
def test_only_the_chosen_section_is_drawn(signed_in, section):
    at = signed_in("practitioner")
    at = open_record(at, first_person(at), section)
    found = _headings(at)
    assert HEADINGS[section] in found
    others = {h for key, h in HEADINGS.items() if key != section}
    assert not found & others, f"{section} drew other sections too: {found & others}"
    assert at.query_params["section"] == section


def test_the_meetings_section_is_drawn_alone(signed_in):
    at = signed_in("practitioner")
    at = open_record(at, first_person(at), "meetings")
    found = _headings(at)
    assert "Start a multi-agency risk meeting" in found
    assert not found & set(HEADINGS.values())


def test_choosing_a_person_and_a_section_writes_both_into_the_address(signed_in):
    at = signed_in("practitioner")
    wanted = person_id("Tomasz Nowak")
    at = open_record(at, wanted, "decisions")
    assert at.query_params["person"] == str(wanted)
    assert at.query_params["section"] == "decisions"


def test_a_deep_link_opens_the_record_at_its_section(data_dir: Path):
    wanted = person_id("Tomasz Nowak")
    at = _deep_link("practitioner", person=str(wanted), section="risks")
    assert "Tomasz Nowak" in shown.all_text(at)
    assert at.radio(key=SECTION).value == "risks"
    labels = [b.label for b in at.button]
    assert "Start a risk assessment at this stage" in labels or "Add a risk" in _headings(at)
    assert not _headings(at) & (set(HEADINGS.values()) - {"Add a risk"})
    assert at.selectbox(key="caseload_person").value == wanted


def test_a_refresh_keeps_the_record_and_the_section(signed_in):
    """A refresh is a new Streamlit session that brings the address and the cookie back."""
    at = signed_in("practitioner")
    wanted = person_id("Tomasz Nowak")
    open_record(at, wanted, "sharing")
    params = dict(at.query_params)
    again = _deep_link("practitioner", **params)
    assert again.radio(key=SECTION).value == "sharing"
    assert "What the person can read" in _headings(again)
    assert "Tomasz Nowak" in shown.all_text(again)


def test_an_unknown_section_in_the_address_opens_the_first_section(data_dir: Path):
    wanted = person_id("Tomasz Nowak")
    at = _deep_link("practitioner", person=str(wanted), section="<script>")
    assert at.radio(key=SECTION).value == SECTIONS[0].key
    assert not shown.errors(at)


def test_a_record_of_another_team_is_refused_without_saying_whether_it_exists(data_dir: Path):
    store = open_store(Settings.from_env())
    elsewhere = factories.person(store, "Someone Elsewhere", team=factories.SOUTH)
    store.dispose()
    refused = _deep_link("practitioner", person=str(elsewhere.id), section="risks")
    missing = _deep_link("practitioner", person="999999", section="risks")
    for at in (refused, missing):
        assert shown.errors(at) == [NOT_OPENED]
        assert "Someone Elsewhere" not in shown.all_text(at)
        assert not at.exception
        assert not any(r.key == SECTION for r in at.radio)


@pytest.mark.parametrize(
    "garbage",
    ["abc", "-1", "0", "1.5", "9" * 40, "1 OR 1=1", "١٢", "%2F%2Fevil", "", "1e3"],
)
def test_a_garbage_person_in_the_address_is_refused_plainly(data_dir: Path, garbage):
    at = _deep_link("practitioner", person=garbage)
    assert shown.errors(at) == [NOT_OPENED]
    assert not at.exception


def test_the_caseload_filters_start_unset_and_nobody_is_opened_until_asked(signed_in):
    at = signed_in("practitioner")
    at.switch_page("../../pages/caseload.py").run()
    assert at.selectbox(key="caseload_person").value is None
    assert at.selectbox(key="caseload_review").value is None
    assert at.multiselect(key="caseload_stage").value == []
    assert at.checkbox(key="caseload_concern").value is False
    assert at.text_input(key="caseload_search").value == ""
    assert not any(r.key == SECTION for r in at.radio)


def test_searching_by_name_narrows_the_table(signed_in):
    at = signed_in("practitioner")
    at.switch_page("../../pages/caseload.py").run()
    everyone = list(at.session_state["caseload_shown_ids"])
    at.text_input(key="caseload_search").input("nowak").run()
    assert at.session_state["caseload_shown_ids"] == [person_id("Tomasz Nowak")]
    at.text_input(key="caseload_search").input("").run()
    assert at.session_state["caseload_shown_ids"] == everyone


def test_the_open_concern_filter_and_header_link_go_to_the_concern(signed_in, data_dir: Path):
    wanted = person_id("Tomasz Nowak")
    store = open_store(Settings.from_env())
    from risk_app.services import accounts
    from risk_app.services.record import people

    manager = accounts.authenticate(store, "manager", "demo-team-manager")
    factories.concern(store, people.get_person(store, by=manager, person_id=wanted))
    store.dispose()
    at = signed_in("practitioner")
    at.switch_page("../../pages/caseload.py").run()
    at.checkbox(key="caseload_concern").check().run()
    assert wanted in at.session_state["caseload_shown_ids"]
    open_record(at, wanted, "risks")
    go = next(b for b in at.button if b.label == "Go to the open concern")
    go.click().run()
    assert at.query_params["section"] == "concern"
    assert at.radio(key=SECTION).value == "concern"


def test_opening_another_section_keeps_the_person(signed_in):
    at = signed_in("practitioner")
    wanted = person_id("Tomasz Nowak")
    open_record(at, wanted, "risks")
    open_section(at, "details")
    assert at.query_params["person"] == str(wanted)
    assert "Download the whole record" in _headings(at)


def test_a_visitor_not_signed_in_at_a_records_address_is_asked_to_sign_in(data_dir: Path):
    """Under single sign-on the address reaches Streamlit: every page's address shows sign-in."""
    at = new_app()
    at.query_params["person"] = "1"
    at.query_params["section"] = "risks"
    at.run()
    at._page_hash = calc_hash("caseload")  # a page is known by its address (st.Page hashes it)
    at.run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Sign in to risk-app"]
    assert at._finished_page_script_hash == calc_hash("caseload"), "not found: the default page"
    assert "Tomasz Nowak" not in shown.all_text(at)
    assert dict(at.query_params) == {"person": "1", "section": "risks"}
