"""The practitioner's home through AppTest: actions due soon beside overdue ones, only their own
team's, and their own waiting items, every heading in order and every word shown literally."""

from __future__ import annotations

from tests.ui import shown
from tests.ui.homes.oversight_setup import add_actions

HOSTILE = "**Ring** <b>Jo</b> [now](http://evil.example) :smile:"


def _headings(at) -> list[str]:
    return [t.value for t in at.title] + [h.value for h in at.header]


def test_the_practitioner_sees_actions_due_soon_and_overdue_for_their_team_only(signed_in):
    add_actions(
        "practitioner",
        "David Price",
        ("Fit a key safe", "Brightside Support", "provider", 3),
        ("Book the bike service", "Leo Price", "family_or_friend", -2),
        ("Plan next summer", "David Price", "person", 30),
    )
    add_actions(
        "practitioner.south", "Ravi Shah", ("South team's action", "Ravi Shah", "person", 1)
    )
    at = signed_in("practitioner")
    assert not at.exception
    due = shown.table_with(at, "Days left or late")
    # With the demo's own for the team: Peggy's visit times 5 days late, Tomasz's GP visit in 6.
    assert list(due["Action"]) == [
        "Confirm the new visit times.",
        "Book the bike service",
        "Fit a key safe",
        "Ask the GP for a home visit.",
    ]
    assert list(due["Days left or late"]) == [
        "5 days late",
        "2 days late",
        "3 days left",
        "6 days left",
    ]
    assert list(due["Status"]) == ["Overdue", "Overdue", "Due soon", "Due soon"]
    assert list(due["Owner"]) == [
        "Brightside Support (provider)",
        "Leo Price (family or friend)",
        "Brightside Support (provider)",
        "Sam Carter (council)",
    ]
    assert "South team's action" not in shown.all_text(at)
    assert "Ravi Shah" not in shown.all_text(at)


def test_the_practitioners_headings_come_in_order_under_one_title(signed_in):
    at = signed_in("practitioner")
    assert _headings(at) == [
        "Home",
        "People at each stage",
        "Actions due soon and overdue",
        "Your own waiting items",
        "Reviews due",
        "Risk agreements waiting for signatures",
        "Local policies",
    ]
    assert [s.value for s in at.subheader] == [
        "Agreements you issued that are waiting for signatures",
        "Open actions you recorded or own",
    ]
    assert any(
        m.value
        == "1 action overdue and 1 action due in the next 7 days, the longest overdue first."
        for m in at.markdown
    )


def test_the_practitioner_sees_the_agreement_they_issued_and_the_actions_they_recorded(signed_in):
    add_actions("manager", "David Price", ("Phone the GP", "Sam Carter", "council", -1))
    at = signed_in("practitioner")
    issued = shown.table_with(at, "Days waiting")
    assert list(issued["Person"]) == ["Amina Okafor"]
    assert "The manager" in issued["Still to sign"][0]
    team, mine = [t for t in shown.tables(at) if "Days left or late" in t.columns]
    assert list(team["Action"]) == [
        "Confirm the new visit times.",  # the demo's, 5 days late
        "Phone the GP",
        "Ask the GP for a home visit.",  # the demo's, due in 6 days
    ]
    # Recorded by them (the demo's) or owned by name (the manager's "Phone the GP"), overdue first
    assert list(mine["Action"])[:2] == ["Confirm the new visit times.", "Phone the GP"]
    assert "Text Jo when I leave the ground." in list(mine["Action"])


def test_an_action_typed_as_markdown_is_shown_literally_on_the_home(signed_in):
    add_actions("practitioner", "David Price", (HOSTILE, "Brightside Support", "provider", 1))
    at = signed_in("practitioner")
    due = shown.table_with(at, "Days left or late")
    assert list(due["Action"]) == [
        "Confirm the new visit times.",
        HOSTILE,
        "Ask the GP for a home visit.",
    ]
    assert not [m.value for m in at.markdown if "evil.example" in m.value]
