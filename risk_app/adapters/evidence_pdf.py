"""The readable copy of an evidence pack: semantic HTML, printed as a tagged PDF/UA-1 by WeasyPrint.

Built from the pack itself (never from the database), so the PDF and the JSON always agree. Every
piece of text that came from a person is escaped; nothing is loaded from outside the document.
WeasyPrint needs the Pango library (Debian: libpango-1.0-0 libpangoft2-1.0-0; `make system-deps`).
See docs/adr/0005 for why WeasyPrint rather than fpdf2.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from html import escape
from typing import Any

from risk_app.adapters.pdf import CSS, LANG, print_pdf
from risk_app.domain.agreements.content import (
    AgreementContent,
    authority_label,
    outcome_label,
    owner_kind_label,
    parse_content,
    plain_date,
    review_kind_label,
)
from risk_app.domain.agreements.signers import (
    REPRESENTATIVE_BASES,
    SignerRole,
    SigningBasis,
    SigningMethod,
)
from risk_app.domain.sealing import short_fingerprint


def _text(value: object) -> str:
    """Escaped text with line breaks kept."""
    return escape(str(value)).replace("\n", "<br>")


def _date(value: str | None) -> str:
    if not value:
        return "no date set"
    return plain_date(date.fromisoformat(value))


def _when(value: str) -> str:
    """A stored UTC timestamp (2026-11-22T10:15:00.123456Z) as '22 November 2026, 10:15 UTC'."""
    moment = datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ")
    return f"{moment.day} {moment:%B %Y, %H:%M} UTC"


def _grouped(hex_text: str, size: int = 8) -> str:
    return " ".join(hex_text[i : i + size] for i in range(0, len(hex_text), size))


def _labelled(label: str, value: str) -> str:
    if not value.strip():
        return ""
    return f'<p><span class="label">{escape(label)}:</span> {_text(value)}</p>'


def _actions_table(caption: str, actions: Iterable[Any]) -> str:
    rows = [
        "<tr>"
        f"<td>{_text(a.what)}</td>"
        f"<td>{_text(a.owner_name)} ({escape(owner_kind_label(a.owner_kind).lower())})</td>"
        f"<td>{escape(plain_date(a.due))}</td>"
        "</tr>"
        for a in actions
    ]
    if not rows:
        return ""
    return (
        f"<table><caption>{escape(caption)}</caption>"
        '<thead><tr><th scope="col">What will happen</th><th scope="col">Who</th>'
        '<th scope="col">By when</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _about(content: AgreementContent) -> list[str]:
    person = content.person
    out = ["<section><h2>About me</h2>"]
    if content.what_matters:
        for entry in content.what_matters:
            out.append(f"<h3>{escape(entry.heading)}</h3><p>{_text(entry.text)}</p>")
    else:
        out.append("<p>Nothing written yet.</p>")
    if person.representative is not None:
        rep = person.representative
        out.append(
            f"<p>{_text(rep.name)} speaks for me as "
            f"{escape(authority_label(rep.authority).lower())}.</p>"
        )
    out.append("</section>")
    return out


def _risks(content: AgreementContent) -> list[str]:
    out = ["<section><h2>The choices I am making</h2>"]
    if not content.risks:
        out.append("<p>No risks are written down yet.</p>")
    for risk in content.risks:
        out.append(f"<h3>{_text(risk.choice)}</h3>")
        out += [
            _labelled("What I gain", risk.benefits),
            _labelled("What could go wrong for me", risk.harm_to_self),
            _labelled("What could go wrong for other people", risk.harm_to_others),
            _labelled("What other people could do to me", risk.harm_from_others),
            _labelled("What I think", risk.person_view),
            _labelled("What helps me", risk.strengths),
        ]
        if risk.level_before:
            after = f", and {risk.level_after} with the plan" if risk.level_after else ""
            out.append(
                f'<p><span class="label">How risky:</span> {escape(risk.level_before)} '
                f"before the plan{escape(after)}.</p>"
            )
        out.append(_actions_table("How we will make it safer", risk.mitigations))
    out.append(_actions_table("Other things we agreed to do", content.other_actions))
    out.append("</section>")
    return out


def _decisions(content: AgreementContent) -> list[str]:
    if not content.decisions:
        return []
    out = ["<section><h2>Decisions</h2><ul>"]
    for d in content.decisions:
        who = (
            "I made this decision."
            if d.person_decides
            else f"Decided in my best interests by {d.decider_name or 'someone not named'}"
            + (f" ({d.decider_role})" if d.decider_role else "")
            + "."
        )
        conditions = f" Conditions: {d.conditions}" if d.conditions.strip() else ""
        out.append(
            f"<li><p>{_text(d.decision)}</p><p>{escape(outcome_label(d.outcome))}. "
            f"{_text(who)}{_text(conditions)}</p></li>"
        )
    out.append("</ul></section>")
    return out


def _plan(content: AgreementContent) -> list[str]:
    out = ["<section><h2>If things go wrong</h2>"]
    out.append(
        f"<p>{_text(content.contingency) if content.contingency else 'No back-up plan is written down yet.'}</p>"
    )
    out.append("<h2>When we will look at this again</h2>")
    review = content.review
    if review.due is None:
        out.append("<p>No review date is set yet.</p>")
    else:
        out.append(
            f"<p>{escape(review_kind_label(review.kind))} by {escape(plain_date(review.due))}.</p>"
        )
    if content.dissent:
        out.append("<h2>Where people disagree</h2><ul>")
        out += [
            f'<li><p><span class="label">{_text(d.party)}</span>, about {_text(d.about)}:</p>'
            f"<p>{_text(d.words)}</p></li>"
            for d in content.dissent
        ]
        out.append("</ul>")
    out.append("</section>")
    return out


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


def _signatures(pack: Mapping[str, Any]) -> list[str]:
    out = ["<section><h2>Signatures</h2>"]
    signatures = pack["signatures"]
    if signatures:
        out.append(
            "<table><caption>Who has signed this version</caption><thead><tr>"
            '<th scope="col">Name</th><th scope="col">As</th><th scope="col">On what basis</th>'
            '<th scope="col">How</th><th scope="col">When</th><th scope="col">Comment</th>'
            "</tr></thead><tbody>"
        )
        for s in signatures:
            out.append(
                "<tr>"
                f"<td>{_text(s['signer_name'])}</td>"
                f"<td>{escape(_label(SignerRole, s['role']))}</td>"
                f"<td>{_text(_basis(s))}</td>"
                f"<td>{escape(_label(SigningMethod, s['method']))}</td>"
                f"<td>{escape(_when(s['signed_at']))}</td>"
                f"<td>{_text(s['comment']) or 'None'}</td>"
                "</tr>"
            )
        out.append("</tbody></table>")
    else:
        out.append("<p>Nobody has signed this version yet.</p>")
    signed = {s["requirement"] for s in signatures}
    missing = [r["label"] for r in pack["required_signers"] if r["key"] not in signed]
    if missing:
        out.append("<h3>Still to sign</h3><ul>")
        out += [f"<li>{_text(label)}</li>" for label in missing]
        out.append("</ul>")
    else:
        out.append("<p>Everyone named in this agreement has signed it.</p>")
    out.append("</section>")
    return out


def _checking(pack: Mapping[str, Any]) -> list[str]:
    agreement = pack["agreement"]
    keys = pack["organisation_keys"]
    out = [
        "<section><h2>How to check this document</h2>",
        (
            "<p>Each version has its own check code. If one letter of the agreement changes, the "
            "code changes.</p>"
        ),
        (
            f'<p><span class="label">Check code (SHA-256):</span> '
            f'<span class="code">{escape(_grouped(agreement["digest"]))}</span></p>'
        ),
    ]
    for key in keys:
        out.append(
            f'<p><span class="label">Sealed by the organisation\'s key:</span> '
            f'<span class="code">{escape(short_fingerprint(key["fingerprint"]))}</span> '
            f'(fingerprint <span class="code">{escape(_grouped(key["fingerprint"], 16))}</span>)</p>'
        )
    out.append(
        f'<p><span class="label">Seal on this version:</span> '
        f'<span class="code">{escape(agreement["issue_seal"]["seal"])}</span></p>'
    )
    out.append(
        "<p>The evidence file that comes with this document holds the same agreement, every "
        "signature with its seal, and the audit record, all sealed together. Check it with "
        '<span class="code">risk-app agreement verify FILE --public-key KEY</span>, using the '
        "organisation's published public key.</p></section>"
    )
    return out


def render_html(pack: Mapping[str, Any]) -> str:
    """The agreement, its signatures and how to check them, as a standalone HTML document."""
    content = parse_content(pack["content"])
    agreement = pack["agreement"]
    person = content.person
    called = person.preferred_name or person.name
    title = f"Risk agreement for {person.name}, version {agreement['version']}"
    status = ""
    if not agreement.get("is_current", True):
        status = (
            f'<p class="notice">This version has been replaced by version '
            f"{int(agreement['latest_version'])}. It can no longer be signed.</p>"
        )
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{LANG}"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title>",
        f"<style>{CSS}</style></head><body><main>",
        f"<h1>{_text(called)}’s risk agreement</h1>",
        (
            f"<p>For {_text(person.name)}. Version {int(agreement['version'])}, made on "
            f"{escape(_when(agreement['issued_at']))}.</p>"
        ),
        status,
        *_about(content),
        *_risks(content),
        *_decisions(content),
        *_plan(content),
        *_signatures(pack),
        *_checking(pack),
        "</main></body></html>",
    ]
    return "\n".join(p for p in parts if p)


def render_pdf(pack: Mapping[str, Any]) -> bytes:
    """The HTML printed as a tagged PDF/UA-1 (language en-GB), or RiskAppError if WeasyPrint or
    its system library Pango is missing."""
    html = render_html(pack)
    return print_pdf(html, alternative="The JSON evidence file does not need it.")
