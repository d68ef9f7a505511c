"""The caseload's search and filters: nothing set shows everyone; each filter narrows."""

from __future__ import annotations

from datetime import UTC, date, datetime

from risk_app.domain.record.plan import ReviewStatus
from risk_app.services.record.caseload import CaseloadEntry
from risk_app.services.record.reviews import ReviewPlan
from risk_app.ui.record.caseload_table import Filters, matching, review_words

TODAY = date(2027, 3, 1)


def _plan(due: date | None, status: ReviewStatus | None = None) -> ReviewPlan:
    return ReviewPlan(
        due=due, kind=None, status=status, days_overdue=0, last_review=None, open_requests=()
    )


def _entry(pid: int, name: str, stage: str, due: date | None, concern: int | None) -> CaseloadEntry:
    return CaseloadEntry(
        id=pid,
        display_name=name,
        preferred_name="",
        current_stage=stage,
        jurisdiction="england",
        updated_at=datetime(2027, 1, 1, tzinfo=UTC),
        version=1,
        review=_plan(due, ReviewStatus.OVERDUE if due and due < TODAY else None),
        open_concern=concern,
    )


PEOPLE = [
    _entry(1, "Amina Okafor", "S1", date(2027, 2, 1), None),
    _entry(2, "Beth Jones", "S2", date(2027, 3, 5), 9),
    _entry(3, "Dave O'Neill", "S2", date(2027, 5, 1), None),
    _entry(4, "Eilidh MacLeod", "S3", None, None),
]


def _ids(filters: Filters) -> list[int]:
    return [e.id for e in matching(PEOPLE, filters, TODAY)]


def test_no_filter_set_shows_everyone_in_the_caseloads_order():
    assert _ids(Filters()) == [1, 2, 3, 4]


def test_search_matches_part_of_a_name_ignoring_case_and_spaces_around():
    assert _ids(Filters(search="  okaf ")) == [1]
    assert _ids(Filters(search="o'neill")) == [3]
    assert _ids(Filters(search="nobody")) == []


def test_stage_filter_keeps_the_chosen_stages():
    assert _ids(Filters(stages=("S2",))) == [2, 3]


def test_reviews_due_within_days_include_the_overdue_and_leave_those_without_a_date():
    assert _ids(Filters(review="overdue")) == [1]
    assert _ids(Filters(review="7")) == [1, 2]
    assert _ids(Filters(review="90")) == [1, 2, 3]


def test_open_concern_filter_keeps_people_with_a_concern_not_yet_closed():
    assert _ids(Filters(open_concern_only=True)) == [2]


def test_filters_combine():
    assert _ids(Filters(stages=("S2",), review="7", open_concern_only=True)) == [2]


def test_a_review_without_a_date_is_never_made_up():
    assert review_words(None) == "—"
    assert review_words(_plan(None)) == "—"
