"""docs/law-review-findings.md names, for each finding of the law review, the tests that hold it:
every test it names must exist, and every WH and W finding must name at least one."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "law-review-findings.md"
NAMED = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")


def _tests_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}


def test_every_test_the_findings_document_names_exists():
    named = NAMED.findall(DOC.read_text(encoding="utf-8"))
    assert len(named) >= 30
    missing = [f"{p}::{t}" for p, t in named if t not in _tests_in(ROOT / p)]
    assert not missing, missing


def test_every_wrong_finding_names_a_test():
    rows = [line for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    graded = [row.split("|") for row in rows if row.split("|")[2].strip() in {"WH", "W"}]
    assert len(graded) == 10, "the review has ten WH or W findings"
    for cells in graded:
        assert NAMED.search(cells[-2]), cells[1]
