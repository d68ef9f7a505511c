"""Load and check the law book, and answer "what is the law for this person?".

The book is bundled with the package and checked when loaded: every jurisdiction risk-app supports
appears once, every citation names a listed reference, every reference says what kind of
publication it is. A problem is a :class:`FrameworkError` listing each fault, never a traceback.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from framework.errors import FrameworkError, Problem
from framework.law.schema import Citation, JurisdictionLaw, LawDocument
from framework.schema import Jurisdiction, Reference

BUNDLED_LAW = Path(__file__).resolve().parent.parent / "data" / "law.yaml"

NOT_SUPPORTED: dict[str, str] = {
    "northern_ireland": (
        "risk-app does not hold Northern Ireland's law yet (adult safeguarding there follows the "
        "Adult Safeguarding: Prevention and Protection in Partnership policy, and capacity the "
        "Mental Capacity Act (Northern Ireland) 2016). Record this person in a system that "
        "supports Northern Ireland, or ask your administrator."
    ),
}
"""Nations a person may live in that the book does not cover, with the message that refuses them."""


class UnsupportedJurisdiction(ValueError):
    """A person's nation is one whose law risk-app does not hold."""


class LawBook:
    """The checked law book: one entry per supported jurisdiction."""

    def __init__(self, document: LawDocument) -> None:
        self.document = document
        self._entries = {entry.jurisdiction: entry for entry in document.jurisdictions}
        self._references = {ref.id: ref for ref in document.references}

    @property
    def version(self) -> str:
        return self.document.version

    def jurisdictions(self) -> tuple[Jurisdiction, ...]:
        return tuple(self._entries)

    def law_for(self, jurisdiction: Jurisdiction | str) -> JurisdictionLaw:
        """The law for a person living in ``jurisdiction``; refuses nations not held."""
        try:
            return self._entries[Jurisdiction(jurisdiction)]
        except ValueError:
            message = NOT_SUPPORTED.get(
                str(jurisdiction), f"risk-app does not hold the law of '{jurisdiction}'."
            )
            raise UnsupportedJurisdiction(message) from None

    def reference(self, ref_id: str) -> Reference:
        return self._references[ref_id]

    def is_primary(self, citation: Citation) -> bool:
        """Whether the citation is to legislation, a judgment or statutory guidance."""
        kind = self._references[citation.ref].kind
        return kind is not None and kind.is_primary

    def describe(self, citation: Citation) -> str:
        """A citation as a reader sees it: "Care Act 2014, s42(1)"."""
        title = self._references[citation.ref].title
        return f"{title}, {citation.at}" if citation.at else title

    def link(self, citation: Citation) -> str | None:
        """Where to read it: the deep link if there is one, else the reference's address."""
        return citation.url or self._references[citation.ref].url


@cache
def law_book() -> LawBook:
    """The bundled law book (loaded once per process; it is read-only)."""
    return load_law(BUNDLED_LAW)


def load_law(path: Path) -> LawBook:
    name = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problem = Problem(name, "file", None, f"cannot read the law book: {exc}")
        raise FrameworkError([problem]) from None
    try:
        document = LawDocument.model_validate(data)
    except ValidationError as exc:
        problems = [
            Problem(name, ".".join(str(p) for p in error["loc"]) or "file", None, error["msg"])
            for error in exc.errors()
        ]
        raise FrameworkError(problems) from None
    problems = [Problem(name, where, None, what) for where, what in check_law(document)]
    if problems:
        raise FrameworkError(problems)
    return LawBook(document)


def check_law(document: LawDocument) -> list[tuple[str, str]]:
    """Faults that need the whole book: (where, what) pairs, empty when the book is sound."""
    faults: list[tuple[str, str]] = []
    known = {ref.id for ref in document.references}
    if len(known) != len(document.references):
        faults.append(("references", "a reference id is listed twice"))
    for ref in document.references:
        if ref.kind is None:
            faults.append((f"references.{ref.id}", "says nothing of what kind of text it is"))
    seen = [entry.jurisdiction for entry in document.jurisdictions]
    for nation in Jurisdiction:
        if seen.count(nation) != 1:
            faults.append(("jurisdictions", f"{nation.label} must appear exactly once"))
    for entry in document.jurisdictions:
        for citation in entry.citations():
            if citation.ref not in known:
                faults.append(
                    (entry.jurisdiction.value, f"cites unknown reference '{citation.ref}'")
                )
        codes = [authority.code for authority in entry.authorities]
        if len(set(codes)) != len(codes):
            faults.append((entry.jurisdiction.value, "an authority code is listed twice"))
    return faults
