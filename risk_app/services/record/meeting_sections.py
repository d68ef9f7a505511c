"""One section of the meeting screen, saved as one: the decision, dissent, note and action typed
into a risk's (or the general) section are checked together and stored in one transaction, so a
refusal stores nothing and a second click after it cannot record the first part twice.

The rules of what a section holds are in `risk_app.domain.record.meetings`
(`section_entries`, `check_section_action`); storing an entry or an action is shared with
`meetings.add_item` and `meetings.agree_action`.
"""

from __future__ import annotations

from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput
from risk_app.domain.inputs import Day, RecordId
from risk_app.domain.record.meetings import check_section_action, section_entries
from risk_app.domain.record.ownership import OwnerKind
from risk_app.services import audit
from risk_app.services.boundary import checked
from risk_app.services.record.action_owners import NewAction
from risk_app.services.record.meetings import open_meeting_row, write_action, write_item

NOTHING_GIVEN = "Write a decision, a disagreement, a note or an action first."


@checked
def add_in_section(
    store: Store,
    *,
    by: Actor,
    meeting_id: RecordId,
    risk_id: RecordId | None = None,
    decision: str = "",
    party: str = "",
    dissent: str = "",
    note: str = "",
    action: str = "",
    owner_member_id: RecordId | None = None,
    owner_is_the_person: bool = False,
    due: Day | None = None,
) -> int:
    """Record what one section's form holds; the number of entries and actions stored. The
    action's owner is a member of the person's circle, or the person themself."""
    if owner_member_id is not None and owner_is_the_person:
        raise InvalidInput("Choose one owner: the person, or someone in their circle.")
    entries = section_entries(
        risk_id=risk_id, decision=decision, party=party, dissent=dissent, note=note
    )
    acting = check_section_action(
        what=action,
        owner_chosen=owner_member_id is not None or owner_is_the_person,
        due_given=due is not None,
    )
    if not entries and not acting:
        raise InvalidInput(NOTHING_GIVEN)
    agreed = (
        NewAction.checked(
            description=action,
            owner_kind=OwnerKind.PERSON if owner_is_the_person else None,
            owner_member_id=owner_member_id,
            due=due,
            risk_id=risk_id,
        )
        if acting
        else None
    )
    with audit.transaction(store, by) as session:
        meeting = open_meeting_row(session, by, meeting_id)
        for entry in entries:
            write_item(session, by, meeting, entry)
        if agreed is not None:
            write_action(session, by, meeting, agreed)
    return len(entries) + int(agreed is not None)
