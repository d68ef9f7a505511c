"""Review dates on the home page and the person's page, through AppTest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from risk_app.config import Settings
from risk_app.domain.record.plan import ReviewKind
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import people
from tests.ui import shown
from tests.ui.record.test_person_page import button, open_person


def _direct_payment_started_seven_months_ago() -> None:
    store = open_store(Settings.from_env())
    manager = accounts.authenticate(store, "manager", "demo-team-manager")
    david = next(p for p in people.caseload(store, by=manager) if p.display_name == "David Price")
    people.save_changes(
        store,
        by=manager,
        person_id=david.id,
        expected_version=david.version,
        changes=people.PersonChanges(
            budget_option="BO-DP",
            direct_payment_start=datetime.now(UTC).date() - timedelta(days=213),
        ),
    )
    store.dispose()


def test_an_overdue_first_direct_payment_review_shows_on_home_and_clears_when_recorded(signed_in):
    _direct_payment_started_seven_months_ago()
    at = signed_in("practitioner")
    due = next(t for t in shown.tables(at) if "Due by" in t.columns)
    assert list(due["Person"]) == ["David Price"] and list(due["Status"]) == ["Overdue"]
    at = open_person(at, "David Price")
    assert any("days overdue" in w for w in shown.warnings(at))
    next(s for s in at.selectbox if s.label == "Kind").set_value(ReviewKind.FIRST_DIRECT_PAYMENT)
    button(at, "Record review").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert not any("days overdue" in w for w in shown.warnings(at))
    at.switch_page("../../pages/home.py").run()
    assert any("No review is due" in m.value for m in at.markdown)
