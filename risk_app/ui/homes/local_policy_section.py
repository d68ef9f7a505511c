"""The lead's section on the council's local policies: each policy in plain words, whether it is
on, who set it and when, its history, and (for the safeguarding lead only) a form to change it.

The form remembers the version it was opened on (`editing.open_form`), so a change made from an
older version than the one now in force is refused by the service as stale, not saved over it;
the section then shows the newer setting with the refusal.
"""

from __future__ import annotations

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain import access, words
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput, StaleEdit
from risk_app.domain.record.local_policy import PolicySetting
from risk_app.services.record import local_policy
from risk_app.ui import editing, text

INTRO = (
    "These are your council's own rules, not the law and not the framework. Wherever one "
    'applies, the screen says "Local policy" with who set it and when. Until the safeguarding '
    'lead sets one, its default applies and is labelled "local policy (default)". Only the '
    "safeguarding lead can change them."
)


def _row(setting: PolicySetting) -> dict[str, object]:
    return {
        "Policy": setting.definition.title,
        "What it says": setting.definition.words,
        "Affects": setting.definition.affects.label,
        "Now": setting.state + (" (default)" if setting.is_default else ""),
        "Set by": "—" if setting.is_default else setting.set_by,
        "When": "—" if setting.set_at is None else words.moment(setting.set_at, utc=True),
    }


def render_local_policies(store: Store, actor: Actor) -> None:
    st.header("Local policies", anchor=False)
    text.show(INTRO)
    settings = local_policy.policies(store, by=actor)
    for setting in settings.values():
        if refused := st.session_state.pop(_refused_key(setting), None):
            text.show_error(f"{setting.definition.title}: {refused}")
    text.table([_row(s) for s in settings.values()])
    may_change = access.can_set_local_policy(actor)
    for setting in settings.values():
        with st.expander(
            f"{setting.definition.title}: history" + (" and change" if may_change else "")
        ):
            text.show_small(setting.caption)
            past = local_policy.history(store, by=actor, policy=setting.policy.value)
            if past:
                text.table(
                    [
                        {
                            "Version": p.version,
                            "Set to": p.state,
                            "By": p.set_by,
                            "When": words.moment(p.set_at, utc=True) if p.set_at else "—",
                        }
                        for p in past
                    ]
                )
            else:
                text.show_small("Never set: the default applies.")
            if may_change:
                _change_form(store, actor, setting)


def _refused_key(setting: PolicySetting) -> str:
    return f"policy_refused_{setting.policy.value}"


def _change_form(store: Store, actor: Actor, setting: PolicySetting) -> None:
    definition = setting.definition
    form = editing.open_form(
        st.session_state,
        f"policy_{setting.policy.value}",
        setting.version,
        {"on": setting.on, "value": setting.value},
    )
    with st.form(f"policy_form_{setting.policy.value}_v{form.version}"):
        on = st.checkbox("On", key=form.key("on")) if definition.can_be_off else True
        value = None
        if definition.parameter is not None:
            value = int(
                st.number_input(
                    definition.parameter.label,
                    min_value=definition.parameter.minimum,
                    max_value=definition.parameter.maximum,
                    step=1,
                    key=form.key("value"),
                )
            )
        saved = st.form_submit_button("Save this policy")
    if not saved:
        return
    try:
        local_policy.set_policy(
            store,
            by=actor,
            policy=setting.policy.value,
            on=bool(on),
            value=value,
            expected_version=form.version,
        )
    except StaleEdit as exc:
        # Nothing was saved: show the newer setting (and its history) with the refusal above it,
        # so the lead decides again knowing what changed.
        st.session_state[_refused_key(setting)] = str(exc)
        form.reset()
        st.rerun()
    except InvalidInput as exc:
        text.show_error(exc)
    else:
        form.reset()
        st.rerun()
