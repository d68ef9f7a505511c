"""The checks a Scottish capacity record and its "who decides" answers pass before they are stored,
under the Adults with Incapacity (Scotland) Act 2000 (`risk_app.domain.record.awi_capacity`).

`decision_input.validated` calls these for a person in Scotland: the s1(6) abilities and the
causal question in place of the MCA's functional test and impairment, and, for someone incapable
of the decision with no welfare attorney, guardian or intervention order covering it, how each s1
principle was applied in place of the best-interests checklist.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.awi_capacity import (
    AwiAbility,
    AwiCause,
    AwiPrinciple,
    AwiRecord,
    answers_without_doubt,
    principles_gaps,
)
from risk_app.domain.record.capacity import Finding, refuse_answers_without_doubt
from risk_app.domain.record.who_decides import Authority, DecisionMaker, authorities_for
from risk_app.domain.text import clean_long_text, clean_short_text


@dataclass(frozen=True, slots=True)
class PrinciplesInput:
    """An intervention under the s1 principles (Scotland): who makes it, their role, and how each
    principle was applied (`AwiPrinciple`, or its value)."""

    decider_name: str | None = None
    decider_role: str | None = None
    answers: Mapping[AwiPrinciple, str] | Mapping[str, str] = field(default_factory=dict)


def _long(value: str | None, what: str) -> str | None:
    return None if value is None else (clean_long_text(value, what) or None)


def _short(value: str | None, what: str) -> str | None:
    return None if value is None else (clean_short_text(value, what, required=False) or None)


def _ability(key: object) -> AwiAbility:
    try:
        return AwiAbility(str(key))
    except ValueError:
        known = ", ".join(a.value for a in AwiAbility)
        raise InvalidInput(
            f"Unknown ability {key!r} for a person in Scotland: the Adults with Incapacity "
            f"(Scotland) Act 2000, s1(6), names {known}."
        ) from None


def _cause(raw: object) -> AwiCause | None:
    if raw is None or raw == "":
        return None
    try:
        return AwiCause(str(raw))
    except ValueError:
        raise InvalidInput(
            "Answer the causal question with mental disorder, inability to communicate because "
            "of physical disability, or neither (s1(6))."
        ) from None


def awi_record(
    *,
    decision: str,
    decided_at: datetime,
    doubt: str | None,
    steps: list[str],
    functional: Mapping[Any, object],
    evidence: Mapping[Any, object],
    cause: object,
    condition: str | None,
    relevant_information: str | None,
    balance: bool | None,
    assessor_name: str | None,
    assessor_role: str | None,
) -> AwiRecord:
    """The AWI record the input describes, refused where it contradicts a presumption."""
    findings: dict[AwiAbility, Finding] = {}
    for key, value in functional.items():
        ability = _ability(key)
        try:
            findings[ability] = Finding(str(value))
        except ValueError:
            raise InvalidInput(
                f"Record whether the person can {ability.label}: able, unable or not assessed."
            ) from None
    said: dict[AwiAbility, str] = {}
    for key, value in evidence.items():
        ability = _ability(key)
        if not isinstance(value, str):
            raise InvalidInput(f"The evidence for {ability.label} must be written as text.")
        if text := clean_long_text(
            value, f"evidence that the person can or cannot {ability.label}"
        ):
            said[ability] = text
    record = AwiRecord(
        decision=decision,
        assessed_at=decided_at,
        reason_to_doubt=doubt,
        practicable_steps=tuple(steps),
        abilities=findings,
        evidence=said,
        cause=_cause(cause),
        condition=_long(condition, "the mental disorder or physical disability"),
        relevant_information=_long(relevant_information, "information relevant to the decision"),
        balance_of_probabilities=balance,
        assessor_name=_short(assessor_name, "assessor's name"),
        assessor_role=_short(assessor_role, "assessor's role"),
    )
    refuse_answers_without_doubt(answers_without_doubt(record))
    return record


def _principles(raw: Mapping[AwiPrinciple, str] | Mapping[str, str]) -> dict[AwiPrinciple, str]:
    out: dict[AwiPrinciple, str] = {}
    for key, value in raw.items():
        try:
            principle = AwiPrinciple(key)
        except ValueError:
            raise InvalidInput(f"Unknown principle {key!r} of the Act's s1.") from None
        if not isinstance(value, str):
            raise InvalidInput("Say how each principle was applied, in words.")
        if text := clean_long_text(value, f"how the {principle.value} principle was applied"):
            out[principle] = text
    return out


def awi_who_decides(  # noqa: C901 - one rule after another, in the Act's order
    maker: DecisionMaker,
    *,
    principles: PrinciplesInput | None,
    best_interests_given: bool,
    covers: bool | None,
    kind: Authority | None,
    authority_given: bool,
    decided: str,
) -> dict[str, object]:
    """Who decides for a Scottish person, checked; returns the stored principle answers and
    decider. An authority's own details are checked by the caller (`authority_gaps`)."""
    given = principles or PrinciplesInput()
    answers = _principles(given.answers)
    name = _short(given.decider_name, "name of who decides")
    role = _short(given.decider_role, "role of who decides")
    if best_interests_given:
        raise InvalidInput(
            "Scots law has no best-interests test: for a person in Scotland record how each "
            "principle of the Adults with Incapacity (Scotland) Act 2000, s1, was applied."
        )
    if kind is not None and kind not in authorities_for("scotland"):
        raise InvalidInput(
            "For a person in Scotland the authority is a welfare attorney (s16), a guardian "
            "(s64) or a person authorised by an intervention order (s53)."
        )
    if maker is DecisionMaker.PERSON:
        if answers or name or role or covers is not None or authority_given:
            raise InvalidInput(
                "The person decides: nobody intervenes for them, so clear the answers about "
                "the principles, the decider and any authority."
            )
        if not decided:
            raise InvalidInput("Record what the person decided, in their words.")
    elif maker is DecisionMaker.NOT_ANSWERED:
        raise InvalidInput(
            "The person is incapable of this decision. Say whether a welfare attorney or "
            "guardian with the power, or a person authorised by an intervention order, covers "
            "it (Adults with Incapacity (Scotland) Act 2000, s16, s64, s53). This question has "
            "not been answered."
        )
    elif maker is DecisionMaker.AUTHORITY:
        if answers or name or role:
            raise InvalidInput(
                "A welfare attorney, guardian or intervention order covers this decision, so "
                "their decision is recorded: clear the answers about the principles and decider."
            )
    else:
        if authority_given:
            raise InvalidInput(
                "You answered that no welfare attorney, guardian or intervention order covers "
                "this decision: clear the details of the authority, or change that answer."
            )
        if not name or not role:
            raise InvalidInput(
                "Record who is making this intervention under the s1 principles, and their role."
            )
        unanswered = principles_gaps(answers)
        if unanswered:
            raise InvalidInput(
                "Say how each principle of the Adults with Incapacity (Scotland) Act 2000, s1, "
                "was applied before recording the intervention. Still to answer: "
                + ", ".join(p.value.replace("_", " ") for p in unanswered)
                + "."
            )
        if not decided:
            raise InvalidInput("Record what was decided, as an intervention under the principles.")
    return {
        "best_interests": {p.value: t for p, t in answers.items()},
        "decider_name": name,
        "decider_role": role,
    }
