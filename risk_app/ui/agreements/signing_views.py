"""The person's own signing screens: one thing per screen, plain words, big text, pictures in
easy read, and always a way to say "I want to talk about it first".

Used by the person's page (signed in) and by the one-time-code page (no account). The caller
supplies how to sign and what to do when the person wants to talk; this module keeps the step,
and signs only the exact version the person was shown (its check code travels with the signature,
and the service refuses it if the agreement changed meanwhile).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import streamlit as st

from risk_app.domain.agreements.agreement_words import SIGNING_COPY, Picture, Screen, screens
from risk_app.domain.errors import ChangedSinceShown, RiskAppError
from risk_app.domain.record.information_needs import EASY_READ, LARGE_PRINT
from risk_app.services.agreements.remote_signing import SigningGrant
from risk_app.services.agreements.views import AgreementVersionView
from risk_app.ui import focus, page_style, runtime, text, time_limit
from risk_app.ui.agreements import pictures
from risk_app.ui.agreements.agreement_views import LARGE_PRINT_CSS, LARGE_TEXT_CSS, show_screen
from risk_app.ui.text import show_error, show_field_error

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
    copy: Callable[[bool], tuple[str, bytes] | None] | None = None
    """A copy of what was signed to keep, as (file name, PDF bytes), in easy read or not."""
    title: str = "Your risk agreement"
    """The page's name, for the browser tab's title of each step."""


def _k(flow: Flow, name: str) -> str:
    return f"{flow.key}_{name}"


def large_text(*, large_print: bool = False) -> None:
    st.html(LARGE_PRINT_CSS if large_print else LARGE_TEXT_CSS)


# The steps after the agreement's own screens: the question, what they do not agree with (only
# when they agree except for some things: a step of its own, so its box is never inserted under
# a person who is already tabbing on), and the check before signing.
CHOOSE, EXCEPT, CHECK = "choose", "except", "check"
# What a step's error is about: the control it is shown above and focus moves to.
_CONTROLS = {
    CHOOSE: 'input[type="radio"]',
    EXCEPT: "textarea",
    CHECK: 'input[type="checkbox"]',
}


def _steps(flow: Flow, screens_count: int) -> list[int | str]:
    """Every step, in order: the agreement's screens by number, then the steps after them."""
    state = st.session_state
    extra = [EXCEPT] if state.get(_k(flow, "chosen_answer")) == AGREE_EXCEPT else []
    return [*range(screens_count), CHOOSE, *extra, CHECK]


def run(
    flow: Flow,
    view: AgreementVersionView,
    *,
    already_signed: bool,
    needs: Sequence[str] = (),
) -> None:
    """The whole flow for one version of the agreement. `needs`: the formats the person's record
    says they need information in (easy read starts on, large print makes the words bigger)."""
    state = st.session_state
    large_text(large_print=LARGE_PRINT in needs)
    if state.get(_k(flow, "done")):
        _done(flow)
        return
    recorded = EASY_READ in needs
    if _k(flow, "easy") not in state:  # a default from the record, shown as one
        state[_k(flow, "easy")] = recorded
    if already_signed:
        st.success(COPY["already"])
        st.toggle(COPY["easy_read"], key=_k(flow, "easy"))
        _copy(flow)
        return
    if state.get(_k(flow, "digest")) != view.digest:  # a new version restarts the reading
        for name in ("step", "chosen_answer", "words", "error", "answer", "except", "confirmed"):
            state.pop(_k(flow, name), None)
        state[_k(flow, "digest")] = view.digest
    if state.pop(_k(flow, "changed"), None):
        st.warning(COPY["changed"])
    easy = st.toggle(COPY["easy_read"], key=_k(flow, "easy"))
    if recorded and easy:
        st.caption(COPY["easy_read_recorded"])
    pages = screens(
        view.content,
        version=view.version,
        jurisdiction=view.jurisdiction,
        safeguarding_phone=runtime.settings().safeguarding_phone,
    )
    steps = _steps(flow, len(pages))
    at = min(int(state.get(_k(flow, "step"), 0)), len(steps) - 1)
    step = steps[at]
    if step == CHECK and state.get(_k(flow, "chosen_answer")) not in (AGREE, AGREE_EXCEPT):
        at, step = steps.index(CHOOSE), CHOOSE  # never sign an answer nobody gave
    state[_k(flow, "step")] = at
    heading = pages[step].title if isinstance(step, int) else _heading(step)
    where = COPY["step"].format(n=at + 1, total=len(steps))
    page_style.title(flow.title, where.lower())
    st.caption(where)
    # The step sits in one keyed container, and the buttons below it keep their keys from step to
    # step, so the browser keeps the same buttons; focus is then moved to the new step's heading.
    with st.container(key=_k(flow, "screen")):
        if isinstance(step, int):
            show_screen(pages[step], easy_read=easy)
        elif step == CHOOSE:
            _choose(flow, easy)
        elif step == EXCEPT:
            _except(flow, easy)
        else:
            _check(flow, easy)
    _buttons(flow, steps, at)
    _move_focus(flow, heading, where)


def _heading(step: str) -> str:
    return {CHOOSE: COPY["choose"], EXCEPT: COPY["except_label"], CHECK: COPY["check"]}[step]


def _move_focus(flow: Flow, heading: str, where: str) -> None:
    """After a step change, focus the new step's heading and announce it; after an error, focus
    the control it is about. Each is done once, in the run that follows the press."""
    state = st.session_state
    turn = int(state.get(_k(flow, "turn"), 0))
    moved = state.pop(_k(flow, "moved"), None)
    error = state.get(_k(flow, "error"))
    if error is not None and error[1] in _CONTROLS:
        focus.to_control(
            _k(flow, "screen"),
            _CONTROLS[error[1]],
            described_by=_k(flow, "error_message"),
            turn=turn,
        )
    elif moved:
        focus.to_heading(_k(flow, "screen"), heading, say=f"{where}: {heading}", turn=turn)


def _moved(flow: Flow, to: int) -> None:
    state = st.session_state
    state[_k(flow, "step")] = to
    state.pop(_k(flow, "error"), None)
    state[_k(flow, "moved")] = True
    state[_k(flow, "turn")] = int(state.get(_k(flow, "turn"), 0)) + 1


def _refuse(flow: Flow, message: str, about: str) -> None:
    """Keep the step; show `message` above the control `about` names (a step, or "" for the
    whole step) and move focus to it."""
    state = st.session_state
    state[_k(flow, "error")] = (message, about)
    state[_k(flow, "turn")] = int(state.get(_k(flow, "turn"), 0)) + 1


def _show_error(flow: Flow, about: str) -> None:
    """The step's error, if it is about this control, above it."""
    error = st.session_state.get(_k(flow, "error"))
    if error is None or error[1] != about:
        return
    if about:
        show_field_error(error[0], element_id=_k(flow, "error_message"))
    else:  # about the whole step (a service refused): announced as it appears
        show_error(error[0])


def _buttons(flow: Flow, steps: list[int | str], at: int) -> None:
    back, forward = st.columns(2)
    if at > 0:
        back.button(COPY["back"], key=_k(flow, "back"), on_click=_moved, args=(flow, at - 1))
    last = steps[at] == CHECK
    forward.button(
        COPY["sign_button"] if last else COPY["next"],
        key=_k(flow, "next"),
        type="primary",
        on_click=_pressed_next,
        args=(flow, steps, at),
    )


def _pressed_next(flow: Flow, steps: list[int | str], at: int) -> None:
    """Next (or, on the check, Sign) was pressed: runs before the page is drawn again, so the
    page is drawn once, at the next step or with the error above its control."""
    state = st.session_state
    step = steps[at]
    if step == CHOOSE:
        answer = state.get(_k(flow, "chosen_answer"))
        if answer is None:
            _refuse(flow, COPY["choose_missing"], CHOOSE)
            return
        if answer == TALK:
            try:
                flow.talk()
            except RiskAppError as exc:
                _refuse(flow, str(exc), "")
                return
            state[_k(flow, "talked")] = True
            state.pop(_k(flow, "error"), None)
            return
    elif step == EXCEPT and not str(state.get(_k(flow, "words"), "")).strip():
        _refuse(flow, COPY["except_missing"], EXCEPT)
        return
    elif step == CHECK:
        _sign(flow)
        return
    _moved(flow, at + 1)


def _kept(flow: Flow, widget: str, kept: str) -> None:
    """A widget's value, kept under a key of its own (a widget's own value goes when it leaves
    the screen: Back and Next would lose the answer and the words)."""
    st.session_state[_k(flow, kept)] = st.session_state.get(_k(flow, widget))
    st.session_state.pop(_k(flow, "error"), None)  # they are answering it: the error has done


def _choose(flow: Flow, easy: bool) -> None:
    state = st.session_state
    show_screen(Screen(COPY["choose"], Picture.TALK, ()), easy_read=easy)
    labels = {AGREE: COPY["agree"], AGREE_EXCEPT: COPY["agree_except"], TALK: COPY["talk"]}
    if _k(flow, "answer") not in state and state.get(_k(flow, "chosen_answer")) is not None:
        state[_k(flow, "answer")] = state[_k(flow, "chosen_answer")]
    _show_error(flow, "")
    _show_error(flow, CHOOSE)
    answer = st.radio(
        COPY["choose"],
        list(labels),
        index=None,
        key=_k(flow, "answer"),
        format_func=labels.__getitem__,
        label_visibility="collapsed",
        on_change=_kept,
        args=(flow, "answer", "chosen_answer"),
    )
    if state.get(_k(flow, "talked")) and answer == TALK:
        st.success(COPY["talk_done"])
        st.write(COPY["talk_next"])


def _except(flow: Flow, easy: bool) -> None:
    state = st.session_state
    show_screen(Screen(COPY["except_label"], Picture.TALK, ()), easy_read=easy)
    if _k(flow, "except") not in state:
        state[_k(flow, "except")] = state.get(_k(flow, "words"), "")
    st.caption(COPY["except_hint"])
    _show_error(flow, EXCEPT)
    st.text_area(
        COPY["except_label"],
        key=_k(flow, "except"),
        max_chars=2000,
        label_visibility="collapsed",
        on_change=_kept,
        args=(flow, "except", "words"),
    )


def _comment(flow: Flow) -> str:
    state = st.session_state
    if state.get(_k(flow, "chosen_answer")) != AGREE_EXCEPT:
        return ""
    return f"I agree except: {str(state.get(_k(flow, 'words'), '')).strip()}"


def _check(flow: Flow, easy: bool) -> None:
    state = st.session_state
    show_screen(Screen(COPY["check"], Picture.SIGN, ()), easy_read=easy)
    answer = state.get(_k(flow, "chosen_answer"))
    st.markdown(f"**{COPY['agree'] if answer == AGREE else COPY['agree_except']}**")
    if answer == AGREE_EXCEPT:
        st.text(str(state.get(_k(flow, "words"), "")).strip())
    _show_error(flow, "")
    _show_error(flow, CHECK)
    st.checkbox(COPY["confirm"], key=_k(flow, "confirmed"))


def _sign(flow: Flow) -> None:
    """The check screen's "Sign the agreement" button was pressed."""
    state = st.session_state
    if not state.get(_k(flow, "confirmed")):
        _refuse(flow, COPY["confirm_missing"], CHECK)
        return
    try:
        flow.sign(state[_k(flow, "digest")], _comment(flow))
    except ChangedSinceShown:
        state.pop(_k(flow, "digest"), None)  # the next run starts the new version afresh
        state[_k(flow, "changed")] = True
        return
    except RiskAppError as exc:
        _refuse(flow, str(exc), "")
        return
    state[_k(flow, "done")] = True
    state[_k(flow, "moved")] = True
    state[_k(flow, "turn")] = int(state.get(_k(flow, "turn"), 0)) + 1


KEPT_FOR_NEXT_CODE = COPY["kept_for_next_code"]


def code_flow_key(grant: SigningGrant) -> str:
    """One signer's flow for one version: a new code for the same signer and version carries on
    where the last one ended."""
    return f"code_{grant.person_id}_{grant.version}_{grant.requirement}"


def started(key: str) -> bool:
    """Whether the flow with this key has gone past its first step in this session."""
    return int(st.session_state.get(f"{key}_step", 0)) > 0


def grant_time(grant_key: str, extend: Callable[[str], SigningGrant]) -> None:
    """The signing grant's time limit: a warning before it ends, with "I need more time"."""
    time_limit.watch_grant(
        grant_key,
        extend=extend,
        what_ends=COPY["grant_ends"],
        when_ended=f"{COPY['grant_ended']} {KEPT_FOR_NEXT_CODE}",
    )


def finished(key: str) -> bool:
    """Whether the flow with this key has been signed in this session."""
    return bool(st.session_state.get(f"{key}_done"))


def show_finished(flow: Flow) -> None:
    large_text()
    _done(flow)


def _done(flow: Flow) -> None:
    state = st.session_state
    page_style.title(flow.title, "signed")
    with st.container(key=_k(flow, "signed")):
        pictures.show(Picture.SIGN)
        text.heading(COPY["signed"], level=2)
    if state.pop(_k(flow, "moved"), None):
        focus.to_heading(
            _k(flow, "signed"),
            COPY["signed"],
            say=COPY["signed"],
            turn=int(state.get(_k(flow, "turn"), 0)),
        )
    _copy(flow)


def _copy(flow: Flow) -> None:
    """Their copy to keep, in easy read when they are reading in easy read."""
    if flow.copy is None:
        return
    try:
        made = flow.copy(bool(st.session_state.get(_k(flow, "easy"))))
    except RiskAppError as exc:
        show_error(exc)
        return
    if made is None:
        return
    name, pdf = made
    st.write(COPY["copy"])
    st.download_button(
        "Download your copy (PDF)", pdf, name, "application/pdf", key=_k(flow, "download")
    )


def show_nothing_to_sign() -> None:
    large_text()
    st.header(COPY["nothing"], anchor=False)
    st.write(COPY["nothing_next"])
