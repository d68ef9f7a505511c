"""Migration 0022 adds the person's circle, and the member an action's owner or a meeting's
attendee is, on SQLite and PostgreSQL: actions recorded before it keep their typed owner with no
member, and the migration goes down and up again cleanly with the circle kept as it is made."""

from __future__ import annotations

import sqlalchemy as sa

from risk_app.adapters import migrate
from risk_app.adapters.db import Store
from risk_app.services import accounts
from risk_app.services.record import circle
from tests import factories


def _columns(store: Store, table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(store.engine).get_columns(table)}


def test_actions_made_before_the_circle_keep_their_owner_with_no_member(store: Store):
    amina = factories.person(store)
    before = factories.action(
        store, amina, owner_name="Grace Okafor (sister)", owner_kind="family_or_friend"
    )
    migrate.downgrade(store, "0021")
    assert "circle_members" not in sa.inspect(store.engine).get_table_names()
    assert "circle_member_id" not in _columns(store, "actions")
    assert "circle_member_id" not in _columns(store, "meeting_attendees")
    migrate.upgrade(store)
    assert "circle_member_id" in _columns(store, "meeting_attendees")
    actions = sa.table(
        "actions", sa.column("id"), sa.column("owner_name"), sa.column("circle_member_id")
    )
    with store.read() as session:
        row = session.execute(
            sa.select(actions.c.owner_name, actions.c.circle_member_id).where(
                actions.c.id == before
            )
        ).one()
    assert tuple(row) == ("Grace Okafor (sister)", None)
    grace = factories.member(store, amina)
    listed = circle.members_for(store, by=accounts.SYSTEM, person_id=amina.id)
    assert [m.id for m in listed] == [grace.id]
