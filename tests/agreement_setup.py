"""A person with a record worth agreeing, for the agreement tests (integration and command line).

Amina (North team, with her practitioner, manager and own account, built by tests/factories.py
under the demo organisation's usernames) gets About Me entries, one risk with three owned
mitigations (herself, her brother Jo, a provider), a supported decision with dissent, and is moved
to ST4 with an agreed plan whose contingency is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import UserRow
from risk_app.domain.access import Actor
from risk_app.domain.agreements.signers import SignerDetails, SigningBasis, SigningMethod
from risk_app.domain.record.plan import PlanOutcome
from risk_app.domain.roles import Role
from risk_app.domain.sealing import SealKey
from risk_app.services import accounts
from risk_app.services.agreements import issuing, signing
from risk_app.services.record import decisions, people, plan_validation, risks
from tests import factories

DUE = datetime.now(UTC).date() + timedelta(days=30)
FOOTBALL = "Going to the football alone"
CONTINGENCY = "If Jo cannot collect her, Amina takes a taxi paid from her budget."


@dataclass(frozen=True)
class Scenario:
    person_id: int
    risk_id: int
    practitioner: Actor
    manager: Actor
    individual: Actor


def actor(store: Store, username: str) -> Actor:
    """An existing account's actor, looked up (the command-line tests' demo accounts)."""
    with store.read() as session:
        user_id = session.scalar(select(UserRow.id).where(UserRow.username == username))
    found = accounts.refresh(store, user_id) if user_id is not None else None
    assert found is not None, username
    return found


def build(store: Store, *, plan: bool = True) -> Scenario:
    """Amina's record, as described in the module docstring, in an otherwise empty store."""
    practitioner = factories.actor(store, username="practitioner", display_name="Sam Carter")
    manager = factories.actor(
        store, Role.TEAM_MANAGER, username="manager", display_name="Priya Natarajan"
    )
    amina = factories.person(store, "Amina Okafor", preferred="Amina", stage="ST3")
    individual = factories.actor(
        store, Role.INDIVIDUAL, person=amina, username="amina", display_name="Amina Okafor"
    )
    amina = people.save_changes(
        store,
        by=practitioner,
        person_id=amina.id,
        expected_version=amina.version,
        changes=people.PersonChanges(
            about_me={"What matters to me": "Seeing my friends at the match. <b>Always</b>."},
        ),
    )
    if plan:
        amina = factories.move(store, amina, "ST4")
    assessment = risks.start_assessment(store, by=practitioner, person_id=amina.id)
    risk_id = risks.add_risk(
        store,
        by=practitioner,
        assessment_id=assessment,
        data=risks.RiskInput(
            activity=FOOTBALL,
            benefits="I see my friends.",
            harm_to_self="I could miss the last bus.",
            likelihood=3,
            impact=3,
            residual_likelihood=2,
            residual_impact=2,
        ),
    )
    for what, owner, kind in (
        ("Text Jo when I leave", "Amina Okafor", "person"),
        ("Collect Amina if she misses the bus", "Jo Okafor", "family_or_friend"),
        ("Travel training", "Brightside Support", "provider"),
    ):
        risks.add_action(
            store,
            by=practitioner,
            person_id=amina.id,
            description=what,
            owner_name=owner,
            owner_kind=kind,
            due=DUE,
            risk_id=risk_id,
        )
    decisions.record_decision(
        store,
        by=practitioner,
        person_id=amina.id,
        risk_id=risk_id,
        data=decisions.DecisionInput(
            decision="Go to the match without staff",
            options=[
                decisions.DecisionOption("Go alone"),
                decisions.DecisionOption("Go with staff"),
            ],
            support_given=["Talked it through with Jo"],
            decided="I will go to the match without staff.",
            outcome=PlanOutcome.AGREED,
            dissent=[{"party": "Amina's mother", "words": "I worry about the late bus."}],
        ),
    )
    if plan:
        plan_validation.validate_plan(
            store,
            by=practitioner,
            person_id=amina.id,
            checks={
                "effective": (True, "Meets her outcomes"),
                "legal": (True, "Nothing unlawful"),
                "affordable": (True, "Within budget"),
                "safe": (True, "Owned mitigations"),
                "contingency": (True, CONTINGENCY),
            },
            requested=PlanOutcome.AGREED,
        )
    return Scenario(amina.id, risk_id, practitioner, manager, individual)


def issue(store: Store, scenario: Scenario, key: SealKey) -> issuing.IssueResult:
    draft = issuing.draft(store, by=scenario.practitioner, person_id=scenario.person_id)
    return issuing.issue(
        store,
        by=scenario.practitioner,
        person_id=scenario.person_id,
        expected_digest=draft.digest,
        key=key,
    )


def sign_everyone(
    store: Store, scenario: Scenario, issued: issuing.IssueResult, key: SealKey
) -> None:
    """Every required signature, each the way that signer would give it."""
    common = {"person_id": scenario.person_id, "version": issued.version, "digest": issued.digest}
    own = SigningMethod.OWN_ACCOUNT
    staff = SignerDetails(requirement="practitioner", basis=SigningBasis.STAFF_ROLE)
    signing.sign(store, by=scenario.practitioner, signer=staff, method=own, key=key, **common)
    boss = SignerDetails(requirement="manager", basis=SigningBasis.STAFF_ROLE)
    signing.sign(store, by=scenario.manager, signer=boss, method=own, key=key, **common)
    me = SignerDetails(requirement="person", basis=SigningBasis.SELF)
    signing.sign(
        store,
        by=scenario.individual,
        signer=me,
        method=own,
        comment="I agree except the bit about texting every time.",
        key=key,
        **common,
    )
    for requirement in ("owner:family_or_friend:jo okafor", "owner:provider:brightside support"):
        signing.sign(
            store,
            by=scenario.practitioner,
            signer=SignerDetails(requirement=requirement, basis=SigningBasis.ACTION_OWNER),
            method=SigningMethod.IN_PERSON,
            key=key,
            **common,
        )
