"""Moving through the stages: which stages a person has reached, where a prompt is answered, and
what leaving a stage with touchpoints outstanding asks for. Pure: the touchpoint lines come from
the journey derivation, whatever it is; only their node, `required` and `outstanding` are read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from framework import Node
from risk_app.domain import words
from risk_app.domain.errors import InvalidInput


class TouchpointOnLeaving(Protocol):
    """What moving on reads of a touchpoint line of the stage being left."""

    @property
    def node(self) -> Node: ...

    @property
    def required(self) -> bool: ...

    @property
    def outstanding(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class Outstanding:
    """A touchpoint still outstanding at the stage being left."""

    id: str
    label: str
    required: bool

    @property
    def words(self) -> str:
        return f"{self.id} {self.label}" + (" (required)" if self.required else "")


def reached(stage_order: Sequence[str], visited: Iterable[str]) -> tuple[str, ...]:
    """The stages the person has been at (their stage history), in the framework's order."""
    seen = set(visited)
    return tuple(stage for stage in stage_order if stage in seen)


def stage_for_answer(asked_at: Sequence[str], reached_stages: Sequence[str], current: str) -> str:
    """The stage a prompt is answered at when none is named: the current stage if it asks the
    prompt, else the latest reached stage that does. A prompt of no reached stage is refused."""
    if current in asked_at:
        return current
    at = [stage for stage in reached_stages if stage in asked_at]
    if not at:
        raise InvalidInput(
            "This question belongs to a stage the person has not reached yet"
            f" ({words.either(asked_at) if asked_at else 'no stage'}): "
            "move them there first, then answer it."
        )
    return at[-1]


def outstanding_on_leaving(touchpoints: Iterable[TouchpointOnLeaving]) -> tuple[Outstanding, ...]:
    """The touchpoints still outstanding at the stage being left: required ones first, each group
    in the framework's order."""
    lines = [t for t in touchpoints if t.outstanding]
    ordered = [t for t in lines if t.required] + [t for t in lines if not t.required]
    return tuple(Outstanding(t.node.id, t.node.label, t.required) for t in ordered)


def reason_to_move(
    leaving: str, to_stage: str, outstanding: Sequence[Outstanding], reason: str
) -> str:
    """The reason recorded with a move: needed when anything is outstanding, otherwise none is
    asked for (one typed anyway is kept). Moving to the stage the person is at is refused."""
    if to_stage == leaving:
        raise InvalidInput(f"The person is already at {leaving}: choose another stage.")
    reason = reason.strip()
    if outstanding and not reason:
        raise InvalidInput(
            f"{words.count(len(outstanding), 'touchpoint')} of {leaving} "
            f"{'is' if len(outstanding) == 1 else 'are'} still outstanding: "
            f"{'; '.join(o.words for o in outstanding)}. "
            "Give a reason to move on anyway, or record them first."
        )
    return reason
