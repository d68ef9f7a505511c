"""Actions put into the demo organisation before a home is opened, as staff would record them."""

from __future__ import annotations

from datetime import timedelta

from risk_app.config import Settings
from risk_app.domain.access import Actor
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import people, risks
from tests.factories import TODAY
from tests.ui.conftest import PASSWORDS


def add_actions(username: str, person_name: str, *actions: tuple[str, str, str, int]) -> None:
    """As `username`, give `person_name` actions (description, owner, owner kind, days from
    today: negative for late)."""
    store = open_store(Settings.from_env())
    try:
        actor: Actor = accounts.authenticate(store, username, PASSWORDS[username])
        person = next(p for p in people.caseload(store, by=actor) if p.display_name == person_name)
        for description, owner, kind, days in actions:
            risks.add_action(
                store,
                by=actor,
                person_id=person.id,
                description=description,
                owner_name=owner,
                owner_kind=kind,
                due=TODAY + timedelta(days=days),
            )
    finally:
        store.dispose()
