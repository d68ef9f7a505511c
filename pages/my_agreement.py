"""The person's own risk agreement: read it one screen at a time, then sign it or ask to talk."""

from __future__ import annotations

import streamlit as st

from risk_app.domain.access import Page
from risk_app.domain.agreements.signers import (
    SignerDetails,
    SignerRole,
    SigningBasis,
    SigningMethod,
)
from risk_app.services.agreements import persons_copy, reading, signing
from risk_app.services.record import people
from risk_app.ui import guard, runtime
from risk_app.ui.agreements import signing_views

actor = guard.require(Page.MY_AGREEMENT)
store = runtime.store()
me = people.my_record(store, by=actor)

st.title("Your risk agreement", anchor=False)
if not reading.versions(store, by=actor, person_id=me.id):
    signing_views.show_nothing_to_sign()
    st.stop()
view = reading.get_version(store, by=actor, person_id=me.id)
person_key = next(r.key for r in view.required if r.role is SignerRole.PERSON)
if view.version > 1:
    with st.expander(f"What is new since version {view.version - 1}"):
        changes = reading.changes_between(
            store, by=actor, person_id=me.id, old=view.version - 1, new=view.version
        )
        for change in changes:
            st.text(f"• {change}")


def sign(digest: str, comment: str) -> None:
    signing.sign(
        store,
        by=actor,
        person_id=me.id,
        version=view.version,
        digest=digest,
        signer=SignerDetails(requirement=person_key, basis=SigningBasis.SELF),
        method=SigningMethod.OWN_ACCOUNT,
        comment=comment,
    )


def talk() -> None:
    signing.ask_to_talk(store, by=actor, person_id=me.id, version=view.version)


def copy(easy_read: bool) -> tuple[str, bytes] | None:
    made = persons_copy.persons_copy(
        store, by=actor, person_id=me.id, version=view.version, easy_read=easy_read
    )
    return made.file_name, made.pdf


signing_views.run(
    signing_views.Flow(key=f"mine_{me.id}", sign=sign, talk=talk, copy=copy),
    view,
    already_signed=all(m.key != person_key for m in view.missing),
    needs=me.information_needs,
)
