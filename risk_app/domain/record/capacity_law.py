"""The capacity words a screen shows, from the capacity law of the person's nation.

England and Wales: the Mental Capacity Act 2005, its s1 principles and, for someone who lacks
capacity, a best-interests decision (s4). Scotland: the Adults with Incapacity (Scotland) Act
2000, whose s1 principles (benefit, least restriction, wishes and views, the adult's own skills)
govern any intervention; Scots law has no best-interests test, so nothing shown to a Scottish
person's record uses those words. The law book holds the law; this module only words it for the
decision screen, so a screen never hard-codes one nation's Act.
"""

from __future__ import annotations

from dataclasses import dataclass

from framework.law import DecisionBasis, LawBook, Rule
from risk_app.domain.record.capacity import PRESUMED_REASON, UNWISE_DECISION_REMINDER


@dataclass(frozen=True, slots=True)
class CapacityWords:
    """What the capacity part of the decision screen says for one nation."""

    nation: str
    act: str
    principles: tuple[str, ...]
    """Each principle as "Label (Act, section): summary"."""
    reminder: str
    """The caption under the reason-to-doubt question."""
    presumption: str
    """Why, with no reason to doubt recorded, the person decides."""
    substitute: str
    """How a decision is made for someone who cannot make it, with its sections."""
    best_interests: bool
    """Whether the nation decides for someone by their best interests (MCA s4)."""
    elsewhere: str | None
    """Why risk-app's capacity form does not apply, where it does not. None in every nation it
    holds now: England and Wales follow the MCA, Scotland the AWI Act (`awi_capacity`)."""


def _cited(book: LawBook, rule: Rule) -> str:
    return "; ".join(book.describe(c) for c in rule.cites)


def _principle(book: LawBook, rule: Rule) -> str:
    return f"{rule.label} ({_cited(book, rule)}): {rule.summary}"


def capacity_words(book: LawBook, jurisdiction: str) -> CapacityWords:
    """The capacity words for a person living in ``jurisdiction``."""
    law = book.law_for(jurisdiction)
    capacity = law.capacity
    principles = tuple(_principle(book, p) for p in capacity.principles)
    decision = capacity.substitute_decision
    if capacity.decision_basis is DecisionBasis.BEST_INTERESTS:
        return CapacityWords(
            nation=law.name,
            act=capacity.act,
            principles=principles,
            reminder=UNWISE_DECISION_REMINDER,
            presumption=PRESUMED_REASON,
            substitute=f"{decision.label} ({_cited(book, decision)}): {decision.summary}",
            best_interests=True,
            elsewhere=None,
        )
    test = capacity.test
    return CapacityWords(
        nation=law.name,
        act=capacity.act,
        principles=principles,
        reminder=(
            f"In {law.name} capacity follows the {capacity.act}. {test.summary} "
            f"({_cited(book, test)}). A risky choice is not, by itself, a reason to intervene."
        ),
        presumption=(
            "No reason to doubt the person's capacity for this decision is recorded, so they "
            f"make it themselves: nobody intervenes under the {capacity.act} unless the adult "
            f"is incapable of this decision ({_cited(book, test)})."
        ),
        substitute=(
            f"{decision.label} ({_cited(book, decision)}): a welfare attorney or guardian whose "
            "powers cover the decision decides within those powers; otherwise any intervention "
            "must follow the principles: "
            + "; ".join(p.label.lower() for p in capacity.principles)
            + "."
        ),
        best_interests=False,
        elsewhere=None,  # the form records an AWI assessment (`awi_capacity`)
    )
