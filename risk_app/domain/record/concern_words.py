"""The words a safeguarding concern's lifecycle uses in each nation: only the words vary.

The lifecycle (`concern_lifecycle.TRANSITIONS`) is one table for every nation, with stored codes
that never change (``s42_decided``, ``start_enquiry``); what a reader sees follows the law the
concern is decided under: England's Care Act 2014 s42 decision and enquiry, Wales's Social Services
and Well-being (Wales) Act 2014 s126 decision and enquiry, Scotland's Adult Support and Protection
(Scotland) Act 2007 s4 decision to inquire and inquiry. The sections named here are checked
against the law book (`framework/data/law.yaml`) by tests/unit/domain/record/test_concern_words.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from framework import Jurisdiction


@dataclass(frozen=True, slots=True)
class ConcernWords:
    """How one nation's law names the decision, the duty and the look into the concern."""

    jurisdiction: Jurisdiction
    section: str
    """The section the duty is in, as the law book cites it (``s42``, ``s4``, ``s126``)."""
    decision: str
    """The decision whether the duty arises ("Section 42 decision")."""
    decide: str
    """The step that makes it ("Decide on the Section 42 duty")."""
    duty: str
    """The duty, short, as it reads mid-sentence ("Section 42 duty", "duty to inquire (s4)")."""
    enquiry: str
    """The law's word for the council's look into the concern: "enquiry" or "inquiry"."""
    statutory_enquiry: str
    """The look made under the duty ("Section 42 enquiry", "Inquiry under s4")."""

    @property
    def decision_in_a_sentence(self) -> str:
        """The decision's name mid-sentence ("decision to inquire (s4)", "Section 42 decision")."""
        if self.decision.startswith("Section"):
            return self.decision
        return self.decision[:1].lower() + self.decision[1:]

    @property
    def other_enquiry(self) -> str:
        return f"Other (non-statutory) {self.enquiry}"


def sentence(text: str) -> str:
    """`text` with its first letter in capitals, to start a sentence."""
    return text[:1].upper() + text[1:]


ENGLAND = ConcernWords(
    Jurisdiction.ENGLAND,
    section="s42",
    decision="Section 42 decision",
    decide="Decide on the Section 42 duty",
    duty="Section 42 duty",
    enquiry="enquiry",
    statutory_enquiry="Section 42 enquiry",
)

WORDS: dict[Jurisdiction, ConcernWords] = {
    Jurisdiction.ENGLAND: ENGLAND,
    Jurisdiction.WALES: ConcernWords(
        Jurisdiction.WALES,
        section="s126",
        decision="Section 126 decision",
        decide="Decide on the Section 126 duty",
        duty="Section 126 duty",
        enquiry="enquiry",
        statutory_enquiry="Section 126 enquiry",
    ),
    Jurisdiction.SCOTLAND: ConcernWords(
        Jurisdiction.SCOTLAND,
        section="s4",
        decision="Decision to inquire (s4)",
        decide="Decide whether to inquire (s4)",
        duty="duty to inquire (s4)",
        enquiry="inquiry",
        statutory_enquiry="Inquiry under s4",
    ),
}


def words_for(jurisdiction: Jurisdiction | str) -> ConcernWords:
    """The nation's words (ValueError for a nation risk-app does not hold)."""
    return WORDS[Jurisdiction(jurisdiction)]
