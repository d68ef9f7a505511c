"""The safeguarding lead's home through AppTest: counts and ages across the organisation, per
team, and never a person's name or an action's words."""

from __future__ import annotations

from risk_app.services.demo import DEMO_PEOPLE
from tests.ui import shown
from tests.ui.homes.oversight_setup import add_actions

SECRET = "Collect the cash card from the cousin"


def test_the_lead_sees_counts_and_ages_per_team_and_no_names(signed_in):
    add_actions(
        "practitioner",
        "David Price",
        (SECRET, "Leo Price", "family_or_friend", -10),
        ("Fit a key safe", "Brightside Support", "provider", 2),
    )
    add_actions(
        "practitioner.south", "Ravi Shah", ("Visit Ravi at home", "Jo Evans", "council", -1)
    )
    at = signed_in("lead")
    assert not at.exception
    counts = shown.table_with(at, "Actions overdue")
    assert list(counts["Team"]) == ["North Locality Team", "South Locality Team", "All teams"]
    # With the demo's own: in the North one 5 days late and one due in 6 days, in the South one
    # 3 days late and one due in 4 days.
    assert list(counts["Actions overdue"]) == ["2", "2", "4"]
    assert list(counts["Longest overdue action (days)"]) == ["10", "3", "10"]
    assert list(counts["Actions due in the next 7 days"]) == ["2", "1", "3"]
    bands = shown.table_with(at, "How late")
    assert list(bands["Actions"]) == ["3", "1", "0"]
    [chart] = at.get("plotly_chart")  # the same figures as the table under it
    assert "David" not in chart.proto.spec and "Ravi" not in chart.proto.spec
    agreements = shown.table_with(at, "Agreements waiting")
    assert list(agreements["Team"]) == ["North Locality Team"]
    page = shown.all_text(at)
    for person in DEMO_PEOPLE:
        assert person.name not in page
        assert not person.preferred or person.preferred not in page
    for words in (SECRET, "Fit a key safe", "Visit Ravi", "Leo Price", "Brightside"):
        assert words not in page


def test_the_leads_headings_come_in_order_with_the_counts_first(signed_in):
    at = signed_in("lead")
    assert [t.value for t in at.title] + [h.value for h in at.header] == [
        "Home",
        "Safeguarding concerns across the organisation",
        "Panels waiting",
        "Late and soon-due work across the organisation",
        "Risk agreements waiting for signatures",
        "Audits",
        "The framework",
        "Local policies",
        "Audit log",
    ]
    assert [s.value for s in at.subheader] == [
        "Safeguarding decisions waiting",
        "Open enquiries",
        "How late the overdue work is",
    ]
