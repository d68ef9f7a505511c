"""The steps of a safeguarding concern's lifecycle after it is raised: the decision under the test of
the concern's nation (England's Section 42 decision, Scotland's decision to inquire, Wales's
Section 126 decision), the enquiry (Scotland: inquiry), its outcome (Making Safeguarding Personal) and closing it, which feeds back into the
person's review.

Each step is one function: it checks the actor may take the step on this concern (the lifecycle's
table of roles, and the person's team unless the actor is the safeguarding lead), that the concern
is still at the version the user saw (stale-safe), and that the table lets the step follow now;
then it records the step's answers, appends to the concern's history and audits it, in one
transaction. `HANDLERS` names the function of every step (a test checks none is missing).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from framework import Jurisdiction
from risk_app.adapters.db import Store
from risk_app.adapters.tables import PersonRow, SafeguardingConcernRow
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject, DetailValue
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.inputs import Code, RecordId, Version
from risk_app.domain.record.concern_lifecycle import (
    ConcernState,
    EnquiryKind,
    OtherResponse,
    OutcomesAchieved,
    ReviewFollowUp,
    RiskAfter,
    Step,
    check_closure,
    check_decision,
    check_enquiry,
    check_forum_referral,
    check_other_response,
    check_outcome,
    check_step,
    may_act,
)
from risk_app.domain.record.plan import ReviewTrigger
from risk_app.domain.record.safeguarding import S42Result
from risk_app.domain.record.safeguarding_law import LawApplied, answers_for, outcome
from risk_app.domain.text import clean_long_text, clean_short_text
from risk_app.services import audit
from risk_app.services.boundary import checked
from risk_app.services.record import reviews, safeguarding
from risk_app.services.record.concern_law import law_of
from risk_app.services.record.safeguarding import ConcernView, add_event, facts_of, view_in

EARLY_REVIEW_WITHIN = timedelta(days=28)
"""An early review requested on closing a concern is due within four weeks (as any request)."""

E = TypeVar("E", bound=StrEnum)


def _choice(kind: type[E], value: E | str | None, what: str) -> E | None:
    if value is None or value == "":
        return None
    try:
        return kind(value)
    except ValueError:
        raise InvalidInput(f"Choose {what} from the list.") from None


def _begin(
    session: Session, by: Actor, concern_id: int, expected_version: int, step: Step
) -> tuple[SafeguardingConcernRow, ConcernState, ConcernState]:
    """The concern, its state now and its state after `step`, or the refusal."""
    row = session.get(SafeguardingConcernRow, concern_id)
    person = session.get(PersonRow, row.person_id) if row is not None else None
    if row is None or person is None or not may_act(by, step, person.team_id):
        raise NotPermitted(object_type=AuditObject.SAFEGUARDING_CONCERN, object_id=concern_id)
    if row.version_id != expected_version:
        raise StaleEdit("safeguarding concern", expected_version, row.version_id)
    source = ConcernState(row.state)
    return row, source, check_step(step, facts_of(row))


def _finish(
    session: Session,
    by: Actor,
    row: SafeguardingConcernRow,
    step: Step,
    source: ConcernState,
    target: ConcernState,
    **detail: DetailValue,
) -> ConcernView:
    now = datetime.now(UTC)
    row.state = target.value
    session.flush()
    add_event(session, row, step, source, target, now, by)
    audit.record(
        session,
        by,
        AuditAction.CHANGE,
        AuditObject.SAFEGUARDING_CONCERN,
        row.id,
        row.version_id,
        person=row.person_id,
        step=step.value,
        from_state=source.value,
        to_state=target.value,
        **detail,
    )
    return view_in(session, row)


BY_MEANING: dict[Jurisdiction, tuple[str, str, str]] = {
    Jurisdiction.ENGLAND: ("ENG-SG-NEEDS", "ENG-SG-ABUSE", "ENG-SG-PROTECT"),
    Jurisdiction.WALES: ("WAL-SG-NEEDS", "WAL-SG-ABUSE", "WAL-SG-PROTECT"),
}
"""The law book's conditions that `needs`, `abuse_or_risk` and `unable_to_protect` name, where the
nation's test has conditions of that meaning (England's s42(1)(a)-(c), Wales's s126(1)(b), (a),
(c)). Scotland's three-point test has none of these: its answers are given by condition id."""


def _answers_given(
    jurisdiction: Jurisdiction,
    answers: Mapping[str, bool | None] | None,
    by_meaning: tuple[bool | None, bool | None, bool | None],
) -> dict[str, bool | None]:
    if answers is not None:
        if any(a is not None for a in by_meaning):
            raise InvalidInput("Answer the conditions once: by their ids, or by their meaning.")
        return dict(answers)
    ids = BY_MEANING.get(jurisdiction)
    if ids is None:
        if any(a is not None for a in by_meaning):
            raise InvalidInput(
                "This concern follows Scotland's law: answer the three-point test's conditions "
                "by their ids, not the Care Act's questions."
            )
        return {}
    return dict(zip(ids, by_meaning, strict=True))


@checked
def decide_s42(
    store: Store,
    *,
    by: Actor,
    concern_id: RecordId,
    expected_version: Version,
    reasons: str,
    answers: dict[Code, bool | None] | None = None,
    needs: bool | None = None,
    abuse_or_risk: bool | None = None,
    unable_to_protect: bool | None = None,
) -> ConcernView:
    """The decision under the test of the concern's nation, by a team manager or the safeguarding
    lead: each of the test's three conditions answered (none is assumed), with the reasons.

    `answers` gives each condition by its law book id (``SCO-ASP-UNABLE``); for England and Wales
    `needs`, `abuse_or_risk` and `unable_to_protect` may name them by meaning instead. The record
    keeps the nation, the law book version, the test and the answers by id (`law_applied`).
    For a self-neglect concern at the high-risk forum, the same decision is the step that follows
    the forum."""
    why = clean_long_text(reasons, "reasons for the decision")
    now = datetime.now(UTC)
    with audit.transaction(store, by) as session:
        step = _decide_step(session, concern_id)
        row, source, target = _begin(session, by, concern_id, expected_version, step)
        applied, law = law_of(row)
        given = _answers_given(
            applied.jurisdiction, answers, (needs, abuse_or_risk, unable_to_protect)
        )
        ordered = answers_for(law.law, given)
        check_decision(law.law, law.words, dict(ordered), why)
        result = outcome(law.law, law.words, dict(ordered))
        english = dict(ordered)
        row.needs, row.abuse_or_risk, row.unable_to_protect = (
            english.get(i) for i in BY_MEANING[Jurisdiction.ENGLAND]
        )
        row.law_applied = LawApplied(
            applied.jurisdiction, law.version, law.law.test.id, ordered
        ).stored()
        row.s42_result = result.result.value
        row.decision_reasons = why
        row.decided_at = now
        row.decided_by = by.username
        return _finish(
            session,
            by,
            row,
            step,
            source,
            target,
            s42=result.result.value,
            jurisdiction=applied.jurisdiction.value,
            test=law.law.test.id,
        )


def _decide_step(session: Session, concern_id: int) -> Step:
    """Deciding after the forum is its own step of the lifecycle; otherwise it is the decision."""
    row = session.get(SafeguardingConcernRow, concern_id)
    if row is not None and row.state == ConcernState.FORUM.value:
        return Step.DECIDE_AFTER_FORUM
    return Step.DECIDE


@checked
def refer_to_forum(
    store: Store,
    *,
    by: Actor,
    concern_id: RecordId,
    expected_version: Version,
    reasons: str,
) -> ConcernView:
    """Refer a self-neglect concern to a multi-agency high-risk forum, instead of (or before) the
    Section 42 decision, by a team manager or the safeguarding lead, with the reasons. Self-neglect
    may not call for a Section 42 enquiry (Care and Support Statutory Guidance 14.17); any other
    concern is refused here and goes to the decision."""
    why = clean_long_text(reasons, "reasons for the forum")
    check_forum_referral(why)
    with audit.transaction(store, by) as session:
        row, source, target = _begin(session, by, concern_id, expected_version, Step.REFER_TO_FORUM)
        row.forum_reasons = why
        return _finish(session, by, row, Step.REFER_TO_FORUM, source, target)


def _hand_to_review(
    session: Session, by: Actor, row: SafeguardingConcernRow, chosen: ReviewFollowUp, note: str
) -> None:
    """Closing says how the person's review takes the concern up: an early review requested now
    (with the closing note as its reason), or the next planned review."""
    row.review_follow_up = chosen.value
    row.closing_note = note
    if chosen is ReviewFollowUp.EARLY_REVIEW:
        request = reviews.add_request(
            session,
            by,
            row.person_id,
            ReviewTrigger.SAFETY_OR_WELFARE_COMPROMISED,
            datetime.now(UTC).date() + EARLY_REVIEW_WITHIN,
            note,
            concern=row.id,
        )
        row.review_request_id = request.id


@checked
def close_after_forum(
    store: Store,
    *,
    by: Actor,
    concern_id: RecordId,
    expected_version: Version,
    follow_up: ReviewFollowUp | str | None,
    note: str,
) -> ConcernView:
    """Close a self-neglect concern with what the high-risk forum agreed (no Section 42 enquiry),
    saying how the person's review takes it up (an early review is requested now, or the next
    planned review)."""
    chosen = _choice(ReviewFollowUp, follow_up, "how the review takes this up")
    text = clean_long_text(note, "what the forum agreed")
    check_closure(chosen, text, None)
    assert chosen is not None
    with audit.transaction(store, by) as session:
        row, source, target = _begin(
            session, by, concern_id, expected_version, Step.CLOSE_AFTER_FORUM
        )
        _hand_to_review(session, by, row, chosen, text)
        return _finish(
            session,
            by,
            row,
            Step.CLOSE_AFTER_FORUM,
            source,
            target,
            follow_up=chosen.value,
            review_request=row.review_request_id,
        )


@checked
def start_enquiry(
    store: Store,
    *,
    by: Actor,
    concern_id: RecordId,
    expected_version: Version,
    kind: EnquiryKind | str | None,
    lead: str,
) -> ConcernView:
    """Start the enquiry: a Section 42 enquiry when the duty arises, another (non-statutory) one
    when it does not; with who leads it."""
    chosen = _choice(EnquiryKind, kind, "the kind of enquiry")
    who = clean_short_text(lead, "who leads the enquiry", required=False)
    if chosen is None:
        raise InvalidInput("Choose the kind of enquiry (statutory or other).")
    with audit.transaction(store, by) as session:
        row, source, target = _begin(session, by, concern_id, expected_version, Step.START_ENQUIRY)
        _, law = law_of(row)
        check_enquiry(chosen, S42Result(row.s42_result) if row.s42_result else None, who, law.words)
        row.enquiry_kind = chosen.value
        row.enquiry_lead = who
        return _finish(session, by, row, Step.START_ENQUIRY, source, target, enquiry=chosen.value)


@checked
def record_outcome(
    store: Store,
    *,
    by: Actor,
    concern_id: RecordId,
    expected_version: Version,
    outcomes_asked: bool | None,
    desired_outcomes: str,
    achieved: OutcomesAchieved | str | None,
    risk_after: RiskAfter | str | None,
    outcomes_expressed: bool | None = None,
) -> ConcernView:
    """The enquiry's outcome (Making Safeguarding Personal): whether the person was asked what
    they wanted, whether they said (and what), how far it was achieved, and where the risk stands.
    Words given are the record that outcomes were expressed; a person asked who said nothing they
    wanted is recorded with `outcomes_expressed=False` and no words."""
    got = _choice(OutcomesAchieved, achieved, "how far the outcomes were achieved")
    risk = _choice(RiskAfter, risk_after, "where the risk stands")
    desired = clean_long_text(desired_outcomes, "the outcomes the person wanted")
    expressed = check_outcome(outcomes_asked, desired, got, risk, outcomes_expressed)
    assert risk is not None
    with audit.transaction(store, by) as session:
        row, source, target = _begin(session, by, concern_id, expected_version, Step.RECORD_OUTCOME)
        row.outcomes_asked = outcomes_asked
        row.outcomes_expressed = expressed
        row.desired_outcomes = desired
        row.outcomes_achieved = got.value if got else None
        row.risk_after = risk.value
        return _finish(
            session,
            by,
            row,
            Step.RECORD_OUTCOME,
            source,
            target,
            asked=outcomes_asked,
            expressed=expressed,
            achieved=got.value if got else None,
            risk=risk.value,
        )


@checked
def close_concern(
    store: Store,
    *,
    by: Actor,
    concern_id: RecordId,
    expected_version: Version,
    follow_up: ReviewFollowUp | str | None,
    note: str,
) -> ConcernView:
    """Close the concern after its outcome, saying how the person's review takes it up: an early
    review requested now (always when the risk remains), or the next planned review."""
    chosen = _choice(ReviewFollowUp, follow_up, "how the review takes this up")
    text = clean_long_text(note, "closing note")
    with audit.transaction(store, by) as session:
        row, source, target = _begin(session, by, concern_id, expected_version, Step.CLOSE)
        check_closure(chosen, text, RiskAfter(row.risk_after) if row.risk_after else None)
        assert chosen is not None
        _hand_to_review(session, by, row, chosen, text)
        return _finish(
            session,
            by,
            row,
            Step.CLOSE,
            source,
            target,
            follow_up=chosen.value,
            review_request=row.review_request_id,
        )


@checked
def close_without_enquiry(
    store: Store,
    *,
    by: Actor,
    concern_id: RecordId,
    expected_version: Version,
    response: OtherResponse | str | None,
    note: str,
) -> ConcernView:
    """Close a concern for which the Section 42 duty does not arise, with the other response
    given (information and advice, a plan change, another agency, or no further action)."""
    chosen = _choice(OtherResponse, response, "the other response")
    text = clean_long_text(note, "closing note")
    check_other_response(chosen, text)
    assert chosen is not None
    with audit.transaction(store, by) as session:
        row, source, target = _begin(
            session, by, concern_id, expected_version, Step.CLOSE_WITHOUT_ENQUIRY
        )
        row.other_response = chosen.value
        row.closing_note = text
        return _finish(
            session,
            by,
            row,
            Step.CLOSE_WITHOUT_ENQUIRY,
            source,
            target,
            response=chosen.value,
        )


HANDLERS: dict[Step, Callable[..., Any]] = {
    Step.RAISE: safeguarding.raise_concern,
    Step.DECIDE: decide_s42,
    Step.START_ENQUIRY: start_enquiry,
    Step.RECORD_OUTCOME: record_outcome,
    Step.CLOSE: close_concern,
    Step.CLOSE_WITHOUT_ENQUIRY: close_without_enquiry,
    Step.REFER_TO_FORUM: refer_to_forum,
    Step.DECIDE_AFTER_FORUM: decide_s42,
    Step.CLOSE_AFTER_FORUM: close_after_forum,
}
"""The service function of every step of the lifecycle."""
