"""What the person's own account reads of their record (ADR 0010): restricted parts are refused
until a practitioner shares the item; sharing and stopping are recorded; exports say what was
withheld. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from fhir.resources.R4B.bundle import Bundle
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow, SharedItemRow
from risk_app.domain.access import Actor
from risk_app.domain.disclosure import RecordPart
from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.domain.record.panel_lifecycle import PanelState
from risk_app.domain.roles import Role
from risk_app.services.record import (
    decisions,
    exports,
    meetings,
    panels,
    people,
    safeguarding,
    sharing,
)
from tests import factories

TODAY = datetime.now(UTC).date()
SCRIPT = "<script>alert(1)</script> [click](https://evil.example) **bold**"


@dataclass
class Record:
    """Amina's record with one item of each restricted part, and who is who."""

    person_id: int
    north: Actor
    manager: Actor
    south: Actor
    amina: Actor
    concern: int
    meeting: int
    decision: int
    panel: int

    def item(self, part: RecordPart) -> int:
        return {
            RecordPart.SAFEGUARDING_CONCERN: self.concern,
            RecordPart.MEETING_RECORD: self.meeting,
            RecordPart.CAPACITY_ASSESSMENT: self.decision,
            RecordPart.THIRD_PARTY: self.panel,
        }[part]


@pytest.fixture
def record(store: Store) -> Record:
    north = factories.actor(store, username="practitioner")
    person = factories.person(store, "Amina Okafor", preferred="Amina", stage="ST3")
    person_id = person.id
    concern = safeguarding.raise_concern(
        store,
        by=north,
        person_id=person_id,
        abuse_types=["AB-FIN"],
        person_wants="For my cousin to stop asking for money " + SCRIPT,
        immediate_action="Bank told",
    )
    meeting = meetings.open_meeting(
        store,
        by=north,
        person_id=person_id,
        held_on=TODAY,
        title="Risk meeting " + SCRIPT,
        purpose="Agree how Amina keeps going out",
        chair="Priya",
        attendees=[
            {"name": "Amina Okafor", "agency": "", "role": "person", "present": True},
            {"name": "Dr Shah", "agency": "Surgery", "role": "health", "present": True},
        ],
    )
    meetings.add_item(
        store,
        by=north,
        meeting_id=meeting.id,
        kind="dissent",
        party="Amina's brother",
        text="She should stay in at night",
    )
    decision = decisions.record_decision(
        store,
        by=north,
        person_id=person_id,
        data=decisions.DecisionInput(
            decision="I want to manage my own direct payment.",
            options=[{"option": "Manage it myself", "less_restrictive": True, "notes": ""}],
            support_given=["Easy-read sheet"],
            decided="I will manage it myself.",
            outcome="agreed",
        ),
    )
    panel = factories.panel(
        store,
        person,
        by=north,
        at=PanelState.OUTCOME,
        recommendation="Carry on with a phone.",
        dissent=[{"party": "Amina's mother", "words": "Too dangerous."}],
    )
    return Record(
        person_id=person_id,
        north=north,
        manager=factories.actor(store, Role.TEAM_MANAGER, username="manager"),
        south=factories.actor(store, team=factories.SOUTH, username="practitioner.south"),
        amina=factories.actor(store, Role.INDIVIDUAL, person=person, username="amina"),
        concern=concern.id,
        meeting=meeting.id,
        decision=decision.id,
        panel=panel.id,
    )


def _denials(store: Store, actor: str) -> list[tuple[str, str]]:
    with store.read() as session:
        rows = session.scalars(
            select(AuditEventRow)
            .where(AuditEventRow.actor == actor, AuditEventRow.action == "access_denied")
            .order_by(AuditEventRow.seq)
        ).all()
    return [(r.object_type, r.object_id) for r in rows]


LISTS = {
    RecordPart.SAFEGUARDING_CONCERN: safeguarding.concerns_for,
    RecordPart.MEETING_RECORD: meetings.meetings_for,
    RecordPart.CAPACITY_ASSESSMENT: decisions.decisions_for,
    RecordPart.THIRD_PARTY: panels.panels_for,
}


@pytest.mark.parametrize("part", list(LISTS), ids=str)
def test_the_person_is_refused_a_restricted_part_until_its_item_is_shared(
    store: Store, record: Record, part: RecordPart
):
    read = LISTS[part]
    with pytest.raises(NotPermitted):
        read(store, by=record.amina, person_id=record.person_id)
    assert _denials(store, "amina") == [(part.value, str(record.person_id))]

    sharing.share(
        store,
        by=record.north,
        part=part,
        item_id=record.item(part),
        reason="Amina asked to see it",
    )
    [shown] = read(store, by=record.amina, person_id=record.person_id)
    assert shown.id == record.item(part)
    # Staff read everything, shared or not, as before.
    assert [v.id for v in read(store, by=record.north, person_id=record.person_id)] == [
        record.item(part)
    ]


def test_only_the_shared_items_of_a_part_are_listed_for_the_person(store: Store, record: Record):
    second = safeguarding.raise_concern(
        store,
        by=record.north,
        person_id=record.person_id,
        abuse_types=["AB-SN"],
        person_wants="To be left alone",
    )
    sharing.share(
        store, by=record.north, part="safeguarding_concern", item_id=second.id, reason="ok"
    )
    listed = safeguarding.concerns_for(store, by=record.amina, person_id=record.person_id)
    assert [c.id for c in listed] == [second.id]
    assert len(safeguarding.concerns_for(store, by=record.north, person_id=record.person_id)) == 2


def test_one_meeting_and_its_minutes_are_refused_until_shared_and_again_after_sharing_stops(
    store: Store, record: Record
):
    def reads() -> None:
        meetings.meeting(store, by=record.amina, meeting_id=record.meeting)
        meetings.export_minutes(store, by=record.amina, meeting_id=record.meeting, fmt="text")

    with pytest.raises(NotPermitted):
        meetings.meeting(store, by=record.amina, meeting_id=record.meeting)
    with pytest.raises(NotPermitted):
        meetings.export_minutes(store, by=record.amina, meeting_id=record.meeting, fmt="html")
    sharing.share(
        store,
        by=record.manager,
        part=RecordPart.MEETING_RECORD,
        item_id=record.meeting,
        reason="Minutes agreed with everyone present",
    )
    reads()
    stopped = sharing.stop_sharing(
        store,
        by=record.north,
        part=RecordPart.MEETING_RECORD,
        item_id=record.meeting,
        reason="Shared by mistake: holds the brother's view",
    )
    assert not stopped.shared and stopped.stopped_by == "practitioner"
    with pytest.raises(NotPermitted):
        meetings.meeting(store, by=record.amina, meeting_id=record.meeting)
    assert sharing.shared_with_me(store, by=record.amina) == []
    # Sharing again after a stop reuses the one row and records the new reason.
    again = sharing.share(
        store,
        by=record.north,
        part=RecordPart.MEETING_RECORD,
        item_id=record.meeting,
        reason="Brother agreed",
    )
    assert again.shared and again.reason == "Brother agreed" and again.stopped_at is None
    reads()
    with store.read() as session:
        assert len(session.scalars(select(SharedItemRow)).all()) == 1


def test_sharing_and_stopping_are_audited_by_id_without_the_reason(store: Store, record: Record):
    reason = "Secret reason naming the cousin"
    sharing.share(
        store,
        by=record.north,
        part="capacity_assessment",
        item_id=record.decision,
        reason=reason,
    )
    sharing.stop_sharing(
        store,
        by=record.north,
        part="capacity_assessment",
        item_id=record.decision,
        reason=reason,
    )
    with store.read() as session:
        events = session.scalars(
            select(AuditEventRow).where(AuditEventRow.action.in_(["share", "stop_sharing"]))
        ).all()
    assert [(e.action, e.object_type, e.object_id, e.actor) for e in events] == [
        ("share", "capacity_assessment", str(record.decision), "practitioner"),
        ("stop_sharing", "capacity_assessment", str(record.decision), "practitioner"),
    ]
    assert all(json.loads(e.detail) == {"person": record.person_id} for e in events)
    assert all("cousin" not in e.detail for e in events)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reason": ""}, "Say why"),
        ({"reason": "   \n\t "}, "Say why"),
        ({"reason": None}, "as text|must be text"),
        ({"reason": "x" * 20_000}, "too long"),
        ({"reason": "a\x00b"}, "control characters"),
        ({"part": "risks"}, "already reads"),
        ({"part": "details"}, "already reads"),
        ({"part": "wizard"}, "Choose a concern"),
        ({"item_id": 0}, "Choose the item"),
        ({"item_id": -1}, "Choose the item"),
        ({"item_id": 2**63}, "Choose the item"),
        ({"item_id": True}, "Choose the item|must be a whole number"),
        ({"item_id": "1"}, "Choose the item|must be a whole number"),
    ],
)
def test_a_share_with_bad_input_is_refused_with_a_message_and_records_nothing(
    store: Store, record: Record, changes: dict, message: str
):
    args = {"part": "safeguarding_concern", "item_id": record.concern, "reason": "because"}
    args.update(changes)
    with pytest.raises(InvalidInput, match=message):
        sharing.share(store, by=record.north, **args)
    with store.read() as session:
        assert session.scalars(select(SharedItemRow)).all() == []


def test_sharing_twice_or_stopping_what_is_not_shared_is_refused(store: Store, record: Record):
    args = {"part": "third_party", "item_id": record.panel, "reason": "r"}
    with pytest.raises(InvalidInput, match="not shared"):
        sharing.stop_sharing(store, by=record.north, **args)
    sharing.share(store, by=record.north, **args)
    with pytest.raises(InvalidInput, match="already shared"):
        sharing.share(store, by=record.north, **args)


@pytest.mark.parametrize("who", ["amina", "south", "lead", "admin"])
def test_only_staff_allocated_to_the_person_can_share(store: Store, record: Record, who):
    actor = {
        "amina": record.amina,
        "south": record.south,
        "lead": factories.actor(store, Role.SAFEGUARDING_LEAD),
        "admin": factories.actor(store, Role.ADMINISTRATOR),
    }[who]
    with pytest.raises(NotPermitted):
        sharing.share(
            store, by=actor, part="safeguarding_concern", item_id=record.concern, reason="r"
        )
    with pytest.raises(NotPermitted):
        sharing.items_for(store, by=actor, person_id=record.person_id)
    assert len(_denials(store, actor.username)) == 2


def test_an_item_that_does_not_exist_is_refused_like_one_that_is_not_yours(
    store: Store, record: Record
):
    with pytest.raises(NotPermitted):
        sharing.share(store, by=record.north, part="meeting_record", item_id=999_999, reason="r")
    # An item id of another part is checked against that part's own table.
    with pytest.raises(NotPermitted):
        sharing.share(
            store, by=record.south, part="meeting_record", item_id=record.meeting, reason="r"
        )


def test_the_person_reads_what_is_shared_in_plain_words_exactly_as_recorded(
    store: Store, record: Record
):
    sharing.share(
        store,
        by=record.north,
        part="safeguarding_concern",
        item_id=record.concern,
        reason="You asked " + SCRIPT,
    )
    sharing.share(store, by=record.north, part="meeting_record", item_id=record.meeting, reason="r")
    items = sharing.shared_with_me(store, by=record.amina)
    assert [i.part for i in items] == [RecordPart.MEETING_RECORD, RecordPart.SAFEGUARDING_CONCERN]
    concern = dict(items[1].lines)
    assert concern["What you wanted to happen"].endswith(SCRIPT)
    assert items[1].reason == "You asked " + SCRIPT
    meeting = dict(items[0].lines)
    assert meeting["Amina's brother sees it differently"] == "She should stay in at night"
    assert items[0].title.startswith("Risk meeting " + SCRIPT)
    with store.read() as session:
        [view] = session.scalars(
            select(AuditEventRow).where(
                AuditEventRow.actor == "amina", AuditEventRow.detail.contains('"part":"shared"')
            )
        ).all()
    assert json.loads(view.detail)["items"] == (
        f"meeting_record:{record.meeting},safeguarding_concern:{record.concern}"
    )


def test_only_an_individual_account_has_things_shared_with_it(store: Store, record: Record):
    with pytest.raises(NotPermitted):
        sharing.shared_with_me(store, by=record.north)


def test_the_practitioner_sees_every_restricted_item_and_whether_it_is_shared(
    store: Store, record: Record
):
    sharing.share(store, by=record.north, part="third_party", item_id=record.panel, reason="r")
    items = sharing.items_for(store, by=record.manager, person_id=record.person_id)
    assert [(i.part, i.item_id, i.shared) for i in items] == [
        (RecordPart.SAFEGUARDING_CONCERN, record.concern, False),
        (RecordPart.MEETING_RECORD, record.meeting, False),
        (RecordPart.CAPACITY_ASSESSMENT, record.decision, False),
        (RecordPart.THIRD_PARTY, record.panel, True),
    ]


def test_the_persons_export_leaves_out_unshared_parts_and_counts_them(store: Store, record: Record):
    sharing.share(
        store,
        by=record.north,
        part="capacity_assessment",
        item_id=record.decision,
        reason="Her own decision",
    )
    mine = exports.person_record(store, by=record.amina, person_id=record.person_id)
    assert mine["withheld"] == [
        {"part": "safeguarding_concern", "label": "Safeguarding concern", "count": 1},
        {"part": "meeting_record", "label": "Meeting record", "count": 1},
        {"part": "third_party", "label": "Panel or forum record", "count": 1},
    ]
    [shared] = mine["shared_with_person"]
    assert shared["part"] == "capacity_assessment" and shared["item_id"] == record.decision
    text = json.dumps(mine)
    for secret in ("cousin", "brother", "Too dangerous", "Carry on with a phone"):
        assert secret not in text
    staff = exports.person_record(store, by=record.north, person_id=record.person_id)
    assert staff["withheld"] == []
    assert [s["item_id"] for s in staff["shared_with_person"]] == [record.decision]
    with store.read() as session:
        event = session.scalars(
            select(AuditEventRow).where(
                AuditEventRow.actor == "amina", AuditEventRow.action == "export"
            )
        ).one()
    detail = json.loads(event.detail)
    assert detail["withheld"] == "safeguarding_concern:1,meeting_record:1,third_party:1"
    assert detail["shared"] == f"capacity_assessment:{record.decision}"


def test_the_persons_fhir_bundle_marks_what_was_withheld_and_still_validates(
    store: Store, record: Record
):
    bundle = exports.person_fhir_bundle(store, by=record.amina, person_id=record.person_id)
    Bundle.model_validate(bundle)
    assert bundle["meta"]["security"][0]["code"] == "REDACTED"
    lists = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "List"]
    assert [r["code"]["text"] for r in lists] == [
        "safeguarding_concern",
        "meeting_record",
        "capacity_assessment",
        "third_party",
    ]
    assert all(r["emptyReason"]["coding"][0]["code"] == "withheld" for r in lists)
    assert all("entry" not in r for r in lists)
    staff = exports.person_fhir_bundle(store, by=record.north, person_id=record.person_id)
    assert "meta" not in staff
    assert not any(e["resource"]["resourceType"] == "List" for e in staff["entry"])


def test_the_persons_own_pages_still_work_without_sharing(store: Store, record: Record):
    me = people.my_record(store, by=record.amina)
    assert me.id == record.person_id
    assert sharing.shared_with_me(store, by=record.amina) == []
    assert exports.person_record(store, by=record.amina, person_id=me.id)["person"]["id"] == me.id
