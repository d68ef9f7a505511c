"""The demo organisation holds a record of every kind issue 12 made, each reachable through the
services as its users would reach it, with dates relative to today."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.domain.record.capacity import CapacityOutcome, Finding, FunctionalAbility
from risk_app.domain.record.concern_lifecycle import ConcernState
from risk_app.domain.record.next_review import SourceKind
from risk_app.domain.record.panel_lifecycle import PanelState
from risk_app.domain.record.people import TouchpointState
from risk_app.domain.record.working_days import day_in_england
from risk_app.services import accounts, demo, demo_records
from risk_app.services.record import (
    actions_due,
    checks,
    decisions,
    exports,
    journey,
    panels,
    panels_waiting,
    people,
    plan_validation,
    reviews,
    safeguarding,
    safeguarding_oversight,
)

PASSWORDS = {a.username: a.password for a in demo.DEMO_ACCOUNTS}


def _as(store: Store, username: str) -> Actor:
    return accounts.authenticate(store, username, PASSWORDS[username])


def _caseloads(store: Store) -> dict[str, tuple[int, Actor]]:
    """Each demo person's id by first name, with the practitioner whose team's caseload lists
    them."""
    found: dict[str, tuple[int, Actor]] = {}
    for username in ("practitioner", "practitioner.south"):
        practitioner = _as(store, username)
        for person in people.caseload(store, by=practitioner):
            found[person.display_name.split()[0].lower()] = (person.id, practitioner)
    return found


def _ids(store: Store) -> dict[str, int]:
    return {name: person_id for name, (person_id, _) in _caseloads(store).items()}


def test_the_demo_has_concerns_in_every_state_of_their_lifecycle_in_both_teams(demo_store: Store):
    states: dict[str, set[ConcernState]] = {"north": set(), "south": set()}
    closed_without_enquiry = []
    for name, (person_id, practitioner) in _caseloads(demo_store).items():
        team = "north" if practitioner.username == "practitioner" else "south"
        for concern in safeguarding.concerns_for(demo_store, by=practitioner, person_id=person_id):
            assert concern.person_wants and concern.raised_by == practitioner.username
            states[team].add(concern.state)
            if concern.state is ConcernState.CLOSED and concern.enquiry_kind is None:
                closed_without_enquiry.append((name, concern.other_response))
    assert states["north"] | states["south"] == set(ConcernState)
    assert len(states["north"]) >= 3 and len(states["south"]) >= 3
    assert ConcernState.RAISED in states["north"] and ConcernState.RAISED in states["south"]
    assert [name for name, response in closed_without_enquiry if response is not None]


def test_the_manager_sees_one_decision_within_its_working_days_and_one_late(demo_store: Store):
    waiting = safeguarding_oversight.waiting_s42_decisions(
        demo_store, by=_as(demo_store, "manager")
    )
    assert any(w.working_days_left >= 0 for w in waiting)
    late = [w for w in waiting if w.working_days_left < 0]
    assert len(late) == 1
    ago = day_in_england(datetime.now(UTC) - timedelta(days=demo_records.LATE_BY_DAYS))
    assert late[0].raised_on == ago and late[0].person_name == "Margaret Hughes"
    counts = safeguarding_oversight.concern_counts(demo_store, by=_as(demo_store, "lead"))
    assert sum(c.late_decisions for c in counts) == 1


def test_the_demo_has_panels_waiting_scheduled_and_held_with_a_review_date(demo_store: Store):
    today = datetime.now(UTC).date()
    lead = _as(demo_store, "lead")
    waiting = panels_waiting.panels_waiting(demo_store, by=lead)
    states = {w.state for w in waiting}
    assert {PanelState.REFERRED, PanelState.SCHEDULED} <= states
    manager_sees = panels_waiting.panels_waiting(demo_store, by=_as(demo_store, "manager"))
    assert [w.state for w in manager_sees] == [PanelState.REFERRED]
    ids = _ids(demo_store)
    north = _as(demo_store, "practitioner")
    [held] = panels.panels_for(demo_store, by=north, person_id=ids["david"])
    assert held.state is PanelState.OUTCOME and held.held_on == today
    assert held.review_date == today + timedelta(days=demo_records.PANEL_REVIEW_IN_DAYS)
    plan = reviews.review_plan(demo_store, by=north, person_id=ids["david"])
    assert plan.due == held.review_date
    assert plan.source is not None and plan.source.kind is SourceKind.PANEL
    assert plan.source.record_id == held.id


def test_the_demo_has_a_capacity_assessment_with_evidence_for_every_part(demo_store: Store):
    north = _as(demo_store, "practitioner")
    [made] = decisions.decisions_for(demo_store, by=north, person_id=_ids(demo_store)["margaret"])
    assert made.reason_to_doubt
    assert set(made.functional) == set(FunctionalAbility)
    assert Finding.NOT_ASSESSED not in made.functional.values()
    assert set(made.evidence) == set(FunctionalAbility) and all(made.evidence.values())
    assert made.impairment and made.inability_because_of_impairment is True
    assert made.capacity_outcome is CapacityOutcome.LACKS_CAPACITY
    assert made.decider_name and made.best_interests


def test_the_fhir_export_of_the_demo_holds_a_consent_to_share(demo_store: Store):
    north = _as(demo_store, "practitioner")
    bundle = exports.person_fhir_bundle(demo_store, by=north, person_id=_ids(demo_store)["tomasz"])
    kinds = [entry["resource"]["resourceType"] for entry in bundle["entry"]]
    assert "Consent" in kinds


def test_both_teams_and_both_practitioners_have_actions_due_soon_and_overdue(demo_store: Store):
    timings = {"due_soon", "overdue"}
    manager = actions_due.due_for_team(demo_store, by=_as(demo_store, "manager"))
    assert {a.timing.value for a in manager} >= timings
    for username in ("practitioner", "practitioner.south"):
        mine = actions_due.open_of_mine(demo_store, by=_as(demo_store, username))
        assert {a.timing.value for a in mine} >= timings, username


def test_a_stage_shows_a_touchpoint_a_record_evidences_and_one_not_applicable_with_why(
    demo_store: Store,
):
    north = _as(demo_store, "practitioner")
    david = _ids(demo_store)["david"]
    [check] = checks.checks_for(demo_store, by=north, person_id=david)
    assert check.done_on < datetime.now(UTC).date()
    lines = {
        t.node.id: t
        for t in journey.journey(demo_store, by=north, person_id=david).current.touchpoints
    }
    assert lines["TP13"].state is TouchpointState.DONE and lines["TP13"].evidence is not None
    assert lines["TP14"].state is TouchpointState.NOT_APPLICABLE
    assert lines["TP14"].evidence is None and lines["TP14"].note


def test_the_plan_validation_agrees_a_review_date(demo_store: Store):
    south = _as(demo_store, "practitioner.south")
    [validation] = plan_validation.validations_for(
        demo_store, by=south, person_id=_ids(demo_store)["ravi"]
    )
    today = datetime.now(UTC).date()
    assert validation.review_date == today + timedelta(days=demo_records.PLAN_REVIEW_IN_DAYS)


def test_loading_the_demo_again_changes_nothing(demo_store: Store):
    caseloads = _caseloads(demo_store)

    def held() -> list[tuple[int, int]]:
        return [
            (
                len(safeguarding.concerns_for(demo_store, by=by, person_id=i)),
                len(panels.panels_for(demo_store, by=by, person_id=i)),
            )
            for i, by in sorted(caseloads.values(), key=lambda found: found[0])
        ]

    before = held()
    assert demo.load(demo_store) is False
    assert held() == before and _ids(demo_store) == {n: i for n, (i, _) in caseloads.items()}


def test_the_demo_has_a_scottish_and_a_welsh_person_whose_records_follow_their_law(
    demo_store: Store,
):
    """DP Regs 2014 reg 7 for Dave's English direct payment; none for Eilidh's option 1 (SDS(S)A
    2013 s4) or Beth's Welsh direct payment (SSWB(W)A 2014 s50); AWI(S)A 2000 s1 for Eilidh."""
    today = datetime.now(UTC).date()
    caseloads = _caseloads(demo_store)
    nations = {
        name: people.get_person(demo_store, by=by, person_id=i).jurisdiction
        for name, (i, by) in caseloads.items()
    }
    assert nations["eilidh"] == "scotland" and nations["bethan"] == "wales"

    eilidh_id, south = caseloads["eilidh"]
    eilidh = people.get_person(demo_store, by=south, person_id=eilidh_id)
    assert eilidh.budget_option == "SC-OPT1" and eilidh.direct_payment_start is not None
    plan = reviews.review_plan(demo_store, by=south, person_id=eilidh_id)
    assert plan.due is None and plan.no_interval is not None
    [decided] = decisions.decisions_for(demo_store, by=south, person_id=eilidh_id)
    said = " ".join((*decided.capacity_reasons, decided.reminder or ""))
    assert "Adults with Incapacity (Scotland) Act 2000" in said
    assert "best interests" not in said.lower()

    beth_id, _ = caseloads["bethan"]
    beth = people.get_person(demo_store, by=south, person_id=beth_id)
    assert beth.budget_option == "WA-DP" and beth.direct_payment_start is not None
    plan = reviews.review_plan(demo_store, by=south, person_id=beth_id)
    assert plan.due == today + timedelta(days=demo_records.BETH_REVIEW_IN_DAYS)
    assert [s.kind for s in plan.sources] == [SourceKind.DECISION]

    david_id, north = caseloads["david"]
    plan = reviews.review_plan(demo_store, by=north, person_id=david_id)
    first = [s for s in plan.sources if s.kind is SourceKind.FIRST_DIRECT_PAYMENT]
    assert len(first) == 1 and "reg 7" in first[0].described
