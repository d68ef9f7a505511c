"""What is shared with the person's own account (ADR 0010), and the accounts made in a team.

- `shared_with_you`: the person's home page section, in plain words; every piece of recorded text
  is shown literally (it may be anyone's words).
- `render_sharing`: on a person's record, a practitioner or team manager shares an item of a
  restricted part (a concern, a meeting's record, a decision, a panel record), or stops sharing
  it, with a reason.
- `accounts_created`: the team manager's home page list of accounts created in the team.
"""

from __future__ import annotations

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.services import team_accounts
from risk_app.services.record import sharing
from risk_app.ui import text
from risk_app.ui.text import show_error


def shared_with_you(store: Store, actor: Actor) -> None:
    st.header("Shared with you", anchor=False)
    items = sharing.shared_with_me(store, by=actor)
    if not items:
        st.write(
            "Your worker has not shared any meeting notes, safeguarding records, decisions or "
            "panel records with you. You can ask them to."
        )
        return
    st.write("Your worker chose to share these parts of your record with you.")
    for item in items:
        text.heading(f"{item.kind}: {item.title}")
        text.fields(list(item.lines))
        text.show_small(
            f"Shared with you on {words.day(item.shared_at)} "
            f"by {item.shared_by}, because: {item.reason}"
        )


def render_sharing(store: Store, actor: Actor, person_id: int) -> None:
    st.subheader("What the person can read", anchor=False)
    st.write(
        "The person's own account (or their representative's) does not show safeguarding "
        "concerns, meeting records, capacity assessments or panel records until you share them. "
        "Read the item first: share it only if nothing in it should be kept from them (for example "
        "another person's information, or anything that could put someone at risk)."
    )
    items = sharing.items_for(store, by=actor, person_id=person_id)
    if not items:
        st.write("There is nothing to share yet.")
        return
    labels = {(i.part.value, i.item_id): i.label for i in items}
    with st.form(f"share_{person_id}"):
        chosen = st.selectbox(  # no item is assumed: sharing the wrong one discloses it
            "Item",
            list(labels),
            index=None,
            placeholder="Choose the item",
            format_func=labels.__getitem__,
        )
        reason = st.text_area("Why (kept with the record)", max_chars=2000)
        share = st.form_submit_button("Share with the person", type="primary")
        stop = st.form_submit_button("Stop sharing")
    if (share or stop) and chosen is None:
        st.error("Choose the item to share, or to stop sharing.")
    if (share or stop) and chosen is not None:
        part, item_id = chosen
        action = sharing.share if share else sharing.stop_sharing
        try:
            action(store, by=actor, part=part, item_id=item_id, reason=reason)
        except (InvalidInput, NotPermitted) as exc:
            show_error(exc)
        else:
            st.success("Shared with the person." if share else "No longer shared with the person.")
            items = sharing.items_for(store, by=actor, person_id=person_id)
    text.table(
        [
            {
                "Item": i.label,
                "Shared with the person": "Yes" if i.shared else "No",
                "Decided by": _decided(i),
                "Why": ((i.share.reason if i.shared else i.share.stop_reason) if i.share else ""),
            }
            for i in items
        ]
    )


def _decided(item: sharing.ShareableItem) -> str:
    share = item.share
    if share is None:
        return ""
    if share.shared or share.stopped_at is None:
        return f"{share.shared_by}, {words.day(share.shared_at)}"
    return f"{share.stopped_by}, {words.day(share.stopped_at)} (stopped)"


def accounts_created(store: Store, actor: Actor) -> None:
    st.header("Accounts created in your team", anchor=False)
    created = team_accounts.accounts_created(store, by=actor)
    if not created:
        st.write("No account has been created in your team or for your team's people.")
        return
    st.caption(
        "Staff accounts in your team, and accounts for the people your team supports. "
        "Tell the administrator about any you did not expect."
    )
    text.table(
        [
            {
                "Account": a.username,
                "Name": a.display_name,
                "Role": a.role.label,
                "For": a.person_name or "",
                "Created": words.moment(a.created_at),
                "Created by": a.created_by,
                "Status": "Disabled" if a.disabled else "Active",
            }
            for a in created
        ]
    )
