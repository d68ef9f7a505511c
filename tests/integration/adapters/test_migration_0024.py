"""Migration 0024 adds one-time codes for acknowledging an action and the code an
acknowledgement was given with, on SQLite and PostgreSQL: earlier acknowledgements keep no code
reference, and the migration goes down and up again cleanly."""

from __future__ import annotations

import sqlalchemy as sa

from risk_app.adapters import migrate
from risk_app.adapters.db import Store
from risk_app.services.record import risks
from tests import factories

ACKNOWLEDGEMENTS = sa.Table(
    "acknowledgements",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("method", sa.String),
    sa.Column("code_reference", sa.String),
)


def test_earlier_acknowledgements_keep_no_code_and_the_codes_table_comes_and_goes(store: Store):
    worker = factories.actor(store, username="practitioner")
    amina = factories.person(store, "Amina Okafor")
    action = factories.action(store, amina, by=worker)
    risks.acknowledge(store, by=worker, action_id=action, acknowledged_by="Amina", method="phone")
    migrate.downgrade(store, "0023")
    assert "action_ack_invitations" not in sa.inspect(store.engine).get_table_names()
    columns = {c["name"] for c in sa.inspect(store.engine).get_columns("acknowledgements")}
    assert "code_reference" not in columns
    migrate.upgrade(store)
    assert "action_ack_invitations" in sa.inspect(store.engine).get_table_names()
    with store.read() as session:
        rows = session.execute(
            sa.select(ACKNOWLEDGEMENTS.c.method, ACKNOWLEDGEMENTS.c.code_reference)
        ).all()
    assert [tuple(r) for r in rows] == [("phone", None)]
