"""Local process alignment: set a council's own SDS process against the framework in use.

Nothing here reads or writes personal data; it is reference data judged against reference data.
Running an alignment is for the safeguarding lead (and the operator): a refusal is logged, and
each run is logged with its coverage counts. Every report records the framework version it was
judged against.

For the command line: :func:`run_process_audit`. For the app: :func:`audit_upload` (a file),
:func:`audit_rows` and :func:`check_rows` (the on-screen table editor), :func:`starter_rows`,
:func:`rows_from_upload`, :func:`editor_choices` and :func:`export_rows`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from framework import FrameworkGraph, Origin
from risk_app.adapters.db import Store
from risk_app.adapters.process_files import (
    ProcessFormat,
    decode_process_bytes,
    process_format,
    read_process_file,
)
from risk_app.domain import access
from risk_app.domain.access import Actor
from risk_app.domain.assurance import local_process_reading as reading
from risk_app.domain.assurance import local_process_writing as writing
from risk_app.domain.assurance.local_process import LocalProcess, LocalProcessError, ProcessProblem
from risk_app.domain.assurance.process_alignment import AlignmentReport, align, render_text
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.inputs import Code, ShortText
from risk_app.services import audit
from risk_app.services import framework as framework_service
from risk_app.services.boundary import checked

EXIT_ALIGNED = 0
"""The process covers every placement; nothing is missing or misplaced."""
EXIT_GAPS = 3
"""The report was made and shows at least one missing or misplaced touchpoint."""
EXIT_UNUSABLE = 1
"""No report: the file cannot be read or is not a valid local process, or the format is unknown."""

OUTPUT_FORMATS = ("json", "text")


def _graph(graph: FrameworkGraph | None) -> FrameworkGraph:
    return graph if graph is not None else framework_service.current()


@checked
def parse_process(
    text: str, fmt: ProcessFormat, source: str, graph: FrameworkGraph | None = None
) -> LocalProcess:
    """A local process from decoded text in a known format (LocalProcessError if not valid)."""
    if fmt == "csv":
        return reading.parse_process_csv(text, source, _graph(graph))
    return reading.parse_process_yaml(text, source, _graph(graph))


@checked
def load_upload(data: bytes, filename: str, graph: FrameworkGraph | None = None) -> LocalProcess:
    """A local process from uploaded bytes; the extension says YAML or CSV."""
    source = filename.replace("\\", "/").rsplit("/", 1)[-1] or "upload"
    fmt = process_format(source)
    return parse_process(decode_process_bytes(data, source), fmt, source, graph)


def _record(store: Store, by: Actor, report: AlignmentReport, source: str) -> AlignmentReport:
    c = report.coverage
    with store.write() as session:
        audit.record(
            session,
            by,
            AuditAction.VIEW,
            AuditObject.PROCESS_ALIGNMENT,
            source=source,
            framework_version=report.framework_version,
            placements=c.total,
            covered=c.covered,
            missing=c.missing,
            misplaced=c.misplaced,
        )
    return report


@checked
def audit_upload(
    store: Store,
    by: Actor,
    data: bytes,
    filename: str,
    graph: FrameworkGraph | None = None,
    *,
    origin: Origin | None = None,
) -> AlignmentReport:
    """Check an uploaded file and compare it with the framework (LocalProcessError if invalid;
    NotPermitted, logged, for anyone but the safeguarding lead and the operator). ``origin``
    judges only the placements of that origin (the framework's own text, our synthesis...)."""
    audit.require(store, by, access.can_audit_cases, AuditObject.PROCESS_ALIGNMENT)
    graph = _graph(graph)
    report = align(load_upload(data, filename, graph), graph, origin=origin)
    return _record(store, by, report, "file")


@checked
def audit_rows(
    store: Store,
    by: Actor,
    rows: Sequence[Mapping[str, object]],
    *,
    title: ShortText = "Local process",
    organisation: ShortText | None = None,
    graph: FrameworkGraph | None = None,
    origin: Origin | None = None,
) -> AlignmentReport:
    """Compare rows from the on-screen editor with the framework (LocalProcessError if invalid;
    NotPermitted, logged, for anyone but the safeguarding lead and the operator). ``origin``
    judges only the placements of that origin.

    Rows have the CSV columns (``local_stage``, ``maps_to``, ``implements``, ``local_check``), as
    ``st.data_editor`` returns them. Blank cells may be ``None`` or NaN.
    """
    audit.require(store, by, access.can_audit_cases, AuditObject.PROCESS_ALIGNMENT)
    graph = _graph(graph)
    process = reading.process_from_rows(rows, graph, title=title, organisation=organisation)
    return _record(store, by, align(process, graph, origin=origin), "table")


@checked
def check_rows(
    rows: Sequence[Mapping[str, object]], graph: FrameworkGraph | None = None
) -> list[ProcessProblem]:
    """Every problem in the editor's rows (empty when they make a valid process)."""
    try:
        reading.process_from_rows(rows, _graph(graph))
    except LocalProcessError as exc:
        return list(exc.problems)
    return []


@checked
def starter_rows(graph: FrameworkGraph | None = None) -> list[dict[str, str]]:
    """Rows to open the editor with: one local stage per framework stage, to rename and fill."""
    return writing.starter_rows(_graph(graph))


@checked
def rows_from_upload(
    data: bytes, filename: str, graph: FrameworkGraph | None = None
) -> list[dict[str, str]]:
    """Load a file into the editor (LocalProcessError if it is not valid)."""
    return writing.process_to_rows(load_upload(data, filename, graph))


@checked
def export_rows(
    rows: Sequence[Mapping[str, object]],
    fmt: Literal["yaml", "csv"],
    *,
    title: ShortText = "Local process",
    organisation: ShortText | None = None,
    graph: FrameworkGraph | None = None,
) -> str:
    """The editor's rows as a YAML or CSV file to download (LocalProcessError if invalid)."""
    process = reading.process_from_rows(rows, _graph(graph), title=title, organisation=organisation)
    return writing.process_to_csv(process) if fmt == "csv" else writing.process_to_yaml(process)


@checked
def editor_choices(graph: FrameworkGraph | None = None) -> dict[str, list[dict[str, str]]]:
    """Options for the editor's drop-downs: framework stages (plus ``none``) and touchpoints.

    ``{"maps_to": [{"id": "ST0", "label": "..."}, ..., {"id": "none", ...}],
    "implements": [{"id": "TP01", "label": "..."}, ...]}``
    """
    graph = _graph(graph)
    stages = [{"id": s.id, "label": s.label} for s in graph.stages()]
    stages.append({"id": "none", "label": "No framework stage (a local step)"})
    touchpoints = [{"id": t.id, "label": t.label} for t in graph.nodes("touchpoint")]
    return {"maps_to": stages, "implements": touchpoints}


def problems_json(problems: Sequence[ProcessProblem], graph: FrameworkGraph) -> dict[str, Any]:
    """The JSON shape of a file that could not be used."""
    return {
        "report": "process_alignment",
        "ok": False,
        "framework": {"version": graph.version, "title": graph.title},
        "problems": [p.to_json() for p in problems],
    }


@checked
def run_process_audit(path: Path, fmt: Code, store: Store | None = None) -> tuple[str, int]:
    """``risk-app audit process FILE --format json|text``: the output and the exit code.

    Judged against the framework in use: the version a safeguarding lead activated, read from
    ``store`` when one is given (the CLI's store), else the one this process holds (the packaged
    file unless the store was opened). Exit codes (as `audit cases`): 0 aligned, 3 gaps found
    (missing or misplaced touchpoints), 1 no report (the file cannot be read or is not valid, or ``fmt`` is
    unknown). The output ends with a newline.
    """
    if fmt not in OUTPUT_FORMATS:
        return f"error: unknown format {fmt!r}; use json or text\n", EXIT_UNUSABLE
    graph = framework_service.refresh(store) if store is not None else framework_service.current()
    try:
        text, file_format = read_process_file(path)
        process = parse_process(text, file_format, path.name or str(path), graph)
    except LocalProcessError as exc:
        if fmt == "json":
            output = json.dumps(problems_json(exc.problems, graph), indent=2, ensure_ascii=False)
        else:
            output = f"{exc}\n(checked against framework {graph.version})"
        return output + "\n", EXIT_UNUSABLE
    report = align(process, graph)
    code = EXIT_ALIGNED if report.aligned else EXIT_GAPS
    if fmt == "json":
        return json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n", code
    return render_text(report), code
