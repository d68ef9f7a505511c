"""The audits say whose placement each touchpoint is and can judge one origin only (issue 13,
law review row 12): placements marked as our synthesis are ours, not the framework's text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.ui import shown
from tests.ui.test_pages import go

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def test_the_case_audit_says_synthesis_placements_are_ours_and_labels_each_touchpoint(
    signed_in: Callable[[str], AppTest],
):
    at = click(go(signed_in("lead"), "case_audit"), "case_run")
    assert not shown.errors(at), shown.errors(at)
    text = shown.all_text(at)
    assert "Placements marked as our synthesis are ours" in text
    by_touchpoint = next(d.value for d in at.dataframe if "Whose placement" in d.value.columns)
    assert set(by_touchpoint["Whose placement"]) == {"our synthesis, not the framework's text"}


def test_a_case_audit_expecting_only_the_framework_s_own_text_expects_no_touchpoint(
    signed_in: Callable[[str], AppTest],
):
    at = go(signed_in("lead"), "case_audit")
    at.selectbox(key="case_origin").set_value("framework_text")
    click(at, "case_run")
    assert not shown.errors(at), shown.errors(at)
    assert "Only placements that are the framework's own text were expected." in shown.all_text(at)


def test_a_process_compared_on_the_framework_s_own_text_only_judges_no_placement(
    signed_in: Callable[[str], AppTest],
):
    at = go(signed_in("lead"), "process_audit")
    at.selectbox(key="process_origin").set_value("framework_text")
    path = EXAMPLES / "local-process.yaml"
    at.file_uploader(key="process_file").set_value((path.name, path.read_bytes(), "text/yaml"))
    click(at, "process_compare")
    assert not shown.errors(at), shown.errors(at)
    text = shown.all_text(at)
    assert "Coverage 100%: 0 of 0 touchpoint placements are covered" in text
    assert "Only placements that are the framework's own text were judged." in text


def test_a_process_compared_on_every_placement_labels_each_as_our_synthesis(
    signed_in: Callable[[str], AppTest],
):
    at = go(signed_in("lead"), "process_audit")
    path = EXAMPLES / "local-process.yaml"
    at.file_uploader(key="process_file").set_value((path.name, path.read_bytes(), "text/yaml"))
    click(at, "process_compare")
    table = next(d.value for d in at.dataframe if "Whose placement" in d.value.columns)
    placements = table[table["Status"] != "local extra"]
    assert set(placements["Whose placement"]) == {"our synthesis, not the framework's text"}
    assert "Placements marked as our synthesis are ours" in shown.all_text(at)
