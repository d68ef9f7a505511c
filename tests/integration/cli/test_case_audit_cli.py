"""`risk-app audit cases`, run as a user would: formats, exit codes and one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from risk_app.services.demo import DEMO_PEOPLE
from tests.command_line import CommandRun, run_command

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
EVENTS, XES, MAPPING = (EXAMPLES / n for n in ("events.csv", "events.xes", "mapping.csv"))


def audit(*args: str, data_dir: Path) -> CommandRun:
    return run_command("audit", "cases", *args, data_dir=data_dir)


def one_line_error(result: CommandRun) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 1 and len(lines) == 1 and lines[0].startswith("error: "), (
        result.stderr
    )
    return lines[0]


def test_a_log_with_deviations_gives_json_csv_or_text_and_exits_3(tmp_path: Path):
    as_json = audit(str(EVENTS), "--mapping", str(MAPPING), "--format", "json", data_dir=tmp_path)
    assert as_json.returncode == 3, as_json.stderr
    report = json.loads(as_json.stdout)
    assert report["report"] == "case_conformance" and report["framework"]["version"]
    assert report["summary"] == {
        "key": "cases",
        "cases": 4,
        "conforming": 1,
        "with_deviations": 3,
        "deviations": 5,
        "conformance_rate": 0.25,
        "cases_without_jurisdiction": 4,
        "jurisdiction_caveat": report["summary"]["jurisdiction_caveat"],
    }
    assert (
        "judged against the touchpoints that apply in England"
        in (report["summary"]["jurisdiction_caveat"])
    )
    assert report["source"]["name"] == "events.csv" and report["source"]["ignored"] == 1
    assert report["drill_down"]["type:review_late"] == ["P-1002"]
    first = report["cases"][0]["deviations"][0]
    assert set(first) >= {"type", "stage", "touchpoint", "date", "message"}

    as_csv = audit(str(XES), "--mapping", str(MAPPING), "--format", "csv", data_dir=tmp_path)
    assert as_csv.returncode == 3
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(rows) == 5 and {r["framework_version"] for r in rows} == {
        report["framework"]["version"]
    }
    assert [r["message"] for r in rows] == [
        d["message"] for case in report["cases"] for d in case["deviations"]
    ]

    as_text = audit(str(EVENTS), "--mapping", str(MAPPING), data_dir=tmp_path)
    assert as_text.returncode == 3
    assert f"version {report['framework']['version']}" in as_text.stdout.splitlines()[0]
    assert "Support plan agreed on 3 May 2026 with no risk assessment recorded." in as_text.stdout
    assert "No case had a jurisdiction recorded" in as_text.stdout


def test_skipped_rows_are_listed_and_exit_4_and_a_conforming_log_exits_0(tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text("case_id,activity,timestamp\nc1,ST0,2026-01-01\nc1,Coffee,2026-01-02\n")
    as_text = audit(str(bad), data_dir=tmp_path)
    assert as_text.returncode == 4
    assert "line 3: activity 'Coffee' is not a framework id (give a mapping)" in as_text.stdout
    as_json = audit(str(bad), "--format", "json", data_dir=tmp_path)
    assert as_json.returncode == 4
    assert json.loads(as_json.stdout)["source"]["skipped"][0]["line"] == 3
    assert as_json.stderr.startswith("warning: 1 rows skipped")

    good = tmp_path / "good.csv"
    good.write_text("case_id,activity,timestamp\nc1,ST0,2026-01-01\nc1,TP01,2026-01-02\n")
    assert audit(str(good), data_dir=tmp_path).returncode == 0


def test_input_that_cannot_be_audited_fails_with_one_line(tmp_path: Path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert "empty" in one_line_error(audit(str(empty), data_dir=tmp_path))
    wrong = tmp_path / "mapping.csv"
    wrong.write_text("local_activity,framework_id\nFirst contact,ST99\n")
    assert "line 2: 'ST99' is not an id" in one_line_error(
        audit(str(EVENTS), "--mapping", str(wrong), data_dir=tmp_path)
    )


def usage_error(result: CommandRun) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2 and len(lines) == 1 and lines[0].startswith("error: "), (
        result.stderr
    )
    return lines[0]


def test_options_used_wrongly_exit_2_naming_the_option_and_the_value(tmp_path: Path):
    assert "--from-app" in usage_error(audit(str(EVENTS), "--from-app", data_dir=tmp_path))
    as_of = usage_error(audit(str(EVENTS), "--as-of", "soon", data_dir=tmp_path))
    assert "--as-of" in as_of and "'soon'" in as_of
    fmt = usage_error(audit(str(EVENTS), "--format", "xml", data_dir=tmp_path))
    assert "--format" in fmt and "'xml'" in fmt and "Traceback" not in fmt


def test_the_journeys_recorded_in_the_app_can_be_audited(tmp_path: Path):
    loaded = run_command("demo", data_dir=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    result = audit("--from-app", "--format", "json", "--no-drill-down", data_dir=tmp_path)
    assert result.returncode == 3, result.stderr
    report = json.loads(result.stdout)
    assert report["source"]["format"] == "app" and report["summary"]["cases"] == len(DEMO_PEOPLE)
    assert "drill_down" not in report
