"""The framework explorer and the framework versions pages: filtering, item detail, differences.

Everything here that shows text from the framework file (labels, summaries, file names, problems)
shows it literally: an uploaded file is user-supplied text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeGuard

import streamlit as st

from framework import FrameworkError, FrameworkGraph, Link, Node, NodeType
from framework.diff import FieldChange, FrameworkDiff, ItemChange, ItemRef, LinkRef, SectionDiff
from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.services import framework as framework_service
from risk_app.services.framework import CurrentInfo, FrameworkVersionInfo
from risk_app.ui import text
from risk_app.ui.charts import ORIGIN_WORDS, origin_words, provenance_words

TYPE_WORDS = {
    NodeType.STAGE: "Stage",
    NodeType.TOUCHPOINT: "Safeguarding touchpoint",
    NodeType.ASSESSMENT_PROMPT: "Risk assessment prompt",
    NodeType.MANAGEMENT_PROMPT: "Risk management prompt",
    NodeType.ROUTE: "Escalation route",
    NodeType.SAFEGUARDING_STEP: "Safeguarding step",
    NodeType.PRINCIPLE: "Principle",
    NodeType.LEVEL: "Level",
    NodeType.ABUSE_TYPE: "Type of abuse or neglect",
    NodeType.BUDGET_OPTION: "Way of managing the budget",
    NodeType.ROLE: "Role",
    NodeType.RECORD_TYPE: "Record",
}

FILTER_RULES = (
    "How the filters choose. Level and way of managing the budget: an item the framework ties to "
    "particular levels (or ways of managing the budget) is shown only under those. An item tied "
    "to none applies under every choice, as the framework map treats it, so it is shown too "
    "unless you untick the box. Stage: the stage itself, its touchpoints, prompts, escalation "
    "routes, principles and the ways of managing the budget it offers, and the roles, records "
    "and types of abuse those items link to. Whose words: the framework's own text (quoted or "
    "paraphrased from it), our synthesis from the cited sources, or a council's local policy. "
    "Search looks in IDs, labels, text, summaries and source IDs, ignoring capitals."
)

NOTICE = "versions_notice"
UPLOADED_FILE = "versions_uploaded_file"
"""Session key: the file_id of the last file stored, so a rerun does not store it again."""
VIEW = "versions_view"
"""Session key of the "upload to review" box."""


def type_words(node_type: object) -> str:
    try:
        return TYPE_WORDS[NodeType(str(node_type))]
    except (KeyError, ValueError):
        return str(node_type).replace("_", " ").capitalize()


# --------------------------------------------------------------------------- explorer: filtering


@dataclass(frozen=True)
class ExplorerFilter:
    """What the explorer's filter widgets chose (``None``: no filter)."""

    node_type: str | None = None
    level: str | None = None
    stage: str | None = None
    budget_option: str | None = None
    search: str = ""
    include_untied: bool = True
    origin: str | None = None
    """``framework_text``, ``synthesis`` or ``local_policy``: keep only items of that origin."""


@dataclass(frozen=True)
class FilterChoices:
    """The options of the explorer's filter boxes: id → the words shown for it."""

    types: dict[str, str]
    stages: dict[str, str]
    levels: dict[str, str]
    budget_options: dict[str, str]
    origins: dict[str, str]


def filter_choices(graph: FrameworkGraph) -> FilterChoices:
    types = dict.fromkeys(node.type.value for node in graph.nodes())
    return FilterChoices(
        types={t: type_words(t) for t in types},
        stages={node.id: f"{node.order}. {node.label}" for node in graph.stages()},
        levels={node.id: node.label for node in graph.nodes(type=NodeType.LEVEL)},
        budget_options={
            node.id: f"{node.label} ({_jurisdiction(node)})"
            for node in graph.nodes(type=NodeType.BUDGET_OPTION)
        },
        origins=dict(ORIGIN_WORDS),
    )


def _jurisdiction(node: Node) -> str:
    if node.jurisdiction:
        return node.jurisdiction.label
    if node.jurisdictions:
        return ", ".join(j.label for j in node.jurisdictions)
    return "—"


def _levels(graph: FrameworkGraph, node: Node) -> tuple[str, ...]:
    """A level belongs to itself; any other item to the levels it applies at."""
    if node.type is NodeType.LEVEL:
        return (node.id,)
    return tuple(n.id for n in graph.levels_for(node.id))


def _budget_options(graph: FrameworkGraph, node: Node) -> tuple[str, ...]:
    if node.type is NodeType.BUDGET_OPTION:
        return (node.id,)
    return tuple(n.id for n in graph.budget_options_for(node.id))


def stage_items(graph: FrameworkGraph, stage_id: str) -> set[str]:
    """IDs of the items the stage filter keeps (see FILTER_RULES)."""
    detail = graph.stage_detail(stage_id)
    core = [
        detail.stage,
        *detail.touchpoints,
        *detail.assessment_prompts,
        *detail.management_prompts,
        *detail.routes,
        *detail.principles,
        *detail.budget_options,
    ]
    linked = [
        other
        for node in core
        for other in (
            *graph.roles_for(node.id),
            *graph.records_for(node.id),
            *graph.abuse_types_for(node.id),
        )
    ]
    return {node.id for node in (*core, *linked)}


def _tied(wanted: str, ids: Sequence[str], include_untied: bool) -> bool:
    return wanted in ids if ids else include_untied


def _searchable(graph: FrameworkGraph, node: Node) -> str:
    parts = [
        node.id,
        node.label,
        node.summary,
        node.text or "",
        node.plain_label or "",
        node.plain_summary or "",
        *(node.options or ()),
        type_words(node.type),
        *(ref.id for ref in graph.references_for(node.id)),
    ]
    return "\n".join(parts).casefold()


def _keep(
    graph: FrameworkGraph, node: Node, chosen: ExplorerFilter, in_stage: set[str] | None
) -> bool:
    if chosen.node_type and node.type.value != chosen.node_type:
        return False
    if chosen.origin and node.provenance.origin.value != chosen.origin:
        return False
    if in_stage is not None and node.id not in in_stage:
        return False
    if chosen.level and not _tied(chosen.level, _levels(graph, node), chosen.include_untied):
        return False
    options = _budget_options(graph, node)
    if chosen.budget_option and not _tied(chosen.budget_option, options, chosen.include_untied):
        return False
    needle = chosen.search.strip().casefold()
    return not needle or needle in _searchable(graph, node)


def explorer_nodes(graph: FrameworkGraph, chosen: ExplorerFilter) -> list[Node]:
    """Every item in file order that passes the filters."""
    in_stage = stage_items(graph, chosen.stage) if chosen.stage else None
    return [node for node in graph.nodes() if _keep(graph, node, chosen, in_stage)]


def _labels(graph: FrameworkGraph, ids: Iterable[str]) -> str:
    return ", ".join(graph.node(i).label for i in ids)


def explorer_rows(graph: FrameworkGraph, chosen: ExplorerFilter) -> list[dict[str, str]]:
    """The explorer's table: one row per item that passes the filters."""
    return [
        {
            "ID": node.id,
            "Type": type_words(node.type),
            "Item": node.text or node.label,
            "Levels": _labels(graph, _levels(graph, node)) or "Not tied to a level",
            "Ways of managing the budget": _labels(graph, _budget_options(graph, node))
            or "Not specific to one",
            "Whose words": origin_words(node.provenance.origin),
            "Provenance": provenance_words(node.provenance.status),
            "References": ", ".join(ref.id for ref in graph.references_for(node.id)),
        }
        for node in explorer_nodes(graph, chosen)
    ]


def show_count(shown: int, total: int, search: str) -> None:
    """How many items the table holds; the search text is echoed literally."""
    matching = f" matching “{search.strip()}”" if search.strip() else ""
    if shown:
        text.show(f"{shown} of {total} items{matching}.")
    else:
        text.show_info(f"No item{matching} passes these filters. Change or clear a filter.")


# --------------------------------------------------------------------------- explorer: one item


def _about_rows(graph: FrameworkGraph, node: Node) -> list[dict[str, str]]:
    fields: list[tuple[str, object]] = [
        ("Type", type_words(node.type)),
        ("Label", node.label),
        ("Name the person sees", node.plain_label),
        ("Summary", node.summary),
        ("What happens, for the person", node.plain_summary),
        ("Question", node.text),
        ("Answered", node.answer_type.value.replace("_", " ") if node.answer_type else None),
        ("Possible answers", "; ".join(node.options) if node.options else None),
        ("Order", node.order),
        (
            "Applies in",
            _jurisdiction(node) if node.jurisdiction or node.jurisdictions else "Everywhere",
        ),
        ("Family", node.family.value.replace("_", " ") if node.family else None),
        ("Suggested FHIR resource", node.fhir_resource),
        ("Levels", _labels(graph, _levels(graph, node)) or "Not tied to a level"),
        (
            "Ways of managing the budget",
            _labels(graph, _budget_options(graph, node)) or "Not specific to one",
        ),
        ("Whose words", origin_words(node.provenance.origin)),
        ("Provenance", provenance_words(node.provenance.status)),
        ("Provenance note", node.provenance.note),
    ]
    if node.type is NodeType.TOUCHPOINT:
        fields.append(("Applies at", _labels(graph, (s.id for s in graph.stages_of(node.id)))))
    return [{"About": name, "Value": str(value)} for name, value in fields if value is not None]


REFERENCE_KIND_WORDS = {
    "framework": "The framework, or a text describing it",
    "legislation": "Legislation (primary text)",
    "statutory_guidance": "Statutory guidance",
    "guidance": "Other national guidance or research",
    "local": "A council's, board's or trust's own page (local practice)",
    "secondary": "Secondary source: check the primary text",
}


def reference_kind_words(kind: object) -> str:
    if kind is None:
        return "Not given"
    value = getattr(kind, "value", kind)
    return REFERENCE_KIND_WORDS.get(str(value), str(value))


def _is_web_address(url: str | None) -> TypeGuard[str]:
    return url is not None and url.lower().startswith(("https://", "http://"))


def _show_references(graph: FrameworkGraph, node: Node) -> None:
    st.subheader("Sources", anchor=False)
    references = graph.references_for(node.id)
    if not references:
        st.text("This item cites no source.")
        return
    text.table(
        {
            "ID": ref.id,
            "Kind": reference_kind_words(ref.kind),
            "Title": ref.title,
            "Publisher": ref.publisher,
            "Year": str(ref.year) if ref.year else "Not given",
            "Address": ref.url or "None given",
            "Note": ref.note or "",
        }
        for ref in references
    )
    for ref in references:
        if _is_web_address(ref.url):
            # Reference IDs are capitals, digits, "." and "-" (the schema): inert in a label.
            st.link_button(f"Open source {ref.id}", ref.url, type="tertiary")


def _other_end(graph: FrameworkGraph, item_id: str) -> str:
    try:
        return f"{item_id}: {graph.node(item_id).label}"
    except KeyError:
        try:
            return f"{item_id}: {graph.reference(item_id).title} (source)"
        except KeyError:
            return item_id


def _link_rows(
    graph: FrameworkGraph, links: Iterable[Link], *, outgoing: bool
) -> list[dict[str, str]]:
    return [
        {
            "Link": link.type.value.replace("_", " "),
            "To" if outgoing else "From": _other_end(
                graph, link.target if outgoing else link.source
            ),
            "When the answer is": link.when or "",
            "Required": "Yes" if link.required else "",
            "Whose words": origin_words(link.provenance.origin),
            "Provenance": provenance_words(link.provenance.status),
        }
        for link in links
    ]


def _show_links(graph: FrameworkGraph, node: Node) -> None:
    for title, links, outgoing in (
        ("Links from this item", graph.links(source=node.id), True),
        ("Links to this item", graph.links(target=node.id), False),
    ):
        st.subheader(title, anchor=False)
        if links:
            rows = _link_rows(graph, links, outgoing=outgoing)
            st.dataframe(rows, hide_index=True, width="stretch")
        else:
            st.text("None.")


def render_item(graph: FrameworkGraph, node_id: str) -> None:
    """One item in full: its fields, provenance, sources and links in and out."""
    node = graph.node(node_id)
    text.heading(f"{node.id}: {node.label}", level=2)
    text.table(_about_rows(graph, node))
    _show_references(graph, node)
    _show_links(graph, node)


# --------------------------------------------------------------------------- versions


def _when(moment: datetime | None) -> str:
    return "—" if moment is None else words.moment(moment, utc=True)


def show_notice() -> None:
    """The message left by an activation before the page reran."""
    notice = st.session_state.pop(NOTICE, None)
    if isinstance(notice, str):
        text.show_success(notice)


def render_in_use(
    graph: FrameworkGraph, info: CurrentInfo, uploads: Sequence[FrameworkVersionInfo]
) -> None:
    """Which framework every new record is made under now."""
    stored = next((u for u in uploads if u.id == info.stored_id), None)
    if stored is None:
        where = "Packaged with the app"
        activated = "—"
    else:
        where = f"Upload {stored.id} ({stored.source_name})"
        activated = f"{stored.activated_by or '—'}, {_when(stored.activated_at)}"
    text.show(graph.title)
    text.table(
        [
            {
                "Version": info.version,
                "SHA-256 (first 12 characters)": info.sha256[:12],
                "Where it comes from": where,
                "Activated by, at": activated,
            }
        ]
    )
    st.caption(f"Full SHA-256 of the file in use: {info.sha256}")


def upload(store: Store, actor: Actor, name: str, data: bytes) -> int | None:
    """Check and store an uploaded file; its upload id, or None after showing why not."""
    try:
        _, version_id = framework_service.upload(store, actor, data, name)
    except FrameworkError as exc:
        show_problems(exc)
        return None
    except (InvalidInput, NotPermitted) as exc:
        text.show_error(f"{exc}\nNothing was stored.")
        return None
    return version_id


def show_problems(exc: FrameworkError) -> None:
    count = len(exc.problems)
    noun = "problem" if count == 1 else "problems"
    text.show_error(
        f"{exc.source} is not a valid framework file: {count} {noun}. "
        "Nothing was stored. Correct the file and upload it again."
    )
    text.table(
        {
            "Line": str(problem.line) if problem.line is not None else "Not known",
            "Item": problem.item,
            "Problem": problem.message,
        }
        for problem in exc.problems
    )


def upload_label(upload: FrameworkVersionInfo) -> str:
    state = "in use" if upload.active else "not in use"
    return f"Upload {upload.id}: version {upload.version}, {upload.source_name} ({state})"


def version_rows(uploads: Sequence[FrameworkVersionInfo]) -> list[dict[str, object]]:
    return [
        {
            "Upload": u.id,
            "Version": u.version,
            "File": u.source_name,
            "SHA-256 (first 12)": u.sha256[:12],
            "Uploaded by": u.uploaded_by,
            "Uploaded at": _when(u.uploaded_at),
            "Last activated by": u.activated_by or "—",
            "Last activated at": _when(u.activated_at),
            "In use": "Yes" if u.active else "No",
        }
        for u in uploads
    ]


# --------------------------------------------------------------------------- versions: difference

_SECTION_NAMES = (("nodes", "Items"), ("links", "Links"), ("references", "References"))


def _value(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _name(entry: ItemRef | LinkRef) -> dict[str, str]:
    if isinstance(entry, LinkRef):
        return {"What": entry.label, "Type": entry.type, "Label": ""}
    return {"What": entry.id, "Type": type_words(entry.type), "Label": entry.label}


def _change_rows(field_changes: Iterable[FieldChange]) -> list[dict[str, str]]:
    return [
        {"Field": c.field, "Before": _value(c.old), "After": _value(c.new)} for c in field_changes
    ]


def section_rows(section: SectionDiff) -> list[dict[str, str]]:
    """One row per added or removed entry, and one per changed field of a changed entry."""
    rows: list[dict[str, str]] = []
    for change, entries in (("Added", section.added), ("Removed", section.removed)):
        for entry in entries:
            rows.append({"Change": change, **_name(entry), "Field": "", "Before": "", "After": ""})
    for changed in section.changed:
        subject = changed.item if isinstance(changed, ItemChange) else changed.link
        for row in _change_rows(changed.changes):
            rows.append({"Change": "Changed", **_name(subject), **row})
    return rows


def count_rows(diff: FrameworkDiff) -> list[dict[str, object]]:
    return [
        {"Section": title, **{k.capitalize(): v for k, v in getattr(diff, attr).counts().items()}}
        for attr, title in _SECTION_NAMES
    ]


def diff_json(diff: FrameworkDiff) -> str:
    return json.dumps(diff.to_json(), indent=2, ensure_ascii=False) + "\n"


def render_diff(diff: FrameworkDiff) -> None:
    """The summary, notes, counts per section and the details as tables."""
    text.show(diff.summary())
    for note in diff.notes:
        text.show_warning(note)
    if diff.is_empty:
        st.info("This upload has the same content as the version in use.")
        return
    text.table(count_rows(diff))
    if diff.header:
        st.markdown("#### Title, version, date and description")
        st.dataframe(_change_rows(diff.header), hide_index=True, width="stretch")
    for attr, title in _SECTION_NAMES:
        section: SectionDiff = getattr(diff, attr)
        if not section.is_empty:
            st.markdown(f"#### {title}")
            st.dataframe(section_rows(section), hide_index=True, width="stretch")


def _difference(store: Store, actor: Actor, version_id: int) -> FrameworkDiff | None:
    try:
        return framework_service.difference(store, actor, version_id)
    except FrameworkError as exc:
        show_problems(exc)
    except (InvalidInput, NotPermitted) as exc:
        text.show_error(exc)
    return None


def _activate(store: Store, actor: Actor, chosen: FrameworkVersionInfo) -> None:
    try:
        done = framework_service.activate(store, actor, chosen.id)
    except (InvalidInput, NotPermitted) as exc:
        text.show_error(exc)
        return
    st.session_state[NOTICE] = (
        f"Version {done.version} (upload {done.id}) is now in use: activated by "
        f"{done.activated_by} at {_when(done.activated_at)}. Every new record is made under "
        f"version {done.version}. Records made earlier keep the framework version they were "
        "made under."
    )
    st.rerun()


def review(store: Store, actor: Actor, chosen: FrameworkVersionInfo, in_use: CurrentInfo) -> None:
    """How an upload differs from the version in use, and the way to activate it."""
    if chosen.id == in_use.stored_id:
        text.show_success(
            f"Upload {chosen.id} (version {chosen.version}) is the version in use: activated "
            f"by {chosen.activated_by} at {_when(chosen.activated_at)}."
        )
        return
    diff = _difference(store, actor, chosen.id)
    if diff is None:
        return
    st.subheader(
        f"How version {chosen.version} differs from version {in_use.version}, in use", anchor=False
    )
    render_diff(diff)
    st.download_button(
        "Download the difference as JSON",
        diff_json(diff),
        f"framework-difference-{diff.old_version}-to-{diff.new_version}.json",
        "application/json",
        key=f"versions_diff_json_{chosen.id}",
    )
    if chosen.activated_at is not None:
        text.show_info(
            f"This upload was in use before (last activated by {chosen.activated_by} at "
            f"{_when(chosen.activated_at)}). Activating it again goes back to it."
        )
    confirmed = st.checkbox(
        "I have read the difference and want every new record to use this version",
        key=f"versions_confirm_{chosen.id}",
    )
    if st.button(
        f"Activate version {chosen.version}", key=f"versions_activate_{chosen.id}", type="primary"
    ):
        if confirmed:
            _activate(store, actor, chosen)
        else:
            st.warning("Tick the box to confirm you have read the difference, then activate.")
