"""The form of a safeguarding concern's next step: only the steps the lifecycle allows now, and only
those the signed-in role may take. Every question starts unanswered. The decision asks the test of
the concern's nation from the law book, each condition shown with the section it comes from; the
enquiry (Scotland: inquiry) shows the powers the nation's law gives, as information."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from framework.law import law_book
from framework.law.schema import Rule
from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.record.concern_lifecycle import (
    EnquiryKind,
    OtherResponse,
    OutcomesAchieved,
    ReviewFollowUp,
    RiskAfter,
    Step,
    may_take,
)
from risk_app.domain.record.safeguarding import S42Result
from risk_app.domain.record.safeguarding_law import under_age, who_it_is_for
from risk_app.services.record import concern_steps
from risk_app.services.record.safeguarding import ConcernView
from risk_app.ui import runtime, text
from risk_app.ui.text import show_error, show_info

YES_NO: list[bool] = [True, False]


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def render_next_step(store: Store, actor: Actor, c: ConcernView) -> None:
    steps = [s for s in c.next_steps if actor.is_operator or may_take(s, actor.role)]
    if not c.next_steps:
        return
    w = c.law.words
    if not steps:
        waiting = "; or ".join(s.label_in(w).lower() for s in c.next_steps)
        show_info(f"Next: {waiting}. A team manager or the safeguarding lead does this.")
        return
    key = f"sg_{c.id}_v{c.version}"
    step = steps[0]
    if len(steps) > 1:
        picked = st.radio(
            "Next step",
            steps,
            format_func=lambda s: s.label_in(w),
            index=None,
            key=f"{key}_step",
        )
        if picked is None:
            return
        step = picked
    FORMS[step](store, actor, c, key)


def _refer_to_forum(store: Store, actor: Actor, c: ConcernView, key: str) -> None:
    if c.forum_note:
        show_info(c.forum_note)
    with st.form(f"{key}_forum"):
        reasons = st.text_area(
            "Reasons for the forum (why the forum, and why not the Section 42 decision now)",
            max_chars=4000,
        )
        if st.form_submit_button("Refer to the high-risk forum", type="primary"):
            _run(
                lambda: concern_steps.refer_to_forum(
                    store,
                    by=actor,
                    concern_id=c.id,
                    expected_version=c.version,
                    reasons=reasons,
                )
            )


def _close_after_forum(store: Store, actor: Actor, c: ConcernView, key: str) -> None:
    _closing_form(
        f"{key}_after_forum",
        "What the forum agreed (no Section 42 enquiry)",
        "Close with the forum's plan",
        lambda follow_up, note: concern_steps.close_after_forum(
            store,
            by=actor,
            concern_id=c.id,
            expected_version=c.version,
            follow_up=follow_up,
            note=note,
        ),
    )


def _run(action: Callable[[], object]) -> None:
    try:
        action()
    except (InvalidInput, StaleEdit, NotPermitted) as exc:
        show_error(exc)
    else:
        runtime.rerun()


def cited(rule: Rule) -> str:
    """A rule's sections as a reader sees them: "Care Act 2014, s42(1)(a)"."""
    book = law_book()
    return "; ".join(book.describe(c) for c in rule.cites)


def _decide(store: Store, actor: Actor, c: ConcernView, key: str) -> None:
    law = c.law.law
    with st.form(f"{key}_decide"):
        text.heading(f"{law.test.label} ({cited(law.test)})", level=4)
        text.show(who_it_is_for(law))
        st.caption(under_age(law))
        answers: dict[str, bool | None] = {}
        for condition in law.conditions:
            answers[condition.id] = st.radio(
                f"{condition.label} ({cited(condition)})",
                YES_NO,
                format_func=_yes_no,
                index=None,
                horizontal=True,
                help=condition.summary,
                key=f"{key}_condition_{condition.id}",
            )
        reasons = st.text_area("Reasons for the decision", max_chars=4000)
        if st.form_submit_button(
            f"Record the {c.law.words.decision_in_a_sentence}", type="primary"
        ):
            _run(
                lambda: concern_steps.decide_s42(
                    store,
                    by=actor,
                    concern_id=c.id,
                    expected_version=c.version,
                    answers=answers,
                    reasons=reasons,
                )
            )


def _start_enquiry(store: Store, actor: Actor, c: ConcernView, key: str) -> None:
    duty = c.s42 is not None and c.s42.result is S42Result.DUTY_TO_ENQUIRE
    kinds = [EnquiryKind.SECTION_42] if duty else [EnquiryKind.OTHER]
    w = c.law.words
    _powers(c)
    with st.form(f"{key}_enquiry"):
        kind = st.radio(
            f"Kind of {w.enquiry}", kinds, format_func=lambda k: k.label_in(w), index=None
        )
        lead = st.text_input(
            f"Who leads the {w.enquiry} (name, role or organisation)", max_chars=200
        )
        if st.form_submit_button(f"Start the {w.enquiry}", type="primary"):
            _run(
                lambda: concern_steps.start_enquiry(
                    store,
                    by=actor,
                    concern_id=c.id,
                    expected_version=c.version,
                    kind=kind,
                    lead=lead,
                )
            )


def _powers(c: ConcernView) -> None:
    """What else the nation's law provides at this point, as information (Scotland: the
    investigative powers of ss7 to 10 and the protection orders of ss11, 14 and 19)."""
    powers = c.law.law.powers
    if powers:
        text.show(f"What the {c.law.law.act} also provides (for information):")
        text.table([{"Power": p.label, "What it is": p.summary, "Where": cited(p)} for p in powers])


def _close_without_enquiry(store: Store, actor: Actor, c: ConcernView, key: str) -> None:
    with st.form(f"{key}_other"):
        response = st.radio(
            "Other response given", list(OtherResponse), format_func=lambda r: r.label, index=None
        )
        note = st.text_area("Closing note: what was done and why", max_chars=4000)
        if st.form_submit_button("Close with this response"):  # no enquiry
            _run(
                lambda: concern_steps.close_without_enquiry(
                    store,
                    by=actor,
                    concern_id=c.id,
                    expected_version=c.version,
                    response=response,
                    note=note,
                )
            )


def _record_outcome(store: Store, actor: Actor, c: ConcernView, key: str) -> None:
    with st.form(f"{key}_outcome"):
        st.markdown("**Making Safeguarding Personal**")
        asked = st.radio(
            "Was the person (or their representative) asked what outcomes they wanted?",
            YES_NO,
            format_func=_yes_no,
            index=None,
            horizontal=True,
        )
        expressed = st.radio(
            "Did they say what outcomes they wanted?",
            YES_NO,
            format_func=_yes_no,
            index=None,
            horizontal=True,
        )
        desired = st.text_area("The outcomes they said they wanted", max_chars=4000)
        achieved = st.radio(
            "How far were those outcomes achieved?",
            list(OutcomesAchieved),
            format_func=lambda o: o.label,
            index=None,
            horizontal=True,
        )
        risk = st.radio(
            "Where does the risk stand now?",
            list(RiskAfter),
            format_func=lambda r: r.label,
            index=None,
            horizontal=True,
        )
        if st.form_submit_button("Record the outcome", type="primary"):
            _run(
                lambda: concern_steps.record_outcome(
                    store,
                    by=actor,
                    concern_id=c.id,
                    expected_version=c.version,
                    outcomes_asked=asked,
                    outcomes_expressed=expressed,
                    desired_outcomes=desired,
                    achieved=achieved,
                    risk_after=risk,
                )
            )


def _close(store: Store, actor: Actor, c: ConcernView, key: str) -> None:
    _closing_form(
        f"{key}_close",
        "Closing note: what the review should look at",
        "Close the concern",
        lambda follow_up, note: concern_steps.close_concern(
            store,
            by=actor,
            concern_id=c.id,
            expected_version=c.version,
            follow_up=follow_up,
            note=note,
        ),
    )


def _closing_form(
    form_key: str,
    note_label: str,
    button: str,
    close: Callable[[ReviewFollowUp | None, str], object],
) -> None:
    """Closing asks how the person's review takes the concern up, and a note for it."""
    with st.form(form_key):
        follow_up = st.radio(
            "How does the person's review take this up?",
            list(ReviewFollowUp),
            format_func=lambda f: f.label,
            index=None,
        )
        note = st.text_area(note_label, max_chars=4000)
        if st.form_submit_button(button, type="primary"):
            _run(lambda: close(follow_up, note))


FORMS: dict[Step, Callable[[Store, Actor, ConcernView, str], None]] = {
    Step.DECIDE: _decide,
    Step.START_ENQUIRY: _start_enquiry,
    Step.CLOSE_WITHOUT_ENQUIRY: _close_without_enquiry,
    Step.RECORD_OUTCOME: _record_outcome,
    Step.CLOSE: _close,
    Step.REFER_TO_FORUM: _refer_to_forum,
    Step.DECIDE_AFTER_FORUM: _decide,
    Step.CLOSE_AFTER_FORUM: _close_after_forum,
}
"""The form of every step that follows raising (raising has its own form)."""
