"""One person's record: a compact header, a section control bound to the address
(`?person=12&section=meetings`), and only the chosen section drawn (not every tab).

The section control and the section are a Streamlit fragment: choosing a section, or a click or
save inside one, reruns them alone, not the caseload and the header above. A fragment's own rerun skips the page's top,
so the section checks again who is signed in and reads the record again; and after it has drawn,
it reads what the header shows (name, stage, next review, open concern, nation) and reruns the
whole page if any of that has changed, so the header never contradicts the section below it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import streamlit as st

from framework import FrameworkGraph
from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor, Page
from risk_app.domain.errors import InvalidInput, NotPermitted, RiskAppError
from risk_app.services.record import caseload, people
from risk_app.services.record.caseload import CaseloadEntry
from risk_app.services.record.people import PersonView
from risk_app.ui import guard, runtime, text
from risk_app.ui.agreements import agreement_views
from risk_app.ui.record import (
    check_views,
    circle_views,
    decision_views,
    meeting_views,
    person_views,
    risk_views,
    safeguarding_views,
    shared_views,
    stage_detail,
    whole_record_views,
)
from risk_app.ui.record.caseload_table import SECTION_PARAM, review_words

SECTION_KEY = "record_section"
HEADER_SHOWN = "record_header_shown"
"""What the header drew on the last whole run: the section's own reruns compare against it."""
MAX_ID_DIGITS = 10
NOT_OPENED = "You cannot open this record. Check the link, or choose someone from the caseload."
"""The same words for a record that does not exist and one the worker may not see."""


@dataclass(frozen=True)
class Context:
    store: Store
    actor: Actor
    graph: FrameworkGraph
    person: PersonView
    stage_label: Mapping[str, str]


def _journey(c: Context) -> None:
    person_views.render_journey(c.store, c.actor, c.graph, c.person.id)
    check_views.render(c.store, c.actor, c.person.id, c.person.jurisdiction)
    st.subheader("Journey so far", anchor=False)
    text.table(
        [
            {
                "Stage": c.stage_label.get(v.stage, v.stage),
                "Entered": words.moment(v.entered_at),
                "Recorded by": v.recorded_by,
                "Framework version": v.framework_version,
                "Reason to move on with touchpoints outstanding": v.reason or "—",
            }
            for v in c.person.history
        ]
    )


def _details(c: Context) -> None:
    person_views.render_details(c.store, c.actor, c.graph, c.person)
    whole_record_views.render(c.store, c.actor, c.person.id)


def _framework(c: Context) -> None:
    stage_detail.render(
        c.graph,
        c.person.current_stage,
        budget_option=c.person.budget_option or None,
        jurisdiction=c.person.jurisdiction,
    )


@dataclass(frozen=True)
class Section:
    key: str
    """Its name in the address: `?section=<key>`."""
    label: str
    render: Callable[[Context], None]


SECTIONS: tuple[Section, ...] = (
    Section("journey", "Where safeguarding links in", _journey),
    Section(
        "risks",
        "Risks and who owns what",
        lambda c: risk_views.render_risks(c.store, c.actor, c.graph, c.person.id),
    ),
    Section(
        "decisions",
        "Decisions and panels",
        lambda c: decision_views.render_decisions(c.store, c.actor, c.graph, c.person),
    ),
    Section(
        "meetings",
        "Multi-agency meetings",
        lambda c: meeting_views.render(
            c.store, c.actor, c.person.id, person_name=c.person.display_name
        ),
    ),
    # The people around the person goes here, beside the meetings that draw on it:
    Section(
        "people",
        "The people around the person",
        lambda c: circle_views.render(c.store, c.actor, c.person.id),
    ),
    Section(
        "agreement",
        "Risk agreement",
        lambda c: agreement_views.render_staff(c.store, c.actor, c.person),
    ),
    Section(
        "concern",
        "Safeguarding concern",
        lambda c: safeguarding_views.render(
            c.store, c.actor, c.graph, c.person.id, jurisdiction=c.person.jurisdiction
        ),
    ),
    Section(
        "sharing",
        "What the person can read",
        lambda c: shared_views.render_sharing(c.store, c.actor, c.person.id),
    ),
    Section("details", "Details and About Me", _details),
    Section("framework", "The framework at this stage", _framework),
)
BY_KEY = {s.key: s for s in SECTIONS}
DEFAULT_SECTION = SECTIONS[0].key


def parse_person(raw: str | None) -> int | None:
    """A record number from the address, or None for anything that is not one."""
    if raw is None or not raw.isascii() or not raw.isdigit() or len(raw) > MAX_ID_DIGITS:
        return None
    number = int(raw)
    return number if number >= 1 else None


def load(store: Store, actor: Actor, raw: str) -> PersonView | None:
    """The record the address names, or None (with one message, whether it is missing, forbidden
    or not a number: the answer never says which)."""
    person_id = parse_person(raw)
    try:
        if person_id is None:
            raise NotPermitted()
        return people.get_person(store, by=actor, person_id=person_id)
    except (NotPermitted, InvalidInput):
        text.show_error(NOT_OPENED)
        return None


def chosen_section() -> str:
    asked = st.query_params.get(SECTION_PARAM)
    return asked if isinstance(asked, str) and asked in BY_KEY else DEFAULT_SECTION


def _section_changed() -> None:
    st.query_params[SECTION_PARAM] = st.session_state[SECTION_KEY]


def _go_to_concern() -> None:
    st.query_params[SECTION_PARAM] = "concern"


HeaderFacts = tuple[str, str, str, str, bool]


def _facts(c: Context, entry: CaseloadEntry) -> HeaderFacts:
    stage = c.stage_label.get(entry.current_stage, entry.current_stage)
    nation = people.jurisdictions().get(entry.jurisdiction, entry.jurisdiction)
    return (entry.display_name, stage, nation, review_words(entry.review), bool(entry.open_concern))


def _header(c: Context, entry: CaseloadEntry) -> None:
    name, stage, nation, review, has_open = shown = _facts(c, entry)
    st.session_state[HEADER_SHOWN] = (entry.id, shown)
    text.heading(name, level=2)
    stage_column, review_column, concern, where = st.columns([3, 2, 2, 2])
    with stage_column:
        text.fields([("Stage", stage)])
    with review_column:
        text.fields([("Next review", review)])
    with where:
        text.fields([("Nation", nation)])
    with concern:
        text.fields([("Open safeguarding concern", "Yes" if has_open else "No")])
        if has_open:
            st.button(
                "Go to the open concern",
                key="record_go_to_concern",
                on_click=_go_to_concern,
                type="tertiary",
            )


def _header_changed(c: Context) -> bool:
    """After a save in the section: does the header still show what the record says?"""
    now = caseload.entry(c.store, by=c.actor, person_id=c.person.id)
    return st.session_state.get(HEADER_SHOWN) != (c.person.id, _facts(c, now))


def render(
    store: Store,
    actor: Actor,
    graph: FrameworkGraph,
    person: PersonView,
    *,
    stage_label: Mapping[str, str],
    entry: CaseloadEntry | None,
) -> None:
    """The header, the section control and the chosen section alone."""
    c = Context(store, actor, graph, person, stage_label)
    _header(c, entry or caseload.entry(store, by=actor, person_id=person.id))
    _sections(c)


@st.fragment
def _sections(c: Context) -> None:
    """The section control and the chosen section: a choice or a save here reruns them alone.
    On their own reruns, checked and read again as the page's top would."""
    own_rerun = runtime.in_fragment_rerun()
    if own_rerun:
        actor = guard.recheck(Page.CASELOAD)
        try:
            person = people.get_person(c.store, by=actor, person_id=c.person.id)
        except (NotPermitted, InvalidInput):  # no longer theirs to see: the page says so
            st.rerun(scope="app")
        c = replace(c, actor=actor, person=person)
        # A save made by a callback, or in the run before this one (which reran to show it):
        # redraw the whole page before anything here is drawn (or a message shown once is used up).
        if _header_changed(c):
            st.rerun(scope="app")
    chosen = chosen_section()
    if st.query_params.get(SECTION_PARAM) != chosen:  # none, or one we do not have: say which
        st.query_params[SECTION_PARAM] = chosen
    st.session_state[SECTION_KEY] = chosen
    labels = {s.key: s.label for s in SECTIONS}
    key = st.radio(
        "Section of the record",
        list(labels),
        format_func=labels.__getitem__,
        horizontal=True,
        key=SECTION_KEY,
        on_change=_section_changed,
    )
    section = BY_KEY[key or DEFAULT_SECTION]
    with st.container(key="record_section_body"):
        _where(c)
        try:
            section.render(c)
        except RiskAppError as exc:  # the page's own catch is not around the section's reruns
            text.show_error(exc)
    if own_rerun and _header_changed(c):  # a save in this run that did not rerun
        st.rerun(scope="app")


def _where(c: Context) -> None:
    person = c.person
    nation = people.jurisdictions().get(person.jurisdiction, person.jurisdiction)
    stage = c.stage_label.get(person.current_stage, person.current_stage)
    text.show_small(
        f"Currently at stage {stage} (record version {person.version}, framework "
        f"{person.framework_version}). Lives in {nation}: the law of {nation} applies to this "
        "record."
    )
