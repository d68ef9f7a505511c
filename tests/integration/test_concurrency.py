"""Concurrent saves through the service layer: nothing is lost and the audit chain stays whole."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow
from risk_app.domain.errors import StaleEdit
from risk_app.services import accounts, audit, people

THREADS = 8
UPDATES = 50


def test_eight_threads_making_fifty_updates_each_lose_nothing(store: Store):
    person = people.create_person(
        store, by=accounts.SYSTEM, display_name="Shared Record", team="Team A"
    )
    start_version = person.version
    errors: list[BaseException] = []
    stale_retries = [0] * THREADS

    def worker(n: int) -> None:
        try:
            for i in range(UPDATES):
                while True:
                    current = people.get_person(store, by=accounts.SYSTEM, person_id=person.id)
                    try:
                        people.update_details(
                            store,
                            by=accounts.SYSTEM,
                            person_id=person.id,
                            expected_version=current.version,
                            preferred_name=f"thread {n} update {i}",
                        )
                        break
                    except StaleEdit:
                        stale_retries[n] += 1  # someone saved first: re-read and try again
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    final = people.get_person(store, by=accounts.SYSTEM, person_id=person.id)
    assert final.version == start_version + THREADS * UPDATES
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
    assert changes == THREADS * UPDATES
    report = audit.verify(store)
    assert report.ok, report.summary()
