"""The concern screen asks the test of the person's nation (AppTest), one run per nation: its name,
its three conditions each with the section it comes from and each unanswered, the age the law
starts at; a Scottish person's screen never shows the Care Act or Section 42 (law review rows 1
and 19). Each row names the section it checks."""

from __future__ import annotations

import pytest

from framework.law import law_book
from risk_app.config import Settings
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import people, safeguarding
from tests.ui import shown
from tests.ui.conftest import PASSWORDS
from tests.ui.record.test_decision_page import open_as
from tests.ui.record.test_person_page import button

NAMES = {"england": "Harriet Cole", "scotland": "Morag Campbell", "wales": "Rhys Pritchard"}


def _person_with_a_concern(nation: str) -> None:
    """A person of `nation` in the North team with a concern raised by their practitioner."""
    store = open_store(Settings.from_env())
    try:
        made = people.create_person(
            store,
            by=accounts.SYSTEM,
            display_name=NAMES[nation],
            team="North Locality Team",
            stage="ST0",
            jurisdiction=nation,
        )
        who = accounts.authenticate(store, "practitioner", PASSWORDS["practitioner"])
        safeguarding.raise_concern(
            store, by=who, person_id=made.id, abuse_types=["AB-FIN"], person_wants="To be safe"
        )
    finally:
        store.dispose()


def _concern_tab(at):
    """Only the chosen section is drawn: the concern section is the whole screen below the header."""
    return at


def _conditions(at):
    return [r for r in at.radio if "_condition_" in (r.key or "")]


NATIONS = [
    pytest.param("england", "Section 42 decision", "in its area", 18, id="england-CA2014-s42(1)"),
    pytest.param(
        "scotland",
        "decision to inquire (s4)",
        "three points",
        16,
        id="scotland-ASPSA2007-s3(1)-s4-s53",
    ),
    pytest.param("wales", "Section 126 decision", "in its area", 18, id="wales-SSWBWA2014-s126(1)"),
]


@pytest.mark.parametrize(("nation", "decision", "wording", "age"), NATIONS)
def test_the_concern_screen_asks_the_test_of_the_persons_nation(
    signed_in, nation: str, decision: str, wording: str, age: int
) -> None:
    _person_with_a_concern(nation)
    at = open_as(signed_in("manager"), NAMES[nation], section="concern")
    law = law_book().law_for(nation).safeguarding
    book = law_book()
    tab = _concern_tab(at)
    said = shown.all_text(tab)
    assert law.test.label in said and wording in said
    assert f"aged {age} or over" in said and f"under {age}" in said
    radios = _conditions(at)
    assert [r.label for r in radios] == [
        f"{c.label} ({'; '.join(book.describe(x) for x in c.cites)})" for c in law.conditions
    ]
    assert all(r.value is None for r in radios), "no condition is answered for the user"
    button(at, f"Record the {decision}").click().run()
    [error] = shown.errors(at)
    assert all(c.label.lower() in error for c in law.conditions)
    for radio in _conditions(at):
        radio.set_value(True)
    next(t for t in at.text_area if t.label == "Reasons for the decision").set_value("Reasons")
    button(at, f"Record the {decision}").click().run()
    assert not shown.errors(at), shown.errors(at)
    duty = book.law_for(nation).safeguarding.duty.label
    assert f"{duty}: arises" in shown.all_text(_concern_tab(at))
    if nation == "scotland":
        tab = _concern_tab(at)
        seen = "\n".join(
            [
                shown.all_text(tab),
                *(r.label for r in tab.radio),
                *(b.label for b in tab.button),
                *(e.label for e in tab.expander),
            ]
        )
        for english in ("Care Act", "Section 42", "s42", "enquir"):
            assert english not in seen, english
        assert any(r.label == "Kind of inquiry" for r in tab.radio)
        assert "Protection orders" in shown.table_with(tab, "Power")["Power"].tolist()
