"""Read a framework file, check it thoroughly, and build a :class:`FrameworkGraph`.

Anything wrong with the input (unreadable, not UTF-8, not YAML, wrong shape, broken links…) is
reported as a :class:`FrameworkError` listing every problem found, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from framework.errors import FrameworkError, Problem
from framework.graph import FrameworkGraph
from framework.limits import LimitExceeded, check_yaml
from framework.schema import FrameworkDocument, FrameworkHeader, Link, Node, Reference
from framework.validation import (
    DocumentFault,
    check_duplicate_ids,
    check_duplicate_links,
    check_provenance_refs,
    validate_document,
)

BUNDLED_FRAMEWORK = Path(__file__).resolve().parent / "data" / "framework.yaml"
"""The framework shipped with the package."""

MAX_BYTES = 5_000_000
"""Refuse absurdly large uploads rather than parse them."""

_SECTIONS: dict[str, type[BaseModel]] = {
    "references": Reference,
    "nodes": Node,
    "links": Link,
}
_M = TypeVar("_M", bound=BaseModel)

# libyaml's loader is about ten times faster; both are safe loaders and report line marks.
_Loader: type[yaml.SafeLoader | yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_framework(path: Path | str | None = None) -> FrameworkGraph:
    """Load and check a framework file; ``None`` loads the bundled framework."""
    file = BUNDLED_FRAMEWORK if path is None else Path(path)
    name = file.name or str(file)
    try:
        with file.open("rb") as handle:  # one byte past the limit is enough to refuse it
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        problem = Problem(name, "file", None, f"cannot read the file ({reason})")
        raise FrameworkError([problem]) from None
    return load_framework_bytes(raw, name)


def load_framework_bytes(raw: bytes, source_name: str) -> FrameworkGraph:
    """Load a framework from uploaded bytes, which must be UTF-8 text."""
    if len(raw) > MAX_BYTES:
        raise FrameworkError(
            [Problem(source_name, "file", None, f"the file is larger than {MAX_BYTES} bytes")]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = (
            f"the file is not UTF-8 text (undecodable byte at position {exc.start}); "
            "save it as UTF-8 YAML"
        )
        raise FrameworkError([Problem(source_name, "file", None, message)]) from None
    return load_framework_text(text, source_name)


def load_framework_text(text: str, source_name: str) -> FrameworkGraph:
    """Load a framework from YAML text (for example an uploaded file's content)."""
    return FrameworkGraph(parse_document(text, source_name))


def parse_document(text: str, source_name: str) -> FrameworkDocument:
    """Parse and fully check YAML text, returning the document or raising FrameworkError."""
    root, data = _parse_yaml(text, source_name)
    lines = _LineIndex(root)
    problems = _duplicate_key_problems(root, source_name)
    if not isinstance(data, dict):
        found = "nothing" if data is None else f"a {_yaml_kind(data)}"
        message = (
            "the top level must be a mapping with version, title, published, description, "
            f"references, nodes and links (found {found})"
        )
        raise FrameworkError([Problem(source_name, "document", lines.top(None), message)])
    header, header_problems = _check_header(data, source_name, lines)
    problems.extend(header_problems)
    items: dict[str, list[Any]] = {}
    for section, model in _SECTIONS.items():
        valid, section_problems = _check_section(data, section, model, source_name, lines)
        items[section] = valid
        problems.extend(section_problems)
    doc = FrameworkDocument.model_construct(
        **(header.model_dump() if header else {}),
        references=tuple(items["references"]),
        nodes=tuple(items["nodes"]),
        links=tuple(items["links"]),
    )
    if problems:
        # Items that failed their own checks are missing, so whole-graph checks would report
        # knock-on faults. Run only the checks that cannot be misled by missing items.
        faults = [
            f
            for check in (check_duplicate_ids, check_provenance_refs, check_duplicate_links)
            for f in check(doc)
        ]
    else:
        faults = validate_document(doc)
    problems.extend(_fault_problem(f, source_name, lines) for f in faults)
    if problems:
        raise FrameworkError(problems)
    return doc


def _parse_yaml(text: str, source_name: str) -> tuple[yaml.Node | None, Any]:
    if not text.strip():
        raise FrameworkError([Problem(source_name, "file", None, "the file is empty")])
    try:
        check_yaml(text)
    except LimitExceeded as exc:
        message = f"the file was not read: {exc}"
        raise FrameworkError([Problem(source_name, "file", exc.line, message)]) from None
    loader: yaml.SafeLoader | yaml.CSafeLoader | None = None
    try:
        loader = _Loader(text)  # checks for unprintable characters straight away
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        detail = exc.problem or exc.context or "invalid syntax"
        message = f"the file is not valid YAML ({detail})"
        raise FrameworkError([Problem(source_name, "file", line, message)]) from None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError, OverflowError) as exc:
        message = f"the file is not valid YAML ({exc.__class__.__name__}: {exc})"
        raise FrameworkError([Problem(source_name, "file", None, message[:300])]) from None
    finally:
        if loader is not None:
            loader.dispose()
    return root, data


class _LineIndex:
    """Line numbers of the top-level keys and of each item in the three lists."""

    def __init__(self, root: yaml.Node | None) -> None:
        self._keys: dict[str, int] = {}
        self._items: dict[str, list[int]] = {}
        self._root_line = root.start_mark.line + 1 if root is not None else None
        if not isinstance(root, yaml.MappingNode):
            return
        for key_node, value_node in root.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key = str(key_node.value)
            self._keys.setdefault(key, key_node.start_mark.line + 1)
            if isinstance(value_node, yaml.SequenceNode):
                self._items[key] = [item.start_mark.line + 1 for item in value_node.value]

    def top(self, key: str | None) -> int | None:
        if key is None:
            return self._root_line
        return self._keys.get(key, self._root_line)

    def item(self, section: str, index: int | None) -> int | None:
        lines = self._items.get(section, [])
        if index is not None and 0 <= index < len(lines):
            return lines[index]
        return self.top(section)


def _duplicate_key_problems(root: yaml.Node | None, source_name: str) -> list[Problem]:
    """YAML silently keeps the last of two equal keys; report them instead."""
    problems: list[Problem] = []
    stack: list[yaml.Node] = [root] if root is not None else []
    seen_nodes: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:  # anchors and aliases can share nodes
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    key = str(key_node.value)
                    if key in keys:
                        problems.append(
                            Problem(
                                source_name,
                                f"key '{key}'",
                                key_node.start_mark.line + 1,
                                "this key appears twice in the same mapping",
                            )
                        )
                    keys.add(key)
                stack.append(value_node)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return problems


def _check_header(
    data: Mapping[Any, Any], source_name: str, lines: _LineIndex
) -> tuple[FrameworkHeader | None, list[Problem]]:
    header_data = {k: v for k, v in data.items() if k not in _SECTIONS}
    try:
        return FrameworkHeader.model_validate(header_data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else "document"
            problems.append(
                Problem(source_name, field, lines.top(field), _error_message(error, top=True))
            )
        return None, problems


def _check_section(
    data: Mapping[Any, Any],
    section: str,
    model: type[_M],
    source_name: str,
    lines: _LineIndex,
) -> tuple[list[_M], list[Problem]]:
    if section not in data:
        return [], [Problem(source_name, section, None, f"the '{section}' list is missing")]
    raw_items = data[section]
    if not isinstance(raw_items, list):
        message = f"'{section}' must be a list (found {_yaml_kind(raw_items)})"
        return [], [Problem(source_name, section, lines.top(section), message)]
    valid: list[_M] = []
    problems: list[Problem] = []
    for index, raw in enumerate(raw_items):
        item = _item_name(section, index, raw)
        line = lines.item(section, index)
        if not isinstance(raw, dict):
            message = f"each entry must be a mapping (found {_yaml_kind(raw)})"
            problems.append(Problem(source_name, item, line, message))
            continue
        try:
            valid.append(model.model_validate(raw))
        except ValidationError as exc:
            problems.extend(
                Problem(source_name, item, line, _error_message(error)) for error in exc.errors()
            )
    return valid, problems


def _item_name(section: str, index: int, raw: object) -> str:
    if isinstance(raw, dict):
        if section != "links" and isinstance(raw.get("id"), str) and raw["id"]:
            return str(raw["id"])
        if section == "links":
            parts = [raw.get("source"), raw.get("type"), raw.get("target")]
            if all(isinstance(p, str) for p in parts):
                return f"links[{index}] ({parts[0]} -{parts[1]}-> {parts[2]})"
    return f"{section}[{index}]"


def _error_message(error: ErrorDetails, *, top: bool = False) -> str:
    loc = ".".join(str(part) for part in error["loc"])
    kind = error["type"]
    if kind == "missing":
        what = "top-level field" if top else "field"
        return f"missing required {what} '{loc}'"
    if kind == "extra_forbidden":
        return f"unknown field '{loc}'"
    message = error["msg"].removeprefix("Value error, ")
    if isinstance(error.get("input"), bool):
        message += " (YAML reads unquoted yes/no/true/false as booleans; put it in quotes)"
    return f"{loc}: {message}" if loc else message


def _fault_problem(fault: DocumentFault, source_name: str, lines: _LineIndex) -> Problem:
    if fault.section == "document":
        line = None
    else:
        line = lines.item(fault.section, fault.index)
    return Problem(source_name, fault.item, line, fault.message)


def _yaml_kind(value: object) -> str:
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "text value"
    return f"{type(value).__name__} value"
