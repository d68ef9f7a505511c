"""The person's record and journey through the framework, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from framework import BUNDLED_FRAMEWORK
from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.domain.record.people import RepresentativeAuthority, TouchpointState
from risk_app.domain.roles import Role
from risk_app.services import framework as framework_service
from risk_app.services.record import journey, people
from tests import factories


@pytest.fixture
def north(store: Store):
    return factories.actor(store, username="practitioner")


def _david(store: Store) -> people.PersonView:
    return factories.person(store, "David Price", preferred="Dave", stage="ST6")


def test_details_about_me_and_representative_are_saved_together(store: Store, north):
    david = _david(store)
    saved = people.save_changes(
        store,
        by=north,
        person_id=david.id,
        expected_version=david.version,
        changes=people.PersonChanges(
            communication="Prefers short phone calls; uses a tablet for messages.",
            about_me={
                "What matters to me": "Fixing up my motorbike with my grandson.",
                "Please do and please don't": "Please knock.\nPlease don't call before 10.",
            },
            representative_name="Ann Price",
            representative_authority="lpa_property_finance",
            budget_option="BO-DP",
            direct_payment_start=date(2026, 6, 1),
        ),
    )
    assert saved.version == david.version + 1
    assert dict(saved.about_me)["Please do and please don't"].endswith("before 10.")
    assert saved.representative_authority is RepresentativeAuthority.LPA_PROPERTY_FINANCE
    assert (saved.budget_option, saved.direct_payment_start) == ("BO-DP", date(2026, 6, 1))
    with store.read() as session:
        last = session.scalars(
            select(AuditEventRow).order_by(AuditEventRow.seq.desc()).limit(1)
        ).one()
    assert "Ann" not in last.detail and "motorbike" not in last.detail  # field names only


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"about_me": {"Favourite colour": "blue"}}, "Unknown About Me heading"),
        ({"budget_option": "SC-OPT1"}, "not offered in England"),
        ({"representative_authority": "king"}, "authority"),
        ({"communication": "x" * 4001}, "too long"),
    ],
)
def test_bad_details_get_a_clear_message_and_change_nothing(store: Store, north, change, message):
    david = _david(store)
    with pytest.raises(InvalidInput, match=message):
        people.save_changes(
            store,
            by=north,
            person_id=david.id,
            expected_version=david.version,
            changes=people.PersonChanges(**change),
        )
    assert people.get_person(store, by=north, person_id=david.id).version == david.version


def test_an_answer_that_children_visit_makes_nothing_required_and_the_check_is_still_recorded(
    store: Store, north
):
    """SVGA 2006 Sch 4: children in the home do not make the DBS check a duty (review row 3)."""
    david = _david(store)
    people.save_changes(
        store,
        by=north,
        person_id=david.id,
        expected_version=david.version,
        changes=people.PersonChanges(budget_option="BO-DP"),
    )
    journey.answer_prompt(store, by=north, person_id=david.id, prompt_id="RA07", answer="Yes")
    view = journey.journey(store, by=north, person_id=david.id)
    assert view.person.current_stage == "ST6"
    assert not view.current.required_outstanding
    assert "TP13" in {t.node.id for t in view.current.touchpoints if t.outstanding}
    journey.record_touchpoint(
        store,
        by=north,
        person_id=david.id,
        touchpoint_id="TP13",
        state="done",
        note="Enhanced check with both barred lists, seen 3 May",
    )
    view = journey.journey(store, by=north, person_id=david.id)
    assert not view.current.required_outstanding
    st6 = next(line for line in view.stages if line.stage.id == "ST6")
    assert st6.current and "TP13" in st6.done


@pytest.mark.parametrize(
    ("prompt", "answer", "message"),
    [
        ("RA07", "perhaps", "yes or no"),
        ("RA99", "yes", "Unknown prompt"),
        ("TP01", "yes", "not a prompt"),
        ("RA07", "   ", "Give an answer"),
    ],
)
def test_a_bad_answer_is_refused_clearly(store: Store, north, prompt, answer, message):
    david = _david(store)
    with pytest.raises(InvalidInput, match=message):
        journey.answer_prompt(store, by=north, person_id=david.id, prompt_id=prompt, answer=answer)


def test_not_applicable_needs_a_reason(store: Store, north):
    david = _david(store)
    with pytest.raises(InvalidInput, match="why"):
        journey.record_touchpoint(
            store,
            by=north,
            person_id=david.id,
            touchpoint_id="TP14",
            state=TouchpointState.NOT_APPLICABLE,
        )
    journey.record_touchpoint(
        store,
        by=north,
        person_id=david.id,
        touchpoint_id="TP14",
        state=TouchpointState.NOT_APPLICABLE,
        note="No agency: personal assistants only",
    )
    view = journey.journey(store, by=north, person_id=david.id)
    assert (
        next(t for t in view.current.touchpoints if t.node.id == "TP14").state
        is TouchpointState.NOT_APPLICABLE
    )


def test_only_allocated_staff_answer_or_record_and_individuals_can_read(store: Store, north):
    david = _david(store)
    south = factories.actor(store, team=factories.SOUTH, username="practitioner.south")
    with pytest.raises(NotPermitted):
        journey.answer_prompt(store, by=south, person_id=david.id, prompt_id="RA07", answer="no")
    with pytest.raises(NotPermitted):
        journey.journey(store, by=south, person_id=david.id)
    amina = factories.actor(store, Role.INDIVIDUAL, person=factories.person(store))
    own = journey.journey(store, by=amina, person_id=amina.person_id)
    assert own.person.display_name == "Amina Okafor"
    with pytest.raises(NotPermitted):
        journey.record_touchpoint(
            store, by=amina, person_id=amina.person_id, touchpoint_id="TP07", state="done"
        )


@pytest.mark.parametrize(
    ("jurisdiction", "option", "shown", "hidden"),
    [
        pytest.param("scotland", "SC-OPT1", "TP-PVG", "TP13", id="scotland-Disclosure-Act-2020"),
        pytest.param("wales", "WA-DP", "TP13", "TP-PVG", id="wales-SVGA-2006-Sch4"),
        pytest.param("england", "BO-DP", "TP13", "TP-PVG", id="england-SVGA-2006-Sch4"),
    ],
)
def test_a_person_at_organising_support_sees_their_own_nations_touchpoints_and_prompts(
    store: Store, north, jurisdiction, option, shown, hidden
):
    person = factories.person(store, "Eilidh Ross", stage="ST6", jurisdiction=jurisdiction)
    people.save_changes(
        store,
        by=north,
        person_id=person.id,
        expected_version=person.version,
        changes=people.PersonChanges(budget_option=option),
    )
    journey.answer_prompt(store, by=north, person_id=person.id, prompt_id="RA07", answer="yes")
    view = journey.journey(store, by=north, person_id=person.id)
    found = {t.node.id for t in view.current.touchpoints}
    assert shown in found and hidden not in found
    assert not view.current.required_outstanding
    st6 = next(line for line in view.stages if line.stage.id == "ST6")
    assert hidden not in st6.outstanding + st6.done
    with pytest.raises(InvalidInput, match="not a touchpoint of stage ST6"):
        journey.record_touchpoint(
            store, by=north, person_id=person.id, touchpoint_id=hidden, state="done"
        )


def test_a_prompt_of_another_jurisdiction_is_refused_and_nothing_is_stored(store: Store, north):
    """A revised framework may make a question apply in some nations only (`jurisdictions`)."""
    body = BUNDLED_FRAMEWORK.read_text(encoding="utf-8")
    version = framework_service.current().version
    body = body.replace(f'version: "{version}"', 'version: "2099.1.0"', 1)
    old = "{id: RA07, type: assessment_prompt,"
    assert old in body
    body = body.replace(old, "{id: RA07, type: assessment_prompt, jurisdictions: [england],", 1)
    lead = Actor(user_id=10, username="lead", role=Role.SAFEGUARDING_LEAD)
    try:
        _, version_id = framework_service.upload(store, lead, body.encode("utf-8"))
        framework_service.activate(store, lead, version_id)
        eilidh = factories.person(store, "Eilidh Ross", stage="ST1", jurisdiction="scotland")
        with pytest.raises(InvalidInput, match="not asked for a person in Scotland"):
            journey.answer_prompt(
                store, by=north, person_id=eilidh.id, prompt_id="RA07", answer="yes"
            )
        view = journey.journey(store, by=north, person_id=eilidh.id)
        assert view.answers == {}
        assert "RA07" not in {p.node.id for p in view.current.assessment_prompts}
    finally:
        framework_service.use_packaged()


@pytest.mark.parametrize(
    ("jurisdiction", "offered", "refused"),
    [
        pytest.param("england", "BO-MIX", "WA-DP", id="england-CSSG-ch11"),
        pytest.param("scotland", "SC-OPT4", "BO-DP", id="scotland-SDS-Act-2013"),
        pytest.param("wales", "WA-DP", "BO-DP", id="wales-SSWB-Act-2014-s50"),
    ],
)
def test_a_person_takes_only_a_way_of_managing_a_budget_of_their_jurisdiction(
    store: Store, north, jurisdiction, offered, refused
):
    person = factories.person(store, "Gwen Price", jurisdiction=jurisdiction)
    with pytest.raises(InvalidInput, match=f"not offered in {jurisdiction.title()}"):
        people.save_changes(
            store,
            by=north,
            person_id=person.id,
            expected_version=person.version,
            changes=people.PersonChanges(budget_option=refused),
        )
    saved = people.save_changes(
        store,
        by=north,
        person_id=person.id,
        expected_version=person.version,
        changes=people.PersonChanges(budget_option=offered),
    )
    assert saved.budget_option == offered
