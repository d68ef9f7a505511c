"""Migration 0020 records the law each existing concern follows, on SQLite and PostgreSQL: a
decided concern was decided under the Care Act 2014 s42 test (the only test before the law book,
even for a Scottish person), and keeps that with England's condition ids; an undecided one follows
the person's nation."""

from __future__ import annotations

import sqlalchemy as sa

from risk_app.adapters import migrate
from risk_app.adapters.db import Store
from risk_app.services import accounts
from risk_app.services.record import concern_steps
from tests import factories

CONCERNS = sa.Table(
    "safeguarding_concerns",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("law_applied", sa.JSON),
)


def test_existing_concerns_keep_the_law_they_were_decided_under(store: Store):
    by = accounts.SYSTEM
    english = factories.concern(store, factories.person(store, "Amina Okafor"))
    decided = concern_steps.decide_s42(
        store,
        by=by,
        concern_id=english.id,
        expected_version=english.version,
        needs=True,
        abuse_or_risk=True,
        unable_to_protect=False,
        reasons="She can stop him now",
    )
    scottish = factories.concern(
        store, factories.person(store, "Eilidh MacLeod", jurisdiction="scotland")
    )
    migrate.downgrade(store, "0019")
    migrate.upgrade(store)
    with store.read() as session:
        laws = dict(session.execute(sa.select(CONCERNS.c.id, CONCERNS.c.law_applied)).all())
    assert laws[decided.id] == {
        "jurisdiction": "england",
        "law_version": None,
        "test": "ENG-SG-TEST",
        "answers": {"ENG-SG-NEEDS": True, "ENG-SG-ABUSE": True, "ENG-SG-PROTECT": False},
        "note": "Decided before the law book: the Care Act 2014 s42 test was applied.",
    }
    assert laws[scottish.id] == {"jurisdiction": "scotland", "law_version": None}
