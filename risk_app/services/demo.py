"""A fictional demo organisation: two teams, people at different SDS stages, one account per role.

Everyone here is invented. Demo passwords are shown on the sign-in page only in demo mode.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import UserRow
from risk_app.domain.roles import Role
from risk_app.services import accounts, people
from risk_app.services import framework as framework_service

NORTH = "North Locality Team"
SOUTH = "South Locality Team"


@dataclass(frozen=True)
class DemoPerson:
    key: str
    name: str
    preferred: str
    team: str
    stage: str
    jurisdiction: str = "england"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    role: Role
    password: str
    team: str | None = None
    person_key: str | None = None


DEMO_PEOPLE = (
    DemoPerson("amina", "Amina Okafor", "Amina", NORTH, "ST3"),
    DemoPerson("david", "David Price", "Dave", NORTH, "ST6"),
    DemoPerson("margaret", "Margaret Hughes", "Peggy", NORTH, "ST8"),
    DemoPerson("tomasz", "Tomasz Nowak", "", NORTH, "ST1"),
    DemoPerson("ravi", "Ravi Shah", "", SOUTH, "ST4"),
    DemoPerson("eilidh", "Eilidh MacLeod", "", SOUTH, "ST5", "scotland"),
    DemoPerson("grace", "Grace Bennett", "Gracie", SOUTH, "ST7"),
    DemoPerson("samuel", "Samuel Osei", "Sam", SOUTH, "ST2"),
)

DEMO_ACCOUNTS = (
    DemoAccount("practitioner", "Sam Carter", Role.PRACTITIONER, "demo-practitioner-1", NORTH),
    DemoAccount("practitioner.south", "Jo Evans", Role.PRACTITIONER, "demo-practitioner-2", SOUTH),
    DemoAccount("manager", "Priya Natarajan", Role.TEAM_MANAGER, "demo-team-manager", NORTH),
    DemoAccount("lead", "Chris Morgan", Role.SAFEGUARDING_LEAD, "demo-safeguarding-lead"),
    DemoAccount("amina", "Amina Okafor", Role.INDIVIDUAL, "demo-individual-1", person_key="amina"),
    DemoAccount("admin", "Alex Reid", Role.ADMINISTRATOR, "demo-administrator"),
)


def is_loaded(store: Store) -> bool:
    with store.read() as session:
        return bool(session.scalar(select(func.count()).select_from(UserRow)))


def load(store: Store) -> bool:
    """Load the demo organisation into an empty database. Returns False if it already has accounts."""
    if is_loaded(store):
        return False
    order = [stage.id for stage in framework_service.current().stages()]
    ids: dict[str, int] = {}
    for person in DEMO_PEOPLE:
        view = people.create_person(
            store,
            by=accounts.SYSTEM,
            display_name=person.name,
            preferred_name=person.preferred,
            team=person.team,
            stage=order[0],
            jurisdiction=person.jurisdiction,
        )
        for stage in order[1 : order.index(person.stage) + 1]:
            view = _advance(store, view, stage)
        ids[person.key] = view.id
    for account in DEMO_ACCOUNTS:
        accounts.create_user(
            store,
            by=accounts.SYSTEM,
            username=account.username,
            display_name=account.display_name,
            role=account.role,
            password=account.password,
            team=account.team,
            person_id=ids[account.person_key] if account.person_key else None,
        )
    return True


def _advance(store: Store, view: people.PersonView, stage: str) -> people.PersonView:
    return people.save_changes(
        store, by=accounts.SYSTEM, person_id=view.id, expected_version=view.version, stage=stage
    )
