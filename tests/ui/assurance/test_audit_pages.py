"""The safeguarding lead's audit pages through AppTest: the case audit (recorded journeys and
imported logs) and process alignment (files and the table editor), over the demo organisation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from risk_app.ui.assurance import audit_charts
from tests.ui import shown
from tests.ui.test_pages import go

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "docs" / "examples"


def page_text(at: AppTest) -> str:
    return shown.all_text(at)


def upload(at: AppTest, key: str, path: Path, name: str | None = None, data: bytes | None = None):
    content = data if data is not None else path.read_bytes()
    at.file_uploader(key=key).set_value((name or path.name, content, "text/csv"))
    return at


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


# --------------------------------------------------------------------------- case audit
def test_the_lead_audits_recorded_journeys_and_sees_stage_coverage_with_a_table_alternative(
    signed_in: Callable[[str], AppTest],
):
    at = click(go(signed_in("lead"), "case_audit"), "case_run")
    assert not shown.errors(at), shown.errors(at)
    assert "Results" in [h.value for h in at.header]
    assert len(at.get("plotly_chart")) == 3, "stage, type and month charts"
    stage_table = at.dataframe[0].value
    assert "Cases that reached it" in stage_table.columns
    assert "Source: journeys recorded in the app" in page_text(at)


def test_an_imported_log_with_a_mapping_is_audited_and_the_cases_behind_a_figure_are_listed(
    signed_in: Callable[[str], AppTest],
):
    at = go(signed_in("lead"), "case_audit")
    at.radio(key="case_source").set_value("file").run()
    upload(at, "case_events", EXAMPLES / "events.csv")
    upload(at, "case_mapping", EXAMPLES / "mapping.csv")
    click(at, "case_run")
    assert not shown.errors(at), shown.errors(at)
    drill = at.selectbox(key="case_drill")
    assert drill.value == "cases:deviating"
    cases = at.dataframe[-1].value
    assert len(cases) > 0
    assert cases["Findings"].str.len().min() > 20, "each case says what was found, in words"
    # Choose a stage's deviating cases, as a click on its bar would.
    labels = list(drill.options)
    index = next(i for i, label in enumerate(labels) if ": deviations there" in label)
    drill.select_index(index).run()
    assert not at.exception, at.exception
    key = at.selectbox(key="case_drill").value
    assert key.startswith("stage:") and key.endswith(":deviating")
    assert 0 < len(at.dataframe[-1].value) <= len(cases)


def test_a_file_that_is_not_an_event_log_is_refused_with_a_reason_and_nothing_is_audited(
    signed_in: Callable[[str], AppTest],
):
    at = go(signed_in("lead"), "case_audit")
    at.radio(key="case_source").set_value("file").run()
    upload(at, "case_events", EXAMPLES / "events.csv", "x.csv", b"name,age\n<b>Ann</b>,3\n")
    click(at, "case_run")
    assert shown.errors(at), "a clear message"
    assert "Results" not in [h.value for h in at.header]


def test_bad_rows_are_listed_with_their_line_numbers(signed_in: Callable[[str], AppTest]):
    log = (
        b"case_id,activity,timestamp\n"
        b"c1,ST0,2026-01-05\n"
        b"c1,TP01,not a date\n"
        b"c1,Made-up activity,2026-01-06\n"
    )
    at = go(signed_in("lead"), "case_audit")
    at.radio(key="case_source").set_value("file").run()
    upload(at, "case_events", EXAMPLES / "events.csv", "bad.csv", log)
    click(at, "case_run")
    skipped = next(d.value for d in at.dataframe if "Line" in d.value.columns)
    assert list(skipped["Line"]) == [3, 4]
    assert "2 skipped" in page_text(at)


def test_a_bar_click_chooses_the_cases_behind_that_bar():
    points = [{"customdata": "type:missing_touchpoint", "x": 3}]
    assert audit_charts.drill_key_from_points(points) == "type:missing_touchpoint"
    assert audit_charts.drill_key_from_points([{"customdata": ["month:2026-05"]}]) == (
        "month:2026-05"
    )
    assert audit_charts.drill_key_from_points([]) is None


# --------------------------------------------------------------------------- process alignment
def test_an_uploaded_process_is_compared_and_the_overlay_has_a_table_alternative(
    signed_in: Callable[[str], AppTest],
):
    at = go(signed_in("lead"), "process_audit")
    upload(at, "process_file", EXAMPLES / "local-process.yaml")
    click(at, "process_compare")
    assert not shown.errors(at), shown.errors(at)
    assert at.get("plotly_chart"), "the overlay"
    table = next(d.value for d in at.dataframe if "Framework stage" in d.value.columns)
    assert {"covered", "missing", "misplaced", "local extra"} <= set(table["Status"])
    assert any("Coverage" in m for m in page_text(at).splitlines())


def test_a_malformed_process_file_lists_each_problem_where_it_is(
    signed_in: Callable[[str], AppTest],
):
    bad = b"stages:\n  - name: Front door\n    maps_to: ST99\n    implements: [TP7]\n"
    at = go(signed_in("lead"), "process_audit")
    upload(at, "process_file", EXAMPLES / "local-process.yaml", "mine.yaml", bad)
    click(at, "process_compare")
    assert shown.errors(at)
    problems = shown.tables(at)[0]
    assert any("line 3" in str(w) for w in problems["Where"])
    assert not at.get("plotly_chart")


def test_a_lead_without_files_types_the_process_into_the_table_and_compares_it(
    signed_in: Callable[[str], AppTest],
):
    at = go(signed_in("lead"), "process_audit")
    at.radio(key="process_how").set_value("table").run()
    assert not at.exception, at.exception
    click(at, "process_compare_table")
    assert not shown.errors(at), shown.errors(at)
    # The framework's own stages with nothing carried out: every placement is missing.
    table = next(d.value for d in at.dataframe if "Framework stage" in d.value.columns)
    assert set(table["Status"]) == {"missing"}


def test_a_file_opened_in_the_table_keeps_its_rows(signed_in: Callable[[str], AppTest]):
    at = go(signed_in("lead"), "process_audit")
    upload(at, "process_file", EXAMPLES / "local-process.csv")
    click(at, "process_to_table")
    at.radio(key="process_how").set_value("table").run()
    click(at, "process_compare_table")
    assert not shown.errors(at), shown.errors(at)
    table = next(d.value for d in at.dataframe if "Framework stage" in d.value.columns)
    assert "covered" in set(table["Status"])


def test_the_board_report_is_made_from_the_audits_run_in_the_session(
    signed_in: Callable[[str], AppTest],
):
    at = go(signed_in("lead"), "process_audit")
    assert "Run a case audit or a process alignment first" in page_text(at)
    upload(at, "process_file", EXAMPLES / "local-process.yaml")
    click(at, "process_compare")
    click(at, "process_board_make")
    assert not shown.errors(at), shown.errors(at)
    assert at.get("download_button")


def test_what_the_lead_typed_survives_a_look_at_the_file_option(
    signed_in: Callable[[str], AppTest],
):
    at = go(signed_in("lead"), "process_audit")
    at.radio(key="process_how").set_value("table").run()
    at.text_input(key="process_title").set_value("Northmoor pathway <b>draft</b>").run()
    at.radio(key="process_how").set_value("file").run()
    at.radio(key="process_how").set_value("table").run()
    assert at.text_input(key="process_title").value == "Northmoor pathway <b>draft</b>"
    click(at, "process_compare_table")
    assert "Northmoor pathway <b>draft</b>" in str(at.session_state["process_audit_result"])


def test_rows_edited_in_the_table_survive_a_look_at_the_file_option_and_are_compared(
    signed_in: Callable[[str], AppTest],
):
    at = go(signed_in("lead"), "process_audit")
    at.radio(key="process_how").set_value("table").run()
    editor = f"process_editor_{at.session_state['process_editor_generation']}"
    # The edits as the browser sends them: a renamed stage and a row added at the bottom.
    at.session_state[editor] = {
        "edited_rows": {0: {"local_stage": "Front door", "implements": "TP01"}},
        "added_rows": [{"local_stage": "Carers' check-in", "maps_to": "none"}],
        "deleted_rows": [],
    }
    at.run()
    at.radio(key="process_how").set_value("file").run()
    at.radio(key="process_how").set_value("table").run()
    at.run()  # a further run must not apply the edits twice
    click(at, "process_compare_table")
    assert not shown.errors(at), shown.errors(at)
    report = at.session_state["process_audit_result"]
    assert report.stages[0].local_stages == ("Front door",)
    assert report.stages[0].placements[0].status.value == "covered"
    assert [o.name for o in report.outside_framework] == ["Carers' check-in"]
