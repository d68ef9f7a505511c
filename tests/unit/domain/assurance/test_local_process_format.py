"""Reading a council's local process from YAML, CSV and on-screen table rows, and every way it can
be wrong: each problem is reported at its line or row, all together, never as a traceback."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from framework import FrameworkGraph, load_framework
from risk_app.domain.assurance.local_process import (
    MAX_STAGES,
    LocalProcess,
    LocalProcessError,
    LocalStage,
    ProcessProblem,
)
from risk_app.domain.assurance.local_process_reading import (
    parse_process_csv,
    parse_process_yaml,
    process_from_rows,
)
from risk_app.domain.assurance.local_process_writing import (
    process_to_csv,
    process_to_rows,
    process_to_yaml,
    starter_rows,
)

EXAMPLES = Path(__file__).resolve().parents[4] / "docs" / "examples"


@pytest.fixture(scope="module")
def graph() -> FrameworkGraph:
    return load_framework()


def problems(exc: pytest.ExceptionInfo[LocalProcessError]) -> list[ProcessProblem]:
    return list(exc.value.problems)


def yaml_problems(text: str, graph: FrameworkGraph) -> list[ProcessProblem]:
    with pytest.raises(LocalProcessError) as caught:
        parse_process_yaml(text, "process.yaml", graph)
    return problems(caught)


def csv_problems(text: str, graph: FrameworkGraph) -> list[ProcessProblem]:
    with pytest.raises(LocalProcessError) as caught:
        parse_process_csv(text, "process.csv", graph)
    return problems(caught)


# --------------------------------------------------------------------------- the examples


def test_the_yaml_and_csv_examples_describe_the_same_process(graph: FrameworkGraph) -> None:
    from_yaml = parse_process_yaml(
        (EXAMPLES / "local-process.yaml").read_text(encoding="utf-8"), "local-process.yaml", graph
    )
    from_csv = parse_process_csv(
        (EXAMPLES / "local-process.csv").read_text(encoding="utf-8"), "local-process.csv", graph
    )
    assert from_yaml.stages == from_csv.stages
    assert from_yaml.organisation == "Northmoor Council"
    assert from_yaml.framework_version == "2026.11.0"
    assert from_csv.title == "Local process"
    assert [s.maps_to for s in from_yaml.stages][-1] is None


def test_a_yaml_process_keeps_stages_in_order_with_what_each_implements(
    graph: FrameworkGraph,
) -> None:
    process = parse_process_yaml(
        "title: Test council\n"
        "stages:\n"
        "  - name: Front door\n"
        "    maps_to: st0\n"
        "    implements: [tp01, TP11]\n"
        "  - name: '  Carers   check-in '\n"
        "    maps_to: none\n"
        "    local_checks: [Wellbeing call]\n",
        "p.yaml",
        graph,
    )
    assert process.title == "Test council"
    assert process.stages == (
        LocalStage(name="Front door", maps_to="ST0", implements=("TP01", "TP11")),
        LocalStage(name="Carers check-in", maps_to=None, local_checks=("Wellbeing call",)),
    )
    assert process.stages_mapped_to("ST0")[0].name == "Front door"


def test_a_yaml_process_without_a_title_is_named_after_its_file(graph: FrameworkGraph) -> None:
    process = parse_process_yaml(
        "stages:\n  - {name: A, maps_to: ST0}\n", "north_moor-process.yml", graph
    )
    assert process.title == "North moor process"


# --------------------------------------------------------------------------- YAML problems


def test_an_empty_or_blank_file_is_reported_as_empty(graph: FrameworkGraph) -> None:
    for text in ("", "  \n\n"):
        assert [p.message for p in yaml_problems(text, graph)] == ["the file is empty"]
        assert [p.message for p in csv_problems(text, graph)] == ["the file is empty"]


def test_broken_yaml_is_reported_at_its_line(graph: FrameworkGraph) -> None:
    found = yaml_problems("title: x\nstages:\n  - name: [unclosed\n", graph)
    assert len(found) == 1
    assert found[0].message.startswith("the file is not valid YAML")
    assert found[0].line is not None and found[0].line >= 3


def test_a_top_level_list_is_explained(graph: FrameworkGraph) -> None:
    found = yaml_problems("- name: A\n  maps_to: ST0\n", graph)
    assert "top level must be a mapping" in found[0].message
    assert found[0].line == 1


def test_every_problem_in_a_yaml_file_is_reported_with_its_line(graph: FrameworkGraph) -> None:
    text = (
        "title: Test\n"  # 1
        "colour: blue\n"  # 2
        "stages:\n"  # 3
        "  - name: Front door\n"  # 4
        "    maps_to: ST12\n"  # 5
        "    implements: [TP01, TP7, TP01, ST3]\n"  # 6
        "  - name: Assessment\n"  # 7
        "    maps_to: TP02\n"  # 8
        "  - name: front  DOOR\n"  # 9
        "    maps_to: ST1\n"  # 10
        "  - name: Review\n"  # 11
        "    implements: [TP18]\n"  # 12
        "  - name: Planning\n"  # 13
        "    maps_to: ST3\n"  # 14
        "    owner: Fred\n"  # 15
        "    implements: [TP99]\n"  # 16
    )
    found = yaml_problems(text, graph)
    by_line = {(p.line, p.message) for p in found}
    messages = "\n".join(str(p) for p in found)
    assert any(line == 2 and "unknown field 'colour'" in m for line, m in by_line), messages
    assert any(line == 5 and "'ST12', which is not a stage" in m for line, m in by_line)
    assert any(line == 6 and "'TP7'" in m and "Did you mean TP07?" in m for line, m in by_line)
    assert any(line == 6 and "lists TP01 twice" in m for line, m in by_line)
    assert any(line == 6 and "ST3" in m and "not a touchpoint" in m for line, m in by_line)
    assert any(line == 8 and "which is a touchpoint, not a stage" in m for line, m in by_line)
    assert any(line == 9 and "listed twice (first at line 4)" in m for line, m in by_line)
    assert any(line == 11 and "has no 'maps_to'" in m for line, m in by_line)
    assert any(line == 15 and "unknown field 'owner'" in m for line, m in by_line)
    assert any(line == 16 and "'TP99'" in m and "local checks" in m for line, m in by_line)
    assert len(found) == 10, messages
    assert all(p.source == "process.yaml" for p in found)


def test_a_repeated_yaml_key_is_an_error_not_silently_overwritten(graph: FrameworkGraph) -> None:
    found = yaml_problems("stages:\n  - name: A\n    maps_to: ST0\n    maps_to: ST1\n", graph)
    assert [(p.line, p.message) for p in found] == [(4, "'maps_to' appears twice in stage 1")]


def test_a_process_must_list_at_least_one_stage(graph: FrameworkGraph) -> None:
    assert "the 'stages' list is missing" in yaml_problems("title: x\n", graph)[0].message
    assert "at least one local stage" in yaml_problems("stages: []\n", graph)[0].message


def test_a_stage_that_is_not_a_mapping_or_has_no_name_is_reported(graph: FrameworkGraph) -> None:
    found = yaml_problems("stages:\n  - Front door\n  - maps_to: ST0\n", graph)
    assert [(p.line, p.message) for p in found] == [
        (2, "stage 1 must be a mapping with name and maps_to"),
        (3, "stage 2 has no 'name'"),
    ]


def test_too_many_stages_are_refused(graph: FrameworkGraph) -> None:
    rows = [{"local_stage": f"S{i}", "maps_to": "none"} for i in range(MAX_STAGES + 1)]
    with pytest.raises(LocalProcessError) as caught:
        process_from_rows(rows, graph)
    assert f"the limit is {MAX_STAGES}" in str(caught.value)


# --------------------------------------------------------------------------- CSV


def test_a_csv_process_groups_rows_by_local_stage(graph: FrameworkGraph) -> None:
    text = (
        "Local stage,Maps to,Implements,Local check\n"
        "Front door,ST0,TP01,\n"
        "Assessment,ST1,TP02,\n"
        "front door,st0,tp11,Fire safety referral\n"
        ",,,\n"
        "Carers,none,,\n"
    )
    process = parse_process_csv(text, "process.csv", graph)
    assert process.stages == (
        LocalStage(
            name="Front door",
            maps_to="ST0",
            implements=("TP01", "TP11"),
            local_checks=("Fire safety referral",),
        ),
        LocalStage(name="Assessment", maps_to="ST1", implements=("TP02",)),
        LocalStage(name="Carers", maps_to=None),
    )


def test_a_downloaded_csv_cannot_run_as_a_spreadsheet_formula_and_reads_back_as_typed(
    graph: FrameworkGraph,
) -> None:
    process = LocalProcess(
        title="Formulas",
        source="typed",
        stages=(
            LocalStage(
                name='=HYPERLINK("http://x")',
                maps_to="ST0",
                implements=("TP01",),
                local_checks=("-1+1 check", "@SUM(A1)"),
            ),
        ),
    )
    text = process_to_csv(process)
    assert "'=HYPERLINK" in text and "'-1+1 check" in text and "'@SUM(A1)" in text
    again = parse_process_csv(text, "formulas.csv", graph)
    assert again.stages == process.stages


def test_a_csv_saved_by_a_european_spreadsheet_with_semicolons_is_read(
    graph: FrameworkGraph,
) -> None:
    text = 'local_stage;maps_to;implements\r\n"Front door; duty";ST0;TP01\r\n'
    process = parse_process_csv(text, "process.csv", graph)
    assert process.stages[0].name == "Front door; duty"


def test_csv_problems_name_the_spreadsheet_row(graph: FrameworkGraph) -> None:
    text = (
        "local_stage,maps_to,implements\n"  # row 1
        "Front door,ST0,TP01\n"  # row 2
        "Front door,ST1,TP11\n"  # row 3
        ",ST2,TP06\n"  # row 4
        "Planning,ST3,TP7\n"  # row 5
        "Planning,ST3,TP08,extra,cells\n"  # row 6
        "Planning,ST3,TP08\n"  # row 7
        "Planning,ST3,TP08\n"  # row 8
    )
    found = csv_problems(text, graph)
    got = [(p.row, p.message.split(";")[0].split(",")[0]) for p in found]
    assert [row for row, _ in got] == [6, 3, 4, 5, 8], "\n".join(map(str, found))
    assert "maps to ST0 on row 2 but to ST1 here" in found[1].message
    assert "'local_stage' is empty" in found[2].message
    assert "Did you mean TP07?" in found[3].message
    assert "lists TP08 twice" in found[4].message
    assert str(found[0]).startswith("process.csv, row 6: this row has 5 cells")


def test_a_csv_header_with_unknown_or_missing_columns_is_explained(graph: FrameworkGraph) -> None:
    found = csv_problems("stage,framework stage,implements,implements\nA,ST0,TP01,\n", graph)
    messages = [p.message for p in found]
    assert all(p.row == 1 for p in found)
    assert "unknown column 'stage'" in messages[0]
    assert "unknown column 'framework_stage'" in messages[1]
    assert any("no 'local_stage' column" in m for m in messages)
    assert any("no 'maps_to' column" in m for m in messages)
    assert any("'implements' appears twice" in m for m in messages)


def test_a_csv_with_only_a_header_has_no_stages(graph: FrameworkGraph) -> None:
    found = csv_problems("local_stage,maps_to\n", graph)
    assert "there are no local stages" in found[0].message


def test_an_unterminated_quote_in_a_csv_is_reported_not_raised(graph: FrameworkGraph) -> None:
    found = csv_problems('local_stage,maps_to\n"Front door,ST0\n', graph)
    assert found[0].message.startswith("the file is not valid CSV")


# --------------------------------------------------------------------------- table rows


def test_table_rows_treat_none_and_nan_as_blank_and_skip_blank_rows(
    graph: FrameworkGraph,
) -> None:
    rows: list[dict[str, object]] = [
        {"local_stage": "Front door", "maps_to": "ST0", "implements": "TP01", "local_check": None},
        {"local_stage": None, "maps_to": math.nan, "implements": None, "local_check": math.nan},
        {"local_stage": "Review", "maps_to": "ST8", "implements": math.nan},
    ]
    process = process_from_rows(rows, graph, title=" My  council ", organisation="Moor")
    assert [s.name for s in process.stages] == ["Front door", "Review"]
    assert process.title == "My council"
    assert process.source == "table"
    assert process.organisation == "Moor"


def test_table_problems_count_rows_from_one(graph: FrameworkGraph) -> None:
    with pytest.raises(LocalProcessError) as caught:
        process_from_rows(
            [{"local_stage": "A", "maps_to": "ST0"}, {"local_stage": "B", "maps_to": "ST99"}],
            graph,
        )
    assert [p.row for p in caught.value.problems] == [2]
    assert str(caught.value.problems[0]).startswith("table, row 2: local stage 'B' maps to 'ST99'")
    assert "  - row 2: local stage 'B'" in str(caught.value)


def test_the_starter_rows_name_one_local_stage_per_framework_stage(graph: FrameworkGraph) -> None:
    rows = starter_rows(graph)
    assert [r["maps_to"] for r in rows] == [s.id for s in graph.stages()]
    process = process_from_rows(rows, graph)
    assert len(process.stages) == len(graph.stages())


# --------------------------------------------------------------------------- writing back


@pytest.fixture(scope="module")
def example(graph: FrameworkGraph) -> LocalProcess:
    text = (EXAMPLES / "local-process.yaml").read_text(encoding="utf-8")
    return parse_process_yaml(text, "local-process.yaml", graph)


def test_a_process_survives_a_round_trip_through_rows_csv_and_yaml(
    graph: FrameworkGraph, example: LocalProcess
) -> None:
    via_rows = process_from_rows(process_to_rows(example), graph)
    via_csv = parse_process_csv(process_to_csv(example), "x.csv", graph)
    via_yaml = parse_process_yaml(process_to_yaml(example), example.source, graph)
    assert via_rows.stages == via_csv.stages == example.stages
    assert via_yaml == example


def test_a_local_stage_that_implements_nothing_keeps_one_row(graph: FrameworkGraph) -> None:
    process = process_from_rows([{"local_stage": "Waiting list", "maps_to": "ST0"}], graph)
    assert process_to_rows(process) == [
        {"local_stage": "Waiting list", "maps_to": "ST0", "implements": "", "local_check": ""}
    ]


def test_a_problem_reads_as_file_place_and_message() -> None:
    assert str(ProcessProblem("p.yaml", "bad", line=3)) == "p.yaml, line 3: bad"
    assert str(ProcessProblem("p.csv", "bad", row=2)) == "p.csv, row 2: bad"
    assert str(ProcessProblem("p.csv", "bad")) == "p.csv: bad"
    with pytest.raises(ValueError):
        LocalProcessError([])
