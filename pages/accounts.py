"""Accounts: add, list, disable, enable and unlock. Administrators manage accounts, not case content."""

from __future__ import annotations

import streamlit as st

from risk_app.domain.access import Page
from risk_app.domain.errors import InvalidInput, StaleEdit
from risk_app.domain.roles import Role
from risk_app.services import accounts
from risk_app.ui import guard, runtime
from risk_app.ui.text import show_error, show_success

actor = guard.require(Page.ACCOUNTS)
store = runtime.store()

st.title("Accounts", anchor=False)
users = accounts.list_users(store, by=actor)
st.dataframe(
    [
        {
            "Username": u.username,
            "Name": u.display_name,
            "Role": u.role.label,
            "Team": u.team or "",
            "Person": str(u.person_id or ""),
            "Status": "Disabled" if u.disabled else "Active",
        }
        for u in users
    ],
    hide_index=True,
    width="stretch",
)

st.header("Disable or enable an account", anchor=False)


def _toggle(username: str, disable: bool, version: int) -> None:
    # Bound when the button is drawn: the click does what its label said, on the version shown.
    try:
        accounts.set_disabled(
            store, by=actor, username=username, disabled=disable, expected_version=version
        )
    except (InvalidInput, StaleEdit) as exc:
        st.session_state["accounts_problem"] = str(exc)
    else:
        st.session_state["accounts_done"] = f"{'Disabled' if disable else 'Enabled'} {username}."


by_name = {u.username: u for u in users}
choice = st.selectbox("Account", list(by_name), key="accounts_choice")
chosen = by_name[choice]
st.button(
    "Enable this account" if chosen.disabled else "Disable this account",
    key="accounts_toggle",
    on_click=_toggle,
    args=(chosen.username, not chosen.disabled, chosen.version),
)


def _unlock(username: str) -> None:
    try:
        cleared = accounts.unlock(store, by=actor, username=username)
    except InvalidInput as exc:
        st.session_state["accounts_problem"] = str(exc)
    else:
        tries = "try" if cleared == 1 else "tries"
        st.session_state["accounts_done"] = (
            f"Unlocked {username}: {cleared} failed sign-in {tries} cleared, from every address."
        )


st.button(
    "Unlock this account (clear failed sign-ins)",
    key="accounts_unlock",
    on_click=_unlock,
    args=(chosen.username,),
    help="After five wrong passwords an account is locked for 15 minutes from that address only.",
)
if problem := st.session_state.pop("accounts_problem", None):
    show_error(problem)
if done := st.session_state.pop("accounts_done", None):
    show_success(done)

st.header("Add an account", anchor=False)
# A refused account keeps what was typed; after a success the form gets a new identity, so it
# starts empty (and the first password does not linger in the page).
form_round = st.session_state.setdefault("accounts_form_round", 0)
with st.form(f"accounts_add_{form_round}"):
    username = st.text_input("Username", max_chars=100)
    display_name = st.text_input("Display name", max_chars=200)
    role = st.selectbox(
        "Role", list(Role), index=None, placeholder="Choose the role", format_func=lambda r: r.label
    )
    team = st.text_input("Team (practitioners and team managers)", max_chars=200)
    person_id = st.number_input("Person number (individual accounts)", min_value=0, step=1, value=0)
    password = st.text_input(
        "First password (at least 12 characters)", type="password", max_chars=256
    )
    added = st.form_submit_button("Add account", type="primary")
if added and role is None:
    st.error("Choose the account's role.")
elif added:
    try:
        user = accounts.create_user(
            store,
            by=actor,
            username=username,
            display_name=display_name,
            role=role,
            password=password,
            team=team or None,
            person_id=int(person_id) or None,
        )
    except InvalidInput as exc:
        show_error(exc)
    else:
        st.session_state["accounts_done"] = f"Added {user.username}."
        st.session_state["accounts_form_round"] = form_round + 1
        st.rerun()
