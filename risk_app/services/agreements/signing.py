"""Signing in the app: the practitioner and manager with their own accounts, the person with
theirs or in person on the practitioner's device, owners in person; and asking to talk first.
Signing with a one-time code is in `remote_signing`."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from risk_app.adapters import seal_keys
from risk_app.adapters.db import Store
from risk_app.adapters.tables import PersonRow, TeamRow, UserRow
from risk_app.domain import access
from risk_app.domain.access import Actor, PersonScope
from risk_app.domain.agreements.content import parse_content
from risk_app.domain.agreements.signers import (
    SignerDetails,
    SignerRequirement,
    SigningMethod,
    account_role,
    clean_comment,
    requirement,
    settle_signer,
)
from risk_app.domain.audit import AuditAction
from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.domain.inputs import Code, RecordId, Version
from risk_app.domain.roles import Role
from risk_app.domain.sealing import SealKey
from risk_app.services import audit
from risk_app.services.agreements.repository import (
    OBJECT,
    record_talk_request,
    sign_detail,
    version_row,
    write_signature,
)
from risk_app.services.agreements.standing import standing_of
from risk_app.services.agreements.views import SignatureView, signature_view
from risk_app.services.boundary import checked
from risk_app.services.record.people import load_for


def _display_name(session: Session, by: Actor) -> str:
    user = session.get(UserRow, by.user_id)
    return user.display_name if user is not None else by.username


def _team_name(session: Session, person: PersonRow) -> str:
    team = session.get(TeamRow, person.team_id) if person.team_id is not None else None
    return team.name if team is not None else ""


def _check_may_record(
    by: Actor, person: PersonRow, needed: SignerRequirement, method: SigningMethod
) -> None:
    """Refuse `by` recording a signature (or a wish to talk) for `needed` by `method`: in person
    only staff of the person's team, for the person or an owner; with their own account only the
    account `signers.account_role` names for that signer."""
    scope = PersonScope(person_id=person.id, team_id=person.team_id)
    staff = access.can_edit_person(by, scope) and not by.is_operator
    if method is SigningMethod.REMOTE_CODE:
        raise InvalidInput("Remote signatures are made with a one-time code (see invite).")
    if method is SigningMethod.IN_PERSON:
        if not (staff or by.is_operator):
            raise NotPermitted(
                "Only staff of the person's team can record a signature in person.",
                object_type=OBJECT,
                object_id=person.id,
            )
        if needed.role.is_staff:
            raise InvalidInput("Practitioners and managers sign with their own account.")
        return
    wanted = account_role(needed.role)
    if wanted is None:
        raise InvalidInput("Owners sign in person on the practitioner's device, or with a code.")
    allowed = by.role is wanted and (
        access.can_view_person(by, scope) if wanted is Role.INDIVIDUAL else staff
    )
    if not allowed:
        raise NotPermitted(
            f"Only {needed.label.lower()} can sign this with their own account.",
            object_type=OBJECT,
            object_id=person.id,
        )


@checked
def sign(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    version: Version,
    digest: Code,
    signer: SignerDetails,
    method: SigningMethod | str = SigningMethod.IN_PERSON,
    comment: str = "",
    key: SealKey | None = None,
) -> SignatureView:
    """Sign `version`, whose digest the signer was shown, and seal the signature.

    - The practitioner and the manager sign with their own accounts (`OWN_ACCOUNT`).
    - The person signs with their own account, or in person on the practitioner's device
      (`IN_PERSON`, recorded by staff); a representative signs for them only when
      `who_may_sign` allows it, as the records stand now; support from anyone is named.
    - Other owners sign in person, or remotely (see `inviting.invite`).

    Refused: a superseded version, a digest other than the version's (ChangedSinceShown), a
    signer who has already signed this version, and anyone without the right role or relation.
    """
    try:
        method = SigningMethod(method)
    except ValueError:
        raise InvalidInput("Say how the agreement is being signed.") from None
    comment = clean_comment(comment)
    key = key or seal_keys.seal_key()
    now = datetime.now(UTC)
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        row = version_row(session, person.id, version)
        content = parse_content(row.content)
        needed = requirement(content, signer.requirement)
        _check_may_record(by, person, needed, method)
        staff_signing = needed.role.is_staff
        if staff_signing and not signer.on_behalf_of:
            signer = signer.model_copy(update={"on_behalf_of": _team_name(session, person)})
        settled = settle_signer(
            content,
            signer,
            staff_name=_display_name(session, by) if staff_signing else "",
            standing=standing_of(session, person),
        )
        signature = write_signature(
            session,
            actor_name=by.username,
            row=row,
            settled=settled,
            method=method,
            comment=comment,
            digest=digest,
            key=key,
            invitation_id=None,
            now=now,
        )
        audit.record(
            session, by, AuditAction.SIGN, OBJECT, person.id, row.version, **sign_detail(signature)
        )
        return signature_view(signature, row)


@checked
def ask_to_talk(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    version: Version,
    requirement_key: Code = "person",
) -> None:
    """Record "I want to talk about it first" instead of a signature: the person with their own
    account, or staff on behalf of a signer they are with (the person or an owner). Nothing is
    signed; staff see it on the version and in `awaiting_signatures`."""
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        row = version_row(session, person.id, version)
        needed = requirement(parse_content(row.content), requirement_key)
        method = (
            SigningMethod.OWN_ACCOUNT if by.role is Role.INDIVIDUAL else SigningMethod.IN_PERSON
        )
        _check_may_record(by, person, needed, method)
        request = record_talk_request(
            session, row=row, needed=needed, recorded_by=by.username, method=method
        )
        if request is not None:
            audit.record(
                session,
                by,
                AuditAction.CREATE,
                OBJECT,
                person.id,
                row.version,
                event="asked_to_talk",
                request=request.id,
                role=needed.role.value,
            )
