"""Migration 0012 on SQLite and PostgreSQL: answers given before it are kept, each with the stage
visit the person was at, and from then on every answer is kept (the newest counts)."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from risk_app.adapters import migrate
from risk_app.adapters.db import Store
from risk_app.adapters.tables import UTCDateTime

BEFORE = "0010"
T = [datetime(2026, 3, d, 10, 0, tzinfo=UTC) for d in range(1, 6)]

_people = sa.table(
    "people",
    sa.column("id"),
    sa.column("display_name"),
    sa.column("preferred_name"),
    sa.column("jurisdiction"),
    sa.column("current_stage"),
    sa.column("framework_version"),
    sa.column("created_at", UTCDateTime),
    sa.column("updated_at", UTCDateTime),
    sa.column("version_id"),
    sa.column("communication"),
    sa.column("about_me", sa.JSON),
    sa.column("representative_name"),
    sa.column("representative_authority"),
    sa.column("budget_option"),
)
_visits = sa.table(
    "stage_history",
    sa.column("id"),
    sa.column("person_id"),
    sa.column("stage"),
    sa.column("entered_at", UTCDateTime),
    sa.column("recorded_by"),
    sa.column("framework_version"),
)
_answer_rows = sa.table(
    "prompt_answers",
    sa.column("person_id"),
    sa.column("prompt_id"),
    sa.column("answer"),
    sa.column("answered_at", UTCDateTime),
    sa.column("answered_by"),
    sa.column("framework_version"),
)


def _record_before_0012(store: Store) -> None:
    migrate.upgrade(store, BEFORE)
    with store.engine.begin() as connection:
        connection.execute(
            _people.insert(),
            [
                {
                    "id": 1,
                    "display_name": "Amina Okafor",
                    "preferred_name": "",
                    "jurisdiction": "england",
                    "current_stage": "ST3",
                    "framework_version": "2026.1",
                    "created_at": T[0],
                    "updated_at": T[0],
                    "version_id": 3,
                    "communication": "",
                    "about_me": {},
                    "representative_name": "",
                    "representative_authority": "none",
                    "budget_option": "",
                }
            ],
        )
        connection.execute(
            _visits.insert(),
            [
                {
                    "id": 10,
                    "person_id": 1,
                    "stage": "ST1",
                    "entered_at": T[0],
                    "recorded_by": "practitioner",
                    "framework_version": "2026.1",
                },
                {
                    "id": 11,
                    "person_id": 1,
                    "stage": "ST3",
                    "entered_at": T[2],
                    "recorded_by": "practitioner",
                    "framework_version": "2026.1",
                },
            ],
        )
        connection.execute(
            _answer_rows.insert(),
            [
                {
                    "person_id": 1,
                    "prompt_id": "RA07",
                    "answer": "no",
                    "answered_at": T[1],
                    "answered_by": "practitioner",
                    "framework_version": "2026.1",
                },
                {
                    "person_id": 1,
                    "prompt_id": "RM01",
                    "answer": "me",
                    "answered_at": T[3],
                    "answered_by": "practitioner",
                    "framework_version": "2026.1",
                },
            ],
        )


def test_answers_given_before_0012_are_kept_with_the_visit_they_were_given_at(
    empty_store: Store,
):
    _record_before_0012(empty_store)
    migrate.upgrade(empty_store)
    with empty_store.engine.connect() as connection:
        rows = connection.execute(
            sa.text("SELECT prompt_id, answer, stage_visit_id FROM prompt_answers ORDER BY id")
        ).all()
        reasons = connection.execute(sa.text("SELECT reason FROM stage_history")).scalars().all()
    assert [tuple(r) for r in rows] == [("RA07", "no", 10), ("RM01", "me", 11)]
    assert reasons == ["", ""]


def test_after_0012_a_second_answer_is_kept_and_going_back_keeps_the_newest(
    empty_store: Store,
):
    _record_before_0012(empty_store)
    migrate.upgrade(empty_store)
    with empty_store.engine.begin() as connection:
        connection.execute(
            _answer_rows.insert(),
            [
                {
                    "person_id": 1,
                    "prompt_id": "RA07",
                    "answer": "yes",
                    "answered_at": T[4],
                    "answered_by": "practitioner",
                    "framework_version": "2026.1",
                }
            ],
        )
    with empty_store.engine.connect() as connection:
        ra07 = connection.execute(
            sa.text("SELECT answer FROM prompt_answers WHERE prompt_id = 'RA07' ORDER BY id")
        ).scalars()
        assert list(ra07) == ["no", "yes"]
    # Going back to one answer per prompt keeps the newest; going up again works on both databases.
    migrate.downgrade(empty_store, BEFORE)
    with empty_store.engine.connect() as connection:
        kept = connection.execute(
            sa.text("SELECT prompt_id, answer FROM prompt_answers ORDER BY prompt_id")
        ).all()
    assert [tuple(r) for r in kept] == [("RA07", "yes"), ("RM01", "me")]
    migrate.upgrade(empty_store)
