"""Checks recorded about the people and providers around a person (staff only): the list, and a
small form. Safer recruitment (TP13 in England and Wales, TP-PVG in Scotland) and regulated
providers (TP14); the form offers only the checks of the person's jurisdiction."""

from __future__ import annotations

from datetime import date

import streamlit as st

from framework.law import law_book
from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.checks import CheckOutcome, kinds_for
from risk_app.services.record import checks
from risk_app.ui import defaults, runtime, text
from risk_app.ui.text import show_error


def render(store: Store, actor: Actor, person_id: int, jurisdiction: str) -> None:
    st.subheader("Checks recorded", anchor=False)
    # The nation's scheme and regulator come from the law book, stated once.
    law = law_book().law_for(jurisdiction)
    st.caption(
        f"Safer recruitment of personal assistants ({law.disclosure.scheme}, references, "
        "employer's liability insurance) and a care provider's registration with the regulator, "
        f"{law.regulator.name}."
    )
    done = checks.checks_for(store, by=actor, person_id=person_id)
    if done:
        text.table(
            [
                {
                    "Check": c.kind.label,
                    "About": c.about,
                    "Done on": words.day(c.done_on),
                    "Outcome": c.outcome.label,
                    "Note": c.note or "—",
                    "Recorded by": c.recorded_by,
                }
                for c in done
            ],
            caption="Checks done, newest first",
        )
    else:
        st.write("No check is recorded yet.")
    with st.expander("Record a check"), st.form(f"check_{person_id}"):
        kind = st.selectbox(
            "Check",
            list(kinds_for(jurisdiction)),
            index=None,
            placeholder="Choose the check",
            format_func=lambda k: k.label,
        )
        about = st.text_input("Who or what was checked", max_chars=200)
        done_on = st.date_input(
            "Done on", value=date.today(), max_value=date.today(), format="DD/MM/YYYY"
        )
        defaults.today_filled_in("Done on", "the check was done")
        outcome = st.selectbox(
            "Outcome of the check",
            list(CheckOutcome),
            index=None,
            placeholder="Choose the outcome",
            format_func=lambda o: o.label,
        )
        note = st.text_area("Note (what was found, what was done)", max_chars=4000)
        if st.form_submit_button("Record the check"):
            try:
                checks.record_check(
                    store,
                    by=actor,
                    person_id=person_id,
                    kind=kind or "",
                    about=about,
                    done_on=done_on if isinstance(done_on, date) else date.today(),
                    outcome=outcome or "",
                    note=note,
                )
            except InvalidInput as exc:
                show_error(exc)
            else:
                runtime.rerun()
