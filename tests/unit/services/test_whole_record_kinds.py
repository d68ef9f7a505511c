"""Every kind of record is judged for the person's own download: read whole, read once shared,
or left out with a reason. A new kind with its own person_id fails here until someone decides."""

from __future__ import annotations

from risk_app.adapters import person_tables
from risk_app.domain.record import whole_record as shape
from risk_app.services.record.whole_record import RESTRICTED_KINDS


def test_every_kind_with_its_own_person_id_is_judged_for_the_persons_own_download():
    roots = {t.root for t in person_tables.person_tables()}
    judged = set(shape.PERSON_READS) | set(shape.NOT_FOR_THE_PERSON) | set(RESTRICTED_KINDS)
    assert sorted(roots - judged) == []


def test_no_kind_is_judged_two_ways():
    read, cut, restricted = (
        set(shape.PERSON_READS),
        set(shape.NOT_FOR_THE_PERSON),
        set(RESTRICTED_KINDS),
    )
    assert not read & cut and not read & restricted and not cut & restricted


def test_the_restricted_kinds_are_those_of_adr_0010():
    assert set(RESTRICTED_KINDS) == {"safeguarding_concerns", "meetings", "decisions", "panels"}


def test_a_child_row_reaches_the_person_through_its_kind():
    roots = {t.name: t.root for t in person_tables.person_tables()}
    assert roots["meeting_items"] == "meetings"
    assert roots["agreement_signatures"] == "agreement_versions"
    assert roots["acknowledgements"] == "actions"
    assert roots["decisions"] == "decisions"
