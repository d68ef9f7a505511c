"""An action's owner without an account acknowledges it with a one-time code, through AppTest:
the practitioner makes the code on the meeting screen; the owner, on the code page, sees only
their action and acknowledges it once (demo: Amina Okafor)."""

from __future__ import annotations

from datetime import date, timedelta

from risk_app.adapters.tables import ActionRow
from risk_app.config import Settings
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import meetings, people, risks
from tests.ui import shown
from tests.ui.conftest import new_app
from tests.ui.record.test_decision_page import open_as
from tests.ui.record.test_person_page import button
from tests.ui.records import open_expanders

ACTION = "Ring <b>Amina</b> after each trip"
OWNER = "Grace O'Neill"


def _meeting_with_an_action() -> int:
    store = open_store(Settings.from_env())
    worker = accounts.authenticate(store, "practitioner", "demo-practitioner-1")
    amina = next(p for p in people.caseload(store, by=worker) if p.display_name == "Amina Okafor")
    held = meetings.open_meeting(
        store,
        by=worker,
        person_id=amina.id,
        held_on=date.today(),
        title="Risk meeting",
        purpose="Going out alone",
        chair="Team manager",
        attendees=[{"name": "Amina Okafor", "agency": "", "role": "person", "present": True}],
    )
    action_id = meetings.agree_action(
        store,
        by=worker,
        meeting_id=held.id,
        description=ACTION,
        owner_name=OWNER,
        owner_kind="family_or_friend",
        due=date.today() + timedelta(days=7),
    )
    store.dispose()
    return action_id


def _acknowledged_by(action_id: int) -> tuple[str, ...]:
    store = open_store(Settings.from_env())
    with store.read() as session:
        [view] = risks.action_views(session, [session.get(ActionRow, action_id)])
    store.dispose()
    return view.acknowledged_by


def test_an_owner_acknowledges_their_action_with_a_code_made_on_the_meeting_screen(
    signed_in, browser
):
    action_id = _meeting_with_an_action()
    staff = open_as(signed_in("practitioner"), "Amina Okafor", section="meetings")
    open_expanders(staff, "Codes for owners without an account")
    chooser = next(s for s in staff.selectbox if (s.key or "").startswith("ack_codes_meeting_"))
    assert chooser.value is None  # no action is assumed
    chooser.set_value(action_id).run()
    button(staff, "Make a one-time code for the owner").click().run()
    assert not shown.errors(staff), shown.errors(staff)
    made = next(c.value for c in staff.code if "Reference:" in c.value)
    reference = made.split("Reference: ")[1].split("\n")[0]
    code = made.split("Code: ")[1].split("\n")[0]

    browser.cookie = None  # the owner's own browser: no account, no cookie
    owner = new_app()
    owner.run()
    owner.switch_page("../../pages/sign_with_code.py").run()
    owner.text_input[0].set_value(reference)
    owner.text_input[1].set_value("0000 0000")
    owner.button[0].click().run()
    assert any("not right" in e for e in shown.errors(owner)), shown.errors(owner)
    assert ACTION not in shown.all_text(owner)  # nothing of it shown before the code
    owner.text_input[1].set_value(code)
    owner.button[0].click().run()
    assert not shown.errors(owner), shown.errors(owner)
    page = shown.all_text(owner)
    assert f"What: {ACTION}" in page and "For: Amina Okafor" in page and OWNER in page
    button(owner, "I acknowledge this action").click().run()
    assert any("acknowledgement has been recorded" in s for s in shown.successes(owner))
    [how] = _acknowledged_by(action_id)
    assert how.startswith(f"{OWNER} (one time code ")
