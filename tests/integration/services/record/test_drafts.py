"""Autosaved drafts: kept per user and person, and only readable while access lasts."""

from __future__ import annotations

import pytest

from risk_app.adapters.db import Store
from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.domain.roles import Role
from risk_app.services.record import drafts
from tests import factories


def test_a_draft_is_kept_per_user_and_cleared_on_discard(store: Store):
    north = factories.actor(store)
    manager = factories.actor(store, Role.TEAM_MANAGER)
    person = factories.person(store)
    drafts.save(
        store, by=north, form="add_risk", person_id=person.id, payload={"activity": "Swimming"}
    )
    drafts.save(
        store,
        by=north,
        form="add_risk",
        person_id=person.id,
        payload={"activity": "Swimming alone"},
    )
    assert drafts.load(store, by=north, form="add_risk", person_id=person.id).payload == {
        "activity": "Swimming alone"
    }
    assert drafts.load(store, by=manager, form="add_risk", person_id=person.id) is None
    drafts.discard(store, by=north, form="add_risk", person_id=person.id)
    assert drafts.load(store, by=north, form="add_risk", person_id=person.id) is None


def test_a_draft_is_not_readable_once_access_to_the_person_is_gone(store: Store):
    south = factories.actor(store, team=factories.SOUTH)
    person = factories.person(store)
    with pytest.raises(NotPermitted):
        drafts.save(store, by=south, form="add_risk", person_id=person.id, payload={"x": "y"})
    with pytest.raises(NotPermitted):
        drafts.load(store, by=south, form="add_risk", person_id=person.id)


def test_an_enormous_draft_is_refused_clearly(store: Store):
    north = factories.actor(store)
    person = factories.person(store)
    with pytest.raises(InvalidInput, match="too long"):
        drafts.save(
            store, by=north, form="add_risk", person_id=person.id, payload={"a": "x" * 70_000}
        )
