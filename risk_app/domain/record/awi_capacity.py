"""Incapacity for one decision under the Adults with Incapacity (Scotland) Act 2000, and the s1
principles an intervention must follow: the Scottish counterpart of `capacity`.

Rules encoded (Adults with Incapacity (Scotland) Act 2000):

- s1(6): "incapable" means incapable of acting, making decisions, communicating decisions,
  understanding decisions or retaining the memory of decisions, by reason of mental disorder or
  of inability to communicate because of physical disability; an inability to communicate does
  not count if human or mechanical aid can make it good. So each of the five abilities is
  recorded, then the causal question: is an inability by reason of one of those two causes?
- s1(2)-(5): any intervention must benefit the adult (a benefit not reasonably achievable
  without it), be the least restrictive option, take account of the adult's past and present
  wishes and feelings and the views of others with an interest, and encourage the adult to use
  and develop their skills. Scots law has no best-interests test: a decision for someone who is
  incapable records how each principle was applied.

Our own recording rules, not sections of the Act, kept as on the Mental Capacity Act form: the
help given to decide, the information relevant to the decision, that the conclusion is reached
on the balance of probabilities (the ordinary civil standard; the Act does not state a standard)
and who assessed.

Primary text: https://www.legislation.gov.uk/asp/2000/4/section/1. Wording is our own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from risk_app.domain import words
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.capacity import CapacityConclusion, CapacityOutcome, Finding

AWI_S1_URL = "https://www.legislation.gov.uk/asp/2000/4/section/1"


class CapacityLaw(StrEnum):
    """Which Act a capacity record followed, stored with it so it reads right later."""

    MCA = "mca"
    """Mental Capacity Act 2005 (England and Wales). Records made before this was stored."""
    AWI = "awi"
    """Adults with Incapacity (Scotland) Act 2000."""


def capacity_law_for(jurisdiction: str) -> CapacityLaw:
    """The capacity Act risk-app applies to a person living in ``jurisdiction``."""
    return CapacityLaw.AWI if jurisdiction == "scotland" else CapacityLaw.MCA


class AwiAbility(StrEnum):
    """The five things s1(6) names: being incapable of any one is enough."""

    ACTING = "acting"
    MAKING = "making"
    COMMUNICATING = "communicating"
    UNDERSTANDING = "understanding"
    RETAINING = "retaining"

    @property
    def label(self) -> str:
        return _ABILITY_LABELS[self]


_ABILITY_LABELS: dict[AwiAbility, str] = {
    AwiAbility.ACTING: "act on the decision",
    AwiAbility.MAKING: "make the decision",
    AwiAbility.COMMUNICATING: "communicate the decision",
    AwiAbility.UNDERSTANDING: "understand the decision",
    AwiAbility.RETAINING: "retain the memory of the decision",
}


class AwiCause(StrEnum):
    """The causal question of s1(6): why the adult is incapable, if they are."""

    MENTAL_DISORDER = "mental_disorder"
    PHYSICAL_DISABILITY = "physical_disability"
    """Inability to communicate because of physical disability that no human or mechanical aid
    can make good."""
    NEITHER = "neither"
    """Neither cause: the adult is not incapable within s1(6), whatever they could not do."""

    @property
    def label(self) -> str:
        return _CAUSE_LABELS[self]


_CAUSE_LABELS: dict[AwiCause, str] = {
    AwiCause.MENTAL_DISORDER: "Mental disorder",
    AwiCause.PHYSICAL_DISABILITY: (
        "Inability to communicate because of physical disability, which no human or mechanical "
        "aid can make good"
    ),
    AwiCause.NEITHER: "Neither of these",
}


class AwiPrinciple(StrEnum):
    """The s1 principles, each recorded for an intervention under them."""

    BENEFIT = "benefit"
    LEAST_RESTRICTIVE = "least_restrictive"
    WISHES_AND_VIEWS = "wishes_and_views"
    ENCOURAGE_SKILLS = "encourage_skills"

    @property
    def question(self) -> str:
        return _PRINCIPLE_QUESTIONS[self]


_PRINCIPLE_QUESTIONS: dict[AwiPrinciple, str] = {
    AwiPrinciple.BENEFIT: (
        "How will the intervention benefit the person, and why can that benefit not reasonably "
        "be achieved without it? (s1(2))"
    ),
    AwiPrinciple.LEAST_RESTRICTIVE: (
        "Why is this the least restrictive option for the person's freedom, consistent with its "
        "purpose? (s1(3))"
    ),
    AwiPrinciple.WISHES_AND_VIEWS: (
        "What are the person's past and present wishes and feelings, and the views of their "
        "nearest relative, primary carer, named person, any guardian or attorney and others with "
        "an interest? (s1(4))"
    ),
    AwiPrinciple.ENCOURAGE_SKILLS: (
        "How is the person encouraged to use, and develop, their skills in this? (s1(5))"
    ),
}


@dataclass(frozen=True, slots=True)
class AwiRecord:
    """One assessment of incapacity under s1(6): one decision, one moment."""

    decision: str
    assessed_at: datetime
    reason_to_doubt: str | None = None
    practicable_steps: tuple[str, ...] = ()
    abilities: Mapping[AwiAbility, Finding] = field(default_factory=dict)
    """Finding for each ability; one left out counts as not assessed."""
    evidence: Mapping[AwiAbility, str] = field(default_factory=dict)
    cause: AwiCause | None = None
    """The causal question; None while unanswered."""
    condition: str | None = None
    """The mental disorder or physical disability, named."""
    relevant_information: str | None = None
    balance_of_probabilities: bool | None = None
    assessor_name: str | None = None
    assessor_role: str | None = None

    def __post_init__(self) -> None:
        if not self.decision.strip():
            raise InvalidInput("Say which decision this assessment is about.")
        if self.assessed_at.tzinfo is None:
            raise InvalidInput("Record when the assessment was made, including the time zone.")


def _has(value: str | None) -> bool:
    return value is not None and bool(value.strip())


def answers_without_doubt(record: AwiRecord) -> tuple[str, ...]:
    """Answers that would contradict a presumption of capacity (no reason to doubt written)."""
    if _has(record.reason_to_doubt):
        return ()
    stray = [
        f"whether they can {a.label}"
        for a in AwiAbility
        if record.abilities.get(a, Finding.NOT_ASSESSED) is not Finding.NOT_ASSESSED
        or _has(record.evidence.get(a))
    ]
    if record.cause is not None or _has(record.condition):
        stray.append("the cause of incapacity")
    if _has(record.relevant_information):
        stray.append("the information relevant to the decision")
    if record.balance_of_probabilities is not None:
        stray.append("the balance of probabilities")
    if _has(record.assessor_name) or _has(record.assessor_role):
        stray.append("who assessed")
    return tuple(stray)


def recording_gaps(record: AwiRecord) -> tuple[str, ...]:
    """Our recording rules beyond s1(6): the relevant information, the standard, who assessed."""
    if not _has(record.reason_to_doubt):
        return ()
    gaps: list[str] = []
    if not _has(record.relevant_information):
        gaps.append(
            "Record the information relevant to the decision, including what is likely to "
            "follow from deciding one way or another (our recording rule)."
        )
    if record.balance_of_probabilities is None:
        gaps.append(
            "Confirm that your conclusion is reached on the balance of probabilities, that is, "
            "more likely than not. This question has not been answered."
        )
    elif record.balance_of_probabilities is False:
        gaps.append(
            "A conclusion about incapacity is recorded on the balance of probabilities, the "
            "ordinary civil standard: weigh the evidence again on that standard."
        )
    if not _has(record.assessor_name) or not _has(record.assessor_role):
        gaps.append("Record who assessed capacity for this decision: their name and role.")
    return tuple(gaps)


def assess(record: AwiRecord, *, presumed: str) -> CapacityConclusion:
    """Conclude what an AWI record shows, or list what it still needs (s1(6))."""
    if not _has(record.reason_to_doubt):
        return CapacityConclusion(CapacityOutcome.PRESUMED, (presumed,))
    findings = {a: record.abilities.get(a, Finding.NOT_ASSESSED) for a in AwiAbility}
    unable = [a for a in AwiAbility if findings[a] is Finding.UNABLE]
    not_assessed = [a for a in AwiAbility if findings[a] is Finding.NOT_ASSESSED]
    labels = words.either(a.label for a in unable)
    if unable and record.cause is AwiCause.NEITHER:
        return CapacityConclusion(
            CapacityOutcome.HAS_CAPACITY,
            (
                (
                    f"The person was found unable to {labels}, but not by reason of mental disorder "
                    "or of an inability to communicate because of physical disability that aids "
                    "cannot make good: they are not incapable of this decision within the Adults "
                    "with Incapacity (Scotland) Act 2000, s1(6)."
                ),
            ),
        )
    missing: list[str] = []
    if unable and not any(step.strip() for step in record.practicable_steps):
        missing.append(
            "Record the help given to the person to decide, such as a communication aid, an "
            "interpreter, more time or someone they trust present: an inability to communicate "
            "that human or mechanical aid can make good does not count (s1(6))."
        )
    if not unable and not_assessed:
        missing.append(
            "Record whether the person can "
            + words.all_of(a.label for a in not_assessed)
            + ": each is able, unable or not assessed, and none is assumed (s1(6))."
        )
    for ability in unable:
        if not _has(record.evidence.get(ability)):
            missing.append(
                f"Record the evidence that the person cannot {ability.label}: what was "
                "explained, and what they said or did."
            )
    if unable and record.cause is None:
        missing.append(
            "Answer the causal question: is the inability by reason of mental disorder, or of an "
            "inability to communicate because of physical disability that no human or "
            "mechanical aid can make good, or neither? (s1(6))"
        )
    if unable and record.cause is not None and not _has(record.condition):
        missing.append("Name the mental disorder or physical disability (s1(6)).")
    if missing:
        return CapacityConclusion(CapacityOutcome.INCOMPLETE, tuple(missing))
    if not unable:
        return CapacityConclusion(
            CapacityOutcome.HAS_CAPACITY,
            (
                (
                    "The person can act on, make, communicate, understand and retain the memory of "
                    "this decision, so they are not incapable of it (s1(6))."
                ),
            ),
        )
    assert record.cause is not None
    return CapacityConclusion(
        CapacityOutcome.LACKS_CAPACITY,
        (
            (
                f"Despite the help given, the person cannot {labels}, by reason of "
                f"{record.cause.label.lower()} ({record.condition!s}): they are incapable of this "
                "decision at this time (s1(6))."
            ),
            (
                "A welfare attorney or guardian whose powers cover it, or a person authorised by an "
                "intervention order, decides within those powers; any intervention must follow the "
                "s1 principles: benefit, least restrictive option, wishes and views, and encouraging "
                "the person's skills (s1(2)-(5))."
            ),
        ),
    )


def principles_gaps(answers: Mapping[AwiPrinciple, str]) -> list[AwiPrinciple]:
    """The s1 principles not yet answered, in the Act's order."""
    return [p for p in AwiPrinciple if not _has(answers.get(p))]
