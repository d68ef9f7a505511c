"""What changed between two versions of an agreement, in plain words."""

from __future__ import annotations

from datetime import date

from agreement_samples import FOOTBALL, action, content

from risk_app.domain.agreements.changes import describe_changes
from risk_app.domain.agreements.content import AgreedDecision, ReviewPart


def test_no_changes_are_described_between_identical_versions():
    assert describe_changes(content(), content()) == []


def test_an_added_mitigation_is_described_in_plain_words():
    old = content()
    risk = old.risks[0]
    new_risk = risk.model_copy(
        update={
            "mitigations": (
                *risk.mitigations,
                action(15, "Carry a phone", "Amina Okafor", "person", date(2027, 3, 3)),
            )
        }
    )
    new = content(risks=(new_risk,))
    assert describe_changes(old, new) == [
        (
            f"Risk '{FOOTBALL}': mitigation added: 'Carry a phone' "
            "(owner: Amina Okafor, the person; by 3 March 2027)."
        )
    ]


def test_changes_to_owners_dates_levels_decisions_reviews_and_dissent_are_each_described():
    old = content()
    risk = old.risks[0]
    first, second, *rest = risk.mitigations
    changed_risk = risk.model_copy(
        update={
            "benefits": "I see my friends and my cousin.",
            "level_after": "Medium",
            "mitigations": (
                first.model_copy(
                    update={"owner_name": "Jo Okafor", "owner_kind": "family_or_friend"}
                ),
                second.model_copy(update={"due": date(2027, 4, 1)}),
                *rest[:-1],
            ),
        }
    )
    decision = old.decisions[0].model_copy(update={"outcome": "referred_to_panel"})
    new = content(
        risks=(changed_risk,),
        decisions=(decision,),
        review=ReviewPart(due=date(2027, 6, 1), kind="triggered"),
        dissent=(),
        contingency=None,
    )
    changes = describe_changes(old, new)
    assert changes == [
        f"Risk '{FOOTBALL}': what they gain changed.",
        f"Risk '{FOOTBALL}': level after the mitigations changed from Low to Medium.",
        (
            f"Risk '{FOOTBALL}': mitigation 'Text Jo when I leave': owner changed from Amina Okafor "
            "to Jo Okafor (family or friend)."
        ),
        (
            f"Risk '{FOOTBALL}': mitigation 'Collect Amina': date changed from 1 March 2027 to "
            "1 April 2027."
        ),
        f"Risk '{FOOTBALL}': mitigation removed: 'Phone round'.",
        (
            "Decision 'Go to the match without staff': outcome changed from agreed to referred to a "
            "risk enablement panel."
        ),
        "The back-up plan (contingency) removed.",
        "Review date changed from 1 November 2027 to 1 June 2027.",
        "Disagreement removed: Mum on 'Decision: go'.",
    ]


def test_added_and_removed_risks_and_decisions_are_described():
    old = content()
    new = content(
        risks=(),
        decisions=(
            *old.decisions,
            AgreedDecision(
                id=4,
                decision="Manage my own money",
                risk_id=None,
                outcome="agreed",
                person_decides=True,
                decider_name=None,
                decider_role=None,
                conditions="",
            ),
        ),
    )
    assert describe_changes(old, new) == [
        f"Risk removed: '{FOOTBALL}'.",
        "Decision added: 'Manage my own money' (agreed).",
    ]
    assert describe_changes(new, old)[0] == f"Risk added: '{FOOTBALL}'."
