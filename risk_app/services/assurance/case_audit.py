"""Case conformance audits: does practice follow the framework, case by case?

Two sources: an event log exported from another system (CSV or XES, with an activity mapping),
and the journeys recorded in this app (stage history, touchpoints done or not applicable, the
records that evidence touchpoints, prompt answers, risk assessments, agreed plans and held
reviews). Auditing across cases is for the safeguarding lead and the operator only; a refusal is
logged. Each run is logged with counts and
the framework version only, never a case id or anything else about a person.

The rules come from the framework in use (:mod:`risk_app.domain.assurance.conformance_rules`);
every report names that version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from framework import Origin
from risk_app.adapters.db import Store
from risk_app.adapters.event_logs import read_event_log, read_mapping
from risk_app.adapters.tables import (
    PersonRow,
    PlanValidationRow,
    PromptAnswerRow,
    ReviewRow,
    RiskAssessmentRow,
    StageHistoryRow,
    TouchpointStatusRow,
)
from risk_app.domain import access
from risk_app.domain.access import Actor
from risk_app.domain.assurance.conformance import audit_cases
from risk_app.domain.assurance.conformance_report import ConformanceReport
from risk_app.domain.assurance.conformance_rules import ConformanceRules, derive_rules
from risk_app.domain.assurance.conformance_trace import CaseTrace, EventState, EventTuple
from risk_app.domain.assurance.event_log import ImportReport, ProgressCallback, SkippedRow
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.inputs import Code, Day, ShortText
from risk_app.domain.record.evidence import evidenced_touchpoints
from risk_app.domain.record.people import TouchpointState
from risk_app.domain.record.plan import AGREED_OUTCOMES
from risk_app.services import audit
from risk_app.services import framework as framework_service
from risk_app.services.boundary import checked
from risk_app.services.record import stage_record

RISK_ASSESSMENT_RECORD = "RC-RA"
"""The framework record type a row of ``risk_assessments`` is."""
SUPPORT_PLAN_RECORD = "RC-PLAN"
"""The framework record type an agreed plan validation is."""
APP_STATES = {
    TouchpointState.DONE.value: EventState.DONE,
    TouchpointState.NOT_APPLICABLE.value: EventState.NOT_APPLICABLE,
}


@dataclass(frozen=True)
class CaseAudit:
    """A finished audit: the report, the rules it applied, and what was read to make it."""

    report: ConformanceReport
    rules: ConformanceRules
    source: ImportReport


_rules_cache: dict[tuple[int, str, str | None], ConformanceRules] = {}


def current_rules(origin: Origin | None = None) -> ConformanceRules:
    """The rules of the framework in use (derived once per framework graph and origin).

    ``origin`` expects only the placements of that origin (the framework's own text, our
    synthesis or local policy); ``None`` expects them all."""
    graph = framework_service.current()
    key = (id(graph), graph.version, origin.value if origin else None)
    found = _rules_cache.get(key)
    if found is None:
        if any(k[:2] != key[:2] for k in _rules_cache):
            _rules_cache.clear()
        found = _rules_cache[key] = derive_rules(graph, origin)
    return found


def _record(store: Store, by: Actor, done: CaseAudit) -> None:
    report, source = done.report, done.source
    with store.write() as session:
        audit.record(
            session,
            by,
            AuditAction.VIEW,
            AuditObject.CASE_CONFORMANCE,
            source=source.format,
            framework_version=report.framework_version,
            cases=report.overall.cases,
            conforming=report.overall.conforming,
            deviations=report.deviation_count,
            events=source.events,
            skipped=len(source.skipped),
        )


@checked
def audit_event_log(
    store: Store,
    *,
    by: Actor,
    events: Path | bytes,
    mapping: Path | bytes | None = None,
    name: ShortText | None = None,
    encoding: Code = "auto",
    format: Code | None = None,  # noqa: A002 - csv or xes, as users say it
    as_of: Day | None = None,
    progress: ProgressCallback | None = None,
    origin: Origin | None = None,
) -> CaseAudit:
    """Audit an imported event log (nothing from it is stored). ``as_of`` defaults to the date
    of the log's latest event; ``origin`` expects only placements of that origin. Raises
    ``EventLogError`` (an ``InvalidInput``) when the file or the mapping cannot be used at all."""
    audit.require(store, by, access.can_audit_cases, AuditObject.CASE_CONFORMANCE)
    rules = current_rules(origin)
    activity_mapping = read_mapping(mapping, rules) if mapping is not None else None
    log = read_event_log(
        events,
        rules,
        activity_mapping,
        name=name,
        encoding=encoding,
        format=format,
        progress=progress,
    )
    done = CaseAudit(audit_cases(rules, log.traces, as_of=as_of), rules, log.report)
    _record(store, by, done)
    return done


# ---------------------------------------------------------------------------- app journeys
def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


class _Journeys:
    """Every person's events, read table by table (a handful of queries, whatever the count)."""

    def __init__(self, rules: ConformanceRules) -> None:
        self.rules = rules
        self.events: dict[int, list[EventTuple]] = {}
        self.skipped: list[SkippedRow] = []
        self.rows = 0
        self.versions: set[str] = set()

    def add(self, person_id: int, at: datetime, item: str, answer: str | None, state: int) -> None:
        self.rows += 1
        if item not in self.rules.kinds:
            self.skipped.append(
                SkippedRow(
                    0,
                    "unknown_activity",
                    f"person {person_id}: {item} is not in framework {self.rules.framework_version}",
                )
            )
            return
        self.events.setdefault(person_id, []).append((at, item, answer, state))

    def read(self, session: Session) -> None:
        entered: dict[int, list[tuple[str, datetime]]] = {}
        for person_id, stage, at, version in session.execute(
            select(
                StageHistoryRow.person_id,
                StageHistoryRow.stage,
                StageHistoryRow.entered_at,
                StageHistoryRow.framework_version,
            )
        ):
            self.versions.add(version)
            self.add(person_id, at, stage, None, EventState.DONE)
            entered.setdefault(person_id, []).append((stage, at))
        for person_id, tp, state, at, version in session.execute(
            select(
                TouchpointStatusRow.person_id,
                TouchpointStatusRow.touchpoint_id,
                TouchpointStatusRow.state,
                TouchpointStatusRow.recorded_at,
                TouchpointStatusRow.framework_version,
            ).where(TouchpointStatusRow.state.in_(list(APP_STATES)))
        ):
            self.versions.add(version)
            self.add(person_id, at, tp, None, APP_STATES[state])
        # A record that evidences touchpoints (the graph's recorded_as links) does them when it
        # was made; as on the journey, one made before any stage of the touchpoint was reached
        # counts from the first entry into such a stage, and none counts for a stage not reached.
        graph = framework_service.current()
        for person_id, made, _ in stage_record.records_made(session):
            for touchpoint in evidenced_touchpoints(graph, made.kind):
                homes = {s.id for s in graph.stages_of(touchpoint)}
                reached = [at for stage, at in entered.get(person_id, []) if stage in homes]
                if reached:
                    self.add(
                        person_id, max(made.at, min(reached)), touchpoint, None, EventState.DONE
                    )
        for person_id, prompt, answer, at, version in session.execute(
            select(
                PromptAnswerRow.person_id,
                PromptAnswerRow.prompt_id,
                PromptAnswerRow.answer,
                PromptAnswerRow.answered_at,
                PromptAnswerRow.framework_version,
            )
        ):
            self.versions.add(version)
            self.add(person_id, at, prompt, answer, EventState.DONE)
        for person_id, at in session.execute(
            select(RiskAssessmentRow.person_id, RiskAssessmentRow.created_at)
        ):
            self.add(person_id, at, RISK_ASSESSMENT_RECORD, None, EventState.DONE)
        for person_id, at in session.execute(
            select(PlanValidationRow.person_id, PlanValidationRow.decided_at).where(
                PlanValidationRow.outcome.in_(AGREED_OUTCOMES)
            )
        ):
            self.add(person_id, at, SUPPORT_PLAN_RECORD, None, EventState.DONE)
        review_stage = self.rules.review.stage if self.rules.review else self.rules.stages[-1]
        for person_id, held in session.execute(
            select(ReviewRow.person_id, ReviewRow.held_on).where(
                ReviewRow.status == "held", ReviewRow.held_on.is_not(None)
            )
        ):
            if held is not None:
                self.add(person_id, _midnight(held), review_stage, None, EventState.REVIEW)


@checked
def audit_recorded_journeys(
    store: Store, *, by: Actor, as_of: Day | None = None, origin: Origin | None = None
) -> CaseAudit:
    """Audit every person's journey as recorded in the app, as on ``as_of`` (default today);
    ``origin`` expects only the placements of that origin."""
    audit.require(store, by, access.can_audit_cases, AuditObject.CASE_CONFORMANCE)
    rules = current_rules(origin)
    journeys = _Journeys(rules)
    with store.read() as session:
        people = list(
            session.execute(
                select(
                    PersonRow.id,
                    PersonRow.budget_option,
                    PersonRow.direct_payment_start,
                    PersonRow.jurisdiction,
                )
            )
        )
        journeys.read(session)
    # The person's jurisdiction decides which touchpoints apply to them (a DBS check or PVG).
    traces = [
        CaseTrace(
            str(person_id),
            journeys.events.get(person_id, []),
            option or None,
            start,
            jurisdiction or None,
        )
        for person_id, option, start, jurisdiction in people
    ]
    others = sorted(v for v in journeys.versions if v != rules.framework_version)
    warnings: tuple[str, ...] = ()
    if others:
        mixed = ", ".join(others)
        note = f"Some records were made under framework {mixed}; all are judged against "
        warnings = (note + f"{rules.framework_version}.",)
    source = ImportReport(
        source="recorded journeys",
        format="app",
        encoding="",
        rows=journeys.rows,
        events=sum(len(t.events) for t in traces),
        cases=len(traces),
        ignored=0,
        skipped=tuple(journeys.skipped),
        warnings=warnings,
    )
    when = as_of or datetime.now(UTC).date()
    done = CaseAudit(audit_cases(rules, traces, as_of=when), rules, source)
    _record(store, by, done)
    return done
