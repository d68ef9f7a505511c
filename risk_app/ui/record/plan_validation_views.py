"""Agreeing the plan (stage ST4), for staff: each validation check met or not with its reason, a
route for each high residual risk, the outcome and any review date; recorded through
`plan_validation.validate_plan`. Moved out of `decision_views` to keep each module to one job."""

from __future__ import annotations

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.local_policy import route_needed
from risk_app.domain.record.plan import PlanOutcome, ValidationCheck
from risk_app.services.record import local_policy, people, plan_validation, risks, safeguarding
from risk_app.ui import runtime, text
from risk_app.ui.record.risk_views import high_risk_message
from risk_app.ui.text import show_error

REVIEW_DATE_HINT = (
    'If a date to look at this again was agreed (for example "in six weeks" in the conditions), '
    "give it here: it counts towards the person's one next review date."
)


def validation_section(store: Store, actor: Actor, person: people.PersonView) -> None:
    pid = person.id
    st.subheader("Agreeing the plan", anchor=False)
    st.caption("Effective, legal, affordable and safe, with a contingency if support fails.")
    high = [
        r
        for a in risks.assessments_for(store, by=actor, person_id=pid)[:1]
        for r in a.risks
        if r.high
    ]
    if recorded := st.session_state.pop(_validated_key(pid), None):
        text.show_success(recorded)
    open_concern = safeguarding.plan_warning(store, by=actor, person_id=pid)
    if open_concern:
        text.show_warning(open_concern)
    if high:
        # The council's rule on high residual risks, as it stands: a gate, or only a warning.
        text.show_warning(high_risk_message(route_needed(local_policy.policies(store, by=actor))))
    # The form's keys carry a generation: after a validation is recorded the next one starts
    # blank, so a second click cannot record the same validation again unnoticed.
    gen = int(st.session_state.get(_generation_key(pid), 0))
    base = f"validate_{pid}_{gen}"
    with st.form(base):
        checks: dict[str | ValidationCheck, tuple[bool, str]] = {}
        for check in ValidationCheck:
            left, right = st.columns([1, 3])
            passed = left.checkbox(f"{check.label}: met", key=f"{base}_v_{check}")
            reason = right.text_input(
                f"Why ({check.label.lower()})", key=f"{base}_vr_{check}", max_chars=4000
            )
            checks[check] = (passed, reason)
        routes: dict[int, str] = {}
        for risk in high:
            # The activity is the person's words: shown literally above a label of our own.
            text.show(f"High risk {risk.id}: {risk.activity}")
            route = st.selectbox(
                f"Route for high risk {risk.id}",
                ["", "RT2", "RT3", "RT4"],
                key=f"{base}_route_{risk.id}",
                format_func=lambda r: r or "None recorded yet",
            )
            if route:
                routes[risk.id] = str(route)
        requested = st.selectbox(
            "Outcome",
            list(PlanOutcome),
            index=None,
            placeholder="Choose the outcome",
            format_func=lambda o: o.label,
        )
        conditions = st.text_area("Conditions (if agreed with conditions)", max_chars=4000)
        went_on = (
            st.text_area(
                "Why agree the plan now, while the safeguarding concern is open",
                max_chars=4000,
                key=f"{base}_went_on",
            )
            if open_concern
            else ""
        )
        review = st.date_input(
            "Date agreed to look at the plan again (if any)", value=None, format="DD/MM/YYYY"
        )
        st.caption(REVIEW_DATE_HINT)
        if st.form_submit_button("Record the validation"):
            try:
                result = plan_validation.validate_plan(
                    store,
                    by=actor,
                    person_id=pid,
                    checks=checks,
                    requested=requested or "",
                    conditions=conditions,
                    routes=routes,
                    went_on_reason=went_on,
                    review_date=review,
                )
            except InvalidInput as exc:
                show_error(exc)
            else:
                # Run again so every part of the page (the touchpoints above, the validations
                # listed) shows the validation; the message is shown once after that run.
                st.session_state[_generation_key(pid)] = gen + 1
                st.session_state[_validated_key(pid)] = " ".join(
                    (f"Recorded: {result.outcome.label}.", *result.warnings)
                )
                runtime.rerun()


def _generation_key(person_id: int) -> str:
    return f"validate_{person_id}_generation"


def _validated_key(person_id: int) -> str:
    return f"validated_{person_id}"
