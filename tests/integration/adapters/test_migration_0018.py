"""Migration 0018 adds the local policies table (a history: unique version per policy) and takes
it away again, on SQLite and PostgreSQL, leaving the rest of the schema alone (issue 13)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError

from risk_app.adapters import migrate
from risk_app.adapters.db import Store
from risk_app.adapters.tables import LocalPolicyRow


def test_0018_creates_the_local_policies_table_and_takes_it_away(empty_store: Store):
    migrate.upgrade(empty_store, "0017")
    assert "local_policies" not in inspect(empty_store.engine).get_table_names()
    migrate.upgrade(empty_store, "0018")
    columns = {c["name"] for c in inspect(empty_store.engine).get_columns("local_policies")}
    assert columns == {"id", "policy", "version", "is_on", "value", "set_by", "set_at"}
    migrate.downgrade(empty_store, "0017")
    names = inspect(empty_store.engine).get_table_names()
    assert "local_policies" not in names and "people" in names


def test_two_settings_of_one_policy_cannot_share_a_version(empty_store: Store):
    migrate.upgrade(empty_store, "0018")
    row = {
        "policy": "high_residual_risk_needs_route",
        "version": 1,
        "is_on": True,
        "value": None,
        "set_by": "lead",
        "set_at": datetime(2026, 12, 6, 10, 0, tzinfo=UTC),
    }
    with empty_store.engine.begin() as connection:
        connection.execute(sa.insert(LocalPolicyRow.__table__).values(**row))
    with pytest.raises(IntegrityError), empty_store.engine.begin() as connection:
        connection.execute(sa.insert(LocalPolicyRow.__table__).values(**row))
