"""Ages of late work in bands: every day late falls in exactly one band."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.late_bands import LATE_BANDS, band_of, count_by_band


@given(st.integers(min_value=1, max_value=10_000))
def test_every_day_late_falls_in_exactly_one_band(days: int):
    assert sum(band.holds(days) for band in LATE_BANDS) == 1


@pytest.mark.parametrize(
    ("days", "label"),
    [
        (1, "1 to 7 days late"),
        (7, "1 to 7 days late"),
        (8, "8 to 28 days late"),
        (28, "8 to 28 days late"),
        (29, "More than 28 days late"),
    ],
)
def test_the_band_edges_are_a_week_and_four_weeks(days: int, label: str):
    assert band_of(days).label == label


@pytest.mark.parametrize("days", [0, -3])
def test_something_not_yet_late_has_no_late_band(days: int):
    with pytest.raises(InvalidInput, match="past its date"):
        band_of(days)


def test_counts_name_every_band_in_order_even_when_empty():
    assert count_by_band([3, 40, 2]) == {
        "1 to 7 days late": 2,
        "8 to 28 days late": 0,
        "More than 28 days late": 1,
    }
