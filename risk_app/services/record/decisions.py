"""Supported decisions: the person's choice, the support given, capacity and best interests.

A decision is recorded as the person's own choice in their words, with the options considered and
the support given to help them decide (DH 2007 "Independence, choice and risk"). Capacity is
presumed unless a reason to doubt it is recorded (Mental Capacity Act 2005 s1(2)); where it is
doubted, the functional test and the causal link must be complete before any outcome is recorded,
and a best-interests decision is recorded only when the person lacks capacity (s4). The pure rules
live in `risk_app.domain.record.capacity` and `risk_app.domain.record.plan`; this module validates input, checks
the actor against the person's record, stores and audits (identifiers and field names only).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import object_session

from framework.law import law_book
from risk_app.adapters.db import Store
from risk_app.adapters.tables import (
    DecisionRow,
    PersonRow,
)
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.disclosure import RecordPart
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.inputs import Day, RecordId, Version
from risk_app.domain.record.capacity import (
    UNWISE_DECISION_REMINDER,
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
)
from risk_app.domain.record.capacity_law import capacity_words
from risk_app.domain.record.dissent import Dissent, clean_dissents, from_stored
from risk_app.domain.record.dissent import stored as dissent_records
from risk_app.domain.record.plan import PlanOutcome
from risk_app.domain.text import clean_long_text, clean_short_text
from risk_app.services import audit
from risk_app.services import framework as framework_service
from risk_app.services.boundary import checked
from risk_app.services.record.people import listed_for, load_for
from risk_app.services.record.risks import risk_ids_of

AGREE_STAGE = "ST4"
"""The framework stage at which a plan is validated and agreed ("Agreeing the plan")."""

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
    their values ("use_or_weigh": "unable")."""

    reason_to_doubt: str
    """Why capacity is in doubt; blank means there is no doubt, so capacity is presumed."""
    functional: Mapping[FunctionalAbility, Finding] | Mapping[str, str] = field(
        default_factory=dict
    )
    evidence: Mapping[FunctionalAbility, str] | Mapping[str, str] = field(default_factory=dict)
    """What the person said or did, for each ability they were found unable to use."""
    impairment: str | None = None
    inability_because_of_impairment: bool | None = None
    """The causal link; None while it is not answered."""


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
    outcome: PlanOutcome | str
    conditions: str = ""
    review_date: Day | None = None
    """A date agreed to look at the decision again (it counts towards the next review)."""
    dissent: Sequence[Dissent | Mapping[str, str]] = ()
    capacity: CapacityInput | None = None
    """None: no reason to doubt the person's capacity is recorded, so it is presumed (s1(2))."""
    best_interests: BestInterestsInput | None = None


_NO_DOUBT = CapacityInput(reason_to_doubt="")
_NO_BEST_INTERESTS = BestInterestsInput()


@dataclass(frozen=True, slots=True)
class DecisionView:
    id: int
    person_id: int
    risk_id: int | None
    decision: str
    decided_at: datetime
    options: tuple[DecisionOption, ...]
    support_given: tuple[str, ...]
    reason_to_doubt: str | None
    functional: dict[FunctionalAbility, Finding]
    evidence: dict[FunctionalAbility, str]
    impairment: str | None
    inability_because_of_impairment: bool | None
    capacity_outcome: CapacityOutcome
    capacity_reasons: tuple[str, ...]
    """Recomputed from the stored fields with the current rules."""
    best_interests: dict[BestInterestsItem, str]
    decider_name: str | None
    decider_role: str | None
    outcome: PlanOutcome
    conditions: str
    review_date: date | None
    dissent: tuple[Dissent, ...]
    framework_version: str
    created_by: str
    version: int
    reminder: str | None
    """The unwise-decision reminder (s1(4)) wherever the person makes the decision themselves."""


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


def _abilities(
    raw: Mapping[FunctionalAbility, str] | Mapping[str, str], what: str
) -> dict[FunctionalAbility, str]:
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
    raw: Mapping[FunctionalAbility, Finding] | Mapping[str, str],
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
    raw: Mapping[FunctionalAbility, str] | Mapping[str, str],
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
class _Decision:
    """A validated decision, ready to store."""

    values: dict[str, object]
    conclusion: CapacityConclusion


def _validated_decision(  # noqa: C901 - one rule after another, kept in the order of the Act
    data: DecisionInput, *, decided_at: datetime, jurisdiction: str
) -> _Decision:
    capacity = data.capacity or _NO_DOUBT
    best_interests = data.best_interests or _NO_BEST_INTERESTS
    decision_text = clean_long_text(data.decision, "decision")
    if not decision_text:
        raise InvalidInput("Say what the decision is, in the person's own words.")
    chosen = PlanOutcome.parse(data.outcome)
    cleaned_options = _options(data.options)
    steps = _support(data.support_given)
    doubt = _optional_long(capacity.reason_to_doubt, "reason to doubt capacity")
    law_words = capacity_words(law_book(), jurisdiction)
    if doubt and law_words.elsewhere is not None:  # the form follows the MCA (England, Wales)
        raise InvalidInput(law_words.elsewhere)
    findings = _functional(capacity.functional)
    evidence_text = _evidence(capacity.evidence)
    impairment_text = _optional_long(capacity.impairment, "impairment of the mind or brain")
    because = capacity.inability_because_of_impairment
    if because is not None and not isinstance(because, bool):
        raise InvalidInput("Say yes or no: is the inability because of the impairment?")
    record = CapacityRecord(
        decision=decision_text,
        assessed_at=decided_at,
        reason_to_doubt=doubt,
        practicable_steps=tuple(steps),
        functional=findings,
        evidence=evidence_text,
        impairment=impairment_text,
        inability_because_of_impairment=because,
    )
    stray = answers_without_doubt(record)
    if stray:
        raise InvalidInput(
            "No reason to doubt capacity is written, yet the capacity record answers "
            + words.all_of(stray)
            + ". Write the reason to doubt, or clear those answers: capacity is presumed only "
            "when nothing recorded says otherwise."
        )
    conclusion = assess(record, presumed=law_words.presumption)
    if conclusion.outcome is CapacityOutcome.INCOMPLETE:
        raise InvalidInput(
            "Capacity for this decision is in doubt and the assessment is not finished, so no "
            "outcome can be recorded yet. Still needed: " + " ".join(conclusion.reasons)
        )
    answers = _best_interests(best_interests.answers)
    name = _optional_short(best_interests.decider_name, "best-interests decider's name")
    role = _optional_short(best_interests.decider_role, "best-interests decider's role")
    if conclusion.outcome is CapacityOutcome.LACKS_CAPACITY:
        if not name or not role:
            raise InvalidInput(
                "The person lacks capacity for this decision, so it is made in their best "
                "interests (s4): record who is making it, and their role."
            )
        gaps = best_interests_gaps(BestInterestsRecord(name, role, decision_text, answers))
        if gaps:
            raise InvalidInput(
                "Work through every item of the best-interests checklist before recording the "
                "outcome ('not applicable, because...' is an answer). Still to answer: "
                + ", ".join(g.value.replace("_", " ") for g in gaps)
                + "."
            )
        if not any(o.less_restrictive for o in cleaned_options):
            raise InvalidInput(
                "Consider whether the purpose can be met in a way less restrictive of the "
                "person's rights and freedom (Mental Capacity Act 2005, s1(6)): list at least one "
                "less restrictive option, even if it is not chosen."
            )
    else:
        if answers:
            raise InvalidInput(PERSON_DECIDES)
        if name or role:
            raise InvalidInput(
                PERSON_DECIDES + " Do not name a best-interests decider for this decision."
            )
    kept_conditions = clean_long_text(data.conditions, "conditions")
    if chosen is PlanOutcome.AGREED_WITH_CONDITIONS and not kept_conditions:
        raise InvalidInput("Write down the conditions the decision is agreed on.")
    if chosen is not PlanOutcome.AGREED_WITH_CONDITIONS and kept_conditions:
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
        "reason_to_doubt": doubt,
        "functional": {a.value: f.value for a, f in findings.items()},
        "evidence": {a.value: t for a, t in evidence_text.items()},
        "impairment": impairment_text,
        "inability_because_of_impairment": because,
        "capacity_outcome": conclusion.outcome.value,
        "best_interests": {i.value: t for i, t in answers.items()},
        "decider_name": name,
        "decider_role": role,
        "outcome": chosen.value,
        "conditions": kept_conditions,
        "review_date": data.review_date,
        "dissent": dissent_records(dissents),
    }
    return _Decision(values, conclusion)


def _record_of(row: DecisionRow) -> CapacityRecord:
    return CapacityRecord(
        decision=row.decision,
        assessed_at=row.decided_at,
        reason_to_doubt=row.reason_to_doubt,
        practicable_steps=tuple(row.support_given),
        functional={FunctionalAbility(a): Finding(f) for a, f in row.functional.items()},
        evidence={FunctionalAbility(a): t for a, t in row.evidence.items()},
        impairment=row.impairment,
        inability_because_of_impairment=row.inability_because_of_impairment,
    )


def view_of(row: DecisionRow) -> DecisionView:
    """The record as a view (the caller has checked access)."""
    return _decision_view(row)


def _decision_view(row: DecisionRow) -> DecisionView:
    session = object_session(row)
    person = session.get(PersonRow, row.person_id) if session is not None else None
    law_words = capacity_words(law_book(), person.jurisdiction) if person is not None else None
    conclusion = (
        assess(_record_of(row), presumed=law_words.presumption)
        if law_words is not None
        else assess(_record_of(row))
    )
    reminder = law_words.reminder if law_words is not None else UNWISE_DECISION_REMINDER
    stored = CapacityOutcome(row.capacity_outcome)
    person_decides = stored in (CapacityOutcome.PRESUMED, CapacityOutcome.HAS_CAPACITY)
    return DecisionView(
        id=row.id,
        person_id=row.person_id,
        risk_id=row.risk_id,
        decision=row.decision,
        decided_at=row.decided_at,
        options=tuple(
            DecisionOption(o["option"], bool(o["less_restrictive"]), o.get("notes", ""))
            for o in row.options
        ),
        support_given=tuple(row.support_given),
        reason_to_doubt=row.reason_to_doubt,
        functional={FunctionalAbility(a): Finding(f) for a, f in row.functional.items()},
        evidence={FunctionalAbility(a): t for a, t in row.evidence.items()},
        impairment=row.impairment,
        inability_because_of_impairment=row.inability_because_of_impairment,
        capacity_outcome=stored,
        capacity_reasons=conclusion.reasons,
        best_interests={BestInterestsItem(i): t for i, t in row.best_interests.items()},
        decider_name=row.decider_name,
        decider_role=row.decider_role,
        outcome=PlanOutcome(row.outcome),
        conditions=row.conditions,
        review_date=row.review_date,
        dissent=from_stored(row.dissent),
        framework_version=row.framework_version,
        created_by=row.created_by,
        version=row.version_id,
        reminder=reminder if person_decides else None,
    )


@checked
def record_decision(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    data: DecisionInput,
    risk_id: RecordId | None = None,
) -> DecisionView:
    """Record a supported decision with its capacity record; refuse what the Act does not allow."""
    now = datetime.now(UTC)
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=True)
        if risk_id is not None:
            risk_ids_of(session, person.id, [risk_id])
        validated = _validated_decision(data, decided_at=now, jurisdiction=person.jurisdiction)
        row = DecisionRow(
            person_id=person.id,
            risk_id=risk_id,
            decided_at=now,
            framework_version=framework_service.version(),
            created_by=by.username,
            **validated.values,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.CREATE,
            AuditObject.DECISION,
            row.id,
            row.version_id,
            person=person.id,
            risk=risk_id,
            capacity=validated.conclusion.outcome.value,
            outcome=row.outcome,
            fields=",".join(k for k, v in validated.values.items() if v not in (None, "", [], {})),
        )
        return _decision_view(row)


@checked
def update_decision(
    store: Store,
    *,
    by: Actor,
    decision_id: RecordId,
    expected_version: Version,
    data: DecisionInput,
) -> DecisionView:
    """Correct a recorded decision as a whole, checked by the same rules; refuses a stale edit.

    The time of the capacity record stays the time it was first made: a fresh assessment at a
    later time is a new decision record.
    """
    with audit.transaction(store, by) as session:
        row = session.get(DecisionRow, decision_id)
        if row is None:
            raise NotPermitted(object_type=AuditObject.DECISION, object_id=decision_id)
        person = load_for(session, by, row.person_id, edit=True)
        if row.version_id != expected_version:
            raise StaleEdit("decision", expected_version, row.version_id)
        validated = _validated_decision(
            data, decided_at=row.decided_at, jurisdiction=person.jurisdiction
        )
        changed = [k for k, v in validated.values.items() if getattr(row, k) != v]
        if changed:
            for key in changed:
                setattr(row, key, validated.values[key])
            session.flush()
            audit.record(
                session,
                by,
                AuditAction.CHANGE,
                AuditObject.DECISION,
                row.id,
                row.version_id,
                person=row.person_id,
                fields=",".join(changed),
            )
        return _decision_view(row)


@checked
def decisions_for(store: Store, *, by: Actor, person_id: RecordId) -> list[DecisionView]:
    """The person's recorded decisions, newest first."""
    return listed_for(
        store,
        by,
        person_id,
        "decisions",
        lambda pid: (
            select(DecisionRow)
            .where(DecisionRow.person_id == pid)
            .order_by(DecisionRow.decided_at.desc(), DecisionRow.id.desc())
        ),
        _decision_view,
        lambda v: f"{v.id}:{v.version}",
        restricted=(RecordPart.CAPACITY_ASSESSMENT, lambda v: v.id),
    )
