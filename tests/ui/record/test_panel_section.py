"""The panels section of the decisions tab through AppTest: a referral, then only the steps the
lifecycle allows, each question unanswered until answered, nothing typed lost on a refusal, and a
step on a panel someone else moved on refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from risk_app.adapters.tables import PersonRow
from risk_app.config import Settings
from risk_app.domain.record.panel_lifecycle import PanelState, Scheduling
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import panels, people
from risk_app.ui.record.panel_views import NO_RISKS_YET
from tests import factories
from tests.ui import shown
from tests.ui.record.test_decision_page import area, open_as, table_with
from tests.ui.record.test_person_page import button

TODAY = datetime.now(UTC).date()


def _refer(at: AppTest) -> AppTest:
    area(at, "Why it is referred").set_value("Disagreement about riding after medication")
    area(at, "The question for the panel").set_value("Can Dave ride after his evening dose?")
    area(at, "The person's view").set_value("It is my life and my bike")
    return at


def _next(at: AppTest, choice: str) -> AppTest:
    what_next = next(r for r in at.radio if r.label == "What next?")
    return what_next.set_value(next(o for o in what_next.options if o == choice)).run()


def _referred_panel(name: str) -> int:
    store = open_store(Settings.from_env())
    try:
        with store.read() as session:
            person_id = session.scalar(select(PersonRow.id).where(PersonRow.display_name == name))
        assert person_id is not None
        person = people.get_person(store, by=accounts.SYSTEM, person_id=person_id)
        return factories.panel(store, person).id
    finally:
        store.dispose()


def _schedule(panel_id: int) -> None:
    """Someone else sets the date (version 1 is the referral as made)."""
    store = open_store(Settings.from_env())
    try:
        panels.schedule(
            store,
            by=accounts.SYSTEM,
            panel_id=panel_id,
            expected_version=1,
            data=Scheduling(TODAY),
        )
    finally:
        store.dispose()


def test_a_referral_needs_a_route_chosen_and_keeps_what_was_typed_until_it_has_one(signed_in):
    at = open_as(signed_in("practitioner"), "David Price")
    route = next(s for s in at.selectbox if s.label == "Route")
    assert route.value is None
    _refer(at)
    button(at, "Refer to the panel").click().run()
    assert any("Choose the route" in e for e in shown.errors(at))
    assert area(at, "The question for the panel").value == "Can Dave ride after his evening dose?"
    next(s for s in at.selectbox if s.label == "Route").set_value("RT2")
    button(at, "Refer to the panel").click().run()
    assert not shown.errors(at), shown.errors(at)
    row = table_with(at, "Where it is up to").iloc[0]
    assert row["Where it is up to"] == PanelState.REFERRED.label
    assert row["Recommendation"] == "— (no outcome yet)"
    assert area(at, "The question for the panel").value == ""


def test_a_referred_panel_offers_only_a_date_or_withdrawal_and_asks_for_the_date(signed_in):
    _referred_panel("David Price")
    at = open_as(signed_in("practitioner"), "David Price")
    what_next = next(r for r in at.radio if r.label == "What next?")
    assert what_next.value is None
    assert list(what_next.options) == ["Set the panel's date", "Withdraw the referral"]
    at = _next(at, "Set the panel's date")
    button(at, "Set the date").click().run()
    assert any("date the panel will meet" in e for e in shown.errors(at))
    next(d for d in at.date_input if d.label == "Date of the panel").set_value(
        TODAY + timedelta(days=5)
    )
    button(at, "Set the date").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert table_with(at, "Where it is up to").iloc[0]["Where it is up to"] == (
        PanelState.SCHEDULED.label
    )


def test_an_outcome_asks_whether_the_person_attended_and_keeps_the_recommendation_typed(
    signed_in,
):
    panel_id = _referred_panel("David Price")
    _schedule(panel_id)
    at = _next(open_as(signed_in("practitioner"), "David Price"), "Record the panel's outcome")
    attended = next(r for r in at.radio if r.label == "Did the person attend?")
    assert attended.value is None
    filled = "The panel met on: the date it was set for, filled in for you — change it if it met"
    assert any(c.value.startswith(filled) for c in at.caption)
    area(at, "Options considered").set_value("Ride with grandson\nNo riding after evening dose")
    area(at, "Recommendation").set_value("Ride with his grandson after the evening dose")
    button(at, "Record the outcome").click().run()
    assert any("did the person attend" in e for e in shown.errors(at))
    assert area(at, "Recommendation").value == "Ride with his grandson after the evening dose"
    next(r for r in at.radio if r.label == "Did the person attend?").set_value(True)
    button(at, "Record the outcome").click().run()
    assert not shown.errors(at), shown.errors(at)
    row = table_with(at, "Where it is up to").iloc[0]
    assert row["Recommendation"] == "Ride with his grandson after the evening dose"
    what_next = next(r for r in at.radio if r.label == "What next?")
    assert list(what_next.options) == ["Close the referral"]


def test_a_step_on_a_panel_someone_else_moved_on_is_refused_and_says_so(signed_in):
    panel_id = _referred_panel("David Price")
    at = _next(open_as(signed_in("practitioner"), "David Price"), "Withdraw the referral")
    area(at, "Why it is withdrawn").set_value("Dave and his family now agree")
    store = open_store(Settings.from_env())
    manager = accounts.authenticate(store, "manager", "demo-team-manager")
    panels.schedule(
        store, by=manager, panel_id=panel_id, expected_version=1, data=Scheduling(TODAY)
    )
    store.dispose()
    button(at, "Withdraw the referral").click().run()
    assert any("changed by someone else" in e for e in shown.errors(at))
    assert area(at, "Why it is withdrawn").value == "Dave and his family now agree"
    button(at, "Withdraw the referral").click().run()  # having now seen the newer version
    assert not shown.errors(at), shown.errors(at)
    row = table_with(at, "Where it is up to").iloc[0]
    assert row["Where it is up to"] == PanelState.WITHDRAWN.label


def test_a_person_without_risks_is_told_so_rather_than_shown_an_empty_disabled_risk_list(
    signed_in,
):
    store = open_store(Settings.from_env())
    try:
        factories.person(store, "Noor Riskless", stage="ST3")  # nothing recorded about her yet
    finally:
        store.dispose()
    at = open_as(signed_in("practitioner"), "Noor Riskless")
    assert not [m for m in at.multiselect if m.label == "Risks to consider"]
    assert any(c.value == NO_RISKS_YET for c in at.caption)
    _refer(at)
    next(s for s in at.selectbox if s.label == "Route").set_value("RT2")
    button(at, "Refer to the panel").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert (
        table_with(at, "Where it is up to").iloc[0]["Where it is up to"]
        == "Referred, not yet scheduled"
    )
