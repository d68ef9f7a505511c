"""The `risk-app` command, run as a user would, on a fresh SQLite data directory."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from framework import BUNDLED_FRAMEWORK
from tests.command_line import CommandRun
from tests.command_line import run_command as cli


def one_line_error(result: CommandRun) -> str:
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr
    assert lines[0].startswith("error: ")
    return result.stderr


def test_init_demo_and_users_work_from_a_fresh_data_directory(tmp_path: Path):
    assert cli("init", data_dir=tmp_path).returncode == 0
    assert (tmp_path / "risk-app.sqlite3").exists()
    assert "Demo organisation loaded" in cli("demo", data_dir=tmp_path).stdout
    assert "not loaded again" in cli("demo", data_dir=tmp_path).stdout
    added = cli(
        "users",
        "add",
        "new.lead",
        "--role",
        "safeguarding_lead",
        "--name",
        "New Lead",
        data_dir=tmp_path,
        env={"RISK_APP_NEW_PASSWORD": "a long enough password"},
    )
    assert added.returncode == 0, added.stderr
    listing = cli("users", "list", data_dir=tmp_path).stdout
    assert "new.lead\tsafeguarding_lead" in listing
    assert cli("users", "disable", "new.lead", data_dir=tmp_path).returncode == 0
    assert (
        "new.lead\tsafeguarding_lead\t-\tdisabled" in cli("users", "list", data_dir=tmp_path).stdout
    )
    from risk_app.adapters.migrate import head_revision

    assert (
        f"revision {head_revision()} (newest {head_revision()})"
        in cli("db", "upgrade", data_dir=tmp_path).stdout
    )


def test_audit_log_verify_and_backup(tmp_path: Path):
    cli("demo", data_dir=tmp_path)
    verified = cli("audit-log", "verify", data_dir=tmp_path)
    assert verified.returncode == 0 and "intact" in verified.stdout
    target = tmp_path / "copy.sqlite3"
    backed_up = cli("backup", str(target), data_dir=tmp_path)
    assert backed_up.returncode == 0, backed_up.stderr
    assert "integrity ok" in backed_up.stdout and "intact" in backed_up.stdout
    assert "already exists" in one_line_error(cli("backup", str(target), data_dir=tmp_path))


def test_a_tampered_audit_log_fails_verification_with_the_position(tmp_path: Path):
    import sqlite3

    cli("demo", data_dir=tmp_path)
    db = sqlite3.connect(tmp_path / "risk-app.sqlite3")
    db.execute("DROP TRIGGER audit_events_no_update")
    db.execute("UPDATE audit_events SET actor = 'mallory' WHERE seq = 3")
    db.commit()
    db.close()
    result = cli("audit-log", "verify", data_dir=tmp_path)
    assert result.returncode == 1
    assert "TAMPERED at event 3" in result.stderr


def test_framework_check_accepts_the_bundled_file_and_reports_a_broken_one(tmp_path: Path):
    ok = cli("framework", "check", data_dir=tmp_path)
    assert ok.returncode == 0 and ok.stdout.startswith("OK:")
    broken = tmp_path / "broken.yaml"
    broken.write_text(BUNDLED_FRAMEWORK.read_text().replace("target: TP07", "target: TP99", 1))
    message = one_line_error(cli("framework", "check", str(broken), data_dir=tmp_path))
    assert "broken.yaml" in message and "TP99" in message
    garbage = tmp_path / "garbage.yaml"
    garbage.write_bytes(b"\x00\xff\xfe not yaml")
    assert "garbage.yaml" in one_line_error(
        cli("framework", "check", str(garbage), data_dir=tmp_path)
    )
    assert "missing.yaml" in one_line_error(
        cli("framework", "check", str(tmp_path / "missing.yaml"), data_dir=tmp_path)
    )


@pytest.mark.parametrize("fmt", ["json", "graphml", "mermaid"])
def test_framework_export_writes_each_format(tmp_path: Path, fmt: str):
    result = cli("framework", "export", "--format", fmt, data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    if fmt == "json":
        data = json.loads(result.stdout)
        assert set(data) == {
            "version",
            "title",
            "published",
            "description",
            "caveat",
            "references",
            "nodes",
            "links",
        }
        assert all({"id", "kind", "title"} <= set(r) for r in data["references"])
        assert all({"id", "type", "label", "provenance"} <= set(n) for n in data["nodes"])
        assert all("origin" in n["provenance"] for n in data["nodes"])
        assert all(
            {"source", "target", "type", "provenance"} <= set(link) for link in data["links"]
        )
    elif fmt == "graphml":
        path = tmp_path / "f.graphml"
        path.write_text(result.stdout)
        assert nx.read_graphml(path).number_of_nodes() > 100
    else:
        assert result.stdout.startswith("flowchart")


def test_bad_arguments_and_bad_settings_give_one_clear_line(tmp_path: Path):
    assert "error:" in one_line_error(
        cli("users", "add", "x", "--role", "wizard", "--name", "X", data_dir=tmp_path)
    )
    weak = cli(
        "users",
        "add",
        "someone",
        "--role",
        "administrator",
        "--name",
        "S",
        data_dir=tmp_path,
        env={"RISK_APP_NEW_PASSWORD": "short"},
    )
    assert "at least 12" in one_line_error(weak)
    bad_timeout = cli("init", data_dir=tmp_path, env={"RISK_APP_IDLE_TIMEOUT_MINUTES": "soon"})
    assert "whole number" in one_line_error(bad_timeout)
    assert "Port must be" in one_line_error(cli("run", "--port", "0", data_dir=tmp_path))


def test_an_unreachable_database_gives_one_clear_line(tmp_path: Path):
    result = cli(
        "init",
        data_dir=tmp_path,
        env={
            "RISK_APP_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"
        },
    )
    assert "cannot be reached" in one_line_error(result)


def test_audit_process_reports_the_example_process_as_json_with_gaps_and_refuses_a_bad_file(
    tmp_path: Path,
):
    example = Path(__file__).resolve().parents[3] / "docs" / "examples" / "local-process.yaml"
    result = cli("audit", "process", str(example), "--format", "json", data_dir=tmp_path)
    assert result.returncode == 3, result.stderr
    report = json.loads(result.stdout)
    assert report["framework"]["version"]
    broken = tmp_path / "broken.yaml"
    broken.write_text("stages: [\n", encoding="utf-8")
    bad = cli("audit", "process", str(broken), data_dir=tmp_path)
    assert bad.returncode == 1
    assert "Traceback" not in bad.stdout + bad.stderr
