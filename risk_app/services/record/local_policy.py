"""Reading and setting the council's local policies (`risk_app.domain.record.local_policy`).

Everyone signed in may read them: they change what the screens say. Only the safeguarding lead
(and the operator) may change one. A change is a new row with the next version, never an edit,
so the history stays; it names the version it was made from and is refused as stale if someone
changed the policy since; it is audited (which policy, on or off, its number: no typed text).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated, TypeAlias

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from risk_app.adapters.db import Store
from risk_app.adapters.tables import (
    ActionRow,
    CheckRow,
    LocalPolicyRow,
    PersonRow,
    PromptAnswerRow,
)
from risk_app.config import Settings
from risk_app.domain import access
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import StaleEdit
from risk_app.domain.inputs import MAX_RECORD_ID, Key
from risk_app.domain.record.checks import CheckKind
from risk_app.domain.record.local_policy import (
    PA_PROMPT,
    PolicyId,
    PolicySetting,
    checked_change,
    employs_personal_assistant,
    is_direct_payment,
    locally_required_touchpoints,
    parse_policy,
    settings_in_force,
)
from risk_app.domain.record.ownership import OwnerKind
from risk_app.services import audit
from risk_app.services import framework as framework_service
from risk_app.services.boundary import checked

PolicyVersion: TypeAlias = Annotated[int, Field(strict=True, ge=0, le=MAX_RECORD_ID)]
"""The version of a policy a change was made from: 0 while the default applies."""

NumberSetting: TypeAlias = Annotated[int, Field(strict=True, ge=0, le=1000)]


def _setting(row: LocalPolicyRow) -> PolicySetting:
    return PolicySetting(
        PolicyId(row.policy), row.is_on, row.value, row.version, row.set_by, row.set_at
    )


def env_s42_days() -> int | None:
    """The operator's RISK_APP_S42_DECISION_WORKING_DAYS, if set: the starting figure until the
    safeguarding lead sets the policy (then the lead's figure counts)."""
    settings = Settings.from_env()
    return settings.s42_decision_working_days if settings.s42_decision_working_days_set else None


def in_force(session: Session) -> dict[PolicyId, PolicySetting]:
    """Every local policy as it stands now (the newest setting, else the default), inside the
    caller's transaction."""
    newest = (
        select(LocalPolicyRow.policy, func.max(LocalPolicyRow.version).label("version"))
        .group_by(LocalPolicyRow.policy)
        .subquery()
    )
    rows = session.scalars(
        select(LocalPolicyRow).join(
            newest,
            (LocalPolicyRow.policy == newest.c.policy)
            & (LocalPolicyRow.version == newest.c.version),
        )
    )
    known = {p.value for p in PolicyId}
    return settings_in_force(
        (_setting(r) for r in rows if r.policy in known), s42_days=env_s42_days()
    )


@checked
def policies(store: Store, *, by: Actor) -> dict[PolicyId, PolicySetting]:
    """Every local policy as it stands, in catalogue order (anyone signed in may read them)."""
    with store.read() as session:
        return in_force(session)


@checked
def history(store: Store, *, by: Actor, policy: Key) -> list[PolicySetting]:
    """Every setting of one policy, newest first (the default, never stored, is not listed)."""
    chosen = parse_policy(policy)
    with store.read() as session:
        rows = session.scalars(
            select(LocalPolicyRow)
            .where(LocalPolicyRow.policy == chosen.value)
            .order_by(LocalPolicyRow.version.desc())
        )
        return [_setting(r) for r in rows]


@checked
def set_policy(
    store: Store,
    *,
    by: Actor,
    policy: Key,
    on: bool,
    value: NumberSetting | None = None,
    expected_version: PolicyVersion,
) -> PolicySetting:
    """Set a local policy (the safeguarding lead only), refusing a change made from an older
    version than the one in force."""
    audit.require(store, by, access.can_set_local_policy, AuditObject.LOCAL_POLICY, policy)
    chosen = parse_policy(policy)
    is_on, number = checked_change(chosen, on, value)
    try:
        with audit.transaction(store, by) as session:
            current = in_force(session)[chosen]
            if current.version != expected_version:
                raise StaleEdit("local policy", expected_version, current.version)
            row = LocalPolicyRow(
                policy=chosen.value,
                version=current.version + 1,
                is_on=is_on,
                value=number,
                set_by=by.username,
                set_at=datetime.now(UTC),
            )
            session.add(row)
            session.flush()
            audit.record(
                session,
                by,
                AuditAction.CHANGE,
                AuditObject.LOCAL_POLICY,
                chosen.value,
                row.version,
                on=is_on,
                value=number,
                was_on=current.on,
                was_value=current.value,
                was_default=current.is_default,
            )
            return _setting(row)
    except IntegrityError:
        # Two changes made at once from the same version: the other one was saved first.
        with store.read() as session:
            now = in_force(session)[chosen].version
        raise StaleEdit("local policy", expected_version, now) from None


def touchpoints_required(
    session: Session, person: PersonRow, answers: Mapping[str, str]
) -> dict[str, PolicySetting]:
    """Touchpoint id → the local policy that makes it required for ``person`` (inside the
    caller's transaction, which has checked access)."""
    return _required(session, [(person.id, person.budget_option, person.jurisdiction)], answers)[
        person.id
    ]


def touchpoints_required_for_everyone(session: Session) -> dict[int, dict[str, PolicySetting]]:
    """Per person (only those it applies to): touchpoint id → the local policy that makes it
    required, for the case audit (inside the caller's transaction)."""
    people = [
        (pid, option, jurisdiction)
        for pid, option, jurisdiction in session.execute(
            select(PersonRow.id, PersonRow.budget_option, PersonRow.jurisdiction)
        )
    ]
    return {pid: found for pid, found in _required(session, people, None).items() if found}


def _required(
    session: Session,
    people: list[tuple[int, str, str]],
    answers: Mapping[str, str] | None,
) -> dict[int, dict[str, PolicySetting]]:
    settings = in_force(session)
    candidates = [p for p in people if is_direct_payment(p[1] or None)]
    if not settings[PolicyId.DBS_CONDITION_OF_DIRECT_PAYMENT].on or not candidates:
        return {p[0]: {} for p in people}
    ids = [p[0] for p in candidates]
    with_pa_action = set(
        session.scalars(
            select(ActionRow.person_id).where(
                ActionRow.person_id.in_(ids),
                ActionRow.owner_kind == OwnerKind.PERSONAL_ASSISTANT.value,
            )
        )
    )
    recruitment_kinds = [k.value for k in CheckKind if not k.provider_check]
    with_check = set(
        session.scalars(
            select(CheckRow.person_id).where(
                CheckRow.person_id.in_(ids), CheckRow.kind.in_(recruitment_kinds)
            )
        )
    )
    pa_answers = _pa_answers(session, ids) if answers is None else {ids[0]: answers}
    graph = framework_service.current()
    found: dict[int, dict[str, PolicySetting]] = {p[0]: {} for p in people}
    for person_id, option, jurisdiction in candidates:
        found[person_id] = locally_required_touchpoints(
            graph,
            settings,
            budget_option=option or None,
            employs_personal_assistant=employs_personal_assistant(
                pa_answers.get(person_id, {}),
                pa_owns_an_action=person_id in with_pa_action,
                recruitment_check_recorded=person_id in with_check,
            ),
            jurisdiction=jurisdiction or None,
        )
    return found


def _pa_answers(session: Session, ids: list[int]) -> dict[int, dict[str, str]]:
    """The newest answer to the question on employing a personal assistant, per person."""
    found: dict[int, dict[str, str]] = {}
    for person_id, answer in session.execute(
        select(PromptAnswerRow.person_id, PromptAnswerRow.answer)
        .where(PromptAnswerRow.person_id.in_(ids), PromptAnswerRow.prompt_id == PA_PROMPT)
        .order_by(PromptAnswerRow.answered_at, PromptAnswerRow.id)
    ):
        found[person_id] = {PA_PROMPT: answer}
    return found
