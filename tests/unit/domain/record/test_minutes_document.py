"""The minutes as one document model: its sections in order, each risk with its decisions and
dissent in the party's own words, the rest under "Other matters", the actions table, and what
was withdrawn left out, only counted."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from risk_app.domain.record.meetings import (
    Attendee,
    ItemKind,
    MeetingItem,
    MeetingStatus,
    MeetingView,
    PersonVoice,
    Withdrawal,
)
from risk_app.domain.record.minutes_document import (
    ACTION_COLUMNS,
    DEFAULT_MARKING,
    MinutesDocument,
    Section,
    build_minutes,
)
from risk_app.domain.record.ownership import ActionStatus, ActionView, OwnerKind

AT = datetime(2026, 5, 3, 10, 0, tzinfo=UTC)


def item(
    n: int, kind: ItemKind, text: str, *, party: str = "", risk: int | None = None
) -> MeetingItem:
    activity = {5: "Going out at night", 6: "Cooking"}.get(risk or 0, "")
    return MeetingItem(n, kind, risk, activity, text, party, AT, "practitioner")


def meeting(**changes: object) -> MeetingView:
    base = MeetingView(
        id=1,
        person_id=2,
        person_name="Eilidh MacLeod",
        held_on=date(2026, 5, 3),
        title="Risk meeting",
        purpose="Going out alone",
        chair="Priya Natarajan",
        person_view="I want to keep going to the pub.",
        person_voice=PersonVoice.ADVOCATE,
        next_meeting=date(2026, 6, 1),
        status=MeetingStatus.CLOSED,
        framework_version="1",
        created_at=AT,
        created_by="practitioner",
        version=3,
        attendees=(
            Attendee("Siân Pritchard", "Advocacy Cymru", OwnerKind.ADVOCATE),
            Attendee("PC Lewis", "West Police", OwnerKind.POLICE, present=False),
        ),
        items=(
            item(1, ItemKind.RISK, "Walks home late", risk=5),
            item(2, ItemKind.DECISION, "Eilidh keeps going out", risk=5),
            item(3, ItemKind.DISSENT, "It is too dangerous after dark", party="PC Lewis", risk=5),
            item(4, ItemKind.RISK, "Leaves the hob on", risk=6),
            item(5, ItemKind.NOTE, "Capacity presumed"),
            item(6, ItemKind.DISSENT, "We were not asked", party="Her brother"),
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
            ActionView(
                8,
                "Fit a hob guard",
                "Hearth Care",
                OwnerKind.PROVIDER,
                None,
                ActionStatus.DONE,
                True,
                acknowledged_by=("Hearth Care (phone)",),
            ),
        ),
        open_action_count=1,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def build(view: MeetingView | None = None) -> MinutesDocument:
    return build_minutes(view or meeting(), organisation="North Borough", marking=DEFAULT_MARKING)


def section(doc: MinutesDocument, heading: str) -> Section:
    return next(s for s in doc.sections if s.heading == heading)


def test_the_marking_is_official_sensitive_unless_set():
    assert DEFAULT_MARKING == "OFFICIAL-SENSITIVE"
    doc = build_minutes(meeting(), organisation="North Borough", marking="OFFICIAL")
    assert (doc.organisation, doc.marking) == ("North Borough", "OFFICIAL")
    assert doc.document_title == "Risk meeting - minutes"


def test_the_sections_come_in_the_order_of_a_meeting():
    assert [s.heading for s in build().sections] == [
        "Attendees",
        "The person's voice",
        "Risks discussed",
        "Other matters",
        "Actions agreed",
        "Next review",
    ]
    assert dict(build().facts)["Date"] == "3 May 2026"


def test_attendees_show_their_agency_and_apologies():
    table = section(build(), "Attendees").tables[0]
    assert table.rows == (
        ("Siân Pritchard", "Advocacy Cymru", "Advocate", "Present"),
        ("PC Lewis", "West Police", "Police", "Apologies"),
    )


def test_the_persons_voice_is_said_and_their_view_in_their_words():
    voice = section(build(), "The person's voice")
    assert voice.paragraphs == (
        "An advocate attended for the person.",
        "I want to keep going to the pub.",
    )


def test_each_risk_has_its_decisions_and_dissent_in_the_partys_own_words():
    risks = section(build(), "Risks discussed").subsections
    assert [r.heading for r in risks] == ["Going out at night", "Cooking"]
    night = risks[0].entries
    assert [(e.lead, e.text, e.quoted) for e in night] == [
        ("Discussion", "Walks home late", False),
        ("Decision", "Eilidh keeps going out", False),
        ("Dissent: PC Lewis, in their own words", "It is too dangerous after dark", True),
    ]


def test_what_is_not_about_a_risk_is_under_other_matters():
    other = section(build(), "Other matters").entries
    assert [(e.lead, e.text) for e in other] == [
        ("Dissent: Her brother, in their own words", "We were not asked"),
        ("Note", "Capacity presumed"),
    ]


def test_the_actions_table_says_who_does_what_by_when():
    actions = section(build(), "Actions agreed")
    table = actions.tables[0]
    assert table.columns == ACTION_COLUMNS
    assert table.columns[:3] == ("Owner", "What", "By when")
    assert table.rows == (
        ("Gill (Council)", "Ring after each trip", "10 May 2026", "Open", "Not yet"),
        ("Hearth Care (Provider)", "Fit a hob guard", "No date set", "Done", "Hearth Care (phone)"),
    )
    assert actions.paragraphs == ("2 actions agreed, 1 still open.",)


def test_the_next_review_is_the_next_meeting_or_not_set():
    assert section(build(), "Next review").paragraphs == ("Next meeting: 1 June 2026",)
    unset = build(meeting(next_meeting=None))
    assert section(unset, "Next review").paragraphs == ("Next meeting: Not set",)


def test_an_empty_meeting_says_so_in_each_section_and_never_none():
    doc = build(meeting(attendees=(), items=(), actions=(), person_view=""))
    empty = {s.heading: s.empty for s in doc.sections if s.is_empty}
    assert empty == {
        "Attendees": "No attendees recorded.",
        "Risks discussed": "No risk was discussed.",
        "Other matters": "Nothing else was recorded.",
        "Actions agreed": "No actions were agreed.",
    }
    assert "None" not in " ".join(doc.all_text())


def test_a_risk_no_longer_on_the_record_still_has_a_heading():
    doc = build(meeting(items=(MeetingItem(1, ItemKind.RISK, 99, "", "Talked", "", AT, "p"),)))
    assert (
        section(doc, "Risks discussed").subsections[0].heading == "A risk no longer on the record"
    )


def test_a_withdrawn_entry_is_left_out_and_only_counted():
    wrong = replace(
        item(1, ItemKind.DECISION, "Stop going out"),
        withdrawn=Withdrawal(AT, "practitioner", "Added under the wrong person"),
    )
    doc = build(meeting(items=(wrong, item(2, ItemKind.DECISION, "Keeps going out"))))
    assert [e.text for e in section(doc, "Other matters").entries] == ["Keeps going out"]
    said = section(doc, "Withdrawn during the meeting").paragraphs[0]
    assert said.startswith("1 entry was withdrawn during the meeting")
    everything = " ".join(doc.all_text())
    assert "Stop going out" not in everything
    assert "wrong person" not in everything  # the reason stays on the record, not in minutes


def test_a_correction_is_shown_beside_what_it_corrects():
    items = (
        item(1, ItemKind.DECISION, "Review in May"),
        replace(item(2, ItemKind.NOTE, "Review in June"), corrects_item_id=1),
    )
    entries = section(build(meeting(items=items)), "Other matters").entries
    assert entries[1].corrects == "Corrects the decision: Review in May"
    assert not any(s.heading == "Withdrawn during the meeting" for s in build().sections)
