"""Auditing cases through the service layer: recorded journeys and imported logs, who may, and
what the audit log keeps (on SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow
from risk_app.domain.assurance.conformance_report import DrillKey, DrillOutcome
from risk_app.domain.assurance.event_log import EventLogError
from risk_app.domain.errors import NotPermitted
from risk_app.domain.record.plan import ReviewKind
from risk_app.services import accounts
from risk_app.services.assurance import case_audit
from risk_app.services.demo import DEMO_PEOPLE, NORTH
from risk_app.services.record import journey, people, plan_validation, reviews, stages
from risk_app.services.record import risks as risk_service

EXAMPLES = Path(__file__).resolve().parents[4] / "docs" / "examples"
TODAY = datetime.now(UTC).date()
CHECKS = {
    check: (True, "Checked with the person.")
    for check in ("effective", "legal", "affordable", "safe", "contingency")
}


@pytest.fixture
def lead(demo_store: Store):
    return accounts.authenticate(demo_store, "lead", "demo-safeguarding-lead")


@pytest.fixture
def north(demo_store: Store):
    return accounts.authenticate(demo_store, "practitioner", "demo-practitioner-1")


def walk(store: Store, by, person_id: int, touchpoints: dict[str, list[str]]) -> None:
    """Move a person stage by stage, recording each stage's touchpoints while they are there."""
    for stage, done in touchpoints.items():
        if stage != "ST0":
            view = people.get_person(store, by=by, person_id=person_id)
            stages.move_stage(
                store,
                by=by,
                person_id=person_id,
                to_stage=stage,
                reason="Walking the journey for the case audit.",
                expected_version=view.version,
            )
        for tp in done:
            journey.record_touchpoint(
                store, by=by, person_id=person_id, touchpoint_id=tp, state="done"
            )


def new_person(store: Store, by, name: str, jurisdiction: str = "england") -> int:
    return people.create_person(
        store, by=by, display_name=name, team=NORTH, jurisdiction=jurisdiction
    ).id


def deviations_of(
    audit: case_audit.CaseAudit, person_id: int
) -> list[tuple[str, str | None, str | None]]:
    case = next(c for c in audit.report.cases if c.case_id == str(person_id))
    return [(d.type.value, d.stage, d.touchpoint) for d in case.deviations]


def test_the_lead_audits_recorded_journeys_against_the_framework_in_use(demo_store, lead, north):
    careful = new_person(demo_store, north, "Careful Journey")
    walk(demo_store, north, careful, {"ST0": ["TP01"], "ST1": ["TP02", "TP04", "TP05"]})
    risk_service.start_assessment(demo_store, by=north, person_id=careful)
    hasty = new_person(demo_store, north, "Hasty Journey")
    walk(demo_store, north, hasty, {"ST0": ["TP01"], "ST1": [], "ST2": []})
    # Recorded for their visit of stage 1 once they had moved on to stage 2.
    journey.record_touchpoint(
        demo_store, by=north, person_id=hasty, touchpoint_id="TP02", state="done", stage="ST1"
    )
    journey.record_touchpoint(
        demo_store,
        by=north,
        person_id=hasty,
        touchpoint_id="TP04",
        state="not_applicable",
        note="The person has asked us not to keep a separate record.",
        stage="ST1",
    )

    done = case_audit.audit_recorded_journeys(demo_store, by=lead)
    assert done.report.framework_version == done.rules.framework_version
    assert done.source.format == "app" and done.source.cases == len(DEMO_PEOPLE) + 2
    assert deviations_of(done, careful) == []
    assert deviations_of(done, hasty) == [
        ("missing_touchpoint", "ST1", "TP05"),
        ("missing_touchpoint", "ST2", "TP06"),
        ("touchpoint_after_next_stage", "ST1", "TP02"),
    ]
    assert str(hasty) in done.report.case_ids(DrillKey.touchpoint("TP05", DrillOutcome.MISSING))


@pytest.mark.parametrize(
    ("jurisdiction", "option", "missing"),
    [
        pytest.param("england", "BO-DP", [], id="england-SVGA-2006-no-duty"),
        pytest.param("wales", "WA-DP", [], id="wales-SVGA-2006-no-duty"),
        pytest.param(
            "scotland",
            "SC-OPT1",
            [("missing_touchpoint", "ST6", "TP-PVG")],
            id="scotland-Disclosure-Act-2020",
        ),
    ],
)
def test_children_in_the_home_make_no_touchpoint_missing_and_each_nation_has_its_own_check(
    demo_store, lead, north, jurisdiction, option, missing
):
    """The removed rule (RA07 'yes' requiring TP13) is reported for nobody; a Scottish case under
    option 1 is held to PVG membership and never to the DBS touchpoint."""
    person = new_person(demo_store, north, "Children Visit", jurisdiction)
    walk(demo_store, north, person, {"ST0": ["TP01"], "ST1": ["TP02", "TP04", "TP05"]})
    journey.answer_prompt(demo_store, by=north, person_id=person, prompt_id="RA07", answer="yes")
    walk(demo_store, north, person, {"ST2": ["TP06"], "ST3": ["TP07", "TP08"], "ST4": ["TP09"]})
    view = people.get_person(demo_store, by=north, person_id=person)
    people.save_changes(
        demo_store,
        by=north,
        person_id=person,
        expected_version=view.version,
        changes=people.PersonChanges(budget_option=option),
    )
    walk(demo_store, north, person, {"ST5": ["TP12"], "ST6": ["TP14"]})
    done = case_audit.audit_recorded_journeys(demo_store, by=lead, as_of=TODAY)
    found = deviations_of(done, person)
    assert [f for f in found if f[0] != "review_overdue"] == missing
    case = next(c for c in done.report.cases if c.case_id == str(person))
    assert case.jurisdiction == jurisdiction
    assert done.report.jurisdiction_caveat is None  # every person in the app has a nation


def test_a_plan_agreed_without_a_risk_assessment_and_a_late_review_are_found(
    demo_store, lead, north
):
    person = new_person(demo_store, north, "Money Matters")
    walk(demo_store, north, person, {"ST0": ["TP01"], "ST1": ["TP02", "TP04", "TP05"]})
    walk(demo_store, north, person, {"ST2": ["TP06"], "ST3": ["TP07", "TP08"], "ST4": ["TP09"]})
    plan_validation.validate_plan(
        demo_store, by=north, person_id=person, checks=CHECKS, requested="agreed"
    )
    view = people.get_person(demo_store, by=north, person_id=person)
    started = TODAY - timedelta(days=500)
    people.save_changes(
        demo_store,
        by=north,
        person_id=person,
        expected_version=view.version,
        changes=people.PersonChanges(budget_option="BO-DP", direct_payment_start=started),
    )
    reviews.record_review(
        demo_store,
        by=north,
        person_id=person,
        held_on=TODAY - timedelta(days=250),
        kind=ReviewKind.FIRST_DIRECT_PAYMENT,
    )
    done = case_audit.audit_recorded_journeys(demo_store, by=lead)
    found = deviations_of(done, person)
    assert found == [("missing_prerequisite", "ST4", None), ("review_late", "ST8", None)]
    messages = [d.message for d in done.report.deviations if d.case_id == str(person)]
    assert messages[0].startswith("Support plan agreed on ")
    assert messages[0].endswith(" with no risk assessment recorded.")
    later = case_audit.audit_recorded_journeys(
        demo_store, by=lead, as_of=TODAY + timedelta(days=200)
    )
    assert deviations_of(later, person)[-1] == ("review_overdue", "ST8", None)


def test_only_the_safeguarding_lead_audits_across_cases_and_refusals_are_logged(demo_store):
    for username, password in (
        ("practitioner", "demo-practitioner-1"),
        ("manager", "demo-team-manager"),
        ("amina", "demo-individual-1"),
        ("admin", "demo-administrator"),
    ):
        actor = accounts.authenticate(demo_store, username, password)
        with pytest.raises(NotPermitted):
            case_audit.audit_recorded_journeys(demo_store, by=actor)
        with pytest.raises(NotPermitted):
            case_audit.audit_event_log(
                demo_store,
                by=actor,
                events=EXAMPLES / "events.csv",
                mapping=EXAMPLES / "mapping.csv",
            )
        with demo_store.read() as session:
            last = session.scalars(
                select(AuditEventRow).order_by(AuditEventRow.seq.desc()).limit(2)
            )
            assert [(e.action, e.object_type, e.actor) for e in last] == [
                ("access_denied", "case_conformance", username)
            ] * 2


def test_each_run_is_logged_with_counts_and_the_framework_version_only(demo_store, lead):
    """And a log that cannot be read is refused before anything is audited or logged."""
    done = case_audit.audit_event_log(
        demo_store, by=lead, events=EXAMPLES / "events.xes", mapping=EXAMPLES / "mapping.csv"
    )
    assert (done.source.format, done.report.overall.cases, done.report.deviation_count) == (
        "xes",
        4,
        5,  # the example's RA07 "yes" no longer makes TP13 required (SVGA 2006 Sch 4)
    )
    with demo_store.read() as session:
        event = session.scalars(select(AuditEventRow).order_by(AuditEventRow.seq.desc())).first()
    assert event is not None
    assert (event.action, event.object_type, event.actor) == ("view", "case_conformance", "lead")
    detail = json.loads(event.detail)
    assert detail == {
        "cases": 4,
        "conforming": 1,
        "deviations": 5,
        "events": 74,
        "framework_version": done.report.framework_version,
        "skipped": 0,
        "source": "xes",
    }
    assert "P-100" not in event.detail

    with pytest.raises(EventLogError, match="empty"):
        case_audit.audit_event_log(demo_store, by=lead, events=b"", name="empty.csv")
    with demo_store.read() as session:
        last = session.scalars(select(AuditEventRow).order_by(AuditEventRow.seq.desc())).first()
    assert last is not None and last.seq == event.seq  # nothing audited, nothing logged

    seen = []
    by_operator = case_audit.audit_event_log(
        demo_store,
        by=accounts.SYSTEM,
        events=(EXAMPLES / "events.csv").read_bytes(),
        mapping=(EXAMPLES / "mapping.csv").read_bytes(),
        name="events.csv",
        as_of=date(2027, 6, 1),
        progress=seen.append,
    )
    assert by_operator.report.as_of == date(2027, 6, 1)
    assert seen and seen[-1].fraction == 1.0


def test_a_plan_validation_recorded_does_tp09_without_typing_it(demo_store, lead, north):
    person = new_person(demo_store, north, "Validated Plan")
    walk(demo_store, north, person, {"ST0": ["TP01"], "ST1": ["TP02", "TP04", "TP05"]})
    walk(demo_store, north, person, {"ST2": ["TP06"], "ST3": ["TP07", "TP08"], "ST4": []})
    before = case_audit.audit_recorded_journeys(demo_store, by=lead)
    assert ("missing_touchpoint", "ST4", "TP09") in deviations_of(before, person)
    plan_validation.validate_plan(
        demo_store, by=north, person_id=person, checks=CHECKS, requested="agreed"
    )
    after = case_audit.audit_recorded_journeys(demo_store, by=lead)
    assert ("missing_touchpoint", "ST4", "TP09") not in deviations_of(after, person)
