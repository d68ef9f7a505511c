"""The process alignment report: its result types, and the report as text.

Built by :func:`risk_app.domain.assurance.process_alignment.align`; read by the process audit's
screens, its JSON download and the board report.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, computed_field

from framework import Origin
from framework.schema import SYNTHESIS_CAVEAT

REPORT_FORMAT = 1
"""Bumped whenever the JSON shape changes incompatibly."""

ORIGIN_PLACEMENT_WORDS = {origin: origin.described for origin in Origin}

PLACED_BY = {
    Origin.FRAMEWORK_TEXT: "the framework's own text places it at",
    Origin.SYNTHESIS: "our synthesis (not the framework's own text) places it at",
    Origin.LOCAL_POLICY: "local policy places it at",
}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PlacementStatus(StrEnum):
    COVERED = "covered"
    MISSING = "missing"
    MISPLACED = "misplaced"


class Need(StrEnum):
    """Whether a placement applies to everyone at the stage or depends on the person."""

    REQUIRED = "required"
    CONDITIONAL = "conditional"


class StageStatus(StrEnum):
    """A framework stage at a glance, for the overlay."""

    ALIGNED = "aligned"
    """Some local stage maps here and every placement is covered."""
    GAPS = "gaps"
    """Some local stage maps here, but at least one placement is missing or misplaced."""
    NOT_MAPPED = "not_mapped"
    """No local stage maps to this framework stage."""


class ExtraKind(StrEnum):
    LOCAL_CHECK = "local_check"
    """A safeguarding check of the council's own, not named by the framework."""
    OTHER_STAGE_TOUCHPOINT = "other_stage_touchpoint"
    """A framework touchpoint that the graph places at other stages (or in the
    safeguarding process), not at this one."""


class LocalPlace(_Frozen):
    """A local stage and the framework stage it maps to (``None``: none)."""

    local_stage: str
    maps_to: str | None


class PlacementResult(_Frozen):
    """One touchpoint the framework graph places at one stage, and what the local process does."""

    touchpoint_id: str
    touchpoint_label: str
    need: Need
    condition: str | None
    """For a conditional placement: when it applies, in words."""
    status: PlacementStatus
    done_at: tuple[str, ...]
    """Local stages mapped to this framework stage that implement it (covered)."""
    found_at: tuple[LocalPlace, ...]
    """Where it is implemented instead (misplaced)."""
    sentence: str
    origin: Origin = Origin.SYNTHESIS
    """Whose placement this is: the ``has_touchpoint`` link's origin."""


class LocalExtra(_Frozen):
    """Something a local stage does beyond its framework stage's placements."""

    local_stage: str
    kind: ExtraKind
    item: str
    """The council's check in its own words, or a touchpoint id."""
    label: str
    framework_places_at: tuple[str, ...]
    """For a touchpoint: the stages (or safeguarding steps) the graph places it at."""
    sentence: str


class StageResult(_Frozen):
    """One framework stage: its local stages, each placement's status and the local extras."""

    stage_id: str
    order: int
    label: str
    local_stages: tuple[str, ...]
    status: StageStatus
    placements: tuple[PlacementResult, ...]
    extras: tuple[LocalExtra, ...]

    def with_status(self, status: PlacementStatus) -> tuple[PlacementResult, ...]:
        return tuple(p for p in self.placements if p.status is status)

    @property
    def heading(self) -> str:
        return f"Stage {self.order} '{self.label}' ({self.stage_id})"


class OutsideStage(_Frozen):
    """A local stage that maps to no framework stage."""

    name: str
    implements: tuple[str, ...]
    local_checks: tuple[str, ...]
    sentence: str


class Coverage(_Frozen):
    """Covered placements out of a total, with the gaps split into missing and misplaced."""

    covered: int
    misplaced: int
    missing: int
    total: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def percent(self) -> int:
        """Whole percent covered, rounded down; 100 when there is nothing to cover."""
        return 100 if self.total == 0 else (100 * self.covered) // self.total

    def describe(self) -> str:
        return f"{self.covered} of {self.total} ({self.percent}%)"


class AlignmentReport(_Frozen):
    """The whole comparison of one local process with one framework version."""

    framework_version: str
    framework_title: str
    process_title: str
    organisation: str | None
    source: str
    declared_framework_version: str | None
    stages: tuple[StageResult, ...]
    outside_framework: tuple[OutsideStage, ...]
    coverage: Coverage
    required_coverage: Coverage
    conditional_coverage: Coverage
    notes: tuple[str, ...]
    origin_filter: Origin | None = None
    """Only placements of this origin were judged (``None``: all)."""

    def placements_by_origin(self) -> dict[str, int]:
        """How many placements of each origin were judged."""
        counts = dict.fromkeys((o.value for o in Origin), 0)
        for stage in self.stages:
            for p in stage.placements:
                counts[p.origin.value] += 1
        return counts

    def provenance_sentence(self) -> str:
        """Whose placements these are, in words, for every rendering of the report."""
        counts = self.placements_by_origin()
        total = sum(counts.values())
        parts = [
            f"{n} of {total} {'is' if n == 1 else 'are'} {ORIGIN_PLACEMENT_WORDS[Origin(o)]}"
            for o, n in counts.items()
            if n
        ]
        judged = "; ".join(parts) if parts else "no placement was judged"
        chosen = (
            f" Only placements that are {ORIGIN_PLACEMENT_WORDS[self.origin_filter]} were judged."
            if self.origin_filter
            else ""
        )
        return f"Whose placements: {judged}.{chosen} {SYNTHESIS_CAVEAT}"

    @property
    def aligned(self) -> bool:
        return self.coverage.missing == 0 and self.coverage.misplaced == 0

    @property
    def extras_count(self) -> int:
        return sum(len(s.extras) for s in self.stages)

    def summary(self) -> str:
        """One or two sentences for the top of any rendering."""
        c = self.coverage
        headline = (
            f"Coverage {c.percent}%: {c.covered} of {c.total} touchpoint "
            f"placements are covered (required {self.required_coverage.describe()}, "
            f"conditional {self.conditional_coverage.describe()}), judged against framework "
            f"{self.framework_version}."
        )
        if self.aligned:
            return headline + " Nothing is missing or misplaced."
        return (
            headline + f" {c.missing} missing, {c.misplaced} misplaced, "
            f"{self.extras_count} local extras."
        )

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; the shape is documented in docs/process-audit.md."""
        return {
            "report": "process_alignment",
            "format": REPORT_FORMAT,
            "ok": True,
            "framework": {"version": self.framework_version, "title": self.framework_title},
            "process": {
                "title": self.process_title,
                "organisation": self.organisation,
                "source": self.source,
                "declared_framework_version": self.declared_framework_version,
            },
            "aligned": self.aligned,
            "summary": self.summary(),
            "coverage": {
                "all": self.coverage.model_dump(mode="json"),
                "required": self.required_coverage.model_dump(mode="json"),
                "conditional": self.conditional_coverage.model_dump(mode="json"),
            },
            "stages": [s.model_dump(mode="json") for s in self.stages],
            "outside_framework": [s.model_dump(mode="json") for s in self.outside_framework],
            "notes": list(self.notes),
            "origin_filter": self.origin_filter.value if self.origin_filter else None,
            "placements_by_origin": self.placements_by_origin(),
            "provenance": self.provenance_sentence(),
        }

    def overlay(self) -> dict[str, Any]:
        """What a drawing of the local process over the framework graph needs.

        ``stages``: framework stage id → its status and the local stage names mapped to it;
        ``placements``: one entry per stage → touchpoint edge with its status and need;
        ``local_stages``: the local stages in process order with what each maps to;
        ``extras``: local extras by framework stage id.
        """
        return {
            "framework_version": self.framework_version,
            "stages": {
                s.stage_id: {
                    "label": s.label,
                    "status": s.status.value,
                    "local_stages": list(s.local_stages),
                }
                for s in self.stages
            },
            "placements": [
                {
                    "stage_id": s.stage_id,
                    "touchpoint_id": p.touchpoint_id,
                    "status": p.status.value,
                    "need": p.need.value,
                    "origin": p.origin.value,
                }
                for s in self.stages
                for p in s.placements
            ],
            "local_stages": [
                {"name": place.local_stage, "maps_to": place.maps_to}
                for place in self._local_order()
            ],
            "extras": {
                s.stage_id: [e.model_dump(mode="json") for e in s.extras]
                for s in self.stages
                if s.extras
            },
        }

    def _local_order(self) -> list[LocalPlace]:
        seen: dict[str, LocalPlace] = {}
        for s in self.stages:
            for name in s.local_stages:
                seen.setdefault(name, LocalPlace(local_stage=name, maps_to=s.stage_id))
        for outside in self.outside_framework:
            seen.setdefault(outside.name, LocalPlace(local_stage=outside.name, maps_to=None))
        return list(seen.values())

    def table_rows(self) -> list[dict[str, str]]:
        """The table alternative to the overlay: one row per placement, then one per extra."""
        rows: list[dict[str, str]] = []
        for s in self.stages:
            local = ", ".join(s.local_stages) or "(none)"
            for p in s.placements:
                where = ", ".join(p.done_at) or ", ".join(
                    f"{f.local_stage} ({f.maps_to or 'no framework stage'})" for f in p.found_at
                )
                rows.append(
                    {
                        "Framework stage": f"{s.stage_id} {s.label}",
                        "Local stages": local,
                        "Touchpoint": f"{p.touchpoint_id} {p.touchpoint_label}",
                        "Whose placement": ORIGIN_PLACEMENT_WORDS[p.origin],
                        "Need": p.need.value,
                        "Status": p.status.value,
                        "Done at": where,
                    }
                )
            for e in s.extras:
                rows.append(
                    {
                        "Framework stage": f"{s.stage_id} {s.label}",
                        "Local stages": local,
                        "Touchpoint": _extra_name(e),
                        "Whose placement": "",
                        "Need": "",
                        "Status": "local extra",
                        "Done at": e.local_stage,
                    }
                )
        return rows


def _extra_name(extra: LocalExtra) -> str:
    if extra.kind is ExtraKind.LOCAL_CHECK:
        return extra.label
    return f"{extra.item} {extra.label}"


_MARK = {
    PlacementStatus.COVERED: "covered  ",
    PlacementStatus.MISSING: "MISSING  ",
    PlacementStatus.MISPLACED: "MISPLACED",
}


def render_text(report: AlignmentReport) -> str:
    """A plain-text report for a terminal or an email: summary, then stage by stage."""
    org = f" ({report.organisation})" if report.organisation else ""
    lines = [
        f"Process alignment: {report.process_title}{org}",
        f"Source: {report.source}",
        f"Judged against: framework {report.framework_version}, {report.framework_title}",
        "",
        report.summary(),
        report.provenance_sentence(),
        *[f"Note: {note}" for note in report.notes],
    ]
    for stage in report.stages:
        local = ", ".join(f"'{n}'" for n in stage.local_stages) or "none"
        lines += ["", stage.heading, f"  Local stages: {local}"]
        for p in stage.placements:
            lines.append(
                f"  {_MARK[p.status]} {p.touchpoint_id} {p.touchpoint_label} ({p.need}; "
                f"placement: {ORIGIN_PLACEMENT_WORDS[p.origin]})"
            )
        lines += [f"  extra     {_extra_name(e)} (at '{e.local_stage}')" for e in stage.extras]
        gaps = [p for p in stage.placements if p.status is not PlacementStatus.COVERED]
        for p in gaps:
            lines.append(f"  - {p.sentence}")
        for e in stage.extras:
            lines.append(f"  - {e.sentence}")
    if report.outside_framework:
        lines += ["", "Local stages outside the framework"]
        lines += [f"  - {o.sentence}" for o in report.outside_framework]
    return "\n".join(lines) + "\n"
