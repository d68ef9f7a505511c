"""The demo people have circles, and the demo's actions name their owners from them: nobody but
the person themself owns an action without being in the person's circle, and Amina's agreement
asks each owner to sign once."""

from __future__ import annotations

from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import ActionRow, CircleMemberRow
from risk_app.domain.record.ownership import OwnerKind
from risk_app.domain.sealing import SealKey
from risk_app.services import accounts, demo
from risk_app.services.agreements import issuing
from risk_app.services.record import people


def test_every_demo_person_has_a_circle_and_every_owner_is_in_it(demo_store: Store):
    with demo_store.read() as session:
        with_circle = set(session.scalars(select(CircleMemberRow.person_id)))
        person_ids = set(session.scalars(select(ActionRow.person_id)))
        unlinked = session.scalars(
            select(ActionRow).where(
                ActionRow.circle_member_id.is_(None), ActionRow.owner_kind != OwnerKind.PERSON.value
            )
        ).all()
        kinds = set(session.scalars(select(CircleMemberRow.kind)))
    assert len(with_circle) == 9 and person_ids <= with_circle
    assert [a.description for a in unlinked] == []
    assert {"housing", "police", "health", "advocate", "personal_assistant"} <= kinds


def test_amina_s_agreement_asks_each_owner_once(store: Store):
    demo.load(store, seal_key=SealKey.generate())
    practitioner = accounts.authenticate(store, "practitioner", "demo-practitioner-1")
    amina = next(
        p for p in people.caseload(store, by=practitioner) if p.display_name == "Amina Okafor"
    )
    draft = issuing.draft(store, by=practitioner, person_id=amina.id)
    owners = [r.label for r in draft.required if r.key.startswith("owner:")]
    assert owners == ["Jo Okafor (family or friend)", "Brightside Support (provider)"]
