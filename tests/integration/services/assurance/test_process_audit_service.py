"""The process audit as the command line and the app use it: a file or the editor's rows in, a
report (text or JSON) and an exit code out, always naming the framework version judged against."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow
from risk_app.domain.access import Actor
from risk_app.domain.assurance.local_process import LocalProcessError
from risk_app.domain.errors import NotPermitted
from risk_app.services import accounts
from risk_app.services import framework as framework_service
from risk_app.services.assurance import process_audit
from risk_app.services.assurance.process_audit import (
    EXIT_ALIGNED,
    EXIT_GAPS,
    EXIT_UNUSABLE,
    run_process_audit,
)

EXAMPLES = Path(__file__).resolve().parents[4] / "docs" / "examples"


def complete_rows() -> list[dict[str, str]]:
    graph = framework_service.current()
    return [
        {"local_stage": f"Our {stage.label}", "maps_to": stage.id, "implements": tp.id}
        for stage in graph.stages()
        for tp in graph.touchpoints_for(stage.id)
    ]


@pytest.mark.parametrize("name", ["local-process.yaml", "local-process.csv"])
def test_the_example_files_give_a_text_report_with_gaps_and_exit_code_1(name: str) -> None:
    output, code = run_process_audit(EXAMPLES / name, "text")
    assert code == EXIT_GAPS == 3
    assert output.startswith("Process alignment: ")
    assert f"framework {framework_service.version()}" in output
    assert "TP07 'Plan covers risks to, from and by the person, with a contingency' is " in output
    assert (
        "which maps to ST5; our synthesis (not the framework's own text) places it at ST3."
        in output
    )


def test_the_json_report_parses_and_records_the_framework_version() -> None:
    output, code = run_process_audit(EXAMPLES / "local-process.yaml", "json")
    data = json.loads(output)
    assert code == EXIT_GAPS
    assert data["ok"] is True and data["aligned"] is False
    assert data["framework"]["version"] == framework_service.version()
    assert data["coverage"]["all"]["percent"] == 77
    assert data["process"]["organisation"] == "Northmoor Council"


def test_a_fully_aligned_process_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "complete.yaml"
    path.write_text(
        process_audit.export_rows(complete_rows(), "yaml", title="Complete"), encoding="utf-8"
    )
    output, code = run_process_audit(path, "text")
    assert code == EXIT_ALIGNED == 0
    assert "Nothing is missing or misplaced." in output


def test_an_invalid_file_exits_2_listing_every_problem_in_text_or_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("local_stage,maps_to,implements\nA,ST99,TP01\nB,ST1,TP7\n", encoding="utf-8")
    text, code = run_process_audit(path, "text")
    assert code == EXIT_UNUSABLE == 1
    assert "bad.csv cannot be used as a local process: 2 problems" in text
    assert "row 2: local stage 'A' maps to 'ST99'" in text
    assert "row 3:" in text and "Did you mean TP07?" in text
    assert "Traceback" not in text
    output, code = run_process_audit(path, "json")
    data = json.loads(output)
    assert code == EXIT_UNUSABLE
    assert data["ok"] is False
    assert data["framework"]["version"] == framework_service.version()
    assert [p["row"] for p in data["problems"]] == [2, 3]


def test_an_unreadable_or_wrongly_encoded_file_exits_2_with_a_clear_message(
    tmp_path: Path,
) -> None:
    output, code = run_process_audit(tmp_path / "missing.yaml", "text")
    assert code == EXIT_UNUSABLE and "cannot read the file" in output
    latin = tmp_path / "latin.csv"
    latin.write_bytes("local_stage,maps_to\nCafé,ST0\n".encode("latin-1"))
    output, code = run_process_audit(latin, "text")
    assert code == EXIT_UNUSABLE and "not UTF-8 text" in output
    output, code = run_process_audit(tmp_path / "process.txt", "json")
    assert code == EXIT_UNUSABLE and json.loads(output)["problems"][0]["message"].startswith(
        "the file name has '.txt'"
    )


def test_an_unknown_output_format_exits_2() -> None:
    output, code = run_process_audit(EXAMPLES / "local-process.yaml", "html")
    assert code == EXIT_UNUSABLE
    assert output == "error: unknown format 'html'; use json or text\n"


# --------------------------------------------------------------------------- for the app


@pytest.fixture
def lead(demo_store: Store) -> Actor:
    found = accounts.authenticate(demo_store, "lead", "demo-safeguarding-lead")
    assert found is not None
    return found


def test_an_uploaded_file_is_audited_against_the_current_framework(
    demo_store: Store, lead: Actor
) -> None:
    data = (EXAMPLES / "local-process.csv").read_bytes()
    report = process_audit.audit_upload(
        demo_store, lead, data, "C:\\Users\\lead\\local-process.csv"
    )
    assert report.source == "local-process.csv"
    assert report.framework_version == framework_service.version()
    with pytest.raises(LocalProcessError):
        process_audit.audit_upload(demo_store, lead, b"local_stage,maps_to\nA,ST99\n", "x.csv")


def test_only_the_lead_runs_an_alignment_and_each_run_is_logged_with_counts(
    demo_store: Store, lead: Actor
) -> None:
    data = (EXAMPLES / "local-process.yaml").read_bytes()
    practitioner = accounts.authenticate(demo_store, "practitioner", "demo-practitioner-1")
    assert practitioner is not None
    with pytest.raises(NotPermitted):
        process_audit.audit_upload(demo_store, practitioner, data, "local-process.yaml")
    report = process_audit.audit_upload(demo_store, lead, data, "local-process.yaml")
    with demo_store.read() as session:
        rows = session.scalars(
            select(AuditEventRow).where(AuditEventRow.object_type == "process_alignment")
        ).all()
    assert [r.action for r in rows] == ["access_denied", "view"]
    detail = json.loads(rows[-1].detail)
    assert detail["covered"] == report.coverage.covered
    assert detail["framework_version"] == report.framework_version


def test_the_editor_rows_are_checked_live_and_audited(demo_store: Store, lead: Actor) -> None:
    rows: list[dict[str, object]] = [
        {"local_stage": "Front door", "maps_to": "ST0", "implements": "TP01", "local_check": None},
        {"local_stage": math.nan, "maps_to": math.nan, "implements": math.nan},
        {"local_stage": "Assess", "maps_to": "ST1", "implements": "TP2", "local_check": None},
    ]
    [problem] = process_audit.check_rows(rows)
    assert problem.row == 3 and "Did you mean TP02?" in problem.message
    rows[2]["implements"] = "TP02"
    assert process_audit.check_rows(rows) == []
    report = process_audit.audit_rows(demo_store, lead, rows, title="Draft", organisation="Moor")
    assert report.process_title == "Draft" and report.source == "table"
    assert report.stages[0].placements[0].status.value == "covered"


def test_a_file_can_be_loaded_into_the_editor_and_downloaded_again(
    demo_store: Store, lead: Actor
) -> None:
    data = (EXAMPLES / "local-process.yaml").read_bytes()
    rows = process_audit.rows_from_upload(data, "local-process.yaml")
    assert rows[0] == {
        "local_stage": "Front door (Adult Social Care Direct)",
        "maps_to": "ST0",
        "implements": "TP01",
        "local_check": "",
    }
    csv_text = process_audit.export_rows(rows, "csv")
    assert csv_text.splitlines()[0] == "local_stage,maps_to,implements,local_check"
    again = process_audit.audit_upload(demo_store, lead, csv_text.encode(), "again.csv")
    first = process_audit.audit_upload(demo_store, lead, data, "local-process.yaml")
    assert again.coverage == first.coverage


def test_the_editor_offers_the_frameworks_stages_and_touchpoints() -> None:
    choices = process_audit.editor_choices()
    graph = framework_service.current()
    assert [c["id"] for c in choices["maps_to"]] == [s.id for s in graph.stages()] + ["none"]
    assert [c["id"] for c in choices["implements"]] == [t.id for t in graph.nodes("touchpoint")]
    assert len(process_audit.starter_rows()) == len(graph.stages())
