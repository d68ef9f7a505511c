"""The contradictions issue 12 found in a person's record, looked for in the whole record.

Read through the services, from the same database the browser wrote to: the whole-record export
(every row the database holds about the person, as a subject access request gets it) for what was
recorded, and the journey, decisions, reviews and agreement services for what the app derives from
it. Each check returns a sentence naming the contradiction; an empty list means none was found.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.domain.record.capacity import CapacityOutcome, Finding
from risk_app.domain.record.evidence import RecordKind
from risk_app.domain.record.people import TouchpointState
from risk_app.services import accounts
from risk_app.services import framework as framework_service
from risk_app.services.agreements import reading
from risk_app.services.record import decisions, journey, people, reviews, safeguarding
from risk_app.services.record import safeguarding_oversight as oversight
from risk_app.services.record.whole_record import whole_record
from tests.browser.conftest import PASSWORDS

EVIDENCED_BY = {
    "TP08": RecordKind.SUPPORTED_DECISION,
    "TP09": RecordKind.PLAN_VALIDATION,
    "TP10": RecordKind.PANEL_REFERRAL,
    "TP11": RecordKind.SAFEGUARDING_CONCERN,
}
"""The touchpoints the journey evidenced by a record, and the kind of record that does it."""


def _rows(record: dict[str, Any], table: str) -> list[dict[str, Any]]:
    for section in record["sections"]:
        if section["table"] == table:
            return list(section["rows"])
    return []


def _when(value: str) -> datetime:
    return datetime.fromisoformat(value)


def contradictions(store: Store, person_name: str) -> list[str]:
    staff = accounts.authenticate(store, "practitioner", PASSWORDS["practitioner"])
    manager = accounts.authenticate(store, "manager", PASSWORDS["manager"])
    assert staff is not None and manager is not None
    person = next(p for p in people.caseload(store, by=staff) if p.display_name == person_name)
    record = whole_record(store, by=staff, person_id=person.id)
    return [
        *_exported(record),
        *_statuses(store, staff, person.id, record),
        *_capacity(store, staff, person.id),
        *_review_dates(store, staff, manager, person.id),
        *_moves_and_answers(store, staff, person.id, record),
        *_oversight(store, staff, manager, person.id),
    ]


EXPORTED = (
    "stage_history",
    "prompt_answers",
    "touchpoint_status",
    "decisions",
    "panels",
    "panel_steps",
    "plan_validations",
    "safeguarding_concerns",
    "safeguarding_concern_events",
    "agreement_versions",
)
"""The parts of the record the journey wrote, each of which the whole record must hold."""


def _exported(record: dict[str, Any]) -> Iterable[str]:
    for table in EXPORTED:
        if not _rows(record, table):
            yield f"the whole record holds no {table} rows although the journey made some"


Lines = dict[str, Any]
"""Each stage's id with where safeguarding links in there (its latest visit)."""


def _statuses(store: Store, by: Actor, person_id: int, record: dict[str, Any]) -> Iterable[str]:
    graph = framework_service.current()
    lines: Lines = {
        stage.id: journey.journey(store, by=by, person_id=person_id, stage=stage.id).current
        for stage in graph.stages()
    }
    yield from _done_by_records(lines)
    yield from _not_applicable_stays_put(lines, record)
    yield from _concern_wins_and_says_so(lines, record)
    yield from _reached_or_not(lines, record)


def _done_by_records(lines: Lines) -> Iterable[str]:
    """A record that evidences a touchpoint makes it done, not outstanding, where it was made."""
    for touchpoint, kind in EVIDENCED_BY.items():
        done = [
            line
            for stage in lines.values()
            for line in stage.touchpoints
            if line.node.id == touchpoint
            and line.evidence is not None
            and line.evidence.kind is kind
            and line.state is TouchpointState.DONE
        ]
        if not done:
            yield f"{touchpoint} is not done by the {kind.value} recorded in the journey"


def _not_applicable_stays_put(lines: Lines, record: dict[str, Any]) -> Iterable[str]:
    """A manual "not applicable" belongs to its stage visit: it says nothing of another stage."""
    for status in _rows(record, "touchpoint_status"):
        if status["state"] != TouchpointState.NOT_APPLICABLE.value:
            continue
        for stage_id, stage in lines.items():
            for line in stage.touchpoints:
                if (
                    stage_id != status["stage"]
                    and line.node.id == status["touchpoint_id"]
                    and line.state is TouchpointState.NOT_APPLICABLE
                ):
                    yield f"{line.node.id} 'not applicable' at {status['stage']} shows at {stage_id}"


def _concern_wins_and_says_so(lines: Lines, record: dict[str, Any]) -> Iterable[str]:
    """A concern raised ends a "not applicable" on TP11 where it was raised, and names it."""
    concerns = {c["id"] for c in _rows(record, "safeguarding_concerns")}
    by_concern = [
        line
        for stage in lines.values()
        for line in stage.touchpoints
        if line.node.id == "TP11"
        and line.evidence is not None
        and line.evidence.kind is RecordKind.SAFEGUARDING_CONCERN
        and line.evidence.record_id in concerns
    ]
    if concerns and not by_concern:
        yield "a concern was raised, yet no stage's TP11 is done by it"
    for line in by_concern:
        replaced = line.manual is not None and line.manual.state is TouchpointState.NOT_APPLICABLE
        if replaced and "replaces 'not applicable'" not in line.conflict:
            yield "TP11 is done by the concern but does not name the 'not applicable' it replaced"


def _reached_or_not(lines: Lines, record: dict[str, Any]) -> Iterable[str]:
    """A stage never entered reads "not reached yet": nothing there is done or not applicable."""
    reached = {v["stage"] for v in _rows(record, "stage_history")}
    for stage_id, stage in lines.items():
        for line in stage.touchpoints:
            if (stage_id in reached) != line.reached:
                yield f"{line.node.id} at {stage_id} says reached={line.reached}"
            if not line.reached and line.state is not TouchpointState.OUTSTANDING:
                yield f"{line.node.id} at {stage_id}, not reached yet, reads {line.state.value}"


def _capacity(store: Store, by: Actor, person_id: int) -> Iterable[str]:
    for d in decisions.decisions_for(store, by=by, person_id=person_id):
        if not d.reason_to_doubt:
            if d.functional and any(f is not Finding.NOT_ASSESSED for f in d.functional.values()):
                yield f"decision {d.id} answers the functional test with no reason to doubt"
            continue
        unanswered = [a for a, f in d.functional.items() if f is Finding.NOT_ASSESSED]
        if len(d.functional) != 4:
            yield f"decision {d.id} doubts capacity but records {len(d.functional)} of 4 parts"
        if d.capacity_outcome is CapacityOutcome.PRESUMED:
            yield f"decision {d.id} doubts capacity yet says it is presumed"
        if unanswered and d.capacity_outcome in (
            CapacityOutcome.HAS_CAPACITY,
            CapacityOutcome.LACKS_CAPACITY,
        ):
            yield (
                f"decision {d.id} says {d.capacity_outcome.value} with "
                f"{', '.join(a.value for a in unanswered)} unanswered"
            )
        unable = [a for a, f in d.functional.items() if f is Finding.UNABLE]
        if d.capacity_outcome is CapacityOutcome.LACKS_CAPACITY and (
            not unable or d.inability_because_of_impairment is not True
        ):
            yield f"decision {d.id} says lacks capacity without an inability caused by impairment"


def _review_dates(store: Store, by: Actor, manager: Actor, person_id: int) -> Iterable[str]:
    plan = reviews.review_plan(store, by=by, person_id=person_id)
    if plan.due is None or plan.source is None:
        yield "no next review although dates were agreed"
        return
    earliest = min(s.due for s in plan.sources)
    if plan.due != earliest:
        yield f"next review {plan.due} is not the earliest date agreed ({earliest})"
    if plan.source.kind.is_rule:
        yield f"next review comes from the rule ({plan.source.kind.value}) though dates were agreed"
    for who in (by, manager):
        listed = reviews.next_reviews_for_team(store, by=who)
        if person_id not in listed or listed[person_id].due != plan.due:
            yield f"{who.username}'s staff list shows another next review than the record"
    due_list = [d for d in reviews.due_for_team(store, by=by) if d.person_id == person_id]
    if not due_list or due_list[0].plan.due != plan.due:
        yield "the reviews-due list disagrees with the record's next review"
    for version in reading.versions(store, by=by, person_id=person_id):
        content = reading.get_version(store, by=by, person_id=person_id, version=version.version)
        if version.is_current and content.content.review.due != plan.due:
            yield (
                f"agreement version {version.version} says {content.content.review.due}, "
                f"the record {plan.due}"
            )


def _moves_and_answers(
    store: Store, by: Actor, person_id: int, record: dict[str, Any]
) -> Iterable[str]:
    visits = sorted(_rows(record, "stage_history"), key=lambda v: (_when(v["entered_at"]), v["id"]))
    audit_moves = [v for v in visits if v["recorded_by"] == by.username]
    if not audit_moves or not (audit_moves[-1]["reason"] or "").strip():
        yield "the practitioner's move with touchpoints outstanding has no reason recorded"
    answers: dict[str, list[dict[str, Any]]] = {}
    for row in sorted(
        _rows(record, "prompt_answers"), key=lambda r: (_when(r["answered_at"]), r["id"])
    ):
        answers.setdefault(row["prompt_id"], []).append(row)
    counted = journey.journey(store, by=by, person_id=person_id).answers
    for prompt_id, given in answers.items():
        if counted.get(prompt_id) != given[-1]["answer"]:
            yield f"{prompt_id}: the answer that counts is not the newest"
    if len(answers.get("RA07", [])) < 2:
        yield "RA07's earlier answer was not kept"


def _oversight(store: Store, by: Actor, manager: Actor, person_id: int) -> Iterable[str]:
    concerns = safeguarding.concerns_for(store, by=by, person_id=person_id)
    waiting = {w.concern_id for w in oversight.waiting_s42_decisions(store, by=manager)}
    enquiring = {e.concern_id for e in oversight.open_enquiries(store, by=manager)}
    for c in concerns:
        if c.state.value == "raised" and c.id not in waiting:
            yield f"concern {c.id} waits for a decision but not on the manager's home"
        if c.state.value == "enquiry" and c.id not in enquiring:
            yield f"concern {c.id} is in an enquiry not listed on the manager's home"
        if c.state.value != "raised" and c.id in waiting:
            yield f"concern {c.id} is decided yet still listed as waiting"
        steps = [e.step.value for e in c.history]
        if c.state.value == "closed" and steps != [
            "raise",
            "decide",
            "start_enquiry",
            "record_outcome",
            "close",
        ]:
            yield f"concern {c.id} closed with history {steps}"
