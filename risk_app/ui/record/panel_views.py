"""Panels and forums on the person's "Decisions and panels" tab: refer, then each panel's state
and the form of the next step the lifecycle allows (schedule, move, outcome, close, withdraw).

Questions start unanswered; a refused step keeps everything typed (the widgets keep their values
and the message names what is missing). Each step names the version of the referral the user saw,
so a step taken on a panel someone else has moved on is refused, not applied.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date

import streamlit as st

from framework import FrameworkGraph
from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.record.dissent import Dissent
from risk_app.domain.record.panel_lifecycle import (
    Closure,
    Outcome,
    Referral,
    Rescheduling,
    Scheduling,
    Step,
    Withdrawal,
)
from risk_app.services.record import panels as panel_service
from risk_app.services.record import people, risks
from risk_app.services.record.panels import PanelView
from risk_app.ui import defaults, runtime, text
from risk_app.ui.record import decision_records
from risk_app.ui.text import show_error

STEP_CHOICES: dict[Step, str] = {
    Step.SCHEDULE: "Set the panel's date",
    Step.RESCHEDULE: "Move the panel to another date",
    Step.RECORD_OUTCOME: "Record the panel's outcome",
    Step.CLOSE: "Close the referral",
    Step.WITHDRAW: "Withdraw the referral",
}
YES_NO = {True: "Yes", False: "No"}
NO_RISKS_YET = (
    "Risks to consider: no risk is recorded for this person yet. Record one on the Risks tab "
    "to name it in the referral."
)
Take = Callable[[Callable[[], object]], None]
"""Takes a step (given as the service call), showing any refusal."""


def render_panels(
    store: Store, actor: Actor, graph: FrameworkGraph, person: people.PersonView
) -> None:
    pid = person.id
    panels = panel_service.panels_for(store, by=actor, person_id=pid)
    st.subheader("Panels and forums", anchor=False)
    if panels:
        text.table(
            [
                {
                    "Referred": words.day(p.created_at),
                    "Route": p.route_label,
                    "Where it is up to": p.state.label,
                    "Reason": p.referral_reason,
                    "Panel date": words.day_or(p.held_on or p.scheduled_for, "—"),
                    "Recommendation": p.recommendation if p.has_outcome else "— (no outcome yet)",
                    "Review by": words.day_or(p.review_date, "—") if p.has_outcome else "—",
                }
                for p in panels
            ]
        )
    assessments = risks.assessments_for(store, by=actor, person_id=pid)
    every_risk = {r.id: r.activity for a in assessments for r in a.risks}
    for p in panels:
        with st.expander(decision_records.panel_title(p)):
            text.fields(decision_records.panel_fields(p, every_risk))
            decision_records.show_panel_history(p)
            _next_step(store, actor, p)
    person_risks = {r.id: r.activity for a in assessments[:1] for r in a.risks}
    _referral_form(store, actor, graph, pid, person_risks)


def _referral_form(
    store: Store, actor: Actor, graph: FrameworkGraph, pid: int, person_risks: Mapping[int, str]
) -> None:
    routes = {n.id: n.label for n in graph.nodes(type="route")}
    base = f"panel_refer_{pid}_"
    # A referral made moves the form to fresh widgets (deleting widget state would not clear
    # what the browser shows); a refusal keeps them as typed.
    k = f"{base}g{st.session_state.get(f'{base}generation', 0)}_"
    with st.expander("Refer to a panel or forum"), st.form(k):
        route = st.selectbox(
            "Route",
            list(routes),
            index=None,
            format_func=routes.__getitem__,
            key=f"{k}route",
        )
        reason = st.text_area("Why it is referred", max_chars=4000, key=f"{k}why")
        question = st.text_area("The question for the panel", max_chars=4000, key=f"{k}question")
        chosen: list[int] = []
        if person_risks:
            chosen = st.multiselect(
                "Risks to consider",
                list(person_risks),
                format_func=lambda i: person_risks[i],
                key=f"{k}risks",
            )
        else:
            # An empty list would be shown disabled, its label too faint to read (axe
            # color-contrast): say instead that there is no risk to choose yet.
            st.caption(NO_RISKS_YET)
        view = st.text_area(
            "The person's view, in their words (or as their advocate gives it)",
            max_chars=4000,
            key=f"{k}view",
        )
        advocate = st.text_input("Advocate", max_chars=200, key=f"{k}advocate")
        if st.form_submit_button("Refer to the panel"):
            if route is None:
                show_error("Choose the route: which panel or forum the plan is referred to.")
                return
            _submit(
                lambda: panel_service.refer(
                    store,
                    by=actor,
                    person_id=pid,
                    data=Referral(
                        route=str(route),
                        reason=reason,
                        question=question,
                        risk_ids=chosen,
                        person_view=view,
                        advocate=advocate,
                    ),
                ),
                base,
            )


def _next_step(store: Store, actor: Actor, p: PanelView) -> None:
    if not p.next_steps:
        return
    base = f"panel_{p.id}_"
    key = f"{base}g{st.session_state.get(f'{base}generation', 0)}_"
    # The version the user first saw: a step is taken on it, so someone else's step in between
    # is refused (StaleEdit), not silently built on.
    st.session_state.setdefault(f"{base}seen", p.version)
    step = st.radio(
        "What next?",
        list(p.next_steps),
        index=None,
        format_func=lambda s: STEP_CHOICES.get(s, s.label),
        key=f"{key}step",
    )
    if step is None:
        return
    forms: dict[Step, Callable[[Store, Actor, PanelView, str, Take], None]] = {
        Step.SCHEDULE: _schedule_form,
        Step.RESCHEDULE: _reschedule_form,
        Step.RECORD_OUTCOME: _outcome_form,
        Step.CLOSE: _close_form,
        Step.WITHDRAW: _withdraw_form,
    }
    seen = replace(p, version=int(st.session_state[f"{base}seen"]))
    forms[step](
        store,
        actor,
        seen,
        f"{key}{step.value}_",
        lambda action: _submit(action, base, current=p.version),
    )


def _schedule_form(store: Store, actor: Actor, p: PanelView, key: str, take: Take) -> None:
    with st.form(key):
        on = st.date_input("Date of the panel", value=None, format="DD/MM/YYYY", key=f"{key}on")
        if st.form_submit_button("Set the date"):
            if on is None:
                show_error("Give the date the panel will meet.")
                return
            take(
                lambda: panel_service.schedule(
                    store,
                    by=actor,
                    panel_id=p.id,
                    expected_version=p.version,
                    data=Scheduling(on=_day(on)),
                )
            )


def _reschedule_form(store: Store, actor: Actor, p: PanelView, key: str, take: Take) -> None:
    with st.form(key):
        on = st.date_input("New date", value=None, format="DD/MM/YYYY", key=f"{key}on")
        why = st.text_area("Why it is moving", max_chars=4000, key=f"{key}why")
        if st.form_submit_button("Move the panel"):
            if on is None:
                show_error("Give the new date of the panel.")
                return
            take(
                lambda: panel_service.reschedule(
                    store,
                    by=actor,
                    panel_id=p.id,
                    expected_version=p.version,
                    data=Rescheduling(on=_day(on), reason=why),
                )
            )


def _outcome_form(store: Store, actor: Actor, p: PanelView, key: str, take: Take) -> None:
    with st.form(key):
        held = st.date_input(
            "The panel met on", value=p.scheduled_for, format="DD/MM/YYYY", key=f"{key}held"
        )
        if p.scheduled_for is not None:
            defaults.filled_in(
                "The panel met on", "the date it was set for", "it met on another day"
            )
        attended = st.radio(
            "Did the person attend?",
            [True, False],
            index=None,
            format_func=YES_NO.__getitem__,
            key=f"{key}attended",
            horizontal=True,
        )
        opts = st.text_area(
            "Options considered (one per line)", max_chars=4000, key=f"{key}options"
        )
        recommendation = st.text_area("Recommendation", max_chars=4000, key=f"{key}rec")
        conditions = st.text_area("Conditions (if any)", max_chars=4000, key=f"{key}conditions")
        review = st.date_input("Review by", value=None, format="DD/MM/YYYY", key=f"{key}review")
        party = st.text_input(
            "Who disagrees with the recommendation (if anyone)", max_chars=200, key=f"{key}party"
        )
        their_words = st.text_area(
            "Their words, disagreeing with the recommendation", max_chars=4000, key=f"{key}words"
        )
        if st.form_submit_button("Record the outcome"):
            if held is None:
                show_error("Give the date the panel met.")
                return
            dissent = [Dissent(party, their_words)] if party.strip() or their_words.strip() else []
            take(
                lambda: panel_service.record_outcome(
                    store,
                    by=actor,
                    panel_id=p.id,
                    expected_version=p.version,
                    data=Outcome(
                        held_on=_day(held),
                        person_attended=attended,
                        options=[line for line in opts.splitlines() if line.strip()],
                        recommendation=recommendation,
                        dissent=dissent,
                        conditions=conditions,
                        review_date=None if review is None else _day(review),
                    ),
                )
            )


def _close_form(store: Store, actor: Actor, p: PanelView, key: str, take: Take) -> None:
    with st.form(key):
        note = st.text_area("Note on closing (optional)", max_chars=4000, key=f"{key}note")
        if st.form_submit_button("Close the referral"):
            take(
                lambda: panel_service.close(
                    store,
                    by=actor,
                    panel_id=p.id,
                    expected_version=p.version,
                    data=Closure(note=note),
                )
            )


def _withdraw_form(store: Store, actor: Actor, p: PanelView, key: str, take: Take) -> None:
    with st.form(key):
        why = st.text_area("Why it is withdrawn", max_chars=4000, key=f"{key}why")
        if st.form_submit_button("Withdraw the referral"):
            take(
                lambda: panel_service.withdraw(
                    store,
                    by=actor,
                    panel_id=p.id,
                    expected_version=p.version,
                    data=Withdrawal(reason=why),
                )
            )


def _day(value: object) -> date:
    """A date widget's value (a single date: these widgets never take a range)."""
    if not isinstance(value, date):
        raise InvalidInput("Give a single date.")
    return value


def _submit(action: Callable[[], object], base: str, *, current: int | None = None) -> None:
    """Take the step; on a refusal show why and keep every widget as typed. Once taken, the
    form moves to fresh widgets (deleting widget state would not clear what the browser shows).
    After a stale refusal the newer version (`current`) is the one the user has now seen."""
    try:
        action()
    except StaleEdit as exc:
        show_error(exc)
        if current is not None:
            st.session_state[f"{base}seen"] = current
        return
    except (InvalidInput, NotPermitted) as exc:
        show_error(exc)
        return
    st.session_state[f"{base}generation"] = int(st.session_state.get(f"{base}generation", 0)) + 1
    st.session_state.pop(f"{base}seen", None)
    runtime.rerun()
