"""A council's own Self-Directed Support process, written down so it can be set against the framework.

A *local process* lists the council's own stages in order. Each local stage says which framework
stage it corresponds to (``maps_to``, or none for a step the framework does not have), which
framework touchpoints it carries out (``implements``) and any safeguarding checks of its own
(``local_checks``). This module holds the model (:class:`LocalProcess`) and the problems that stop
a file or table from being one (:class:`LocalProcessError`).

It is written in three shapes, read by :mod:`risk_app.domain.assurance.local_process_reading`
(which checks every identifier against the framework graph) and written back by
:mod:`risk_app.domain.assurance.local_process_writing`: YAML, one entry per local stage; CSV, one
row per local stage and implemented item; and rows of the on-screen table, the same columns as
the CSV. Reading files and decoding bytes is the adapters' job.

See ``docs/process-audit.md`` for the formats and ADR 0006
(``docs/adr/0006-local-process-format-and-coverage.md``) for why they look like this.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

MAX_STAGES = 200
"""A local process with more stages than this is refused (no council has one)."""
MAX_NAME_LENGTH = 200
"""Longest stage name or local check, in characters (a longer title is cut to this)."""

PROCESS_CSV_COLUMNS = ("local_stage", "maps_to", "implements", "local_check")
"""The CSV and table columns, in the order they are written."""

Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME_LENGTH)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LocalStage(_Frozen):
    """One stage of the council's own process."""

    name: Name
    maps_to: str | None
    """The framework stage id this local stage corresponds to; ``None``: none (a local step)."""
    implements: tuple[str, ...] = ()
    """Framework touchpoint ids carried out at this local stage, in the order given."""
    local_checks: tuple[Name, ...] = ()
    """Safeguarding checks of the council's own that the framework does not name."""


class LocalProcess(_Frozen):
    """A council's SDS process as written by its safeguarding lead, checked against a framework."""

    title: Name
    organisation: Name | None = None
    framework_version: str | None = None
    """The framework version the lead wrote the mapping against, if they said (informative)."""
    jurisdiction: str | None = None
    """The nation whose law the process follows (england, scotland, wales), if it says: only the
    touchpoints that apply there are placements. Unsaid, it is judged as English, with a note."""
    source: str
    """Where it came from: a file name, or ``table`` for the on-screen editor."""
    stages: tuple[LocalStage, ...]

    def stages_mapped_to(self, stage_id: str) -> tuple[LocalStage, ...]:
        """Local stages that correspond to one framework stage, in process order."""
        return tuple(s for s in self.stages if s.maps_to == stage_id)


@dataclass(frozen=True)
class ProcessProblem:
    """One thing wrong with a local process file or table.

    ``line`` is the 1-based line in a YAML file; ``row`` the 1-based row of a CSV file (the
    header is row 1, as in a spreadsheet) or of an on-screen table (its first row is row 1).
    """

    source: str
    message: str
    line: int | None = None
    row: int | None = None

    @property
    def where(self) -> str:
        """``line 12``, ``row 4`` or an empty string."""
        if self.line is not None:
            return f"line {self.line}"
        if self.row is not None:
            return f"row {self.row}"
        return ""

    def __str__(self) -> str:
        where = f", {self.where}" if self.where else ""
        return f"{self.source}{where}: {self.message}"

    def to_json(self) -> dict[str, object]:
        return {"source": self.source, "line": self.line, "row": self.row, "message": self.message}


class LocalProcessError(ValueError):
    """A local process could not be used; ``problems`` lists everything that was found."""

    def __init__(self, problems: Sequence[ProcessProblem]) -> None:
        if not problems:
            raise ValueError("LocalProcessError needs at least one problem")
        self.problems: tuple[ProcessProblem, ...] = tuple(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{self.problems[0].source} cannot be used as a local process: {count} {noun}"]
        lines.extend(f"  - {p.where + ': ' if p.where else ''}{p.message}" for p in self.problems)
        return "\n".join(lines)
