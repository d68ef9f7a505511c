"""Meeting minutes from their templates: every section in order, hostile text (list items too)
shown as text in the HTML, and the plain-text form word for word."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime

from risk_app.adapters.minutes import minutes_html, minutes_text
from risk_app.domain.record.meetings import (
    Attendee,
    ItemKind,
    MeetingItem,
    MeetingStatus,
    MeetingView,
    PersonVoice,
)
from risk_app.domain.record.ownership import ActionStatus, ActionView, OwnerKind

AT = datetime(2026, 5, 3, 10, 0, tzinfo=UTC)
SCRIPT = "<script>alert(1)</script>"
BREAKOUT = "</li><li>injected"


def item(n: int, kind: ItemKind, text: str, *, party: str = "", risk: str = "") -> MeetingItem:
    return MeetingItem(n, kind, 5 if risk else None, risk, text, party, AT, "practitioner")


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
            item(2, ItemKind.DECISION, "Amina keeps going out"),
            item(3, ItemKind.NOTE, "Capacity presumed"),
            item(4, ItemKind.DISSENT, "Too dangerous", party="Her brother"),
        ),
        actions=(
            ActionView(
                7,
                "Ring after each trip",
                "Gill",
                OwnerKind.COUNCIL,
                date(2026, 5, 10),
                ActionStatus.OPEN,
                False,
            ),
        ),
        open_action_count=1,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_the_plain_text_minutes_word_for_word():
    assert minutes_text(view()) == (
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
        "- Amina Okafor (-, The person): Present\n"
        "- PC Lewis (West Police, Police): Absent\n"
        "\n"
        "The person's view\n"
        "-----------------\n"
        "The person attended.\n"
        "No separate view recorded.\n"
        "\n"
        "Risks discussed\n"
        "---------------\n"
        "- Going out at night: Discussed\n"
        "\n"
        "Decisions\n"
        "---------\n"
        "- Amina keeps going out\n"
        "\n"
        "Notes\n"
        "-----\n"
        "- Capacity presumed\n"
        "\n"
        "Disagreement\n"
        "------------\n"
        "- Her brother: Too dangerous\n"
        "\n"
        "Actions agreed\n"
        "--------------\n"
        "Owner: Gill | Role: Council | What: Ring after each trip | By when: 10 May 2026 | "
        "Status: Open | Acknowledged: No\n"
        "Open actions: 1\n"
        "\n"
        "Next meeting\n"
        "------------\n"
        "1 June 2026\n"
    )


def test_an_empty_record_says_none_in_each_section():
    empty = view(attendees=(), items=(), actions=(), open_action_count=0, next_meeting=None)
    text = minutes_text(empty)
    assert text.count("None.\n") == 4 and "None recorded.\n" in text
    assert text.endswith("Open actions: 0\n\nNext meeting\n------------\nNot set\n")
    page = minutes_html(empty)
    assert "<ul>" not in page and "<table>" not in page
    assert page.count("<p>None.</p>") == 5 and "<p>None recorded.</p>" in page
    assert "<p>Not set</p>" in page


def test_the_html_minutes_have_every_section_in_order_in_british_english():
    page = minutes_html(view())
    assert page.startswith("<!doctype html>") and '<html lang="en-GB">' in page
    assert "<title>Risk meeting - minutes</title>" in page
    headings = re.findall(r"<h2>(.*?)</h2>", page)
    assert headings == [
        "Attendees",
        "The person's view",
        "Risks discussed",
        "Decisions",
        "Notes",
        "Disagreement",
        "Actions agreed",
        "Next meeting",
    ]
    assert "<dt>Status</dt><dd>Closed</dd>" in page
    assert "<li><strong>Going out at night</strong>: Discussed</li>" in page
    assert "<li><strong>Her brother</strong>: Too dangerous</li>" in page
    assert '<th scope="col">Acknowledged</th>' in page and "<td>Absent</td>" in page


def test_hostile_list_items_come_out_as_text_one_item_each():
    hostile = (
        item(1, ItemKind.RISK, BREAKOUT, risk=SCRIPT),
        item(2, ItemKind.DECISION, SCRIPT),
        item(3, ItemKind.DECISION, BREAKOUT),
        item(4, ItemKind.NOTE, f"Note {BREAKOUT}"),
        item(5, ItemKind.DISSENT, BREAKOUT, party=SCRIPT),
    )
    page = minutes_html(view(items=hostile))
    assert "<script" not in page and "<li>injected" not in page
    assert page.count("<li>") == len(hostile)
    assert page.count("&lt;/li&gt;&lt;li&gt;injected") == 4
    assert "<li><strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>: &lt;/li&gt;" in page
    assert "<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>" in page


def test_line_breaks_are_kept_and_template_syntax_in_text_is_never_run():
    text = view(
        items=(item(1, ItemKind.NOTE, "First line\nsecond line {{ 7*7 }} {% if x %}"),),
        purpose="{{ view.chair }}",
    )
    page = minutes_html(text)
    assert "<li>First line<br>second line {{ 7*7 }} {% if x %}</li>" in page
    assert "<dd>{{ view.chair }}</dd>" in page
    plain = minutes_text(text)
    assert "- First line\nsecond line {{ 7*7 }} {% if x %}\n" in plain
    assert "Purpose: {{ view.chair }}\n" in plain


def test_the_plain_text_form_is_not_escaped():
    plain = minutes_text(view(title=SCRIPT, items=(item(1, ItemKind.DECISION, "A & B"),)))
    assert plain.startswith(f"{SCRIPT}\n{'=' * len(SCRIPT)}\n")
    assert "- A & B\n" in plain and "&amp;" not in plain and "&lt;" not in plain
