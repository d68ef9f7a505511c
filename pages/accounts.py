"""Accounts: add, list, disable and enable. Administrators manage accounts, not case content."""

from __future__ import annotations

import streamlit as st

from risk_app.domain.access import Page
from risk_app.domain.errors import InvalidInput, StaleEdit
from risk_app.domain.roles import Role
from risk_app.services import accounts
from risk_app.ui import guard, runtime

actor = guard.require(Page.ACCOUNTS)
store = runtime.store()

st.title("Accounts")
users = accounts.list_users(store, by=actor)
st.dataframe(
    [
        {
            "Username": u.username,
            "Name": u.display_name,
            "Role": u.role.label,
            "Team": u.team or "",
            "Person": u.person_id or "",
            "Status": "Disabled" if u.disabled else "Active",
        }
        for u in users
    ],
    hide_index=True,
    width="stretch",
)

st.header("Disable or enable an account")
by_name = {u.username: u for u in users}
choice = st.selectbox("Account", list(by_name), key="accounts_choice")
chosen = by_name[choice]
label = "Enable this account" if chosen.disabled else "Disable this account"
if st.button(label, key="accounts_toggle"):
    try:
        accounts.set_disabled(
            store,
            by=actor,
            username=chosen.username,
            disabled=not chosen.disabled,
            expected_version=chosen.version,
        )
    except (InvalidInput, StaleEdit) as exc:
        st.error(str(exc))
    else:
        st.rerun()

st.header("Add an account")
with st.form("accounts_add", clear_on_submit=False):
    username = st.text_input("Username", max_chars=100)
    display_name = st.text_input("Display name", max_chars=200)
    role = st.selectbox("Role", list(Role), format_func=lambda r: r.label)
    team = st.text_input("Team (practitioners and team managers)", max_chars=200)
    person_id = st.number_input("Person number (individual accounts)", min_value=0, step=1, value=0)
    password = st.text_input(
        "First password (at least 12 characters)", type="password", max_chars=256
    )
    added = st.form_submit_button("Add account", type="primary")
if added:
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
        st.error(str(exc))
    else:
        st.success(f"Added {user.username}.")
        st.rerun()
