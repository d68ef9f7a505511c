"""The review dates the law of the person's nation sets, read from the law book.

England: a direct payment is first reviewed within six months of the first payment, then at least
every twelve months (Care and Support (Direct Payments) Regulations 2014, reg 7); a plan has a
light-touch review six to eight weeks after it is signed off and is reviewed at least every twelve
months (Care and support statutory guidance, para 13.32). The numbers come from the law book, so
this module holds no interval of its own.

Scotland and Wales: the law book holds no fixed interval, so no date is made up. The person's next
review is a date agreed with them (at a panel, a meeting, with the plan or a decision); until one
is agreed, the record says so (`no_interval_note`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from framework.law import LawBook, Rule
from risk_app.domain.record.next_review import ReviewSource, SourceKind
from risk_app.domain.record.plan import add_months

NO_INTERVAL = "No statutory interval: agree a review date with the person"


@dataclass(frozen=True, slots=True)
class ReviewFacts:
    """What a person's record holds that the review rule counts from."""

    direct_payment_start: date | None
    plan_agreed: date | None
    """When the plan was last signed off (agreed, with or without conditions)."""
    last_review: date | None


def _cited(book: LawBook, rule: Rule) -> str:
    return "; ".join(book.describe(c) for c in rule.cites)


def rule_sources(book: LawBook, jurisdiction: str, facts: ReviewFacts) -> list[ReviewSource]:
    """The review dates the nation's law sets for this record (none where it sets none)."""
    law = book.law_for(jurisdiction).reviews
    found: list[ReviewSource] = []
    last = facts.last_review
    weeks = law.plan_first_review_weeks
    if weeks is not None and facts.plan_agreed is not None:
        signed = facts.plan_agreed
        if last is None or last < signed:
            found.append(
                ReviewSource(
                    SourceKind.LIGHT_TOUCH,
                    signed + timedelta(weeks=weeks[1]),
                    rule=f"{weeks[0]} to {weeks[1]} weeks after sign-off; {_cited(book, law.plan)}",
                    said=law.plan.plain or "",
                    window_from=signed + timedelta(weeks=weeks[0]),
                )
            )
    first = law.direct_payment_first_within_months
    every = law.direct_payment_then_every_months
    start = facts.direct_payment_start
    if start is not None and first is not None and every is not None:
        cited = _cited(book, law.direct_payment)
        said = law.direct_payment.plain or ""
        if last is None or last < start:
            due = add_months(start, first)
            rule = f"within {first} months of the first payment; {cited}"
            found.append(ReviewSource(SourceKind.FIRST_DIRECT_PAYMENT, due, rule=rule, said=said))
        else:
            rule = f"at least every {every} months while the direct payment lasts; {cited}"
            found.append(
                ReviewSource(SourceKind.SCHEDULED, add_months(last, every), rule=rule, said=said)
            )
        return found
    interval = law.plan_then_every_months
    if interval is not None and facts.plan_agreed is not None:
        base = facts.plan_agreed if last is None else max(facts.plan_agreed, last)
        rule = f"at least every {interval} months; {_cited(book, law.plan)}"
        found.append(
            ReviewSource(
                SourceKind.SCHEDULED,
                add_months(base, interval),
                rule=rule,
                said=law.plan.plain or "",
            )
        )
    return found


def no_interval_note(book: LawBook, jurisdiction: str) -> str | None:
    """For a nation with no statutory review interval: what the record says instead of a date."""
    law = book.law_for(jurisdiction)
    reviews = law.reviews
    if (
        reviews.direct_payment_first_within_months is not None
        or reviews.plan_then_every_months is not None
    ):
        return None
    return f"{NO_INTERVAL}. {reviews.plan.summary} ({law.name}: {_cited(book, reviews.plan)}.)"
