from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.plan import (
    CheckResult,
    PlanOutcome,
    ReviewKind,
    ReviewStatus,
    ValidationCheck,
    add_months,
    days_overdue,
    next_review_due,
    next_review_kind,
    plan_decision,
    review_status,
)

PASSED = {c: CheckResult(True, f"{c.label} checked with the person") for c in ValidationCheck}


def test_every_check_needs_a_reason():
    with pytest.raises(InvalidInput, match="Give a reason"):
        CheckResult(True, "  ")


def test_a_plan_with_a_missing_check_cannot_be_decided_and_the_check_is_named():
    checks: dict[ValidationCheck, CheckResult] = {
        c: r for c, r in PASSED.items() if c is not ValidationCheck.LEGAL
    }
    with pytest.raises(InvalidInput, match="Still to record: legal"):
        plan_decision(checks, [], {}, PlanOutcome.AGREED)


def test_a_plan_that_passes_every_check_can_be_agreed():
    decision = plan_decision(PASSED, [], {}, PlanOutcome.AGREED)
    assert decision.outcome is PlanOutcome.AGREED
    assert decision.conditions == ""


def test_a_plan_with_a_failed_check_cannot_be_agreed():
    checks = {**PASSED, ValidationCheck.CONTINGENCY: CheckResult(False, "No back-up if PA is ill")}
    with pytest.raises(InvalidInput, match="contingency: No back-up if PA is ill"):
        plan_decision(checks, [], {}, PlanOutcome.AGREED)
    with pytest.raises(InvalidInput, match="did not pass"):
        plan_decision(checks, [], {}, PlanOutcome.AGREED_WITH_CONDITIONS, "Find a back-up")


def test_a_plan_with_an_unresolved_high_residual_risk_cannot_be_agreed_without_a_route():
    with pytest.raises(InvalidInput, match="without a recorded route.*R2"):
        plan_decision(PASSED, ["R1", "R2"], {"R1": "RT2", "R2": " "}, PlanOutcome.AGREED)


def test_a_high_residual_risk_with_a_recorded_route_does_not_block_agreement():
    decision = plan_decision(PASSED, ["R1"], {"R1": "RT2"}, PlanOutcome.AGREED)
    assert any("R1" in r and "RT2" in r for r in decision.reasons)


def test_only_allowed_routes_count_when_the_organisation_lists_them():
    with pytest.raises(InvalidInput, match="R1"):
        plan_decision(
            PASSED, ["R1"], {"R1": "RT1"}, PlanOutcome.AGREED, allowed_routes={"RT2", "RT3", "RT4"}
        )


def test_agreeing_with_conditions_needs_the_conditions_written_down():
    with pytest.raises(InvalidInput, match="Write down the conditions"):
        plan_decision(PASSED, [], {}, PlanOutcome.AGREED_WITH_CONDITIONS, "  ")
    decision = plan_decision(
        PASSED, [], {}, PlanOutcome.AGREED_WITH_CONDITIONS, " Review the PA rota in 8 weeks "
    )
    assert decision.conditions == "Review the PA rota in 8 weeks"


def test_conditions_given_with_a_plain_agreement_are_not_silently_dropped():
    with pytest.raises(InvalidInput, match="agreed with conditions"):
        plan_decision(PASSED, [], {}, PlanOutcome.AGREED, "Weekly check-in")


@pytest.mark.parametrize(
    "outcome", [PlanOutcome.REFERRED_TO_PANEL, PlanOutcome.REFERRED_TO_SAFEGUARDING]
)
def test_a_plan_can_always_be_referred_on_whatever_the_checks_show(outcome):
    failed = {c: CheckResult(False, "Not yet") for c in ValidationCheck}
    decision = plan_decision(failed, ["R9"], {}, outcome)
    assert decision.outcome is outcome
    assert any("effective" in r for r in decision.reasons)
    assert any("R9" in r for r in decision.reasons)


# ---------------------------------------------------------------------- reviews
def test_a_direct_payment_is_first_reviewed_within_six_months():
    assert next_review_due(date(2026, 1, 15), None, plan_agreed=date(2026, 1, 2)) == date(
        2026, 7, 15
    )
    assert next_review_kind(date(2026, 1, 15), None) is ReviewKind.FIRST_DIRECT_PAYMENT


def test_six_months_from_the_end_of_a_month_clamps_to_the_shorter_month():
    assert next_review_due(date(2025, 8, 31), None, plan_agreed=date(2025, 8, 1)) == date(
        2026, 2, 28
    )
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)


def test_after_a_review_a_direct_payment_is_reviewed_at_most_twelve_months_later():
    due = next_review_due(date(2026, 1, 15), date(2026, 6, 30), plan_agreed=date(2026, 1, 2))
    assert due == date(2027, 6, 30)
    assert next_review_kind(date(2026, 1, 15), date(2026, 6, 30)) is ReviewKind.SCHEDULED


def test_a_review_before_the_direct_payment_started_is_not_its_first_review():
    due = next_review_due(date(2026, 3, 1), date(2026, 2, 1), plan_agreed=date(2025, 3, 1))
    assert due == date(2026, 9, 1)


def test_a_plan_without_a_direct_payment_is_reviewed_within_twelve_months():
    assert next_review_due(None, None, plan_agreed=date(2024, 2, 29)) == date(2025, 2, 28)
    assert next_review_due(None, date(2026, 4, 10), plan_agreed=date(2025, 5, 1)) == date(
        2027, 4, 10
    )


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@given(dp_start=st.none() | dates, last_review=st.none() | dates, plan_agreed=dates)
def test_next_review_due_is_never_earlier_than_its_start(dp_start, last_review, plan_agreed):
    due = next_review_due(dp_start, last_review, plan_agreed=plan_agreed)
    if dp_start is not None:
        assert due > dp_start
        assert due <= add_months(max(dp_start, last_review or dp_start), 12)
    if last_review is not None:
        assert due > last_review
    if dp_start is None:
        assert due > plan_agreed


@given(start=dates, months=st.integers(0, 48))
def test_adding_months_keeps_the_day_or_clamps_to_the_month_end(start, months):
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day == start.day or (result + timedelta(days=1)).day == 1


def test_a_review_past_its_date_is_overdue_by_whole_days():
    due = date(2026, 6, 1)
    assert review_status(due, date(2026, 6, 4)) is ReviewStatus.OVERDUE
    assert days_overdue(due, date(2026, 6, 4)) == 3


def test_a_review_due_today_or_within_the_warning_period_is_due_soon():
    due = date(2026, 6, 1)
    assert review_status(due, due) is ReviewStatus.DUE_SOON
    assert review_status(due, due - timedelta(days=28)) is ReviewStatus.DUE_SOON
    assert review_status(due, due - timedelta(days=29)) is ReviewStatus.NOT_DUE
    assert review_status(due, due - timedelta(days=10), due_soon_days=7) is ReviewStatus.NOT_DUE
    assert days_overdue(due, due) == 0


def test_a_negative_warning_period_is_refused():
    with pytest.raises(InvalidInput, match="cannot be negative"):
        review_status(date(2026, 6, 1), date(2026, 5, 1), due_soon_days=-1)
