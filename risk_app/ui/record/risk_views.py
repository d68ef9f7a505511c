"""The risks tab of a person's record: the matrix, each risk in the person's words, and who owns
what by when. Pages call these; these call services."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

import streamlit as st

from framework import FrameworkGraph
from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput, StaleEdit
from risk_app.domain.record.circle import CircleMember, LikelyDuplicate
from risk_app.domain.record.local_policy import PolicySetting, route_needed
from risk_app.domain.record.ownership import STAFF_ACK_METHODS, ActionStatus, ownership_table
from risk_app.domain.record.plan import INTERIM_SUPPORT
from risk_app.domain.record.risk import RiskScale
from risk_app.services.record import local_policy, risks
from risk_app.services.record.risks import RiskInput, RiskSummary
from risk_app.ui import charts, defaults, editing, lazy, runtime, text
from risk_app.ui.autosave import AutosavedForm, form_prefix
from risk_app.ui.editing import fresh, renew
from risk_app.ui.record import action_code_views, circle_views
from risk_app.ui.text import show_error


def scale() -> RiskScale:
    return risks.current_scale(runtime.settings().risk_scale_path)


def render_risks(store: Store, actor: Actor, graph: FrameworkGraph, person_id: int) -> None:
    the_scale = scale()
    assessments = risks.assessments_for(store, by=actor, person_id=person_id, scale=the_scale)
    defaults.filled_in(
        "Risk scale",
        "your organisation's scale",
        "your organisation uses another: the administrator sets it for everyone",
    )
    if not assessments:
        st.info("No risk assessment yet for this person.")
        if st.button("Start a risk assessment at this stage", key=f"risk_start_{person_id}"):
            risks.start_assessment(store, by=actor, person_id=person_id, scale=the_scale)
            runtime.rerun()
        return
    latest = assessments[0]
    stage = graph.node(latest.stage)
    text.show_small(
        f"Assessment started {words.day(latest.created_at)} by {latest.created_by} at stage "
        f"{stage.order}. {stage.label}, under framework {latest.framework_version}, "
        f"scale {latest.scale_name}."
    )
    if latest.risks:
        _matrix(the_scale, latest.risks)
        gate = route_needed(local_policy.policies(store, by=actor))
        # The circle, read once for every risk's owner and acknowledgement pickers in this run
        # (None when the actor may not see it): not once per picker.
        members = circle_views.members_or_none(store, actor, person_id)
        for n, risk in enumerate(latest.risks, start=1):
            _risk(store, actor, person_id, n, risk, gate, members)
    _add_risk_form(store, actor, graph, latest.id, person_id, the_scale, first=not latest.risks)


def high_risk_message(gate: PolicySetting) -> str:
    """What a risk still high after mitigation means for agreeing the plan, under the council's
    local policy as it stands (never worded as the law)."""
    route = "a risk enablement panel, the safeguarding process or a multi-agency forum"
    if gate.on:
        return (
            f"A risk stays high after mitigation. {gate.caption} Under it, the plan is agreed "
            f"once a route is recorded for the risk: {route}. {INTERIM_SUPPORT}"
        )
    return (
        f"A risk stays high after mitigation. Consider recording a route: {route}. The local "
        f"policy that would make one a condition of agreeing the plan is off ({gate.caption}), "
        "so the plan can be agreed after this warning, and the plan's record will say so."
    )


def _matrix(the_scale: RiskScale, summaries: tuple[RiskSummary, ...]) -> None:
    st.subheader("Risk matrix", anchor=False)
    chart_tab, table_tab = st.tabs(["Chart", "Table (same information)"])
    with chart_tab:
        st.plotly_chart(charts.risk_matrix_figure(the_scale, summaries), width="stretch")
        st.caption("Circles: before mitigation. Diamonds: after. Numbers match the risks below.")
    with table_tab:
        text.table(charts.risk_matrix_rows(summaries))


def _risk(
    store: Store,
    actor: Actor,
    person_id: int,
    n: int,
    risk: RiskSummary,
    gate: PolicySetting,
    members: Sequence[CircleMember] | None,
) -> None:
    text.heading(f"Risk {n}: {risk.activity}")
    if risk.high:
        text.show_warning(high_risk_message(gate))
    if risk.ratings_differ:
        st.info("The person rates this risk differently. Talk it through and record both views.")
    details = {
        "What the person gains": risk.benefits,
        "Possible harm to the person": risk.harm_to_self,
        "Possible harm to others": risk.harm_to_others,
        "Possible harm from others": risk.harm_from_others,
        "The person's view": risk.person_view,
        "Strengths and natural support": risk.strengths,
    }
    text.table(
        [{"About the risk": label, "Recorded": value or "—"} for label, value in details.items()]
    )
    st.markdown("**Who does what, by when**")
    if risk.actions:
        text.table(ownership_table(risk.actions))
    else:
        st.caption("No actions yet.")
    _action_forms(store, actor, person_id, risk, members)
    action_code_views.render_codes(store, actor, f"risk_{risk.id}", risk.actions)
    _edit_form(store, actor, risk)


def _action_forms(
    store: Store,
    actor: Actor,
    person_id: int,
    risk: RiskSummary,
    members: Sequence[CircleMember] | None,
) -> None:
    with lazy.expander(
        f"Add an action or acknowledgement for risk {risk.id}",
        key=f"risk_{risk.id}_action_forms",
        keep=(f"action_add_{risk.id}", f"action_ack_{risk.id}"),
    ) as shown:
        if shown:
            _add_action(store, actor, person_id, risk, members or [])
            _acknowledge(store, actor, risk, members or [])


def _add_action(
    store: Store,
    actor: Actor,
    person_id: int,
    risk: RiskSummary,
    members: Sequence[CircleMember],
) -> None:
    """What, who (from the person's circle, or someone new who joins it) and by when. Keyed
    widgets, cleared after adding; a likely duplicate owner is offered before anyone is added."""
    key = f"action_add_{risk.id}"
    widget = fresh(key)  # after adding, the form moves to fresh, empty widgets
    owner_key = widget("owner")
    if notice := st.session_state.pop(f"{key}_added", None):
        text.show_success(notice)

    def add(attempt: Mapping[str, Any], **owner: Any) -> None:
        risks.add_action(
            store, by=actor, person_id=person_id, risk_id=risk.id, **(dict(attempt) | owner)
        )
        renew(key)
        st.session_state[f"{key}_added"] = "Action added."

    def use(member_id: int, attempt: Mapping[str, Any]) -> None:
        kept = {k: v for k, v in attempt.items() if not k.startswith("owner_")}
        add(kept, owner_member_id=member_id)

    if circle_views.offer_duplicate(
        key, use=use, add_new=lambda attempt: add(attempt, owner_confirmed_new=True)
    ):
        return
    description = st.text_area("What will be done", max_chars=4000, key=widget("description"))
    owner = circle_views.pick(
        store, actor, person_id, key=owner_key, label="Who owns it", members=members
    )
    st.caption("They need no account: the person, family, a PA, a provider…")
    due = st.date_input(
        "By when", value=None, min_value=date(2000, 1, 1), format="DD/MM/YYYY", key=widget("due")
    )
    if not st.button("Add action", key=widget("submit")):
        return
    if owner is None:
        show_error("Choose who will do it: the person, someone in their circle, or someone new.")
        return
    attempt = {"description": description, "due": due, **owner.action_owner()}
    try:
        add(attempt)
    except LikelyDuplicate as refused:
        circle_views.hold_duplicate(key, refused, attempt)
        runtime.rerun()
    except InvalidInput as exc:
        show_error(exc)
    else:
        runtime.rerun()


def _acknowledge(
    store: Store, actor: Actor, risk: RiskSummary, members: Sequence[CircleMember]
) -> None:
    open_actions = [a for a in risk.actions if a.status is ActionStatus.OPEN]
    if not open_actions:
        return
    # Option labels of a selectbox are plain text (no markdown), unlike widget labels.
    labels = {a.id: f"{a.owner_name}: {a.description[:60]}" for a in open_actions}
    people = {m.id: m.label for m in members}
    base = f"action_ack_{risk.id}"
    key = fresh(base)  # keyed widgets, not a form: kept while the expander is shut
    chosen = st.selectbox(
        "Action",
        list(labels),
        index=None,
        placeholder="Choose the action…",
        format_func=labels.__getitem__,
        key=key("action"),
    )
    member = st.selectbox(
        "Acknowledged by",
        list(people),
        index=None,
        placeholder="Choose someone in the person's circle…",
        format_func=people.__getitem__,
        key=key("member"),
    )
    who = st.text_input(
        "Or their name, if they are not in the circle", max_chars=200, key=key("name")
    )
    method = st.selectbox(
        "How",
        list(STAFF_ACK_METHODS),
        index=None,
        placeholder="Choose how…",
        format_func=lambda m: m.value.replace("_", " "),
        key=key("method"),
    )
    done = st.checkbox("Mark this action as done instead", key=key("done"))
    if not st.button("Record", key=key("record")):
        return
    try:
        if chosen is None:
            raise InvalidInput("Choose the action.")
        if done:
            shown = next(a for a in open_actions if a.id == chosen)
            risks.set_action_status(
                store,
                by=actor,
                action_id=int(chosen),
                expected_version=shown.version,
                status=ActionStatus.DONE,
            )
        else:
            risks.acknowledge(
                store,
                by=actor,
                action_id=int(chosen),
                acknowledged_by=who,
                member_id=member,
                method=method or "",
            )
    except (InvalidInput, StaleEdit) as exc:
        show_error(exc)
    else:
        renew(base)
        runtime.rerun()


EDITABLE_TEXT = (
    ("activity", "The activity or choice, in the person's words"),
    ("benefits", "What the person gains from it"),
    ("harm_to_self", "What could go wrong for the person"),
    ("harm_to_others", "What could go wrong for other people"),
    ("harm_from_others", "What harm could come from other people"),
    ("person_view", "The person's own view"),
    ("strengths", "Strengths and natural support"),
)
EDITABLE_RATINGS = (
    ("likelihood", "impact", "before", "practitioner"),
    ("person_likelihood", "person_impact", "person_rating", "the person's view"),
    ("residual_likelihood", "residual_impact", "after", "after mitigation"),
)


def _edit_form(store: Store, actor: Actor, risk: RiskSummary) -> None:
    """Change a risk. The form is opened on the version shown; a stale save keeps the typing."""
    the_scale = scale()
    values: dict[str, object] = {f: getattr(risk, f) for f, _ in EDITABLE_TEXT}
    for lk, im, rating_name, _ in EDITABLE_RATINGS:
        rating = getattr(risk.view, rating_name)
        values[lk], values[im] = (rating.likelihood, rating.impact) if rating else (None, None)
    opened = editing.open_form(st.session_state, f"riskedit_{risk.id}", risk.version, values)
    with lazy.expander(
        f"Change risk {risk.id}", key=f"risk_{risk.id}_change", keep=(f"riskedit_{risk.id}",)
    ) as shown:
        if not shown:
            return
        for field, label in EDITABLE_TEXT:
            st.text_area(label, key=opened.key(field), max_chars=4000)
        for lk, im, _, whose in EDITABLE_RATINGS:
            left, right = st.columns(2)
            unset = None if lk == "likelihood" else "Not rated"
            lks = {lv.score: f"{lv.score}. {lv.label}" for lv in the_scale.likelihoods}
            ims = {lv.score: f"{lv.score}. {lv.label}" for lv in the_scale.impacts}
            left.selectbox(
                f"Likelihood ({whose})",
                [*([] if unset is None else [None]), *lks],
                key=opened.key(lk),
                format_func=_formatter(lks, unset),
            )
            right.selectbox(
                f"Impact ({whose})",
                [*([] if unset is None else [None]), *ims],
                key=opened.key(im),
                format_func=_formatter(ims, unset),
            )
        saved = st.button("Save changes to this risk", key=f"riskedit_{risk.id}_save")
    if saved:
        state = st.session_state
        fields: dict[str, Any] = {f: str(state[opened.key(f)] or "") for f, _ in EDITABLE_TEXT}
        for lk, im, _, _ in EDITABLE_RATINGS:
            fields[lk], fields[im] = state[opened.key(lk)], state[opened.key(im)]
        data = RiskInput(**fields, abuse_types=risk.abuse_types)
        try:
            risks.update_risk(
                store,
                by=actor,
                risk_id=risk.id,
                expected_version=opened.version,
                data=data,
                scale=the_scale,
            )
        except StaleEdit as exc:
            show_error(exc)
            st.info("Your changes are still in the form. Reopen the page to see the newer version.")
        except InvalidInput as exc:
            show_error(exc)
        else:
            opened.reset()
            runtime.rerun()


DRAFT_FORM = "add_risk"
FIELDS = (
    "activity",
    "benefits",
    "harm_to_self",
    "harm_to_others",
    "harm_from_others",
    "likelihood",
    "impact",
    "person_view",
    "person_likelihood",
    "person_impact",
    "strengths",
    "residual_likelihood",
    "residual_impact",
    "abuse_types",
)


def _key(person_id: int, field: str) -> str:
    return f"{form_prefix(f'riskform_{person_id}_')}{field}"


def _values(person_id: int) -> dict[str, object]:
    return {f: st.session_state.get(_key(person_id, f)) for f in FIELDS}


def _form(store: Store, actor: Actor, person_id: int) -> AutosavedForm:
    return AutosavedForm(store, actor, DRAFT_FORM, person_id, f"riskform_{person_id}_", _CONTROLS)


_CONTROLS = frozenset({"submit", "problem"})


def _submit(
    store: Store, actor: Actor, person_id: int, assessment_id: int, the_scale: RiskScale
) -> None:
    v = _values(person_id)

    def text_of(field: str) -> str:
        return str(v[field] or "")

    try:
        data = RiskInput(
            activity=text_of("activity"),
            likelihood=int(str(v["likelihood"] or 0)),
            impact=int(str(v["impact"] or 0)),
            benefits=text_of("benefits"),
            harm_to_self=text_of("harm_to_self"),
            harm_to_others=text_of("harm_to_others"),
            harm_from_others=text_of("harm_from_others"),
            person_view=text_of("person_view"),
            person_likelihood=_int_or_none(v["person_likelihood"]),
            person_impact=_int_or_none(v["person_impact"]),
            strengths=text_of("strengths"),
            residual_likelihood=_int_or_none(v["residual_likelihood"]),
            residual_impact=_int_or_none(v["residual_impact"]),
            abuse_types=_texts(v["abuse_types"]),
        )
        risks.add_risk(store, by=actor, assessment_id=assessment_id, data=data, scale=the_scale)
    except InvalidInput as exc:
        st.session_state[_key(person_id, "problem")] = str(exc)
    else:
        _form(store, actor, person_id).discard()


def _texts(value: object) -> tuple[str, ...]:
    """A multiselect's choices (a list of strings), or none."""
    return tuple(str(item) for item in value) if isinstance(value, list | tuple) else ()


def _formatter(levels: dict[int, str], unset: str | None) -> Callable[[int | None], str]:
    def show(value: int | None) -> str:
        return (unset or "") if value is None else levels[value]

    return show


def _int_or_none(value: object) -> int | None:
    return None if value is None else int(str(value))


def _add_risk_form(
    store: Store,
    actor: Actor,
    graph: FrameworkGraph,
    assessment_id: int,
    person_id: int,
    the_scale: RiskScale,
    *,
    first: bool,
) -> None:
    """Fields save themselves as a draft on every change, so nothing typed is lost. Drawn only
    while open: open at first for the assessment's first risk, or when a draft was brought back."""
    form = _form(store, actor, person_id)
    form.restore()
    with lazy.expander(
        "Add a risk",
        key=f"risk_add_{person_id}",
        keep=(form.prefix.rstrip("_"),),
        expanded=first or bool(st.session_state.get(form.key("_restored"))),
    ) as shown:
        if shown:
            _add_risk_fields(store, actor, graph, assessment_id, person_id, the_scale, form)


def _add_risk_fields(
    store: Store,
    actor: Actor,
    graph: FrameworkGraph,
    assessment_id: int,
    person_id: int,
    the_scale: RiskScale,
    form: AutosavedForm,
) -> None:
    likelihoods = {lv.score: f"{lv.score}. {lv.label}" for lv in the_scale.likelihoods}
    impacts = {lv.score: f"{lv.score}. {lv.label}" for lv in the_scale.impacts}
    abuse = {n.id: n.label for n in graph.nodes(type="abuse_type")}

    def key(field: str) -> str:
        return _key(person_id, field)

    form.notice("add the risk")

    def words(field: str, label: str) -> None:
        st.text_area(label, key=key(field), max_chars=4000, on_change=form.save)

    def rating(prefix: str, whose: str, unset: str | None) -> None:
        left, right = st.columns(2)
        for column, axis, levels in ((left, "likelihood", likelihoods), (right, "impact", impacts)):
            options: list[int | None] = [*levels] if unset is None else [None, *levels]
            column.selectbox(
                f"{axis.capitalize()} ({whose})"
                if whose
                else f"{axis.capitalize()} after mitigation",
                options,
                key=key(f"{prefix}{axis}"),
                format_func=_formatter(levels, unset),
                on_change=form.save,
            )

    for field, label in (
        ("activity", "The activity or choice, in the person's words"),
        ("benefits", "What the person gains from it"),
        ("harm_to_self", "What could go wrong for the person"),
        ("harm_to_others", "What could go wrong for other people"),
        ("harm_from_others", "What harm could come from other people"),
    ):
        words(field, label)
    rating("", "practitioner", "Not rated")  # no rating is assumed
    words("person_view", "The person's own view")
    rating("person_", "the person's view", "Not given")
    words("strengths", "Strengths and natural support")
    rating("residual_", "", "Not rated yet")
    st.multiselect(
        "Possible abuse or neglect (screening)",
        list(abuse),
        key=key("abuse_types"),
        format_func=abuse.__getitem__,
        on_change=form.save,
    )
    st.button(
        "Add risk",
        type="primary",
        key=key("submit"),
        on_click=_submit,
        args=(store, actor, person_id, assessment_id, the_scale),
    )
    if problem := st.session_state.pop(key("problem"), None):
        show_error(problem)
