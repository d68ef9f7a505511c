"""The safeguarding lead decides on the Section 42 duty from the concerns page (AppTest): a concern
in any team, opened from the list or from the home's link, with the person's name and team and no
other part of the record; the same step forms as the person's page, every question unanswered."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from risk_app.config import Settings
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import people, safeguarding
from tests.ui import shown
from tests.ui.conftest import PASSWORDS, ROOT
from tests.ui.record.test_person_page import button

WANTS = "For my brother to **stop** <b>taking</b> my money"


def _raise_for_ravi() -> int:
    store = open_store(Settings.from_env())
    try:
        who = accounts.authenticate(store, "practitioner.south", PASSWORDS["practitioner.south"])
        pid = next(p.id for p in people.caseload(store, by=who) if p.display_name == "Ravi Shah")
        return safeguarding.raise_concern(
            store, by=who, person_id=pid, abuse_types=["AB-FIN"], person_wants=WANTS
        ).id
    finally:
        store.dispose()


def _concerns_page(at: AppTest) -> AppTest:
    at.switch_page("../../pages/concerns.py").run()
    assert not at.exception, at.exception
    return at


def _s42_radios(at: AppTest):
    """The decision's condition radios (one per condition of the nation's test)."""
    return [r for r in at.radio if "_condition_" in (r.key or "")]


def test_the_leads_home_links_each_waiting_decision_to_the_concerns_page(signed_in):
    concern_id = _raise_for_ravi()
    at = signed_in("lead")
    links = [p.proto.label for p in at.get("page_link")]
    assert f"Decide on concern {concern_id}" in links
    assert "Ravi" not in shown.all_text(at), "the home names nobody"


def test_the_lead_opens_a_concern_in_another_team_and_decides_with_nothing_assumed(signed_in):
    concern_id = _raise_for_ravi()
    at = _concerns_page(signed_in("lead"))
    listed = shown.table_with(at, "Where it stands")
    # The demo's own open concerns are listed too (see services/demo_records.py), across teams.
    teams = dict(zip([str(c) for c in listed["Concern"]], listed["Team"], strict=True))
    assert teams[str(concern_id)] == "South Locality Team"
    assert set(teams.values()) == {"North Locality Team", "South Locality Team"}
    assert "Ravi" not in " ".join(str(v) for v in listed.to_numpy().ravel()), "no names listed"
    assert "Ravi" not in shown.all_text(at), "the list names nobody until a concern is opened"
    at.selectbox(key="lead_concern").set_value(concern_id).run()
    page = shown.all_text(at)
    assert "Ravi Shah" in page and "South Locality Team" in page
    assert WANTS in page, "what the person wants is shown as typed"
    for other_part in ("Risk matrix", "Decisions recorded", "Record a supported decision"):
        assert other_part not in page
    radios = _s42_radios(at)
    assert len(radios) == 3 and all(r.value is None for r in radios)
    reasons = "He depends on his brother for shopping and cannot refuse him"
    next(t for t in at.text_area if t.label == "Reasons for the decision").set_value(reasons)
    button(at, "Record the Section 42 decision").click().run()
    [error] = shown.errors(at)
    assert "care and support" in error and "abuse or neglect" in error
    assert next(t for t in at.text_area if t.label == "Reasons for the decision").value == reasons
    for radio in _s42_radios(at):
        radio.set_value(True)
    button(at, "Record the Section 42 decision").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert "Section 42 decision made" in shown.all_text(at)
    history = shown.table_with(at, "Step")
    assert list(history["Step"]) == ["Raise the concern", "Decide on the Section 42 duty"]
    assert list(history["By"]) == ["practitioner.south", "lead"]
    assert any(r.label == "Kind of enquiry" and r.value is None for r in at.radio)


def test_the_address_opens_the_concern_the_home_linked_to(signed_in):
    concern_id = _raise_for_ravi()
    at = signed_in("lead")
    at.query_params["concern"] = str(concern_id)
    _concerns_page(at)
    assert at.selectbox(key="lead_concern").value == concern_id
    assert f"Concern {concern_id}" in [h.value for h in at.header]


def test_a_team_manager_running_the_concerns_page_directly_is_refused_and_shown_nothing(
    signed_in,
):
    _raise_for_ravi()
    at = signed_in("manager")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("../../pages/concerns.py")
    page = AppTest.from_file(str(ROOT / "pages" / "concerns.py"), default_timeout=30)
    page.run()  # the same browser: the manager's cookie
    assert shown.errors(page) == ["You do not have access to this page."]
    assert not page.selectbox and not page.html
