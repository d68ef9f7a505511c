"""What changed between two versions of the framework: items and links added, removed and changed.

Nodes and references are matched by id; links by what identifies them in a valid file (source,
type, target and, on triggers, the answer ``when``). A changed item lists each field that
changed, old value → new value; nested provenance fields are named ``provenance.status``,
``provenance.refs``, ``provenance.note`` and ``provenance.origin`` (whose words the item is: the
framework's own text, our synthesis or local policy). A change of origin is also listed in the
notes, because it changes what the app may present as the framework's own.

    >>> from framework import load_framework
    >>> from framework.diff import diff_frameworks
    >>> fw = load_framework()
    >>> diff_frameworks(fw, fw).is_empty
    True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel

from framework.graph import FrameworkGraph
from framework.schema import FrameworkDocument, FrameworkHeader, FrozenModel, Link, Node, Reference

JsonValue = Any
"""A JSON-ready value (str, int, bool, None, list of those)."""

_HEADER_FIELDS = tuple(FrameworkHeader.model_fields)
_TEXT_LIMIT = 120
_M = TypeVar("_M", bound=BaseModel)


class FieldChange(FrozenModel):
    """One field whose value differs: ``old`` → ``new`` (``None`` when absent)."""

    field: str
    old: JsonValue
    new: JsonValue


class ItemRef(FrozenModel):
    """A node or reference, as named in a difference."""

    id: str
    type: str
    """The node type, or ``reference``."""
    label: str


class ItemChange(FrozenModel):
    """A node or reference present in both versions with different fields."""

    item: ItemRef
    changes: tuple[FieldChange, ...]


class LinkRef(FrozenModel):
    """What identifies a link: two links with the same source, type, target and ``when`` are one."""

    source: str
    type: str
    target: str
    when: str | None = None

    @property
    def label(self) -> str:
        when = f" (when {self.when})" if self.when is not None else ""
        return f"{self.source} -{self.type}-> {self.target}{when}"


class LinkChange(FrozenModel):
    """A link present in both versions with a different provenance, ``required`` or ``loop``."""

    link: LinkRef
    changes: tuple[FieldChange, ...]


class SectionDiff(FrozenModel):
    """Added, removed and changed entries of one section (nodes, links or references)."""

    added: tuple[Any, ...] = ()
    removed: tuple[Any, ...] = ()
    changed: tuple[Any, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "changed": len(self.changed),
        }


class FrameworkDiff(FrozenModel):
    """The difference between an old and a new framework version."""

    old_version: str
    new_version: str
    header: tuple[FieldChange, ...]
    """Changes to version, title, published and description."""
    nodes: SectionDiff
    """``added``/``removed``: :class:`ItemRef`; ``changed``: :class:`ItemChange`."""
    links: SectionDiff
    """``added``/``removed``: :class:`LinkRef`; ``changed``: :class:`LinkChange`."""
    references: SectionDiff
    """``added``/``removed``: :class:`ItemRef`; ``changed``: :class:`ItemChange`."""
    notes: tuple[str, ...]
    """Things a reviewer should know: an unchanged or lower version number, removed ids."""

    @property
    def is_empty(self) -> bool:
        """True when the two versions have the same content, header included."""
        return not self.header and self.content_is_unchanged

    @property
    def content_is_unchanged(self) -> bool:
        """True when nodes, links and references are all the same (the header may differ)."""
        return self.nodes.is_empty and self.links.is_empty and self.references.is_empty

    def summary(self) -> str:
        """One sentence, e.g. ``2026.11.0 → 2026.12.0: nodes 1 added, 0 removed, 2 changed; …``."""
        if self.is_empty:
            return f"{self.old_version} → {self.new_version}: no differences."
        parts = [
            f"{name} {c['added']} added, {c['removed']} removed, {c['changed']} changed"
            for name, c in (
                ("nodes", self.nodes.counts()),
                ("links", self.links.counts()),
                ("references", self.references.counts()),
            )
        ]
        return f"{self.old_version} → {self.new_version}: " + "; ".join(parts) + "."

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (documented in framework/README.md)."""
        return {
            "old_version": self.old_version,
            "new_version": self.new_version,
            "header": [c.model_dump(mode="json") for c in self.header],
            "nodes": _section_json(self.nodes),
            "links": _section_json(self.links),
            "references": _section_json(self.references),
            "counts": {
                "nodes": self.nodes.counts(),
                "links": self.links.counts(),
                "references": self.references.counts(),
            },
            "origin_changes": [
                {"item": item, "old": old, "new": new}
                for item, old, new in origin_changes(self.nodes, self.links)
            ],
            "notes": list(self.notes),
            "summary": self.summary(),
        }


def _section_json(section: SectionDiff) -> dict[str, list[Any]]:
    return {
        "added": [m.model_dump(mode="json") for m in section.added],
        "removed": [m.model_dump(mode="json") for m in section.removed],
        "changed": [m.model_dump(mode="json") for m in section.changed],
    }


# --------------------------------------------------------------------------- computing


def _document(framework: FrameworkGraph | FrameworkDocument) -> FrameworkDocument:
    return framework.document if isinstance(framework, FrameworkGraph) else framework


def diff_frameworks(
    old: FrameworkGraph | FrameworkDocument, new: FrameworkGraph | FrameworkDocument
) -> FrameworkDiff:
    """Compare two loaded frameworks (graphs or validated documents)."""
    before, after = _document(old), _document(new)
    header = _field_changes(
        {f: _json(getattr(before, f)) for f in _HEADER_FIELDS},
        {f: _json(getattr(after, f)) for f in _HEADER_FIELDS},
    )
    nodes = _keyed_diff({n.id: n for n in before.nodes}, {n.id: n for n in after.nodes}, _node_ref)
    references = _keyed_diff(
        {r.id: r for r in before.references},
        {r.id: r for r in after.references},
        _reference_ref,
    )
    links = _link_diff(before.links, after.links)
    return FrameworkDiff(
        old_version=before.version,
        new_version=after.version,
        header=header,
        nodes=nodes,
        links=links,
        references=references,
        notes=_notes(before, after, header, (nodes, links, references)),
    )


def _json(value: object) -> JsonValue:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, tuple | list):
        return [_json(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)  # dates and enums


def _flat(model: BaseModel, skip: Iterable[str] = ()) -> dict[str, JsonValue]:
    """Field → JSON value, one level of nesting spelled ``outer.inner`` (e.g. provenance.refs)."""
    data = model.model_dump(mode="json")
    flat: dict[str, JsonValue] = {}
    for key, value in data.items():
        if key in skip:
            continue
        if isinstance(value, dict):
            for inner, inner_value in value.items():
                flat[f"{key}.{inner}"] = inner_value
        else:
            flat[key] = value
    return flat


def _field_changes(
    old: Mapping[str, JsonValue], new: Mapping[str, JsonValue]
) -> tuple[FieldChange, ...]:
    fields = list(dict.fromkeys([*old, *new]))
    return tuple(
        FieldChange(field=f, old=old.get(f), new=new.get(f))
        for f in fields
        if old.get(f) != new.get(f)
    )


def _node_ref(node: Node) -> ItemRef:
    return ItemRef(id=node.id, type=node.type.value, label=node.label)


def _reference_ref(reference: Reference) -> ItemRef:
    return ItemRef(id=reference.id, type="reference", label=reference.title)


def _keyed_diff(
    old: Mapping[str, _M], new: Mapping[str, _M], ref: Callable[[_M], ItemRef]
) -> SectionDiff:
    added = tuple(ref(item) for key, item in new.items() if key not in old)
    removed = tuple(ref(item) for key, item in old.items() if key not in new)
    changed: list[ItemChange] = []
    for key, item in new.items():
        if key in old and old[key] != item:
            changes = _field_changes(_flat(old[key], skip=("id",)), _flat(item, skip=("id",)))
            changed.append(ItemChange(item=ref(item), changes=changes))
    return SectionDiff(added=added, removed=removed, changed=tuple(changed))


def _link_ref(link: Link) -> LinkRef:
    return LinkRef(source=link.source, type=link.type.value, target=link.target, when=link.when)


def _link_diff(old: Sequence[Link], new: Sequence[Link]) -> SectionDiff:
    identity = ("source", "type", "target", "when")
    before = {_link_ref(link): link for link in old}
    after = {_link_ref(link): link for link in new}
    changed = tuple(
        LinkChange(
            link=key,
            changes=_field_changes(_flat(before[key], identity), _flat(link, identity)),
        )
        for key, link in after.items()
        if key in before and before[key] != link
    )
    return SectionDiff(
        added=tuple(key for key in after if key not in before),
        removed=tuple(key for key in before if key not in after),
        changed=changed,
    )


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _notes(
    before: FrameworkDocument,
    after: FrameworkDocument,
    header: Sequence[FieldChange],
    sections: tuple[SectionDiff, SectionDiff, SectionDiff],
) -> tuple[str, ...]:
    notes: list[str] = []
    nodes = sections[0]
    content_changed = not all(section.is_empty for section in sections)
    other_header = any(c.field != "version" for c in header)
    if before.version == after.version and (content_changed or other_header):
        notes.append(
            f"The version number is still {after.version} although the content changed; raise "
            "it so that records and reports can tell the two versions apart."
        )
    elif _version_tuple(after.version) < _version_tuple(before.version):
        notes.append(
            f"The new version number {after.version} is lower than {before.version}; versions "
            "should only go up."
        )
    notes.extend(_origin_notes(sections[0], sections[1]))
    if nodes.removed:
        ids = ", ".join(item.id for item in nodes.removed)
        notes.append(
            f"Removed: {ids}. Records made under earlier versions keep these ids and their "
            "version; check nothing still in use depends on them."
        )
    return tuple(notes)


_ORIGIN_WORDS = {
    "framework_text": "the framework's own text",
    "synthesis": "our synthesis",
    "local_policy": "local policy",
}


def origin_changes(nodes: SectionDiff, links: SectionDiff) -> tuple[tuple[str, str, str], ...]:
    """(item, old origin, new origin) for every node and link whose origin changed."""
    found: list[tuple[str, str, str]] = []
    for change in (*nodes.changed, *links.changed):
        name = change.item.id if isinstance(change, ItemChange) else change.link.label
        for field in change.changes:
            if field.field == "provenance.origin":
                found.append((name, str(field.old), str(field.new)))
    return tuple(found)


def _origin_notes(nodes: SectionDiff, links: SectionDiff) -> list[str]:
    return [
        f"{name} changes from {_ORIGIN_WORDS.get(old, old)} to {_ORIGIN_WORDS.get(new, new)}."
        + (
            " Check that it quotes or paraphrases the framework and cites it."
            if new == "framework_text"
            else ""
        )
        for name, old, new in origin_changes(nodes, links)
    ]


# --------------------------------------------------------------------------- text


def _short(value: JsonValue) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        text = "[" + ", ".join(str(v) for v in value) + "]"
    elif isinstance(value, str):
        text = f"'{value}'"
    else:
        text = str(value).lower() if isinstance(value, bool) else str(value)
    return text if len(text) <= _TEXT_LIMIT else text[: _TEXT_LIMIT - 1] + "…"


def _change_lines(changes: Iterable[FieldChange], indent: str) -> list[str]:
    return [f"{indent}{c.field}: {_short(c.old)} → {_short(c.new)}" for c in changes]


def _item_lines(title: str, section: SectionDiff) -> list[str]:
    if section.is_empty:
        return []
    c = section.counts()
    lines = [f"{title}: {c['added']} added, {c['removed']} removed, {c['changed']} changed"]
    for mark, entries in (("+", section.added), ("-", section.removed)):
        for entry in entries:
            lines.append(f"  {mark} {_entry_name(entry)}")
    for change in section.changed:
        subject = change.item if isinstance(change, ItemChange) else change.link
        lines.append(f"  ~ {_entry_name(subject)}")
        lines.extend(_change_lines(change.changes, "      "))
    return lines


def _entry_name(entry: ItemRef | LinkRef) -> str:
    if isinstance(entry, LinkRef):
        return entry.label
    return f"{entry.id} ({entry.type}) '{entry.label}'"


def render_diff_text(diff: FrameworkDiff) -> str:
    """The difference as plain text: header changes, then nodes, links and references."""
    lines = [f"Framework {diff.old_version} → {diff.new_version}", diff.summary()]
    lines += [f"Note: {note}" for note in diff.notes]
    if diff.header:
        lines += ["", "Header:", *_change_lines(diff.header, "  ")]
    for title, section in (
        ("Nodes", diff.nodes),
        ("Links", diff.links),
        ("References", diff.references),
    ):
        block = _item_lines(title, section)
        if block:
            lines += ["", *block]
    return "\n".join(lines) + "\n"
