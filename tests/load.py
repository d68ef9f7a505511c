"""Concurrent saves of one record through the service layer (used by a test and by bench/)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from risk_app.adapters.db import Store
from risk_app.domain.errors import StaleEdit
from risk_app.services import accounts
from risk_app.services.record import people


@dataclass(frozen=True)
class ConcurrentSaves:
    saves: int
    start_version: int
    final_version: int
    stale_retries: int
    errors: list[BaseException]
    seconds: float

    @property
    def lost(self) -> int:
        return self.start_version + self.saves - self.final_version


def concurrent_saves(
    store: Store, person_id: int, *, threads: int = 8, saves: int = 50
) -> ConcurrentSaves:
    """Each thread re-reads and saves `saves` times; a stale save is re-read and tried again."""
    start_version = people.get_person(store, by=accounts.SYSTEM, person_id=person_id).version
    retries = [0] * threads
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(saves):
                while True:
                    current = people.get_person(store, by=accounts.SYSTEM, person_id=person_id)
                    try:
                        people.save_changes(
                            store,
                            by=accounts.SYSTEM,
                            person_id=person_id,
                            expected_version=current.version,
                            changes=people.PersonChanges(preferred_name=f"thread {n} save {i}"),
                        )
                        break
                    except StaleEdit:
                        retries[n] += 1  # someone saved first: re-read and try again
        except BaseException as exc:  # noqa: BLE001 - collected for the caller to report
            errors.append(exc)

    started = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    final = people.get_person(store, by=accounts.SYSTEM, person_id=person_id).version
    return ConcurrentSaves(
        threads * saves, start_version, final, sum(retries), errors, time.perf_counter() - started
    )
