"""Multi-agency risk meetings: the person's voice, items, actions followed up, minutes and access."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import docx
import pytest
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow, PersonRow
from risk_app.config import Settings
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.record.meetings import MeetingStatus, MeetingView, PersonVoice
from risk_app.domain.record.ownership import ActionStatus
from risk_app.services.record import meetings, risks
from tests import factories
from tests.pdf_checks import pdf_text

TODAY = datetime.now(UTC).date()
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'

ATTENDEES = [
    {"name": "Amina Okafor", "agency": "", "role": "person", "present": True},
    {"name": "Dr Shah", "agency": "Riverside Surgery", "role": "health", "present": True},
    {"name": "PC Lewis", "agency": "West Police", "role": "police", "present": False},
]


@pytest.fixture
def north(store: Store):
    return factories.actor(store, username="practitioner")


@pytest.fixture
def south(store: Store):
    return factories.actor(store, team=factories.SOUTH, username="practitioner.south")


def _person(store: Store, name: str) -> int:
    return factories.person(store, name).id


def _risk(store: Store, actor, person_id: int, activity: str = "Going out alone at night") -> int:
    assessment = risks.start_assessment(store, by=actor, person_id=person_id)
    return risks.add_risk(
        store,
        by=actor,
        assessment_id=assessment,
        data=risks.RiskInput(activity=activity, likelihood=3, impact=4),
    )


def _open(store: Store, actor, person_id: int, **changes) -> MeetingView:
    args: dict = {
        "held_on": TODAY,
        "title": "Risk meeting",
        "purpose": "Agree how to keep Amina safe while she goes out",
        "chair": "Team manager",
        "attendees": ATTENDEES,
    }
    args.update(changes)
    return meetings.open_meeting(store, by=actor, person_id=person_id, **args)


def test_a_meeting_is_opened_with_the_person_and_agencies_present(store, north):
    amina = _person(store, "Amina Okafor")
    view = _open(store, north, amina)
    assert view.status is MeetingStatus.OPEN
    assert view.person_voice is PersonVoice.PERSON
    assert view.person_name == "Amina Okafor"
    assert [(a.name, a.agency, a.role.value, a.present) for a in view.attendees] == [
        ("Amina Okafor", "", "person", True),
        ("Dr Shah", "Riverside Surgery", "health", True),
        ("PC Lewis", "West Police", "police", False),
    ]
    assert [m.id for m in meetings.meetings_for(store, by=north, person_id=amina)] == [view.id]


def test_a_meeting_without_the_persons_voice_is_refused(store, north):
    amina = _person(store, "Amina Okafor")
    agencies = [ATTENDEES[1], {**ATTENDEES[0], "present": False}]
    with pytest.raises(InvalidInput, match="Record the person's view, or who spoke for them"):
        _open(store, north, amina, attendees=agencies)
    with pytest.raises(InvalidInput, match="at least one attendee"):
        _open(store, north, amina, attendees=[])
    with pytest.raises(InvalidInput, match="role of attendee 1"):
        _open(store, north, amina, attendees=[{**ATTENDEES[0], "role": "wizard"}])
    advocate = {"name": "Jo Bell", "agency": "Advocacy Now", "role": "advocate", "present": True}
    spoken_for = _open(store, north, amina, attendees=[ATTENDEES[1], advocate])
    assert spoken_for.person_voice is PersonVoice.ADVOCATE
    recorded = _open(
        store, north, amina, attendees=agencies, person_view="I want to keep going out"
    )
    assert recorded.person_voice is PersonVoice.VIEW_RECORDED
    assert recorded.person_view == "I want to keep going out"


def test_risks_decisions_notes_and_dissent_are_added_to_the_record(store, north):
    amina = _person(store, "Amina Okafor")
    risk = _risk(store, north, amina)
    view = _open(store, north, amina)
    meetings.add_item(
        store, by=north, meeting_id=view.id, kind="risk", risk_id=risk, text="Discussed"
    )
    meetings.add_item(
        store, by=north, meeting_id=view.id, kind="decision", text="Amina keeps going out"
    )
    meetings.add_item(store, by=north, meeting_id=view.id, kind="note", text="Capacity presumed")
    meetings.add_item(
        store,
        by=north,
        meeting_id=view.id,
        kind="dissent",
        party="Her brother",
        text="I think it is too dangerous",
    )
    with pytest.raises(InvalidInput, match="who disagrees"):
        meetings.add_item(store, by=north, meeting_id=view.id, kind="dissent", text="No")
    with pytest.raises(InvalidInput, match="own words"):
        meetings.add_item(store, by=north, meeting_id=view.id, kind="dissent", party="GP", text=" ")
    items = meetings.meeting(store, by=north, meeting_id=view.id).items
    assert [(i.kind.value, i.risk_activity, i.party) for i in items] == [
        ("risk", "Going out alone at night", ""),
        ("decision", "", ""),
        ("note", "", ""),
        ("dissent", "", "Her brother"),
    ]


def test_a_risk_item_for_another_persons_risk_is_refused(store, north):
    amina = _person(store, "Amina Okafor")
    david_risk = _risk(store, north, _person(store, "David Price"))
    view = _open(store, north, amina)
    with pytest.raises(InvalidInput, match="does not belong to this person"):
        meetings.add_item(
            store, by=north, meeting_id=view.id, kind="risk", risk_id=david_risk, text="x"
        )
    with pytest.raises(InvalidInput, match="does not belong to this person"):
        meetings.agree_action(
            store,
            by=north,
            meeting_id=view.id,
            description="Check in",
            owner_name="Dr Shah",
            owner_kind="health",
            due=TODAY,
            risk_id=david_risk,
        )


def test_agreed_actions_join_the_persons_actions_and_the_overdue_list(store, north):
    amina = _person(store, "Amina Okafor")
    risk = _risk(store, north, amina)
    view = _open(store, north, amina)
    late = meetings.agree_action(
        store,
        by=north,
        meeting_id=view.id,
        description="GP to review medication",
        owner_name="Dr Shah",
        owner_kind="health",
        due=TODAY - timedelta(days=3),
        risk_id=risk,
    )
    later = meetings.agree_action(
        store,
        by=north,
        meeting_id=view.id,
        description="Amina to carry a phone",
        owner_name="Amina Okafor",
        owner_kind="person",
        due=TODAY + timedelta(days=30),
    )
    risks.acknowledge(
        store, by=north, action_id=later, acknowledged_by="Amina Okafor", method="at_meeting"
    )
    with pytest.raises(InvalidInput, match="not a kind of owner"):
        meetings.agree_action(
            store,
            by=north,
            meeting_id=view.id,
            description="x",
            owner_name="Someone",
            owner_kind="wizard",
            due=None,
        )
    on_risk = risks.assessments_for(store, by=north, person_id=amina)[0].risks[0].actions
    assert [a.id for a in on_risk] == [late]
    overdue = risks.overdue_for_team(store, by=north)
    assert [(o.person_name, o.action.id) for o in overdue] == [("Amina Okafor", late)]
    seen = meetings.meeting(store, by=north, meeting_id=view.id)
    assert [(a.id, a.acknowledged) for a in seen.actions] == [(late, False), (later, True)]
    assert seen.open_action_count == 2


def test_closing_with_a_stale_version_is_refused_and_open_actions_are_kept(store, north):
    amina = _person(store, "Amina Okafor")
    view = _open(store, north, amina)
    action = meetings.agree_action(
        store,
        by=north,
        meeting_id=view.id,
        description="Visit weekly",
        owner_name="Care Co",
        owner_kind="provider",
        due=TODAY - timedelta(days=1),
    )
    closed = meetings.close_meeting(
        store,
        by=north,
        meeting_id=view.id,
        expected_version=view.version,
        next_meeting=TODAY + timedelta(days=28),
    )
    assert [a.id for a in closed.open_actions] == [action]
    with pytest.raises(StaleEdit):
        meetings.close_meeting(store, by=north, meeting_id=view.id, expected_version=view.version)
    after = meetings.meeting(store, by=north, meeting_id=view.id)
    assert after.status is MeetingStatus.CLOSED
    assert after.next_meeting == TODAY + timedelta(days=28)
    assert [o.action.id for o in risks.overdue_for_team(store, by=north)] == [action]
    assert after.actions[0].status is ActionStatus.OPEN


def test_nothing_is_added_after_a_meeting_is_closed(store, north):
    amina = _person(store, "Amina Okafor")
    view = _open(store, north, amina)
    meetings.close_meeting(store, by=north, meeting_id=view.id, expected_version=view.version)
    with pytest.raises(InvalidInput, match="closed"):
        meetings.add_item(store, by=north, meeting_id=view.id, kind="note", text="Late")
    with pytest.raises(InvalidInput, match="closed"):
        meetings.agree_action(
            store,
            by=north,
            meeting_id=view.id,
            description="Late",
            owner_name="Dr Shah",
            owner_kind="health",
            due=None,
        )


def _hostile_meeting(store: Store, actor) -> MeetingView:
    amina = _person(store, "Amina Okafor")
    risk = _risk(store, actor, amina, activity=f"Cooking {SCRIPT}")
    view = _open(
        store,
        actor,
        amina,
        title=f"Meeting {SCRIPT}",
        chair=IMG,
        purpose=f"Purpose {IMG}",
        attendees=[
            *ATTENDEES,
            {"name": SCRIPT, "agency": IMG, "role": "provider", "present": True},
        ],
        person_view=f"I want {SCRIPT}",
    )
    meetings.add_item(store, by=actor, meeting_id=view.id, kind="risk", risk_id=risk, text=IMG)
    meetings.add_item(store, by=actor, meeting_id=view.id, kind="decision", text=SCRIPT)
    meetings.add_item(store, by=actor, meeting_id=view.id, kind="note", text=f"Note {IMG}")
    meetings.add_item(
        store, by=actor, meeting_id=view.id, kind="dissent", party=SCRIPT, text=f"No {IMG}"
    )
    meetings.agree_action(
        store,
        by=actor,
        meeting_id=view.id,
        description=f"Fit alarm {SCRIPT}",
        owner_name=IMG,
        owner_kind="provider",
        due=TODAY + timedelta(days=7),
    )
    meetings.close_meeting(
        store,
        by=actor,
        meeting_id=view.id,
        expected_version=view.version,
        next_meeting=TODAY + timedelta(days=14),
    )
    return meetings.meeting(store, by=actor, meeting_id=view.id)


def test_minutes_contain_every_section_and_escape_hostile_text(store, north):
    view = _hostile_meeting(store, north)
    page = meetings.export_minutes(store, by=north, meeting_id=view.id, fmt="html")
    assert page.startswith("<!doctype html>")
    assert '<html lang="en-GB">' in page and "<title>" in page
    assert "<script" not in page
    assert "<img" not in page
    assert "onerror=alert(1)>" not in page and '"><' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page  # the quote as an entity
    headings = [
        "Attendees",
        "The person&#39;s voice",
        "Risks discussed",
        "Other matters",
        "Actions agreed",
        "Next review",
    ]
    positions = [page.index(f"<h2>{h}</h2>") for h in headings]
    assert positions == sorted(positions) and page.index("<h1>") < positions[0]
    assert '<th scope="col">Owner</th>' in page and '<th scope="col">Acknowledged</th>' in page
    assert "Amina Okafor" in page and "Riverside Surgery" in page and "Apologies" in page
    assert "North Locality Team" in page and "OFFICIAL-SENSITIVE" in page
    text = meetings.export_minutes(store, by=north, meeting_id=view.id, fmt="text")
    assert isinstance(text, str)
    for section in ("Attendees", "The person's voice", "Risks discussed", "Other matters"):
        assert section in text
    for section in ("Actions agreed", "Next review"):
        assert section in text
    assert f'Dissent: {SCRIPT}, in their own words: "No {IMG}"' in text
    nxt = TODAY + timedelta(days=14)
    assert f"{nxt.day} {nxt:%B %Y}" in text
    with pytest.raises(InvalidInput):
        meetings.export_minutes(store, by=north, meeting_id=view.id, fmt="rtf")  # type: ignore[arg-type]


def test_an_export_is_audited_without_names(store, north):
    view = _hostile_meeting(store, north)
    meetings.export_minutes(store, by=north, meeting_id=view.id, fmt="html")
    with store.read() as session:
        events = session.scalars(
            select(AuditEventRow).where(
                AuditEventRow.action == "export", AuditEventRow.object_type == "meeting"
            )
        ).all()
        details = [e.detail for e in events]
        everything = " ".join(e.detail for e in session.scalars(select(AuditEventRow)))
    assert len(details) == 1 and '"html"' in details[0]
    for secret in ("Amina", "Shah", "alert", "Riverside", "Fit alarm", "brother"):
        assert secret not in everything


def test_the_pdf_and_word_minutes_are_made_and_each_download_is_audited_with_its_format(
    store, north, monkeypatch
):
    monkeypatch.setenv("RISK_APP_ORGANISATION_NAME", "Northmoor Council")
    monkeypatch.setenv("RISK_APP_PROTECTIVE_MARKING", "OFFICIAL")
    view = _hostile_meeting(store, north)
    pdf = meetings.export_minutes(store, by=north, meeting_id=view.id, fmt="pdf")
    word = meetings.export_minutes(store, by=north, meeting_id=view.id, fmt="docx")
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")
    assert isinstance(word, bytes) and word.startswith(b"PK")
    text = pdf_text(pdf)
    assert "Northmoor Council" in text and "OFFICIAL" in text and "OFFICIAL-SENSITIVE" not in text
    assert "Fit alarm" in text and "Next meeting:" in text
    document = docx.Document(io.BytesIO(word))
    assert document.sections[0].header.paragraphs[0].text == "OFFICIAL\tNorthmoor Council"
    with store.read() as session:
        formats = [
            json.loads(e.detail)["format"]
            for e in session.scalars(
                select(AuditEventRow).where(
                    AuditEventRow.action == "export", AuditEventRow.object_type == "meeting"
                )
            )
        ]
    assert formats == ["pdf", "docx"]


def test_minutes_without_an_organisation_name_or_team_are_refused_saying_what_to_set(
    store, north, monkeypatch
):
    monkeypatch.delenv("RISK_APP_ORGANISATION_NAME", raising=False)
    amina = _person(store, "Amina Okafor")
    view = _open(store, north, amina)
    assert "North Locality Team" in str(
        meetings.export_minutes(store, by=north, meeting_id=view.id, fmt="html")
    )
    settings = Settings.from_env({})
    with store.write() as session:
        session.get(PersonRow, amina).team_id = None  # a record no team holds (any longer)
        session.flush()
        with pytest.raises(InvalidInput, match="RISK_APP_ORGANISATION_NAME"):
            meetings._organisation(session, amina, settings)
        named = Settings.from_env({"RISK_APP_ORGANISATION_NAME": "Northmoor Council"})
        assert meetings._organisation(session, amina, named) == "Northmoor Council"
        session.rollback()


def test_another_team_cannot_open_read_or_export_a_meeting(store, north, south):
    amina = _person(store, "Amina Okafor")
    view = _open(store, north, amina)
    with pytest.raises(NotPermitted):
        _open(store, south, amina)
    with pytest.raises(NotPermitted):
        meetings.meeting(store, by=south, meeting_id=view.id)
    with pytest.raises(NotPermitted):
        meetings.meetings_for(store, by=south, person_id=amina)
    with pytest.raises(NotPermitted):
        meetings.export_minutes(store, by=south, meeting_id=view.id, fmt="html")
    with pytest.raises(NotPermitted):
        meetings.add_item(store, by=south, meeting_id=view.id, kind="note", text="x")
    with pytest.raises(NotPermitted):
        meetings.close_meeting(store, by=south, meeting_id=view.id, expected_version=view.version)
    with store.read() as session:
        denied = session.scalars(
            select(AuditEventRow.object_type).where(AuditEventRow.action == "access_denied")
        ).all()
    assert denied.count("person") >= 6
