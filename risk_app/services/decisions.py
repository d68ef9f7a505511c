"""Supported decisions, referrals to panels and forums, and plan validation.

A decision is recorded as the person's own choice in their words, with the options considered and
the support given to help them decide (DH 2007 "Independence, choice and risk"). Capacity is
presumed unless a reason to doubt it is recorded (Mental Capacity Act 2005 s1(2)); where it is
doubted, the functional test and the causal link must be complete before any outcome is recorded,
and a best-interests decision is recorded only when the person lacks capacity (s4). The pure rules
live in `risk_app.domain.capacity` and `risk_app.domain.plan`; this module validates input, checks
the actor against the person's record, stores and audits (identifiers and field names only).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.db import Store
from risk_app.adapters.tables import (
    DecisionRow,
    PanelRow,
    PersonRow,
    PlanValidationRow,
    RiskAssessmentRow,
    RiskRow,
)
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction
from risk_app.domain.capacity import (
    UNWISE_DECISION_REMINDER,
    BestInterestsItem,
    BestInterestsRecord,
    CapacityConclusion,
    CapacityOutcome,
    CapacityRecord,
    Finding,
    FunctionalAbility,
    assess,
    best_interests_gaps,
)
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.plan import CheckResult, PlanOutcome, ValidationCheck, plan_decision
from risk_app.domain.risk import NHS_5X5, RiskScale, RiskView, is_high
from risk_app.domain.text import clean_long_text, clean_short_text
from risk_app.services import audit
from risk_app.services import framework as framework_service
from risk_app.services.people import load_for
from risk_app.services.risks import check_risks_belong

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
class Dissent:
    """A view that differs from the outcome, in the words of the party who holds it."""

    party: str
    words: str


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
    dissent: tuple[Dissent, ...]
    framework_version: str
    created_by: str
    version: int
    reminder: str | None
    """The unwise-decision reminder (s1(4)) wherever the person makes the decision themselves."""


@dataclass(frozen=True, slots=True)
class PanelView:
    id: int
    person_id: int
    route: str
    route_label: str
    referral_reason: str
    risk_ids: tuple[int, ...]
    person_attended: bool
    person_view: str
    advocate: str
    options: tuple[str, ...]
    recommendation: str
    dissent: tuple[Dissent, ...]
    review_date: date | None
    held_on: date
    framework_version: str
    created_by: str
    version: int


@dataclass(frozen=True, slots=True)
class PlanValidationView:
    id: int
    person_id: int
    checks: dict[ValidationCheck, CheckResult]
    outcome: PlanOutcome
    conditions: str
    reasons: tuple[str, ...]
    routes: dict[int, str]
    decided_at: datetime
    decided_by: str
    framework_version: str


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


def _dissent(raw: Iterable[Dissent | Mapping[str, str]]) -> list[Dissent]:
    cleaned: list[Dissent] = []
    for position, item in enumerate(raw, start=1):
        if isinstance(item, Dissent):
            party, words = item.party, item.words
        elif isinstance(item, Mapping):
            party, words = item.get("party", ""), item.get("words", "")
        else:
            raise InvalidInput(f"Dissent {position} needs who disagrees and what they said.")
        if not isinstance(party, str) or not isinstance(words, str):
            raise InvalidInput(f"Dissent {position} must be written as text.")
        party = clean_short_text(
            party, f"name of who disagrees (dissent {position})", required=True
        )
        words = clean_long_text(words, f"dissenting view {position}")
        if not words:
            raise InvalidInput(f"Record the dissenting view of {party} in their own words.")
        cleaned.append(Dissent(party, words))
    return cleaned


def _abilities(raw: Mapping[str, str] | None, what: str) -> dict[FunctionalAbility, str]:
    out: dict[FunctionalAbility, str] = {}
    for key, value in (raw or {}).items():
        try:
            ability = FunctionalAbility(key)
        except ValueError:
            known = ", ".join(a.value for a in FunctionalAbility)
            raise InvalidInput(f"Unknown ability {key!r} in the {what}: use {known}.") from None
        if not isinstance(value, str):
            raise InvalidInput(f"The {what} for {ability.label} must be written as text.")
        out[ability] = value
    return out


def _functional(raw: Mapping[str, str] | None) -> dict[FunctionalAbility, Finding]:
    findings: dict[FunctionalAbility, Finding] = {}
    for ability, value in _abilities(raw, "functional test").items():
        try:
            findings[ability] = Finding(value)
        except ValueError:
            raise InvalidInput(
                f"Record whether the person can {ability.label}: able, unable or not assessed."
            ) from None
    return findings


def _evidence(raw: Mapping[str, str] | None) -> dict[FunctionalAbility, str]:
    return {
        ability: text
        for ability, value in _abilities(raw, "evidence").items()
        if (
            text := clean_long_text(
                value, f"evidence that the person can or cannot {ability.label}"
            )
        )
    }


def _best_interests(raw: Mapping[str, str] | None) -> dict[BestInterestsItem, str]:
    out: dict[BestInterestsItem, str] = {}
    for key, value in (raw or {}).items():
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


def _outcome(value: PlanOutcome | str) -> PlanOutcome:
    try:
        return PlanOutcome(value)
    except ValueError:
        raise InvalidInput(
            "Choose the outcome: agreed, agreed with conditions, referred to a panel, or "
            "referred to safeguarding."
        ) from None


def _route(route: str) -> str:
    graph = framework_service.current()
    try:
        node = graph.node(route)
    except KeyError:
        node = None
    if node is None or str(node.type) != "route":
        known = ", ".join(f"{n.id} ({n.label})" for n in graph.nodes(type="route"))
        raise InvalidInput(f"{route!r} is not a route in the framework. Choose one of: {known}.")
    return node.id


def _escalation_routes() -> frozenset[str]:
    """Routes that count for a risk still high after mitigation: those another route escalates
    to (in the framework, a light-touch agreement escalates to a panel, and so on)."""
    graph = framework_service.current()
    routes = {n.id for n in graph.nodes(type="route")}
    return frozenset(
        link.target
        for link in graph.links(type="escalates_to")
        if link.source in routes and link.target in routes
    )


def _check_risks(session: Session, person_id: int, risk_ids: Iterable[int]) -> list[int]:
    ids = list(dict.fromkeys(risk_ids))
    for risk_id in ids:
        if not isinstance(risk_id, int) or isinstance(risk_id, bool):
            raise InvalidInput("Risks are named by their number.")
    check_risks_belong(session, person_id, ids)
    return ids


# ---------------------------------------------------------------------- decisions
@dataclass(frozen=True, slots=True)
class _Decision:
    """A validated decision, ready to store."""

    values: dict[str, object]
    conclusion: CapacityConclusion


def _validated_decision(  # noqa: C901 - one rule after another, kept in the order of the Act
    *,
    decided_at: datetime,
    jurisdiction: str,
    decision: str,
    options: Iterable[DecisionOption | Mapping[str, object]],
    support_given: Iterable[str],
    reason_to_doubt: str | None,
    functional: Mapping[str, str] | None,
    evidence: Mapping[str, str] | None,
    impairment: str | None,
    inability_because_of_impairment: bool | None,
    best_interests: Mapping[str, str] | None,
    decider_name: str | None,
    decider_role: str | None,
    outcome: PlanOutcome | str,
    conditions: str,
    dissent: Iterable[Dissent | Mapping[str, str]],
) -> _Decision:
    words = clean_long_text(decision, "decision")
    if not words:
        raise InvalidInput("Say what the decision is, in the person's own words.")
    chosen = _outcome(outcome)
    cleaned_options = _options(options)
    steps = _support(support_given)
    doubt = _optional_long(reason_to_doubt, "reason to doubt capacity")
    if doubt and jurisdiction != "england":
        raise InvalidInput(
            "This capacity record follows the Mental Capacity Act 2005 (England and Wales). "
            "For a person in Scotland, assess capacity under the Adults with Incapacity "
            "(Scotland) Act 2000 and record it there."
        )
    findings = _functional(functional)
    evidence_text = _evidence(evidence)
    impairment_text = _optional_long(impairment, "impairment of the mind or brain")
    if inability_because_of_impairment is not None and not isinstance(
        inability_because_of_impairment, bool
    ):
        raise InvalidInput("Say yes or no: is the inability because of the impairment?")
    record = CapacityRecord(
        decision=words,
        assessed_at=decided_at,
        reason_to_doubt=doubt,
        practicable_steps=tuple(steps),
        functional=findings,
        evidence=evidence_text,
        impairment=impairment_text,
        inability_because_of_impairment=inability_because_of_impairment,
    )
    conclusion = assess(record)
    if conclusion.outcome is CapacityOutcome.INCOMPLETE:
        raise InvalidInput(
            "Capacity for this decision is in doubt and the assessment is not finished, so no "
            "outcome can be recorded yet. Still needed: " + " ".join(conclusion.reasons)
        )
    answers = _best_interests(best_interests)
    name = _optional_short(decider_name, "best-interests decider's name")
    role = _optional_short(decider_role, "best-interests decider's role")
    if conclusion.outcome is CapacityOutcome.LACKS_CAPACITY:
        if not name or not role:
            raise InvalidInput(
                "The person lacks capacity for this decision, so it is made in their best "
                "interests (s4): record who is making it, and their role."
            )
        gaps = best_interests_gaps(BestInterestsRecord(name, role, words, answers))
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
    kept_conditions = clean_long_text(conditions, "conditions")
    if chosen is PlanOutcome.AGREED_WITH_CONDITIONS and not kept_conditions:
        raise InvalidInput("Write down the conditions the decision is agreed on.")
    if chosen is not PlanOutcome.AGREED_WITH_CONDITIONS and kept_conditions:
        raise InvalidInput(
            "Conditions were given: choose 'agreed with conditions' so they stay with the decision."
        )
    dissents = _dissent(dissent)
    values: dict[str, object] = {
        "decision": words,
        "options": [
            {"option": o.option, "less_restrictive": o.less_restrictive, "notes": o.notes}
            for o in cleaned_options
        ],
        "support_given": steps,
        "reason_to_doubt": doubt,
        "functional": {a.value: f.value for a, f in findings.items()},
        "evidence": {a.value: t for a, t in evidence_text.items()},
        "impairment": impairment_text,
        "inability_because_of_impairment": inability_because_of_impairment,
        "capacity_outcome": conclusion.outcome.value,
        "best_interests": {i.value: t for i, t in answers.items()},
        "decider_name": name,
        "decider_role": role,
        "outcome": chosen.value,
        "conditions": kept_conditions,
        "dissent": [{"party": d.party, "words": d.words} for d in dissents],
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


def _decision_view(row: DecisionRow) -> DecisionView:
    conclusion = assess(_record_of(row))
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
        dissent=tuple(Dissent(d["party"], d["words"]) for d in row.dissent),
        framework_version=row.framework_version,
        created_by=row.created_by,
        version=row.version_id,
        reminder=UNWISE_DECISION_REMINDER if person_decides else None,
    )


def record_decision(
    store: Store,
    *,
    by: Actor,
    person_id: int,
    decision: str,
    options: Sequence[DecisionOption | Mapping[str, object]],
    support_given: Sequence[str],
    reason_to_doubt: str | None = None,
    functional: Mapping[str, str] | None = None,
    evidence: Mapping[str, str] | None = None,
    impairment: str | None = None,
    inability_because_of_impairment: bool | None = None,
    best_interests: Mapping[str, str] | None = None,
    decider_name: str | None = None,
    decider_role: str | None = None,
    outcome: PlanOutcome | str,
    conditions: str = "",
    dissent: Sequence[Dissent | Mapping[str, str]] = (),
    risk_id: int | None = None,
) -> DecisionView:
    """Record a supported decision with its capacity record; refuse what the Act does not allow."""
    now = datetime.now(UTC)
    with audit.audited_write(store, by) as session:
        person = load_for(session, by, person_id, edit=True)
        if risk_id is not None:
            _check_risks(session, person.id, [risk_id])
        validated = _validated_decision(
            decided_at=now,
            jurisdiction=person.jurisdiction,
            decision=decision,
            options=options,
            support_given=support_given,
            reason_to_doubt=reason_to_doubt,
            functional=functional,
            evidence=evidence,
            impairment=impairment,
            inability_because_of_impairment=inability_because_of_impairment,
            best_interests=best_interests,
            decider_name=decider_name,
            decider_role=decider_role,
            outcome=outcome,
            conditions=conditions,
            dissent=dissent,
        )
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
            "decision",
            row.id,
            row.version_id,
            person=person.id,
            risk=risk_id,
            capacity=validated.conclusion.outcome.value,
            outcome=row.outcome,
            fields=",".join(k for k, v in validated.values.items() if v not in (None, "", [], {})),
        )
        return _decision_view(row)


def update_decision(
    store: Store,
    *,
    by: Actor,
    decision_id: int,
    expected_version: int,
    decision: str,
    options: Sequence[DecisionOption | Mapping[str, object]],
    support_given: Sequence[str],
    reason_to_doubt: str | None = None,
    functional: Mapping[str, str] | None = None,
    evidence: Mapping[str, str] | None = None,
    impairment: str | None = None,
    inability_because_of_impairment: bool | None = None,
    best_interests: Mapping[str, str] | None = None,
    decider_name: str | None = None,
    decider_role: str | None = None,
    outcome: PlanOutcome | str,
    conditions: str = "",
    dissent: Sequence[Dissent | Mapping[str, str]] = (),
) -> DecisionView:
    """Correct a recorded decision as a whole, checked by the same rules; refuses a stale edit.

    The time of the capacity record stays the time it was first made: a fresh assessment at a
    later time is a new decision record.
    """
    with audit.audited_write(store, by) as session:
        row = session.get(DecisionRow, decision_id)
        if row is None:
            raise NotPermitted(object_type="decision", object_id=decision_id)
        person = load_for(session, by, row.person_id, edit=True)
        if row.version_id != expected_version:
            raise StaleEdit("decision", expected_version, row.version_id)
        validated = _validated_decision(
            decided_at=row.decided_at,
            jurisdiction=person.jurisdiction,
            decision=decision,
            options=options,
            support_given=support_given,
            reason_to_doubt=reason_to_doubt,
            functional=functional,
            evidence=evidence,
            impairment=impairment,
            inability_because_of_impairment=inability_because_of_impairment,
            best_interests=best_interests,
            decider_name=decider_name,
            decider_role=decider_role,
            outcome=outcome,
            conditions=conditions,
            dissent=dissent,
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
                "decision",
                row.id,
                row.version_id,
                person=row.person_id,
                fields=",".join(changed),
            )
        return _decision_view(row)


def decisions_for(store: Store, *, by: Actor, person_id: int) -> list[DecisionView]:
    """The person's recorded decisions, newest first."""
    with audit.audited_write(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        rows = session.scalars(
            select(DecisionRow)
            .where(DecisionRow.person_id == person.id)
            .order_by(DecisionRow.decided_at.desc(), DecisionRow.id.desc())
        )
        views = [_decision_view(r) for r in rows]
        audit.record_person_view(
            session,
            by,
            person,
            "decisions",
            shown=",".join(f"{v.id}:{v.version}" for v in views),
        )
        return views


# ---------------------------------------------------------------------- panels
def _panel_view(row: PanelRow) -> PanelView:
    graph = framework_service.current()
    try:
        label = graph.node(row.route).label
    except KeyError:  # a route retired in a later framework version: keep the stored id
        label = row.route
    return PanelView(
        id=row.id,
        person_id=row.person_id,
        route=row.route,
        route_label=label,
        referral_reason=row.referral_reason,
        risk_ids=tuple(row.risk_ids),
        person_attended=row.person_attended,
        person_view=row.person_view,
        advocate=row.advocate,
        options=tuple(row.options),
        recommendation=row.recommendation,
        dissent=tuple(Dissent(d["party"], d["words"]) for d in row.dissent),
        review_date=row.review_date,
        held_on=row.held_on,
        framework_version=row.framework_version,
        created_by=row.created_by,
        version=row.version_id,
    )


def refer_to_panel(
    store: Store,
    *,
    by: Actor,
    person_id: int,
    route: str,
    referral_reason: str,
    risk_ids: Sequence[int],
    person_attended: bool,
    person_view: str,
    advocate: str,
    options: Sequence[str],
    held_on: date,
    recommendation: str = "",
    dissent: Sequence[Dissent | Mapping[str, str]] = (),
    review_date: date | None = None,
) -> PanelView:
    """Record a referral to a panel or forum and what it considered, with the person's voice."""
    route_id = _route(route)
    reason = clean_long_text(referral_reason, "reason for referral")
    if not reason:
        raise InvalidInput("Say why the person's plan is being referred.")
    if not isinstance(person_attended, bool):
        raise InvalidInput("Say yes or no: did the person attend?")
    view = clean_long_text(person_view, "person's view")
    if not view:
        raise InvalidInput(
            "Record the person's view, in their words or through their advocate, whether or not "
            "they attended."
        )
    advocate_name = clean_short_text(advocate, "advocate", required=False)
    if isinstance(options, str):
        options = [options]
    option_texts = [clean_long_text(o, "option", max_length=1000) for o in options]
    option_texts = [o for o in option_texts if o]
    if not option_texts:
        raise InvalidInput("Record at least one option the panel considered.")
    recommendation_text = clean_long_text(recommendation, "recommendation")
    dissents = _dissent(dissent)
    if not isinstance(held_on, date):
        raise InvalidInput("Give the date the panel met.")
    if review_date is not None and review_date < held_on:
        raise InvalidInput("The review date cannot be before the date the panel met.")
    with audit.audited_write(store, by) as session:
        person = load_for(session, by, person_id, edit=True)
        ids = _check_risks(session, person.id, risk_ids)
        row = PanelRow(
            person_id=person.id,
            route=route_id,
            referral_reason=reason,
            risk_ids=ids,
            person_attended=person_attended,
            person_view=view,
            advocate=advocate_name,
            options=option_texts,
            recommendation=recommendation_text,
            dissent=[{"party": d.party, "words": d.words} for d in dissents],
            review_date=review_date,
            held_on=held_on,
            created_at=datetime.now(UTC),
            framework_version=framework_service.version(),
            created_by=by.username,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.CREATE,
            "panel",
            row.id,
            row.version_id,
            person=person.id,
            route=route_id,
            risks=",".join(str(i) for i in ids),
        )
        return _panel_view(row)


def panels_for(store: Store, *, by: Actor, person_id: int) -> list[PanelView]:
    """The person's panel and forum referrals, newest first."""
    with audit.audited_write(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        rows = session.scalars(
            select(PanelRow)
            .where(PanelRow.person_id == person.id)
            .order_by(PanelRow.held_on.desc(), PanelRow.id.desc())
        )
        views = [_panel_view(r) for r in rows]
        audit.record_person_view(
            session,
            by,
            person,
            "panels",
            shown=",".join(f"{v.id}:{v.version}" for v in views),
        )
        return views


# ---------------------------------------------------------------------- plan validation
def _checks(
    raw: Mapping[str | ValidationCheck, tuple[bool, str]],
) -> dict[ValidationCheck, CheckResult]:
    out: dict[ValidationCheck, CheckResult] = {}
    for key, value in raw.items():
        try:
            check = ValidationCheck(key)
        except ValueError:
            known = ", ".join(c.value for c in ValidationCheck)
            raise InvalidInput(f"Unknown validation check {key!r}: use {known}.") from None
        try:
            passed, reason = value
        except (TypeError, ValueError):
            raise InvalidInput(
                f"For the {check.value} check, say whether it passed and why."
            ) from None
        if not isinstance(passed, bool) or not isinstance(reason, str):
            raise InvalidInput(f"For the {check.value} check, say whether it passed and why.")
        out[check] = CheckResult(
            passed, clean_long_text(reason, f"reason for the {check.value} check")
        )
    return out


def _high_residual_risks(session: Session, person_id: int, scale: RiskScale) -> list[int]:
    """Risks in the person's latest assessment still in an escalating band after mitigation."""
    latest = session.scalar(
        select(RiskAssessmentRow)
        .where(RiskAssessmentRow.person_id == person_id)
        .order_by(RiskAssessmentRow.created_at.desc(), RiskAssessmentRow.id.desc())
        .limit(1)
    )
    if latest is None:
        return []
    rows = session.scalars(
        select(RiskRow).where(RiskRow.assessment_id == latest.id).order_by(RiskRow.id)
    )
    high: list[int] = []
    for risk in rows:
        after = None
        if risk.residual_likelihood is not None and risk.residual_impact is not None:
            after = scale.rate(risk.residual_likelihood, risk.residual_impact)
        view = RiskView(before=scale.rate(risk.likelihood, risk.impact), after=after)
        if is_high(view, scale):
            high.append(risk.id)
    return high


def _validation_view(row: PlanValidationRow) -> PlanValidationView:
    return PlanValidationView(
        id=row.id,
        person_id=row.person_id,
        checks={
            ValidationCheck(k): CheckResult(bool(v["passed"]), str(v["reason"]))
            for k, v in row.checks.items()
        },
        outcome=PlanOutcome(row.outcome),
        conditions=row.conditions,
        reasons=tuple(row.reasons),
        routes={int(k): v for k, v in row.routes.items()},
        decided_at=row.decided_at,
        decided_by=row.decided_by,
        framework_version=row.framework_version,
    )


def _stage_label(stage_id: str) -> str:
    try:
        return framework_service.current().node(stage_id).label
    except KeyError:
        return stage_id


def _check_stage(person: PersonRow) -> None:
    if person.current_stage != AGREE_STAGE:
        raise InvalidInput(
            f"A plan is validated at {AGREE_STAGE} ({_stage_label(AGREE_STAGE)}). This person is "
            f"at {person.current_stage} ({_stage_label(person.current_stage)}): move them to "
            f"{AGREE_STAGE} first."
        )


def validate_plan(
    store: Store,
    *,
    by: Actor,
    person_id: int,
    checks: Mapping[str | ValidationCheck, tuple[bool, str]],
    requested: PlanOutcome | str,
    conditions: str = "",
    routes: Mapping[int, str] | None = None,
    scale: RiskScale = NHS_5X5,
) -> PlanValidationView:
    """Validate the person's plan at ST4 and store the outcome only if the rules allow it.

    Risks still high after mitigation in the latest assessment each need a recorded escalation
    route (a panel, the safeguarding process or a high-risk forum) before the plan is agreed.
    """
    cleaned_checks = _checks(checks)
    chosen = _outcome(requested)
    conditions_text = clean_long_text(conditions, "conditions")
    chosen_routes: dict[int, str] = {}
    for risk_id, route in (routes or {}).items():
        if not isinstance(risk_id, int) or isinstance(risk_id, bool):
            raise InvalidInput("Routes are recorded against risks by their number.")
        if route.strip():
            chosen_routes[risk_id] = _route(route.strip())
    now = datetime.now(UTC)
    with audit.audited_write(store, by) as session:
        person = load_for(session, by, person_id, edit=True)
        _check_stage(person)
        _check_risks(session, person.id, chosen_routes)
        high = _high_residual_risks(session, person.id, scale)
        result = plan_decision(
            cleaned_checks,
            [str(i) for i in high],
            {str(k): v for k, v in chosen_routes.items()},
            chosen,
            conditions_text,
            allowed_routes=_escalation_routes(),
        )
        row = PlanValidationRow(
            person_id=person.id,
            checks={
                c.value: {"passed": r.passed, "reason": r.reason} for c, r in cleaned_checks.items()
            },
            outcome=result.outcome.value,
            conditions=result.conditions,
            reasons=list(result.reasons),
            routes={str(k): v for k, v in chosen_routes.items()},
            decided_at=now,
            decided_by=by.username,
            framework_version=framework_service.version(),
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.CREATE,
            "plan_validation",
            row.id,
            None,
            person=person.id,
            outcome=row.outcome,
            failed=",".join(c.value for c, r in cleaned_checks.items() if not r.passed),
            high_risks=",".join(str(i) for i in high),
            routes=",".join(f"{k}:{v}" for k, v in chosen_routes.items()),
        )
        return _validation_view(row)


def validations_for(store: Store, *, by: Actor, person_id: int) -> list[PlanValidationView]:
    """The person's plan validations, newest first."""
    with audit.audited_write(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        rows = session.scalars(
            select(PlanValidationRow)
            .where(PlanValidationRow.person_id == person.id)
            .order_by(PlanValidationRow.decided_at.desc(), PlanValidationRow.id.desc())
        )
        views = [_validation_view(r) for r in rows]
        audit.record_person_view(
            session,
            by,
            person,
            "plan_validations",
            shown=",".join(str(v.id) for v in views),
        )
        return views
