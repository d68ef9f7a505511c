"""Sharing through AppTest: the practitioner shares a concern from the person's record, the person
reads it on their home page exactly as typed, and the team manager sees the accounts created."""

from __future__ import annotations

from risk_app.config import Settings
from risk_app.services import accounts, people, safeguarding
from risk_app.services.bootstrap import open_store
from risk_app.ui.text import literal
from tests.ui.test_decision_page import area, open_as, table_with
from tests.ui.test_person_page import button

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


def _markdown(at) -> list[str]:
    return [m.value for m in at.markdown]


def test_nothing_restricted_shows_on_the_persons_home_page_until_it_is_shared(signed_in):
    _raise_concern_for_amina()
    at = signed_in("amina")
    assert "Shared with you" in [h.value for h in at.header]
    shown = " ".join(_markdown(at))
    assert "has not shared" in shown
    assert "evil.example" not in shown and "Safeguarding concern" not in [
        s.value for s in at.subheader
    ]


def test_a_practitioner_shares_a_concern_and_the_person_reads_it_literally(signed_in):
    _raise_concern_for_amina()
    at = open_as(signed_in("practitioner"), "Amina Okafor")
    assert "What the person can read" in [s.value for s in at.subheader]
    button(at, "Share with the person").click().run()
    assert any("Say why" in e.value for e in at.error), "a share needs a reason"
    area(at, "Why (kept with the record)").set_value("Amina asked *to see it*")
    button(at, "Share with the person").click().run()
    assert not at.error, [e.value for e in at.error]
    assert any(s.value == "Shared with the person." for s in at.success)
    row = table_with(at, "Shared with the person")
    assert list(row["Shared with the person"]) == ["Yes"]

    home = signed_in("amina")
    assert not home.exception, home.exception
    titles = [s.value for s in home.subheader]
    assert any(
        t.startswith(literal("Safeguarding concern: A safeguarding concern")) for t in titles
    )
    shown = _markdown(home)
    # The person's words reach the page only escaped, so no link, heading, icon or HTML forms.
    assert any(literal(WANTS) in m for m in shown)
    assert not any("[Call me](https" in m for m in shown)
    assert any(literal("because: Amina asked *to see it*") in c.value for c in home.caption)

    again = open_as(signed_in("practitioner"), "Amina Okafor")
    area(again, "Why (kept with the record)").set_value("Shared by mistake")
    button(again, "Stop sharing").click().run()
    assert any(s.value == "No longer shared with the person." for s in again.success)
    assert list(table_with(again, "Shared with the person")["Shared with the person"]) == ["No"]
    home = signed_in("amina")
    assert not any(literal(WANTS) in m for m in _markdown(home))


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
