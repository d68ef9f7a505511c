"""One next review: the earliest date not yet met, with where it comes from."""

from __future__ import annotations

from datetime import date

from risk_app.domain.record.next_review import ReviewSource, SourceKind, next_review

RULE = ReviewSource(SourceKind.SCHEDULED, date(2027, 12, 5))
PANEL = ReviewSource(SourceKind.PANEL, date(2027, 1, 30), 7, date(2026, 12, 5), "pat")
MEETING = ReviewSource(SourceKind.MEETING, date(2027, 1, 30), 3, date(2026, 12, 1), "mo")
CONDITION = ReviewSource(SourceKind.PLAN_CONDITIONS, date(2027, 1, 16), 2, date(2026, 12, 5), "pat")


def test_a_panel_date_earlier_than_the_twelve_month_rule_is_the_next_review():
    found = next_review([RULE, PANEL])
    assert found.due == date(2027, 1, 30)
    assert found.source == PANEL
    assert found.sources == (PANEL, RULE)


def test_every_source_is_kept_earliest_first_with_who_agreed_it_and_when():
    found = next_review([RULE, PANEL, CONDITION, MEETING])
    assert found.source == CONDITION
    assert [s.kind for s in found.sources] == [
        SourceKind.PLAN_CONDITIONS,
        SourceKind.PANEL,
        SourceKind.MEETING,
        SourceKind.SCHEDULED,
    ]
    assert (found.source.agreed_on, found.source.agreed_by, found.source.record_id) == (
        date(2026, 12, 5),
        "pat",
        2,
    )


def test_a_review_held_on_or_after_the_day_a_date_was_agreed_meets_it():
    found = next_review([RULE, PANEL, CONDITION], last_review=date(2026, 12, 5))
    assert found.source == RULE
    assert set(found.met) == {PANEL, CONDITION}


def test_a_review_held_before_the_day_a_date_was_agreed_does_not_meet_it():
    found = next_review([RULE, PANEL], last_review=date(2026, 12, 4))
    assert found.source == PANEL
    assert found.met == ()


def test_a_review_held_early_still_meets_a_later_agreed_date():
    found = next_review([PANEL], last_review=date(2027, 1, 2))
    assert found.source is None and found.met == (PANEL,)


def test_the_rule_and_open_requests_are_never_met_by_an_earlier_review():
    request = ReviewSource(SourceKind.REQUEST, date(2027, 1, 2), 9, date(2026, 12, 5), "pat")
    found = next_review([RULE, request], last_review=date(2026, 12, 5))
    assert found.sources == (request, RULE)


def test_ties_prefer_a_date_people_agreed_then_a_request_then_the_rule_then_earlier_agreement():
    day = date(2027, 1, 30)
    rule = ReviewSource(SourceKind.SCHEDULED, day)
    request = ReviewSource(SourceKind.REQUEST, day, 1, date(2026, 12, 1), "a")
    found = next_review([rule, request, PANEL, MEETING])
    assert found.sources == (PANEL, MEETING, request, rule)
    assert next_review([MEETING, PANEL, request, rule]).sources == found.sources
    later_panel = ReviewSource(SourceKind.PANEL, day, 8, date(2026, 12, 6), "b")
    assert next_review([later_panel, PANEL]).source == PANEL


def test_no_sources_means_no_next_review():
    found = next_review([])
    assert (found.source, found.due, found.sources, found.met) == (None, None, (), ())


def test_the_person_is_told_in_plain_words_where_the_date_comes_from():
    assert PANEL.plain == "This date was agreed at a panel meeting about you on 5 December 2026."
    assert RULE.plain == "Plans are looked at again at least once a year."
    assert all(ReviewSource(kind, date(2027, 1, 1)).plain for kind in SourceKind)
