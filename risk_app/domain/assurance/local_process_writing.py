"""Writing a local process back out: as table rows, CSV or YAML, and the rows a new one starts from.

The shapes are those :mod:`risk_app.domain.assurance.local_process_reading` reads, so what is
written reads back as the same process.
"""

from __future__ import annotations

import csv
import io

import yaml

from framework import FrameworkGraph
from risk_app.domain.assurance.local_process import PROCESS_CSV_COLUMNS, LocalProcess
from risk_app.domain.text import spreadsheet_safe


def process_to_rows(process: LocalProcess) -> list[dict[str, str]]:
    """The process as table rows (the CSV shape): one row per implemented item.

    A local stage that implements nothing still gets one row, so no stage is lost.
    """
    rows: list[dict[str, str]] = []
    for stage in process.stages:
        base = {"local_stage": stage.name, "maps_to": stage.maps_to or "none"}
        items = [{"implements": tp, "local_check": ""} for tp in stage.implements]
        items += [{"implements": "", "local_check": check} for check in stage.local_checks]
        for item in items or [{"implements": "", "local_check": ""}]:
            rows.append({**base, **item})
    return rows


def process_to_csv(process: LocalProcess) -> str:
    """The process as CSV text with a header row (UTF-8 when encoded; no BOM added)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=PROCESS_CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(
        {key: spreadsheet_safe(value) for key, value in row.items()}
        for row in process_to_rows(process)
    )
    return buffer.getvalue()


def process_to_yaml(process: LocalProcess) -> str:
    """The process as YAML text in the documented shape."""
    data: dict[str, object] = {"title": process.title}
    if process.organisation:
        data["organisation"] = process.organisation
    if process.framework_version:
        data["framework_version"] = process.framework_version
    if process.jurisdiction:
        data["jurisdiction"] = process.jurisdiction
    stages: list[dict[str, object]] = []
    for stage in process.stages:
        entry: dict[str, object] = {"name": stage.name, "maps_to": stage.maps_to or "none"}
        if stage.implements:
            entry["implements"] = list(stage.implements)
        if stage.local_checks:
            entry["local_checks"] = list(stage.local_checks)
        stages.append(entry)
    data["stages"] = stages
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def starter_rows(graph: FrameworkGraph) -> list[dict[str, str]]:
    """Rows to start the on-screen editor from: one local stage per framework stage, nothing
    implemented yet, named after the framework stage. The lead renames and fills them in."""
    return [
        {"local_stage": stage.label, "maps_to": stage.id, "implements": "", "local_check": ""}
        for stage in graph.stages()
    ]
