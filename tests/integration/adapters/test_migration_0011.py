"""Migration 0011 attaches touchpoint statuses recorded before it to the stage visit the person was
in at the time, on SQLite and PostgreSQL (issue 12)."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from risk_app.adapters import migrate
from risk_app.adapters.db import Store
from risk_app.adapters.tables import UTCDateTime
from risk_app.services.record import journey
from tests import factories

OLD = sa.Table(
    "touchpoint_status",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("person_id", sa.Integer),
    sa.Column("touchpoint_id", sa.String(40)),
    sa.Column("state", sa.String(20)),
    sa.Column("note", sa.Text),
    sa.Column("recorded_at", UTCDateTime),
    sa.Column("recorded_by", sa.String(100)),
    sa.Column("framework_version", sa.String(40)),
)
VISITS = sa.Table(
    "stage_history",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("person_id", sa.Integer),
    sa.Column("stage", sa.String(40)),
    sa.Column("entered_at", UTCDateTime),
)
"""The columns of `stage_history` that 0011 knows (later migrations add more)."""
NEW = sa.Table(
    "touchpoint_status",
    sa.MetaData(),
    sa.Column("touchpoint_id", sa.String(40)),
    sa.Column("person_id", sa.Integer),
    sa.Column("stage", sa.String(40)),
    sa.Column("stage_history_id", sa.Integer),
)


def _old_status(session, person_id: int, touchpoint: str, state: str, at) -> None:
    session.execute(
        OLD.insert().values(
            person_id=person_id,
            touchpoint_id=touchpoint,
            state=state,
            note="recorded before 0011",
            recorded_at=at,
            recorded_by="practitioner",
            framework_version="2026.11.0",
        )
    )


def test_old_statuses_are_attached_to_the_visit_current_when_they_were_recorded(store: Store):
    amina = factories.person(store, stage="ST3")
    lone = factories.person(store, "Lone Person")
    migrate.downgrade(store, "0010")
    with store.write() as session:
        visits = {
            v.stage: v
            for v in session.execute(sa.select(VISITS).where(VISITS.c.person_id == amina.id))
        }
        tick = timedelta(microseconds=1)
        _old_status(session, amina.id, "TP02", "done", visits["ST1"].entered_at + tick)
        _old_status(session, amina.id, "TP11", "not_applicable", visits["ST3"].entered_at + tick)
        _old_status(session, amina.id, "TP01", "done", visits["ST0"].entered_at - timedelta(1))
        session.execute(sa.delete(VISITS).where(VISITS.c.person_id == lone.id))
        _old_status(session, lone.id, "TP01", "done", visits["ST0"].entered_at)
    migrate.upgrade(store)
    with store.read() as session:
        attached = {
            (r.person_id, r.touchpoint_id): (r.stage, r.stage_history_id)
            for r in session.execute(sa.select(NEW))
        }
        lone_visit = session.execute(sa.select(VISITS).where(VISITS.c.person_id == lone.id)).one()
    assert attached[(amina.id, "TP02")] == ("ST1", visits["ST1"].id)
    assert attached[(amina.id, "TP11")] == ("ST3", visits["ST3"].id)
    assert attached[(amina.id, "TP01")] == ("ST0", visits["ST0"].id)  # older than every visit
    assert attached[(lone.id, "TP01")] == (lone_visit.stage, lone_visit.id)
    # An old "not applicable" now counts for the visit it was typed in, and nowhere else.
    by = factories.accounts.SYSTEM
    view = journey.journey(store, by=by, person_id=amina.id)
    tp11 = next(t for t in view.current.touchpoints if t.node.id == "TP11")
    assert tp11.state.value == "not_applicable" and tp11.note == "recorded before 0011"
    earlier = journey.journey(store, by=by, person_id=amina.id, stage="ST1")
    assert next(t for t in earlier.current.touchpoints if t.node.id == "TP11").outstanding


def test_going_back_down_keeps_the_newest_status_of_each_touchpoint(store: Store):
    amina = factories.person(store, stage="ST3")
    by = factories.accounts.SYSTEM
    for state, note in [("not_applicable", "First"), ("done", "Second")]:
        journey.record_touchpoint(
            store, by=by, person_id=amina.id, touchpoint_id="TP07", state=state, note=note
        )
    migrate.downgrade(store, "0010")
    with store.read() as session:
        assert [r.note for r in session.execute(sa.select(OLD))] == ["Second"]
    migrate.upgrade(store)
