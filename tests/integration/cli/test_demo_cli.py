"""`risk-app demo` as `make run` uses it: loaded once (a second run changes nothing), and its
records reach the exports (Tomasz's consent-to-share answer is the FHIR bundle's Consent)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.command_line import run_command as cli


def test_the_demo_loads_once_and_its_consent_to_share_is_in_the_fhir_export(tmp_path: Path):
    assert cli("init", data_dir=tmp_path).returncode == 0
    loaded = cli("demo", data_dir=tmp_path)
    assert loaded.returncode == 0 and "Demo organisation loaded" in loaded.stdout
    listed = cli("people", "list", data_dir=tmp_path).stdout
    [tomasz] = [line.split("\t")[0] for line in listed.splitlines() if "Tomasz Nowak" in line]
    before = cli("export", "json", "--person", tomasz, data_dir=tmp_path)
    assert before.returncode == 0, before.stderr
    again = cli("demo", data_dir=tmp_path)
    assert again.returncode == 0 and "not loaded again" in again.stdout
    assert cli("people", "list", data_dir=tmp_path).stdout == listed
    after = cli("export", "json", "--person", tomasz, data_dir=tmp_path)
    concerns = [_rows(r.stdout, "safeguarding_concerns") for r in (before, after)]
    assert concerns[0] == concerns[1] and len(concerns[0]) == 1
    bundle = json.loads(cli("export", "fhir", "--person", tomasz, data_dir=tmp_path).stdout)
    [consent] = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Consent"
    ]
    assert consent["status"] == "active"


def _rows(exported: str, table: str) -> list[dict[str, object]]:
    [section] = [s for s in json.loads(exported)["sections"] if s["table"] == table]
    return list(section["rows"])
