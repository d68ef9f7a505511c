"""Safeguarding concerns on a person's record: each concern with where it stands, its history and
the next step's form (only the steps that may follow, for the roles that may take them); and
raising a new concern, whose route comes from the framework. Every word of the law (the test, the
duty, "enquiry" or "inquiry") is the law of the concern's nation, from the law book."""

from __future__ import annotations

import streamlit as st

from framework import FrameworkGraph
from framework.law import law_book
from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.concern_words import sentence
from risk_app.domain.record.safeguarding import OTHER_OR_NOT_SURE
from risk_app.domain.record.safeguarding_law import duty_phrase
from risk_app.services.record import concern_law, safeguarding
from risk_app.services.record.safeguarding import ConcernView
from risk_app.ui import runtime, text
from risk_app.ui.record import concern_step_views
from risk_app.ui.text import show_error

YES_NO: dict[bool | None, str] = {True: "Yes", False: "No", None: "—"}


def _types(c: ConcernView) -> str:
    listed = [a.label for a in c.screening.abuse_types if a.id != OTHER_OR_NOT_SURE]
    if c.abuse_other:
        listed.append(f"Other / not sure: {c.abuse_other}")
    return "; ".join(listed)


def law_applied(c: ConcernView) -> str:
    """Which law the concern follows, and the law book version the decision was made under."""
    law = c.law.law
    version = c.law_applied.law_version
    said = f"{c.law.name}: {law.act}, {law.test.label} and {law.duty.label.lower()}"
    if c.law_applied.test is not None:
        said += f" (law book {version})" if version else " (decided before the law book)"
    return said


def concern_fields(c: ConcernView) -> list[tuple[str, object]]:
    w = c.law.words
    pairs: list[tuple[str, object]] = [
        ("Where it stands", c.state.label_in(w)),
        ("Law applied", law_applied(c)),
        ("Raised", f"{words.day(c.raised_at)} by {c.raised_by}"),
        ("What may be happening", _types(c)),
        ("What the person wants", c.person_wants),
        ("Immediate action taken", c.immediate_action or "—"),
        ("Route when raised", " → ".join(c.route_when_raised) or "—"),
        (f"{w.decision} due", words.day(c.decision_due)),
        ("Why that date", c.decision_due_policy),
    ]
    if c.forum_note:
        pairs.append(("Self-neglect and Section 42", c.forum_note))
    if c.enquiry_duties and c.state.value != "closed":
        pairs += [("Required for an enquiry", duty) for duty in c.enquiry_duties]
    if c.forum_reasons:
        pairs.append(("Referred to the high-risk forum because", c.forum_reasons))
    if c.s42 is not None:
        pairs += [
            (w.decision, _result(c)),
            *_answers(c),
            ("Decided", f"{words.day_or(c.decided_at, '—')} by {c.decided_by}"),
            ("Reasons", c.decision_reasons),
            ("What it means", c.s42.explanation),
        ]
    if c.enquiry_kind is not None:
        pairs += [
            (sentence(w.enquiry), c.enquiry_kind.label_in(w)),
            (f"{sentence(w.enquiry)} led by", c.enquiry_lead),
        ]
    if c.risk_after is not None:
        pairs += [
            ("Person asked what outcomes they wanted", YES_NO[c.outcomes_asked]),
            ("They said what outcomes they wanted", YES_NO[c.outcomes_expressed]),
            ("Outcomes they wanted", c.desired_outcomes or "—"),
            ("How far achieved", c.outcomes_achieved.label if c.outcomes_achieved else "—"),
            ("Risk at the end", c.risk_after.label),
        ]
    if c.other_response is not None:
        pairs.append((f"Other response (no {w.enquiry})", c.other_response.label))
    if c.review_follow_up is not None:
        pairs.append(("Review", c.review_follow_up.label))
    if c.closing_note:
        pairs.append(("Closing note", c.closing_note))
    return pairs


def _result(c: ConcernView) -> str:
    assert c.s42 is not None
    duty = c.law.law.duty.label
    return {
        "duty_to_enquire": f"{duty}: arises",
        "not_met": f"{duty}: does not arise",
        "incomplete": "Not finished",
    }[c.s42.result.value]


def _answers(c: ConcernView) -> list[tuple[str, object]]:
    """Each condition of the nation's test with its section and the answer given."""
    book = law_book()
    given = dict(c.answers)
    return [
        (
            f"{cond.label} ({'; '.join(book.describe(x) for x in cond.cites)})",
            YES_NO[given.get(cond.id)],
        )
        for cond in c.law.law.conditions
    ]


def concern_history(c: ConcernView) -> None:
    w = c.law.words
    text.table(
        [
            {
                "When": words.day(e.at),
                "Step": e.step.label_in(w),
                "Now": e.to_state.label_in(w),
                "By": e.by,
            }
            for e in c.history
        ],
        caption="History",
    )


def render(
    store: Store, actor: Actor, graph: FrameworkGraph, person_id: int, *, jurisdiction: str
) -> None:
    """The person's concerns and the form to raise one; `jurisdiction` is the person's nation,
    whose law the raise form names."""
    if raised := st.session_state.pop(_flash_key(person_id), None):
        st.success(str(raised))
    earlier = safeguarding.concerns_for(store, by=actor, person_id=person_id)
    if earlier:
        st.subheader("Concerns raised", anchor=False)
        for c in earlier:
            # our words, a date and a number only: expander labels render markdown
            label = (
                f"Concern {c.id}, raised {words.day(c.raised_at)}: {c.state.label_in(c.law.words)}"
            )
            with st.expander(label, expanded=c.state.value != "closed"):
                text.fields(concern_fields(c))
                concern_history(c)
                concern_step_views.render_next_step(store, actor, c)
    try:
        law = concern_law.law_for(jurisdiction)
    except InvalidInput as exc:
        show_error(exc)
        return
    _raise_form(store, actor, graph, person_id, law)


def _raise_form(
    store: Store,
    actor: Actor,
    graph: FrameworkGraph,
    person_id: int,
    law: concern_law.ConcernLaw,
) -> None:
    st.subheader("Raise a safeguarding concern", anchor=False)
    st.caption(
        "If someone is in immediate danger, act first: call 999. A team manager or the "
        f"safeguarding lead then decides whether {duty_phrase(law.law)} arises "
        f"({law.law.test.label}, {law.name})."
    )
    types = {n.id: n.label for n in graph.nodes(type="abuse_type")}
    chosen = st.multiselect(
        "What may be happening",
        list(types),
        format_func=types.__getitem__,
        key=f"sg_types_{person_id}",
    )
    if chosen:
        screening = safeguarding.screen(chosen)
        st.markdown("**Where this leads in the framework**")
        text.table(
            [
                {"Step": f"{n}. {item.label}", "Kind": item.type.replace("_", " "), "ID": item.id}
                for n, item in enumerate((*screening.touchpoints, *screening.route), start=1)
            ]
        )
    with st.form(f"sg_form_{person_id}"):
        other = st.text_area(
            "Other / not sure: describe what may be happening (if none of the types fits, or "
            "you are not sure; needed when you choose 'other, or not sure')",
            max_chars=4000,
        )
        wants = st.text_area("What does the person want to happen? (ask first)", max_chars=4000)
        action = st.text_area("Immediate action taken to keep people safe", max_chars=4000)
        if st.form_submit_button("Raise the concern", type="primary"):
            try:
                concern = safeguarding.raise_concern(
                    store,
                    by=actor,
                    person_id=person_id,
                    abuse_types=list(chosen),
                    other_or_not_sure=other,
                    person_wants=wants,
                    immediate_action=action,
                )
            except InvalidInput as exc:
                show_error(exc)
            else:
                # shown once after the rerun that lists the new concern with its next step
                st.session_state[_flash_key(person_id)] = (
                    f"Concern {concern.id} raised. The {concern.law.words.decision_in_a_sentence} is "
                    f"due by {words.day(concern.decision_due)}. {concern.decision_due_policy}"
                )
                runtime.rerun()


def _flash_key(person_id: int) -> str:
    return f"sg_raised_{person_id}"
