from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.ownership import (
    OWNERSHIP_COLUMNS,
    ActionStatus,
    ActionView,
    OwnerKind,
    overdue,
    ownership_table,
    unacknowledged,
    validate_owner,
)

TODAY = date(2026, 6, 15)


def _action(
    id: int,  # noqa: A002
    due: date | None,
    status: ActionStatus = ActionStatus.OPEN,
    acknowledged: bool = True,
) -> ActionView:
    return ActionView(
        id=id,
        description=f"Action {id}",
        owner_name="Jo Brown",
        owner_kind=OwnerKind.FAMILY_OR_FRIEND,
        due=due,
        status=status,
        acknowledged=acknowledged,
    )


def test_overdue_actions_are_open_past_their_date_oldest_first():
    actions = [
        _action(1, date(2026, 6, 1)),
        _action(2, date(2026, 5, 1)),
        _action(3, date(2026, 6, 15)),
        _action(4, None),
        _action(5, date(2026, 4, 1), ActionStatus.DONE),
        _action(6, date(2026, 4, 1), ActionStatus.CANCELLED),
    ]
    assert [a.id for a in overdue(actions, TODAY)] == [2, 1]


@given(
    st.lists(
        st.tuples(
            st.none() | st.dates(date(2026, 1, 1), date(2026, 12, 31)),
            st.sampled_from(list(ActionStatus)),
        ),
        max_size=12,
    )
)
def test_overdue_is_sorted_and_only_holds_open_late_actions(specs):
    actions = [_action(i, due, status) for i, (due, status) in enumerate(specs)]
    late = overdue(actions, TODAY)
    assert all(a.status is ActionStatus.OPEN and a.due and a.due < TODAY for a in late)
    assert [a.due for a in late] == sorted(a.due for a in late if a.due)
    assert len(late) == sum(
        1 for a in actions if a.status is ActionStatus.OPEN and a.due and a.due < TODAY
    )


def test_unacknowledged_lists_open_actions_their_owner_has_not_confirmed():
    actions = [
        _action(1, None, acknowledged=False),
        _action(2, None, acknowledged=True),
        _action(3, None, ActionStatus.DONE, acknowledged=False),
    ]
    assert [a.id for a in unacknowledged(actions)] == [1]


def test_the_ownership_table_says_who_does_what_by_when_in_plain_words():
    rows = ownership_table(
        [
            _action(1, date(2026, 7, 3), acknowledged=False),
            ActionView(
                2,
                "Check the card statement",
                "Ms Khan",
                OwnerKind.PERSON,
                None,
                ActionStatus.DONE,
                True,
            ),
        ]
    )
    assert tuple(rows[0]) == OWNERSHIP_COLUMNS
    assert rows[0] == {
        "Owner": "Jo Brown",
        "Role": "Family or friend",
        "What": "Action 1",
        "By when": "3 July 2026",
        "Status": "Open",
        "Acknowledged": "No",
    }
    assert rows[1]["By when"] == "No date set"
    assert rows[1]["Role"] == "The person"
    assert rows[1]["Status"] == "Done"


def test_every_owner_kind_has_a_label():
    assert all(kind.label for kind in OwnerKind)


def test_an_owner_name_is_trimmed_and_the_kind_accepted_as_text():
    assert validate_owner("  Dr A. Shah ", "health") == ("Dr A. Shah", OwnerKind.HEALTH)
    assert validate_owner("Sunrise Care", OwnerKind.PROVIDER) == (
        "Sunrise Care",
        OwnerKind.PROVIDER,
    )
    assert validate_owner("PC Jones", " Police ") == ("PC Jones", OwnerKind.POLICE)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("   ", "Give the name"),
        ("x" * 201, "too long"),
        ("Jo\x00Brown", "control characters"),
        ("Jo\nBrown", "control characters"),
    ],
)
def test_an_unusable_owner_name_is_refused(name, message):
    with pytest.raises(InvalidInput, match=message):
        validate_owner(name, OwnerKind.PERSON)


def test_an_owner_name_of_two_hundred_characters_is_accepted():
    assert validate_owner("x" * 200, OwnerKind.OTHER)[0] == "x" * 200


def test_an_unknown_owner_kind_is_refused_listing_the_valid_kinds():
    with pytest.raises(InvalidInput, match="'neighbour' is not a kind") as caught:
        validate_owner("Mr Lee", "neighbour")
    message = str(caught.value)
    assert all(kind.value in message for kind in OwnerKind)
