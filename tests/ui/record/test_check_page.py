"""The checks form on a person's record (AppTest): nothing chosen for the practitioner, a missing
part named, nothing typed lost, and the check listed once recorded."""

from __future__ import annotations

from risk_app.domain.record.checks import CheckKind, CheckOutcome
from tests.ui import shown
from tests.ui.record.test_person_page import button, open_person


def test_a_check_starts_unchosen_is_refused_by_name_and_is_listed_once_recorded(signed_in):
    assert "No check is recorded yet." in shown.all_text(
        open_person(signed_in("practitioner"), "Tomasz Nowak")
    )
    at = open_person(signed_in("practitioner"), "David Price")
    assert list(shown.table_with(at, "Check")["About"]) == ["Mark Ellis, personal assistant"]
    kind = next(s for s in at.selectbox if s.label == "Check")
    outcome = next(s for s in at.selectbox if s.label == "Outcome of the check")
    assert (kind.value, outcome.value) == (None, None)
    assert any(c.value.startswith("Done on: today, filled in for you") for c in at.caption)
    about = next(t for t in at.text_input if t.label == "Who or what was checked")
    about.set_value("Sam, personal assistant")
    kind.select(CheckKind.DBS_ENHANCED_BARRED)
    button(at, "Record the check").click().run()
    assert any("Choose the outcome of the check" in e for e in shown.errors(at)), shown.errors(at)
    assert next(t for t in at.text_input if t.label == "Who or what was checked").value == (
        "Sam, personal assistant"
    )
    next(s for s in at.selectbox if s.label == "Outcome of the check").select(
        CheckOutcome.SATISFACTORY
    )
    button(at, "Record the check").click().run()
    assert not shown.errors(at), shown.errors(at)
    listed = shown.table_with(at, "Check")
    # Newest first: this one (today), then the demo's (three days ago).
    assert list(listed["Check"]) == ["Enhanced DBS check with the barred list"] * 2
    assert list(listed["About"]) == ["Sam, personal assistant", "Mark Ellis, personal assistant"]
    assert list(listed["Outcome"]) == ["Satisfactory"] * 2
