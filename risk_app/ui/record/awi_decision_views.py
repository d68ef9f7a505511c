"""The capacity part of the decision form for a person in Scotland: the Adults with Incapacity
(Scotland) Act 2000, s1(6) (five abilities, then the causal question) and, for someone incapable
of the decision whom no welfare attorney, guardian or intervention order covers, how each s1
principle was applied. Never "best interests": Scots law has no such test.

Widgets only, every question unanswered at first; `decision_views` owns the form and its keys
(``key``) and reads the answers back with `awi_capacity_input` and `principles_input`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from risk_app.domain.record.awi_capacity import AWI_S1_URL, AwiAbility, AwiCause, AwiPrinciple
from risk_app.domain.record.capacity import Finding
from risk_app.services.record import decisions
from risk_app.ui import text

Key = Callable[[str], str]

CAUSE_CAPTION = (
    "The Act counts an inability only by reason of mental disorder, or of an inability to "
    "communicate because of physical disability; an inability to communicate that human or "
    f"mechanical aid can make good does not count (Adults with Incapacity (Scotland) Act 2000, "
    f"s1(6): {AWI_S1_URL})."
)
RELEVANT_CAPTION = (
    "What the person needs to know to decide, and what is likely to follow from deciding one "
    "way or another. Recording it is our own rule: the Act does not list it."
)
BALANCE_CAPTION = (
    "A conclusion about incapacity is recorded on the balance of probabilities (more likely than "
    "not), the ordinary civil standard; the Act itself does not state a standard."
)


def awi_capacity_inputs(
    key: Key, save: Callable[[], None], finding_words: dict[Finding, str]
) -> bool:
    """The relevant information, the five s1(6) abilities with evidence, and the cause. Returns
    whether the answers so far make the person incapable (an inability, by a cause the Act
    names)."""
    st.markdown("**Is the person incapable of this decision?** (AWI 2000 s1(6))")
    st.text_area(
        "The information relevant to the decision", key=key("relevant"), on_change=save,
        max_chars=4000,
    )  # fmt: skip
    text.show_small(RELEVANT_CAPTION)
    unable = False
    for ability in AwiAbility:
        finding = st.radio(  # no answer until the assessor gives one (nothing is assumed)
            f"Can they {ability.label}?",
            [Finding.ABLE, Finding.UNABLE],
            index=None,
            key=key(f"a_{ability}"),
            on_change=save,
            format_func=finding_words.__getitem__,
            horizontal=True,
        )
        if finding is Finding.UNABLE:
            unable = True
            st.text_area(
                f"Evidence they cannot {ability.label}",
                key=key(f"ae_{ability}"),
                on_change=save,
                max_chars=4000,
            )
    if not unable:
        return False
    cause = st.radio(  # the causal question, unanswered at first
        "Is that inability by reason of:",
        list(AwiCause),
        index=None,
        key=key("cause"),
        on_change=save,
        format_func=lambda c: c.label,
    )
    text.show_small(CAUSE_CAPTION)
    if cause is None or cause is AwiCause.NEITHER:
        return False
    st.text_input(
        "The mental disorder or physical disability",
        key=key("impairment"),
        on_change=save,
        max_chars=200,
    )
    return True


def principles_inputs(key: Key, save: Callable[[], None]) -> None:
    """How each s1 principle was applied, and who intervenes."""
    st.markdown("**An intervention under the s1 principles** (the person is incapable of this)")
    text.show_small(
        "Scots law has no best-interests test. Say how each principle of the Adults with "
        f"Incapacity (Scotland) Act 2000, s1(2) to (5), was applied: {AWI_S1_URL}"
    )
    for principle in AwiPrinciple:
        st.text_area(principle.question, key=key(f"p_{principle}"), on_change=save, max_chars=4000)
    st.text_input("Who decides (name)", key=key("decider"), on_change=save, max_chars=200)
    st.text_input("Their role", key=key("decider_role"), on_change=save, max_chars=200)


def _finding(value: object) -> Finding:
    return Finding(str(value)) if value else Finding.NOT_ASSESSED


def awi_capacity_input(
    get: Callable[..., Any], doubt: str, yes_no: dict[str, bool]
) -> decisions.CapacityInput | None:
    """The AWI assessment the widgets hold, as the service takes it (None with no doubt)."""
    if not doubt:
        return None
    findings = {a: _finding(get(f"a_{a}", None)) for a in AwiAbility}
    unable = [a for a, f in findings.items() if f is Finding.UNABLE]
    cause = get("cause", None) if unable else None
    named = cause not in (None, AwiCause.NEITHER, AwiCause.NEITHER.value)
    return decisions.CapacityInput(
        reason_to_doubt=doubt,
        functional=findings,
        evidence={a: str(get(f"ae_{a}")) for a in unable},
        cause=cause,
        impairment=(str(get("impairment")) or None) if named else None,
        relevant_information=str(get("relevant")) or None,
        balance_of_probabilities=yes_no.get(str(get("balance"))),
        assessor_name=str(get("assessor")) or None,
        assessor_role=str(get("assessor_role")) or None,
    )


def incapable(capacity: decisions.CapacityInput | None) -> bool:
    """Whether the answers sent make the person incapable, so "who decides" is on the screen."""
    if capacity is None or capacity.cause in (None, AwiCause.NEITHER, AwiCause.NEITHER.value):
        return False
    return any(f == Finding.UNABLE for f in capacity.functional.values())


def principles_input(get: Callable[..., Any]) -> decisions.PrinciplesInput:
    return decisions.PrinciplesInput(
        decider_name=str(get("decider")) or None,
        decider_role=str(get("decider_role")) or None,
        answers={p: str(get(f"p_{p}")) for p in AwiPrinciple},
    )


def decoded(name: str, value: object) -> tuple[bool, object]:
    """A draft's AWI answer restored from its stored value: (whether it is one, the value)."""
    if name == "cause":
        return True, AwiCause(str(value)) if value else None
    if name.startswith("a_"):
        finding = _finding(value)
        return True, None if finding is Finding.NOT_ASSESSED else finding
    return False, value


__all__ = [
    "BALANCE_CAPTION",
    "awi_capacity_input",
    "awi_capacity_inputs",
    "decoded",
    "incapable",
    "principles_input",
    "principles_inputs",
]
