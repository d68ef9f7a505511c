"""Autosaved drafts: kept per user and person, and only readable while access lasts."""

from __future__ import annotations

import pytest

from risk_app.adapters.db import Store
from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.services import accounts
from risk_app.services.record import drafts, people


def test_a_draft_is_kept_per_user_and_cleared_on_discard(demo_store: Store):
    north = accounts.authenticate(demo_store, "practitioner", "demo-practitioner-1")
    manager = accounts.authenticate(demo_store, "manager", "demo-team-manager")
    person = people.caseload(demo_store, by=north)[0]
    drafts.save(
        demo_store, by=north, form="add_risk", person_id=person.id, payload={"activity": "Swimming"}
    )
    drafts.save(
        demo_store,
        by=north,
        form="add_risk",
        person_id=person.id,
        payload={"activity": "Swimming alone"},
    )
    assert drafts.load(demo_store, by=north, form="add_risk", person_id=person.id).payload == {
        "activity": "Swimming alone"
    }
    assert drafts.load(demo_store, by=manager, form="add_risk", person_id=person.id) is None
    drafts.discard(demo_store, by=north, form="add_risk", person_id=person.id)
    assert drafts.load(demo_store, by=north, form="add_risk", person_id=person.id) is None


def test_a_draft_is_not_readable_once_access_to_the_person_is_gone(demo_store: Store):
    north = accounts.authenticate(demo_store, "practitioner", "demo-practitioner-1")
    south = accounts.authenticate(demo_store, "practitioner.south", "demo-practitioner-2")
    person = people.caseload(demo_store, by=north)[0]
    with pytest.raises(NotPermitted):
        drafts.save(demo_store, by=south, form="add_risk", person_id=person.id, payload={"x": "y"})
    with pytest.raises(NotPermitted):
        drafts.load(demo_store, by=south, form="add_risk", person_id=person.id)


def test_an_enormous_draft_is_refused_clearly(demo_store: Store):
    north = accounts.authenticate(demo_store, "practitioner", "demo-practitioner-1")
    person = people.caseload(demo_store, by=north)[0]
    with pytest.raises(InvalidInput, match="too long"):
        drafts.save(
            demo_store, by=north, form="add_risk", person_id=person.id, payload={"a": "x" * 70_000}
        )
