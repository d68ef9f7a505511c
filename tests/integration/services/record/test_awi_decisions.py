"""A Scottish person's incapacity recorded under the Adults with Incapacity (Scotland) Act 2000,
through the decision services, on SQLite and PostgreSQL: s1(6) (five abilities, then the causal
question), s16/s64/s53 (who decides) and s1(2)-(5) (the principles) in place of best interests,
read back, in the person's words, in the agreement and in the whole-record export."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from risk_app.adapters.db import Store
from risk_app.adapters.tables import PersonRow
from risk_app.domain.agreements.agreement_words import screens
from risk_app.domain.disclosure import RecordPart
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.awi_capacity import AwiAbility, AwiCause, AwiPrinciple, CapacityLaw
from risk_app.domain.record.capacity import CapacityOutcome, Finding
from risk_app.domain.record.evidence import RecordKind
from risk_app.domain.record.who_decides import Authority, DecisionMaker
from risk_app.services.agreements import issuing
from risk_app.services.record import decisions, sharing, stage_record, whole_record
from risk_app.services.record.decisions import (
    AuthorityInput,
    CapacityInput,
    DecisionInput,
    DecisionOption,
    PrinciplesInput,
)
from risk_app.ui.record import decision_records
from tests import factories

PRINCIPLES = {p.value: f"Applied: {p.value.replace('_', ' ')}" for p in AwiPrinciple}
ASSESSMENT = CapacityInput(
    reason_to_doubt="Lost her way home twice this month.",
    functional={
        "acting": "able",
        "making": "unable",
        "communicating": "able",
        "understanding": "able",
        "retaining": "unable",
    },
    evidence={
        "making": "Could not choose between the two routes after an hour.",
        "retaining": "Did not remember the talk the next morning.",
    },
    cause="mental_disorder",
    impairment="Vascular dementia",
    relevant_information="The road by the harbour at night, and the tide.",
    balance_of_probabilities=True,
    assessor_name="Ann Ross",
    assessor_role="Mental health officer",
)


@pytest.fixture
def south(store: Store):
    return factories.actor(store, team=factories.SOUTH, username="practitioner.south")


@pytest.fixture
def eilidh(store: Store):
    return factories.person(
        store, "Eilidh MacLeod", team=factories.SOUTH, stage="ST5", jurisdiction="scotland"
    )


def _intervention(**changes) -> DecisionInput:
    values = {
        "decision": "Walking to the harbour alone after dark",
        "options": [
            DecisionOption("Walk with her sister", less_restrictive=False),
            DecisionOption("Walk alone with a phone", less_restrictive=True),
        ],
        "support_given": ["Talking mat", "Her sister present"],
        "outcome": "agreed",
        "capacity": ASSESSMENT,
        "authority": AuthorityInput(covers=False),
        "principles": PrinciplesInput("Ann Ross", "Mental health officer", PRINCIPLES),
        "decided": "Walks with her sister after dark for a month, then we look again.",
    }
    return DecisionInput(**{**values, **changes})


def _words(view: decisions.DecisionView) -> str:
    return " ".join(f"{k} {v}" for k, v in decision_records.decision_fields(view))


def test_awi_s1_6_an_incapacity_saves_and_reads_back_with_the_awi_words(store, south, eilidh):
    recorded = decisions.record_decision(store, by=south, person_id=eilidh.id, data=_intervention())
    [read] = decisions.decisions_for(store, by=south, person_id=eilidh.id)
    assert read == recorded
    assert read.capacity_law is CapacityLaw.AWI
    assert read.capacity_outcome is CapacityOutcome.LACKS_CAPACITY
    assert read.abilities[AwiAbility.MAKING] is Finding.UNABLE
    assert read.ability_evidence[AwiAbility.RETAINING].startswith("Did not remember")
    assert read.incapacity_cause is AwiCause.MENTAL_DISORDER
    assert read.principles[AwiPrinciple.BENEFIT] == "Applied: benefit"
    assert (read.functional, read.best_interests) == ({}, {})
    assert read.decided_by is DecisionMaker.AWI_PRINCIPLES
    shown = _words(read)
    assert "s1(6)" in shown and "Mental disorder" in shown and "Vascular dementia" in shown
    assert "best interests" not in shown.lower() and "best-interests" not in shown.lower()
    assert "Mental Capacity Act" not in shown and "s3(4)" not in shown


@pytest.mark.parametrize(
    ("capacity", "said"),
    [
        pytest.param(
            replace(
                ASSESSMENT,
                functional={a: "able" for a in ("making", "communicating", "understanding")},
                evidence={},
                cause=None,
                impairment=None,
            ),
            "act on the decision",
            id="AWISA-2000-s1(6)-ability-unanswered",
        ),
        pytest.param(
            replace(ASSESSMENT, cause=None), "causal question", id="AWISA-2000-s1(6)-cause"
        ),
        pytest.param(
            replace(ASSESSMENT, impairment=None),
            "Name the mental disorder",
            id="AWISA-2000-s1(6)-named",
        ),
        pytest.param(
            replace(ASSESSMENT, inability_because_of_impairment=True),
            "not the Mental Capacity Act",
            id="AWISA-2000-s1(6)-not-the-MCA-question",
        ),
        pytest.param(
            replace(ASSESSMENT, functional={"understand": "unable"}),
            "Unknown ability",
            id="AWISA-2000-s1(6)-not-MCA-s3-abilities",
        ),
    ],
)
def test_awi_s1_6_an_unfinished_assessment_is_refused_with_a_clear_message(
    store, south, eilidh, capacity, said
):
    with pytest.raises(InvalidInput, match=said):
        decisions.record_decision(
            store, by=south, person_id=eilidh.id, data=_intervention(capacity=capacity)
        )
    assert decisions.decisions_for(store, by=south, person_id=eilidh.id) == []


@pytest.mark.parametrize(
    "principle", [pytest.param(p, id=f"AWISA-2000-s1-{p.value}") for p in AwiPrinciple]
)
def test_awi_s1_2_to_5_each_principle_is_required_for_an_intervention(
    store, south, eilidh, principle
):
    answers = {k: v for k, v in PRINCIPLES.items() if k != principle.value}
    data = _intervention(principles=PrinciplesInput("Ann Ross", "MHO", answers))
    with pytest.raises(InvalidInput, match=principle.value.replace("_", " ")):
        decisions.record_decision(store, by=south, person_id=eilidh.id, data=data)


def test_awi_a_best_interests_record_is_refused_for_a_scottish_person(store, south, eilidh):
    data = _intervention(
        principles=None,
        best_interests=decisions.BestInterestsInput("Ann Ross", "MHO", {"participation": "Yes"}),
    )
    with pytest.raises(InvalidInput, match="Scots law has no best-interests test"):
        decisions.record_decision(store, by=south, person_id=eilidh.id, data=data)


def test_awi_s16_s64_who_decides_offers_only_the_scottish_authorities(store, south, eilidh):
    unanswered = _intervention(authority=AuthorityInput(), principles=None)
    with pytest.raises(InvalidInput, match="welfare attorney or guardian with the power"):
        decisions.record_decision(store, by=south, person_id=eilidh.id, data=unanswered)
    english = AuthorityInput(True, Authority.LPA_HEALTH_WELFARE, "Morag", "Registered LPA")
    with pytest.raises(InvalidInput, match="welfare attorney"):
        decisions.record_decision(
            store,
            by=south,
            person_id=eilidh.id,
            data=_intervention(authority=english, principles=None),
        )
    guardian = AuthorityInput(True, Authority.GUARDIAN, "Morag Ross", "Order of 2025, welfare")
    recorded = decisions.record_decision(
        store,
        by=south,
        person_id=eilidh.id,
        data=_intervention(authority=guardian, principles=None),
    )
    assert recorded.decided_by is DecisionMaker.AUTHORITY
    assert "s64" in _words(recorded) and "best interests" not in _words(recorded).lower()


def test_awi_a_scottish_persons_own_words_and_agreement_never_say_best_interests(
    store, south, eilidh
):
    recorded = decisions.record_decision(store, by=south, person_id=eilidh.id, data=_intervention())
    sharing.share(
        store, by=south, part=RecordPart.CAPACITY_ASSESSMENT, item_id=recorded.id, reason="Asked"
    )
    with store.read() as session:
        person = session.get(PersonRow, eilidh.id)
        [item] = sharing.shared_items_in(session, south, person)
    said = " ".join(f"{k} {v}" for k, v in item.lines)
    assert "Adults with Incapacity (Scotland) Act 2000" in said and "Ann Ross" in said
    assert "best interests" not in said.lower()
    factories.risk(store, eilidh, by=south)
    content = issuing.draft(store, by=south, person_id=eilidh.id).content
    [decided] = content.decisions
    assert decided.capacity_law == "awi" and not decided.person_decides
    every = " ".join(
        f"{line.text} {line.quote}"
        for screen in screens(content, version=1, jurisdiction="scotland")
        for line in screen.lines
    )
    assert "Ann Ross decided this for you" in every and "best interests" not in every.lower()


def test_awi_the_whole_record_export_names_the_principles_not_best_interests(store, south, eilidh):
    decisions.record_decision(store, by=south, person_id=eilidh.id, data=_intervention())
    record = whole_record.whole_record(store, by=south, person_id=eilidh.id)
    [section] = [s for s in record["sections"] if s["table"] == "decisions"]
    [row] = section["rows"]
    assert row["capacity_law"] == "awi" and row["incapacity_cause"] == "mental_disorder"
    assert row["awi_s1_principles"]["benefit"] == "Applied: benefit"
    assert "best_interests" not in row
    assert "best interests" not in json.dumps(section).lower()


def test_awi_an_intervention_is_never_listed_as_a_best_interests_record(store, south, eilidh):
    """AWI(S)A 2000 s1: the principles held in the record are not a best-interests decision."""
    decisions.record_decision(store, by=south, person_id=eilidh.id, data=_intervention())
    with store.read() as session:
        kinds = {made.kind for _, made, _ in stage_record.records_made(session, eilidh.id)}
    assert RecordKind.CAPACITY_ASSESSMENT in kinds
    assert RecordKind.BEST_INTERESTS not in kinds
