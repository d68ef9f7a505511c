"""A person's one next review date, and where it comes from.

A person has one "next review": the earliest of

- the rule of the person's nation, from the law book (`review_rules`). In England: a direct
  payment's first review within six months, then at least every twelve months (Care and Support
  (Direct Payments) Regulations 2014, reg 7); a light-touch review six to eight weeks after the
  plan is signed off, and a plan review at least every twelve months (Care and support statutory
  guidance, para 13.32). Scotland and Wales have no statutory interval held here, so no rule date
  is made up for them: their dates are the ones agreed with the person;
- every early review asked for and not yet held (a triggered review request's "due by");
- every date agreed elsewhere in the record: at a risk enablement panel (its review date), at a
  multi-agency meeting (the date set to meet again when it was closed), and with a plan agreed on
  conditions or a supported decision (the review date recorded with the conditions).

Each candidate is a `ReviewSource`; the earliest one not yet met is the person's next review,
and every source is kept so the record can say where each date came from.

When a review meets an agreed date: a review held on or after the day a date was agreed meets
that date (it is the look again the panel, meeting or condition asked for, early or late). A
review held before the day the date was agreed does not: the panel or meeting had already seen it.
The rule is not met this way (it already counts from the last review held), nor is an early
review asked for (recording a review marks the open requests met, so an open one is still wanted).

Ties: sources due on the same day are ordered by how specific they are (a date people agreed
first, then an early review asked for, then the rule), then by when they were agreed and their
record number, so the same record always gives the same answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from risk_app.domain import words


class SourceKind(StrEnum):
    """Where a review date comes from."""

    PANEL = "panel"
    """A review date agreed at a risk enablement panel (or other route's meeting)."""
    MEETING = "meeting"
    """The date a multi-agency meeting agreed to meet again when it closed."""
    PLAN_CONDITIONS = "plan_conditions"
    """A review date recorded with a plan agreed (on conditions) at plan validation."""
    DECISION = "decision"
    """A review date recorded with a supported decision."""
    REQUEST = "request"
    """An early review asked for because something changed."""
    LIGHT_TOUCH = "light_touch"
    """The rule (England): a light-touch review some weeks after the plan is signed off."""
    FIRST_DIRECT_PAYMENT = "first_direct_payment"
    """The rule (England): a direct payment is first reviewed within months of starting."""
    SCHEDULED = "scheduled"
    """The rule (England): a plan is reviewed at least every so many months."""

    @property
    def is_rule(self) -> bool:
        return self in (
            SourceKind.LIGHT_TOUCH,
            SourceKind.FIRST_DIRECT_PAYMENT,
            SourceKind.SCHEDULED,
        )

    @property
    def is_agreed(self) -> bool:
        """A date people agreed (at a panel, a meeting, with a plan or a decision)."""
        return not self.is_rule and self is not SourceKind.REQUEST

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS: dict[SourceKind, str] = {
    SourceKind.PANEL: "Agreed at a panel",
    SourceKind.MEETING: "Agreed at a meeting",
    SourceKind.PLAN_CONDITIONS: "Agreed with the plan",
    SourceKind.DECISION: "Agreed with a decision",
    SourceKind.REQUEST: "Early review asked for",
    SourceKind.LIGHT_TOUCH: "Light-touch review after the plan was signed off",
    SourceKind.FIRST_DIRECT_PAYMENT: "First direct payment review",
    SourceKind.SCHEDULED: "Regular review",
}

_ORDER: dict[SourceKind, int] = {kind: i for i, kind in enumerate(SourceKind)}


@dataclass(frozen=True, slots=True)
class ReviewSource:
    """One date by which the person's plan should be looked at again, and who set it."""

    kind: SourceKind
    due: date
    record_id: int | None = None
    """The panel, meeting, plan validation, decision or review request; None for the rule."""
    agreed_on: date | None = None
    """The day the date was agreed or asked for; None for the rule."""
    agreed_by: str = ""
    """Who recorded it (a username), or '' for the rule."""
    rule: str = ""
    """For the rule: the interval in staff words ("within 6 months of the direct payment
    starting"), with the law it comes from."""
    said: str = ""
    """For the rule: the rule in the person's words, from the law book."""
    window_from: date | None = None
    """For a rule with a window (a light-touch review 6 to 8 weeks on): its first day."""

    def met_by(self, held_on: date) -> bool:
        """Whether a review held on ``held_on`` meets this date (see the module docstring)."""
        if not self.kind.is_agreed or self.agreed_on is None:
            return False
        return held_on >= self.agreed_on

    @property
    def described(self) -> str:
        """Where the date comes from, for staff: the kind, and for the rule its interval and law."""
        window = (
            f"between {words.day(self.window_from)} and {words.day(self.due)}"
            if self.window_from is not None
            else ""
        )
        detail = "; ".join(part for part in (window, self.rule) if part)
        return f"{self.kind.label} ({detail})" if detail else self.kind.label

    @property
    def plain(self) -> str:
        """Where the date comes from, in plain words for the person's agreement."""
        if self.kind.is_rule and self.said:
            return self.said
        on = f" on {words.day(self.agreed_on)}" if self.agreed_on else ""
        return {
            SourceKind.PANEL: f"This date was agreed at a panel meeting about you{on}.",
            SourceKind.MEETING: f"This date was agreed at a meeting about you{on}.",
            SourceKind.PLAN_CONDITIONS: f"This date was agreed when your plan was agreed{on}.",
            SourceKind.DECISION: f"This date was agreed with a decision{on}.",
            SourceKind.REQUEST: f"Someone asked for an early look at your plan{on}.",
            SourceKind.LIGHT_TOUCH: "We check your plan a few weeks after it starts.",
            SourceKind.FIRST_DIRECT_PAYMENT: (
                "A direct payment is looked at again within six months of starting."
            ),
            SourceKind.SCHEDULED: "Plans are looked at again at least once a year.",
        }[self.kind]


@dataclass(frozen=True, slots=True)
class NextReview:
    """The person's next review and every date it was chosen from (earliest first)."""

    source: ReviewSource | None
    """The earliest source not yet met; None when nothing is due yet."""
    sources: tuple[ReviewSource, ...]
    """Every source not yet met, earliest first (the chosen one first)."""
    met: tuple[ReviewSource, ...] = ()
    """Agreed dates a review held since has met (kept so the record can show them)."""

    @property
    def due(self) -> date | None:
        return self.source.due if self.source else None


def _key(source: ReviewSource) -> tuple[date, int, date, int]:
    return (
        source.due,
        _ORDER[source.kind],
        source.agreed_on or date.max,
        source.record_id if source.record_id is not None else -1,
    )


def next_review(sources: Iterable[ReviewSource], *, last_review: date | None = None) -> NextReview:
    """The earliest source that ``last_review`` (the latest review held) has not met."""
    open_: list[ReviewSource] = []
    met: list[ReviewSource] = []
    for source in sources:
        if last_review is not None and source.met_by(last_review):
            met.append(source)
        else:
            open_.append(source)
    open_.sort(key=_key)
    met.sort(key=_key)
    return NextReview(open_[0] if open_ else None, tuple(open_), tuple(met))
