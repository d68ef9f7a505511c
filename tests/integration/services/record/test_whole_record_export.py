"""The whole-record export (JSON and PDF) on SQLite and PostgreSQL: every record kind in it,
nothing secret, user text literal, each export audited without content, and only staff allocated
to the person may export it."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pdf_checks import pdf_text, struct_types
from sqlalchemy import select

from risk_app.adapters import whole_record_document
from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow
from risk_app.domain.errors import NotPermitted
from risk_app.domain.roles import Role
from risk_app.services import accounts
from risk_app.services.record import whole_record
from tests import factories
from tests.command_line import run_command as cli

SECRET_NAMES = re.compile(r"hash|code(?!_reference)|password|session|token|secret", re.IGNORECASE)
"""Names of secrets. An acknowledgement's `code_reference` is the code's public reference (the
one said over the phone), not the code: it says how the acknowledgement was given."""


@pytest.fixture
def made(store: Store) -> factories.WholeRecord:
    return factories.whole_record(store)


def _sections(record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {s["table"]: s["rows"] for s in record["sections"]}


def _keys(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {k for v in node.values() for k in _keys(v)}
    if isinstance(node, list):
        return {k for v in node for k in _keys(v)}
    return set()


def _exports(store: Store) -> list[AuditEventRow]:
    with store.read() as session:
        return list(
            session.scalars(
                select(AuditEventRow)
                .where(AuditEventRow.action == "export")
                .where(AuditEventRow.object_type == "whole_record")
                .order_by(AuditEventRow.seq)
            )
        )


def test_a_person_with_every_kind_of_record_has_every_section_filled(store: Store, made):
    record = whole_record.whole_record(store, by=made.practitioner, person_id=made.made.person.id)
    assert list(record) == [
        "format",
        "format_version",
        "exported_at",
        "exported_by",
        "scope",
        "framework_version",
        "person",
        "sections",
        "withheld",
        "not_included",
    ]
    assert (record["scope"], record["withheld"]) == ("whole", [])  # staff read every part
    assert (record["format"], record["format_version"]) == ("risk-app whole record", 1)
    sections = _sections(record)
    assert [name for name, rows in sections.items() if not rows] == []
    assert record["person"]["display_name"] == "Amina Okafor"
    assert record["person"]["team"] == factories.NORTH
    assert record["person"]["about_me"] == {"What matters to me": "My friends."}
    [decision] = sections["decisions"]
    assert {"capacity_outcome", "best_interests", "functional", "evidence"} <= set(decision)
    [signature] = sections["agreement_signatures"]
    assert signature["signer_name"] and signature["digest"]
    [invitation] = sections["signing_invitations"]
    assert invitation["signed_at"] is not None  # its existence and what became of it
    assert sections["shared_items"][0]["item_id"] == made.concern_id
    assert sections["meeting_items"][0]["text"] == factories.HOSTILE
    assert record["person"]["created_at"].endswith("+00:00")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", sections["reviews"][0]["held_on"])


def test_each_touchpoint_says_how_it_is_known_and_names_a_record_that_replaced_a_status(
    store: Store, made
):
    record = whole_record.whole_record(store, by=made.practitioner, person_id=made.made.person.id)
    lines = {
        (r["stage"], r["touchpoint"]): r
        for r in _sections(record)[whole_record.DERIVED_TOUCHPOINTS]
    }
    tp10 = lines[("ST4", "TP10")]  # typed "not applicable", then a panel referral was made
    assert (tp10["state"], tp10["evidenced_by"]["kind"]) == ("done", "panel_referral")
    assert tp10["set_by_hand"]["state"] == "not_applicable"
    assert tp10["set_by_hand"]["note"] == factories.HOSTILE
    assert "this replaces 'not applicable'" in tp10["conflict"]
    assert lines[("ST4", "TP09")]["evidenced_by"]["kind"] == "plan_validation"
    assert {stage for stage, _ in lines} <= {"ST0", "ST1", "ST2", "ST3", "ST4"}  # reached only
    assert all(
        r["evidenced_by"] or r["set_by_hand"] or r["state"] == "outstanding" for r in lines.values()
    )


def test_rows_of_someone_else_never_come_into_the_record(store: Store, made):
    other = factories.whole_record(store)  # a second person with everything too
    record = whole_record.whole_record(store, by=made.practitioner, person_id=made.made.person.id)
    tables = [s for s in record["sections"] if s["table"] != whole_record.DERIVED_TOUCHPOINTS]
    ids = {s["table"]: {r["id"] for r in s["rows"]} for s in tables}
    theirs = whole_record.whole_record(store, by=other.practitioner, person_id=other.made.person.id)
    for section in theirs["sections"]:
        if section["table"] == whole_record.DERIVED_TOUCHPOINTS:
            continue  # worked out from the tables, not a table of its own
        assert not ids[section["table"]] & {r["id"] for r in section["rows"]}, section["table"]


def test_no_secret_is_in_the_record(store: Store, made):
    record = whole_record.whole_record(store, by=accounts.SYSTEM, person_id=made.made.person.id)
    assert [k for k in _keys(record) if SECRET_NAMES.search(k)] == []
    assert "reference" not in _sections(record)["signing_invitations"][0]
    text = json.dumps(record)
    assert "users" not in _sections(record)
    assert {n["table"] for n in record["not_included"]} >= {"users", "web_sessions", "drafts"}
    assert "$argon2" not in text and "scrypt" not in text


def test_each_export_is_audited_with_its_format_and_no_content(store: Store, made):
    person_id = made.made.person.id
    whole_record.whole_record(store, by=made.practitioner, person_id=person_id)
    whole_record.whole_record_pdf(store, by=made.practitioner, person_id=person_id)
    events = _exports(store)
    assert [(e.actor, e.object_id) for e in events] == [
        (made.practitioner.username, str(person_id))
    ] * 2
    details = [json.loads(e.detail) for e in events]
    assert [d["format"] for d in details] == ["json", "pdf"]
    assert "decisions:1" in details[0]["rows"]
    for event in events:
        assert "Amina" not in event.detail and "script" not in event.detail


def test_staff_of_another_team_are_refused_and_the_refusal_logged(store: Store, made):
    south = factories.actor(store, Role.PRACTITIONER, team=factories.SOUTH)
    for export in (whole_record.whole_record, whole_record.whole_record_pdf):
        with pytest.raises(NotPermitted):
            export(store, by=south, person_id=made.made.person.id)
    assert _exports(store) == []
    with store.read() as session:
        refused = session.scalars(
            select(AuditEventRow).where(
                AuditEventRow.action == "access_denied", AuditEventRow.actor == south.username
            )
        ).all()
    assert len(refused) == 2


def test_the_persons_own_account_downloads_what_it_reads_and_counts_what_is_withheld(
    store: Store, made
):
    mine = whole_record.whole_record(store, by=made.individual, person_id=made.made.person.id)
    sections = _sections(mine)
    assert mine["scope"] == "own_account"
    assert whole_record_document.title(mine).startswith("Own copy of the record of Amina")
    assert "Withheld until shared" in whole_record_document.html(mine)
    for kind in ("stage_history", "risks", "actions", "acknowledgements", "reviews"):
        assert sections[kind], kind
    for kind in ("agreement_versions", "agreement_signatures", "agreement_talk_requests"):
        assert sections[kind], kind
    assert [c["id"] for c in sections["safeguarding_concerns"]] == [made.concern_id]  # shared
    for kind in ("decisions", "panels", "meetings", "meeting_items", "meeting_attendees"):
        assert sections[kind] == [], kind  # restricted and not shared
    assert {(w["part"], w["count"]) for w in mine["withheld"]} == {
        ("meeting_record", 1),
        ("capacity_assessment", 1),
        ("third_party", 1),
    }
    cut = {n["table"]: n["reason"] for n in mine["not_included"] if n["column"] is None}
    assert {"prompt_answers", "touchpoint_status", "plan_validations", "shared_items"} <= set(cut)
    assert not {"prompt_answers", "touchpoint_status", "shared_items"} & set(sections)
    assert whole_record.DERIVED_TOUCHPOINTS not in sections
    text = json.dumps(mine)
    assert text.count(json.dumps(factories.HOSTILE)) == 2  # the concern and the review only
    event = _exports(store)[-1]
    assert event.actor == made.individual.username
    assert json.loads(event.detail)["withheld"] == (
        "meeting_record:1,capacity_assessment:1,third_party:1"
    )


def test_sharing_a_meeting_brings_its_attendees_items_and_actions_to_the_person(store: Store, made):
    from risk_app.services.record import sharing

    person_id = made.made.person.id
    staff = _sections(whole_record.whole_record(store, by=made.practitioner, person_id=person_id))
    [meeting] = staff["meetings"]
    sharing.share(
        store, by=made.practitioner, part="meeting_record", item_id=meeting["id"], reason="Asked"
    )
    mine = _sections(whole_record.whole_record(store, by=made.individual, person_id=person_id))
    for kind in ("meetings", "meeting_attendees", "meeting_items", "meeting_actions"):
        assert mine[kind] == staff[kind], kind


def test_a_person_who_does_not_exist_is_refused_as_not_found(store: Store, made):
    with pytest.raises(NotPermitted, match="Not found"):
        whole_record.whole_record(store, by=made.practitioner, person_id=99999)


def test_the_pdf_is_tagged_in_british_english_and_shows_hostile_text_literally(store: Store, made):
    person_id = made.made.person.id
    record = whole_record.whole_record(store, by=made.practitioner, person_id=person_id)
    html = whole_record_document.html(record)
    assert "<script>" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;" in html
    pdf = whole_record.whole_record_pdf(store, by=made.practitioner, person_id=person_id)
    document = pikepdf.open(io.BytesIO(pdf))
    assert str(document.Root.Lang) == "en-GB"
    assert bool(document.Root.MarkInfo.Marked) is True
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/Caption"} <= struct_types(document)
    with document.open_metadata() as meta:
        assert f"Whole record of Amina Okafor (record {person_id})" in str(meta.get("dc:title"))
        assert meta.get("pdfuaid:part") == "1"
    text = pdf_text(pdf)
    assert '<script>alert("x")</script> <b>bold</b> **not markdown**' in text
    for section in record["sections"]:
        assert section["title"] in text


# ----------------------------------------------------------------------------- CLI
@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("cli-whole-record")
    assert cli("demo", data_dir=data_dir).returncode == 0
    return data_dir


def _david(data_dir: Path) -> int:
    listed = json.loads(cli("people", "list", "--format", "json", data_dir=data_dir).stdout)
    return int(next(p["id"] for p in listed if p["name"] == "David Price"))


def test_the_cli_prints_the_whole_record_as_json_and_writes_the_pdf(demo_dir: Path):
    david = str(_david(demo_dir))
    printed = cli("export", "json", "--person", david, data_dir=demo_dir)
    assert printed.returncode == 0, printed.stderr
    record = json.loads(printed.stdout)
    assert record["format"] == "risk-app whole record"
    assert record["person"]["display_name"] == "David Price"
    assert len(_sections(record)["stage_history"]) == 7  # the demo's David reached ST6
    assert set(_sections(record)) >= {"decisions", "meetings", "agreement_signatures"}

    out = demo_dir / "david.pdf"
    written = cli("export", "pdf", "--person", david, "--out", str(out), data_dir=demo_dir)
    assert written.returncode == 0, written.stderr
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_mode & 0o077 == 0
    again = cli("export", "pdf", "--person", david, "--out", str(out), data_dir=demo_dir)
    assert again.returncode != 0 and "already exists" in again.stderr

    summary = cli("export", "summary", "--person", david, data_dir=demo_dir)
    assert json.loads(summary.stdout)["record_type"] == "risk-app person record"
    missing = cli("export", "json", "--person", "9999", data_dir=demo_dir)
    assert missing.returncode != 0 and "Not found" in missing.stderr and missing.stdout == ""
