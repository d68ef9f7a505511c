"""The whole record's words and who may export it."""

from __future__ import annotations

import pytest

from risk_app.domain.access import Actor, PersonScope
from risk_app.domain.record import whole_record
from risk_app.domain.roles import Role

PERSON = PersonScope(person_id=7, team_id=1)


def test_titled_sections_come_first_in_their_order_and_new_tables_after_by_name():
    order = whole_record.section_order(["zebra_notes", "reviews", "actions", "apple_checks"])
    assert order == ["actions", "reviews", "apple_checks", "zebra_notes"]
    assert whole_record.section_title("zebra_notes") == "Zebra notes"


def test_values_read_as_words_and_text_stays_exactly_as_written():
    assert whole_record.shown(None) == "Not recorded"
    assert (whole_record.shown(True), whole_record.shown(False)) == ("Yes", "No")
    assert whole_record.shown(0) == "0"
    assert whole_record.shown({"a": "Ça"}) == '{\n  "a": "Ça"\n}'
    assert whole_record.shown("  <b>x</b>\n**y**") == "  <b>x</b>\n**y**"
    assert whole_record.heading("s42_result") == "S42 result"


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [
        (Actor(1, "p", Role.PRACTITIONER, team_id=1), True),
        (Actor(2, "m", Role.TEAM_MANAGER, team_id=1), True),
        (Actor(3, "other", Role.PRACTITIONER, team_id=2), False),
        (Actor(4, "me", Role.INDIVIDUAL, person_id=7), False),
        (Actor(5, "lead", Role.SAFEGUARDING_LEAD, team_id=1), False),
        (Actor(6, "admin", Role.ADMINISTRATOR), False),
        (Actor(0, "system", Role.ADMINISTRATOR, is_operator=True), True),
    ],
)
def test_only_staff_allocated_to_the_person_read_the_whole_record_without_sharing(actor, allowed):
    assert whole_record.reads_whole_record(actor, PERSON) is allowed
