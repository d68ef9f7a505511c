"""Risk agreements on screen: the practitioner's tab (issue, sign, codes, evidence) and the plain
reading of an agreement shared by the person's own signing pages. Pages call these; these call
services. Everything anyone typed is shown literally."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from risk_app.adapters.db import Store
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.agreements.agreement_words import Screen, screens
from risk_app.domain.agreements.signers import (
    SignerDetails,
    SignerRequirement,
    SignerRole,
    SigningBasis,
    SigningMethod,
    bases_for,
    for_the_person,
    signer_name,
    signs_in_their_job,
)
from risk_app.domain.agreements.signing_codes import InvitationState
from risk_app.domain.errors import InvalidInput, RiskAppError
from risk_app.services.agreements import evidence, inviting, issuing, reading, signing
from risk_app.services.agreements.views import AgreementVersionView
from risk_app.services.record import people, risks
from risk_app.ui import notices, runtime, text
from risk_app.ui.agreements import pictures
from risk_app.ui.text import show_error

LARGE_TEXT_CSS = """<style>
[data-testid="stMarkdownContainer"] p, [data-testid="stText"], label p,
[data-literal="text"], [data-literal="fields"], [data-literal="list"] { font-size: 1.3rem; }
</style>"""
"""Larger words on the person's own screens (static, trusted)."""
LARGE_PRINT_CSS = LARGE_TEXT_CSS.replace("1.3rem", "1.75rem")
"""Large print, for a person whose record says they need it: about 28 px words."""


# ---------------------------------------------------------------------- reading an agreement
def show_screen(screen: Screen, *, easy_read: bool, heading_level: int = 2) -> None:
    """One screen of the agreement: our words, then anyone's own words shown exactly; in easy
    read, a picture beside each point and bigger words."""
    if easy_read:
        pictures.show_points(screen, heading_level=heading_level)
        return
    text.heading(screen.title, level=heading_level)
    for line in screen.lines:
        text.show(line.text)
        if line.quote:
            text.show(line.quote)


def show_agreement(view: AgreementVersionView, *, easy_read: bool = False) -> None:
    phone = runtime.settings().safeguarding_phone
    for screen in screens(
        view.content,
        version=view.version,
        jurisdiction=view.jurisdiction,
        safeguarding_phone=phone,
    ):
        show_screen(screen, easy_read=easy_read, heading_level=3)


def signature_rows(view: AgreementVersionView) -> list[dict[str, object]]:
    return [
        {
            "Signed by": s.signer_name,
            "As": s.role.label,
            "For": s.on_behalf_of or "—",
            "Basis": s.basis.label,
            "Supported by": s.supported_by or "—",
            "How": s.method.label,
            "When": words.moment(s.signed_at, utc=True),
            "Comment": s.comment or "—",
            "Seal": "Checks out" if s.seal_holds else "DOES NOT CHECK OUT",
        }
        for s in view.signatures
    ]


# ---------------------------------------------------------------------- the practitioner's tab
def render_staff(store: Store, actor: Actor, person: people.PersonView) -> None:
    pid = person.id
    st.subheader("Risk agreement", anchor=False)
    st.caption(
        "Built from the person's records. Each issued version is fixed and has a check code "
        "(SHA-256); any change to the records needs a new version, signed again."
    )
    _issue_section(store, actor, pid)
    summaries = reading.versions(store, by=actor, person_id=pid)
    if not summaries:
        return
    text.table(
        [
            {
                "Version": s.version,
                "Issued": words.moment(s.issued_at),
                "By": s.issued_by,
                "Signed": f"{s.signed} of {s.required}",
                "Status": "Current" if s.is_current else "Superseded",
            }
            for s in summaries
        ]
    )
    numbers = [s.version for s in summaries]
    chosen = st.selectbox(
        "Open version",
        numbers,
        key=f"agreement_version_{pid}",
        format_func=lambda n: f"Version {n}",
    )
    view = reading.get_version(store, by=actor, person_id=pid, version=int(chosen or numbers[0]))
    _version_section(store, actor, view)
    if len(numbers) > 1:
        _compare_section(store, actor, pid, numbers)


def _issue_section(store: Store, actor: Actor, pid: int) -> None:
    scale = risks.current_scale(runtime.settings().risk_scale_path)
    draft = issuing.draft(store, by=actor, person_id=pid, scale=scale)
    if draft.content.is_empty:
        st.info("Nothing to agree yet: record a risk, a decision or an action first.")
        return
    if draft.unchanged:
        st.success(f"Version {draft.latest_version} says exactly what the records say now.")
        return
    if draft.latest_version is not None:
        st.warning(f"The records have changed since version {draft.latest_version} was issued:")
        for change in draft.changes:
            st.text(f"• {change}")
    number = (draft.latest_version or 0) + 1
    notices.show(f"agreement_issue_{pid}")
    if st.button(f"Issue version {number} for signing", key=f"agreement_issue_{pid}"):
        try:
            result = issuing.issue(store, by=actor, person_id=pid, expected_digest=draft.digest)
        except RiskAppError as exc:
            show_error(exc)
        else:
            st.session_state[f"agreement_version_{pid}"] = result.version
            notices.confirm(f"agreement_issue_{pid}", result.message)
            runtime.rerun()


def _version_section(store: Store, actor: Actor, view: AgreementVersionView) -> None:
    pid = view.person_id
    state = "current" if view.is_current else f"superseded by version {view.latest_version}"
    st.markdown(f"**Version {view.version}** ({state}), issued {words.day(view.issued_at)}.")
    st.text(f"Check code (SHA-256): {view.digest}")
    if not view.intact:
        st.error("This version no longer matches its check code or seal. Tell your administrator.")
    with st.expander("Read it as the person will"):
        easy = st.toggle("Easy read", key=f"agreement_easy_{pid}_{view.version}")
        show_agreement(view, easy_read=easy)
    st.markdown("**Signatures**")
    notices.show(f"agreement_signed_{pid}")
    if view.signatures:
        text.table(signature_rows(view))
    else:
        st.write("Nobody has signed this version yet.")
    for asked in view.asked_to_talk:
        text.show_warning(f"{asked.label} asked to talk about this version before signing.")
    if view.missing:
        st.markdown("**Still to sign**")
        for needed in view.missing:
            st.text(f"• {needed.label}")
    else:
        st.success("Everyone has signed this version.")
    if view.is_current and view.missing:
        _own_signature(store, actor, view)
        _recorded_signature(store, actor, view)
        _invitations(store, actor, view)
    _evidence(store, actor, view)


def _own_signature(store: Store, actor: Actor, view: AgreementVersionView) -> None:
    role = signs_in_their_job(actor.role)
    mine = [m for m in view.missing if m.role is role]
    if not mine:
        return
    [basis] = bases_for(view.content, mine[0], view.standing)
    key = f"agreement_own_{view.person_id}_{view.version}"
    # A staff requirement's label is our own words ("The practitioner"), never a typed name.
    with st.expander(f"Sign as the {mine[0].label.lower().removeprefix('the ')}"):
        comment = st.text_area("Comment (optional)", key=f"{key}_comment", max_chars=2000)
        agreed = st.checkbox(
            f"I have read version {view.version} and I sign it in my job.", key=f"{key}_ok"
        )
        if st.button("Sign", key=f"{key}_sign"):
            if not agreed:
                st.error("Tick the box to say you have read this version.")
                return
            _sign(
                store,
                actor,
                view,
                SignerDetails(requirement=mine[0].key, basis=basis),
                SigningMethod.OWN_ACCOUNT,
                comment,
            )


def _others(view: AgreementVersionView) -> list[SignerRequirement]:
    """Who is still to sign and may sign on this device or with a code (not staff)."""
    return [m for m in view.missing if not m.role.is_staff]


BASIS_MISSING = (
    "Choose who is signing and on what basis they sign: for themselves, with support, or, "
    "only where the law allows, their representative for them."
)


def _signer_inputs(
    view: AgreementVersionView, key: str, others: Sequence[SignerRequirement]
) -> SignerDetails | None:
    """Who signs and on what basis; None until a basis is chosen. Where more than one basis is
    possible (the person themselves, with support, or their representative) none is assumed."""
    labels: dict[str, str] = {m.key: m.label for m in others}
    chosen = st.selectbox(
        "Who is signing",
        list(labels),
        index=None,
        placeholder="Choose who is signing",
        key=f"{key}_who",
        format_func=labels.__getitem__,
    )
    if chosen is None:  # nobody is assumed to be the signer
        return None
    needed = next(m for m in others if m.key == chosen)
    bases = bases_for(view.content, needed, view.standing)
    if needed.role is SignerRole.PERSON and view.content.person.representative is not None:
        verdict = for_the_person(view.content, view.standing)
        if not verdict.allowed:
            # Our words, with the representative's name as typed: shown literally.
            text.show_small(f"Why nobody signs for the person: {verdict.why}")
    basis = st.selectbox(
        "On what basis",
        bases,
        index=0 if len(bases) == 1 else None,
        placeholder="Choose the basis",
        key=f"{key}_basis_{needed.key}",
        format_func=lambda b: b.label,
    )
    supported_by = ""
    if basis is SigningBasis.SELF_WITH_SUPPORT:
        supported_by = st.text_input(
            "Who supported them (name and role, e.g. advocate)",
            key=f"{key}_support",
            max_chars=200,
        )
    on_behalf_of = ""
    if needed.role is SignerRole.OWNER:
        on_behalf_of = st.text_input(
            "Organisation they sign for (if any)", key=f"{key}_org", max_chars=200
        )
    if basis is None:
        return None
    name = signer_name(view.content, needed, basis)
    text.show_small(f"Signing as: {name}")
    return SignerDetails(
        requirement=needed.key,
        basis=basis,
        name=name,
        supported_by=supported_by,
        on_behalf_of=on_behalf_of,
    )


def _recorded_signature(store: Store, actor: Actor, view: AgreementVersionView) -> None:
    others = _others(view)
    if not others:
        return
    key = f"agreement_inperson_{view.person_id}_{view.version}"
    with st.expander("Record a signature given in person, on this device"):
        st.caption(
            "Hand the screen over, or read the agreement with them. They confirm it themselves."
        )
        signer = _signer_inputs(view, key, others)
        comment = st.text_area(
            "Their comment, in their words (for example “I agree except …”)",
            key=f"{key}_comment",
            max_chars=2000,
        )
        read = st.checkbox(
            f"They have read version {view.version}, or had it read to them, and want to sign it.",
            key=f"{key}_ok",
        )
        if st.button("Record their signature", key=f"{key}_sign"):
            if signer is None:
                st.error(BASIS_MISSING)
                return
            if not read:
                st.error("Tick the box to confirm they have read this version and want to sign.")
                return
            _sign(store, actor, view, signer, SigningMethod.IN_PERSON, comment)


def _sign(
    store: Store,
    actor: Actor,
    view: AgreementVersionView,
    signer: SignerDetails,
    method: SigningMethod,
    comment: str,
) -> None:
    try:
        signing.sign(
            store,
            by=actor,
            person_id=view.person_id,
            version=view.version,
            digest=view.digest,
            signer=signer,
            method=method,
            comment=comment,
        )
    except RiskAppError as exc:
        show_error(exc)
    else:
        notices.confirm(f"agreement_signed_{view.person_id}", "Signed and sealed.")
        runtime.rerun()


def _invite(store: Store, actor: Actor, view: AgreementVersionView, signer: SignerDetails) -> None:
    try:
        made = inviting.invite(
            store, by=actor, person_id=view.person_id, version=view.version, signer=signer
        )
    except (InvalidInput, RiskAppError) as exc:
        show_error(exc)
    else:
        text.show_success(
            f"Give {made.signer_name} this reference and code. The code is shown "
            f"only now. It works once, until {words.moment(made.expires_at, utc=True)}."
        )
        st.code(
            f"Reference: {made.reference}\nCode: {made.code}\nWhere: the app's "
            "“Sign with a code” page",
            language=None,
        )


def _invitations(store: Store, actor: Actor, view: AgreementVersionView) -> None:
    others = _others(view)
    key = f"agreement_code_{view.person_id}_{view.version}"
    with st.expander("Ask someone to sign remotely, with a one-time code"):
        if others:
            signer = _signer_inputs(view, key, others)
            if st.button("Make a one-time code", key=f"{key}_make"):
                if signer is None:
                    st.error(BASIS_MISSING)
                else:
                    _invite(store, actor, view, signer)
        made_before = inviting.invitations(store, by=actor, person_id=view.person_id)
        if made_before:
            text.table(
                [
                    {
                        "Reference": i.reference,
                        "Version": i.version,
                        "For": i.signer_name,
                        "On behalf of": i.on_behalf_of or "—",
                        "Supported by": i.supported_by or "—",
                        "Made": words.moment(i.created_at),
                        "Ends": words.moment(i.expires_at),
                        "Wrong tries": f"{i.failed_attempts} of {i.max_attempts}",
                        "State": i.state.replace("_", " "),
                    }
                    for i in made_before
                ]
            )
            live = [i.reference for i in made_before if i.state == InvitationState.WAITING]
            if live:
                ref = st.selectbox("Cancel a code", live, key=f"{key}_revoke_ref")
                if st.button("Cancel this code", key=f"{key}_revoke") and ref:
                    try:
                        inviting.revoke_invitation(
                            store, by=actor, person_id=view.person_id, reference=ref
                        )
                    except RiskAppError as exc:
                        show_error(exc)
                    else:
                        runtime.rerun()


def _evidence(store: Store, actor: Actor, view: AgreementVersionView) -> None:
    key = f"agreement_evidence_{view.person_id}_{view.version}"
    key_info = evidence.public_key()
    st.markdown("**Evidence**")
    text.show_small(
        f"Seals are made with the organisation's Ed25519 key, fingerprint "
        f"{key_info.fingerprint}. Anyone can check a pack offline with "
        "risk-app agreement verify FILE --public-key KEY"
    )
    with st.expander("The organisation's public key"):
        st.code(key_info.pem, language=None)
    if st.button("Prepare the evidence pack", key=f"{key}_prepare"):
        try:
            st.session_state[key] = evidence.evidence(
                store, by=actor, person_id=view.person_id, version=view.version
            )
        except RiskAppError as exc:
            show_error(exc)
    files = st.session_state.get(key)
    if files is not None:
        left, right = st.columns(2)
        left.download_button(
            "Download the evidence (JSON)",
            files.json_text,
            f"{files.file_stem}.json",
            "application/json",
            key=f"{key}_json",
        )
        if files.pdf is not None:
            right.download_button(
                "Download the evidence (PDF)",
                files.pdf,
                f"{files.file_stem}.pdf",
                "application/pdf",
                key=f"{key}_pdf",
            )


def _compare_section(store: Store, actor: Actor, pid: int, numbers: list[int]) -> None:
    with st.expander("What changed between two versions"):
        left, right = st.columns(2)
        old = left.selectbox("From version", sorted(numbers), key=f"agreement_from_{pid}")
        new = right.selectbox(
            "To version", sorted(numbers, reverse=True), key=f"agreement_to_{pid}"
        )
        if old is None or new is None or old == new:
            st.write("Choose two different versions.")
            return
        changes = reading.changes_between(
            store, by=actor, person_id=pid, old=int(old), new=int(new)
        )
        for change in changes or ["Nothing changed."]:
            st.text(f"• {change}")
