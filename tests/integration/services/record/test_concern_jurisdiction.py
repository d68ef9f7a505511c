"""A safeguarding concern follows the law of the person's nation: the test asked, the duty's words,
the lifecycle's words, the decision's working days and what the record keeps (law review rows 1
and 19). Table-driven per jurisdiction; each row names the section it checks."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from framework.law import law_book
from risk_app.adapters.db import Store
from risk_app.adapters.tables import PersonRow
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.concern_lifecycle import ConcernState
from risk_app.services import accounts
from risk_app.services.record import (
    concern_law,
    concern_steps,
    people,
    safeguarding,
    whole_record,
)
from risk_app.services.record.safeguarding import ConcernView
from tests import factories

BY = accounts.SYSTEM
REASONS = "Her nephew takes her pension; her dementia means she cannot stop him"


def person_in(store: Store, nation: str, name: str = "Morag Campbell") -> people.PersonView:
    """A person recorded in `nation`."""
    return factories.person(store, name, jurisdiction=nation)


def _all(c: ConcernView, answer: bool | None) -> dict[str, bool | None]:
    return {cid: answer for cid, _ in c.answers}


def _words(c: ConcernView) -> str:
    return " ".join(
        [
            c.state.label_in(c.law.words),
            c.law.law.act,
            c.law.law.test.label,
            c.law.law.duty.label,
            *(cond.label for cond in c.law.law.conditions),
            c.s42.explanation if c.s42 else "",
        ]
    )


NATIONS = [
    pytest.param(
        "england",
        "Section 42 test",
        ("ENG-SG-NEEDS", "ENG-SG-ABUSE", "ENG-SG-PROTECT"),
        "the duty to make enquiries under s42(2) of the Care Act 2014 arises",
        id="england-CA2014-s42(1)-(2)",
    ),
    pytest.param(
        "scotland",
        "Three-point test",
        ("SCO-ASP-UNABLE", "SCO-ASP-HARM", "SCO-ASP-VULNERABLE"),
        "the duty to inquire under s4 of the Adult Support and Protection (Scotland) Act 2007 "
        "arises",
        id="scotland-ASPSA2007-s3(1)-s4",
    ),
    pytest.param(
        "wales",
        "Section 126 test (adult at risk)",
        ("WAL-SG-ABUSE", "WAL-SG-NEEDS", "WAL-SG-PROTECT"),
        "the duty to make enquiries under s126(2) of the Social Services and Well-being (Wales) "
        "Act 2014 arises",
        id="wales-SSWBWA2014-s126(1)-(2)",
    ),
]


@pytest.mark.parametrize(("nation", "test_name", "ids", "duty"), NATIONS)
def test_a_concern_asks_the_persons_nations_test_and_its_duty_follows(
    store: Store, nation: str, test_name: str, ids: tuple[str, ...], duty: str
) -> None:
    raised = factories.concern(store, person_in(store, nation))
    assert raised.law.law.test.label == test_name
    assert raised.answers == tuple((i, None) for i in ids), "each condition starts unanswered"
    decided = concern_steps.decide_s42(
        store,
        by=BY,
        concern_id=raised.id,
        expected_version=raised.version,
        answers=_all(raised, True),
        reasons=REASONS,
    )
    assert decided.s42 is not None and duty in decided.s42.explanation
    assert decided.law_applied.answers == tuple((i, True) for i in ids)


@pytest.mark.parametrize(("nation", "test_name", "ids", "duty"), NATIONS)
def test_the_decision_is_refused_while_any_condition_is_unanswered(
    store: Store, nation: str, test_name: str, ids: tuple[str, ...], duty: str
) -> None:
    raised = factories.concern(store, person_in(store, nation))
    for missing in ids:
        answers = _all(raised, True) | {missing: None}
        with pytest.raises(InvalidInput, match="answer each of") as refused:
            concern_steps.decide_s42(
                store,
                by=BY,
                concern_id=raised.id,
                expected_version=raised.version,
                answers=answers,
                reasons=REASONS,
            )
        label = next(c.label for c in raised.law.law.conditions if c.id == missing)
        assert label.lower() in str(refused.value)
    [again] = safeguarding.concerns_for(store, by=BY, person_id=raised.person_id)
    assert again.state is ConcernState.RAISED and again.s42 is None


@pytest.mark.parametrize("duty_arises", [True, False], ids=["duty-arises", "duty-does-not"])
def test_a_scottish_concern_is_in_scotlands_words_from_raising_to_the_inquiry(
    store: Store, duty_arises: bool
) -> None:
    """ASP(S)A 2007 s3(1), s4."""
    raised = factories.concern(store, person_in(store, "scotland"))
    answers = _all(raised, True) | {"SCO-ASP-VULNERABLE": duty_arises}
    decided = concern_steps.decide_s42(
        store,
        by=BY,
        concern_id=raised.id,
        expected_version=raised.version,
        answers=answers,
        reasons=REASONS,
    )
    for c in (raised, decided):
        said = _words(c)
        assert "Care Act" not in said and "Section 42" not in said and "s42" not in said
    assert decided.state.label_in(decided.law.words) == "Decision to inquire (s4) made"
    if duty_arises:
        started = concern_steps.start_enquiry(
            store,
            by=BY,
            concern_id=decided.id,
            expected_version=decided.version,
            kind="section_42",
            lead="Sam Lee, council officer",
        )
        assert started.state.label_in(started.law.words) == "Inquiry open"
        assert started.enquiry_kind is not None
        assert started.enquiry_kind.label_in(started.law.words) == "Inquiry under s4"


def test_a_scottish_decision_cannot_be_given_the_care_acts_questions(store: Store):
    """ASP(S)A 2007 s3(1): the Care Act's three questions are not Scotland's test."""
    raised = factories.concern(store, person_in(store, "scotland"))
    with pytest.raises(InvalidInput, match="Scotland's law"):
        concern_steps.decide_s42(
            store,
            by=BY,
            concern_id=raised.id,
            expected_version=raised.version,
            needs=True,
            abuse_or_risk=True,
            unable_to_protect=True,
            reasons=REASONS,
        )
    with pytest.raises(InvalidInput, match="Three-point test"):
        concern_steps.decide_s42(
            store,
            by=BY,
            concern_id=raised.id,
            expected_version=raised.version,
            answers={"ENG-SG-NEEDS": True},
            reasons=REASONS,
        )


FRIDAY_BEFORE_ST_ANDREWS_DAY = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("nation", "due"),
    [
        pytest.param("scotland", date(2026, 12, 2), id="scotland-skips-st-andrews-day"),
        pytest.param("england", date(2026, 12, 1), id="england-works-on-30-november"),
        pytest.param("wales", date(2026, 12, 1), id="wales-works-on-30-november"),
    ],
)
def test_the_decision_is_due_in_the_working_days_of_the_concerns_nation(
    store: Store, nation: str, due: date
) -> None:
    raised = factories.concern(
        store, person_in(store, nation), raised_at=FRIDAY_BEFORE_ST_ANDREWS_DAY
    )
    assert raised.decision_due == due


def test_the_whole_record_shows_the_law_applied_with_the_condition_ids(store: Store):
    """ASP(S)A 2007 s3(1): the record says which law was applied, by the law book's ids."""
    morag = person_in(store, "scotland")
    raised = factories.concern(store, morag)
    concern_steps.decide_s42(
        store,
        by=BY,
        concern_id=raised.id,
        expected_version=raised.version,
        answers=_all(raised, True) | {"SCO-ASP-HARM": False},
        reasons=REASONS,
    )
    record = whole_record.whole_record(store, by=BY, person_id=morag.id)
    [row] = next(s["rows"] for s in record["sections"] if s["table"] == "safeguarding_concerns")
    assert row["law_applied"] == {
        "jurisdiction": "scotland",
        "law_version": law_book().version,
        "test": "SCO-ASP-TEST",
        "answers": {"SCO-ASP-UNABLE": True, "SCO-ASP-HARM": False, "SCO-ASP-VULNERABLE": True},
    }


def test_moving_the_person_later_does_not_rewrite_the_law_a_decision_was_made_under(
    store: Store,
):
    morag = person_in(store, "scotland")
    raised = factories.concern(store, morag)
    concern_steps.decide_s42(
        store,
        by=BY,
        concern_id=raised.id,
        expected_version=raised.version,
        answers=_all(raised, True),
        reasons=REASONS,
    )
    with store.write() as session:
        row = session.get(PersonRow, morag.id)
        assert row is not None
        row.jurisdiction = "england"
    [kept] = safeguarding.concerns_for(store, by=BY, person_id=morag.id)
    assert kept.law_applied.jurisdiction.value == "scotland"
    assert kept.s42 is not None and "duty to inquire" in kept.s42.explanation


def test_a_nation_risk_app_does_not_hold_is_refused_with_the_law_books_message():
    with pytest.raises(InvalidInput, match="Northern Ireland"):
        concern_law.law_for("northern_ireland")


@pytest.mark.parametrize(
    ("nation", "kind"),
    [
        pytest.param("england", "Section 42 enquiry", id="england-CA2014-s42(2)"),
        pytest.param("scotland", "Inquiry under s4", id="scotland-ASPSA2007-s4"),
        pytest.param("wales", "Section 126 enquiry", id="wales-SSWBWA2014-s126(2)"),
    ],
)
def test_a_concern_taken_to_its_enquiry_is_the_nations_statutory_one(
    store: Store, nation: str, kind: str
) -> None:
    c = factories.concern_at(store, person_in(store, nation), "enquiry")
    assert c.state is ConcernState.ENQUIRY
    assert c.enquiry_kind is not None and c.enquiry_kind.label_in(c.law.words) == kind
