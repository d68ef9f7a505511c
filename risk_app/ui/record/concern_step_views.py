"""The form of a safeguarding concern's next step: only the steps the lifecycle allows now, and only
those the signed-in role may take. Every question starts unanswered."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

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
from risk_app.services.record import concern_steps
from risk_app.services.record.safeguarding import ConcernView
from risk_app.ui.text import show_error, show_info

YES_NO: list[bool] = [True, False]


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def render_next_step(store: Store, actor: Actor, c: ConcernView) -> None:
    steps = [s for s in c.next_steps if actor.is_operator or may_take(s, actor.role)]
    if not c.next_steps:
        return
    if not steps:
        waiting = "; or ".join(s.label.lower() for s in c.next_steps)
        show_info(f"Next: {waiting}. A team manager or the safeguarding lead does this.")
        return
    key = f"sg_{c.id}_v{c.version}"
    step = steps[0]
    if len(steps) > 1:
        picked = st.radio(
            "Next step",
            steps,
            format_func=lambda s: s.label,
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
    with st.form(f"{key}_after_forum"):
        follow_up = st.radio(
            "How does the person's review take this up?",
            list(ReviewFollowUp),
            format_func=lambda f: f.label,
            index=None,
        )
        note = st.text_area("What the forum agreed (no Section 42 enquiry)", max_chars=4000)
        if st.form_submit_button("Close with the forum's plan", type="primary"):
            _run(
                lambda: concern_steps.close_after_forum(
                    store,
                    by=actor,
                    concern_id=c.id,
                    expected_version=c.version,
                    follow_up=follow_up,
                    note=note,
                )
            )


def _run(action: Callable[[], object]) -> None:
    try:
        action()
    except (InvalidInput, StaleEdit, NotPermitted) as exc:
        show_error(exc)
    else:
        st.rerun()


def _decide(store: Store, actor: Actor, c: ConcernView, key: str) -> None:
    with st.form(f"{key}_decide"):
        st.markdown("**Section 42: is there reasonable cause to suspect that the adult…**")
        needs = st.radio(
            "…has needs for care and support (whether or not the council meets them)?",
            YES_NO,
            format_func=_yes_no,
            index=None,
            horizontal=True,
        )
        abuse = st.radio(
            "…is experiencing, or at risk of, abuse or neglect?",
            YES_NO,
            format_func=_yes_no,
            index=None,
            horizontal=True,
        )
        unable = st.radio(
            "…because of those needs, cannot protect themselves against it or its risk?",
            YES_NO,
            format_func=_yes_no,
            index=None,
            horizontal=True,
        )
        reasons = st.text_area("Reasons for the decision", max_chars=4000)
        if st.form_submit_button("Record the Section 42 decision", type="primary"):
            _run(
                lambda: concern_steps.decide_s42(
                    store,
                    by=actor,
                    concern_id=c.id,
                    expected_version=c.version,
                    needs=needs,
                    abuse_or_risk=abuse,
                    unable_to_protect=unable,
                    reasons=reasons,
                )
            )


def _start_enquiry(store: Store, actor: Actor, c: ConcernView, key: str) -> None:
    duty = c.s42 is not None and c.s42.result is S42Result.DUTY_TO_ENQUIRE
    kinds = [EnquiryKind.SECTION_42] if duty else [EnquiryKind.OTHER]
    with st.form(f"{key}_enquiry"):
        kind = st.radio("Kind of enquiry", kinds, format_func=lambda k: k.label, index=None)
        lead = st.text_input("Who leads the enquiry (name, role or organisation)", max_chars=200)
        if st.form_submit_button("Start the enquiry", type="primary"):
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


def _close_without_enquiry(store: Store, actor: Actor, c: ConcernView, key: str) -> None:
    with st.form(f"{key}_other"):
        response = st.radio(
            "Other response given", list(OtherResponse), format_func=lambda r: r.label, index=None
        )
        note = st.text_area("Closing note: what was done and why", max_chars=4000)
        if st.form_submit_button("Close with this response"):
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
    with st.form(f"{key}_close"):
        follow_up = st.radio(
            "How does the person's review take this up?",
            list(ReviewFollowUp),
            format_func=lambda f: f.label,
            index=None,
        )
        note = st.text_area("Closing note: what the review should look at", max_chars=4000)
        if st.form_submit_button("Close the concern", type="primary"):
            _run(
                lambda: concern_steps.close_concern(
                    store,
                    by=actor,
                    concern_id=c.id,
                    expected_version=c.version,
                    follow_up=follow_up,
                    note=note,
                )
            )


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
