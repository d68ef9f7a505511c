"""Risk agreements through AppTest: the practitioner's tab, the person's own signing screens and
signing with a one-time code without an account (demo: Amina's version 1, signed so far by the
practitioner only)."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from risk_app.config import Settings
from risk_app.domain.agreements.agreement_words import SIGNING_COPY, screens
from risk_app.domain.agreements.signers import SignerRole, SigningBasis
from risk_app.services import accounts
from risk_app.services.agreements import issuing, reading
from risk_app.services.bootstrap import open_store
from risk_app.services.record import people
from tests.ui import shown
from tests.ui.conftest import new_app
from tests.ui.record.test_decision_page import open_as as open_in_section
from tests.ui.record.test_person_page import button
from tests.ui.records import open_section


def open_as(at: AppTest, name: str, **options: Any) -> AppTest:
    """Open the person's record at the agreement section (only the chosen section is drawn)."""
    return open_in_section(at, name, **{"section": "agreement", **options})


def _amina_version():
    store = open_store(Settings.from_env())
    manager = accounts.authenticate(store, "manager", "demo-team-manager")
    amina = next(p for p in people.caseload(store, by=manager) if p.preferred_name == "Amina")
    view = reading.get_version(store, by=manager, person_id=amina.id)
    store.dispose()
    return view


def _change_amina(store, changes: people.PersonChanges):
    """Amina's record changed by her practitioner; (the practitioner, Amina as she was)."""
    practitioner = accounts.authenticate(store, "practitioner", "demo-practitioner-1")
    amina = next(p for p in people.caseload(store, by=practitioner) if p.preferred_name == "Amina")
    people.save_changes(
        store,
        by=practitioner,
        person_id=amina.id,
        expected_version=amina.version,
        changes=changes,
    )
    return practitioner, amina


def _signed_roles() -> list[SignerRole]:
    return [s.role for s in _amina_version().signatures]


def _walk_to_the_answer(at: AppTest) -> AppTest:
    for _ in range(20):
        if any(r.key and r.key.endswith("_answer") for r in at.radio):
            return at
        button(at, "Next").click().run()
        assert not at.exception, at.exception
    raise AssertionError("never reached the question")


def test_the_person_reads_one_screen_at_a_time_and_signs_the_version_shown(signed_in):
    at = signed_in("amina")
    at.switch_page("../../pages/my_agreement.py").run()
    assert not at.exception, at.exception
    assert shown.texts(at, "heading")[0] == "About this agreement"
    assert any(c.value.startswith("Step 1 of") for c in at.caption)
    _walk_to_the_answer(at)
    next(r for r in at.radio if r.key.endswith("_answer")).set_value("agree_except").run()
    assert not at.text_area, "what they do not agree with is a step of its own"
    button(at, "Next").click().run()
    button(at, "Next").click().run()  # nothing written: refused, saying what to do
    assert shown.errors(at) == [f"Error: {SIGNING_COPY['except_missing']}"]
    next(t for t in at.text_area if t.label == "What do you not agree with?").set_value(
        "Jo should not have to **collect** me"
    )
    button(at, "Next").click().run()
    button(at, "Sign the agreement").click().run()
    assert shown.errors(at) == ["Error: Tick the box to say you have read it."]
    next(c for c in at.checkbox if c.label.startswith("I have read")).check().run()
    button(at, "Sign the agreement").click().run()
    assert not at.exception, at.exception
    assert "Thank you. You have signed the agreement." in shown.texts(at, "heading")
    person = next(s for s in _amina_version().signatures if s.role is SignerRole.PERSON)
    assert person.comment == "I agree except: Jo should not have to **collect** me"
    assert person.method.value == "own_account"
    again = signed_in("amina")
    again.switch_page("../../pages/my_agreement.py").run()
    assert any("already signed" in s for s in shown.successes(again))


def test_asking_to_talk_signs_nothing_and_tells_the_worker(signed_in):
    at = signed_in("amina")
    at.switch_page("../../pages/my_agreement.py").run()
    _walk_to_the_answer(at)
    next(r for r in at.radio if r.key.endswith("_answer")).set_value("talk").run()
    button(at, "Next").click().run()
    assert any("get in touch" in s for s in shown.successes(at))
    assert SignerRole.PERSON not in _signed_roles()
    staff = open_as(signed_in("practitioner"), "Amina Okafor")
    assert any("asked to talk" in w for w in shown.warnings(staff)), shown.warnings(staff)


def test_the_practitioners_tab_records_an_owner_signing_in_person_and_makes_a_one_time_code(
    signed_in,
):
    at = open_as(signed_in("practitioner"), "Amina Okafor")
    assert any("Version" in t.columns for t in shown.tables(at))
    who = next(s for s in at.selectbox if s.key and s.key.endswith("_who") and "inperson" in s.key)
    jo = next(k for k in _amina_version().missing if k.name == "Jo Okafor")
    who.set_value(jo.key).run()
    next(c for c in at.checkbox if c.label.startswith("They have read")).check().run()
    button(at, "Record their signature").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert SignerRole.OWNER in _signed_roles()
    code_who = next(s for s in at.selectbox if s.key and s.key.endswith("_who") and "code" in s.key)
    assert code_who.value is None, "nobody is assumed to be the one signing"
    button(at, "Make a one-time code").click().run()
    assert any("Choose who is signing" in e for e in shown.errors(at)), shown.errors(at)
    code_who.set_value("person").run()
    basis = next(s for s in at.selectbox if s.key and "code" in s.key and "_basis_" in s.key)
    basis.set_value(SigningBasis.SELF).run()  # the person's: none is assumed
    button(at, "Make a one-time code").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert any("Reference:" in c.value and "Code:" in c.value for c in at.code)


def test_someone_without_an_account_signs_with_a_reference_and_code(signed_in, browser):
    staff = open_as(signed_in("practitioner"), "Amina Okafor")
    who = next(s for s in staff.selectbox if s.key and s.key.endswith("_who") and "code" in s.key)
    provider = next(k for k in _amina_version().missing if k.name == "Brightside Support")
    who.set_value(provider.key).run()
    button(staff, "Make a one-time code").click().run()
    made = next(c.value for c in staff.code if "Reference:" in c.value)
    reference = made.split("Reference: ")[1].split("\n")[0]
    code = made.split("Code: ")[1].split("\n")[0]

    browser.cookie = None  # the provider's own browser: no account, no cookie
    visitor = new_app()
    visitor.run()
    visitor.switch_page("../../pages/sign_with_code.py").run()
    assert not visitor.exception, visitor.exception
    visitor.text_input[0].set_value(reference)
    visitor.text_input[1].set_value("0000 0000")
    visitor.button[0].click().run()
    assert any("not right" in e for e in shown.errors(visitor)), shown.errors(visitor)
    assert not visitor.header and not shown.texts(visitor, "heading")  # nothing of it shown
    visitor.text_input[1].set_value(code)
    visitor.button[0].click().run()
    assert not shown.errors(visitor), shown.errors(visitor)
    _walk_to_the_answer(visitor)
    next(r for r in visitor.radio if r.key.endswith("_answer")).set_value("agree").run()
    button(visitor, "Next").click().run()
    next(c for c in visitor.checkbox if c.label.startswith("I have read")).check().run()
    button(visitor, "Sign the agreement").click().run()
    assert "Thank you. You have signed the agreement." in shown.texts(visitor, "heading")
    signature = next(
        s for s in _amina_version().signatures if s.signer_name == "Brightside Support"
    )
    assert signature.method.value == "remote_code"


def test_a_change_to_the_records_asks_for_a_new_version_which_the_person_reads_afresh(signed_in):
    at = open_as(signed_in("practitioner"), "Amina Okafor", section="details")
    area = next(t for t in at.text_area if t.label == "What matters to me")
    area.set_value("Football, and my new job at the cafe").run()
    button(at, "Save changes").click().run()
    open_section(at, "agreement")
    assert any("changed since version 1" in w for w in shown.warnings(at))
    button(at, "Issue version 2 for signing").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert _amina_version().version == 2
    person = signed_in("amina")
    person.switch_page("../../pages/my_agreement.py").run()
    assert "version 2" in shown.all_text(person)
    assert any(e.label == "What is new since version 1" for e in person.expander)


def test_the_basis_of_the_persons_signature_starts_unchosen_and_signing_without_it_is_refused(
    signed_in,
):
    at = open_as(signed_in("practitioner"), "Amina Okafor")
    who = next(s for s in at.selectbox if s.key and s.key.endswith("_who") and "inperson" in s.key)
    amina = next(k for k in _amina_version().missing if k.role is SignerRole.PERSON)
    who.set_value(amina.key).run()
    basis = next(s for s in at.selectbox if s.key and "inperson" in s.key and "_basis_" in s.key)
    assert basis.value is None, "whether they sign alone, with support or through a representative"
    comment = "I agree, *but* not the <b>late</b> bus"
    next(t for t in at.text_area if t.label.startswith("Their comment")).set_value(comment)
    next(c for c in at.checkbox if c.label.startswith("They have read")).check().run()
    button(at, "Record their signature").click().run()
    assert any("on what basis they sign" in e for e in shown.errors(at)), shown.errors(at)
    assert SignerRole.PERSON not in _signed_roles()
    assert next(t for t in at.text_area if t.label.startswith("Their comment")).value == comment
    basis = next(s for s in at.selectbox if s.key and "inperson" in s.key and "_basis_" in s.key)
    basis.set_value(SigningBasis.SELF).run()
    button(at, "Record their signature").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert SignerRole.PERSON in _signed_roles()


def test_a_one_time_code_for_the_person_needs_the_basis_chosen(signed_in):
    at = open_as(signed_in("practitioner"), "Amina Okafor")
    who = next(s for s in at.selectbox if s.key and s.key.endswith("_who") and "code" in s.key)
    amina = next(k for k in _amina_version().missing if k.role is SignerRole.PERSON)
    who.set_value(amina.key).run()
    button(at, "Make a one-time code").click().run()
    assert any("on what basis they sign" in e for e in shown.errors(at)), shown.errors(at)
    assert not any("Reference:" in c.value for c in at.code)


def test_an_appointee_is_not_offered_signing_for_the_person_and_the_page_says_why(signed_in):
    """SS(C&P) Regs 1987 reg 33 and MCA 2005 s1(2): the appointee signs beside Amina, not for her."""
    store = open_store(Settings.from_env())
    practitioner, amina = _change_amina(
        store,
        people.PersonChanges(
            representative_name="Sam <b>Patel</b>", representative_authority="appointee"
        ),
    )
    draft = issuing.draft(store, by=practitioner, person_id=amina.id)
    issuing.issue(store, by=practitioner, person_id=amina.id, expected_digest=draft.digest)
    store.dispose()
    at = open_as(signed_in("practitioner"), "Amina Okafor")
    who = next(s for s in at.selectbox if s.key and s.key.endswith("_who") and "inperson" in s.key)
    who.set_value("person").run()
    basis = next(s for s in at.selectbox if s.key and "inperson" in s.key and "_basis_" in s.key)
    assert not any(option.startswith("For the person") for option in basis.options)
    said = shown.all_text(at)
    assert "Why nobody signs for the person: Sam <b>Patel</b> is the person's appointee" in said


def test_a_person_whose_record_says_easy_read_gets_it_at_once_shown_as_a_default(signed_in):
    """Accessible Information Standard: the need is recorded once, by staff, and met from then
    on; the person can still turn it off."""
    store = open_store(Settings.from_env())
    _change_amina(store, people.PersonChanges(information_needs=["easy_read"]))
    store.dispose()
    at = signed_in("amina")
    at.switch_page("../../pages/my_agreement.py").run()
    assert not at.exception, at.exception
    easy = next(t for t in at.toggle if t.label == SIGNING_COPY["easy_read"])
    assert easy.value is True
    assert SIGNING_COPY["easy_read_recorded"] in [c.value for c in at.caption]
    html = "".join(h.proto.body for h in at.get("html"))
    first = screens_of_amina()[0]
    assert html.count('<div data-easy-read="point">') == len(first.lines), "a picture each point"
    easy.set_value(False).run()  # their own choice wins, for now
    assert '<div data-easy-read="point">' not in "".join(h.proto.body for h in at.get("html"))
    assert SIGNING_COPY["easy_read_recorded"] not in [c.value for c in at.caption]


def screens_of_amina():
    view = _amina_version()
    return screens(view.content, version=view.version, jurisdiction=view.jurisdiction)
