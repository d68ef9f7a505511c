"""Touchpoint status comes from the record, per stage visit, on SQLite and PostgreSQL (issue 12)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow, PersonRow, TouchpointStatusRow
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.evidence import RecordKind
from risk_app.domain.record.people import TouchpointState
from risk_app.domain.roles import Role
from risk_app.services.record import journey
from tests import factories

NA = TouchpointState.NOT_APPLICABLE
NO_ABUSE = "Not applicable – no abuse or neglect disclosed or suspected"


@pytest.fixture
def north(store: Store):
    return factories.actor(store, username="practitioner")


def line(store: Store, by, person_id: int, touchpoint: str, stage: str | None = None):
    view = journey.journey(store, by=by, person_id=person_id, stage=stage)
    return next(t for t in view.current.touchpoints if t.node.id == touchpoint)


def test_raising_a_concern_ends_a_not_applicable_on_tp11_and_names_the_conflict(
    store: Store, north
):
    amina = factories.person(store, stage="ST3")
    journey.record_touchpoint(
        store, by=north, person_id=amina.id, touchpoint_id="TP11", state=NA, note=NO_ABUSE
    )
    assert line(store, north, amina.id, "TP11").state is NA
    concern = factories.concern(store, amina, by=north)
    tp11 = line(store, north, amina.id, "TP11")
    assert tp11.state is TouchpointState.DONE and not tp11.outstanding
    assert tp11.evidence is not None and tp11.evidence.kind is RecordKind.SAFEGUARDING_CONCERN
    assert tp11.evidence.record_id == concern.id
    assert tp11.conflict.startswith("A safeguarding concern was raised on ")
    assert "this replaces 'not applicable' set by practitioner on " in tp11.conflict
    assert tp11.conflict.endswith(NO_ABUSE)
    with store.read() as session:
        kept = session.scalars(select(TouchpointStatusRow.state)).all()
        events = session.scalars(select(AuditEventRow.object_type)).all()
    assert kept == ["not_applicable"]  # the manual status stays, the record wins
    assert "touchpoint_status" in events and "safeguarding_concern" in events


def test_a_decision_a_validation_and_a_panel_make_tp08_tp09_and_tp10_done(store: Store, north):
    amina = factories.person(store, stage="ST4")
    before = journey.journey(store, by=north, person_id=amina.id)
    assert {"TP09", "TP10"} <= {t.node.id for t in before.current.touchpoints if t.outstanding}
    decision = factories.decision(store, amina, by=north)
    factories.agreed_plan(store, amina, by=north)
    factories.panel(store, amina, by=north)
    now = journey.journey(store, by=north, person_id=amina.id)
    done = {t.node.id: t.evidence for t in now.current.touchpoints if t.evidence}
    assert done["TP09"].kind is RecordKind.PLAN_VALIDATION  # type: ignore[union-attr]
    assert done["TP10"].kind is RecordKind.PANEL_REFERRAL  # type: ignore[union-attr]
    tp08 = line(store, north, amina.id, "TP08", stage="ST3")
    assert tp08.evidence is not None and tp08.evidence.record_id == decision.id
    assert tp08.evidence.where == f"Decisions and panels tab, decision #{decision.id}"
    st3 = next(s for s in now.stages if s.stage.id == "ST3")
    assert "TP08" in st3.done


def test_not_applicable_at_stage_3_says_nothing_about_stage_5(store: Store, north):
    amina = factories.person(store, stage="ST3")
    journey.record_touchpoint(
        store, by=north, person_id=amina.id, touchpoint_id="TP11", state=NA, note=NO_ABUSE
    )
    for stage in ("ST4", "ST5"):
        factories.move_to(store, amina.id, stage)
    assert line(store, north, amina.id, "TP11").outstanding
    assert line(store, north, amina.id, "TP11", stage="ST3").state is NA
    not_yet = line(store, north, amina.id, "TP11", stage="ST7")
    assert not not_yet.reached and not not_yet.outstanding


def test_re_entering_a_stage_starts_a_new_visit(store: Store, north):
    amina = factories.person(store, stage="ST3")
    journey.record_touchpoint(
        store, by=north, person_id=amina.id, touchpoint_id="TP07", state="done", note="Seen"
    )
    factories.move_to(store, amina.id, "ST4")
    factories.move_to(store, amina.id, "ST3")
    assert line(store, north, amina.id, "TP07").outstanding
    journey.record_touchpoint(
        store, by=north, person_id=amina.id, touchpoint_id="TP07", state=NA, note="Plan paused"
    )
    with store.read() as session:
        rows = session.scalars(select(TouchpointStatusRow).order_by(TouchpointStatusRow.id)).all()
    assert [r.state for r in rows] == ["done", "not_applicable"]
    assert rows[0].stage_history_id != rows[1].stage_history_id
    assert {r.stage for r in rows} == {"ST3"}


def test_setting_a_status_again_keeps_the_earlier_one(store: Store, north):
    amina = factories.person(store, stage="ST3")
    for state, note in [(NA, "Not needed"), ("done", "Plan covers it"), ("done", "Plan covers it")]:
        journey.record_touchpoint(
            store, by=north, person_id=amina.id, touchpoint_id="TP07", state=state, note=note
        )
    tp07 = line(store, north, amina.id, "TP07")
    assert tp07.state is TouchpointState.DONE and tp07.note == "Plan covers it"
    with store.read() as session:
        assert session.scalars(select(TouchpointStatusRow.note)).all() == [
            "Not needed",
            "Plan covers it",
        ]  # the same status twice is not a change


@pytest.mark.parametrize(
    ("touchpoint", "stage", "message"),
    [
        ("TP16", "ST8", "has not reached stage ST8"),
        ("TP16", "ST99", "Unknown stage 'ST99'"),
        ("TP13", None, "not a touchpoint of stage ST3"),
        ("TP08", None, "already done: A supported decision was recorded on"),
    ],
)
def test_a_status_for_a_stage_not_reached_another_stage_or_an_evidenced_touchpoint_is_refused(
    store: Store, north, touchpoint, stage, message
):
    amina = factories.person(store, stage="ST3")
    factories.decision(store, amina, by=north)
    with pytest.raises(InvalidInput, match=message):
        journey.record_touchpoint(
            store,
            by=north,
            person_id=amina.id,
            touchpoint_id=touchpoint,
            state="done",
            stage=stage,
        )
    with store.read() as session:
        assert session.scalars(select(TouchpointStatusRow)).all() == []


def test_the_persons_own_account_does_not_learn_of_a_concern_from_the_journey(store: Store, north):
    amina = factories.person(store, stage="ST3")
    factories.concern(store, amina, by=north)
    own = factories.actor(store, Role.INDIVIDUAL, person=amina)
    tp11 = line(store, own, amina.id, "TP11")
    assert tp11.evidence is None and tp11.outstanding
    assert line(store, north, amina.id, "TP11").evidence is not None


def test_stage_journey_in_transaction_lists_the_outstanding_touchpoints_of_a_stage(
    store: Store, north
):
    amina = factories.person(store, stage="ST4")
    factories.agreed_plan(store, amina, by=north)
    with store.write() as session:
        row = session.get(PersonRow, amina.id)
        assert row is not None
        found = journey.stage_journey_in_transaction(session, row, "ST4")
    outstanding = {t.node.id for t in found.touchpoints if t.outstanding}
    assert "TP10" in outstanding and "TP09" not in outstanding
    assert all(isinstance(t.required, bool) for t in found.touchpoints)
