"""The local policies section of the homes through AppTest: the lead sees each policy, who set it
and when, and changes it; a stale change is refused; anyone else reads them with no form."""

from __future__ import annotations

from risk_app.config import Settings
from risk_app.domain.record.local_policy import PolicyId
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import local_policy
from tests.ui import shown

SAVE = "Save this policy"
DBS = PolicyId.DBS_CONDITION_OF_DIRECT_PAYMENT.value


def _row(at, title: str) -> dict[str, str]:
    table = shown.table_with(at, "What it says")
    return dict(table[table["Policy"] == title].iloc[0])


def _saves(at) -> list:
    return [b for b in at.button if b.label == SAVE]


def test_the_lead_sees_each_policy_with_its_state_and_who_set_it(signed_in):
    at = signed_in("lead")
    gate = _row(at, "Escalation route before agreeing a high-risk plan")
    assert (gate["Now"], gate["Set by"]) == ("On", "lead")  # the demo council confirmed it
    dbs = _row(at, "Disclosure check as a condition of a direct payment")
    assert (dbs["Now"], dbs["Set by"]) == ("Off (default)", "—")
    assert "not the law" in shown.all_text(at)
    assert len(_saves(at)) == 3


def test_the_lead_turns_the_disclosure_policy_on_and_the_history_keeps_it(signed_in):
    at = signed_in("lead")
    at.checkbox(key=f"policy_{DBS}_v0_on").check()
    _saves(at)[1].click()
    at.run()
    assert not at.exception and not shown.errors(at)
    dbs = _row(at, "Disclosure check as a condition of a direct payment")
    assert (dbs["Now"], dbs["Set by"]) == ("On", "lead")


def test_a_change_made_from_an_older_version_is_refused_on_screen(signed_in):
    at = signed_in("lead")
    store = open_store(Settings.from_env())
    try:
        local_policy.set_policy(store, by=accounts.SYSTEM, policy=DBS, on=True, expected_version=0)
    finally:
        store.dispose()
    at.checkbox(key=f"policy_{DBS}_v0_on").check()
    _saves(at)[1].click()
    at.run()
    assert any("changed by someone else" in e for e in shown.errors(at))
    dbs = _row(at, "Disclosure check as a condition of a direct payment")
    assert (dbs["Now"], dbs["Set by"]) == ("On", "system")  # the newer setting is shown


def test_a_practitioner_reads_the_policies_but_is_given_no_form(signed_in):
    at = signed_in("practitioner")
    assert _row(at, "Escalation route before agreeing a high-risk plan")["Now"] == "On"
    assert _saves(at) == []
    assert not [c for c in at.checkbox if c.label == "On"]
