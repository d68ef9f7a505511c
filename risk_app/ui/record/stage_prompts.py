"""The questions of every stage the person has reached, answerable and changeable: a chooser of
the reached stages (the current one by default, and said so), each question with the answer that
counts, who gave it and when, what it brings in, and the earlier answers beneath it."""

from __future__ import annotations

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.prompt_choices import choice_words
from risk_app.services.record import journey, prompts
from risk_app.ui import runtime, text
from risk_app.ui.text import show_error

NOT_ANSWERED = "Not answered yet"


def chooser_key(person_id: int, generation: int) -> str:
    """The stage chooser's key: a new generation (after a move) starts at the new current stage."""
    return f"prompt_stage_{person_id}_{generation}"


def _given(answer: prompts.GivenAnswer) -> str:
    at = f", at {answer.stage}" if answer.stage else ""
    said = choice_words(answer.answer)
    return f"{said} (by {answer.answered_by}, {words.moment(answer.answered_at)}{at})"


def render(store: Store, actor: Actor, person_id: int, generation: int) -> None:
    key = chooser_key(person_id, generation)
    view = prompts.stage_prompts(
        store, by=actor, person_id=person_id, stage=st.session_state.get(key)
    )
    st.subheader("Questions to consider", anchor=False)
    st.caption("Wording is provisional: the framework's own issue lists were not available.")
    labels = {
        s.id: f"{s.order}. {s.label}" + (" (current stage)" if s.id == view.current_stage else "")
        for s in view.reached
    }
    ids = list(labels)
    st.selectbox(
        "Questions of the stage (stages the person has reached)",
        ids,
        index=ids.index(view.current_stage),
        format_func=labels.__getitem__,
        key=key,
    )
    if view.stage.id != view.current_stage:
        st.info("These are the questions of an earlier stage: an answer changed here counts now.")
    if not view.prompts:
        st.write("This stage asks no questions.")
        return
    stage = view.stage.id
    with st.form(f"prompt_form_{person_id}_{stage}"):
        given: dict[str, str | None] = {}
        for line in view.prompts:
            given[line.node.id] = _question(person_id, stage, line)
        if st.form_submit_button("Save answers"):
            _save(store, actor, person_id, stage, view, given)


def _question(person_id: int, stage: str, line: prompts.PromptHistory) -> str | None:
    node = line.node
    # The question comes from the framework file (perhaps uploaded): shown literally, and the
    # widget is labelled by the item's ID alone (IDs are capitals, digits, . and -).
    text.show(f"{node.id}: {node.text or node.label}")
    current = line.current
    if current is not None:
        text.show_small(f"Answer that counts: {_given(current)}")
    for touchpoint in line.triggers:
        # Said quietly: whether it is still outstanding is the touchpoint list's job.
        text.show_small(
            f"This answer asks you to consider touchpoint {touchpoint.id} {touchpoint.label}."
        )
    if line.earlier:
        with st.expander(f"Earlier answers to {node.id} ({len(line.earlier)})"):
            text.bullets(_given(a) for a in line.earlier)
    label = f"Answer to {node.id}"
    key = f"answer_{person_id}_{stage}_{node.id}"
    value = current.answer if current else None
    if str(node.answer_type) == "yes_no":
        options = ["yes", "no"]
        chosen = (value or "").lower()
        # No answer is assumed: a question never answered starts unanswered.
        return st.selectbox(
            label,
            options,
            index=options.index(chosen) if chosen in options else None,
            format_func=str.capitalize,
            placeholder=NOT_ANSWERED,
            key=key,
        )
    if str(node.answer_type) == "choice":
        options = list(node.options or ())
        return st.selectbox(
            label,
            options,
            index=options.index(value) if value in options else None,
            format_func=choice_words,
            placeholder=NOT_ANSWERED,
            key=key,
        )
    return st.text_area(label, value=value or "", max_chars=4000, key=key)


def _save(
    store: Store,
    actor: Actor,
    person_id: int,
    stage: str,
    view: prompts.StagePrompts,
    given: dict[str, str | None],
) -> None:
    def same(line: prompts.PromptHistory, answer: str) -> bool:
        counts = line.current.answer if line.current else ""
        if str(line.node.answer_type) == "yes_no":
            return answer.lower() == counts.strip().lower()
        return answer == counts

    lines = {line.node.id: line for line in view.prompts}
    problems = []
    for prompt_id, answer in given.items():
        if answer is None or not answer.strip() or same(lines[prompt_id], answer):
            continue
        try:
            journey.answer_prompt(
                store,
                by=actor,
                person_id=person_id,
                prompt_id=prompt_id,
                answer=answer,
                stage=stage,
            )
        except InvalidInput as exc:
            problems.append(str(exc))
    for problem in problems:
        show_error(problem)
    if not problems:
        runtime.rerun()
