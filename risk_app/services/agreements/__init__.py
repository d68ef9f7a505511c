"""Risk agreements: issued version by version, co-signed, sealed, with evidence anyone can verify.

The flow, and the module for each step:

1. `issuing.draft` assembles the agreement from the person's current records (`assembly`) and
   says what changed since the last issued version; `issuing.issue` makes that draft a new,
   immutable version sealed by the organisation, refused if the records changed after the draft
   was shown, and doing nothing (saying so) when nothing changed since the latest version.
2. Signers sign one version, bound to its digest; a new version never inherits signatures.
   Who signs as what and on which basis is decided in `risk_app.domain.agreements.signers`.
   `signing.sign` records a signature made in the app (staff and the person with their own
   accounts, the person or an owner in person on the practitioner's device) and
   `signing.ask_to_talk` a wish to talk first. For signers without an account,
   `inviting.invite` makes a one-time code; `remote_signing.redeem` swaps reference and code for
   a short-lived grant, `remote_signing.agreement_for_grant` shows the version and
   `remote_signing.sign_with_grant` signs.
3. `reading` lists versions, shows one with its signatures (`views`), says what changed between
   two, and which of a team's agreements still need signatures.
4. `evidence.evidence` produces the JSON evidence pack and its PDF; `risk-app agreement verify`
   checks a pack offline.

Rows go in and out through `repository`. Every read of the agreement is logged as a view of the
person's record; every change is audited under object type ``agreement`` with the person's id and
the version number, with identifiers, digests and roles only (never names, text or codes).
"""
