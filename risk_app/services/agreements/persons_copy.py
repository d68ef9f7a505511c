"""The person's own copy of a version of their risk agreement, to keep: the words they read on
screen, in large print, with a picture beside each point in easy read. Audited as an export."""

from __future__ import annotations

from dataclasses import dataclass

from risk_app.adapters import persons_copy as document
from risk_app.adapters.db import Store
from risk_app.config import Settings
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.agreements.agreement_words import SIGNING_COPY, screens
from risk_app.domain.audit import AuditAction
from risk_app.domain.inputs import RecordId, Version
from risk_app.services import audit
from risk_app.services.agreements.repository import OBJECT, latest_number, version_row
from risk_app.services.agreements.views import SignatureView, version_view
from risk_app.services.boundary import checked
from risk_app.services.record.people import load_for


@dataclass(frozen=True, slots=True)
class PersonsCopy:
    file_name: str
    pdf: bytes


def _signed_line(signature: SignatureView) -> str:
    """Who signed and when, in plain words (the day, not the time or its zone); their comment in
    their own words after it."""
    said = f" {SIGNING_COPY['copy_comment']} {signature.comment}" if signature.comment else ""
    day = words.day(signature.signed_at)
    return SIGNING_COPY["copy_signed"].format(name=signature.signer_name, day=day) + said


@checked
def persons_copy(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    version: Version | None = None,
    easy_read: bool = False,
) -> PersonsCopy:
    """The copy of one version (the latest when None) as a PDF: what the person read, who has
    signed it and when, and nothing of the seals (they are in the evidence pack)."""
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        row = version_row(session, person.id, version)
        view = version_view(session, row, latest_number(session, person.id))
        audit.record(
            session,
            by,
            AuditAction.EXPORT,
            OBJECT,
            person.id,
            row.version,
            event="persons_copy",
            easy_read=easy_read,
        )
    pages = screens(
        view.content,
        version=view.version,
        jurisdiction=view.jurisdiction,
        safeguarding_phone=Settings.from_env().safeguarding_phone,
    )
    about = [
        SIGNING_COPY["copy_intro"].format(version=view.version),
        SIGNING_COPY["copy_made"].format(day=words.day(view.issued_at)),
        SIGNING_COPY["copy_record"],
    ]
    pdf = document.render_pdf(
        pages,
        title="Your risk agreement",
        about=about,
        signed=[_signed_line(s) for s in view.signatures],
        easy_read=easy_read,
    )
    style = "easy-read" if easy_read else "large-print"
    return PersonsCopy(f"your-risk-agreement-v{view.version}-{style}.pdf", pdf)
