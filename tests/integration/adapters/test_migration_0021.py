"""Migration 0021 adds the Act a capacity record followed and the AWI causal answer, on SQLite and
PostgreSQL: an existing decision reads as the Mental Capacity Act 2005 (None), a Scottish one
recorded after it keeps "awi", and the migration goes down and up again cleanly."""

from __future__ import annotations

import sqlalchemy as sa

from risk_app.adapters import migrate
from risk_app.adapters.db import Store
from risk_app.domain.record.awi_capacity import CapacityLaw
from risk_app.services import accounts
from risk_app.services.record import decisions
from tests import factories

DECISIONS = sa.Table(
    "decisions",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("capacity_law", sa.String),
    sa.Column("incapacity_cause", sa.String),
)


def test_existing_decisions_read_as_the_mca_and_a_scottish_one_keeps_the_awi(store: Store):
    """MCA 2005 records (before the column) read as the MCA; AWI(S)A 2000 s1(6) after it."""
    amina = factories.person(store, "Amina Okafor")
    before = factories.decision(store, amina, decision="Going to college by bus")
    migrate.downgrade(store, "0020")
    migrate.upgrade(store)
    with store.read() as session:
        laws = dict(session.execute(sa.select(DECISIONS.c.id, DECISIONS.c.capacity_law)).all())
    assert laws[before.id] is None
    [read] = decisions.decisions_for(store, by=accounts.SYSTEM, person_id=amina.id)
    assert read.capacity_law is CapacityLaw.MCA
    eilidh = factories.person(store, "Eilidh MacLeod", jurisdiction="scotland")
    scottish = factories.incapable_of_agreeing_in_scotland(store, eilidh)
    with store.read() as session:
        row = session.execute(
            sa.select(DECISIONS.c.capacity_law, DECISIONS.c.incapacity_cause).where(
                DECISIONS.c.id == scottish.id
            )
        ).one()
    assert tuple(row) == ("awi", "mental_disorder")
