"""Sharing through AppTest: the practitioner shares a concern from the person's record, the person
reads it on their home page exactly as typed, and the team manager sees the accounts created."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from risk_app.config import Settings
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import people, safeguarding
from tests.ui import shown
from tests.ui.record.test_decision_page import area, table_with
from tests.ui.record.test_decision_page import open_as as open_in_section
from tests.ui.record.test_person_page import button


def open_as(at: AppTest, name: str, **options: Any) -> AppTest:
    """Open the person's record at the sharing section (only the chosen section is drawn)."""
    return open_in_section(at, name, **{"section": "sharing", **options})


WANTS = "[Call me](https://evil.example) **now**\nTitle\n=====\n:material/home: <b>x</b>"


def _raise_concern_for_amina() -> None:
    store = open_store(Settings.from_env())
    try:
        north = accounts.authenticate(store, "practitioner", "demo-practitioner-1")
        amina = next(
            p.id for p in people.caseload(store, by=north) if p.display_name == "Amina Okafor"
        )
        safeguarding.raise_concern(
            store, by=north, person_id=amina, abuse_types=["AB-FIN"], person_wants=WANTS
        )
    finally:
        store.dispose()


def _choose_the_concern(item) -> None:
    """Choose the concern in the "Item" list (whose options are shown as labels)."""
    item.select_index(next(n for n, o in enumerate(item.options) if "concern" in o.lower()))


def _markdown(at) -> list[str]:
    return [m.value for m in at.markdown]


def test_nothing_restricted_shows_on_the_persons_home_page_until_it_is_shared(signed_in):
    _raise_concern_for_amina()
    at = signed_in("amina")
    assert "Shared with you" in [h.value for h in at.header]
    page = " ".join([*_markdown(at), *shown.texts(at)])
    assert "has not shared" in page
    assert "evil.example" not in page
    assert not any("Safeguarding concern" in h for h in shown.texts(at, "heading"))


def test_a_practitioner_shares_a_concern_and_the_person_reads_it_literally(signed_in):
    _raise_concern_for_amina()
    at = open_as(signed_in("practitioner"), "Amina Okafor")
    assert "What the person can read" in [s.value for s in at.subheader]
    button(at, "Share with the person").click().run()
    assert any("Choose the item" in e for e in shown.errors(at)), "no item is assumed"
    item = next(s for s in at.selectbox if s.label == "Item")
    assert item.value is None
    _choose_the_concern(item)  # in the form: sent with the button
    button(at, "Share with the person").click().run()
    assert any("Say why" in e for e in shown.errors(at)), "a share needs a reason"
    _choose_the_concern(next(s for s in at.selectbox if s.label == "Item"))
    area(at, "Why (kept with the record)").set_value("Amina asked *to see it*")
    button(at, "Share with the person").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert "Shared with the person." in shown.successes(at)
    row = table_with(at, "Shared with the person")
    assert list(row["Shared with the person"]) == ["Yes"]

    home = signed_in("amina")
    assert not home.exception, home.exception
    titles = shown.texts(home, "heading")
    assert any(t.startswith("Safeguarding concern: A safeguarding concern") for t in titles)
    # The person's words reach the page only through the literal path, exactly as typed, and
    # never through markdown, so no link, heading, icon or HTML forms.
    assert WANTS in "\n".join(shown.texts(home))
    assert not any("Call me" in m for m in _markdown(home))
    assert any("because: Amina asked *to see it*" in t for t in shown.texts(home))

    again = open_as(signed_in("practitioner"), "Amina Okafor")
    chosen = next(s for s in again.selectbox if s.label == "Item")
    _choose_the_concern(chosen)
    area(again, "Why (kept with the record)").set_value("Shared by mistake")
    button(again, "Stop sharing").click().run()
    assert "No longer shared with the person." in shown.successes(again)
    assert list(table_with(again, "Shared with the person")["Shared with the person"]) == ["No"]
    home = signed_in("amina")
    assert WANTS not in "\n".join(shown.texts(home))


def test_the_team_manager_sees_the_accounts_created_in_the_team(signed_in):
    at = signed_in("manager")
    assert "Accounts created in your team" in [h.value for h in at.header]
    created = table_with(at, "Created by")
    accounts_shown = set(created["Account"])
    assert {"practitioner", "manager", "amina"} <= accounts_shown
    assert "practitioner\\.south" not in accounts_shown and "admin" not in accounts_shown
    assert set(created["Created by"]) == {"system"}


def test_a_practitioner_home_page_has_no_account_list(signed_in):
    at = signed_in("practitioner")
    assert "Accounts created in your team" not in [h.value for h in at.header]
