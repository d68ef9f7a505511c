"""The person's own signing screens: one thing per screen, plain words, big text, pictures in
easy read, and always a way to say "I want to talk about it first".

Used by the person's page (signed in) and by the one-time-code page (no account). The caller
supplies how to sign and what to do when the person wants to talk; this module keeps the step,
and signs only the exact version the person was shown (its check code travels with the signature,
and the service refuses it if the agreement changed meanwhile).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from risk_app.domain.agreements.agreement_words import SIGNING_COPY, Picture, Screen, screens
from risk_app.domain.errors import ChangedSinceShown, RiskAppError
from risk_app.services.agreements.views import AgreementVersionView
from risk_app.ui import runtime
from risk_app.ui.agreements import pictures
from risk_app.ui.agreements.agreement_views import LARGE_TEXT_CSS, show_screen
from risk_app.ui.text import show_error

COPY = SIGNING_COPY
AGREE, AGREE_EXCEPT, TALK = "agree", "agree_except", "talk"


@dataclass(frozen=True)
class Flow:
    key: str
    """Session keys of this flow start with this."""
    sign: Callable[[str, str], None]
    """Sign with (the check code shown, the person's comment)."""
    talk: Callable[[], None]
    """Tell the worker the person wants to talk first."""
    copy: Callable[[], tuple[str, bytes] | None] | None = None
    """A copy of what was signed, as (file name, PDF bytes), after signing."""


def _k(flow: Flow, name: str) -> str:
    return f"{flow.key}_{name}"


def large_text() -> None:
    st.html(LARGE_TEXT_CSS)


def run(flow: Flow, view: AgreementVersionView, *, already_signed: bool) -> None:
    """The whole flow for one version of the agreement."""
    state = st.session_state
    large_text()
    if state.get(_k(flow, "done")):
        _done(flow)
        return
    if already_signed:
        st.success(COPY["already"])
        return
    if state.get(_k(flow, "digest")) != view.digest:  # a new version restarts the reading
        state[_k(flow, "digest")] = view.digest
        state[_k(flow, "step")] = 0
    easy = st.toggle(COPY["easy_read"], key=_k(flow, "easy"))
    pages = screens(
        view.content,
        version=view.version,
        jurisdiction=view.jurisdiction,
        safeguarding_phone=runtime.settings().safeguarding_phone,
    )
    step = int(state.get(_k(flow, "step"), 0))
    total = len(pages) + 2
    st.caption(f"Step {step + 1} of {total}")
    # The screen sits in one container, and the buttons below it keep their keys from screen to
    # screen, so the browser keeps the same buttons and a keyboard user's focus stays on the one
    # they pressed (new keys, or buttons moved by a longer screen, would drop focus to the page).
    with st.container():
        if step < len(pages):
            show_screen(pages[step], easy_read=easy)
        elif step == len(pages):
            _choose(flow, easy)
        else:
            _check(flow, easy)
    _buttons(flow, step, total)


def _buttons(flow: Flow, step: int, total: int) -> None:
    state = st.session_state
    back, forward = st.columns(2)
    if step > 0 and back.button(COPY["back"], key=_k(flow, "back")):
        state[_k(flow, "step")] = step - 1
        runtime.rerun()
    last = step == total - 1
    label = COPY["sign_button"] if last else COPY["next"]
    if not forward.button(label, key=_k(flow, "next"), type="primary"):
        return
    if last:
        _sign(flow)
        return
    if step == total - 2 and not _answer_ready(flow):
        return
    state[_k(flow, "step")] = step + 1
    runtime.rerun()


def _answer_ready(flow: Flow) -> bool:
    state = st.session_state
    answer = state.get(_k(flow, "answer"))
    if answer is None:
        st.error("Choose one answer.")
        return False
    if answer == TALK:
        try:
            flow.talk()
        except RiskAppError as exc:
            show_error(exc)
            return False
        state[_k(flow, "talked")] = True
        runtime.rerun()
    words = str(state.get(_k(flow, "except"), "")).strip()
    if answer == AGREE_EXCEPT and not words:
        st.error(COPY["except_label"])
        return False
    # Widget values vanish once their widgets leave the screen: keep the answer for the next step.
    state[_k(flow, "chosen")] = (answer, words if answer == AGREE_EXCEPT else "")
    return True


def _choose(flow: Flow, easy: bool) -> None:
    screen = Screen(COPY["choose"], Picture.TALK, ())
    show_screen(screen, easy_read=easy)
    labels = {AGREE: COPY["agree"], AGREE_EXCEPT: COPY["agree_except"], TALK: COPY["talk"]}
    answer = st.radio(
        COPY["choose"],
        list(labels),
        index=None,
        key=_k(flow, "answer"),
        format_func=labels.__getitem__,
        label_visibility="collapsed",
    )
    if answer == AGREE_EXCEPT:
        st.text_area(
            COPY["except_label"], key=_k(flow, "except"), help=COPY["except_hint"], max_chars=2000
        )
        st.caption(COPY["except_hint"])
    if st.session_state.get(_k(flow, "talked")) and answer == TALK:
        st.success(COPY["talk_done"])
        st.write(COPY["talk_next"])


def _chosen(flow: Flow) -> tuple[str, str]:
    answer, words = st.session_state.get(_k(flow, "chosen"), (AGREE, ""))
    return str(answer), str(words)


def _comment(flow: Flow) -> str:
    answer, words = _chosen(flow)
    return f"I agree except: {words}" if answer == AGREE_EXCEPT else ""


def _check(flow: Flow, easy: bool) -> None:
    show_screen(Screen(COPY["check"], Picture.SIGN, ()), easy_read=easy)
    answer, words = _chosen(flow)
    st.markdown(f"**{COPY['agree'] if answer == AGREE else COPY['agree_except']}**")
    if answer == AGREE_EXCEPT:
        st.text(words)
    st.checkbox(COPY["confirm"], key=_k(flow, "confirmed"))


def _sign(flow: Flow) -> None:
    """The check screen's "Sign the agreement" button was pressed."""
    if not st.session_state.get(_k(flow, "confirmed")):
        st.error(COPY["confirm"])
        return
    try:
        flow.sign(st.session_state[_k(flow, "digest")], _comment(flow))
    except ChangedSinceShown:
        st.session_state.pop(_k(flow, "digest"), None)
        st.warning(COPY["changed"])
        return
    except RiskAppError as exc:
        show_error(exc)
        return
    st.session_state[_k(flow, "done")] = True
    runtime.rerun()


def finished(key: str) -> bool:
    """Whether the flow with this key has been signed in this session."""
    return bool(st.session_state.get(f"{key}_done"))


def show_finished(flow: Flow) -> None:
    large_text()
    _done(flow)


def _done(flow: Flow) -> None:
    pictures.show(Picture.SIGN)
    st.header(COPY["signed"])
    if flow.copy is None:
        return
    made = flow.copy()
    if made is None:
        return
    name, pdf = made
    st.write(COPY["copy"])
    st.download_button(
        "Download your copy (PDF)", pdf, name, "application/pdf", key=_k(flow, "download")
    )


def show_nothing_to_sign() -> None:
    large_text()
    st.header(COPY["nothing"])
    st.write(COPY["nothing_next"])
