"""Decisions, panels and plan validations as recorded: every word anyone wrote, shown literally.

Staff read these on the person's "Decisions and panels" tab. Each record opens in an expander
labelled with its date only (labels render markdown; dates cannot hold anyone's text)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from risk_app.domain import words
from risk_app.domain.record.awi_capacity import AwiPrinciple, CapacityLaw
from risk_app.domain.record.capacity import (
    NOT_RECORDED,
    BestInterestsItem,
    CapacityOutcome,
    Finding,
)
from risk_app.domain.record.dissent import Dissent
from risk_app.domain.record.who_decides import DecisionMaker, what_was_decided
from risk_app.services.record.decisions import DecisionView
from risk_app.services.record.panels import PanelView
from risk_app.services.record.plan_validation import PlanValidationView
from risk_app.ui import text

FINDING_WORDS = {
    Finding.NOT_ASSESSED: "Not assessed",
    Finding.ABLE: "Able",
    Finding.UNABLE: "Unable",
}
NONE = "—"
YES_NO = {True: "Yes", False: "No", None: NOT_RECORDED}
"""A yes-or-no answer as shown. A record made before the question existed reads "Not recorded",
never a guess."""


def dissent_words(dissent: Sequence[Dissent]) -> str:
    return "\n".join(f"{d.party}: {d.words}" for d in dissent) or NONE


def decision_fields(d: DecisionView) -> list[tuple[str, str]]:
    """Every part of a decision record, in the order of the Act it followed: the Mental Capacity
    Act 2005, or the Adults with Incapacity (Scotland) Act 2000 (s1(6), then the s1 principles)."""
    options = "\n".join(
        f"{o.option}{' (less restrictive)' if o.less_restrictive else ''}"
        + (f": {o.notes}" if o.notes else "")
        for o in d.options
    )
    out: list[tuple[str, str]] = [
        ("The choice, in the person's words", d.decision),
        ("Options considered", options or NONE),
        ("Support given to decide", "\n".join(d.support_given) or NONE),
        ("Reason to doubt capacity", d.reason_to_doubt or "None recorded: capacity is presumed"),
    ]
    awi = d.capacity_law is CapacityLaw.AWI
    if awi:
        out += _awi_fields(d)
    for ability, finding in d.functional.items():
        out.append((f"Can they {ability.label}?", FINDING_WORDS.get(finding, str(finding))))
        if ability in d.evidence:
            out.append((f"Evidence they cannot {ability.label}", d.evidence[ability]))
    if d.impairment and not awi:
        out.append(("Impairment of, or disturbance in, the mind or brain", d.impairment))
    if d.inability_because_of_impairment is not None and not awi:
        because = "Yes" if d.inability_because_of_impairment else "No"
        out.append(("Is the inability because of that impairment?", because))
    if d.reason_to_doubt:
        law = "" if awi else " (s3(4))"
        out += [
            (
                f"Information relevant to the decision{law}",
                d.relevant_information or NOT_RECORDED,
            ),
            (
                "On the balance of probabilities" + ("" if awi else " (s2(4))"),
                YES_NO[d.balance_of_probabilities],
            ),
            ("Who assessed", _name_and_role(d.assessor_name, d.assessor_role)),
        ]
    out.append(("Capacity for this decision", outcome_words(d)))
    out += [("Why", reason) for reason in d.capacity_reasons]
    out += _who_decides_fields(d)
    out += [
        (what_was_decided(d.decided_by, awi=awi), d.decided or NOT_RECORDED),
        ("The council's response", d.outcome.label),
        ("Conditions", d.conditions or NONE),
        ("Review by", words.day_or(d.review_date, NONE)),
        ("Who disagrees, in their words", dissent_words(d.dissent)),
        ("Recorded by", f"{d.created_by}, under framework {d.framework_version}"),
    ]
    return out


def outcome_words(d: DecisionView) -> str:
    """The capacity outcome in words: under the AWI Act, a lack of capacity reads "incapable"."""
    if d.capacity_law is CapacityLaw.AWI and d.capacity_outcome is CapacityOutcome.LACKS_CAPACITY:
        return "incapable of this decision (AWI 2000 s1(6))"
    return d.capacity_outcome.value.replace("_", " ")


def _awi_fields(d: DecisionView) -> list[tuple[str, str]]:
    """The s1(6) abilities, their evidence and the causal answer of an AWI assessment."""
    out = [("Assessed under", "Adults with Incapacity (Scotland) Act 2000, s1(6)")]
    for ability, finding in d.abilities.items():
        out.append((f"Can they {ability.label}?", FINDING_WORDS.get(finding, str(finding))))
        if ability in d.ability_evidence:
            out.append((f"Evidence they cannot {ability.label}", d.ability_evidence[ability]))
    if d.incapacity_cause is not None:
        out.append(("By reason of (s1(6))", d.incapacity_cause.label))
    if d.impairment:
        out.append(("The mental disorder or physical disability", d.impairment))
    return out


def _name_and_role(name: str | None, role: str | None) -> str:
    return ", ".join(x for x in (name, role) if x) or NOT_RECORDED


def _who_decides_fields(d: DecisionView) -> list[tuple[str, str]]:
    """Whether an attorney, deputy or advance decision covers it (s6(6)), then theirs or the
    best-interests record; nothing of either when the person decides."""
    if d.decided_by is DecisionMaker.PERSON:
        return []
    awi = d.capacity_law is CapacityLaw.AWI
    question = (
        "Does a welfare attorney, a guardian or an intervention order cover this decision?"
        if awi
        else "Does an attorney, a deputy or an advance decision cover this decision?"
    )
    out = [(question, YES_NO[d.authority_covers])]
    if d.decided_by is DecisionMaker.AUTHORITY:
        return [
            *out,
            ("Which authority", d.authority_kind.label if d.authority_kind else NOT_RECORDED),
            ("Who holds it", d.authority_holder or NOT_RECORDED),
            ("Their authority, and what it covers", d.authority_scope or NOT_RECORDED),
        ]
    if awi:
        out += [(p.question, d.principles.get(p) or NOT_RECORDED) for p in AwiPrinciple]
        out.append(
            ("Who decides, under the s1 principles", _name_and_role(d.decider_name, d.decider_role))
        )
        return out
    # A record made before an item was on the checklist reads "Not recorded" for it.
    out += [(i.question, d.best_interests.get(i) or NOT_RECORDED) for i in BestInterestsItem]
    who = _name_and_role(d.decider_name, d.decider_role)
    out.append(("Who decides in their best interests", who))
    return out


def show_decisions(decisions: Sequence[DecisionView]) -> None:
    for d in decisions:
        with st.expander(f"Decision recorded {words.moment(d.decided_at)}"):
            text.fields(decision_fields(d))


def panel_title(p: PanelView) -> str:
    """The expander's label: dates and our own words only (labels render markdown)."""
    return f"Panel referral of {words.day(p.created_at)} ({p.state.label.lower()}): the full record"


def panel_fields(p: PanelView, risks: Mapping[int, str]) -> list[tuple[str, str]]:
    """Every part of a panel referral recorded so far; nothing of an outcome before there is one."""
    out: list[tuple[str, str]] = [
        ("Route", p.route_label),
        ("Where it is up to", p.state.label),
        ("Why it was referred", p.referral_reason),
        ("The question for the panel", p.question or NONE),
        ("Risks to consider", "\n".join(risks.get(i, f"Risk {i}") for i in p.risk_ids) or NONE),
        ("The person's view", p.person_view or NONE),
        ("Advocate", p.advocate or NONE),
        ("Panel date", words.day_or(p.scheduled_for, "Not set yet")),
    ]
    if p.person_attended is not None:
        out.append(("The person attended", "Yes" if p.person_attended else "No"))
    if p.options:
        out.append(("Options considered", "\n".join(p.options)))
    if p.has_outcome:
        out += [
            ("The panel met on", words.day_or(p.held_on, NONE)),
            ("Recommendation", p.recommendation),
            ("Conditions", p.conditions or NONE),
            ("Review by", words.day_or(p.review_date, NONE)),
        ]
    if p.dissent:
        out.append(("Who disagrees, in their words", dissent_words(p.dissent)))
    if p.close_note:
        out.append(("Note on closing", p.close_note))
    if p.withdrawn_reason:
        out.append(("Why it was withdrawn", p.withdrawn_reason))
    out.append(("Referred by", f"{p.created_by}, under framework {p.framework_version}"))
    return out


def show_panel_history(p: PanelView) -> None:
    """Each step taken on the referral: when, by whom, the date it set and any reason."""
    text.table(
        [
            {
                "When": words.moment(s.at),
                "Step": s.step.label.capitalize(),
                "Date": words.day_or(s.on_date, NONE),
                "Reason": s.reason or NONE,
                "By": s.by,
            }
            for s in p.history
        ],
        caption="What has happened so far",
    )


def validation_fields(v: PlanValidationView, risks: Mapping[int, str]) -> list[tuple[str, str]]:
    out = [
        (f"{check.label}: {'met' if result.passed else 'not met'}", result.reason or NONE)
        for check, result in v.checks.items()
    ]
    out += [
        (f"Route for the high risk: {risks.get(risk_id, f'Risk {risk_id}')}", route)
        for risk_id, route in v.routes.items()
    ]
    out += [
        ("Outcome", v.outcome.label),
        ("Conditions", v.conditions or NONE),
        ("Review by", words.day_or(v.review_date, NONE)),
        ("Why", "\n".join(v.reasons) or NONE),
        ("Decided by", f"{v.decided_by}, under framework {v.framework_version}"),
    ]
    if v.went_on_reason:
        out.append(("Agreed while a safeguarding concern was open, because", v.went_on_reason))
    return out


def show_validations(validations: Sequence[PlanValidationView], risks: Mapping[int, str]) -> None:
    for v in validations:
        with st.expander(f"Plan validation recorded {words.moment(v.decided_at)}"):
            text.fields(validation_fields(v, risks))
