"""Mental capacity for one decision at one time, and the best-interests checklist that follows.

Rules encoded (Mental Capacity Act 2005, England and Wales):

- s1(2): a person is assumed to have capacity unless it is established that they lack it. With no
  recorded reason to doubt, capacity is presumed and nothing more is needed.
- s1(3): nobody is treated as unable to decide until all practicable steps to help them have been
  tried without success, so the support given must be recorded.
- s1(4): an unwise decision is not, by itself, proof of incapacity.
- s3(1): the functional test: is the person unable to understand, retain, use or weigh the
  relevant information, or communicate their decision? Inability in any one is enough.
- s2(1): the inability must be *because of* an impairment of, or disturbance in the functioning
  of, the mind or brain. Following the Supreme Court in *A Local Authority v JB* [2021] UKSC 52,
  the functional question is asked first and the causal link to an impairment second.
- s3(4): the information relevant to a decision includes the reasonably foreseeable
  consequences of deciding one way or another, or of failing to decide, so it is written down.
- s2(4): any question whether a person lacks capacity is decided on the balance of
  probabilities; the assessor confirms that is the standard their conclusion meets.
- Who assessed (name and role) is recorded with every assessment. This is our own recording rule,
  not a section of the Act: a conclusion can only be checked with the person who reached it (the
  Act's Code of Practice, chapter 4, discusses who should assess capacity).
- s4 and s1(5)-(6): when someone lacks capacity, the decision is made in their best interests
  using the statutory checklist, including the other factors they would be likely to consider if
  able (s4(6)(c)), and considering the less restrictive option. Before that, who decides is
  asked (`risk_app.domain.record.who_decides`): an attorney, a deputy or an advance decision may
  already cover it.

Primary text: https://www.legislation.gov.uk/ukpga/2005/9/section/1 (principles),
https://www.legislation.gov.uk/ukpga/2005/9/section/2 (people who lack capacity),
https://www.legislation.gov.uk/ukpga/2005/9/section/3 (inability to make decisions) and
https://www.legislation.gov.uk/ukpga/2005/9/section/4 (best interests).

Conclusions are specific to the recorded decision and time; they are prompts for a practitioner
to record properly, not a substitute for professional judgement. Wording is our own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from risk_app.domain import words
from risk_app.domain.errors import InvalidInput

UNWISE_DECISION_REMINDER = (
    "A decision that others think unwise does not, on its own, show that the person cannot "
    "make it (Mental Capacity Act 2005, s1(4)). People with capacity are free to make choices "
    "that carry risk."
)
"""Shown wherever a worker might be tempted to treat a risky choice as a capacity problem."""

NOT_RECORDED = "Not recorded"
"""What a field reads when the record was made before the field existed: never invented."""

S2_URL = "https://www.legislation.gov.uk/ukpga/2005/9/section/2"
S3_URL = "https://www.legislation.gov.uk/ukpga/2005/9/section/3"
S4_URL = "https://www.legislation.gov.uk/ukpga/2005/9/section/4"

RELEVANT_INFORMATION_CAPTION = (
    "The information relevant to the decision, including the reasonably foreseeable "
    "consequences of deciding one way or another, or of not deciding at all "
    f"(Mental Capacity Act 2005, s3(4): {S3_URL})."
)
BALANCE_OF_PROBABILITIES_CAPTION = (
    "Whether a person lacks capacity is decided on the balance of probabilities: is it more "
    f"likely than not? (Mental Capacity Act 2005, s2(4): {S2_URL})."
)
BALANCE_OF_PROBABILITIES_QUESTION = (
    "Is your conclusion reached on the balance of probabilities (more likely than not)?"
)
ASSESSOR_CAPTION = (
    "Who assessed capacity for this decision, and their role: the person who asked the questions "
    "and reached the conclusion."
)

PRESUMED_REASON = (
    "No reason to doubt the person's capacity for this decision is recorded, so they are assumed "
    "to be able to make it (Mental Capacity Act 2005, s1(2))."
)
"""Why the person decides when no doubt is recorded (England and Wales; `capacity_law` words it
for another nation)."""

ORDER_NOTE = (
    "Ask the functional question first: can the person understand, retain, use or weigh the "
    "information, and communicate a decision (s3)? Only if they cannot, ask whether that "
    "inability is because of an impairment of, or disturbance in, the mind or brain (s2), as the "
    "Supreme Court did in A Local Authority v JB [2021] UKSC 52."
)
"""The order of the two questions, and why."""


class FunctionalAbility(StrEnum):
    """The four things a person must be able to do to make a decision (s3(1))."""

    UNDERSTAND = "understand"
    """Understand the information relevant to the decision, explained in a way that suits them."""
    RETAIN = "retain"
    """Keep the information in mind long enough to decide (briefly is enough, s3(3))."""
    USE_OR_WEIGH = "use_or_weigh"
    """Use or weigh the information, including likely consequences, as part of deciding."""
    COMMUNICATE = "communicate"
    """Communicate the decision by any means: talking, signs, gestures or otherwise."""

    @property
    def label(self) -> str:
        return _ABILITY_LABELS[self]


_ABILITY_LABELS: dict[FunctionalAbility, str] = {
    FunctionalAbility.UNDERSTAND: "understand the relevant information",
    FunctionalAbility.RETAIN: "retain that information",
    FunctionalAbility.USE_OR_WEIGH: "use or weigh that information",
    FunctionalAbility.COMMUNICATE: "communicate the decision",
}


class Finding(StrEnum):
    """What the assessor found about one functional ability."""

    ABLE = "able"
    """The person can do this, with any support they were given."""
    UNABLE = "unable"
    """The person cannot do this, even with the support given; evidence must say why."""
    NOT_ASSESSED = "not_assessed"
    """Not looked at yet."""


@dataclass(frozen=True, slots=True)
class CapacityRecord:
    """One capacity assessment: one decision, one moment."""

    decision: str
    """The specific decision, e.g. 'whether to employ her nephew as a personal assistant'."""
    assessed_at: datetime
    """When the assessment was made (timezone-aware)."""
    reason_to_doubt: str | None = None
    """Why capacity is in doubt. None (or blank) means capacity is presumed (s1(2))."""
    practicable_steps: tuple[str, ...] = ()
    """Support given to help the person decide (s1(3)): easy read, interpreter, time, place."""
    functional: Mapping[FunctionalAbility, Finding] = field(default_factory=dict)
    """Finding for each ability; an ability left out counts as not assessed."""
    evidence: Mapping[FunctionalAbility, str] = field(default_factory=dict)
    """What the person said or did that supports each finding."""
    impairment: str | None = None
    """The impairment of, or disturbance in the functioning of, the mind or brain (s2(1))."""
    inability_because_of_impairment: bool | None = None
    """Whether the inability is caused by that impairment: the causal link. None: not answered."""
    relevant_information: str | None = None
    """The information relevant to the decision, with its foreseeable consequences (s3(4))."""
    balance_of_probabilities: bool | None = None
    """The assessor's confirmation that the conclusion is on the balance of probabilities
    (s2(4)). None: not answered."""
    assessor_name: str | None = None
    assessor_role: str | None = None
    """Who assessed, and their role."""

    def __post_init__(self) -> None:
        if not self.decision.strip():
            raise InvalidInput(
                "Say which decision this assessment is about. Capacity is always about a "
                "specific decision at a specific time."
            )
        if self.assessed_at.tzinfo is None or self.assessed_at.utcoffset() is None:
            raise InvalidInput("Record when the assessment was made, including the time zone.")


class CapacityOutcome(StrEnum):
    """Where a capacity record leaves the decision."""

    PRESUMED = "presumed"
    """No reason to doubt capacity was recorded, so capacity is assumed (s1(2))."""
    HAS_CAPACITY = "has_capacity"
    """Assessed: the person can make this decision, or the Act's test for lacking it is not met."""
    LACKS_CAPACITY = "lacks_capacity"
    """Assessed: the person cannot make this decision now; best interests apply (s4)."""
    INCOMPLETE = "incomplete"
    """Doubt was recorded but the assessment is not finished; the reasons say what is missing."""


@dataclass(frozen=True, slots=True)
class CapacityConclusion:
    """The outcome of a capacity record, with reasons or missing items in plain words."""

    outcome: CapacityOutcome
    reasons: tuple[str, ...]


def _has_text(value: str | None) -> bool:
    return value is not None and bool(value.strip())


def _join(abilities: list[FunctionalAbility]) -> str:
    return words.either(a.label for a in abilities)


def refuse_answers_without_doubt(stray: Sequence[str]) -> None:
    """Capacity is presumed only when nothing recorded says otherwise: answers to the test with no
    reason to doubt written are refused, whichever Act the record follows."""
    if stray:
        raise InvalidInput(
            "No reason to doubt capacity is written, yet the capacity record answers "
            + words.all_of(stray)
            + ". Write the reason to doubt, or clear those answers: capacity is presumed only "
            "when nothing recorded says otherwise."
        )


def answers_without_doubt(record: CapacityRecord) -> tuple[str, ...]:
    """The capacity answers a record holds although no reason to doubt capacity is written: they
    would contradict a presumption of capacity, so they are named for the assessor to resolve."""
    if _has_text(record.reason_to_doubt):
        return ()
    stray = [
        f"whether they can {a.label}"
        for a in FunctionalAbility
        if record.functional.get(a, Finding.NOT_ASSESSED) is not Finding.NOT_ASSESSED
        or _has_text(record.evidence.get(a))
    ]
    if _has_text(record.impairment):
        stray.append("the impairment")
    if record.inability_because_of_impairment is not None:
        stray.append("whether the inability is because of the impairment")
    if _has_text(record.relevant_information):
        stray.append("the information relevant to the decision")
    if record.balance_of_probabilities is not None:
        stray.append("the balance of probabilities")
    if _has_text(record.assessor_name) or _has_text(record.assessor_role):
        stray.append("who assessed")
    return tuple(stray)


def recording_gaps(record: CapacityRecord) -> tuple[str, ...]:
    """What an assessment must still record, beyond the test itself, before its conclusion can
    be saved: the relevant information (s3(4)), the standard of proof (s2(4)) and who assessed.
    Nothing is needed when capacity is presumed (s1(2))."""
    if not _has_text(record.reason_to_doubt):
        return ()
    gaps: list[str] = []
    if not _has_text(record.relevant_information):
        gaps.append(
            "Record the information relevant to the decision, including the reasonably "
            "foreseeable consequences of deciding one way or another, or of not deciding (s3(4))."
        )
    if record.balance_of_probabilities is None:
        gaps.append(
            "Confirm that your conclusion is reached on the balance of probabilities, that is, "
            "more likely than not (s2(4)). This question has not been answered."
        )
    elif record.balance_of_probabilities is False:
        gaps.append(
            "The Act decides whether a person lacks capacity on the balance of probabilities "
            "(s2(4)); a conclusion reached on any other standard cannot be recorded. Weigh the "
            "evidence again on that standard."
        )
    if not _has_text(record.assessor_name) or not _has_text(record.assessor_role):
        gaps.append("Record who assessed capacity for this decision: their name and role.")
    return tuple(gaps)


def assess(record: CapacityRecord, *, presumed: str = PRESUMED_REASON) -> CapacityConclusion:
    """Conclude what a capacity record shows, or list what it still needs. ``presumed`` is the
    reason given when no doubt is recorded, worded for the person's nation (`capacity_law`)."""
    if not _has_text(record.reason_to_doubt):
        return CapacityConclusion(CapacityOutcome.PRESUMED, (presumed,))
    findings = {a: record.functional.get(a, Finding.NOT_ASSESSED) for a in FunctionalAbility}
    unable = [a for a in FunctionalAbility if findings[a] is Finding.UNABLE]
    not_assessed = [a for a in FunctionalAbility if findings[a] is Finding.NOT_ASSESSED]

    if unable and record.inability_because_of_impairment is False:
        return CapacityConclusion(
            CapacityOutcome.HAS_CAPACITY,
            (
                (
                    f"The person was found unable to {_join(unable)}, but this inability is "
                    "recorded as not caused by an impairment of the mind or brain: the Act's "
                    "test is not met, so they are not treated as lacking capacity for this "
                    "decision (s2(1))."
                ),
                (
                    "If someone else's pressure or influence is behind the difficulty, consider "
                    "whether a safeguarding response is needed."
                ),
            ),
        )

    missing: list[str] = []
    # s1(3): support steps must be tried before anyone is treated as unable; a person found able
    # in every respect has capacity whether or not support was recorded.
    if unable and not any(step.strip() for step in record.practicable_steps):
        missing.append(
            "Record the practicable steps taken to help the person decide, such as easy-read "
            "information, an interpreter, a better time or place, or someone they trust "
            "present (s1(3))."
        )
    if not unable and not_assessed:
        missing.append(f"Assess whether the person can {_join(not_assessed)} (s3(1)).")
    for ability in unable:
        if not _has_text(record.evidence.get(ability)):
            missing.append(
                f"Record the evidence that the person cannot {ability.label}: what was "
                "explained, and what they said or did."
            )
    if unable and not _has_text(record.impairment):
        missing.append(
            "Name the impairment of, or disturbance in the functioning of, the mind or brain "
            "(s2(1)). Naming it is not enough by itself: a lack of capacity can never rest on "
            "age, appearance, a condition or behaviour alone (s2(3))."
        )
    if unable and record.inability_because_of_impairment is None:
        missing.append(
            "Record whether the person's inability to decide is because of that impairment. "
            "This link is needed before anyone can be found to lack capacity (s2(1))."
        )
    if missing:
        return CapacityConclusion(CapacityOutcome.INCOMPLETE, tuple(missing))

    if not unable:
        return CapacityConclusion(
            CapacityOutcome.HAS_CAPACITY,
            (
                (
                    "The person can understand, retain, and use or weigh the information, and "
                    "communicate a decision, so they can make this decision."
                ),
                UNWISE_DECISION_REMINDER,
            ),
        )
    because = (
        f"Despite the support given, the person cannot {_join(unable)}, and this is because "
        f"of {record.impairment!s} (s2(1), s3(1))."
    )
    next_step = (
        "This finding covers this decision at this time only. The decision must now be made in "
        "the person's best interests (s4), choosing the less restrictive option where it "
        "achieves the purpose (s1(6))."
    )
    return CapacityConclusion(CapacityOutcome.LACKS_CAPACITY, (because, next_step))


# ---------------------------------------------------------------------- best interests
class BestInterestsItem(StrEnum):
    """The matters the decision-maker must work through (s4, with s1(6))."""

    NOT_ON_APPEARANCE_ALONE = "not_on_appearance_alone"
    """The decision is not based only on age, appearance, condition or behaviour (s4(1))."""
    ALL_RELEVANT_CIRCUMSTANCES = "all_relevant_circumstances"
    """All circumstances the decision-maker knows of, or ought to, were considered (s4(2), (11))."""
    REGAINING_CAPACITY = "regaining_capacity"
    """Whether and when the person may regain capacity, so the decision could wait (s4(3))."""
    PARTICIPATION = "participation"
    """The person was helped and encouraged to take part as fully as they can (s4(4))."""
    WISHES_FEELINGS_BELIEFS_VALUES = "wishes_feelings_beliefs_values"
    """Their past and present wishes and feelings, beliefs and values, including anything
    written while they had capacity (s4(6)(a)-(b))."""
    OTHER_FACTORS = "other_factors"
    """The other factors they would be likely to consider if they were able to (s4(6)(c)).
    Records made before this item existed read "Not recorded" for it."""
    VIEWS_OF_CARERS_AND_OTHERS = "views_of_carers_and_others"
    """Views of anyone the person named, and of carers and others concerned for them (s4(7))."""
    VIEWS_OF_ATTORNEY_OR_DEPUTY = "views_of_attorney_or_deputy"
    """Views of any attorney (lasting power of attorney) or court-appointed deputy (s4(7))."""
    LESS_RESTRICTIVE_OPTION = "less_restrictive_option"
    """Whether the purpose can be met in a way that restricts the person's rights less (s1(6))."""

    @property
    def question(self) -> str:
        """The checklist item as a question to answer (s4, in our words)."""
        return _BEST_INTERESTS_QUESTIONS[self]


_BEST_INTERESTS_QUESTIONS: dict[BestInterestsItem, str] = {
    BestInterestsItem.NOT_ON_APPEARANCE_ALONE: (
        "How have you avoided deciding on age, appearance, condition or behaviour alone?"
    ),
    BestInterestsItem.ALL_RELEVANT_CIRCUMSTANCES: "Which circumstances did you consider?",
    BestInterestsItem.REGAINING_CAPACITY: (
        "Could the person regain capacity for this decision, and can it wait until then?"
    ),
    BestInterestsItem.PARTICIPATION: "How was the person helped to take part as fully as possible?",
    BestInterestsItem.WISHES_FEELINGS_BELIEFS_VALUES: (
        "What are the person's past and present wishes and feelings, beliefs and values?"
    ),
    BestInterestsItem.OTHER_FACTORS: (
        "What other factors would the person be likely to consider if they were able to?"
    ),
    BestInterestsItem.VIEWS_OF_CARERS_AND_OTHERS: (
        "What do carers and others interested in the person's welfare say?"
    ),
    BestInterestsItem.VIEWS_OF_ATTORNEY_OR_DEPUTY: "What does any attorney or deputy say?",
    BestInterestsItem.LESS_RESTRICTIVE_OPTION: (
        "Which less restrictive option was considered, and why was it chosen or not?"
    ),
}


@dataclass(frozen=True, slots=True)
class BestInterestsRecord:
    """A best-interests decision: who made it, what it is, and how each item was considered."""

    decider_name: str
    decider_role: str
    decision: str
    answers: Mapping[BestInterestsItem, str] = field(default_factory=dict)
    """How each checklist item was considered; 'not applicable, because…' is an answer."""

    def __post_init__(self) -> None:
        if not self.decider_name.strip() or not self.decider_role.strip():
            raise InvalidInput("Record who is making the best-interests decision, and their role.")
        if not self.decision.strip():
            raise InvalidInput("Say which decision is being made in the person's best interests.")


def best_interests_gaps(record: BestInterestsRecord) -> list[BestInterestsItem]:
    """Checklist items not yet answered, in checklist order."""
    return [item for item in BestInterestsItem if not _has_text(record.answers.get(item))]


def best_interests_required(conclusion: CapacityConclusion) -> bool:
    """Whether a best-interests decision is needed: only when the person lacks capacity."""
    return conclusion.outcome is CapacityOutcome.LACKS_CAPACITY
