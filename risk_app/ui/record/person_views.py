"""The parts of a person's record, rendered for staff. Pages call these; these call services."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from framework import FrameworkGraph
from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput, StaleEdit
from risk_app.domain.record import information_needs, nations
from risk_app.domain.record.next_review import ReviewSource
from risk_app.domain.record.people import ABOUT_ME_HEADINGS, authority_label
from risk_app.domain.record.plan import ReviewKind, ReviewStatus, ReviewTrigger
from risk_app.domain.record.representatives import (
    ORDER_QUESTION,
    REGISTERED_QUESTION,
    asks_if_order_covers_welfare,
    asks_if_registered,
    authorities_for,
)
from risk_app.services.record import journey, people, reviews
from risk_app.ui import charts, defaults, editing, notices, runtime, text
from risk_app.ui.autosave import AutosavedForm
from risk_app.ui.record import stage_move, stage_prompts, touchpoint_views
from risk_app.ui.text import show_error


def render_journey(store: Store, actor: Actor, graph: FrameworkGraph, person_id: int) -> None:
    view = journey.journey(store, by=actor, person_id=person_id)
    current = view.current
    text.heading(
        f"Where safeguarding links in at stage {current.stage.order}: {current.stage.label}"
    )
    touchpoint_views.render_touchpoints(store, actor, person_id, current)
    _reached_stages(store, actor, graph, person_id)
    st.subheader("Journey map", anchor=False)
    map_tab, table_tab = st.tabs(["Chart", "Table (same information)"])
    with map_tab:
        st.plotly_chart(charts.journey_map_figure(view.stages), width="stretch")
    with table_tab:
        text.table(charts.journey_map_rows(view.stages))
    render_reviews(store, actor, person_id)


def _reached_stages(store: Store, actor: Actor, graph: FrameworkGraph, person_id: int) -> None:
    """The questions of every stage reached, then moving to another stage (slice A2)."""
    generation = stage_move.generation(person_id)
    stage_prompts.render(store, actor, person_id, generation)
    stage_move.render(store, actor, graph, person_id)


def render_details(
    store: Store, actor: Actor, graph: FrameworkGraph, person: people.PersonView
) -> None:
    options = {
        n.id: n.label
        for n in graph.nodes(type="budget_option")
        if str(n.jurisdiction) == person.jurisdiction
    }
    about = dict(person.about_me)
    prefix = f"details_{person.id}"
    # Widget keys carry the version the form was opened on, so the draft keeps it too.
    draft = AutosavedForm(store, actor, "details", person.id, f"{prefix}_v", generations=False)
    restored = draft.restore()
    opened = editing.open_form(
        st.session_state,
        prefix,
        int(restored["version"]) if restored else person.version,
        {
            "preferred_name": person.preferred_name,
            "jurisdiction": person.jurisdiction,
            "communication": person.communication,
            "information_needs": list(person.information_needs),
            "representative_name": person.representative_name,
            "representative_authority": person.representative_authority.value,
            "representative_order_covers_welfare": _yes_no(
                person.representative_order_covers_welfare
            ),
            "representative_registered": _yes_no(person.representative_registered),
            "budget_option": person.budget_option,
            "direct_payment_start": person.direct_payment_start,
            **{f"about_{i}": about.get(h, "") for i, h in enumerate(ABOUT_ME_HEADINGS)},
        },
    )

    def save() -> None:
        draft.save({"version": opened.version})

    draft.notice("save the changes")
    st.text_input("Preferred name", key=opened.key("preferred_name"), on_change=save, max_chars=200)
    nation_names = people.jurisdictions()
    st.selectbox(  # the nation recorded when the person was added; no nation is assumed
        nations.QUESTION,
        list(nation_names),
        key=opened.key("jurisdiction"),
        on_change=save,
        format_func=lambda n: nation_names.get(n, n),
        help=nations.HELP,
    )
    st.caption(
        "To move the person to another stage, use “Move to another stage” in “Where safeguarding "
        "links in”: it lists what is still outstanding first."
    )
    st.text_area(
        "How they communicate", key=opened.key("communication"), on_change=save, max_chars=4000
    )
    st.multiselect(  # nothing is assumed: none until someone records a need
        information_needs.QUESTION,
        list(information_needs.NEEDS),
        key=opened.key("information_needs"),
        on_change=save,
        format_func=information_needs.NEEDS.__getitem__,
        help=information_needs.HELP,
        placeholder="None recorded",
    )
    st.markdown("**About me** (in the person's own words)")
    for i, heading in enumerate(ABOUT_ME_HEADINGS):
        st.text_area(heading, key=opened.key(f"about_{i}"), on_change=save, max_chars=4000)
    st.text_input(
        "Representative or advocate",
        key=opened.key("representative_name"),
        on_change=save,
        max_chars=200,
    )
    _representative_authority(person, opened, save)
    st.selectbox(
        "Way of managing the budget",
        ["", *options],
        key=opened.key("budget_option"),
        on_change=save,
        format_func=lambda o: options.get(o, "Not chosen yet"),
    )
    st.date_input(
        "Direct payment started",
        key=opened.key("direct_payment_start"),
        on_change=save,
        min_value=date(2000, 1, 1),
        format="DD/MM/YYYY",
    )
    notices.show(f"{prefix}_save")
    saved = st.button("Save changes", type="primary", key=f"{prefix}_save")
    if saved:
        try:
            people.save_changes(
                store,
                by=actor,
                person_id=person.id,
                expected_version=opened.version,
                changes=_changes(opened, person.jurisdiction),
            )
        except StaleEdit as exc:
            show_error(exc)
            st.info("Your unsaved changes are still in the form above.")
        except InvalidInput as exc:
            show_error(exc)
        else:
            draft.discard()
            opened.reset()
            notices.confirm(f"{prefix}_save", "Saved.")
            runtime.rerun()
    if opened.version != person.version and st.button(
        "Discard my changes and load the newer version", key=f"details_reload_{person.id}"
    ):
        draft.discard()
        opened.reset()
        runtime.rerun()
    text.show_small(
        f"Record version {person.version}, made under framework {person.framework_version}."
    )


ANSWERS = {"yes": "Yes", "no": "No"}
SCOPE_QUESTIONS = {
    "representative_order_covers_welfare": ORDER_QUESTION,
    "representative_registered": REGISTERED_QUESTION,
}


def _asked(field: str, authority: str, nation: str) -> bool:
    if field == "representative_registered":
        return asks_if_registered(authority)
    return asks_if_order_covers_welfare(authority, nation)


def _yes_no(answer: bool | None) -> str | None:
    return None if answer is None else ("yes" if answer else "no")


def _representative_authority(
    person: people.PersonView, opened: editing.OpenedForm, save: Any
) -> None:
    """The authorities of the person's nation only (an older record's authority stays listed so
    it keeps displaying), then the question the chosen authority needs, starting unanswered."""
    nation = person.jurisdiction
    choices = [a.value for a in authorities_for(nation)]
    current = person.representative_authority.value
    if current not in choices:
        choices.append(current)
    chosen = st.selectbox(
        "Their authority",
        choices,
        key=opened.key("representative_authority"),
        on_change=save,
        format_func=lambda a: authority_label(a, nation),
    )
    st.caption(
        "Only the authorities the law of the person's nation provides are listed. Who may sign "
        "the risk agreement for the person depends on this and on their capacity record."
    )
    for field, question in SCOPE_QUESTIONS.items():
        if _asked(field, str(chosen), nation):
            st.selectbox(
                question,
                list(ANSWERS),
                index=None,
                placeholder="Not answered yet",
                key=opened.key(field),
                on_change=save,
                format_func=ANSWERS.__getitem__,
            )


def _scope_answer(opened: editing.OpenedForm, field: str, applies: bool) -> bool | None | Any:
    """A changed answer to a question the chosen authority is asked, else left as it was."""
    value = st.session_state.get(opened.key(field))
    if not applies or value == opened.values[field]:
        return people.UNSET
    return None if value is None else value == "yes"


def _changes(opened: editing.OpenedForm, nation: str) -> people.PersonChanges:
    """The details changed since the form was opened (the others are left as they were)."""
    state = st.session_state

    def edited(name: str) -> Any:
        value = state[opened.key(name)]
        return value if value != opened.values[name] else None

    about = {h: state[opened.key(f"about_{i}")] for i, h in enumerate(ABOUT_ME_HEADINGS)}
    opened_about = {h: opened.values[f"about_{i}"] for i, h in enumerate(ABOUT_ME_HEADINGS)}
    payment_start = state[opened.key("direct_payment_start")]
    chosen = str(state[opened.key("representative_authority")])
    return people.PersonChanges(
        preferred_name=edited("preferred_name"),
        jurisdiction=edited("jurisdiction"),
        communication=edited("communication"),
        information_needs=edited("information_needs"),
        about_me=about if about != opened_about else None,
        representative_name=edited("representative_name"),
        representative_authority=edited("representative_authority"),
        budget_option=edited("budget_option"),
        direct_payment_start=payment_start
        if payment_start != opened.values["direct_payment_start"]
        else people.UNSET,
        representative_order_covers_welfare=_scope_answer(
            opened,
            "representative_order_covers_welfare",
            _asked("representative_order_covers_welfare", chosen, nation),
        ),
        representative_registered=_scope_answer(
            opened,
            "representative_registered",
            _asked("representative_registered", chosen, nation),
        ),
    )


REVIEW_RECORD_WORDS = {"held": "Held", "requested": "Asked for", "met": "Asked for, then held"}
REVIEW_STATUS_WORDS = {
    ReviewStatus.OVERDUE: "Overdue",
    ReviewStatus.DUE_SOON: "Due soon",
    ReviewStatus.NOT_DUE: "Not due yet",
}


def source_row(source: ReviewSource, state: str) -> dict[str, str]:
    """One date the next review is chosen from, as a row of the Reviews tab."""
    return {
        "Due by": words.day(source.due),
        "Where it comes from": source.described,
        "Record": f"#{source.record_id}" if source.record_id is not None else "—",
        "Agreed on": words.day_or(source.agreed_on, "—"),
        "Recorded by": source.agreed_by or "—",
        "State": state,
    }


def render_reviews(store: Store, actor: Actor, person_id: int) -> None:
    st.subheader("Reviews", anchor=False)
    plan = reviews.review_plan(store, by=actor, person_id=person_id)
    if plan.no_interval is not None:
        # Scotland and Wales: no interval in law is held, so no date is made up.
        (st.warning if plan.due is None else st.caption)(plan.no_interval)
    if plan.due is None:
        if plan.no_interval is None:
            st.write(
                "No review is scheduled until the plan is agreed, a direct payment starts or a "
                "review date is agreed."
            )
    else:
        status = REVIEW_STATUS_WORDS[plan.status] if plan.status else ""
        late = f", {plan.days_overdue} days overdue" if plan.days_overdue else ""
        source = plan.source.kind.label.lower() if plan.source else "review"
        message = f"Next review due by {words.day(plan.due)} ({source}): {status}{late}."
        (st.warning if plan.status is ReviewStatus.OVERDUE else st.write)(message)
        text.table(
            [source_row(s, "Not met yet") for s in plan.sources]
            + [source_row(s, "Met by a review held since") for s in plan.met],
            caption="Every date the next review was chosen from (the earliest not met counts)",
        )
    history = reviews.reviews_for(store, by=actor, person_id=person_id)
    if history:
        text.table(
            [
                {
                    "Held or asked for": words.day(r.held_on or r.recorded_at),
                    "State": REVIEW_RECORD_WORDS.get(r.status, r.status),
                    "Kind": r.kind.replace("_", " "),
                    "Trigger": (r.trigger or "").replace("_", " ") or "—",
                    "Notes": r.notes or "—",
                    "Recorded by": r.recorded_by,
                }
                for r in history
            ],
            caption="Reviews held and asked for",
        )
    with st.expander("Record a review, or ask for an early one"):
        with st.form(f"review_held_{person_id}"):
            held = st.date_input(
                "Held on", value=date.today(), max_value=date.today(), format="DD/MM/YYYY"
            )
            defaults.today_filled_in("Held on", "the review was held")
            kind_chosen = st.selectbox(
                "Kind",
                list(ReviewKind),
                index=None,
                placeholder="Choose the kind of review",
                format_func=lambda k: k.value.replace("_", " "),
            )
            trigger = st.selectbox(
                "What triggered it (for a triggered review)",
                [None, *ReviewTrigger],
                format_func=lambda t: "—" if t is None else t.value.replace("_", " "),
            )
            notes = st.text_area("Notes", max_chars=4000)
            if st.form_submit_button("Record review"):
                try:
                    reviews.record_review(
                        store,
                        by=actor,
                        person_id=person_id,
                        held_on=held or date.today(),
                        kind=kind_chosen or "",
                        trigger=trigger,
                        notes=notes,
                    )
                except InvalidInput as exc:
                    show_error(exc)
                else:
                    runtime.rerun()
        with st.form(f"review_request_{person_id}"):
            why = st.selectbox(
                "What has changed",
                list(ReviewTrigger),
                index=None,
                placeholder="Choose what has changed",
                format_func=lambda t: t.value.replace("_", " "),
            )
            due_by = st.date_input(
                "Due by",
                value=date.today() + reviews.REQUEST_WINDOW,
                min_value=date.today(),
                format="DD/MM/YYYY",
            )
            defaults.filled_in(
                "Due by", "four weeks from today", "the review is needed sooner or can wait longer"
            )
            reason = st.text_area("Say more", max_chars=4000)
            if st.form_submit_button("Ask for an early review"):
                try:
                    reviews.request_review(
                        store,
                        by=actor,
                        person_id=person_id,
                        trigger=why or "",
                        due_by=due_by or None,
                        notes=reason,
                    )
                except InvalidInput as exc:
                    show_error(exc)
                else:
                    runtime.rerun()
