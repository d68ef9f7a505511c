"""The law by nation page: staff read each nation's law, every rule cited to its section."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from framework.law import law_book
from risk_app.ui import law_views
from tests.ui import shown


def go(at: AppTest) -> AppTest:
    at.switch_page("../../pages/law.py").run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize(
    ("nation", "test_name", "section", "absent"),
    [
        pytest.param(
            "england",
            "Section 42 test",
            "Care Act 2014, s42(1)",
            "Adults with Incapacity",
            id="england-CA2014-s42",
        ),
        pytest.param(
            "scotland",
            "Three-point test",
            "Adult Support and Protection (Scotland) Act 2007, s3(1)",
            "Care Act 2014, s42",
            id="scotland-ASPSA2007-s3",
        ),
        pytest.param(
            "wales",
            "Section 126 test",
            "Social Services and Well-being (Wales) Act 2014, s126(1)",
            "Care Act 2014, s42",
            id="wales-SSWBWA2014-s126",
        ),
    ],
)
def test_a_practitioner_reads_each_nations_own_safeguarding_test_with_its_section(
    signed_in, nation: str, test_name: str, section: str, absent: str
) -> None:
    at = go(signed_in("practitioner"))
    at.radio(key="law_nation").set_value(nation).run()
    assert not at.exception, at.exception
    headings = [h.value for h in at.subheader]
    assert headings[0].startswith(f"Adult safeguarding: {test_name}")
    everything = "\n".join(shown.texts(at))
    assert section in everything
    assert absent not in everything


def test_the_page_says_the_law_not_legal_advice_and_that_northern_ireland_is_not_covered(
    signed_in,
) -> None:
    at = go(signed_in("manager"))
    caption = " ".join(c.value for c in at.caption)
    assert "not legal advice" in caption
    assert "Northern Ireland is not covered" in caption


def test_every_row_of_every_nation_names_its_law_or_says_it_has_none() -> None:
    book = law_book()
    for nation in book.jurisdictions():
        for _heading, _intro, rows in law_views.sections(book, book.law_for(nation)):
            assert rows
            for row in rows:
                assert row["Law"], row


def test_the_disclosure_table_says_no_law_requires_a_check_in_england() -> None:
    book = law_book()
    sections = {h: rows for h, _i, rows in law_views.sections(book, book.law_for("england"))}
    rows = next(rows for h, rows in sections.items() if h.startswith("Checks on people"))
    children = next(r for r in rows if "children's barred list" in r["Rule"])
    assert "Required by law: no." in children["What it says"]


def test_a_secondary_source_is_marked_as_such_where_it_is_cited() -> None:
    book = law_book()
    sections = law_views.sections(book, book.law_for("scotland"))
    rows = [r for _h, _i, rs in sections for r in rs]
    pvg = next(r for r in rows if r["Rule"] == "PVG scheme membership for personal assistants")
    assert "(secondary source)" in pvg["Law"]
