"""Supported decisions: the person's choice, the support given, capacity and best interests.

A decision is recorded as the person's own choice in their words, with the options considered and
the support given to help them decide (DH 2007 "Independence, choice and risk"). Capacity is
presumed unless a reason to doubt it is recorded (Mental Capacity Act 2005 s1(2)); where it is
doubted, the functional test and the causal link must be complete before any outcome is recorded,
and a best-interests decision is recorded only when the person lacks capacity (s4) and no
attorney, deputy or advance decision covers it (s6(6), ss9-11, s16, ss24-26). For a person in
Scotland the record follows the Adults with Incapacity (Scotland) Act 2000 (s1(6), then a welfare
attorney, guardian or intervention order, or the s1 principles; never best interests), and says
so (``capacity_law``), so it reads under the Act it was made under. What was decided is
kept apart from the council's response to it. The pure rules live in
`risk_app.domain.record.capacity`, `risk_app.domain.record.who_decides` and
`risk_app.domain.record.council_response`, applied by `decision_input.validated`; this module checks the actor against
the person's record, stores and audits (identifiers and field names only).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import object_session

from framework.law import law_book
from risk_app.adapters.db import Store
from risk_app.adapters.tables import (
    DecisionRow,
    PersonRow,
    UserRow,
)
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.disclosure import RecordPart
from risk_app.domain.errors import NotPermitted, StaleEdit
from risk_app.domain.inputs import RecordId, Version
from risk_app.domain.record.awi_capacity import (
    AwiAbility,
    AwiCause,
    AwiPrinciple,
    AwiRecord,
    CapacityLaw,
)
from risk_app.domain.record.awi_capacity import assess as assess_awi
from risk_app.domain.record.capacity import (
    UNWISE_DECISION_REMINDER,
    BestInterestsItem,
    CapacityOutcome,
    CapacityRecord,
    Finding,
    FunctionalAbility,
    assess,
)
from risk_app.domain.record.capacity_law import capacity_words
from risk_app.domain.record.council_response import CouncilResponse
from risk_app.domain.record.dissent import Dissent, from_stored
from risk_app.domain.record.who_decides import Authority, DecisionMaker, decision_maker
from risk_app.services import audit
from risk_app.services import framework as framework_service
from risk_app.services.boundary import checked
from risk_app.services.record.awi_input import PrinciplesInput
from risk_app.services.record.decision_input import (
    PERSON_DECIDES,
    AuthorityInput,
    BestInterestsInput,
    CapacityInput,
    DecisionInput,
    DecisionOption,
    validated,
)
from risk_app.services.record.people import listed_for, load_for
from risk_app.services.record.risks import risk_ids_of

__all__ = [  # the input types are built by callers as decisions.DecisionInput and so on
    "AGREE_STAGE",
    "PERSON_DECIDES",
    "AuthorityInput",
    "BestInterestsInput",
    "CapacityInput",
    "DecisionInput",
    "DecisionOption",
    "DecisionView",
    "PrinciplesInput",
    "assessor_default",
    "decisions_for",
    "record_decision",
    "update_decision",
    "view_of",
]

AGREE_STAGE = "ST4"
"""The framework stage at which a plan is validated and agreed ("Agreeing the plan")."""


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
    relevant_information: str | None
    balance_of_probabilities: bool | None
    assessor_name: str | None
    assessor_role: str | None
    """None in records made before these were asked: shown as "Not recorded", never invented."""
    capacity_law: CapacityLaw
    """The Act the capacity record followed. Under the AWI Act `functional`, `evidence` and
    `best_interests` are empty and `abilities`, `ability_evidence`, `incapacity_cause` and
    `principles` hold the s1(6) assessment and the s1 principles; `impairment` names the mental
    disorder or physical disability."""
    abilities: dict[AwiAbility, Finding]
    ability_evidence: dict[AwiAbility, str]
    incapacity_cause: AwiCause | None
    principles: dict[AwiPrinciple, str]
    capacity_outcome: CapacityOutcome
    capacity_reasons: tuple[str, ...]
    """Recomputed from the stored fields with the current rules."""
    best_interests: dict[BestInterestsItem, str]
    decider_name: str | None
    decider_role: str | None
    authority_covers: bool | None
    authority_kind: Authority | None
    authority_holder: str | None
    authority_scope: str | None
    decided_by: DecisionMaker
    decided: str | None
    """What was decided (by `decided_by`); None in records made before it was asked."""
    outcome: CouncilResponse
    """The council's response, kept apart from what was decided."""
    conditions: str
    review_date: date | None
    dissent: tuple[Dissent, ...]
    framework_version: str
    created_by: str
    version: int
    reminder: str | None
    """The unwise-decision reminder (s1(4)) wherever the person makes the decision themselves."""


def _law_of(row: DecisionRow) -> CapacityLaw:
    return CapacityLaw(row.capacity_law) if row.capacity_law else CapacityLaw.MCA


def _awi_record_of(row: DecisionRow) -> AwiRecord:
    return AwiRecord(
        decision=row.decision,
        assessed_at=row.decided_at,
        reason_to_doubt=row.reason_to_doubt,
        practicable_steps=tuple(row.support_given),
        abilities={AwiAbility(a): Finding(f) for a, f in row.functional.items()},
        evidence={AwiAbility(a): t for a, t in row.evidence.items()},
        cause=AwiCause(row.incapacity_cause) if row.incapacity_cause else None,
        condition=row.impairment,
        relevant_information=row.relevant_information,
        balance_of_probabilities=row.balance_of_probabilities,
        assessor_name=row.assessor_name,
        assessor_role=row.assessor_role,
    )


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
        relevant_information=row.relevant_information,
        balance_of_probabilities=row.balance_of_probabilities,
        assessor_name=row.assessor_name,
        assessor_role=row.assessor_role,
    )


def view_of(row: DecisionRow) -> DecisionView:
    """The record as a view (the caller has checked access)."""
    return _decision_view(row)


def _decision_view(row: DecisionRow) -> DecisionView:
    session = object_session(row)
    person = session.get(PersonRow, row.person_id) if session is not None else None
    law_words = capacity_words(law_book(), person.jurisdiction) if person is not None else None
    law = _law_of(row)
    awi = law is CapacityLaw.AWI
    if awi:
        conclusion = assess_awi(
            _awi_record_of(row), presumed=law_words.presumption if law_words else ""
        )
    elif law_words is not None:
        conclusion = assess(_record_of(row), presumed=law_words.presumption)
    else:
        conclusion = assess(_record_of(row))
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
        functional=(
            {} if awi else {FunctionalAbility(a): Finding(f) for a, f in row.functional.items()}
        ),
        evidence={} if awi else {FunctionalAbility(a): t for a, t in row.evidence.items()},
        impairment=row.impairment,
        inability_because_of_impairment=row.inability_because_of_impairment,
        relevant_information=row.relevant_information,
        balance_of_probabilities=row.balance_of_probabilities,
        assessor_name=row.assessor_name,
        assessor_role=row.assessor_role,
        capacity_law=law,
        abilities=({AwiAbility(a): Finding(f) for a, f in row.functional.items()} if awi else {}),
        ability_evidence={AwiAbility(a): t for a, t in row.evidence.items()} if awi else {},
        incapacity_cause=AwiCause(row.incapacity_cause) if row.incapacity_cause else None,
        principles=({AwiPrinciple(p): t for p, t in row.best_interests.items()} if awi else {}),
        capacity_outcome=stored,
        capacity_reasons=conclusion.reasons,
        best_interests=(
            {} if awi else {BestInterestsItem(i): t for i, t in row.best_interests.items()}
        ),
        decider_name=row.decider_name,
        decider_role=row.decider_role,
        authority_covers=row.authority_covers,
        authority_kind=Authority(row.authority_kind) if row.authority_kind else None,
        authority_holder=row.authority_holder,
        authority_scope=row.authority_scope,
        decided_by=decision_maker(stored, row.authority_covers, awi=awi),
        decided=row.decided,
        outcome=CouncilResponse(row.outcome),
        conditions=row.conditions,
        review_date=row.review_date,
        dissent=from_stored(row.dissent),
        framework_version=row.framework_version,
        created_by=row.created_by,
        version=row.version_id,
        reminder=reminder if person_decides else None,
    )


@checked
def assessor_default(store: Store, *, by: Actor) -> tuple[str, str]:
    """The signed-in user's name and role, filled in as who assessed capacity: a default the
    screen captions as such, to change when someone else assessed."""
    with store.read() as session:
        user = session.get(UserRow, by.user_id)
        name = user.display_name if user is not None else by.username
    return name, by.role.label


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
        validated_decision = validated(data, decided_at=now, jurisdiction=person.jurisdiction)
        row = DecisionRow(
            person_id=person.id,
            risk_id=risk_id,
            decided_at=now,
            framework_version=framework_service.version(),
            created_by=by.username,
            **validated_decision.values,
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
            capacity=validated_decision.conclusion.outcome.value,
            outcome=row.outcome,
            fields=",".join(
                k for k, v in validated_decision.values.items() if v not in (None, "", [], {})
            ),
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
        validated_decision = validated(
            data, decided_at=row.decided_at, jurisdiction=person.jurisdiction
        )
        changed = [k for k, v in validated_decision.values.items() if getattr(row, k) != v]
        if changed:
            for key in changed:
                setattr(row, key, validated_decision.values[key])
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
