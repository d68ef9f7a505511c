"""The minutes of a multi-agency risk meeting in each form it is sent in, all drawn from the one
`MinutesDocument` (risk_app/domain/record/minutes_document.py):

- HTML (template ``minutes.html``, every piece of text autoescaped), the view on screen;
- a tagged PDF/UA-1 printed from that HTML (`pdf.print_pdf`), with the organisation and the
  protective marking in each page's header and the marking in each page's footer;
- a Word document (python-docx) with real Heading styles, real tables whose header row repeats
  on each page, the document's title and language in its properties, and the marking in the
  header and footer of every section;
- plain text (template ``minutes.txt``).

Text is always set as text: Jinja escapes it in HTML, and python-docx writes it as XML character
data, so nothing typed into a meeting can become markup in any form.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from risk_app.adapters import documents
from risk_app.adapters.pdf import print_pdf
from risk_app.domain.record.minutes_document import Entry, MinutesDocument, Section, Table

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

PDF_ALTERNATIVE = "The minutes can still be downloaded as a Word document or as HTML."


def minutes_text(doc: MinutesDocument) -> str:
    """The minutes as plain text."""
    return documents.render_text("minutes.txt", doc=doc)


def minutes_html(doc: MinutesDocument) -> str:
    """The minutes as a complete, accessible HTML document, every piece of text escaped."""
    return documents.render_html("minutes.html", doc=doc)


def minutes_pdf(doc: MinutesDocument) -> bytes:
    """The minutes as a tagged PDF/UA-1 (title and language from the HTML), the marking on every
    page; RiskAppError when no PDF can be made here."""
    return print_pdf(minutes_html(doc), alternative=PDF_ALTERNATIVE)


def render_minutes(doc: MinutesDocument, fmt: str) -> str | bytes:
    """The minutes in one of the formats "html", "text", "pdf" or "docx"."""
    forms: dict[str, Callable[[MinutesDocument], str | bytes]] = {
        "html": minutes_html,
        "text": minutes_text,
        "pdf": minutes_pdf,
        "docx": minutes_docx,
    }
    return forms[fmt](doc)


# ---------------------------------------------------------------------- Word
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _x(text: str) -> str:
    """Text Word can hold: characters XML 1.0 cannot carry become U+FFFD (the services refuse
    them anyway; this keeps a document from failing to build)."""
    return _NOT_XML.sub("\ufffd", text)


def minutes_docx(doc: MinutesDocument) -> bytes:
    """The minutes as a Word document (.docx)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    word = docx.Document()
    props = word.core_properties
    props.title = _x(doc.document_title)
    props.subject = "Minutes of a multi-agency risk meeting"
    props.author = _x(doc.organisation)
    props.language = documents.LANG
    props.category = _x(doc.marking)
    props.keywords = _x(doc.marking)
    props.comments = ""
    _set_language(word)
    for page_section in word.sections:
        header = page_section.header.paragraphs[0]
        header.text = _x(f"{doc.marking}\t{doc.organisation}")
        header.runs[0].bold = True
        footer = page_section.footer.paragraphs[0]
        footer.text = _x(doc.marking)
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.runs[0].bold = True

    word.add_paragraph(_x(doc.organisation))
    word.add_heading(_x(doc.title), level=1)
    facts = word.add_table(rows=0, cols=2)
    facts.style = "Table Grid"
    for label, value in doc.facts:
        cells = facts.add_row().cells
        cells[0].text = _x(label)
        cells[0].paragraphs[0].runs[0].bold = True
        cells[1].text = _x(value)
    for section in doc.sections:
        _section(word, section, level=2)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _set_language(word: WordDocument) -> None:
    """Mark the default run language as British English, so screen readers and spelling use it."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    styles = word.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None:
        return
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), documents.LANG)


def _section(word: WordDocument, section: Section, *, level: int) -> None:
    word.add_heading(_x(section.heading), level=level)
    for text in section.paragraphs:
        word.add_paragraph(_x(text))
    for entry in section.entries:
        _entry(word, entry)
    for table in section.tables:
        _table(word, table)
    for sub in section.subsections:
        _section(word, sub, level=level + 1)
    if section.is_empty and section.empty:
        word.add_paragraph(_x(section.empty))


def _entry(word: WordDocument, entry: Entry) -> None:
    para = word.add_paragraph(style="List Bullet")
    para.add_run(_x(f"{entry.lead}: ")).bold = True
    para.add_run(_x(f"\u201c{entry.text}\u201d" if entry.quoted else entry.text))
    if entry.corrects:
        para.add_run("\n")
        para.add_run(_x(entry.corrects)).italic = True


def _table(word: WordDocument, table: Table) -> None:
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    word.add_paragraph(_x(table.caption), style="Caption")
    grid = word.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    head = grid.rows[0]
    # The header row is a real header: repeated at the top of each page the table runs onto.
    tr_pr = head._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for cell, name in zip(head.cells, table.columns, strict=True):
        cell.text = _x(name)
        cell.paragraphs[0].runs[0].bold = True
    for row in table.rows:
        for cell, value in zip(grid.add_row().cells, row, strict=True):
            cell.text = _x(value)
