"""A supported decision as a practitioner gives it, and the checks it must pass before it is stored.

The input types (`DecisionInput` and its parts) and `validated`, which applies the rules of the
Mental Capacity Act 2005 in the Act's order: the capacity record (s1(2), s3(1), s2(1), s3(4),
s2(4), who assessed), who decides (the person; an attorney, deputy or advance decision under
s6(6); or best interests under s4 only after that), what was decided, and the council's response
kept apart from it. For a person in Scotland the same input is checked under the Adults with
Incapacity (Scotland) Act 2000 instead (`awi_input`: s1(6), then s16/s64/s53 or the s1
principles), and the Act followed is stored with the record (``capacity_law``).
`risk_app.services.record.decisions` stores and audits what passes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from framework.law import law_book
from risk_app.domain.errors import InvalidInput
from risk_app.domain.inputs import Day
from risk_app.domain.record.awi_capacity import (
    AwiAbility,
    AwiCause,
    AwiRecord,
    CapacityLaw,
    capacity_law_for,
)
from risk_app.domain.record.awi_capacity import assess as assess_awi
from risk_app.domain.record.awi_capacity import recording_gaps as awi_recording_gaps
from risk_app.domain.record.capacity import (
    BestInterestsItem,
    BestInterestsRecord,
    CapacityConclusion,
    CapacityOutcome,
    CapacityRecord,
    Finding,
    FunctionalAbility,
    answers_without_doubt,
    assess,
    best_interests_gaps,
    recording_gaps,
    refuse_answers_without_doubt,
)
from risk_app.domain.record.capacity_law import capacity_words
from risk_app.domain.record.council_response import CouncilResponse
from risk_app.domain.record.dissent import Dissent, clean_dissents
from risk_app.domain.record.dissent import stored as dissent_records
from risk_app.domain.record.plan import PlanOutcome
from risk_app.domain.record.who_decides import (
    Authority,
    DecisionMaker,
    authorities_for,
    authority_gaps,
    decision_maker,
)
from risk_app.domain.text import clean_long_text, clean_short_text
from risk_app.services.record.awi_input import PrinciplesInput, awi_record, awi_who_decides

PERSON_DECIDES = "The person decides: best interests does not apply."


# ---------------------------------------------------------------------- value types
@dataclass(frozen=True, slots=True)
class DecisionOption:
    """One option considered, and whether it restricts the person's rights and freedom less."""

    option: str
    less_restrictive: bool = False
    notes: str = ""


@dataclass(frozen=True, slots=True)
class CapacityInput:
    """The capacity assessment for one decision, made only when there is a reason to doubt the
    person's capacity (s1(2)): the functional test, then whether an inability is because of an
    impairment of the mind or brain (s3(1), s2(1)). Abilities and findings may also be given as
    their values ("use_or_weigh": "unable").

    For a person in Scotland the same input holds an assessment under the Adults with Incapacity
    (Scotland) Act 2000, s1(6): `functional` and `evidence` are keyed by `AwiAbility`,
    `impairment` names the mental disorder or physical disability, and `cause` answers the
    causal question (`inability_because_of_impairment` is then left None)."""

    reason_to_doubt: str
    """Why capacity is in doubt; blank means there is no doubt, so capacity is presumed."""
    functional: (
        Mapping[FunctionalAbility, Finding] | Mapping[AwiAbility, Finding] | Mapping[str, str]
    ) = field(default_factory=dict)
    evidence: Mapping[FunctionalAbility, str] | Mapping[AwiAbility, str] | Mapping[str, str] = (
        field(default_factory=dict)
    )
    """What the person said or did, for each ability they were found unable to use."""
    cause: AwiCause | str | None = None
    """Scotland only: the causal question of s1(6); None while unanswered."""
    impairment: str | None = None
    inability_because_of_impairment: bool | None = None
    """The causal link; None while it is not answered."""
    relevant_information: str | None = None
    """The information relevant to the decision and its foreseeable consequences (s3(4))."""
    balance_of_probabilities: bool | None = None
    """The assessor's confirmation that the conclusion is on the balance of probabilities (s2(4));
    None while it is not answered, which refuses the save."""
    assessor_name: str | None = None
    assessor_role: str | None = None
    """Who assessed; the screen fills in the signed-in user as a default (`assessor_default`)."""


@dataclass(frozen=True, slots=True)
class AuthorityInput:
    """Whether a registered health and welfare attorney, a deputy whose order covers it, or a
    valid and applicable advance decision covers the decision (s6(6)), asked only when the person
    lacks capacity; if it does, which one, who holds it, what it covers. The decision they made
    is `DecisionInput.decided`."""

    covers: bool | None = None
    """None while unanswered: no best-interests decision can be saved until it is "no"."""
    kind: Authority | str | None = None
    holder: str | None = None
    scope: str | None = None


@dataclass(frozen=True, slots=True)
class BestInterestsInput:
    """A decision made in the person's best interests (s4), recorded only when they lack capacity
    for it: who makes it, their role, and how each checklist item was considered."""

    decider_name: str | None = None
    decider_role: str | None = None
    answers: Mapping[BestInterestsItem, str] | Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DecisionInput:
    """What a practitioner records about a supported decision (checked by `record_decision` and
    `update_decision`). Options and dissent may be given as mappings of their fields."""

    decision: str
    options: Sequence[DecisionOption | Mapping[str, object]]
    support_given: Sequence[str]
    outcome: CouncilResponse | PlanOutcome | str
    """The council's response to the decision (what it will fund or agree), not the decision."""
    conditions: str = ""
    review_date: Day | None = None
    """A date agreed to look at the decision again (it counts towards the next review)."""
    dissent: Sequence[Dissent | Mapping[str, str]] = ()
    capacity: CapacityInput | None = None
    """None: no reason to doubt the person's capacity is recorded, so it is presumed (s1(2))."""
    best_interests: BestInterestsInput | None = None
    authority: AuthorityInput | None = None
    """Whether an attorney, deputy or advance decision covers it; asked when capacity is lacking."""
    principles: PrinciplesInput | None = None
    """Scotland: an intervention under the AWI Act's s1 principles, in place of best interests."""
    decided: str = ""
    """What was decided: by the person in their words, by the attorney or deputy, or in the
    person's best interests (whose it is follows from the capacity record and `authority`)."""


_NO_DOUBT = CapacityInput(reason_to_doubt="")
_NO_BEST_INTERESTS = BestInterestsInput()
_NO_AUTHORITY = AuthorityInput()


# ---------------------------------------------------------------------- input checks
def _optional_long(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    return clean_long_text(value, what) or None


def _optional_short(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    return clean_short_text(value, what, required=False) or None


def _options(raw: Iterable[DecisionOption | Mapping[str, object]]) -> list[DecisionOption]:
    cleaned: list[DecisionOption] = []
    for position, item in enumerate(raw, start=1):
        option: object
        less: object
        notes: object
        if isinstance(item, DecisionOption):
            option, less, notes = item.option, item.less_restrictive, item.notes
        elif isinstance(item, Mapping):
            unknown = sorted(
                str(k) for k in item if k not in {"option", "less_restrictive", "notes"}
            )
            if unknown:
                raise InvalidInput(
                    f"Option {position} has unknown parts: {', '.join(unknown)}. "
                    "Give the option, whether it is less restrictive, and any notes."
                )
            option, less, notes = (
                item.get("option", ""),
                item.get("less_restrictive", False),
                item.get("notes", ""),
            )
        else:
            raise InvalidInput(f"Option {position} must say what the option is.")
        if not isinstance(option, str) or not isinstance(notes, str):
            raise InvalidInput(f"Option {position} must be written as text.")
        if not isinstance(less, bool):
            raise InvalidInput(f"Say yes or no: is option {position} less restrictive?")
        text = clean_long_text(option, f"option {position}", max_length=1000)
        if not text:
            raise InvalidInput(f"Option {position} is blank: say what the option is.")
        cleaned.append(
            DecisionOption(text, less, clean_long_text(notes, f"notes on option {position}"))
        )
    if not cleaned:
        raise InvalidInput(
            "Record at least one option considered, including what the person wants to do."
        )
    return cleaned


def _support(raw: Iterable[str]) -> list[str]:
    if isinstance(raw, str):
        raw = [raw]
    steps = [clean_long_text(step, "support given", max_length=1000) for step in raw]
    return [step for step in steps if step]


def _abilities(raw: Mapping[Any, object], what: str) -> dict[FunctionalAbility, str]:
    out: dict[FunctionalAbility, str] = {}
    for key, value in raw.items():
        try:
            ability = FunctionalAbility(key)
        except ValueError:
            known = ", ".join(a.value for a in FunctionalAbility)
            raise InvalidInput(f"Unknown ability {key!r} in the {what}: use {known}.") from None
        if not isinstance(value, str):
            raise InvalidInput(f"The {what} for {ability.label} must be written as text.")
        out[ability] = value
    return out


def _functional(
    raw: Mapping[Any, object],
) -> dict[FunctionalAbility, Finding]:
    findings: dict[FunctionalAbility, Finding] = {}
    for ability, value in _abilities(raw, "functional test").items():
        try:
            findings[ability] = Finding(value)
        except ValueError:
            raise InvalidInput(
                f"Record whether the person can {ability.label}: able, unable or not assessed."
            ) from None
    return findings


def _evidence(
    raw: Mapping[Any, object],
) -> dict[FunctionalAbility, str]:
    return {
        ability: text
        for ability, value in _abilities(raw, "evidence").items()
        if (
            text := clean_long_text(
                value, f"evidence that the person can or cannot {ability.label}"
            )
        )
    }


def _best_interests(
    raw: Mapping[BestInterestsItem, str] | Mapping[str, str],
) -> dict[BestInterestsItem, str]:
    out: dict[BestInterestsItem, str] = {}
    for key, value in raw.items():
        try:
            item = BestInterestsItem(key)
        except ValueError:
            raise InvalidInput(f"Unknown best-interests checklist item {key!r}.") from None
        if not isinstance(value, str):
            raise InvalidInput("Each best-interests answer must be written as text.")
        text = clean_long_text(value, f"best-interests answer ({item.value.replace('_', ' ')})")
        if text:
            out[item] = text
    return out


# ---------------------------------------------------------------------- decisions
@dataclass(frozen=True, slots=True)
class ValidDecision:
    """A validated decision, ready to store."""

    values: dict[str, object]
    conclusion: CapacityConclusion


def _capacity_record(
    capacity: CapacityInput,
    *,
    decision_text: str,
    steps: list[str],
    decided_at: datetime,
    jurisdiction: str,
) -> CapacityRecord | AwiRecord:
    """The capacity record the input describes, under the capacity Act of the person's nation,
    refused where it contradicts a presumption of capacity."""
    doubt = _optional_long(capacity.reason_to_doubt, "reason to doubt capacity")
    elsewhere = capacity_words(law_book(), jurisdiction).elsewhere
    if doubt and elsewhere is not None:  # a nation whose capacity law the form does not hold
        raise InvalidInput(elsewhere)
    because = capacity.inability_because_of_impairment
    if because is not None and not isinstance(because, bool):
        raise InvalidInput("Say yes or no: is the inability because of the impairment?")
    balance = capacity.balance_of_probabilities
    if balance is not None and not isinstance(balance, bool):
        raise InvalidInput(
            "Say yes or no: is your conclusion reached on the balance of probabilities?"
        )
    if capacity_law_for(jurisdiction) is CapacityLaw.AWI:
        if because is not None:
            raise InvalidInput(
                "For a person in Scotland answer the causal question of the Adults with "
                "Incapacity (Scotland) Act 2000, s1(6), not the Mental Capacity Act's."
            )
        return awi_record(
            decision=decision_text,
            decided_at=decided_at,
            doubt=doubt,
            steps=steps,
            functional=capacity.functional,
            evidence=capacity.evidence,
            cause=capacity.cause,
            condition=capacity.impairment,
            relevant_information=capacity.relevant_information,
            balance=balance,
            assessor_name=capacity.assessor_name,
            assessor_role=capacity.assessor_role,
        )
    if capacity.cause is not None:
        raise InvalidInput(
            "The causal question of the Adults with Incapacity (Scotland) Act 2000 applies only "
            "to a person in Scotland."
        )
    record = CapacityRecord(
        decision=decision_text,
        assessed_at=decided_at,
        reason_to_doubt=doubt,
        practicable_steps=tuple(steps),
        functional=_functional(capacity.functional),
        evidence=_evidence(capacity.evidence),
        impairment=_optional_long(capacity.impairment, "impairment of the mind or brain"),
        inability_because_of_impairment=because,
        relevant_information=_optional_long(
            capacity.relevant_information, "information relevant to the decision"
        ),
        balance_of_probabilities=balance,
        assessor_name=_optional_short(capacity.assessor_name, "assessor's name"),
        assessor_role=_optional_short(capacity.assessor_role, "assessor's role"),
    )
    refuse_answers_without_doubt(answers_without_doubt(record))
    return record


def _authority_kind(raw: Authority | str | None) -> Authority | None:
    if raw is None or raw == "":
        return None
    try:
        return Authority(raw)
    except ValueError:
        raise InvalidInput(
            "Say which authority covers the decision: a health and welfare attorney, a deputy, "
            "or an advance decision."
        ) from None


def _who_decides(  # noqa: C901 - one rule after another, kept in the order of the Act
    data: DecisionInput,
    conclusion: CapacityConclusion,
    *,
    decision_text: str,
    decided: str,
    options: list[DecisionOption],
    law: CapacityLaw,
) -> dict[str, object]:
    """The stored fields that say who decides: the person; an attorney, deputy or advance
    decision (s6(6)); or a best-interests decision (s4), only once no authority covers it."""
    best_interests = data.best_interests or _NO_BEST_INTERESTS
    authority = data.authority or _NO_AUTHORITY
    answers = _best_interests(best_interests.answers)
    name = _optional_short(best_interests.decider_name, "best-interests decider's name")
    role = _optional_short(best_interests.decider_role, "best-interests decider's role")
    covers = authority.covers
    if covers is not None and not isinstance(covers, bool):
        raise InvalidInput(
            "Say yes or no: does an attorney, a deputy or an advance decision cover this decision?"
        )
    kind = _authority_kind(authority.kind)
    holder = _optional_short(authority.holder, "who holds the authority")
    scope = _optional_long(authority.scope, "the authority and what it covers")
    authority_given = kind is not None or holder or scope
    awi = law is CapacityLaw.AWI
    maker = decision_maker(conclusion.outcome, covers, awi=awi)
    stored_authority = {
        "authority_covers": covers,
        "authority_kind": kind.value if kind else None,
        "authority_holder": holder,
        "authority_scope": scope,
    }
    if awi:
        chosen = awi_who_decides(
            maker,
            principles=data.principles,
            best_interests_given=bool(answers or name or role),
            covers=covers,
            kind=kind,
            authority_given=bool(authority_given),
            decided=decided,
        )
        if maker is DecisionMaker.AUTHORITY:
            gaps = authority_gaps(kind, holder, scope, decided, awi=True)
            if gaps:
                raise InvalidInput(" ".join(gaps))
        return {**chosen, **stored_authority}
    if data.principles is not None:
        raise InvalidInput(
            "The principles of the Adults with Incapacity (Scotland) Act 2000 apply only to a "
            "person in Scotland: record best interests under the Mental Capacity Act 2005."
        )
    if kind is not None and kind not in authorities_for("england"):
        raise InvalidInput(
            "Say which authority covers the decision: a health and welfare attorney, a deputy, "
            "or an advance decision."
        )
    if maker is DecisionMaker.PERSON:
        if answers:
            raise InvalidInput(PERSON_DECIDES)
        if name or role:
            raise InvalidInput(
                PERSON_DECIDES + " Do not name a best-interests decider for this decision."
            )
        if covers is not None or authority_given:
            raise InvalidInput(
                PERSON_DECIDES + " No attorney, deputy or advance decision decides it for them."
            )
        if not decided:
            raise InvalidInput("Record what the person decided, in their words.")
    elif maker is DecisionMaker.NOT_ANSWERED:
        raise InvalidInput(
            "The person lacks capacity for this decision. Before a best-interests decision, say "
            "whether a registered lasting power of attorney for health and welfare, a deputy "
            "whose order covers it, or a valid and applicable advance decision to refuse "
            "treatment covers this decision (Mental Capacity Act 2005, s6(6), ss9-11, s16, "
            "ss24-26). This question has not been answered."
        )
    elif maker is DecisionMaker.AUTHORITY:
        if answers or name or role:
            raise InvalidInput(
                "An attorney, a deputy or an advance decision covers this decision, so their "
                "decision is recorded, not a best-interests decision: clear the best-interests "
                "answers and decider (s6(6), s26(1))."
            )
        gaps = authority_gaps(kind, holder, scope, decided)
        if gaps:
            raise InvalidInput(" ".join(gaps))
    else:
        if authority_given:
            raise InvalidInput(
                "You answered that no attorney, deputy or advance decision covers this decision: "
                "clear the details of the authority, or change that answer."
            )
        if not name or not role:
            raise InvalidInput(
                "The person lacks capacity for this decision, so it is made in their best "
                "interests (s4): record who is making it, and their role."
            )
        unanswered = best_interests_gaps(BestInterestsRecord(name, role, decision_text, answers))
        if unanswered:
            raise InvalidInput(
                "Work through every item of the best-interests checklist before recording the "
                "outcome ('not applicable, because...' is an answer). Still to answer: "
                + ", ".join(g.value.replace("_", " ") for g in unanswered)
                + "."
            )
        if not any(o.less_restrictive for o in options):
            raise InvalidInput(
                "Consider whether the purpose can be met in a way less restrictive of the "
                "person's rights and freedom (Mental Capacity Act 2005, s1(6)): list at least one "
                "less restrictive option, even if it is not chosen."
            )
        if not decided:
            raise InvalidInput("Record what was decided in the person's best interests.")
    return {
        "best_interests": {i.value: t for i, t in answers.items()},
        "decider_name": name,
        "decider_role": role,
        **stored_authority,
    }


def validated(data: DecisionInput, *, decided_at: datetime, jurisdiction: str) -> ValidDecision:
    """The decision ready to store, or InvalidInput naming what the Act still needs. Run inside
    `record_decision` and `update_decision`, which checked the caller first."""
    decision_text = clean_long_text(data.decision, "decision")
    if not decision_text:
        raise InvalidInput("Say what the decision is, in the person's own words.")
    chosen = CouncilResponse.parse(data.outcome)
    cleaned_options = _options(data.options)
    steps = _support(data.support_given)
    record = _capacity_record(
        data.capacity or _NO_DOUBT,
        decision_text=decision_text,
        steps=steps,
        decided_at=decided_at,
        jurisdiction=jurisdiction,
    )
    presumed = capacity_words(law_book(), jurisdiction).presumption
    law = capacity_law_for(jurisdiction)
    if isinstance(record, AwiRecord):
        conclusion = assess_awi(record, presumed=presumed)
        gaps = awi_recording_gaps(record)
    else:
        conclusion = assess(record, presumed=presumed)
        gaps = recording_gaps(record)
    still_needed = (
        conclusion.reasons if conclusion.outcome is CapacityOutcome.INCOMPLETE else ()
    ) + gaps
    if still_needed:
        raise InvalidInput(
            "Capacity for this decision is in doubt and the assessment is not finished, so no "
            "outcome can be recorded yet. Still needed: " + " ".join(still_needed)
        )
    decided = clean_long_text(data.decided, "what was decided")
    who = _who_decides(
        data,
        conclusion,
        decision_text=decision_text,
        decided=decided,
        options=cleaned_options,
        law=law,
    )
    kept_conditions = clean_long_text(data.conditions, "conditions")
    if chosen is CouncilResponse.AGREED_WITH_CONDITIONS and not kept_conditions:
        raise InvalidInput("Write down the conditions the council agrees on.")
    if chosen is not CouncilResponse.AGREED_WITH_CONDITIONS and kept_conditions:
        raise InvalidInput(
            "Conditions were given: choose 'agreed with conditions' so they stay with the decision."
        )
    if data.review_date is not None and data.review_date < decided_at.date():
        raise InvalidInput("The review date agreed cannot be before the decision was made.")
    dissents = clean_dissents(data.dissent)
    values: dict[str, object] = {
        "decision": decision_text,
        "options": [
            {"option": o.option, "less_restrictive": o.less_restrictive, "notes": o.notes}
            for o in cleaned_options
        ],
        "support_given": steps,
        "reason_to_doubt": record.reason_to_doubt,
        **_capacity_values(record),
        "relevant_information": record.relevant_information,
        "balance_of_probabilities": record.balance_of_probabilities,
        "assessor_name": record.assessor_name,
        "assessor_role": record.assessor_role,
        "capacity_outcome": conclusion.outcome.value,
        **who,
        "decided": decided,
        "outcome": chosen.value,
        "conditions": kept_conditions,
        "review_date": data.review_date,
        "dissent": dissent_records(dissents),
    }
    return ValidDecision(values, conclusion)


def _capacity_values(record: CapacityRecord | AwiRecord) -> dict[str, object]:
    """The stored fields that differ between the Acts, with the Act itself (`capacity_law`)."""
    if isinstance(record, AwiRecord):
        cause = record.cause
        return {
            "capacity_law": CapacityLaw.AWI.value,
            "functional": {a.value: f.value for a, f in record.abilities.items()},
            "evidence": {a.value: t for a, t in record.evidence.items()},
            "impairment": record.condition,
            "incapacity_cause": cause.value if cause else None,
            "inability_because_of_impairment": (
                None if cause is None else cause is not AwiCause.NEITHER
            ),
        }
    return {
        "capacity_law": CapacityLaw.MCA.value,
        "functional": {a.value: f.value for a, f in record.functional.items()},
        "evidence": {a.value: t for a, t in record.evidence.items()},
        "impairment": record.impairment,
        "incapacity_cause": None,
        "inability_because_of_impairment": record.inability_because_of_impairment,
    }
