"""The law by nation: the law book's entry for one nation, as tables a practitioner can read.

Builders return plain rows (tested without Streamlit); ``show_law`` puts them on screen. Every
row names the section it comes from and where to read it.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from framework import Jurisdiction
from framework.law import Citation, JurisdictionLaw, LawBook, Rule, WelfarePower, law_book
from risk_app.ui import text

Row = dict[str, str]

WELFARE_POWER_WORDS = {
    WelfarePower.YES: "Yes, when the person lacks capacity for the decision",
    WelfarePower.IF_THE_ORDER_COVERS_IT: "Only if the order covers it",
    WelfarePower.NO: "No",
}


def citations(book: LawBook, cites: Iterable[Citation]) -> str:
    """The citations as one cell: "Care Act 2014, s42(1); Care and support statutory guidance"."""
    words = []
    for citation in cites:
        text = book.describe(citation)
        if not book.is_primary(citation):
            text += " (secondary source)"
        if citation.note:
            text += f" [{citation.note}]"
        words.append(text)
    return "; ".join(words)


def links(book: LawBook, cites: Iterable[Citation]) -> str:
    return "\n".join(dict.fromkeys(link for c in cites if (link := book.link(c))))


def rule_rows(book: LawBook, rules: Iterable[Rule]) -> list[Row]:
    return [
        {
            "Rule": rule.label,
            "What it says": rule.summary,
            "Law": citations(book, rule.cites),
            "Where to read it": links(book, rule.cites),
        }
        for rule in rules
    ]


def sections(book: LawBook, law: JurisdictionLaw) -> list[tuple[str, str, list[Row]]]:
    """(heading, introduction, rows) for each part of the nation's law."""
    sg = law.safeguarding
    capacity = law.capacity
    disclosure = law.disclosure
    return [
        (
            f"Adult safeguarding: {sg.test.label}",
            (
                f"{sg.act}. The {sg.adult_term}, aged {sg.minimum_age} or over. All three parts of "
                f"the test must apply; then the council's {sg.duty.label.lower()} arises."
            ),
            rule_rows(book, (sg.test, *sg.conditions, sg.duty, *sg.principles, *sg.powers)),
        ),
        (
            "Mental capacity",
            f"{capacity.act}, from age {capacity.minimum_age}.",
            rule_rows(book, (capacity.test, *capacity.principles, capacity.substitute_decision)),
        ),
        (
            f"Checks on people who work with adults: {disclosure.scheme}",
            (
                f"Run by the {disclosure.body}. Nothing here is required by law unless the "
                "'Required by law' column says so."
            ),
            [
                *rule_rows(book, (disclosure.how_to_apply,)),
                *(
                    {
                        "Rule": check.label,
                        "What it says": check.when_available
                        + (
                            f" Required by law: {check.legally_required}"
                            if check.legally_required
                            else " Required by law: no."
                        ),
                        "Law": citations(book, check.cites),
                        "Where to read it": links(book, check.cites),
                    }
                    for check in disclosure.checks
                ),
            ],
        ),
        (
            f"The care regulator: {law.regulator.name}",
            law.regulator.url,
            rule_rows(book, (law.regulator.registration,)),
        ),
        (
            "Ways of managing a personal budget",
            f"{law.budgets.act}.",
            rule_rows(book, (law.budgets.ways, *law.budgets.on_behalf)),
        ),
        (
            "Who may act for the person",
            (
                "Only an authority with welfare powers lets someone decide (or sign) for a person "
                "who lacks capacity for that decision; everyone else supports the person."
            ),
            [
                {
                    "Rule": authority.label,
                    "What it says": authority.plain,
                    "Can decide welfare matters": WELFARE_POWER_WORDS[authority.welfare_power],
                    "Law": citations(book, authority.cites) or "No legal authority",
                    "Where to read it": links(book, authority.cites),
                }
                for authority in law.authorities
            ],
        ),
        (
            "Reviews",
            "When a direct payment and a plan are reviewed.",
            rule_rows(
                book,
                (
                    law.reviews.direct_payment,
                    law.reviews.plan,
                    *((law.reviews.on_request,) if law.reviews.on_request else ()),
                ),
            ),
        ),
    ]


def show_law() -> None:
    """The page: a nation chosen by the reader, then that nation's law, part by part."""
    book = law_book()
    st.title("The law by nation", anchor=False)
    st.caption(
        f"Law book version {book.version}. Each person's record follows the law of the nation "
        "they live in. This is decision support in our own words, not legal advice: the cited "
        "texts are the law. Northern Ireland is not covered yet."
    )
    nation = st.radio(
        "Nation",
        list(book.jurisdictions()),
        format_func=lambda j: Jurisdiction(j).label,
        horizontal=True,
        key="law_nation",
    )
    for heading, introduction, rows in sections(book, book.law_for(nation)):
        st.subheader(heading, anchor=False)
        text.show(introduction)
        text.table(rows, caption=heading)
