"""A fictional demo organisation: two teams, people at different SDS stages, one account per role.

Everyone here is invented. Demo passwords are shown on the sign-in page only in demo mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import UserRow
from risk_app.domain.access import Actor
from risk_app.domain.agreements.signers import SignerDetails, SigningBasis, SigningMethod
from risk_app.domain.inputs import RecordId
from risk_app.domain.record.local_policy import PolicyId
from risk_app.domain.roles import Role
from risk_app.domain.sealing import SealKey
from risk_app.services import accounts
from risk_app.services import framework as framework_service
from risk_app.services.agreements import issuing, signing
from risk_app.services.boundary import checked
from risk_app.services.demo_records import load_records
from risk_app.services.record import circle, local_policy, people, risks, stages

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
    """The nation the person lives in: whose law applies (Eilidh in Scotland, Beth in Wales)."""


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
    DemoPerson("bethan", "Bethan Griffiths", "Beth", SOUTH, "ST6", "wales"),
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


@checked
def is_loaded(store: Store) -> bool:
    with store.read() as session:
        return bool(session.scalar(select(func.count()).select_from(UserRow)))


@checked
def load(store: Store, *, seal_key: SealKey | None = None) -> bool:
    """Load the demo organisation into an empty database. Returns False if it already has accounts.

    Their journeys hold records of every kind (`demo_records`). With the organisation's
    `seal_key`, Amina also gets a risk agreement, issued for signing.
    """
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
    load_records(store, ids, lambda username: _actor(store, username))
    # The demo council has confirmed its rule on high residual risks, so the screens name who set
    # it; a fresh organisation shows the same rule as "local policy (default)".
    local_policy.set_policy(
        store,
        by=_actor(store, "lead"),
        policy=PolicyId.HIGH_RESIDUAL_RISK_NEEDS_ROUTE.value,
        on=True,
        expected_version=0,
    )
    if seal_key is not None:
        add_agreement(store, ids["amina"], seal_key)
    return True


def _actor(store: Store, username: str) -> Actor:
    with store.read() as session:
        user_id = session.scalar(select(UserRow.id).where(UserRow.username == username))
    actor = accounts.refresh(store, user_id) if user_id is not None else None
    assert actor is not None, username
    return actor


@checked
def add_agreement(store: Store, person_id: RecordId, seal_key: SealKey) -> None:
    """Amina's risk agreement: one risk with owned mitigations, issued and signed by the
    practitioner; Amina (on her own page), the manager and two owners have still to sign."""
    practitioner = _actor(store, "practitioner")
    amina = people.get_person(store, by=practitioner, person_id=person_id)
    people.save_changes(
        store,
        by=practitioner,
        person_id=person_id,
        expected_version=amina.version,
        changes=people.PersonChanges(
            about_me={
                "What matters to me": "Seeing my friends at the football on Saturdays.",
                "How and when to support me": "Give me time to answer. Write things down for me.",
            }
        ),
    )
    assessment = risks.start_assessment(store, by=practitioner, person_id=person_id)
    risk_id = risks.add_risk(
        store,
        by=practitioner,
        assessment_id=assessment,
        data=risks.RiskInput(
            activity="Going to the football on my own on Saturdays",
            benefits="I see my friends and feel part of things.",
            harm_to_self="I could get lost on the way home or miss the last bus.",
            person_view="I know the way. I want to go on my own.",
            strengths="My brother Jo lives near the ground.",
            likelihood=3,
            impact=3,
            person_likelihood=2,
            person_impact=3,
            residual_likelihood=2,
            residual_impact=3,
        ),
    )
    soon = datetime.now(UTC).date() + timedelta(days=28)
    members = {
        m.name: m.id for m in circle.members_for(store, by=practitioner, person_id=person_id)
    }
    for what, owner in (
        ("Text Jo when I leave the ground.", {"owner_kind": "person"}),
        ("Pick Amina up if she misses the last bus.", {"owner_member_id": members["Jo Okafor"]}),
        (
            "Travel training for the bus route home.",
            {"owner_member_id": members["Brightside Support"]},
        ),
    ):
        risks.add_action(
            store,
            by=practitioner,
            person_id=person_id,
            description=what,
            due=soon,
            risk_id=risk_id,
            **owner,
        )
    draft = issuing.draft(store, by=practitioner, person_id=person_id)
    issued = issuing.issue(
        store, by=practitioner, person_id=person_id, expected_digest=draft.digest, key=seal_key
    )
    signing.sign(
        store,
        by=practitioner,
        person_id=person_id,
        version=issued.version,
        digest=issued.digest,
        signer=SignerDetails(requirement="practitioner", basis=SigningBasis.STAFF_ROLE),
        method=SigningMethod.OWN_ACCOUNT,
        key=seal_key,
    )


def _advance(store: Store, view: people.PersonView, stage: str) -> people.PersonView:
    return stages.move_stage(
        store,
        by=accounts.SYSTEM,
        person_id=view.id,
        to_stage=stage,
        reason="Demo record: moved on to show a journey in progress.",
        expected_version=view.version,
    )
