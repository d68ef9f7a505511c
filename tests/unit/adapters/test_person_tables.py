"""Which tables and columns the whole record exports, found from the metadata: every table of a
person's record is exported or excluded with a reason, and nothing that looks like a secret is
exported unjudged."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, MetaData, Table, Text

from risk_app.adapters import person_tables
from risk_app.adapters.tables import Base

RECORD_KINDS = {
    "stage_history",
    "prompt_answers",
    "touchpoint_status",
    "risk_assessments",
    "risks",
    "actions",
    "acknowledgements",
    "decisions",
    "meetings",
    "meeting_attendees",
    "meeting_items",
    "meeting_actions",
    "panels",
    "safeguarding_concerns",
    "plan_validations",
    "reviews",
    "agreement_versions",
    "agreement_signatures",
    "signing_invitations",
    "agreement_talk_requests",
    "shared_items",
}
"""The record kinds of issue 12 that must be in the export (other tables may join them)."""


def _linked_to_people(metadata: MetaData) -> set[str]:
    """Worked out here independently: tables with a person_id, or a foreign key (through any
    number of tables) to one, or to people."""
    linked = {"people"} | {t.name for t in metadata.sorted_tables if "person_id" in t.c}
    grew = True
    while grew:
        grew = False
        for table in metadata.sorted_tables:
            parents = {fk.column.table.name for fk in table.foreign_keys}
            if table.name not in linked and parents & linked:
                linked.add(table.name)
                grew = True
    return linked - {"people"}


def test_every_table_linked_to_a_person_is_exported_or_excluded_with_a_reason():
    exported = {t.name for t in person_tables.person_tables()}
    excluded = set(person_tables.EXCLUDED_TABLES)
    assert _linked_to_people(Base.metadata) == exported | excluded
    assert not exported & excluded
    assert all(len(reason) > 30 for reason in person_tables.EXCLUDED_TABLES.values())


def test_every_record_kind_of_issue_12_is_exported():
    assert RECORD_KINDS <= {t.name for t in person_tables.person_tables()}


def test_drafts_accounts_and_sessions_are_excluded_with_their_reasons():
    assert set(person_tables.EXCLUDED_TABLES) == {"users", "web_sessions", "drafts"}
    assert "password hash" in person_tables.EXCLUDED_TABLES["users"]
    assert "work in progress" in person_tables.EXCLUDED_TABLES["drafts"]


def test_every_column_of_an_exported_table_is_exported_except_the_named_secrets():
    for person_table in person_tables.person_tables():
        secret = set(person_tables.SECRET_COLUMNS.get(person_table.name, {}))
        exported = {c.name for c in person_table.columns()}
        assert exported | secret == set(person_table.table.c.keys()), person_table.name
        assert not exported & secret


def test_no_column_whose_name_looks_like_a_secret_is_exported_unjudged():
    assert list(person_tables.suspected_secrets()) == []
    invitations = next(t for t in person_tables.person_tables() if t.name == "signing_invitations")
    names = {c.name for c in invitations.columns()}
    assert not names & {"code_hash", "grant_hash", "reference"}
    assert {"signer_name", "created_at", "expires_at", "signed_at", "revoked_at"} <= names


def test_a_table_added_later_under_a_persons_record_is_exported_without_any_change():
    grandchild = Table(
        "concern_notes_for_test",
        Base.metadata,
        Column("id", Integer, primary_key=True),
        Column("concern_id", ForeignKey("safeguarding_concerns.id")),
        Column("note", Text),
    )
    try:
        found = {t.name: t for t in person_tables.person_tables()}
        assert [c.name for c in found["concern_notes_for_test"].path] == ["concern_id"]
        assert [c.name for c in found["concern_notes_for_test"].columns()] == [
            "id",
            "concern_id",
            "note",
        ]
    finally:
        Base.metadata.remove(grandchild)


def test_a_new_column_that_looks_like_a_secret_is_caught_until_someone_judges_it():
    table = Table(
        "touchpoint_visits_for_test",
        Base.metadata,
        Column("id", Integer, primary_key=True),
        Column("person_id", ForeignKey("people.id")),
        Column("access_token", Text),
    )
    try:
        assert ("touchpoint_visits_for_test", "access_token") in set(
            person_tables.suspected_secrets()
        )
    finally:
        Base.metadata.remove(table)


def test_a_row_reaches_the_person_through_its_not_null_parent_first():
    items = next(t for t in person_tables.person_tables() if t.name == "meeting_items")
    assert [c.name for c in items.path] == ["meeting_id"]  # not the optional risk_id
