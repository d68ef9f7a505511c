"""Migrations, optimistic locking and the append-only audit log, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from risk_app.adapters import migrate
from risk_app.adapters.db import Store
from risk_app.adapters.tables import Base
from risk_app.domain.errors import StaleEdit
from risk_app.services import accounts, audit
from risk_app.services.record import people, stages


def test_migrations_build_the_schema_from_empty_and_match_the_models(empty_store: Store):
    assert migrate.current_revision(empty_store) is None
    migrate.upgrade(empty_store)
    assert migrate.current_revision(empty_store) == migrate.head_revision()
    with empty_store.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diffs == []


def test_migrations_go_down_to_empty_and_back_up(store: Store):
    migrate.downgrade(store, "base")
    assert "people" not in inspect(store.engine).get_table_names()
    migrate.upgrade(store)
    assert {"people", "users", "audit_events"} <= set(inspect(store.engine).get_table_names())


def test_a_stale_edit_is_refused_and_the_newer_version_is_kept(demo_store: Store):
    person = people.create_person(
        demo_store,
        by=accounts.SYSTEM,
        display_name="Test Person",
        team="North Locality Team",
        jurisdiction="england",
    )
    first = people.save_changes(
        demo_store,
        by=accounts.SYSTEM,
        person_id=person.id,
        expected_version=person.version,
        changes=people.PersonChanges(preferred_name="Newer"),
    )
    with pytest.raises(StaleEdit) as refused:
        people.save_changes(
            demo_store,
            by=accounts.SYSTEM,
            person_id=person.id,
            expected_version=person.version,
            changes=people.PersonChanges(preferred_name="Older"),
        )
    assert "changed by someone else" in str(refused.value)
    assert refused.value.current == first.version
    kept = people.get_person(demo_store, by=accounts.SYSTEM, person_id=person.id)
    assert kept.preferred_name == "Newer"
    assert kept.version == first.version


def test_a_stale_stage_move_is_refused(demo_store: Store):
    person = people.create_person(
        demo_store,
        by=accounts.SYSTEM,
        display_name="Mover",
        team="North Locality Team",
        jurisdiction="england",
    )
    stages.move_stage(
        demo_store,
        by=accounts.SYSTEM,
        person_id=person.id,
        to_stage="ST1",
        reason="First contact made.",
        expected_version=person.version,
    )
    with pytest.raises(StaleEdit):
        stages.move_stage(
            demo_store,
            by=accounts.SYSTEM,
            person_id=person.id,
            to_stage="ST2",
            reason="Assessment started.",
            expected_version=person.version,
        )
    assert (
        people.get_person(demo_store, by=accounts.SYSTEM, person_id=person.id).current_stage
        == "ST1"
    )


def test_every_record_carries_the_framework_version_it_was_made_under(demo_store: Store):
    from risk_app.services import framework

    for person in people.caseload(
        demo_store, by=accounts.authenticate(demo_store, "practitioner", "demo-practitioner-1")
    ):
        assert person.framework_version == framework.version()
        assert all(
            v.framework_version == framework.version()
            for v in people.get_person(demo_store, by=accounts.SYSTEM, person_id=person.id).history
        )


def test_the_app_cannot_change_or_delete_audit_events(demo_store: Store):
    with pytest.raises(Exception, match="append-only"), demo_store.write() as session:
        session.execute(text("UPDATE audit_events SET actor = 'someone' WHERE seq = 1"))
    with pytest.raises(Exception, match="append-only"), demo_store.write() as session:
        session.execute(text("DELETE FROM audit_events WHERE seq = 1"))
    assert audit.verify(demo_store).ok


def _drop_append_only_guard(store: Store) -> None:
    """What an attacker with database access would do first."""
    with store.engine.begin() as connection:
        if store.dialect == "sqlite":
            connection.exec_driver_sql("DROP TRIGGER audit_events_no_update")
            connection.exec_driver_sql("DROP TRIGGER audit_events_no_delete")
        else:
            connection.exec_driver_sql("DROP TRIGGER audit_events_append_only ON audit_events")


def test_a_changed_audit_row_is_detected_at_its_position(demo_store: Store):
    assert audit.verify(demo_store).ok
    _drop_append_only_guard(demo_store)
    with demo_store.engine.begin() as connection:
        connection.execute(text("UPDATE audit_events SET object_id = '999' WHERE seq = 7"))
    report = audit.verify(demo_store)
    assert report.first_bad_seq == 7
    assert "changed" in (report.problem or "")


def test_a_deleted_audit_row_is_detected_at_its_position(demo_store: Store):
    _drop_append_only_guard(demo_store)
    with demo_store.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_events WHERE seq = 12"))
    report = audit.verify(demo_store)
    assert report.first_bad_seq == 12
    assert "missing" in (report.problem or "")


def test_reordered_audit_rows_are_detected_at_the_first_moved_position(demo_store: Store):
    _drop_append_only_guard(demo_store)
    with demo_store.engine.begin() as connection:
        connection.execute(text("UPDATE audit_events SET seq = -1 WHERE seq = 5"))
        connection.execute(text("UPDATE audit_events SET seq = 5 WHERE seq = 9"))
        connection.execute(text("UPDATE audit_events SET seq = 9 WHERE seq = -1"))
    report = audit.verify(demo_store)
    assert report.first_bad_seq == 5


def test_unreachable_database_gives_a_clear_message():
    from risk_app.domain.errors import StoreUnavailable

    store = Store("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    with pytest.raises(StoreUnavailable, match="cannot be reached"):
        store.check()
