"""Migration 0017 adds the capacity record's missing fields, who decides and what was decided; a
decision recorded before it reads "Not recorded" for each of them, never an invented answer, on
SQLite and PostgreSQL (issue 13; law review rows 7, 18 and 25)."""

from __future__ import annotations

import sqlalchemy as sa

from risk_app.adapters import migrate
from risk_app.adapters.db import Store
from risk_app.domain.record.capacity import NOT_RECORDED, BestInterestsItem
from risk_app.domain.record.who_decides import DecisionMaker
from risk_app.services.record import decisions
from risk_app.ui.record import decision_records
from tests import factories

OLD = sa.Table(
    "decisions",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("best_interests", sa.JSON),
)
"""The columns of `decisions` this test changes while the database is at 0016."""

NEW_COLUMNS = (
    "relevant_information",
    "balance_of_probabilities",
    "assessor_name",
    "assessor_role",
    "authority_covers",
    "authority_kind",
    "authority_holder",
    "authority_scope",
    "decided",
)


def _old_best_interests_decision(store: Store):
    """A decision made in someone's best interests, as 0016 stored it: no s3(4) information, no
    balance of probabilities, no assessor, no answer about an attorney, no s4(6)(c) item."""
    person = factories.person(store, "Margaret Hughes", stage="ST5")
    checklist = {i.value: f"Considered {i.value}" for i in BestInterestsItem}
    made = factories.decision(
        store,
        person,
        options=[{"option": "Stay at home", "less_restrictive": True, "notes": ""}],
        capacity=decisions.CapacityInput(
            reason_to_doubt="Forgot last week's conversation",
            functional={"use_or_weigh": "unable"},
            evidence={"use_or_weigh": "Could not weigh the risks"},
            impairment="Dementia",
            inability_because_of_impairment=True,
            relevant_information="What the money is for",
            balance_of_probabilities=True,
            assessor_name="Sam Carter",
            assessor_role="Social worker",
        ),
        authority=decisions.AuthorityInput(covers=False),
        best_interests=decisions.BestInterestsInput(
            decider_name="Sam Carter", decider_role="Social worker", answers=checklist
        ),
        decided="A prepaid card",
    )
    migrate.downgrade(store, "0016")
    with store.write() as session:
        older = {k: v for k, v in checklist.items() if k != BestInterestsItem.OTHER_FACTORS}
        session.execute(sa.update(OLD).where(OLD.c.id == made.id).values(best_interests=older))
    migrate.upgrade(store)
    return person, made


def test_an_old_capacity_record_reads_not_recorded_for_every_new_field(store: Store):
    person, made = _old_best_interests_decision(store)
    [old] = decisions.decisions_for(store, by=factories.accounts.SYSTEM, person_id=person.id)
    assert old.id == made.id
    assert (old.relevant_information, old.balance_of_probabilities) == (None, None)
    assert (old.assessor_name, old.assessor_role, old.decided) == (None, None, None)
    assert old.authority_covers is None and old.decided_by is DecisionMaker.NOT_ANSWERED
    shown = dict(decision_records.decision_fields(old))
    assert shown["Information relevant to the decision (s3(4))"] == NOT_RECORDED
    assert shown["On the balance of probabilities (s2(4))"] == NOT_RECORDED
    assert shown["Who assessed"] == NOT_RECORDED
    assert (
        shown["Does an attorney, a deputy or an advance decision cover this decision?"]
        == NOT_RECORDED
    )
    assert shown[BestInterestsItem.OTHER_FACTORS.question] == NOT_RECORDED
    assert shown["What was decided"] == NOT_RECORDED
    assert shown["Who decides in their best interests"] == "Sam Carter, Social worker"


def test_going_back_down_removes_the_new_columns_and_keeps_the_decision(store: Store):
    person, made = _old_best_interests_decision(store)
    migrate.downgrade(store, "0016")
    with store.read() as session:
        columns = {c["name"] for c in sa.inspect(session.connection()).get_columns("decisions")}
        kept = session.execute(sa.select(OLD.c.id)).scalars().all()
    assert not columns & set(NEW_COLUMNS)
    assert kept == [made.id]
    migrate.upgrade(store)
    assert decisions.decisions_for(store, by=factories.accounts.SYSTEM, person_id=person.id)
