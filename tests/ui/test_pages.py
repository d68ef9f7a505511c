"""Page behaviour through AppTest: the framework map, caseload editing with stale-edit refusal,
the audit log and account management."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from risk_app.config import Settings
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import people
from tests.ui import shown
from tests.ui.records import first_person, open_record


def go(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"../../pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def test_the_framework_map_shows_a_chart_a_table_alternative_and_the_chosen_stage(signed_in):
    at = go(signed_in("practitioner"), "framework_map")
    assert at.get("plotly_chart")
    assert at.dataframe, "the map must have a table alternative"
    at.selectbox(key="map_stage").set_value("ST6").run()
    headers = shown.texts(at, "heading")
    assert any(h.startswith("Stage 6") for h in headers)
    subheaders = [s.value for s in at.subheader]
    assert "Where safeguarding links in (touchpoints)" in subheaders
    touchpoint_table = at.dataframe[1].value
    assert "TP13" in set(touchpoint_table["ID"])
    done_when = dict(
        zip(touchpoint_table["ID"], touchpoint_table["Done when recorded"], strict=True)
    )
    assert done_when["TP11"] == "Safeguarding concern"
    assert done_when["TP13"] == "Safer recruitment check"
    assert set(touchpoint_table["Provenance"]) <= {
        "Stated in the cited source",
        "Stated in a secondary source",
        "Topic from the cited source; wording and placement ours",
        "Our inference (not stated in any source)",
    }


def save(at: AppTest) -> AppTest:
    next(b for b in at.button if b.label == "Save changes").click().run()
    return at


def test_a_stale_edit_in_the_page_is_refused_and_the_newer_version_kept(signed_in, data_dir: Path):
    at = signed_in("practitioner")
    person_id = first_person(at)
    open_record(at, person_id, "details")
    # Someone else saves first.
    store = open_store(Settings.from_env())
    someone = accounts.authenticate(store, "manager", "demo-team-manager")
    current = people.get_person(store, by=someone, person_id=person_id)
    people.save_changes(
        store,
        by=someone,
        person_id=person_id,
        expected_version=current.version,
        changes=people.PersonChanges(preferred_name="Saved by the manager"),
    )
    # Our practitioner submits the form they opened earlier.
    next(t for t in at.text_input if t.label == "Preferred name").set_value(
        "Typed by the practitioner"
    )
    save(at)
    assert any("changed by someone else" in e for e in shown.errors(at))
    typed = next(t for t in at.text_input if t.label == "Preferred name")
    assert typed.value == "Typed by the practitioner", "the user's unsaved typing must survive"
    kept = people.get_person(store, by=someone, person_id=person_id)
    assert kept.preferred_name == "Saved by the manager"
    store.dispose()


def test_hostile_text_in_a_name_is_shown_literally(signed_in, data_dir: Path):
    store = open_store(Settings.from_env())
    manager = accounts.authenticate(store, "manager", "demo-team-manager")
    person = people.caseload(store, by=manager)[0]
    hostile = "![x](http://127.0.0.1:9/p.png) <b>bold</b> **strong**"
    people.save_changes(
        store,
        by=manager,
        person_id=person.id,
        expected_version=person.version,
        changes=people.PersonChanges(preferred_name=hostile),
    )
    store.dispose()
    at = open_record(signed_in("practitioner"), person.id, "details")
    markdown = "\n".join(m.value for m in at.markdown)
    assert "![x](" not in markdown and "<b>" not in markdown


def test_the_audit_log_shows_chain_status_and_recent_events(signed_in):
    at = go(signed_in("lead"), "audit_log")
    assert not shown.successes(at), "the whole chain is checked on request, not on every page view"
    at.button(key="audit_verify").click().run()
    assert shown.successes(at) and "intact" in shown.successes(at)[0]
    events = at.dataframe[0].value
    assert {"login", "create"} <= set(events["Action"])


def test_an_administrator_adds_and_disables_an_account(signed_in):
    at = go(signed_in("admin"), "accounts")
    form = {t.label: t for t in at.text_input}
    form["Username"].set_value("new.worker")
    form["Display name"].set_value("New Worker")
    form["Team (practitioners and team managers)"].set_value("North Locality Team")
    form["First password (at least 12 characters)"].set_value("a long enough password")
    next(b for b in at.button if b.label == "Add account").click().run()
    assert any("Choose the account's role" in e for e in shown.errors(at)), "no role assumed"
    role = next(s for s in at.selectbox if s.label == "Role")
    role.select_index(next(n for n, o in enumerate(role.options) if o == "Practitioner"))
    next(b for b in at.button if b.label == "Add account").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert "new.worker" in set(at.dataframe[0].value["Username"])
    at.selectbox(key="accounts_choice").set_value("new.worker").run()
    at.button(key="accounts_toggle").click().run()
    table = at.dataframe[0].value
    assert table.loc[table["Username"] == "new.worker", "Status"].item() == "Disabled"


def test_a_weak_password_for_a_new_account_gets_a_clear_message(signed_in):
    at = go(signed_in("admin"), "accounts")
    form = {t.label: t for t in at.text_input}
    form["Username"].set_value("weak.one")
    form["Display name"].set_value("Weak One")
    form["First password (at least 12 characters)"].set_value("short")
    role = next(s for s in at.selectbox if s.label == "Role")
    role.select_index(next(n for n, o in enumerate(role.options) if o == "Practitioner"))
    next(b for b in at.button if b.label == "Add account").click().run()
    assert any("at least 12 characters" in e for e in shown.errors(at))


def test_the_account_toggle_does_what_its_label_said_even_if_the_account_changed_meanwhile(
    signed_in, data_dir: Path
):
    at = go(signed_in("admin"), "accounts")
    at.selectbox(key="accounts_choice").set_value("practitioner.south").run()
    assert at.button(key="accounts_toggle").label == "Disable this account"
    store = open_store(Settings.from_env())
    accounts.set_disabled(store, by=accounts.SYSTEM, username="practitioner.south", disabled=True)
    at.button(key="accounts_toggle").click().run()
    assert any("changed by someone else" in e for e in shown.errors(at))
    status = {u.username: u.disabled for u in accounts.list_users(store, by=accounts.SYSTEM)}
    assert status["practitioner.south"] is True, "a stale click must not re-enable the account"
    store.dispose()


def test_opening_a_page_outside_the_role_is_logged(signed_in, data_dir: Path):
    from streamlit.testing.v1 import AppTest as _AppTest

    from tests.ui.conftest import ROOT

    signed_in("practitioner")
    page = _AppTest.from_file(str(ROOT / "pages" / "accounts.py"), default_timeout=30)
    # The page runs in the same browser: it sends the same session cookie.
    page.run()
    store = open_store(Settings.from_env())
    from sqlalchemy import select

    from risk_app.adapters.tables import AuditEventRow

    with store.read() as session:
        last = session.scalars(
            select(AuditEventRow).order_by(AuditEventRow.seq.desc()).limit(1)
        ).one()
    assert (last.action, last.object_type, last.object_id) == ("access_denied", "page", "accounts")
    store.dispose()
