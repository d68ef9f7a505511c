"""Reading a local process from YAML, CSV or the on-screen table, checked against the framework.

All three shapes end in the same :class:`~risk_app.domain.assurance.local_process.LocalProcess`:

- YAML text (:func:`parse_process_yaml`), one entry per local stage;
- CSV text (:func:`parse_process_csv`), one row per local stage and implemented item;
- rows from an on-screen table (:func:`process_from_rows`), the same columns as the CSV.

Every problem is collected and raised together as
:class:`~risk_app.domain.assurance.local_process.LocalProcessError`, each with the line (YAML) or
row (CSV, table) it was found on. Identifiers are checked against the framework graph the process
will be judged against. The formats are described in ``docs/process-audit.md``.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import yaml

from framework import FrameworkGraph, NodeType
from framework.limits import LimitExceeded, check_yaml
from risk_app.domain.assurance.local_process import (
    MAX_NAME_LENGTH,
    MAX_STAGES,
    PROCESS_CSV_COLUMNS,
    LocalProcess,
    LocalProcessError,
    LocalStage,
    ProcessProblem,
)
from risk_app.domain.text import spreadsheet_unsafe

MAX_ROWS = 5_000
"""CSV files and tables with more rows than this are refused."""
REQUIRED_PROCESS_CSV_COLUMNS = ("local_stage", "maps_to")
YAML_KEYS = ("title", "organisation", "framework_version", "jurisdiction", "stages")
JURISDICTIONS = ("england", "scotland", "wales")
YAML_STAGE_KEYS = ("name", "maps_to", "implements", "local_checks")
NO_STAGE_WORDS = frozenset({"", "none", "-", "n/a", "null"})
"""What ``maps_to`` may say for a local stage with no framework counterpart (any case)."""


# --------------------------------------------------------------------------- drafts


@dataclass(frozen=True)
class _Where:
    line: int | None = None
    row: int | None = None


@dataclass
class _Draft:
    """A local stage as read, with where each part was found, before the framework checks."""

    name: str
    where: _Where
    maps_to: str | None
    maps_to_where: _Where
    implements: list[tuple[str, _Where]] = field(default_factory=list)
    local_checks: list[tuple[str, _Where]] = field(default_factory=list)


class _Problems:
    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[ProcessProblem] = []

    def add(self, message: str, where: _Where | None = None) -> None:
        where = where or _Where()
        self.items.append(ProcessProblem(self.source, message, where.line, where.row))

    def raise_if_any(self) -> None:
        if self.items:
            raise LocalProcessError(self.items)


def _clean(text: str) -> str:
    """Trim and collapse inner whitespace (names compare this way, ignoring case)."""
    return " ".join(text.split())


def _stage_key(name: str) -> str:
    return _clean(name).casefold()


def _maps_to_value(raw: str | None) -> str | None:
    if raw is None or raw.strip().lower() in NO_STAGE_WORDS:
        return None
    return raw.strip().upper()


# --------------------------------------------------------------------------- YAML


def parse_process_yaml(text: str, source: str, graph: FrameworkGraph) -> LocalProcess:
    """Read a local process from YAML text and check it against ``graph``."""
    problems = _Problems(source)
    if not text.strip():
        problems.add("the file is empty")
        problems.raise_if_any()
    root = _compose(text, problems)
    if not isinstance(root, yaml.MappingNode):
        found = "nothing" if root is None else _kind(root)
        problems.add(
            "the top level must be a mapping with 'title' and a 'stages' list "
            f"(found {found}); see docs/process-audit.md",
            _Where(line=root.start_mark.line + 1 if root is not None else None),
        )
        problems.raise_if_any()
    assert isinstance(root, yaml.MappingNode)
    fields = _mapping_fields(root, YAML_KEYS, "the file", problems)
    header = {
        key: _scalar_text(node, key, problems) for key, node in fields.items() if key != "stages"
    }
    drafts: list[_Draft] = []
    stages_node = fields.get("stages")
    if stages_node is None:
        problems.add("the 'stages' list is missing", _line(root))
    elif not isinstance(stages_node, yaml.SequenceNode) or not stages_node.value:
        problems.add("'stages' must be a list with at least one local stage", _line(stages_node))
    else:
        drafts = _yaml_stages(stages_node, problems)
    title = header.get("title") or _title_from_source(source)
    return _finish(
        drafts,
        title=title,
        organisation=header.get("organisation"),
        framework_version=header.get("framework_version"),
        graph=graph,
        problems=problems,
        jurisdiction=_jurisdiction(
            header.get("jurisdiction"), fields.get("jurisdiction"), problems
        ),
    )


def _jurisdiction(value: str | None, node: yaml.Node | None, problems: _Problems) -> str | None:
    """The process's jurisdiction, or None when it does not say; any other value is a problem."""
    if not value:
        return None
    given = value.strip().casefold()
    if given not in JURISDICTIONS:
        problems.add(
            f"'jurisdiction' must be england, scotland or wales (found '{value[:40]}')",
            _line(node) if node is not None else _Where(),
        )
        return None
    return given


def _compose(text: str, problems: _Problems) -> yaml.Node | None:
    try:
        check_yaml(text)
    except LimitExceeded as exc:
        problems.add(f"the file was not read: {exc}", _Where(line=exc.line))
        problems.raise_if_any()
    except (yaml.YAMLError, ValueError, RecursionError):
        pass  # not YAML at all: reported below, with its line, where the file is read
    loader = None
    try:
        loader = yaml.SafeLoader(text)  # refuses characters YAML does not allow, as it starts
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = exc.problem or exc.context or "invalid syntax"
        problems.add(
            f"the file is not valid YAML ({detail})",
            _Where(line=mark.line + 1 if mark is not None else None),
        )
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        problems.add(f"the file is not valid YAML ({exc.__class__.__name__})")
    finally:
        if loader is not None:
            loader.dispose()
    problems.raise_if_any()
    return None  # pragma: no cover - raise_if_any always raises here


def _line(node: yaml.Node) -> _Where:
    return _Where(line=node.start_mark.line + 1)


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"the value '{str(node.value)[:40]}'"


def _mapping_fields(
    node: yaml.MappingNode, allowed: Sequence[str], what: str, problems: _Problems
) -> dict[str, yaml.Node]:
    """Keys of a mapping node → value nodes; reports unknown and repeated keys."""
    fields: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
        if key not in allowed:
            problems.add(
                f"unknown field '{key}' in {what} (allowed: {', '.join(allowed)})", _line(key_node)
            )
        elif key in fields:
            problems.add(f"'{key}' appears twice in {what}", _line(key_node))
        else:
            fields[key] = value_node
    return fields


def _scalar_text(node: yaml.Node, key: str, problems: _Problems) -> str | None:
    """The text of a scalar exactly as written (``None`` for null); lists and mappings are errors."""
    if not isinstance(node, yaml.ScalarNode):
        problems.add(f"'{key}' must be a single value, not {_kind(node)}", _line(node))
        return None
    if node.tag == "tag:yaml.org,2002:null":
        return None
    value = _clean(str(node.value))
    return value or None


def _yaml_stages(seq: yaml.SequenceNode, problems: _Problems) -> list[_Draft]:
    drafts: list[_Draft] = []
    for index, item in enumerate(seq.value, start=1):
        where = _line(item)
        if not isinstance(item, yaml.MappingNode):
            problems.add(f"stage {index} must be a mapping with name and maps_to", where)
            continue
        fields = _mapping_fields(item, YAML_STAGE_KEYS, f"stage {index}", problems)
        name_node = fields.get("name")
        name = _scalar_text(name_node, "name", problems) if name_node is not None else None
        if name is None:
            if name_node is None or isinstance(name_node, yaml.ScalarNode):
                problems.add(f"stage {index} has no 'name'", where)
            continue
        if "maps_to" not in fields:
            problems.add(
                f"local stage '{name}' has no 'maps_to' (write 'maps_to: none' for a stage the "
                "framework does not have)",
                where,
            )
            continue
        maps_node = fields["maps_to"]
        draft = _Draft(
            name=name,
            where=where,
            maps_to=_maps_to_value(_scalar_text(maps_node, "maps_to", problems)),
            maps_to_where=_line(maps_node),
        )
        draft.implements = _yaml_list(fields.get("implements"), "implements", name, problems)
        draft.local_checks = _yaml_list(fields.get("local_checks"), "local_checks", name, problems)
        drafts.append(draft)
    return drafts


def _yaml_list(
    node: yaml.Node | None, key: str, stage: str, problems: _Problems
) -> list[tuple[str, _Where]]:
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
        return []
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    result: list[tuple[str, _Where]] = []
    for item in items:
        text = _scalar_text(item, f"{key} of '{stage}'", problems)
        if text:
            result.append((text, _line(item)))
    return result


def _title_from_source(source: str) -> str:
    stem = source.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    title = _clean(stem.replace("_", " ").replace("-", " "))
    return title[:1].upper() + title[1:] if title else "Local process"


# --------------------------------------------------------------------------- CSV and table rows


def parse_process_csv(text: str, source: str, graph: FrameworkGraph) -> LocalProcess:
    """Read a local process from CSV text (one row per local stage and implemented item).

    The header names the columns (any order, any case): ``local_stage`` and ``maps_to`` are
    required, ``implements`` and ``local_check`` optional. Commas, semicolons or tabs separate
    cells. Rows are numbered as in a spreadsheet: the header is row 1.
    """
    problems = _Problems(source)
    if not text.strip():
        problems.add("the file is empty")
        problems.raise_if_any()
    records = _csv_records(text, problems)
    header_row, header = next(
        ((n, cells) for n, cells in records if any(c.strip() for c in cells)), (1, [])
    )
    columns = [_column_name(c) for c in header]
    _check_columns(columns, header_row, problems)
    problems.raise_if_any()
    rows: list[tuple[int, dict[str, str]]] = []
    for number, cells in records:
        if number <= header_row or not any(c.strip() for c in cells):
            continue
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
            problems.add(
                f"this row has {len(cells)} cells but the header has {len(columns)} columns "
                "(is there a separator inside a name? put the name in double quotes)",
                _Where(row=number),
            )
            continue
        cells = [spreadsheet_unsafe(c) for c in cells]
        rows.append((number, dict(zip(columns, cells, strict=False))))
    return _from_numbered_rows(rows, source, _title_from_source(source), graph, problems)


def _csv_records(text: str, problems: _Problems) -> list[tuple[int, list[str]]]:
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ","
    if "," not in first:
        delimiter = ";" if ";" in first else "\t" if "\t" in first else ","
    records: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            if number > MAX_ROWS + 1:
                problems.add(f"the file has more than {MAX_ROWS} rows")
                break
            records.append((number, cells))
    except csv.Error as exc:
        problems.add(f"the file is not valid CSV ({exc})", _Where(row=number + 1))
    problems.raise_if_any()
    return records


def _column_name(cell: str) -> str:
    return "_".join(cell.strip().lower().replace("-", " ").split())


def _check_columns(columns: list[str], header_row: int, problems: _Problems) -> None:
    where = _Where(row=header_row)
    for name in columns:
        if name and name not in PROCESS_CSV_COLUMNS:
            problems.add(
                f"unknown column '{name}' (the columns are: {', '.join(PROCESS_CSV_COLUMNS)})",
                where,
            )
    for name in REQUIRED_PROCESS_CSV_COLUMNS:
        if name not in columns:
            problems.add(
                f"the header has no '{name}' column (the first row must name the columns: "
                f"{', '.join(PROCESS_CSV_COLUMNS)})",
                where,
            )
    repeated = sorted({c for c in columns if c and columns.count(c) > 1})
    for name in repeated:
        problems.add(f"the column '{name}' appears twice in the header", where)


def process_from_rows(
    rows: Sequence[Mapping[str, object]],
    graph: FrameworkGraph,
    *,
    title: str = "Local process",
    organisation: str | None = None,
    source: str = "table",
) -> LocalProcess:
    """Build a local process from on-screen table rows (e.g. ``DataFrame.to_dict('records')``).

    Each row is a mapping with the CSV columns; missing keys, ``None`` and NaN count as blank.
    Rows are numbered from 1 in messages. Blank rows are ignored.
    """
    problems = _Problems(source)
    if len(rows) > MAX_ROWS:
        problems.add(f"the table has more than {MAX_ROWS} rows")
        problems.raise_if_any()
    numbered = [
        (number, {column: _cell(row.get(column)) for column in PROCESS_CSV_COLUMNS})
        for number, row in enumerate(rows, start=1)
    ]
    numbered = [(n, cells) for n, cells in numbered if any(cells.values())]
    clean_title = _clean(title) or "Local process"
    org = _clean(organisation) if organisation else None
    return _from_numbered_rows(numbered, source, clean_title, graph, problems, org)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _from_numbered_rows(
    rows: Iterable[tuple[int, Mapping[str, str]]],
    source: str,
    title: str,
    graph: FrameworkGraph,
    problems: _Problems,
    organisation: str | None = None,
) -> LocalProcess:
    drafts: dict[str, _Draft] = {}
    for number, cells in rows:
        where = _Where(row=number)
        name = _clean(cells.get("local_stage", ""))
        if not name:
            problems.add(
                "'local_stage' is empty: every row names the local stage it is about", where
            )
            continue
        maps_to = _maps_to_value(cells.get("maps_to", ""))
        draft = drafts.get(_stage_key(name))
        if draft is None:
            draft = _Draft(name=name, where=where, maps_to=maps_to, maps_to_where=where)
            drafts[_stage_key(name)] = draft
        elif maps_to != draft.maps_to:
            problems.add(
                f"local stage '{draft.name}' maps to {draft.maps_to or 'none'} on row "
                f"{draft.where.row} but to {maps_to or 'none'} here; a local stage maps to one "
                "framework stage",
                where,
            )
            continue
        touchpoint = _clean(cells.get("implements", ""))
        if touchpoint:
            draft.implements.append((touchpoint, where))
        check = _clean(cells.get("local_check", ""))
        if check:
            draft.local_checks.append((check, where))
    if not drafts and not problems.items:
        problems.add("there are no local stages: add at least one row with a local_stage")
    return _finish(
        list(drafts.values()),
        title=title,
        organisation=organisation,
        framework_version=None,
        graph=graph,
        problems=problems,
    )


# --------------------------------------------------------------------------- shared checks


def _finish(
    drafts: list[_Draft],
    *,
    title: str,
    organisation: str | None,
    framework_version: str | None,
    graph: FrameworkGraph,
    problems: _Problems,
    jurisdiction: str | None = None,
) -> LocalProcess:
    """Check the drafts against each other and the framework; build the process or raise."""
    if len(drafts) > MAX_STAGES:
        problems.add(f"the process has {len(drafts)} local stages; the limit is {MAX_STAGES}")
    seen: dict[str, _Draft] = {}
    stages: list[LocalStage] = []
    for draft in drafts:
        _check_name(draft.name, draft.where, problems)
        key = _stage_key(draft.name)
        if key in seen:
            first = seen[key].where
            problems.add(
                f"the local stage '{draft.name}' is listed twice (first at "
                f"{'line ' + str(first.line) if first.line else 'row ' + str(first.row)}); "
                "give each local stage a different name",
                draft.where,
            )
            continue
        seen[key] = draft
        if draft.maps_to is not None:
            _check_stage_id(draft, graph, problems)
        implements = _checked_touchpoints(draft, graph, problems)
        checks = _checked_local_checks(draft, problems)
        stages.append(
            LocalStage.model_construct(
                name=draft.name,
                maps_to=draft.maps_to,
                implements=tuple(implements),
                local_checks=tuple(checks),
            )
        )
    problems.raise_if_any()
    return LocalProcess(
        title=title[:MAX_NAME_LENGTH],
        organisation=organisation[:MAX_NAME_LENGTH] if organisation else None,
        framework_version=framework_version,
        jurisdiction=jurisdiction,
        source=problems.source,
        stages=tuple(stages),
    )


def _check_name(name: str, where: _Where, problems: _Problems) -> None:
    if len(name) > MAX_NAME_LENGTH:
        problems.add(f"the local stage name is longer than {MAX_NAME_LENGTH} characters", where)


def _suggest(value: str, candidates: Iterable[str]) -> str:
    """' Did you mean TP07?' for TP7, TP-07 or TPO7; empty when nothing is close."""
    known = list(candidates)
    parts = re.fullmatch(r"([A-Z]+?)[-. ]?([0-9O]+)", value)
    if parts:
        number = int(parts.group(2).replace("O", "0"))
        for width in (1, 2, 3):
            guess = f"{parts.group(1)}{number:0{width}d}"
            if guess in known:
                return f" Did you mean {guess}?"
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    return f" Did you mean {close[0]}?" if close else ""


def _check_stage_id(draft: _Draft, graph: FrameworkGraph, problems: _Problems) -> None:
    stage_id = draft.maps_to or ""
    stages = graph.stages()
    try:
        node = graph.node(stage_id)
    except KeyError:
        listing = ", ".join(s.id for s in stages)
        problems.add(
            f"local stage '{draft.name}' maps to '{stage_id}', which is not a stage of framework "
            f"{graph.version} (its stages are {listing}).{_suggest(stage_id, (s.id for s in stages))}",
            draft.maps_to_where,
        )
        return
    if node.type is not NodeType.STAGE:
        problems.add(
            f"local stage '{draft.name}' maps to {node.id} '{node.label}', which is a "
            f"{node.type.value.replace('_', ' ')}, not a stage of Self-Directed Support",
            draft.maps_to_where,
        )


def _checked_touchpoints(draft: _Draft, graph: FrameworkGraph, problems: _Problems) -> list[str]:
    touchpoint_ids = [n.id for n in graph.nodes(NodeType.TOUCHPOINT)]
    result: list[str] = []
    for raw, where in draft.implements:
        tp_id = raw.strip().upper()
        try:
            node = graph.node(tp_id)
        except KeyError:
            problems.add(
                f"local stage '{draft.name}' implements '{raw}', which is not a touchpoint of "
                f"framework {graph.version}.{_suggest(tp_id, touchpoint_ids)} Put the council's "
                "own checks under local checks instead.",
                where,
            )
            continue
        if node.type is not NodeType.TOUCHPOINT:
            problems.add(
                f"local stage '{draft.name}' implements {node.id} '{node.label}', which is a "
                f"{node.type.value.replace('_', ' ')}, not a touchpoint",
                where,
            )
        elif tp_id in result:
            problems.add(f"local stage '{draft.name}' lists {tp_id} twice", where)
        else:
            result.append(tp_id)
    return result


def _checked_local_checks(draft: _Draft, problems: _Problems) -> list[str]:
    result: list[str] = []
    keys: set[str] = set()
    for text, where in draft.local_checks:
        if len(text) > MAX_NAME_LENGTH:
            problems.add(f"a local check is longer than {MAX_NAME_LENGTH} characters", where)
        elif text.casefold() in keys:
            problems.add(f"local stage '{draft.name}' lists the local check '{text}' twice", where)
        else:
            keys.add(text.casefold())
            result.append(text)
    return result
