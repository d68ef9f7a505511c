"""Concurrent saves through the service layer: nothing is lost and the audit chain stays whole."""

from __future__ import annotations

from sqlalchemy import func, select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow
from risk_app.services import accounts, audit
from risk_app.services.record import people
from tests.load import concurrent_saves


def test_eight_threads_making_fifty_updates_each_lose_nothing(store: Store):
    person = people.create_person(
        store,
        by=accounts.SYSTEM,
        display_name="Shared Record",
        team="Team A",
        jurisdiction="england",
    )
    result = concurrent_saves(store, person.id, threads=8, saves=50)
    assert result.errors == []
    assert result.lost == 0
    assert result.final_version == person.version + 400
    with store.read() as session:
        changes = session.scalar(
            select(func.count())
            .select_from(AuditEventRow)
            .where(
                AuditEventRow.object_type == "person",
                AuditEventRow.object_id == str(person.id),
                AuditEventRow.action == "change",
            )
        )
    assert changes == 400
    report = audit.verify(store)
    assert report.ok, report.summary()
