"""The caseload as a table you click: search by name, filter by stage, reviews due and open
concerns (every filter starts unset, so nobody is hidden until the worker asks), and pick a row
to open that person's record. The record is addressed in the URL (`?person=12&section=risks`), so
a refresh, a bookmark or a link opens the same record at the same section."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import streamlit as st

from risk_app.domain import words
from risk_app.domain.record.plan import ReviewStatus
from risk_app.services.record.caseload import CaseloadEntry
from risk_app.services.record.reviews import ReviewPlan

PERSON_PARAM = "person"
SECTION_PARAM = "section"
PICK_KEY = "caseload_person"
TABLE_KEY = "caseload_table"
SHOWN_KEY = "caseload_shown_ids"
SEARCH_KEY = "caseload_search"
STAGE_KEY = "caseload_stage"
REVIEW_KEY = "caseload_review"
CONCERN_KEY = "caseload_concern"
FILTER_KEYS = (SEARCH_KEY, STAGE_KEY, REVIEW_KEY)
"""Kept while the table is out of sight (the tick for open concerns is asked again)."""

REVIEW_FILTERS: dict[str, str] = {
    "overdue": "Overdue",
    "7": "Due within 7 days (or overdue)",
    "28": "Due within 28 days (or overdue)",
    "90": "Due within 90 days (or overdue)",
}


@dataclass(frozen=True)
class Filters:
    """What the worker asked to narrow the list to; nothing set shows everyone."""

    search: str = ""
    stages: tuple[str, ...] = ()
    review: str | None = None
    open_concern_only: bool = False


def review_words(plan: ReviewPlan | None) -> str:
    """The next review date; where the nation's law sets no interval and none is agreed, that one
    is to be agreed (never a made-up date)."""
    if plan is None or plan.due is None:
        return "To be agreed" if plan is not None and plan.no_interval else "—"
    return words.day(plan.due)


def _review_matches(plan: ReviewPlan, review: str, today: date) -> bool:
    if plan.due is None:
        return False
    if review == "overdue":
        return plan.status is ReviewStatus.OVERDUE or plan.due < today
    return plan.due <= today + timedelta(days=int(review))


def matching(
    entries: Iterable[CaseloadEntry], filters: Filters, today: date
) -> list[CaseloadEntry]:
    """The people the filters leave, in the caseload's order (by name)."""
    needle = filters.search.strip().casefold()
    found = []
    for e in entries:
        if needle and needle not in f"{e.display_name} {e.preferred_name}".casefold():
            continue
        if filters.stages and e.current_stage not in filters.stages:
            continue
        if filters.review is not None and not _review_matches(e.review, filters.review, today):
            continue
        if filters.open_concern_only and e.open_concern is None:
            continue
        found.append(e)
    return found


def asked_person() -> str | None:
    """The person the address names, as given (checked by the caller)."""
    value = st.query_params.get(PERSON_PARAM)
    return value if isinstance(value, str) else None


def open_person(person_id: int | None) -> None:
    """Point the address (and so a refresh) at this person's record, or at none."""
    if person_id is None:
        st.query_params.pop(PERSON_PARAM, None)
    else:
        st.query_params[PERSON_PARAM] = str(person_id)


def _picked_from_box() -> None:
    chosen = st.session_state.get(PICK_KEY)
    open_person(chosen if isinstance(chosen, int) else None)


def _picked_from_table() -> None:
    state = st.session_state.get(TABLE_KEY)
    rows = list(state["selection"]["rows"]) if state else []
    shown = st.session_state.get(SHOWN_KEY, [])
    if rows and 0 <= rows[0] < len(shown):
        open_person(shown[rows[0]])
        st.session_state[PICK_KEY] = shown[rows[0]]


def render_picker(entries: list[CaseloadEntry], chosen: int | None) -> None:
    """The keyboard way in: a select box of everyone on the caseload, nobody chosen until asked."""
    names = {e.id: e.display_name for e in entries}
    st.session_state[PICK_KEY] = chosen if chosen in names else None
    st.selectbox(
        "Open a person's record",
        list(names),
        format_func=names.__getitem__,
        index=None,
        placeholder="Choose a person, or click a row in the table",
        key=PICK_KEY,
        on_change=_picked_from_box,
    )


def _filters(stage_label: Mapping[str, str], stages: Iterable[str]) -> Filters:
    search, stage, review, concern = st.columns([3, 3, 3, 2], vertical_alignment="bottom")
    with search:
        typed = st.text_input("Search by name", key=SEARCH_KEY, placeholder="Part of a name")
    with stage:
        chosen_stages = st.multiselect(
            "Stage",
            list(dict.fromkeys(stages)),
            format_func=lambda s: stage_label.get(s, s),
            key=STAGE_KEY,
            placeholder="Any stage",
        )
    with review:
        due = st.selectbox(
            "Next review",
            list(REVIEW_FILTERS),
            format_func=REVIEW_FILTERS.__getitem__,
            index=None,
            key=REVIEW_KEY,
            placeholder="Any date",
        )
    with concern:
        only = st.checkbox("Open safeguarding concern only", key=CONCERN_KEY)
    return Filters(typed or "", tuple(chosen_stages), due, bool(only))


def render_table(
    entries: list[CaseloadEntry],
    *,
    stage_label: Mapping[str, str],
    nations: Mapping[str, str],
    today: date,
) -> None:
    """Search, filters and the clickable table of the caseload."""
    filters = _filters(stage_label, sorted(e.current_stage for e in entries))
    shown = matching(entries, filters, today)
    st.session_state[SHOWN_KEY] = [e.id for e in shown]
    st.caption(f"{len(shown)} of {len(entries)} people. Click a row to open the record.")
    if not shown:
        st.info("Nobody on the caseload matches these filters.")
        return
    st.dataframe(
        [
            {
                "Name": e.display_name,
                "Preferred name": e.preferred_name,
                "Stage": stage_label.get(e.current_stage, e.current_stage),
                "Next review": review_words(e.review),
                "Open concern": "Yes" if e.open_concern is not None else "No",
                "Nation": nations.get(e.jurisdiction, e.jurisdiction),
                "Last changed": words.moment(e.updated_at),
            }
            for e in shown
        ],
        hide_index=True,
        width="stretch",
        height=min(36 * (len(shown) + 1) + 2, 420),
        key=TABLE_KEY,
        on_select=_picked_from_table,
        selection_mode="single-row",
    )
