from __future__ import annotations

import json
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.risk import (
    BUILT_IN_SCALES,
    NPSA_2008,
    THREE_BAND_5X5,
    HarmDirection,
    Level,
    Rating,
    RiskBand,
    RiskScale,
    RiskView,
    is_high,
    matrix_cells,
    ratings_differ,
    residual,
)

THREE = (Level(1, "Low"), Level(2, "Medium"), Level(3, "High"))


def _scale(bands: tuple[RiskBand, ...], levels: tuple[Level, ...] = THREE) -> RiskScale:
    return RiskScale("Test", levels, levels, bands)


def test_the_default_scale_keeps_its_three_bands_on_a_five_by_five_matrix():
    assert [lv.label for lv in THREE_BAND_5X5.likelihoods] == [
        "Rare",
        "Unlikely",
        "Possible",
        "Likely",
        "Almost certain",
    ]
    assert [lv.label for lv in THREE_BAND_5X5.impacts] == [
        "Insignificant",
        "Minor",
        "Moderate",
        "Major",
        "Catastrophic",
    ]
    assert [(b.name, b.min_score, b.max_score, b.escalate) for b in THREE_BAND_5X5.bands] == [
        ("Low", 1, 4, False),
        ("Medium", 5, 12, False),
        ("High", 15, 25, True),
    ]


def test_the_default_scale_no_longer_claims_to_be_the_npsa_or_nhs_matrix():
    """Law review row 26: the default's bands are not the NPSA 2008 matrix, so it is named as
    risk-app's own three-band scale."""
    assert "NPSA" not in THREE_BAND_5X5.name
    assert "NHS" not in THREE_BAND_5X5.name
    assert "three-band" in THREE_BAND_5X5.name


def test_the_npsa_2008_scale_grades_low_moderate_high_and_extreme():
    """NPSA, "A risk matrix for risk managers" (January 2008; guidance): 1-3, 4-6, 8-12, 15-25."""
    assert [(b.name, b.min_score, b.max_score) for b in NPSA_2008.bands] == [
        ("Low", 1, 3),
        ("Moderate", 4, 6),
        ("High", 8, 12),
        ("Extreme", 15, 25),
    ]
    assert [lv.label for lv in NPSA_2008.impacts] == [
        "Negligible",
        "Minor",
        "Moderate",
        "Major",
        "Catastrophic",
    ]
    assert [lv.label for lv in NPSA_2008.likelihoods] == [
        "Rare",
        "Unlikely",
        "Possible",
        "Likely",
        "Almost certain",
    ]
    assert "guidance" in NPSA_2008.name and "2008" in NPSA_2008.name


@given(st.integers(1, 5), st.integers(1, 5))
def test_every_npsa_2008_score_falls_in_exactly_one_band(likelihood, impact):
    score = NPSA_2008.score(likelihood, impact)
    assert sum(band.contains(score) for band in NPSA_2008.bands) == 1


def test_an_organisation_can_choose_a_built_in_scale_by_name():
    assert BUILT_IN_SCALES["npsa-2008"] is NPSA_2008
    assert BUILT_IN_SCALES["risk-app-three-band"] is THREE_BAND_5X5


def test_a_score_is_likelihood_times_impact():
    assert THREE_BAND_5X5.score(3, 4) == 12
    assert THREE_BAND_5X5.rate(4, 4) == Rating(4, 4, 16, "High")
    assert THREE_BAND_5X5.rate(1, 4).band == "Low"
    assert THREE_BAND_5X5.rate(5, 1).band == "Medium"


@pytest.mark.parametrize(("likelihood", "impact"), [(0, 3), (6, 3), (3, 0), (3, 6), (True, 3)])
def test_levels_outside_the_scale_are_refused(likelihood, impact):
    with pytest.raises(InvalidInput, match="whole number from 1"):
        THREE_BAND_5X5.score(likelihood, impact)


def test_a_score_the_matrix_cannot_produce_has_no_band():
    with pytest.raises(InvalidInput, match="No band .* covers a score of 13"):
        THREE_BAND_5X5.band(13)


def test_scores_that_no_five_by_five_cell_produces_need_no_band():
    assert 13 not in THREE_BAND_5X5.achievable_scores()
    assert 14 not in THREE_BAND_5X5.achievable_scores()
    assert {15, 16, 20, 25} <= THREE_BAND_5X5.achievable_scores()


@given(st.integers(1, 5), st.integers(1, 5))
def test_every_achievable_score_maps_to_exactly_one_band(likelihood, impact):
    score = THREE_BAND_5X5.score(likelihood, impact)
    assert sum(band.contains(score) for band in THREE_BAND_5X5.bands) == 1
    assert THREE_BAND_5X5.band(score).name == THREE_BAND_5X5.rate(likelihood, impact).band


@given(st.integers(2, 6), st.integers(2, 6), st.data())
def test_any_valid_configured_scale_bands_every_cell_once(n_likelihood, n_impact, data):
    likelihoods = tuple(Level(i, f"L{i}") for i in range(1, n_likelihood + 1))
    impacts = tuple(Level(i, f"I{i}") for i in range(1, n_impact + 1))
    top = n_likelihood * n_impact
    cuts = sorted(data.draw(st.sets(st.integers(1, top - 1), max_size=3)))
    edges = [0, *cuts, top]
    bands = tuple(
        RiskBand(f"B{i}", lo + 1, hi, "#123456") for i, (lo, hi) in enumerate(pairwise(edges))
    )
    try:
        scale = RiskScale("Generated", likelihoods, impacts, bands)
    except InvalidInput as error:
        # Only a band holding no achievable score may be refused.
        assert "contains no score" in str(error)
        return
    for lk, im, score, band in matrix_cells(scale):
        assert score == lk * im
        assert [b.name for b in scale.bands if b.contains(score)] == [band]


def test_bands_that_leave_a_gap_are_refused_naming_the_gap():
    bands = (RiskBand("Low", 1, 2, "#00ff00"), RiskBand("High", 6, 9, "#ff0000"))
    with pytest.raises(InvalidInput, match=r"gap: no band covers the score\(s\) 3-4"):
        _scale(bands)


def test_overlapping_bands_are_refused_naming_both():
    bands = (RiskBand("Low", 1, 4, "#00ff00"), RiskBand("High", 4, 9, "#ff0000"))
    with pytest.raises(InvalidInput, match="'Low' .* and 'High' .* overlap"):
        _scale(bands)


def test_bands_out_of_order_are_refused():
    bands = (RiskBand("High", 5, 9, "#ff0000"), RiskBand("Low", 1, 4, "#00ff00"))
    with pytest.raises(InvalidInput, match="lowest to highest"):
        _scale(bands)


def test_a_band_with_no_achievable_score_is_refused():
    bands = (
        RiskBand("Low", 1, 4, "#00ff00"),
        RiskBand("Odd", 5, 5, "#888888"),
        RiskBand("High", 6, 9, "#ff0000"),
    )
    with pytest.raises(InvalidInput, match="'Odd' .* contains no score"):
        _scale(bands)


def test_a_scale_needs_at_least_two_levels_on_each_axis():
    with pytest.raises(InvalidInput, match="at least two likelihood levels"):
        RiskScale("One", (Level(1, "Only"),), THREE, (RiskBand("All", 1, 3, "#000"),))


def test_levels_must_be_numbered_consecutively_from_one():
    levels = (Level(1, "a"), Level(3, "b"), Level(4, "c"))
    with pytest.raises(InvalidInput, match="numbered 1, 3, 4"):
        RiskScale("Gappy", levels, THREE, (RiskBand("All", 1, 12, "#000"),))


def test_a_band_colour_must_be_hex():
    with pytest.raises(InvalidInput, match="hex colour"):
        RiskBand("Low", 1, 4, "green")


def test_a_band_must_not_end_before_it_starts():
    with pytest.raises(InvalidInput, match="must not be above the end"):
        RiskBand("Low", 4, 1, "#00ff00")


CONFIG = {
    "name": "Our 3x3",
    "likelihoods": ["Unlikely", {"label": "Possible"}, {"score": 3, "label": "Likely"}],
    "impacts": [
        {"label": "Minor", "description": "Soon over"},
        {"label": "Serious"},
        {"label": "Severe"},
    ],
    "bands": [
        {"name": "Low", "min_score": 1, "max_score": 2, "colour": "#2E7D32"},
        {"name": "Medium", "min": 3, "max": 4, "color": "#F2A900"},
        {"name": "High", "min_score": 6, "max_score": 9, "colour": "#C62828", "escalate": True},
    ],
}


def test_an_organisation_can_load_its_own_scale_from_configuration():
    scale = RiskScale.from_mapping(json.loads(json.dumps(CONFIG)))
    assert scale.name == "Our 3x3"
    assert scale.impacts[0] == Level(1, "Minor", "Soon over")
    assert scale.rate(3, 3) == Rating(3, 3, 9, "High")
    assert scale.band_named("High").escalate


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"likelihoods": "Low, High"}, "'likelihoods' must be a list"),
        ({"impacts": [1, 2]}, "Item 1 of 'impacts' must be a label or a mapping"),
        ({"impacts": [{"label": "A"}, {"label": "B", "score": 5}]}, "it should be 2"),
        ({"bands": [{"name": "All", "min_score": 1, "colour": "#000"}]}, "'max_score'"),
        ({"bands": [{"name": "All", "min": 1, "max": 9, "colour": 3}]}, "needs a 'colour'"),
        (
            {"bands": [{"name": "All", "min": 1, "max": 9, "colour": "#000", "escalate": "yes"}]},
            "true or false",
        ),
        ({"colour_scheme": "dark"}, "unknown keys: colour_scheme"),
        ({"name": ""}, "'name'"),
    ],
)
def test_a_badly_shaped_configuration_is_refused_with_a_clear_message(change, message):
    with pytest.raises(InvalidInput, match=message):
        RiskScale.from_mapping({**CONFIG, **change})


def test_a_configuration_that_is_not_a_mapping_is_refused():
    with pytest.raises(InvalidInput, match="must be a mapping"):
        RiskScale.from_mapping(["not", "a", "mapping"])  # type: ignore[arg-type]


def test_harm_can_run_to_the_person_to_others_or_from_others():
    assert {d.value for d in HarmDirection} == {"to_self", "to_others", "from_others"}


def test_the_residual_rating_is_the_after_rating_when_there_is_one():
    before = THREE_BAND_5X5.rate(4, 5)
    after = THREE_BAND_5X5.rate(2, 3)
    assert residual(RiskView(before)) == before
    assert residual(RiskView(before, after)) == after


def test_a_risk_is_high_when_its_residual_rating_is_in_an_escalating_band():
    before = THREE_BAND_5X5.rate(4, 5)
    assert is_high(RiskView(before), THREE_BAND_5X5)
    assert not is_high(RiskView(before, THREE_BAND_5X5.rate(2, 3)), THREE_BAND_5X5)


def test_ratings_in_different_bands_are_flagged_for_discussion():
    before = THREE_BAND_5X5.rate(4, 5)
    after = THREE_BAND_5X5.rate(2, 3)
    assert ratings_differ(RiskView(before, after, person_rating=THREE_BAND_5X5.rate(1, 2)))
    assert not ratings_differ(RiskView(before, after, person_rating=THREE_BAND_5X5.rate(3, 2)))
    assert not ratings_differ(RiskView(before, after))


def test_the_matrix_lists_every_cell_with_its_band():
    cells = matrix_cells(THREE_BAND_5X5)
    assert len(cells) == 25
    assert cells[0] == (1, 1, 1, "Low")
    assert (3, 4, 12, "Medium") in cells
    assert cells[-1] == (5, 5, 25, "High")
