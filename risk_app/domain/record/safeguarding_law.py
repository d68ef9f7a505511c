"""The adult safeguarding test of the person's nation, applied to a concern.

The law comes from the law book (`framework/data/law.yaml`), never from this module: England's Care
Act 2014 s42(1) test (an adult, 18 or over, in the council's area with needs for care and support,
experiencing or at risk of abuse or neglect, unable to protect themselves because of those needs)
and s42(2) duty to make enquiries; Scotland's Adult Support and Protection (Scotland) Act 2007
s3(1) three-point test (an adult at risk, 16 or over: s53) and s4 duty to inquire; Wales's Social
Services and Well-being (Wales) Act 2014 s126(1) test and s126(2) duty. All three conditions must
be met; a "no" to any settles it. When the duty does not arise, other responses remain open.

Answers are kept by the law book's condition ids (``ENG-SG-NEEDS``, ``SCO-ASP-UNABLE``) with the
nation and the law book's version (`LawApplied`), so the record says which law was applied and a
later move of the person does not rewrite it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from framework import Jurisdiction
from framework.law.schema import Rule, SafeguardingLaw
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.concern_words import ConcernWords, sentence
from risk_app.domain.record.safeguarding import S42Outcome, S42Result

Answers = tuple[tuple[str, bool | None], ...]
"""Each condition's id and its answer (None: not answered), in the law's order."""


@dataclass(frozen=True, slots=True)
class LawApplied:
    """The nation whose law a concern follows, the law book version, and (once decided) the test
    applied and each condition's answer. Stored whole on the concern (``law_applied``)."""

    jurisdiction: Jurisdiction
    law_version: str | None
    """None for a concern recorded before the law book (migration 0017)."""
    test: str | None = None
    """The test's id once the decision is made (``SCO-ASP-TEST``)."""
    answers: Answers = ()
    note: str = ""

    def stored(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "jurisdiction": self.jurisdiction.value,
            "law_version": self.law_version,
        }
        if self.test is not None:
            out["test"] = self.test
            out["answers"] = dict(self.answers)
        if self.note:
            out["note"] = self.note
        return out

    @classmethod
    def from_stored(cls, value: Mapping[str, Any] | None) -> LawApplied:
        """Read back what `stored` wrote; nothing stored reads as England's law, the only law
        applied before the law book."""
        if not value:
            return cls(Jurisdiction.ENGLAND, None)
        return cls(
            Jurisdiction(value["jurisdiction"]),
            value.get("law_version"),
            value.get("test"),
            tuple((str(k), v) for k, v in (value.get("answers") or {}).items()),
            value.get("note", ""),
        )


def answers_for(law: SafeguardingLaw, given: Mapping[str, bool | None]) -> Answers:
    """`given` in the law's order, every condition present (missing ones unanswered). A condition
    id of another nation's law is refused, naming this nation's test."""
    ids = [c.id for c in law.conditions]
    foreign = [key for key in given if key not in ids]
    if foreign:
        raise InvalidInput(
            f"{', '.join(foreign)} is not a condition of the {law.test.label} "
            f"({law.act}): answer {', '.join(ids)}."
        )
    return tuple((c, given.get(c)) for c in ids)


def unanswered(law: SafeguardingLaw, answers: Mapping[str, bool | None]) -> tuple[Rule, ...]:
    return tuple(c for c in law.conditions if answers.get(c.id) is None)


def duty_phrase(law: SafeguardingLaw) -> str:
    """The duty and where it is, mid-sentence: "the duty to inquire under s4 of the Adult Support
    and Protection (Scotland) Act 2007"."""
    section = law.duty.cites[0].at
    where = f" under {section} of the {law.act}" if section else f" under the {law.act}"
    return f"the {law.duty.label[:1].lower()}{law.duty.label[1:]}{where}"


def who_it_is_for(law: SafeguardingLaw) -> str:
    """The test as a question's lead-in, with who it is about and the age the law starts at."""
    return (
        f"{law.test.summary} The law is about adults aged {law.minimum_age} or over "
        f"(the {law.act} calls them an {law.adult_term})."
    )


def under_age(law: SafeguardingLaw) -> str:
    """What to do for someone younger than the law's adults."""
    return (
        f"If the person is under {law.minimum_age}, adult safeguarding law ({law.act}) does not "
        "apply: follow children's safeguarding procedures instead."
    )


def outcome(
    law: SafeguardingLaw, words: ConcernWords, given: Mapping[str, bool | None]
) -> S42Outcome:
    """Apply the nation's test. A "no" to any condition settles it even if others are unanswered,
    because all three must be met; the unanswered ones are still listed."""
    answers = dict(answers_for(law, given))
    not_met = tuple(c for c in law.conditions if answers[c.id] is False)
    missing = unanswered(law, answers)
    duty = duty_phrase(law)
    if not_met:
        reasons = "; ".join(f"'no' to {c.label.lower()} ({_at(c)})" for c in not_met)
        explanation = f"{sentence(duty)} does not arise: {reasons}. "
        if missing:
            explanation += (
                "The question left unanswered would not change this. "
                if len(missing) == 1
                else "The questions left unanswered would not change this. "
            )
        explanation += (
            f"Other responses are still open: a safeguarding {words.enquiry} outside the "
            f"{words.duty}, information and advice, a change to the person's support plan, or "
            "help from another agency. Record the decision and the reasons, and tell the adult "
            "(and whoever raised the concern) what will happen next."
        )
        return S42Outcome(
            S42Result.NOT_MET,
            explanation,
            tuple(c.id for c in not_met),
            tuple(c.id for c in missing),
        )
    if missing:
        still = "; ".join(c.label.lower() for c in missing)
        return S42Outcome(
            S42Result.INCOMPLETE,
            f"The {law.test.label} is not finished. Still to answer: {still}. If the adult is in "
            "immediate danger, act now: do not wait for the test.",
            (),
            tuple(c.id for c in missing),
        )
    return S42Outcome(
        S42Result.DUTY_TO_ENQUIRE,
        f"All three conditions are met: {duty} arises. {law.duty.summary} Ask the adult early "
        "what they want to happen.",
    )


def _at(rule: Rule) -> str:
    """The section a rule's first (primary) citation names."""
    return rule.cites[0].at or rule.id
