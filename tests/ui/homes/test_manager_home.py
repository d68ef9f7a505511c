"""The team manager's home through AppTest: agreements waiting for the manager's signature, then
actions due soon and overdue across the team, headings in order."""

from __future__ import annotations

from tests.ui import shown
from tests.ui.homes.oversight_setup import add_actions


def test_the_manager_sees_the_agreement_waiting_for_their_signature(signed_in):
    at = signed_in("manager")
    assert not at.exception
    waiting = shown.table_with(at, "Days waiting")
    assert list(waiting["Person"]) == ["Amina Okafor"]
    assert list(waiting["Issued by"]) == ["practitioner"]
    assert "The manager" in waiting["Still to sign"][0]
    assert any("1 agreement waiting for you to sign" in m.value for m in at.markdown)


def test_the_manager_sees_the_teams_actions_due_soon_and_overdue_and_not_another_teams(
    signed_in,
):
    add_actions(
        "practitioner",
        "Margaret Hughes",
        ("Check the stair lift", "Home Lifts Ltd", "provider", 0),
        ("Order a pendant alarm", "Peggy's son", "family_or_friend", -8),
    )
    add_actions(
        "practitioner.south", "Grace Bennett", ("South only", "Grace Bennett", "person", -1)
    )
    at = signed_in("manager")
    due = shown.table_with(at, "Days left or late")
    # With the demo's own: Peggy's visit times 5 days late, Tomasz's GP visit in 6 days.
    assert list(due["Days left or late"]) == [
        "8 days late",
        "5 days late",
        "Due today",
        "6 days left",
    ]
    assert list(due["Person"]) == ["Margaret Hughes"] * 3 + ["Tomasz Nowak"]
    assert "South only" not in shown.all_text(at)


def test_the_managers_headings_come_in_order_under_one_title(signed_in):
    at = signed_in("manager")
    assert [t.value for t in at.title] + [h.value for h in at.header] == [
        "Home",
        "People at each stage",
        "Safeguarding in your team",
        "Panels waiting",
        "Agreements waiting for your signature",
        "Actions due soon and overdue",
        "Reviews due",
        "Risk agreements waiting for signatures",
        "Accounts created in your team",
        "Local policies",
    ]
    assert at.get("plotly_chart") and shown.table_with(at, "People") is not None
