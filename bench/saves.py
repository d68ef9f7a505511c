"""Each save of the practitioner's record and meeting journey, timed server-side at scale.

  .venv/bin/python bench/saves.py [--people 10000] [--runs 15] [--json PATH]
  RISK_APP_BENCH_PG_URL=postgresql+psycopg:///risk_app_bench?host=/var/run/postgresql \\
      .venv/bin/python bench/saves.py          # also on PostgreSQL (its tables are dropped first)

Seeds 10,000 people and 50,000 risks (tests/bulk.py: teams of 250, all stages, three nations,
with actions, acknowledgements, answered prompts, meetings, concerns and decisions), then times
each save as the page makes it: the service call, with its access check and audit, by a
practitioner of the first team, each run on a different person of their caseload. Beside them,
in the same process and store: the baseline, one audit event appended through the same write
transaction (`audit.transaction` + `audit.record`), the least any save does. Prints each save's
median and p95 and the ratio of its median to the baseline's. Target: every median <= 150 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from risk_app.adapters import migrate
from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.record.plan import PlanOutcome
from risk_app.domain.sealing import SealKey
from risk_app.services import audit
from risk_app.services import framework as framework_service
from risk_app.services.record import (
    action_codes,
    circle,
    decisions,
    journey,
    meeting_undo,
    meetings,
    people,
    reviews,
    risks,
    safeguarding,
    stages,
)
from tests import bulk, factories

TARGET_MS = 150.0
SEAL_KEY = SealKey.generate()
"""The organisation's key for one-time codes (a bench store has none set up)."""


@dataclass
class Subject:
    """One person of the caseload, and what the saves made on their record so far."""

    id: int
    assessment: int = 0
    risk: int = 0
    action: int = 0
    member: int = 0
    meeting: meetings.MeetingView | None = None
    item: int = 0


def _baseline(store: Store, by: Actor, s: Subject) -> None:
    with audit.transaction(store, by) as session:
        audit.record(session, by, AuditAction.VIEW, AuditObject.PERSON, s.id, None, part="bench")


def _details(store: Store, by: Actor, s: Subject) -> None:
    view = people.get_person(store, by=by, person_id=s.id)
    # the version is the page's (it read the record when drawn); the read is not timed below
    people.save_changes(
        store,
        by=by,
        person_id=s.id,
        expected_version=view.version,
        changes=people.PersonChanges(communication=f"Prefers mornings {time.time()}"),
    )


def _move(store: Store, by: Actor, s: Subject) -> None:
    view = people.get_person(store, by=by, person_id=s.id)
    order = [n.id for n in framework_service.current().stages()]
    to = order[(order.index(view.current_stage) + 1) % len(order)]
    stages.move_stage(
        store, by=by, person_id=s.id, to_stage=to, reason="Moved on", expected_version=view.version
    )


def _prompt(store: Store, by: Actor, s: Subject) -> None:
    view = people.get_person(store, by=by, person_id=s.id)
    graph = framework_service.current()
    for prompt in graph.prompts_for(view.current_stage):
        if not prompt.applies_in(view.jurisdiction):
            continue
        kind = str(prompt.answer_type)
        answer = (
            ("yes" if time.time_ns() % 2 else "no")
            if kind == "yes_no"
            else (prompt.options[-1] if prompt.options else f"Answer {time.time_ns()}")
        )
        journey.answer_prompt(store, by=by, person_id=s.id, prompt_id=prompt.id, answer=answer)
        return


def _add_risk(store: Store, by: Actor, s: Subject) -> None:
    s.assessment = s.assessment or risks.start_assessment(store, by=by, person_id=s.id)
    s.risk = risks.add_risk(
        store,
        by=by,
        assessment_id=s.assessment,
        data=risks.RiskInput(
            activity="Going to the football alone",
            benefits="I see my friends.",
            harm_to_self="I could miss the last bus.",
            likelihood=3,
            impact=3,
        ),
    )


def _add_action(store: Store, by: Actor, s: Subject) -> None:
    s.action = risks.add_action(
        store,
        by=by,
        person_id=s.id,
        description="Text Jo when I leave",
        owner_name="Jo",
        owner_kind="family_or_friend",
        due=factories.TODAY + timedelta(days=30),
        risk_id=s.risk or None,
    )


def _join_circle(store: Store, by: Actor, s: Subject) -> None:
    s.member = circle.add_member(
        store,
        by=by,
        person_id=s.id,
        name=f"Friend {time.time_ns()}",
        kind="family_or_friend",
        relationship="friend",
    ).id


def _action_from_circle(store: Store, by: Actor, s: Subject) -> None:
    risks.add_action(
        store,
        by=by,
        person_id=s.id,
        description="Ring after the match",
        owner_member_id=s.member,
        due=factories.TODAY + timedelta(days=14),
        risk_id=s.risk or None,
    )


def _ack_code(store: Store, by: Actor, s: Subject) -> None:
    action_codes.issue_ack_code(store, by=by, action_id=s.action, key=SEAL_KEY)


def _acknowledge(store: Store, by: Actor, s: Subject) -> None:
    risks.acknowledge(store, by=by, action_id=s.action, acknowledged_by="Jo", method="phone")


def _action_done(store: Store, by: Actor, s: Subject) -> None:
    risks.set_action_status(store, by=by, action_id=s.action, expected_version=1, status="done")


def _open_meeting(store: Store, by: Actor, s: Subject) -> None:
    s.meeting = meetings.open_meeting(
        store,
        by=by,
        person_id=s.id,
        held_on=factories.TODAY,
        title="Risk meeting",
        purpose="Agree how she keeps going out",
        chair="Priya",
        attendees=[
            {"name": "The person", "agency": "", "role": "person"},
            {"name": "PC Hill", "agency": "Police", "role": "police"},
        ],
    )


def _meeting_item(store: Store, by: Actor, s: Subject) -> None:
    assert s.meeting is not None
    s.item = meetings.add_item(
        store, by=by, meeting_id=s.meeting.id, kind="decision", text="Agreed", risk_id=s.risk
    )


def _withdraw_item(store: Store, by: Actor, s: Subject) -> None:
    assert s.meeting is not None
    meeting_undo.withdraw_item(
        store, by=by, meeting_id=s.meeting.id, item_id=s.item, reason="Filed by mistake"
    )


def _agree_action(store: Store, by: Actor, s: Subject) -> None:
    assert s.meeting is not None
    meetings.agree_action(
        store,
        by=by,
        meeting_id=s.meeting.id,
        description="Call back",
        owner_name="Jo",
        owner_kind="family_or_friend",
        due=factories.TODAY + timedelta(days=7),
        risk_id=s.risk,
    )


def _close_meeting(store: Store, by: Actor, s: Subject) -> None:
    assert s.meeting is not None
    meetings.close_meeting(
        store, by=by, meeting_id=s.meeting.id, expected_version=s.meeting.version
    )


def _decision(store: Store, by: Actor, s: Subject) -> None:
    decisions.record_decision(
        store,
        by=by,
        person_id=s.id,
        risk_id=s.risk,
        data=decisions.DecisionInput(
            decision="Go to the match without staff",
            options=[decisions.DecisionOption("Go alone"), decisions.DecisionOption("With staff")],
            support_given=["Talked it through at home"],
            decided="I will go to the match without staff.",
            outcome=PlanOutcome.AGREED,
        ),
    )


def _concern(store: Store, by: Actor, s: Subject) -> None:
    safeguarding.raise_concern(
        store,
        by=by,
        person_id=s.id,
        abuse_types=["AB-FIN"],
        person_wants="For my cousin to stop asking for money",
        immediate_action="Bank told",
    )


def _review(store: Store, by: Actor, s: Subject) -> None:
    reviews.record_review(
        store, by=by, person_id=s.id, held_on=factories.TODAY, kind="scheduled", notes="Fine"
    )


# In the order a practitioner makes them; a save's setup (reading the version the page shows)
# is in the timed call only where the page makes that read in the same click.
SAVES: tuple[tuple[str, Callable[[Store, Actor, Subject], None]], ...] = (
    ("baseline: one audit event in a write transaction", _baseline),
    ("save details (read + save_changes)", _details),
    ("move stage (read + move_stage)", _move),
    ("answer a prompt (read + answer_prompt)", _prompt),
    ("add a risk (with its assessment)", _add_risk),
    ("add someone to the circle", _join_circle),
    ("add an action (owner by name)", _add_action),
    ("add an action (owner from the circle)", _action_from_circle),
    ("make a one-time code for the owner", _ack_code),
    ("acknowledge an action", _acknowledge),
    ("mark an action done", _action_done),
    ("open a meeting", _open_meeting),
    ("add a meeting item", _meeting_item),
    ("withdraw a meeting item (undo)", _withdraw_item),
    ("agree an action at the meeting", _agree_action),
    ("close the meeting", _close_meeting),
    ("record a decision", _decision),
    ("raise a concern", _concern),
    ("record a review", _review),
)


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[max(0, round(len(ordered) * 0.95) - 1)]


def measure(store: Store, by: Actor, subjects: list[int], runs: int) -> dict[str, dict[str, Any]]:
    """Each save `runs` times (after one untimed warm-up), on a different person each run."""
    results: dict[str, dict[str, Any]] = {}
    cases = [Subject(pid) for pid in subjects[: runs + 1]]
    for label, save in SAVES:
        times = []
        for n, subject in enumerate(cases):
            start = time.perf_counter()
            save(store, by, subject)
            took = (time.perf_counter() - start) * 1000
            if n:  # the first is the warm-up
                times.append(took)
        results[label] = {
            "runs": len(times),
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(_p95(times), 1),
        }
    base = results[SAVES[0][0]]["median_ms"]
    for figures in results.values():
        figures["x_baseline"] = round(figures["median_ms"] / base, 1) if base else None
    return results


def run(url: str, people_count: int, runs: int, *, fresh: bool = True) -> dict[str, Any]:
    store = Store(url)
    if fresh and store.dialect == "postgresql":
        from risk_app.adapters.tables.base import Base

        Base.metadata.drop_all(store.engine)
        with store.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    migrate.upgrade(store)
    seeded = bulk.seed(store, people=people_count)
    print(
        f"[{store.dialect}] seeded {seeded.people:,} people, {seeded.counts.get('risks', 0):,} "
        f"risks, {seeded.counts.get('actions', 0):,} actions, "
        f"{seeded.counts.get('meetings', 0):,} meetings, "
        f"{seeded.counts.get('safeguarding_concerns', 0):,} concerns in {seeded.seconds:.1f} s"
    )
    by = bulk.practitioner(store)
    subjects = bulk.north_people(store, runs + 1)
    results = measure(store, by, subjects, runs)
    report = audit.verify(store)
    store.dispose()
    width = max(len(label) for label in results)
    print(f"{'save'.ljust(width)}  median    p95   x baseline")
    for label, f in results.items():
        flag = "" if f["median_ms"] <= TARGET_MS else "  OVER TARGET"
        print(
            f"{label.ljust(width)}  {f['median_ms']:6.1f}  {f['p95_ms']:6.1f}  "
            f"{f['x_baseline']:5.1f}{flag}"
        )
    slowest = max(f["median_ms"] for label, f in results.items())
    print(
        f"slowest median {slowest:.1f} ms (target <= {TARGET_MS:.0f} ms); audit chain "
        f"{'intact' if report.ok else report.summary()} ({report.checked:,} events)"
    )
    return {"backend": store.dialect, "people": seeded.people, "saves": results}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        figures.append(run(f"sqlite:///{tmp}/saves.sqlite3", args.people, args.runs))
    pg = os.environ.get("RISK_APP_BENCH_PG_URL")
    if pg:
        figures.append(run(pg, args.people, args.runs))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
