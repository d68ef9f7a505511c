"""Time limits on signing with a code (WCAG 2.2.1), through AppTest: a warning before the grant
ends with "I need more time", and a grant that runs out keeps the step and the words typed for
the next code (demo: Amina's version 1; Brightside Support, a provider, signs with a code)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from risk_app.adapters.tables import SigningInvitationRow
from risk_app.config import Settings
from risk_app.domain.agreements.agreement_words import SIGNING_COPY
from risk_app.domain.one_time_codes import normalise_reference
from risk_app.services.bootstrap import open_store
from risk_app.ui.agreements.signing_views import KEPT_FOR_NEXT_CODE
from risk_app.ui.time_limit import MORE_TIME
from tests.ui import shown
from tests.ui.agreements.test_agreement_pages import _amina_version, _walk_to_the_answer, open_as
from tests.ui.conftest import new_app
from tests.ui.record.test_person_page import button

PROVIDER = "Brightside Support"
WORDS = "Not the <b>late</b> bus, and not on Sundays"
GRANT = "code_grant"


def a_code(signed_in) -> tuple[str, str]:
    staff = open_as(signed_in("practitioner"), "Amina Okafor")
    who = next(s for s in staff.selectbox if s.key and s.key.endswith("_who") and "code" in s.key)
    provider = next(k for k in _amina_version().missing if k.name == PROVIDER)
    who.set_value(provider.key).run()
    button(staff, "Make a one-time code").click().run()
    made = next(c.value for c in staff.code if "Reference:" in c.value)
    return made.split("Reference: ")[1].split("\n")[0], made.split("Code: ")[1].split("\n")[0]


def enter(visitor: AppTest, reference: str, code: str) -> None:
    fields = [t for t in visitor.text_input if t.label in ("Reference", "Code")]
    fields[0].set_value(reference)
    fields[1].set_value(code)
    button(visitor, "Continue").click().run()
    assert not visitor.exception, visitor.exception


def grant_ends(reference: str, at: datetime) -> None:
    store = open_store(Settings.from_env())
    with store.write() as session:
        session.execute(
            update(SigningInvitationRow)
            .where(SigningInvitationRow.reference == normalise_reference(reference))
            .values(grant_expires_at=at)
        )
    store.dispose()


def grant_end_recorded(reference: str) -> datetime:
    store = open_store(Settings.from_env())
    with store.read() as session:
        row = (
            session.query(SigningInvitationRow)
            .filter_by(reference=normalise_reference(reference))
            .one()
        )
        ends = row.grant_expires_at
    store.dispose()
    return ends


def visitor_signing(signed_in, browser) -> tuple[AppTest, str]:
    reference, code = a_code(signed_in)
    browser.cookie = None  # the provider's own browser: no account
    visitor = new_app()
    visitor.run()
    visitor.switch_page("../../pages/sign_with_code.py").run()
    enter(visitor, reference, code)
    return visitor, reference


def test_a_grant_that_runs_out_keeps_the_step_and_the_words_for_the_next_code(signed_in, browser):
    visitor, reference = visitor_signing(signed_in, browser)
    _walk_to_the_answer(visitor)
    next(r for r in visitor.radio if r.key.endswith("_answer")).set_value("agree_except").run()
    button(visitor, "Next").click().run()
    box = next(t for t in visitor.text_area if t.label == SIGNING_COPY["except_label"])
    box.set_value(WORDS).run()
    grant_ends(reference, datetime.now(UTC) - timedelta(seconds=1))

    button(visitor, "Next").click().run()  # the grant has run out meanwhile
    said = shown.all_text(visitor)
    assert "Your time to sign has run out" in said and KEPT_FOR_NEXT_CODE in said
    assert any(t.label == "Code" for t in visitor.text_input), "asked for a new code"
    assert WORDS not in said, "nothing of the agreement is shown without a live grant"

    reference, code = a_code(signed_in)  # the worker makes a new code for the same signer
    browser.cookie = None  # and the provider's browser still has no account
    enter(visitor, reference, code)
    said = shown.all_text(visitor)
    assert WORDS in said, "the words typed before the code ran out"
    [where] = [c.value.split() for c in visitor.caption if c.value.startswith("Step ")]
    assert where[1] == where[3], f"carries on at the check before signing, not {where}"
    next(c for c in visitor.checkbox if c.label.startswith("I have read")).check().run()
    button(visitor, "Sign the agreement").click().run()
    signature = next(s for s in _amina_version().signatures if s.signer_name == PROVIDER)
    assert signature.comment == f"I agree except: {WORDS}"


def test_before_a_grant_ends_a_warning_offers_more_time_which_extends_it(signed_in, browser):
    visitor, reference = visitor_signing(signed_in, browser)
    assert not [b for b in visitor.button if b.label == MORE_TIME], "no warning with time left"
    soon = datetime.now(UTC) + timedelta(seconds=90)
    grant_ends(reference, soon)
    visitor.session_state[GRANT] = dataclasses.replace(
        visitor.session_state[GRANT], expires_at=soon
    )
    visitor.run()
    assert any(
        "In 1 minute your time to sign ends. Do you need more time?" == w
        for w in shown.warnings(visitor)
    ), shown.warnings(visitor)
    button(visitor, MORE_TIME).click().run()
    assert not shown.errors(visitor), shown.errors(visitor)
    assert grant_end_recorded(reference) > datetime.now(UTC) + timedelta(minutes=19)
    assert visitor.session_state[GRANT].expires_at > datetime.now(UTC) + timedelta(minutes=19)
    visitor.run()
    assert not [b for b in visitor.button if b.label == MORE_TIME], "the warning has gone"
