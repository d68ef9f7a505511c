"""Meeting minutes in every form, from the one minutes document: the HTML view (every section in
order, hostile text shown as text), plain text word for word, the tagged PDF (the marking and
the organisation on every page, the actions, no "None") and the Word document (real headings,
a real actions table with a repeating header row, the marking in every section's header, hostile
text literal)."""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime

import docx
import pikepdf
import pypdf
import pytest
from pdf_checks import pdf_text, struct_types

from risk_app.adapters.minutes import (
    minutes_docx,
    minutes_html,
    minutes_pdf,
    minutes_text,
    render_minutes,
)
from risk_app.domain.record.meetings import (
    Attendee,
    ItemKind,
    MeetingItem,
    MeetingStatus,
    MeetingView,
    PersonVoice,
)
from risk_app.domain.record.minutes_document import MinutesDocument, build_minutes
from risk_app.domain.record.ownership import ActionStatus, ActionView, OwnerKind

AT = datetime(2026, 5, 3, 10, 0, tzinfo=UTC)
SCRIPT = "<script>alert(1)</script>"
BREAKOUT = "</li><li>injected"
XML = '</w:t></w:r><w:r><w:t>injected & "quoted" ]]>'
ORGANISATION = "North Borough Council"
MARKING = "OFFICIAL-SENSITIVE"


def item(n: int, kind: ItemKind, text: str, *, party: str = "", risk: str = "") -> MeetingItem:
    return MeetingItem(n, kind, 5 if risk else None, risk, text, party, AT, "practitioner")


def action(n: int, what: str, owner: str = "Gill") -> ActionView:
    return ActionView(
        n, what, owner, OwnerKind.COUNCIL, date(2026, 5, 10), ActionStatus.OPEN, False
    )


def view(**changes: object) -> MeetingView:
    base = MeetingView(
        id=1,
        person_id=2,
        person_name="Amina Okafor",
        held_on=date(2026, 5, 3),
        title="Risk meeting",
        purpose="Going out alone",
        chair="Priya Natarajan",
        person_view="",
        person_voice=PersonVoice.PERSON,
        next_meeting=date(2026, 6, 1),
        status=MeetingStatus.CLOSED,
        framework_version="1",
        created_at=AT,
        created_by="practitioner",
        version=3,
        attendees=(
            Attendee("Amina Okafor", "", OwnerKind.PERSON),
            Attendee("PC Lewis", "West Police", OwnerKind.POLICE, present=False),
        ),
        items=(
            item(1, ItemKind.RISK, "Discussed", risk="Going out at night"),
            item(2, ItemKind.DECISION, "Amina keeps going out", risk="Going out at night"),
            item(
                3, ItemKind.DISSENT, "Too dangerous", party="Her brother", risk="Going out at night"
            ),
            item(4, ItemKind.NOTE, "Capacity presumed"),
        ),
        actions=(action(7, "Ring after each trip"),),
        open_action_count=1,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def doc(meeting: MeetingView | None = None, **settings: str) -> MinutesDocument:
    return build_minutes(
        meeting or view(),
        organisation=settings.get("organisation", ORGANISATION),
        marking=settings.get("marking", MARKING),
    )


# ---------------------------------------------------------------------- plain text and HTML
def test_the_plain_text_minutes_word_for_word():
    assert minutes_text(doc()) == (
        "OFFICIAL-SENSITIVE\n"
        "North Borough Council\n"
        "\n"
        "Risk meeting\n"
        "============\n"
        "Date: 3 May 2026\n"
        "Person: Amina Okafor\n"
        "Chair: Priya Natarajan\n"
        "Purpose: Going out alone\n"
        "Status: Closed\n"
        "\n"
        "Attendees\n"
        "---------\n"
        "Who was invited, their agency, and who attended:\n"
        "- Name: Amina Okafor | Agency: - | Role: The person | Attendance: Present\n"
        "- Name: PC Lewis | Agency: West Police | Role: Police | Attendance: Apologies\n"
        "\n"
        "The person's voice\n"
        "------------------\n"
        "The person attended.\n"
        "No separate view recorded.\n"
        "\n"
        "Risks discussed\n"
        "---------------\n"
        "\n"
        "Going out at night\n"
        "~~~~~~~~~~~~~~~~~~\n"
        "- Discussion: Discussed\n"
        "- Decision: Amina keeps going out\n"
        '- Dissent: Her brother, in their own words: "Too dangerous"\n'
        "\n"
        "Other matters\n"
        "-------------\n"
        "- Note: Capacity presumed\n"
        "\n"
        "Actions agreed\n"
        "--------------\n"
        "1 action agreed, 1 still open.\n"
        "Who does what, by when:\n"
        "- Owner: Gill (Council) | What: Ring after each trip | By when: 10 May 2026 | "
        "Status: Open | Acknowledged: Not yet\n"
        "\n"
        "Next review\n"
        "-----------\n"
        "Next meeting: 1 June 2026\n"
        "\n"
        "OFFICIAL-SENSITIVE\n"
    )


def test_the_html_minutes_have_every_section_in_order_in_british_english():
    page = minutes_html(doc())
    assert page.startswith("<!doctype html>") and '<html lang="en-GB">' in page
    assert "<title>Risk meeting - minutes</title>" in page
    assert [html.unescape(h) for h in re.findall(r"<h2>(.*?)</h2>", page)] == [
        "Attendees",
        "The person's voice",
        "Risks discussed",
        "Other matters",
        "Actions agreed",
        "Next review",
    ]
    assert "<h3>Going out at night</h3>" in page
    assert '<p class="marking">OFFICIAL-SENSITIVE</p>' in page
    assert '<p class="organisation">North Borough Council</p>' in page
    assert "<dt>Status</dt><dd>Closed</dd>" in page
    assert (
        "<li><strong>Dissent: Her brother, in their own words</strong>: <q>Too dangerous</q></li>"
        in page
    )
    assert '<th scope="col">By when</th>' in page and "<td>Apologies</td>" in page


def test_an_empty_record_says_so_and_never_none():
    empty = view(attendees=(), items=(), actions=(), open_action_count=0, next_meeting=None)
    page = minutes_html(doc(empty))
    assert "<ul>" not in page and "<table>" not in page
    for words in ("No attendees recorded.", "No risk was discussed.", "No actions were agreed."):
        assert f"<p>{words}</p>" in page
    assert "<p>Next meeting: Not set</p>" in page
    assert "None" not in page and "None" not in minutes_text(doc(empty))


def test_hostile_list_items_come_out_as_text_one_item_each():
    hostile = (
        item(1, ItemKind.RISK, BREAKOUT, risk=SCRIPT),
        item(2, ItemKind.DECISION, SCRIPT),
        item(3, ItemKind.DECISION, BREAKOUT),
        item(4, ItemKind.NOTE, f"Note {BREAKOUT}"),
        item(5, ItemKind.DISSENT, BREAKOUT, party=SCRIPT),
    )
    page = minutes_html(doc(view(items=hostile), organisation=SCRIPT, marking="<b>x</b>"))
    assert "<script" not in page and "<li>injected" not in page and "<b>x" not in page
    assert page.count("<li>") == len(hostile)
    assert page.count("&lt;/li&gt;&lt;li&gt;injected") == 4
    assert "<h3>&lt;script&gt;alert(1)&lt;/script&gt;</h3>" in page


def test_line_breaks_are_kept_and_template_syntax_in_text_is_never_run():
    meeting = view(
        items=(item(1, ItemKind.NOTE, "First line\nsecond line {{ 7*7 }} {% if x %}"),),
        purpose="{{ doc.marking }}",
    )
    page = minutes_html(doc(meeting))
    assert "First line<br>second line {{ 7*7 }} {% if x %}</li>" in page
    assert "<dd>{{ doc.marking }}</dd>" in page
    plain = minutes_text(doc(meeting))
    assert "- Note: First line\nsecond line {{ 7*7 }} {% if x %}\n" in plain
    assert "Purpose: {{ doc.marking }}\n" in plain


def test_the_plain_text_form_is_not_escaped():
    plain = minutes_text(doc(view(title=SCRIPT, items=(item(1, ItemKind.DECISION, "A & B"),))))
    assert f"\n{SCRIPT}\n{'=' * len(SCRIPT)}\n" in plain
    assert "- Decision: A & B\n" in plain and "&amp;" not in plain and "&lt;" not in plain


def test_an_unknown_format_is_refused():
    with pytest.raises(KeyError):
        render_minutes(doc(), "rtf")


# ---------------------------------------------------------------------- PDF
@pytest.fixture(scope="module")
def long_pdf() -> bytes:
    """Minutes long enough to run over several pages."""
    actions = tuple(action(n, f"Action number {n} to be done") for n in range(1, 61))
    return minutes_pdf(doc(view(actions=actions, open_action_count=60)))


def test_the_pdf_is_tagged_pdf_ua_in_british_english_with_its_title(long_pdf):
    document = pikepdf.open(io.BytesIO(long_pdf))
    assert str(document.Root.Lang) == "en-GB"
    assert bool(document.Root.MarkInfo.Marked) is True
    assert {"/H1", "/H2", "/H3", "/P", "/Table", "/TH", "/TD", "/Caption", "/L"} <= struct_types(
        document
    )
    with document.open_metadata() as meta:
        assert "Risk meeting - minutes" in str(meta.get("dc:title"))
        assert meta.get("pdfuaid:part") == "1"


def test_every_page_of_the_pdf_carries_the_marking_and_the_organisation(long_pdf):
    pages = pypdf.PdfReader(io.BytesIO(long_pdf)).pages
    assert len(pages) >= 2
    for page in pages:
        words = page.extract_text()
        assert words.count(MARKING) >= 2  # in the header and in the footer
        assert ORGANISATION in words


def test_the_pdf_has_the_actions_and_never_says_none(long_pdf):
    text = pdf_text(long_pdf)
    assert "Action number 1 to be done" in text and "Action number 60 to be done" in text
    assert "Gill (Council)" in text and "10 May 2026" in text
    assert "Dissent: Her brother, in their own words" in text
    assert "None" not in text


def test_hostile_text_is_printed_literally_in_the_pdf():
    hostile = view(title=SCRIPT, items=(item(1, ItemKind.NOTE, BREAKOUT),))
    text = pdf_text(minutes_pdf(doc(hostile, organisation=SCRIPT)))
    assert SCRIPT in text and BREAKOUT in text


# ---------------------------------------------------------------------- Word
def word(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_the_word_minutes_have_real_headings_in_order():
    document = word(minutes_docx(doc()))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings == [
        ("Heading 1", "Risk meeting"),
        ("Heading 2", "Attendees"),
        ("Heading 2", "The person's voice"),
        ("Heading 2", "Risks discussed"),
        ("Heading 3", "Going out at night"),
        ("Heading 2", "Other matters"),
        ("Heading 2", "Actions agreed"),
        ("Heading 2", "Next review"),
    ]
    assert document.core_properties.title == "Risk meeting - minutes"
    assert document.core_properties.language == "en-GB"


def test_the_word_actions_are_a_real_table_with_a_repeating_header_row():
    document = word(minutes_docx(doc()))
    actions = next(t for t in document.tables if t.rows[0].cells[0].text == "Owner")
    assert [c.text for c in actions.rows[0].cells] == [
        "Owner",
        "What",
        "By when",
        "Status",
        "Acknowledged",
    ]
    assert 'w:tblHeader w:val="true"' in actions.rows[0]._tr.xml
    assert [c.text for c in actions.rows[1].cells][:3] == [
        "Gill (Council)",
        "Ring after each trip",
        "10 May 2026",
    ]


def test_every_section_of_the_word_minutes_has_the_marking_in_its_header_and_footer():
    document = word(minutes_docx(doc(marking="OFFICIAL")))
    for section in document.sections:
        assert section.header.paragraphs[0].text.startswith("OFFICIAL\t")
        assert ORGANISATION in section.header.paragraphs[0].text
        assert section.footer.paragraphs[0].text == "OFFICIAL"


def test_hostile_text_stays_literal_in_the_word_minutes():
    hostile = view(
        title=XML,
        items=(item(1, ItemKind.DISSENT, XML, party=SCRIPT), item(2, ItemKind.NOTE, "\x0bbell")),
        actions=(action(7, XML, owner=SCRIPT),),
    )
    data = minutes_docx(doc(hostile, organisation=XML))
    document = word(data)
    body = "\n".join(p.text for p in document.paragraphs)
    assert XML in body and SCRIPT in body and "\ufffdbell" in body
    assert document.paragraphs[1].text == XML  # the title: one paragraph, not split
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert XML in cells and f"{SCRIPT} (Council)" in cells
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode()
    assert "<w:t>injected" not in xml and "&lt;/w:t&gt;" in xml
    assert "None" not in body
