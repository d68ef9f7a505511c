"""Supported decisions, panels and agreeing the plan, for staff. Pages call these; these call services.

Capacity is presumed: the functional test only appears once a reason to doubt is written down.
Once the record shows the person lacks capacity for this decision, the form asks whether an
attorney, a deputy or an advance decision covers it (MCA 2005 s6(6)) and only after a "no" asks for
best interests. For a person in Scotland the same form asks the Adults with Incapacity (Scotland)
Act 2000 instead (`awi_decision_views`): the five s1(6) abilities and the causal question, then a
welfare attorney, guardian or intervention order, or an intervention under the s1 principles,
never best interests. What was decided and the council's response are separate questions, both
unanswered at first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

import streamlit as st

from framework import FrameworkGraph
from framework.law import law_book
from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.awi_capacity import CapacityLaw, capacity_law_for
from risk_app.domain.record.capacity import (
    ASSESSOR_CAPTION,
    BALANCE_OF_PROBABILITIES_CAPTION,
    BALANCE_OF_PROBABILITIES_QUESTION,
    ORDER_NOTE,
    RELEVANT_INFORMATION_CAPTION,
    S4_URL,
    BestInterestsItem,
    Finding,
    FunctionalAbility,
)
from risk_app.domain.record.capacity_law import CapacityWords, capacity_words
from risk_app.domain.record.council_response import CouncilResponse
from risk_app.domain.record.dissent import Dissent
from risk_app.domain.record.who_decides import (
    Authority,
    DecisionMaker,
    authorities_for,
    what_was_decided,
    who_decides_wording,
)
from risk_app.services.record import (
    decisions,
    people,
    plan_validation,
    risks,
)
from risk_app.ui import defaults, text
from risk_app.ui.autosave import AutosavedForm, form_prefix
from risk_app.ui.record import (
    awi_decision_views,
    decision_records,
    panel_views,
    plan_validation_views,
)
from risk_app.ui.text import show_error

SUPPORT = (
    "Easy-read or pictorial information",
    "More time, or a better time of day",
    "A familiar place",
    "Someone the person trusts present",
    "Independent advocate",
    "Interpreter or BSL interpreter",
    "Communication aid",
)
YES_NO = {"Yes": True, "No": False}
FINDING_WORDS = {
    Finding.NOT_ASSESSED: "Not assessed",
    Finding.ABLE: "Able",
    Finding.UNABLE: "Unable",
}


def render_decisions(
    store: Store, actor: Actor, graph: FrameworkGraph, person: people.PersonView
) -> None:
    earlier = decisions.decisions_for(store, by=actor, person_id=person.id)
    if earlier:
        st.subheader("Decisions recorded", anchor=False)
        text.table(
            [
                {
                    "Decision": d.decision,
                    "When": words.day(d.decided_at),
                    "Capacity": _first_upper(decision_records.outcome_words(d)),
                    "Decided": d.decided or "Not recorded",
                    "The council's response": d.outcome.label,
                    "Dissent": "; ".join(f"{x.party}: {x.words}" for x in d.dissent) or "—",
                }
                for d in earlier
            ]
        )
        decision_records.show_decisions(earlier)
    _decision_form(store, actor, person, decisions.assessor_default(store, by=actor))
    panel_views.render_panels(store, actor, graph, person)
    validations = plan_validation.validations_for(store, by=actor, person_id=person.id)
    if validations:
        st.subheader("Plan validations recorded", anchor=False)
        every_risk = {
            r.id: r.activity
            for a in risks.assessments_for(store, by=actor, person_id=person.id)
            for r in a.risks
        }
        decision_records.show_validations(validations, every_risk)
    if person.current_stage == "ST4":
        plan_validation_views.validation_section(store, actor, person)


def _first_upper(said: str) -> str:
    """The first letter in capitals, the rest as written ("AWI" stays in capitals)."""
    return said[:1].upper() + said[1:]


def _k(person_id: int, name: str) -> str:
    return f"{form_prefix(f'dec_{person_id}_')}{name}"


def _decision_form(
    store: Store, actor: Actor, person: people.PersonView, assessor: tuple[str, str]
) -> None:
    """Widgets only; the Record button's callback reads them, so nothing is lost on an error."""
    pid = person.id
    form = _form(store, actor, pid)
    form.restore()
    save = form.save
    st.subheader("Record a supported decision", anchor=False)
    text.show_small("Decision-specific and time-specific: one decision, as it stands today.")
    form.notice("record the decision")
    st.text_area(
        "The choice, in the person's words", key=_k(pid, "choice"), on_change=save, max_chars=4000
    )
    for n in range(3):
        left, right = st.columns([3, 1])
        left.text_input(
            f"Option {n + 1} considered", key=_k(pid, f"option_{n}"), on_change=save, max_chars=4000
        )
        right.checkbox(
            f"Option {n + 1} is less restrictive", key=_k(pid, f"less_{n}"), on_change=save
        )
    st.multiselect("Support given to decide", SUPPORT, key=_k(pid, "support"), on_change=save)
    doubt = st.text_area(
        "Is there a reason to doubt capacity for this decision? "
        "Leave blank if not: capacity is presumed.",
        key=_k(pid, "doubt"),
        on_change=save,
        max_chars=4000,
    )
    law = capacity_words(law_book(), person.jurisdiction)
    text.show_small(law.reminder)
    _capacity_principles(law)
    maker = DecisionMaker.PERSON
    awi = capacity_law_for(person.jurisdiction) is CapacityLaw.AWI
    if doubt.strip() and law.elsewhere is not None:
        text.show_warning(law.elsewhere)
    elif doubt.strip() and awi:
        key = partial(_k, pid)
        incapable = awi_decision_views.awi_capacity_inputs(key, save, FINDING_WORDS)
        _assessed_by(pid, save, assessor, awi_decision_views.BALANCE_CAPTION)
        if incapable:
            maker = _who_decides_inputs(pid, save, person.jurisdiction)
            if maker is DecisionMaker.AWI_PRINCIPLES:
                awi_decision_views.principles_inputs(key, save)
    elif doubt.strip() and _capacity_inputs(pid, save, assessor) is True:
        maker = _who_decides_inputs(pid, save, person.jurisdiction)
        if maker is DecisionMaker.BEST_INTERESTS:
            _best_interests_inputs(pid, save)
    if maker is not DecisionMaker.NOT_ANSWERED:
        st.text_area(
            what_was_decided(maker, awi=awi),
            key=_k(pid, "decided"),
            on_change=save,
            max_chars=4000,
        )
    text.show_small(
        "The council's response is what the council will fund or agree to. It is not the "
        "decision: a person who can decide keeps their decision even if the council does not fund it."
    )
    outcome = st.selectbox(  # no response until the practitioner chooses one (nothing is assumed)
        "The council's response",
        list(CouncilResponse),
        index=None,
        placeholder="Choose the council's response",
        key=_k(pid, "outcome"),
        on_change=save,
        format_func=lambda o: o.label,
    )
    if outcome is CouncilResponse.AGREED_WITH_CONDITIONS:
        st.text_area("Conditions", key=_k(pid, "conditions"), on_change=save, max_chars=4000)
    st.date_input(
        "Date agreed to look at this decision again (if any)",
        value=None,
        key=_k(pid, "review_date"),
        on_change=save,
        format="DD/MM/YYYY",
    )
    text.show_small(plan_validation_views.REVIEW_DATE_HINT)
    left, right = st.columns([1, 3])
    left.text_input(
        "Who disagrees (if anyone)", key=_k(pid, "party"), on_change=save, max_chars=200
    )
    right.text_area(
        "What they said, in their words", key=_k(pid, "words"), on_change=save, max_chars=4000
    )
    st.button(
        "Record decision",
        type="primary",
        key=_k(pid, "record"),
        on_click=_record_decision,
        args=(store, actor, pid, awi),
    )
    if problem := st.session_state.pop(_k(pid, "problem"), None):
        show_error(problem)


def _capacity_principles(law: CapacityWords) -> None:
    """The principles of the person's nation's capacity law, and how a decision is made for
    someone who cannot make it (from the law book, so a Scottish record shows the AWI Act)."""
    with st.expander(f"The principles of the {law.act} ({law.nation})"):
        text.bullets(law.principles)
        text.show_small(law.substitute)


def _capacity_inputs(pid: int, save: Callable[[], None], assessor: tuple[str, str]) -> bool | None:
    """The relevant information, the functional test, the link to an impairment, the standard of
    proof and who assessed. Returns the recorded link."""
    st.markdown("**Can the person make this decision?**")
    st.text_area(
        "The information relevant to the decision",
        key=_k(pid, "relevant"),
        on_change=save,
        max_chars=4000,
    )
    text.show_small(RELEVANT_INFORMATION_CAPTION)
    text.show_small(ORDER_NOTE)
    unable = False
    for ability in FunctionalAbility:
        finding = st.radio(  # no answer until the assessor gives one (nothing is assumed)
            f"Can they {ability.label}?",
            [Finding.ABLE, Finding.UNABLE],
            index=None,
            key=_k(pid, f"f_{ability}"),
            on_change=save,
            format_func=FINDING_WORDS.__getitem__,
            horizontal=True,
        )
        if finding is Finding.UNABLE:
            unable = True
            st.text_area(
                f"Evidence they cannot {ability.label}",
                key=_k(pid, f"e_{ability}"),
                on_change=save,
                max_chars=4000,
            )
    _assessed_by(pid, save, assessor)
    if not unable:
        return None
    st.text_input(
        "The impairment of, or disturbance in, the mind or brain",
        key=_k(pid, "impairment"),
        on_change=save,
        max_chars=200,
    )
    link = st.radio(
        "Is the inability because of that impairment?",
        ["Yes", "No"],
        index=None,
        key=_k(pid, "because"),
        on_change=save,
        horizontal=True,
    )
    return {"Yes": True, "No": False}.get(str(link))


def _assessed_by(
    pid: int,
    save: Callable[[], None],
    assessor: tuple[str, str],
    caption: str = BALANCE_OF_PROBABILITIES_CAPTION,
) -> None:
    """The standard of proof (unanswered at first) and who assessed (the signed-in user filled in
    as a captioned default, to change when someone else assessed)."""
    st.radio(  # no answer until the assessor gives one (nothing is assumed)
        BALANCE_OF_PROBABILITIES_QUESTION,
        ["Yes", "No"],
        index=None,
        key=_k(pid, "balance"),
        on_change=save,
        horizontal=True,
    )
    text.show_small(caption)
    state = st.session_state
    for name, value in (("assessor", assessor[0]), ("assessor_role", assessor[1])):
        if _k(pid, name) not in state:
            state[_k(pid, name)] = value
    left, right = st.columns(2)
    left.text_input("Who assessed (name)", key=_k(pid, "assessor"), on_change=save, max_chars=200)
    right.text_input("Assessor's role", key=_k(pid, "assessor_role"), on_change=save, max_chars=200)
    text.show_small(ASSESSOR_CAPTION)
    defaults.filled_in("Who assessed", "your name and role", "someone else assessed")


AUTHORITY_ANSWERS = {"Yes": True, "No": False}


def _who_decides_inputs(pid: int, save: Callable[[], None], jurisdiction: str) -> DecisionMaker:
    """Whether an attorney, deputy or advance decision covers the decision, asked before any
    best-interests decision (s6(6)); with "yes", who they are, their authority and their
    decision are asked instead. Returns who decides, as answered so far."""
    wording = who_decides_wording(jurisdiction)
    if wording is None:  # a nation whose capacity law risk-app does not hold
        return DecisionMaker.NOT_ANSWERED
    awi = capacity_law_for(jurisdiction) is CapacityLaw.AWI
    if awi:
        st.markdown("**Who decides?** (the person is incapable of this decision)")
    else:
        st.markdown("**Who decides?** (the person lacks capacity for this decision)")
    answer = st.radio(  # unanswered at first: nothing is assumed
        wording.question,
        list(AUTHORITY_ANSWERS),
        index=None,
        key=_k(pid, "authority_covers"),
        on_change=save,
        horizontal=True,
    )
    text.show_small(wording.why)
    covers = AUTHORITY_ANSWERS.get(str(answer))
    if covers is None:
        text.show_warning(
            "Answer this before an intervention under the s1 principles can be recorded."
            if awi
            else "Answer this before a best-interests decision can be recorded."
        )
        return DecisionMaker.NOT_ANSWERED
    if not covers:
        return DecisionMaker.AWI_PRINCIPLES if awi else DecisionMaker.BEST_INTERESTS
    text.show_small(wording.authority_decides)
    st.selectbox(
        "Which authority",
        list(authorities_for(jurisdiction)),
        index=None,
        placeholder="Choose the authority",
        key=_k(pid, "authority_kind"),
        on_change=save,
        format_func=lambda a: a.label,
    )
    st.text_input(
        "Who holds it"
        if awi
        else "Who holds it (for an advance decision: when the person made it)",
        key=_k(pid, "authority_holder"),
        on_change=save,
        max_chars=200,
    )
    st.text_area(
        "Their authority, and what it covers (what you saw: the register, the order, the document)",
        key=_k(pid, "authority_scope"),
        on_change=save,
        max_chars=4000,
    )
    return DecisionMaker.AUTHORITY


def _best_interests_inputs(pid: int, save: Callable[[], None]) -> None:
    st.markdown("**Best interests** (the person lacks capacity for this decision)")
    text.show_small(
        "The checklist of the Mental Capacity Act 2005, s4, including the other factors the "
        f"person would be likely to consider if able (s4(6)(c)): {S4_URL}"
    )
    for item in BestInterestsItem:
        st.text_area(item.question, key=_k(pid, f"bi_{item}"), on_change=save, max_chars=4000)
    st.text_input("Who decides (name)", key=_k(pid, "decider"), on_change=save, max_chars=200)
    st.text_input("Their role", key=_k(pid, "decider_role"), on_change=save, max_chars=200)


def _decision_input(pid: int, awi: bool = False) -> decisions.DecisionInput:
    """What the widgets hold, as the service takes it: the capacity answers once capacity is in
    doubt, and the best-interests answers once the person is found unable to decide because of
    an impairment; for a person in Scotland (``awi``) the AWI assessment and the s1 principles."""
    state = st.session_state

    def get(name: str, default: Any = "") -> Any:
        return state.get(_k(pid, name), default)

    options = [
        decisions.DecisionOption(get(f"option_{n}"), bool(get(f"less_{n}", False)))
        for n in range(3)
        if str(get(f"option_{n}")).strip()
    ]
    doubt = str(get("doubt")).strip()
    if awi:
        return _awi_decision_input(get, doubt, options)
    findings = {a: _finding(get(f"f_{a}", None)) for a in FunctionalAbility}
    # Answers left behind when the doubt was cleared are hidden, so they are not sent: with no
    # doubt, capacity is presumed and nothing recorded may say otherwise.
    unable = [a for a, finding in findings.items() if finding is Finding.UNABLE] if doubt else []
    because = {"Yes": True, "No": False}.get(str(get("because"))) if unable else None
    capacity = (
        decisions.CapacityInput(
            reason_to_doubt=doubt,
            functional=findings,
            evidence={a: str(get(f"e_{a}")) for a in unable},
            impairment=(str(get("impairment")) or None) if unable else None,
            inability_because_of_impairment=because,
            relevant_information=str(get("relevant")) or None,
            balance_of_probabilities=YES_NO.get(str(get("balance"))),
            assessor_name=str(get("assessor")) or None,
            assessor_role=str(get("assessor_role")) or None,
        )
        if doubt
        else None
    )
    authority = _authority_input(get, bool(because))
    covers = authority.covers if authority is not None else None
    best_interests = (
        decisions.BestInterestsInput(
            decider_name=str(get("decider")) or None,
            decider_role=str(get("decider_role")) or None,
            answers={i: str(get(f"bi_{i}")) for i in BestInterestsItem},
        )
        if because and covers is False
        else None
    )
    return _with_common(get, options, capacity, authority, best_interests=best_interests)


def _authority_input(get: Callable[..., Any], shown: bool) -> decisions.AuthorityInput | None:
    """The authority answers, sent only while they are on the screen."""
    if not shown:
        return None
    covers = AUTHORITY_ANSWERS.get(str(get("authority_covers")))
    return decisions.AuthorityInput(
        covers=covers,
        kind=get("authority_kind", None) if covers else None,
        holder=str(get("authority_holder")) or None if covers else None,
        scope=str(get("authority_scope")) or None if covers else None,
    )


def _awi_decision_input(
    get: Callable[..., Any], doubt: str, options: list[decisions.DecisionOption]
) -> decisions.DecisionInput:
    """A Scottish person's decision: the AWI assessment, then who decides and the principles."""
    capacity = awi_decision_views.awi_capacity_input(get, doubt, YES_NO)
    incapable = awi_decision_views.incapable(capacity)
    authority = _authority_input(get, incapable)
    principles = (
        awi_decision_views.principles_input(get)
        if authority is not None and authority.covers is False
        else None
    )
    return _with_common(get, options, capacity, authority, principles=principles)


def _with_common(
    get: Callable[..., Any],
    options: list[decisions.DecisionOption],
    capacity: decisions.CapacityInput | None,
    authority: decisions.AuthorityInput | None,
    *,
    best_interests: decisions.BestInterestsInput | None = None,
    principles: decisions.PrinciplesInput | None = None,
) -> decisions.DecisionInput:
    party, their_words = str(get("party")), str(get("words"))
    return decisions.DecisionInput(
        decision=get("choice"),
        options=options,
        support_given=list(get("support", []) or []),
        outcome=get("outcome", None) or "",
        conditions=str(get("conditions")),
        review_date=review if isinstance(review := get("review_date", None), date) else None,
        dissent=[Dissent(party, their_words)] if party.strip() or their_words.strip() else [],
        capacity=capacity,
        best_interests=best_interests,
        principles=principles,
        authority=authority,
        decided=str(get("decided")),
    )


def _record_decision(store: Store, actor: Actor, pid: int, awi: bool = False) -> None:
    try:
        data = _decision_input(pid, awi)
        decisions.record_decision(store, by=actor, person_id=pid, data=data)
    except InvalidInput as exc:
        st.session_state[_k(pid, "problem")] = str(exc)
    else:
        _form(store, actor, pid).discard()


def _form(store: Store, actor: Actor, pid: int) -> AutosavedForm:
    return AutosavedForm(
        store, actor, "decision", pid, f"dec_{pid}_", frozenset({"record"}), _decode_field
    )


def _finding(value: object) -> Finding:
    """An answer of the functional test; a question left unanswered is not assessed."""
    return Finding(str(value)) if value else Finding.NOT_ASSESSED


def _decode_field(name: str, value: object) -> object:
    """Enum choices come back from a draft as their values; an unanswered question as None."""
    if name == "outcome":
        return CouncilResponse(str(value)) if value else None
    if name == "authority_kind":
        return Authority(str(value)) if value else None
    is_awi, restored = awi_decision_views.decoded(name, value)
    if is_awi:
        return restored
    if name.startswith("f_"):
        finding = _finding(value)
        return None if finding is Finding.NOT_ASSESSED else finding
    return value
