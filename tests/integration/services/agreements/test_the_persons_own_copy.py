"""The person's own copy of their agreement, through the service: for the person (and their
team's staff) only, audited as an export, and holding what they read and who signed on what day,
never the seal details. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import agreement_setup as setup
import pytest
from pdf_checks import pdf_text
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow
from risk_app.domain.errors import NotPermitted
from risk_app.domain.sealing import SealKey
from risk_app.services.agreements import persons_copy
from tests import factories


@pytest.fixture(scope="module")
def key() -> SealKey:
    return SealKey.generate()


def test_the_person_gets_their_copy_in_easy_read_with_who_signed_and_no_seal_details(
    store: Store, key: SealKey
):
    amina = setup.build(store, plan=False)
    issued = setup.issue(store, amina, key)
    setup.sign_everyone(store, amina, issued, key)
    made = persons_copy.persons_copy(
        store, by=amina.individual, person_id=amina.person_id, easy_read=True
    )
    assert made.file_name == f"your-risk-agreement-v{issued.version}-easy-read.pdf"
    said = pdf_text(made.pdf)
    assert f"This is your copy of version {issued.version} of your risk agreement." in said
    assert "signed it on" in said and "I agree except the bit about texting every time." in said
    for word in ("SHA", "fingerprint", "seal", "UTC", "None"):
        assert word not in said, word
    with store.read() as session:
        events = session.scalars(
            select(AuditEventRow).where(AuditEventRow.action == "export")
        ).all()
    assert ["persons_copy" in str(e.detail) for e in events] == [True], [e.detail for e in events]


def test_nobody_outside_the_persons_team_gets_their_copy(store: Store, key: SealKey):
    amina = setup.build(store, plan=False)
    setup.issue(store, amina, key)
    elsewhere = factories.actor(store, username="south.worker", team="South")
    with pytest.raises(NotPermitted):
        persons_copy.persons_copy(store, by=elsewhere, person_id=amina.person_id)
