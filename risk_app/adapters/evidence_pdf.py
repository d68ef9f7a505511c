"""The readable copy of an evidence pack: semantic HTML from the template ``agreement.html``,
printed as a tagged PDF/UA-1 by WeasyPrint.

Built from the pack itself (never from the database), so the PDF and the JSON always agree. The
template autoescapes every piece of text that came from a person; nothing is loaded from outside
the document. WeasyPrint needs the Pango library (Debian: libpango-1.0-0 libpangoft2-1.0-0;
`make system-deps`). See docs/adr/0005 for why WeasyPrint rather than fpdf2.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from risk_app.adapters import documents
from risk_app.adapters.pdf import print_pdf
from risk_app.domain import words
from risk_app.domain.agreements.agreement_words import safety_lines
from risk_app.domain.agreements.content import (
    AgreedAction,
    AgreedDecision,
    AgreedRisk,
    AgreementContent,
    ReviewPart,
    authority_label,
    outcome_label,
    owner_kind_label,
    parse_content,
    review_kind_label,
)
from risk_app.domain.agreements.signers import (
    REPRESENTATIVE_BASES,
    SignerRole,
    SigningBasis,
    SigningMethod,
)
from risk_app.domain.record.people import law_authority
from risk_app.domain.sealing import short_fingerprint


@dataclass(frozen=True, slots=True)
class _Action:
    what: str
    owner_name: str
    owner_kind: str
    due: str


@dataclass(frozen=True, slots=True)
class _Risk:
    choice: str
    benefits: str
    harm_to_self: str
    harm_to_others: str
    harm_from_others: str
    person_view: str
    strengths: str
    level_before: str
    level_after: str
    mitigations: tuple[_Action, ...]


@dataclass(frozen=True, slots=True)
class _Decision:
    decision: str
    outcome: str
    who: str
    conditions: str


@dataclass(frozen=True, slots=True)
class _Signature:
    name: str
    role: str
    basis: str
    method: str
    signed_at: str
    comment: str


@dataclass(frozen=True, slots=True)
class _Key:
    short: str
    grouped: str


@dataclass(frozen=True, slots=True)
class _Representative:
    name: str
    authority: str
    scope: str
    """What the role lets them do, in the law book's plain words ("" for "other")."""


def _when(value: str) -> str:
    """A stored UTC timestamp (2026-11-22T10:15:00.123456Z) as '22 November 2026, 10:15 UTC'."""
    return words.moment(datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ"), utc=True)


def _grouped(hex_text: str, size: int = 8) -> str:
    return " ".join(hex_text[i : i + size] for i in range(0, len(hex_text), size))


def _actions(actions: Iterable[AgreedAction]) -> tuple[_Action, ...]:
    return tuple(
        _Action(
            a.what,
            a.owner_name,
            owner_kind_label(a.owner_kind).lower(),
            words.day_or(a.due, "no date set"),
        )
        for a in actions
    )


def _risk(risk: AgreedRisk) -> _Risk:
    return _Risk(
        choice=risk.choice,
        benefits=risk.benefits,
        harm_to_self=risk.harm_to_self,
        harm_to_others=risk.harm_to_others,
        harm_from_others=risk.harm_from_others,
        person_view=risk.person_view,
        strengths=risk.strengths,
        level_before=risk.level_before or "",
        level_after=risk.level_after or "",
        mitigations=_actions(risk.mitigations),
    )


def _decision(d: AgreedDecision) -> _Decision:
    by = d.decider_name or "someone not named"
    role = f" ({d.decider_role})" if d.decider_role else ""
    if d.person_decides:
        who = "I made this decision."
    elif d.capacity_law == "awi":  # Scots law has no best-interests test
        who = (
            f"Decided for me by {by}{role}, under the Adults with Incapacity (Scotland) Act "
            "2000 and its s1 principles."
        )
    else:
        who = f"Decided in my best interests by {by}{role}."
    conditions = f" Conditions: {d.conditions}" if d.conditions.strip() else ""
    # The council's response is said to be the council's, apart from whose decision it is.
    response = f"The council's response: {outcome_label(d.outcome).lower()}"
    return _Decision(d.decision, response, who, conditions)


def _review(review: ReviewPart) -> str:
    if review.due is None:
        return "No review date is set yet."
    source = f" {review.source}" if review.source else ""
    return f"{review_kind_label(review.kind)} by {words.day_or(review.due, 'no date set')}.{source}"


def _representative(content: AgreementContent) -> _Representative | None:
    rep = content.person.representative
    if rep is None:
        return None
    found = law_authority(rep.authority, None)
    return _Representative(
        rep.name, authority_label(rep.authority), found.plain if found is not None else ""
    )


def _basis(entry: Mapping[str, Any]) -> str:
    try:
        basis = SigningBasis(entry["basis"])
    except ValueError:
        return str(entry["basis"])
    text = basis.label
    if basis in REPRESENTATIVE_BASES and entry.get("on_behalf_of"):
        text = f"For {entry['on_behalf_of']}, as {authority_label(basis.value).lower()}"
    if entry.get("supported_by"):
        text += f", supported by {entry['supported_by']}"
    if basis is SigningBasis.ACTION_OWNER and entry.get("on_behalf_of"):
        text += f", for {entry['on_behalf_of']}"
    return text


def _label(enum: type[SignerRole | SigningMethod], value: str) -> str:
    try:
        return enum(value).label
    except ValueError:
        return value


def _signature(s: Mapping[str, Any]) -> _Signature:
    return _Signature(
        name=s["signer_name"],
        role=_label(SignerRole, s["role"]),
        basis=_basis(s),
        method=_label(SigningMethod, s["method"]),
        signed_at=_when(s["signed_at"]),
        comment=s["comment"],
    )


def _still_to_sign(pack: Mapping[str, Any]) -> list[str]:
    signed = {s["requirement"] for s in pack["signatures"]}
    return [r["label"] for r in pack["required_signers"] if r["key"] not in signed]


def render_html(pack: Mapping[str, Any], *, safeguarding_phone: str | None = None) -> str:
    """The agreement, its signatures and how to check them, as a standalone HTML document, with
    how to stay safe in the same words as the person's screens (the council's number if set)."""
    content = parse_content(pack["content"])
    agreement = pack["agreement"]
    person = content.person
    current = agreement.get("is_current", True)
    return documents.render_html(
        "agreement.html",
        title=f"Risk agreement for {person.name}, version {agreement['version']}",
        called=person.preferred_name or person.name,
        person_name=person.name,
        version=int(agreement["version"]),
        issued=_when(agreement["issued_at"]),
        replaced_by=None if current else int(agreement["latest_version"]),
        what_matters=content.what_matters,
        representative=_representative(content),
        risks=[_risk(r) for r in content.risks],
        other_actions=_actions(content.other_actions),
        decisions=[_decision(d) for d in content.decisions],
        contingency=content.contingency,
        review=_review(content.review),
        safety=[line.text for line in safety_lines(safeguarding_phone)],
        dissent=content.dissent,
        signatures=[_signature(s) for s in pack["signatures"]],
        still_to_sign=_still_to_sign(pack),
        digest=_grouped(agreement["digest"]),
        keys=[
            _Key(short_fingerprint(k["fingerprint"]), _grouped(k["fingerprint"], 16))
            for k in pack["organisation_keys"]
        ],
        seal=agreement["issue_seal"]["seal"],
    )


def render_pdf(pack: Mapping[str, Any], *, safeguarding_phone: str | None = None) -> bytes:
    """The HTML printed as a tagged PDF/UA-1 (language en-GB), or RiskAppError if WeasyPrint or
    its system library Pango is missing."""
    html = render_html(pack, safeguarding_phone=safeguarding_phone)
    return print_pdf(html, alternative="The JSON evidence file does not need it.")
