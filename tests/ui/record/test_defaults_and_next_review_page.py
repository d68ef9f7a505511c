"""Defaults are said to be defaults before saving, and the one next review date reads the same on
the person's home, the staff home, the caseload and the Reviews tab (AppTest)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from risk_app.config import Settings
from risk_app.domain import words
from risk_app.domain.record.panel_lifecycle import PanelState
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import people
from risk_app.ui.defaults import FILLED_IN
from tests import factories
from tests.ui import shown
from tests.ui.record.test_person_page import button, open_person
from tests.ui.records import open_expanders, open_section

TODAY = datetime.now(UTC).date()
PANEL_DATE = TODAY + timedelta(days=10)


def _caption(what: str, value: str, otherwise: str) -> str:
    return FILLED_IN.format(what=what, value=value, otherwise=otherwise)


def test_dates_and_the_scale_filled_in_for_convenience_say_so_before_saving(signed_in):
    at = open_person(signed_in("practitioner"), "David Price")
    captions = [c.value for c in at.caption]  # the journey section: reviews
    for section in ("meetings", "risks"):  # one section is drawn at a time
        captions += [c.value for c in open_section(at, section).caption]
    for expected in (
        _caption("Held on", "today", "the review was held on another day"),
        _caption("Date", "today", "the meeting was held on another day"),
        _caption(
            "Due by", "four weeks from today", "the review is needed sooner or can wait longer"
        ),
        _caption(
            "Risk scale",
            "your organisation's scale",
            "your organisation uses another: the administrator sets it for everyone",
        ),
    ):
        assert expected in captions, expected
    assert (
        "Held on: today, filled in for you — change it if the review was held on another day."
        in (captions)
    )


def test_a_review_recorded_or_asked_for_without_its_kind_is_refused_by_name(signed_in):
    at = open_person(signed_in("practitioner"), "David Price")
    assert next(s for s in at.selectbox if s.label == "Kind").value is None
    assert next(s for s in at.selectbox if s.label == "What has changed").value is None
    button(at, "Record review").click().run()
    assert any("Choose the kind of review" in e for e in shown.errors(at)), shown.errors(at)
    button(at, "Ask for an early review").click().run()
    assert any("Choose what has changed" in e for e in shown.errors(at)), shown.errors(at)


def _panel_for_amina() -> None:
    store = open_store(Settings.from_env())
    manager = accounts.authenticate(store, "manager", "demo-team-manager")
    amina = next(p for p in people.caseload(store, by=manager) if p.display_name == "Amina Okafor")
    factories.panel(
        store, amina, by=manager, at=PanelState.OUTCOME, held_on=TODAY, review_date=PANEL_DATE
    )
    store.dispose()


def test_a_panel_date_reads_the_same_on_every_home_list_and_tab(signed_in):
    _panel_for_amina()
    mine = signed_in("amina")
    said = shown.all_text(mine)
    assert f"We will look at your plan again by {words.day(PANEL_DATE)}." in said
    assert f"This date was agreed at a panel meeting about you on {words.day(TODAY)}." in said

    at = signed_in("practitioner")
    due = shown.table_with(at, "Due by")
    row = due[due["Person"] == "Amina Okafor"]
    assert list(row["Due by"]) == [words.day(PANEL_DATE)]
    assert list(row["Where the date comes from"]) == ["Agreed at a panel"]
    at = open_expanders(open_person(at, "Amina Okafor"), "Find someone else")
    listed = next(t for t in at.dataframe if "Next review" in t.value.columns).value
    assert list(listed[listed["Name"] == "Amina Okafor"]["Next review"]) == [words.day(PANEL_DATE)]
    sources = shown.table_with(at, "Where it comes from")
    assert sources["Due by"].iloc[0] == words.day(PANEL_DATE)
    assert sources["Where it comes from"].iloc[0] == "Agreed at a panel"
    assert f"Next review due by {words.day(PANEL_DATE)} (agreed at a panel)" in shown.all_text(at)
