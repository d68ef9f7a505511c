"""Risk scoring on a likelihood × impact matrix, with bands an organisation can configure.

Rule encoded: a risk's score is its likelihood level multiplied by its impact level, and the
score falls in exactly one band; bands that call for escalation mark the risks to take further.

Scales built in (`BUILT_IN_SCALES`, chosen by name in RISK_APP_RISK_SCALE):

- `THREE_BAND_5X5`, the default: risk-app's own local three-band scale on a 5×5 likelihood ×
  consequence matrix, graded 1-4 low, 5-12 medium and 15-25 high (escalate). It is our synthesis,
  not a published matrix; it keeps the bands every record made so far was rated on.
- `NPSA_2008`: the matrix in guidance from the National Patient Safety Agency, "A risk matrix for
  risk managers" (January 2008; guidance, not law): consequence 1-5 negligible, minor, moderate,
  major, catastrophic; likelihood 1-5 rare, unlikely, possible, likely, almost certain; graded
  1-3 low, 4-6 moderate, 8-12 high and 15-25 extreme risk.

English councils grade risk in different ways, so any organisation may pick a built-in scale or
load its own (`RiskScale.from_mapping`). Descriptions of the levels are our own wording.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise
from typing import TypeGuard

from risk_app.domain.errors import InvalidInput

_HEX_COLOUR = re.compile(r"^#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")


@dataclass(frozen=True, slots=True)
class Level:
    """One step on an axis of the matrix: its number, its name and what it means."""

    score: int
    label: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class RiskBand:
    """A range of scores (both ends included) that share a name, a chart colour and a response."""

    name: str
    min_score: int
    max_score: int
    colour: str
    """Hex colour for charts and tables, e.g. ``#2E7D32``."""
    escalate: bool = False
    """True when a risk left in this band must be taken further (panel, safeguarding, forum)."""

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise InvalidInput("Every risk band needs a name, such as 'Low' or 'High'.")
        for value in (self.min_score, self.max_score):
            if not _is_whole_number(value) or value < 1:
                raise InvalidInput(
                    f"The band '{self.name}' must start and end at whole numbers of 1 or more."
                )
        if self.min_score > self.max_score:
            raise InvalidInput(
                f"The band '{self.name}' starts at {self.min_score} but ends at "
                f"{self.max_score}: the start must not be above the end."
            )
        if not _HEX_COLOUR.match(self.colour):
            raise InvalidInput(
                f"The band '{self.name}' has colour {self.colour!r}; "
                "give a hex colour such as '#2E7D32'."
            )

    def contains(self, score: int) -> bool:
        """Whether ``score`` falls in this band."""
        return self.min_score <= score <= self.max_score


@dataclass(frozen=True, slots=True)
class Rating:
    """One rating of a risk on a scale: the two levels chosen, their product and its band."""

    likelihood: int
    impact: int
    score: int
    band: str


@dataclass(frozen=True, slots=True)
class RiskScale:
    """A complete, checked risk matrix. Construction refuses a scale that cannot rate every risk."""

    name: str
    likelihoods: tuple[Level, ...]
    impacts: tuple[Level, ...]
    bands: tuple[RiskBand, ...]

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise InvalidInput("Give the risk scale a name.")
        _check_levels(self.likelihoods, "likelihood")
        _check_levels(self.impacts, "impact")
        _check_bands(self.bands, self.achievable_scores())

    # ------------------------------------------------------------------ queries
    def achievable_scores(self) -> frozenset[int]:
        """Every score this matrix can produce (on a 5×5: 1-12, 15, 16, 20, 25, and so on)."""
        return frozenset(lk.score * im.score for lk in self.likelihoods for im in self.impacts)

    @property
    def max_score(self) -> int:
        """The highest score this matrix can produce."""
        return len(self.likelihoods) * len(self.impacts)

    def likelihood_level(self, likelihood: int) -> Level:
        """The likelihood level numbered ``likelihood`` (InvalidInput if there is none)."""
        return _pick(self.likelihoods, likelihood, "likelihood")

    def impact_level(self, impact: int) -> Level:
        """The impact level numbered ``impact`` (InvalidInput if there is none)."""
        return _pick(self.impacts, impact, "impact")

    def score(self, likelihood: int, impact: int) -> int:
        """Likelihood × impact, after checking both are levels on this scale."""
        return self.likelihood_level(likelihood).score * self.impact_level(impact).score

    def band(self, score: int) -> RiskBand:
        """The band a score falls in (InvalidInput if no band covers it)."""
        if _is_whole_number(score):
            for band in self.bands:
                if band.contains(score):
                    return band
        raise InvalidInput(
            f"No band on the '{self.name}' scale covers a score of {score}. "
            f"Scores on this scale run from 1 to {self.max_score}."
        )

    def band_named(self, name: str) -> RiskBand:
        """The band called ``name`` (InvalidInput if there is none)."""
        for band in self.bands:
            if band.name == name:
                return band
        names = ", ".join(b.name for b in self.bands)
        raise InvalidInput(f"The '{self.name}' scale has no band called {name!r} (it has {names}).")

    def rate(self, likelihood: int, impact: int) -> Rating:
        """Score and band one risk."""
        score = self.score(likelihood, impact)
        return Rating(likelihood, impact, score, self.band(score).name)

    # ------------------------------------------------------------------ loading
    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> RiskScale:
        """Build a scale from configuration data, for example parsed YAML or JSON.

        Expected shape::

            name: Our 5x5
            likelihoods:            # lowest first; a plain label or a mapping per level
              - {label: Rare, description: Only in exceptional circumstances}
              - Unlikely
            impacts: [...]          # same shape as likelihoods
            bands:                  # lowest first
              - {name: Low, min_score: 1, max_score: 4, colour: "#2E7D32", escalate: false}

        A level's ``score`` may be given; if it is, it must match the level's position.
        ``min``/``max`` and ``color`` are accepted as spellings of ``min_score``/``max_score``
        and ``colour``.
        """
        if not isinstance(data, Mapping):
            raise InvalidInput("The risk scale settings must be a mapping of names to values.")
        unknown = sorted(
            str(k) for k in data if k not in {"name", "likelihoods", "impacts", "bands"}
        )
        if unknown:
            raise InvalidInput(
                f"The risk scale settings contain unknown keys: {', '.join(unknown)}. "
                "Use name, likelihoods, impacts and bands."
            )
        name = _required_text(data, "name", "The risk scale")
        likelihoods = _levels_from(data.get("likelihoods"), "likelihoods")
        impacts = _levels_from(data.get("impacts"), "impacts")
        bands = _bands_from(data.get("bands"))
        return cls(name=name, likelihoods=likelihoods, impacts=impacts, bands=bands)


class HarmDirection(StrEnum):
    """Which way harm could run: the research asks plans to cover all three."""

    TO_SELF = "to_self"
    """Harm the person might come to through their own choices or circumstances."""
    TO_OTHERS = "to_others"
    """Harm that might come to other people from the person's choices or actions."""
    FROM_OTHERS = "from_others"
    """Harm that other people might do to the person (abuse, neglect, exploitation)."""


@dataclass(frozen=True, slots=True)
class RiskView:
    """What the rules need to know about one risk's ratings."""

    before: Rating
    """The practitioner's rating before anything is done to reduce the risk."""
    after: Rating | None = None
    """The rating left once the agreed mitigations are in place (residual risk), if rated."""
    person_rating: Rating | None = None
    """How the person themself rates the risk, if they gave a view."""


def residual(view: RiskView) -> Rating:
    """The risk as it stands with the plan in place: the after rating, else the before rating."""
    return view.after if view.after is not None else view.before


def is_high(view: RiskView, scale: RiskScale) -> bool:
    """Whether the residual risk sits in a band that must be escalated."""
    return scale.band(residual(view).score).escalate


def ratings_differ(view: RiskView) -> bool:
    """Whether the person's own rating falls in a different band from the residual rating.

    A difference is not an error: it is something to talk through and record.
    """
    return view.person_rating is not None and view.person_rating.band != residual(view).band


def matrix_cells(scale: RiskScale) -> list[tuple[int, int, int, str]]:
    """Every cell of the matrix as (likelihood, impact, score, band name), for a chart or table."""
    cells: list[tuple[int, int, int, str]] = []
    for lk in scale.likelihoods:
        for im in scale.impacts:
            score = lk.score * im.score
            cells.append((lk.score, im.score, score, scale.band(score).name))
    return cells


# ---------------------------------------------------------------------- helpers
def _is_whole_number(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _pick(levels: tuple[Level, ...], value: int, axis: str) -> Level:
    if _is_whole_number(value) and 1 <= value <= len(levels):
        return levels[value - 1]
    raise InvalidInput(
        f"The {axis} must be a whole number from 1 ({levels[0].label}) to "
        f"{len(levels)} ({levels[-1].label}); {value!r} is not one of them."
    )


def _check_levels(levels: tuple[Level, ...], axis: str) -> None:
    if len(levels) < 2:
        raise InvalidInput(f"A risk scale needs at least two {axis} levels.")
    scores = [level.score for level in levels]
    if scores != list(range(1, len(levels) + 1)):
        raise InvalidInput(
            f"The {axis} levels must be numbered 1, 2, 3 and so on, in order, with no gaps; "
            f"they are numbered {', '.join(str(s) for s in scores)}."
        )
    labels = [level.label.strip() for level in levels]
    if any(not label for label in labels):
        raise InvalidInput(f"Every {axis} level needs a label.")
    repeated = sorted({label for label in labels if labels.count(label) > 1})
    if repeated:
        raise InvalidInput(f"Each {axis} label must be different; repeated: {', '.join(repeated)}.")


def _runs(scores: Sequence[int]) -> str:
    """Sorted scores written compactly, e.g. ``5-8, 10``."""
    parts: list[str] = []
    start = prev = scores[0]
    for s in [*scores[1:], None]:
        if s is not None and s == prev + 1:
            prev = s
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if s is not None:
            start = prev = s
    return ", ".join(parts)


def _check_bands(bands: tuple[RiskBand, ...], achievable: frozenset[int]) -> None:
    if not bands:
        raise InvalidInput("A risk scale needs at least one band.")
    names = [b.name for b in bands]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise InvalidInput(f"Each band name must be different; repeated: {', '.join(repeated)}.")
    for lower, upper in pairwise(bands):
        if upper.min_score <= lower.max_score:
            if upper.min_score < lower.min_score:
                raise InvalidInput(
                    f"List the bands from lowest to highest: '{upper.name}' "
                    f"({upper.min_score}-{upper.max_score}) comes after '{lower.name}' "
                    f"({lower.min_score}-{lower.max_score})."
                )
            raise InvalidInput(
                f"The bands '{lower.name}' ({lower.min_score}-{lower.max_score}) and "
                f"'{upper.name}' ({upper.min_score}-{upper.max_score}) overlap: "
                "each score must belong to one band only."
            )
    for band in bands:
        if not any(band.contains(s) for s in achievable):
            raise InvalidInput(
                f"The band '{band.name}' ({band.min_score}-{band.max_score}) contains no score "
                "this matrix can produce."
            )
    uncovered = sorted(s for s in achievable if not any(b.contains(s) for b in bands))
    if uncovered:
        raise InvalidInput(
            f"The bands leave a gap: no band covers the score(s) {_runs(uncovered)}, which this "
            "matrix can produce. Widen a band or add one so every score has a band."
        )


def _required_text(data: Mapping[str, object], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"{where} needs a '{key}' written as text.")
    return value.strip()


def _levels_from(raw: object, key: str) -> tuple[Level, ...]:
    if not isinstance(raw, Sequence) or isinstance(raw, str | bytes):
        raise InvalidInput(f"'{key}' must be a list of levels, lowest first.")
    levels: list[Level] = []
    for position, item in enumerate(raw, start=1):
        where = f"Item {position} of '{key}'"
        if isinstance(item, str):
            levels.append(Level(position, item.strip()))
            continue
        if not isinstance(item, Mapping):
            raise InvalidInput(f"{where} must be a label or a mapping with a label.")
        extra = sorted(str(k) for k in item if k not in {"score", "label", "description"})
        if extra:
            raise InvalidInput(
                f"{where} has unknown keys: {', '.join(extra)}. Use score, label and description."
            )
        score = item.get("score", position)
        if not _is_whole_number(score) or score != position:
            raise InvalidInput(
                f"{where} has score {score!r}, but levels are numbered by position: "
                f"it should be {position}."
            )
        description = item.get("description", "")
        if not isinstance(description, str):
            raise InvalidInput(f"{where} has a description that is not text.")
        label = _required_text(item, "label", where)
        levels.append(Level(position, label, description.strip()))
    return tuple(levels)


def _band_number(item: Mapping[str, object], keys: tuple[str, str], where: str) -> int:
    value = item.get(keys[0], item.get(keys[1]))
    if not _is_whole_number(value):
        raise InvalidInput(f"{where} needs '{keys[0]}' as a whole number.")
    return value


def _bands_from(raw: object) -> tuple[RiskBand, ...]:
    if not isinstance(raw, Sequence) or isinstance(raw, str | bytes):
        raise InvalidInput("'bands' must be a list of bands, lowest first.")
    allowed = {"name", "min_score", "max_score", "min", "max", "colour", "color", "escalate"}
    bands: list[RiskBand] = []
    for position, item in enumerate(raw, start=1):
        where = f"Item {position} of 'bands'"
        if not isinstance(item, Mapping):
            raise InvalidInput(
                f"{where} must be a mapping with name, min_score, max_score and colour."
            )
        extra = sorted(str(k) for k in item if k not in allowed)
        if extra:
            raise InvalidInput(
                f"{where} has unknown keys: {', '.join(extra)}. "
                "Use name, min_score, max_score, colour and escalate."
            )
        name = _required_text(item, "name", where)
        colour = item.get("colour", item.get("color"))
        if not isinstance(colour, str):
            raise InvalidInput(f"{where} needs a 'colour' such as '#2E7D32'.")
        escalate = item.get("escalate", False)
        if not isinstance(escalate, bool):
            raise InvalidInput(f"{where} has 'escalate' {escalate!r}; use true or false.")
        bands.append(
            RiskBand(
                name=name,
                min_score=_band_number(item, ("min_score", "min"), where),
                max_score=_band_number(item, ("max_score", "max"), where),
                colour=colour.strip(),
                escalate=escalate,
            )
        )
    return tuple(bands)


THREE_BAND_5X5 = RiskScale(
    name="risk-app three-band scale (5×5 likelihood × consequence)",
    likelihoods=(
        Level(1, "Rare", "Would happen only in unusual circumstances."),
        Level(2, "Unlikely", "Could happen, but is not expected to."),
        Level(3, "Possible", "A fair chance it will happen at some point."),
        Level(4, "Likely", "Will probably happen in most circumstances."),
        Level(5, "Almost certain", "Expected to happen, perhaps often."),
    ),
    impacts=(
        Level(1, "Insignificant", "No real harm; barely noticeable."),
        Level(2, "Minor", "Short-lived harm or upset that soon passes."),
        Level(3, "Moderate", "Harm that needs help or treatment and takes time to recover from."),
        Level(4, "Major", "Serious or lasting harm to health, safety, home or money."),
        Level(5, "Catastrophic", "Death, or harm that cannot be undone."),
    ),
    bands=(
        RiskBand("Low", 1, 4, "#2E7D32"),
        RiskBand("Medium", 5, 12, "#F2A900"),
        RiskBand("High", 15, 25, "#C62828", escalate=True),
    ),
)
"""The default scale: risk-app's local three-band scale (our synthesis, not the NPSA matrix). Its
bands are unchanged so that every risk rated on it keeps its meaning."""

NPSA_2008 = RiskScale(
    name="NPSA 2008 risk matrix (guidance, National Patient Safety Agency)",
    likelihoods=(
        Level(1, "Rare", "Not expected to happen; would do so only in exceptional circumstances."),
        Level(2, "Unlikely", "Could happen, but is not expected to."),
        Level(3, "Possible", "Might happen now and then."),
        Level(4, "Likely", "Will probably happen, but is not a persistent issue."),
        Level(5, "Almost certain", "Will undoubtedly happen, possibly often."),
    ),
    impacts=(
        Level(1, "Negligible", "No harm, or harm that needs no help to get over."),
        Level(2, "Minor", "Short-lived harm that needs little help to get over."),
        Level(3, "Moderate", "Harm that needs help or treatment and takes time to get over."),
        Level(4, "Major", "Serious or long-lasting harm."),
        Level(5, "Catastrophic", "Death, or harm that cannot be undone."),
    ),
    bands=(
        RiskBand("Low", 1, 3, "#2E7D32"),
        RiskBand("Moderate", 4, 6, "#F2C500"),
        RiskBand("High", 8, 12, "#EF6C00"),
        RiskBand("Extreme", 15, 25, "#C62828", escalate=True),
    ),
)
"""The four-band matrix of the NPSA's "A risk matrix for risk managers" (January 2008), guidance
from the National Patient Safety Agency (a secondary source: no statute sets a risk matrix). Only
extreme risk escalates here, as in the default; a council that escalates high risk too can load
its own copy of this scale with that band marked."""

BUILT_IN_SCALES: dict[str, RiskScale] = {
    "risk-app-three-band": THREE_BAND_5X5,
    "npsa-2008": NPSA_2008,
}
"""The scales an organisation can choose by name in RISK_APP_RISK_SCALE instead of a file."""
