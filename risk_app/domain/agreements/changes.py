"""What changed between two versions of an agreement, one plain sentence each, in the
agreement's order: what a person reads before they sign a new version."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from risk_app.domain import words
from risk_app.domain.agreements.content import (
    AgreedAction,
    AgreedDecision,
    AgreedRisk,
    AgreementContent,
    PersonPart,
    authority_label,
    outcome_label,
    owner_kind_label,
)


def _date(value: date | None) -> str:
    return words.day_or(value, "no date set")


def _quote(text: str, limit: int = 60) -> str:
    one_line = " ".join(text.split())
    if len(one_line) > limit:
        one_line = one_line[: limit - 1].rstrip() + "…"
    return f"'{one_line}'"


def _action_words(action: AgreedAction) -> str:
    return (
        f"{_quote(action.what)} (owner: {action.owner_name}, "
        f"{owner_kind_label(action.owner_kind).lower()}; by {_date(action.due)})"
    )


def _action_changes(
    prefix: str, old: Iterable[AgreedAction], new: Iterable[AgreedAction]
) -> list[str]:
    before = {a.id: a for a in old}
    after = {a.id: a for a in new}
    out: list[str] = []
    for action_id, action in after.items():
        if action_id not in before:
            out.append(f"{prefix}mitigation added: {_action_words(action)}.")
            continue
        was = before[action_id]
        name = _quote(action.what)
        if was.what != action.what:
            out.append(f"{prefix}mitigation {_quote(was.what)} reworded to {name}.")
        if (was.owner_name, was.owner_kind) != (action.owner_name, action.owner_kind):
            out.append(
                f"{prefix}mitigation {name}: owner changed from {was.owner_name} to "
                f"{action.owner_name} ({owner_kind_label(action.owner_kind).lower()})."
            )
        if was.due != action.due:
            out.append(
                f"{prefix}mitigation {name}: date changed from {_date(was.due)} to "
                f"{_date(action.due)}."
            )
    out.extend(
        f"{prefix}mitigation removed: {_quote(a.what)}."
        for i, a in before.items()
        if i not in after
    )
    return out


_RISK_FIELDS = (
    ("choice", "the choice was reworded"),
    ("benefits", "what they gain changed"),
    ("harm_to_self", "what could go wrong for them changed"),
    ("harm_to_others", "what could go wrong for others changed"),
    ("harm_from_others", "what could go wrong from others changed"),
    ("person_view", "their own view changed"),
    ("strengths", "strengths and support changed"),
)


def _risk_changes(old: AgreedRisk, new: AgreedRisk) -> list[str]:
    prefix = f"Risk {_quote(new.choice)}: "
    out = [
        prefix + change + "."
        for field, change in _RISK_FIELDS
        if getattr(old, field) != getattr(new, field)
    ]
    for field, when in (("level_before", "before"), ("level_after", "after the mitigations")):
        was, now = getattr(old, field), getattr(new, field)
        if was != now:
            out.append(
                f"{prefix}level {when} changed from {was or 'not rated'} to {now or 'not rated'}."
            )
    out.extend(_action_changes(prefix, old.mitigations, new.mitigations))
    return out


def _decision_changes(
    old: tuple[AgreedDecision, ...], new: tuple[AgreedDecision, ...]
) -> list[str]:
    before = {d.id: d for d in old}
    after = {d.id: d for d in new}
    out: list[str] = []
    for decision_id, d in after.items():
        name = _quote(d.decision)
        was = before.get(decision_id)
        if was is None:
            out.append(f"Decision added: {name} ({outcome_label(d.outcome).lower()}).")
            continue
        if was.decision != d.decision:
            out.append(f"Decision {_quote(was.decision)} reworded to {name}.")
        if was.outcome != d.outcome:
            out.append(
                f"Decision {name}: outcome changed from {outcome_label(was.outcome).lower()} "
                f"to {outcome_label(d.outcome).lower()}."
            )
        if (was.person_decides, was.decider_name, was.decider_role) != (
            d.person_decides,
            d.decider_name,
            d.decider_role,
        ):
            out.append(f"Decision {name}: who decides changed.")
        if was.conditions != d.conditions:
            out.append(f"Decision {name}: conditions changed.")
    out.extend(
        f"Decision removed: {_quote(d.decision)}." for i, d in before.items() if i not in after
    )
    return out


def _text_change(what: str, old: str | None, new: str | None) -> list[str]:
    if old == new:
        return []
    if not old:
        return [f"{what} added."]
    if not new:
        return [f"{what} removed."]
    return [f"{what} changed."]


def _person_changes(old: PersonPart, new: PersonPart) -> list[str]:
    out: list[str] = []
    if (old.name, old.preferred_name) != (new.name, new.preferred_name):
        out.append("The person's name changed.")
    if old.representative != new.representative:
        if new.representative is None:
            out.append("The representative was removed.")
        else:
            rep = new.representative
            out.append(
                f"Representative is now {rep.name} ({authority_label(rep.authority).lower()})."
            )
    return out


def describe_changes(old: AgreementContent, new: AgreementContent) -> list[str]:
    """What changed from `old` to `new`, one plain sentence each, in the agreement's order."""
    out = _person_changes(old.person, new.person)
    was_matters = {m.heading: m.text for m in old.what_matters}
    now_matters = {m.heading: m.text for m in new.what_matters}
    for heading in dict.fromkeys([*now_matters, *was_matters]):
        out += _text_change(
            f"What matters to them, {_quote(heading)}:",
            was_matters.get(heading),
            now_matters.get(heading),
        )
    before = {r.id: r for r in old.risks}
    after = {r.id: r for r in new.risks}
    for risk_id, risk in after.items():
        if risk_id not in before:
            out.append(f"Risk added: {_quote(risk.choice)}.")
            out.extend(_action_changes(f"Risk {_quote(risk.choice)}: ", (), risk.mitigations))
        else:
            out.extend(_risk_changes(before[risk_id], risk))
    out.extend(f"Risk removed: {_quote(r.choice)}." for i, r in before.items() if i not in after)
    out.extend(_action_changes("Other actions: ", old.other_actions, new.other_actions))
    out.extend(_decision_changes(old.decisions, new.decisions))
    out += _text_change("The back-up plan (contingency)", old.contingency, new.contingency)
    if old.review.due != new.review.due or old.review.kind != new.review.kind:
        out.append(f"Review date changed from {_date(old.review.due)} to {_date(new.review.due)}.")
    elif old.review.source != new.review.source:
        out.append(f"Where the review date comes from changed: {new.review.source or 'not stated'}")
    was_dissent = set(old.dissent)
    now_dissent = set(new.dissent)
    out.extend(
        f"Disagreement added: {d.party} on {_quote(d.about, 40)}."
        for d in new.dissent
        if d not in was_dissent
    )
    out.extend(
        f"Disagreement removed: {d.party} on {_quote(d.about, 40)}."
        for d in old.dissent
        if d not in now_dissent
    )
    return out
