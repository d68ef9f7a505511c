"""Downloading a person's whole record from their page, through AppTest."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from risk_app.adapters.tables import AuditEventRow
from risk_app.config import Settings
from risk_app.services.bootstrap import open_store
from risk_app.ui.record.whole_record_views import state_key
from tests.ui import shown
from tests.ui.record.test_person_page import button, open_person


def _whole_record_exports() -> list[tuple[str, str]]:
    store = open_store(Settings.from_env())
    try:
        with store.read() as session:
            events = session.scalars(
                select(AuditEventRow).where(
                    AuditEventRow.action == "export", AuditEventRow.object_type == "whole_record"
                )
            ).all()
            return [(e.actor, json.loads(e.detail)["format"]) for e in events]
    finally:
        store.dispose()


def test_staff_prepare_and_download_the_whole_record_as_json_and_as_pdf(signed_in):
    at = open_person(signed_in("practitioner"), "David Price", "details")
    person_id = at.selectbox(key="caseload_person").value
    assert "Download the whole record" in [s.value for s in at.subheader]
    assert not at.get("download_button")
    assert _whole_record_exports() == []  # nothing is exported until someone asks

    button(at, "Prepare the whole record (JSON)").click().run()
    assert not shown.errors(at), shown.errors(at)
    record = json.loads(at.session_state[state_key(person_id, "json")])
    assert record["person"]["display_name"] == "David Price"
    assert _whole_record_exports() == [("practitioner", "json")]

    button(at, "Prepare the whole record (PDF)").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert at.session_state[state_key(person_id, "pdf")].startswith(b"%PDF")
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download the whole record (JSON)", "Download the whole record (PDF)"]
    assert _whole_record_exports() == [("practitioner", "json"), ("practitioner", "pdf")]


def test_the_person_downloads_from_their_home_page_what_their_account_reads(signed_in):
    at = signed_in("amina")
    assert "Download your record" in [s.value for s in at.subheader]
    assert not any(b.label.startswith("Prepare the whole record") for b in at.button)
    button(at, "Prepare your record (JSON)").click().run()
    assert not shown.errors(at), shown.errors(at)
    [key] = [k for k in at.session_state if re.fullmatch(r"whole_record_json_\d+", str(k))]
    record = json.loads(at.session_state[key])
    assert record["person"]["display_name"] == "Amina Okafor"
    assert "prompt_answers" in {n["table"] for n in record["not_included"]}
    assert _whole_record_exports() == [("amina", "json")]
    assert [b.label for b in at.get("download_button")] == ["Download your record (JSON)"]
