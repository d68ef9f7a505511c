"""Errors raised when a framework file cannot be used."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a framework file.

    ``source`` is the file name, ``item`` the node, link or reference concerned (or a path such
    as ``links[12]``), ``line`` the 1-based line in the file where known.
    """

    source: str
    item: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}, line {self.line}"
        return f"{where}: {self.item}: {self.message}"


class FrameworkError(ValueError):
    """A framework file could not be loaded; ``problems`` lists everything that was found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError("FrameworkError needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(str(self))

    @property
    def source(self) -> str:
        """The file the problems were found in."""
        return self.problems[0].source

    def __str__(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{self.source} is not a valid framework: {count} {noun}"]
        lines.extend(f"  - {problem}" for problem in self.problems)
        return "\n".join(lines)
