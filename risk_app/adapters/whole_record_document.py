"""A person's whole record (`risk_app.services.record.whole_record`) as an accessible document:
HTML from the template ``whole_record.html`` (every value autoescaped, so text is shown exactly
as it was written and never read as markup), printed as a tagged PDF/UA-1 with the document's
language and title set.

Each section has a heading; each item is a table with a header row and each field's name as its
row header, so a screen reader announces which field a value is.
"""

from __future__ import annotations

from typing import Any

from risk_app.adapters import documents
from risk_app.adapters.pdf import print_pdf
from risk_app.domain.record import whole_record as shape


def _pairs(row: dict[str, Any]) -> list[tuple[str, str]]:
    return [(shape.heading(name), shape.shown(value)) for name, value in row.items()]


def _item(title: str, number: int, row: dict[str, Any]) -> dict[str, Any]:
    ident = row.get("id")
    return {
        "heading": f"{title}: item {ident if ident is not None else number}",
        "pairs": _pairs(row),
    }


def title(record: dict[str, Any]) -> str:
    """The document's title, naming the person, their record id, and whether it is the whole
    record or what the person's own account reads of it."""
    person = record["person"]
    what = "Whole record" if record["scope"] == "whole" else "Own copy of the record"
    return f"{what} of {person['display_name']} (record {person['id']})"


def html(record: dict[str, Any]) -> str:
    """The whole record as a complete, accessible HTML document, every piece of text escaped."""
    return documents.render_html(
        "whole_record.html",
        title=title(record),
        format=f"{record['format']}, version {record['format_version']}",
        exported_at=record["exported_at"],
        exported_by=record["exported_by"],
        framework_version=record["framework_version"],
        person=_pairs(record["person"]),
        sections=[
            {
                "title": s["title"],
                "rows": [_item(s["title"], n, r) for n, r in enumerate(s["rows"], start=1)],
            }
            for s in record["sections"]
        ],
        withheld=record["withheld"],
        not_included=record["not_included"],
    )


def pdf(record: dict[str, Any]) -> bytes:
    """The whole record as a tagged PDF/UA-1 (en-GB); RiskAppError if WeasyPrint or its system
    library Pango is missing."""
    return print_pdf(html(record), alternative="The whole record as JSON does not need it.")
