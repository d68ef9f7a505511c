"""Care Act 2014 s11(2) and ss67-68 on a person's record: an English person is asked and the
touchpoint applies on the right answer; a Scottish or Welsh person is never asked (the sections
extend to England), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from risk_app.domain.errors import InvalidInput
from risk_app.services.record import journey, prompts, safeguarding
from tests import factories

ABUSE_OR_NEGLECT = "refused; experiencing or at risk of abuse or neglect"
REFUSED_WITH_CAPACITY = "refused; has capacity to refuse; no abuse or neglect suspected"
NO_APPROPRIATE_PERSON = "substantial difficulty; no appropriate person"


@pytest.fixture
def north(store):
    return factories.actor(store, username="practitioner")


def _line(view, touchpoint):
    return next(t for t in view.current.touchpoints if t.node.id == touchpoint)


def test_an_english_refusal_with_abuse_suspected_makes_the_s11_2_assessment_apply(store, north):
    person = factories.person(store, stage="ST1")
    journey.answer_prompt(
        store, by=north, person_id=person.id, prompt_id="RA11", answer=ABUSE_OR_NEGLECT
    )
    line = _line(journey.journey(store, by=north, person_id=person.id, stage="ST1"), "TP21")
    assert line.required and line.triggered_by == ("RA11",)


def test_a_capacitous_refusal_without_abuse_does_not_make_s11_2_apply(store, north):
    person = factories.person(store, stage="ST1")
    journey.answer_prompt(
        store, by=north, person_id=person.id, prompt_id="RA11", answer=REFUSED_WITH_CAPACITY
    )
    line = _line(journey.journey(store, by=north, person_id=person.id, stage="ST1"), "TP21")
    assert not line.required


def test_both_limbs_of_s67_make_the_advocate_apply_at_planning_too(store, north):
    person = factories.person(store, stage="ST3")
    journey.answer_prompt(
        store, by=north, person_id=person.id, prompt_id="RA12", answer=NO_APPROPRIATE_PERSON
    )
    view = journey.journey(store, by=north, person_id=person.id, stage="ST3")
    assert _line(view, "TP22").required


@pytest.mark.parametrize("jurisdiction", ["scotland", "wales"])
def test_a_scottish_or_welsh_person_is_never_asked_the_england_only_questions(
    store, north, jurisdiction
):
    person = factories.person(store, "Eilidh Ross", stage="ST1", jurisdiction=jurisdiction)
    asked = {p.node.id for p in prompts.stage_prompts(store, by=north, person_id=person.id).prompts}
    assert not asked & {"RA11", "RA12"} and "RA01" in asked
    with pytest.raises(InvalidInput, match="not asked for a person in"):
        journey.answer_prompt(
            store, by=north, person_id=person.id, prompt_id="RA11", answer=ABUSE_OR_NEGLECT
        )
    view = journey.journey(store, by=north, person_id=person.id, stage="ST1")
    assert not {"TP21", "TP22"} & {t.node.id for t in view.current.touchpoints}


def test_an_enquiry_shows_the_advocate_duty_once_both_limbs_of_s68_are_met(store, north):
    """Care Act 2014 s68: the same test as s67 applies to a section 42 enquiry."""
    person = factories.person(store, stage="ST1")
    concern = safeguarding.raise_concern(
        store, by=north, person_id=person.id, abuse_types=["AB-FIN"], person_wants="Safe"
    )
    assert concern.enquiry_duties == ()
    journey.answer_prompt(
        store, by=north, person_id=person.id, prompt_id="RA12", answer=NO_APPROPRIATE_PERSON
    )
    [again] = safeguarding.concerns_for(store, by=north, person_id=person.id)
    assert len(again.enquiry_duties) == 1 and "independent advocate" in again.enquiry_duties[0]
    assert "s68" in again.enquiry_duties[0]


def test_an_appropriate_person_means_no_advocate_duty_at_the_enquiry(store, north):
    person = factories.person(store, stage="ST1")
    journey.answer_prompt(
        store,
        by=north,
        person_id=person.id,
        prompt_id="RA12",
        answer="substantial difficulty; an appropriate person can support them",
    )
    concern = safeguarding.raise_concern(
        store, by=north, person_id=person.id, abuse_types=["AB-FIN"], person_wants="Safe"
    )
    assert concern.enquiry_duties == ()
