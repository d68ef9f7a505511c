"""Sign a risk agreement, or acknowledge an action, with a one-time code, without an account.

Open to anyone: nothing is shown until a reference and code are accepted, which gives a short
grant for one named signer and one version only, or for one action's owner and that action only.
The grant lives in this browser session alone.
"""

from __future__ import annotations

import streamlit as st

from risk_app.domain.errors import RiskAppError
from risk_app.services.agreements import remote_signing
from risk_app.services.record import action_codes
from risk_app.ui import runtime, text
from risk_app.ui.agreements import signing_views
from risk_app.ui.record import action_code_views
from risk_app.ui.text import show_error

store = runtime.store()
GRANT = "code_grant"
ACK_GRANT = "code_ack_grant"

st.title("Sign with a code", anchor=False)
signing_views.large_text()
ack_grant = st.session_state.get(ACK_GRANT)
if ack_grant is not None:
    action_code_views.acknowledge_step(store, ack_grant, ACK_GRANT)
    st.stop()
grant = st.session_state.get(GRANT)


def sign(digest: str, comment: str) -> None:
    remote_signing.sign_with_grant(store, grant=grant.token, digest=digest, comment=comment)


def talk() -> None:
    remote_signing.ask_to_talk(store, grant=grant.token)


if grant is not None:
    flow = signing_views.Flow(
        key=signing_views.code_flow_key(grant), sign=sign, talk=talk, title="Sign with a code"
    )
    if signing_views.finished(flow.key):  # the grant is used up once signed
        signing_views.show_finished(flow)
        st.stop()
    try:
        view = remote_signing.agreement_for_grant(store, grant=grant.token)
    except RiskAppError as exc:  # run out, used, or replaced: ask for a new code, keep the rest
        st.session_state.pop(GRANT, None)
        show_error(exc)
        if signing_views.started(signing_views.code_flow_key(grant)):
            text.show(signing_views.KEPT_FOR_NEXT_CODE)
        grant = None
if grant is None:
    st.write(
        "To sign a risk agreement, or to acknowledge an action you agreed to take on, you need "
        "the reference and the code your worker gave you."
    )
    with st.form("code_form"):
        reference = st.text_input("Reference", max_chars=20, autocomplete="off")
        code = st.text_input("Code", max_chars=20, autocomplete="one-time-code")
        go = st.form_submit_button("Continue", type="primary")
    if go:
        try:
            if action_codes.holds(store, reference=reference):
                st.session_state[ACK_GRANT] = action_codes.redeem(
                    store, reference=reference, code=code, **runtime.client_identity()
                )
            else:
                st.session_state[GRANT] = remote_signing.redeem(
                    store, reference=reference, code=code, **runtime.client_identity()
                )
        except RiskAppError as exc:
            show_error(exc)
        else:
            st.rerun()
    st.stop()

signing_views.grant_time(GRANT, lambda token: remote_signing.extend_grant(store, grant=token))
text.show(f"You are signing as {grant.signer_name}.")
signing_views.run(flow, view, already_signed=all(m.key != grant.requirement for m in view.missing))
