"""An expander whose contents are drawn only while it is open.

Streamlit draws everything inside a closed expander and sends it to the browser, which builds it
all on every run: a record section with a form per risk in closed expanders cost the browser most
of a second a click (bench/README.md). Opening or closing one of these reruns the script (only the
fragment it is in, when it is in one).

Nothing typed is lost by shutting one: Streamlit forgets the value of a widget that a run does not
draw, so while the expander is shut the values under the keys it names in `keep` are written back
each run, and once more on the run that opens it, so its widgets show them again. Ticks (true or
false) are not kept: a button's value cannot be written, and a confirmation is asked for again on
purpose. No `st.form` inside one: a form's typing is not sent until it is submitted, so shutting
the expander would lose it.

Tests open one by setting its key in the session before a run (`tests/ui/records.open_expanders`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import streamlit as st


@contextmanager
def expander(
    label: str, *, key: str, keep: Sequence[str] = (), expanded: bool = False
) -> Iterator[bool]:
    """`with lazy.expander("Change risk 3", key=..., keep=("riskedit_3",)) as shown:` then draw
    the contents only `if shown`. `keep`: the widgets inside are keyed `<prefix>` or
    `<prefix>_...`. `expanded`: open when first drawn; after that it stays as the user left it
    (given to Streamlit as the initial state, not as a parameter, which would make a new widget,
    shut, whenever it changed)."""
    st.session_state.setdefault(key, expanded)
    with st.expander(label, key=key, on_change="rerun") as box:
        shown = bool(box.open)
        was_shut = st.session_state.get(f"{key}_was_shut", True)
        if not shown or was_shut:
            # Also on the run that opens it, before its widgets are drawn: a value written in an
            # earlier run is in the session, but only one written in this run is sent to the
            # browser's new widget (AppTest reads the session and would not show the difference).
            _keep(keep)
        st.session_state[f"{key}_was_shut"] = not shown
        yield shown


def _keep(prefixes: Sequence[str]) -> None:
    if not prefixes:
        return
    state = st.session_state
    starts = tuple(f"{p}_" for p in prefixes)
    for name in [
        k for k in state if isinstance(k, str) and (k in prefixes or k.startswith(starts))
    ]:
        value = state[name]
        if not isinstance(value, bool):
            state[name] = value
