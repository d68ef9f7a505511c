"""Prompts of every reached stage, kept as a history, and moving stage with what is outstanding
listed and a reason asked for, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow, PromptAnswerRow, StageHistoryRow
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.services.record import journey, people, prompts, stages
from tests import factories


@pytest.fixture
def north(store: Store):
    return factories.actor(store, username="practitioner")


def _last_event(store: Store) -> AuditEventRow:
    with store.read() as session:
        return session.scalars(select(AuditEventRow).order_by(AuditEventRow.seq.desc())).first()


def _answers(store: Store, person_id: int) -> list[PromptAnswerRow]:
    with store.read() as session:
        return list(
            session.scalars(
                select(PromptAnswerRow)
                .where(PromptAnswerRow.person_id == person_id)
                .order_by(PromptAnswerRow.id)
            )
        )


def _visit_stage(store: Store, visit_id: int | None) -> str | None:
    with store.read() as session:
        visit = session.get(StageHistoryRow, visit_id) if visit_id else None
        return visit.stage if visit else None


def _touchpoints_done(store: Store, by, person_id: int) -> None:
    for line in journey.journey(store, by=by, person_id=person_id).current.touchpoints:
        journey.record_touchpoint(
            store, by=by, person_id=person_id, touchpoint_id=line.node.id, state="done"
        )


# ------------------------------------------------------------------ prompts of reached stages
def test_a_question_of_an_earlier_stage_is_answered_after_moving_on_and_counts_there(
    store: Store, north
):
    david = factories.person(store, "David Price", stage="ST6", budget_option="BO-DP")
    journey.answer_prompt(store, by=north, person_id=david.id, prompt_id="RA07", answer="yes")
    [row] = _answers(store, david.id)
    assert _visit_stage(store, row.stage_visit_id) == "ST1"  # RA07 is asked at ST1 only
    view = journey.journey(store, by=north, person_id=david.id)
    assert view.person.current_stage == "ST6"
    assert view.answers["RA07"] == "yes"
    assert not view.current.required_outstanding  # SVGA 2006 Sch 4: no duty follows


def test_a_question_of_a_stage_not_reached_is_refused_and_nothing_is_stored(store: Store, north):
    tomasz = factories.person(store, "Tomasz Nowak", stage="ST1")
    with pytest.raises(InvalidInput, match="not reached yet"):
        journey.answer_prompt(store, by=north, person_id=tomasz.id, prompt_id="RM01", answer="me")
    with pytest.raises(InvalidInput, match="has not reached ST3"):
        journey.answer_prompt(
            store, by=north, person_id=tomasz.id, prompt_id="RM01", answer="me", stage="ST3"
        )
    with pytest.raises(InvalidInput, match="RM01 is not asked at ST1"):
        journey.answer_prompt(
            store, by=north, person_id=tomasz.id, prompt_id="RM01", answer="me", stage="ST1"
        )
    with pytest.raises(InvalidInput, match="has not reached ST3 yet"):
        prompts.stage_prompts(store, by=north, person_id=tomasz.id, stage="ST3")
    assert _answers(store, tomasz.id) == []


def test_every_answer_is_kept_the_newest_counts_and_the_same_answer_again_adds_nothing(
    store: Store, north
):
    amina = factories.person(store, "Amina Okafor", stage="ST3")
    for answer in ("no", "yes", "yes", "no"):
        journey.answer_prompt(store, by=north, person_id=amina.id, prompt_id="RA07", answer=answer)
    assert [r.answer for r in _answers(store, amina.id)] == ["no", "yes", "no"]
    assert journey.journey(store, by=north, person_id=amina.id).answers["RA07"] == "no"
    view = prompts.stage_prompts(store, by=north, person_id=amina.id, stage="ST1")
    ra07 = next(p for p in view.prompts if p.node.id == "RA07")
    assert ra07.current is not None and ra07.current.answer == "no"
    assert [a.answer for a in ra07.earlier] == ["yes", "no"]
    assert {a.stage for a in ra07.answers} == {"ST1"}
    assert ra07.current.answered_by == "practitioner"
    assert ra07.triggers == ()


def test_the_stage_prompts_list_only_reached_stages_and_mark_the_current_one(store: Store, north):
    amina = factories.person(store, "Amina Okafor", stage="ST3")
    view = prompts.stage_prompts(store, by=north, person_id=amina.id)
    assert view.stage.id == view.current_stage == "ST3"
    assert [s.id for s in view.reached] == ["ST0", "ST1", "ST2", "ST3"]


def test_an_answer_of_a_re_entered_stage_names_the_newest_visit(store: Store, north):
    amina = factories.person(store, "Amina Okafor", stage="ST3")
    amina = factories.move(store, amina, "ST1", "Back to ask again")
    amina = factories.move(store, amina, "ST3", "Asked again")
    journey.answer_prompt(store, by=north, person_id=amina.id, prompt_id="RA07", answer="yes")
    [row] = _answers(store, amina.id)
    with store.read() as session:
        visits = list(
            session.scalars(
                select(StageHistoryRow.id).where(
                    StageHistoryRow.person_id == amina.id, StageHistoryRow.stage == "ST1"
                )
            )
        )
    assert len(visits) == 2 and row.stage_visit_id == max(visits)


def test_a_practitioner_of_another_team_can_neither_answer_nor_move(store: Store):
    amina = factories.person(store, "Amina Okafor", stage="ST3")
    south = factories.actor(store, team=factories.SOUTH)
    with pytest.raises(NotPermitted):
        journey.answer_prompt(store, by=south, person_id=amina.id, prompt_id="RA07", answer="yes")
    with pytest.raises(NotPermitted):
        stages.move_stage(
            store,
            by=south,
            person_id=amina.id,
            to_stage="ST4",
            reason="Not my person",
            expected_version=amina.version,
        )
    with pytest.raises(NotPermitted):
        stages.leaving(store, by=south, person_id=amina.id)


# ------------------------------------------------------------------ moving stage
def test_leaving_a_stage_lists_its_outstanding_touchpoints_none_required(store: Store, north):
    david = factories.person(store, "David Price", stage="ST6", budget_option="BO-DP")
    journey.answer_prompt(store, by=north, person_id=david.id, prompt_id="RA07", answer="yes")
    leaving = stages.leaving(store, by=north, person_id=david.id)
    assert leaving.stage == "ST6" and leaving.version == david.version
    assert leaving.outstanding[0].id == "TP13"
    assert not any(o.required for o in leaving.outstanding)


def test_a_scottish_person_leaving_organising_support_is_told_of_pvg_not_dbs(store: Store, north):
    """Disclosure (Scotland) Act 2020: PVG membership; the DBS touchpoint is England and Wales."""
    eilidh = factories.person(
        store, "Eilidh Ross", stage="ST6", jurisdiction="scotland", budget_option="SC-OPT1"
    )
    leaving = stages.leaving(store, by=north, person_id=eilidh.id)
    ids = [o.id for o in leaving.outstanding]
    assert "TP-PVG" in ids and "TP13" not in ids


def test_moving_on_with_touchpoints_outstanding_and_no_reason_is_refused_naming_them(
    store: Store, north
):
    tomasz = factories.person(store, "Tomasz Nowak", stage="ST1")
    outstanding = stages.leaving(store, by=north, person_id=tomasz.id).outstanding
    assert outstanding
    with pytest.raises(InvalidInput) as refused:
        stages.move_stage(
            store,
            by=north,
            person_id=tomasz.id,
            to_stage="ST2",
            reason=" \t\n",
            expected_version=tomasz.version,
        )
    assert all(o.id in str(refused.value) for o in outstanding)
    after = people.get_person(store, by=north, person_id=tomasz.id)
    assert (after.current_stage, after.version, len(after.history)) == (
        "ST1",
        tomasz.version,
        len(tomasz.history),
    )


def test_the_reason_to_move_on_is_kept_with_the_new_visit_and_the_audit_event_says_one_was_given(
    store: Store, north
):
    tomasz = factories.person(store, "Tomasz Nowak", stage="ST1")
    outstanding = stages.leaving(store, by=north, person_id=tomasz.id).outstanding
    reason = "Assessment booked for Monday; <b>TP01</b> at the visit"
    moved = stages.move_stage(
        store,
        by=north,
        person_id=tomasz.id,
        to_stage="ST2",
        reason=reason,
        expected_version=tomasz.version,
    )
    assert moved.current_stage == "ST2" and moved.version == tomasz.version + 1
    assert moved.history[-1].stage == "ST2" and moved.history[-1].reason == reason
    assert moved.history[-1].recorded_by == "practitioner"
    event = _last_event(store)
    detail = json.loads(event.detail)
    assert (event.action, event.object_type, event.object_id) == ("change", "person", str(moved.id))
    assert detail["reason_given"] is True and detail["left"] == "ST1" and detail["to"] == "ST2"
    assert reason not in json.dumps(detail)  # what was typed stays on the visit, not in the log
    assert detail["outstanding"] == ",".join(o.id for o in outstanding)


def test_with_nothing_outstanding_no_reason_is_needed(store: Store, north):
    tomasz = factories.person(store, "Tomasz Nowak", stage="ST1")
    _touchpoints_done(store, north, tomasz.id)
    assert stages.leaving(store, by=north, person_id=tomasz.id).outstanding == ()
    moved = stages.move_stage(
        store,
        by=north,
        person_id=tomasz.id,
        to_stage="ST2",
        reason="",
        expected_version=tomasz.version,
    )
    assert moved.current_stage == "ST2" and moved.history[-1].reason == ""
    assert json.loads(_last_event(store).detail)["outstanding"] == ""


def test_a_stale_move_is_refused_and_the_newer_stage_kept(store: Store, north):
    tomasz = factories.person(store, "Tomasz Nowak", stage="ST1")
    factories.move(store, tomasz, "ST3", "Moved by someone else")
    with pytest.raises(StaleEdit):
        stages.move_stage(
            store,
            by=north,
            person_id=tomasz.id,
            to_stage="ST2",
            reason="Typed on an older page",
            expected_version=tomasz.version,
        )
    assert people.get_person(store, by=north, person_id=tomasz.id).current_stage == "ST3"


@pytest.mark.parametrize(
    ("to_stage", "message"),
    [("ST1", "already at ST1"), ("ST99", "Unknown stage"), ("", "stage")],
)
def test_a_move_to_a_bad_stage_is_refused_clearly(store: Store, north, to_stage, message):
    tomasz = factories.person(store, "Tomasz Nowak", stage="ST1")
    with pytest.raises(InvalidInput, match=message):
        stages.move_stage(
            store,
            by=north,
            person_id=tomasz.id,
            to_stage=to_stage,
            reason="Because",
            expected_version=tomasz.version,
        )
