"""Migration 0025 adds the formats a person needs information in, on SQLite and PostgreSQL:
people recorded before it have none (nothing is assumed), and it goes down and up cleanly."""

from __future__ import annotations

import sqlalchemy as sa

from risk_app.adapters import migrate
from risk_app.adapters.db import Store
from risk_app.services.record import people
from tests import factories


def test_people_recorded_before_have_no_need_assumed_and_the_column_comes_and_goes(store: Store):
    worker = factories.actor(store, username="practitioner")
    amina = factories.person(store, "Amina Okafor")
    migrate.downgrade(store, "0024")
    columns = {c["name"] for c in sa.inspect(store.engine).get_columns("people")}
    assert "information_needs" not in columns
    migrate.upgrade(store)
    assert people.get_person(store, by=worker, person_id=amina.id).information_needs == ()
    view = people.get_person(store, by=worker, person_id=amina.id)
    people.save_changes(
        store,
        by=worker,
        person_id=amina.id,
        expected_version=view.version,
        changes=people.PersonChanges(information_needs=["large_print", "easy_read"]),
    )
    saved = people.get_person(store, by=worker, person_id=amina.id).information_needs
    assert saved == ("easy_read", "large_print")
