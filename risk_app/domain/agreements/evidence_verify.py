"""Check an evidence pack offline, without a database or network, and say exactly what fails.

Three questions, answered apart:

- Integrity: is every field as the organisation sealed it? The seal over the whole pack must
  hold, every field must match its sealed digest (so a change is named by its JSON pointer), the
  structure must be exactly the format's (unknown keys refused), and everything inside must agree
  (the content with its digest, the issue and signature seals, the signers listed, the audit
  events' hashes and the head). Answer: INTACT, or ALTERED at the first field found.
- Completeness: has everyone the agreement names signed? COMPLETE, or INCOMPLETE naming who is
  still to sign (only judged for an intact pack).
- Proof: was it sealed by the organisation's key? Only a key given by the checker (pinned) can
  say so: without one the answer is NOT PROVEN, however well the pack holds together, because
  anyone can make a self-consistent pack with a key of their own.

`Verdict` combines them, each with its own exit code for the command line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

from risk_app.domain.agreements.content import parse_content
from risk_app.domain.agreements.evidence import (
    DIGESTS_FIELD,
    PACK_FORMAT,
    PACK_FORMAT_VERSION,
    SEAL_FIELD,
    canonical,
    field_digests,
    sealed_part,
)
from risk_app.domain.agreements.evidence_shape import shape_problems
from risk_app.domain.agreements.seals import (
    IssueRecord,
    SignatureRecord,
    issue_seal_payload,
    signature_seal_payload,
)
from risk_app.domain.agreements.signers import required_signers
from risk_app.domain.audit import ChainedEvent, event_hash
from risk_app.domain.canonical import canonical_json, sha256_hex
from risk_app.domain.errors import InvalidInput
from risk_app.domain.sealing import (
    ALGORITHM,
    fingerprint_of,
    seal_holds,
    short_fingerprint,
    unb64,
)

MAX_LISTED: Final = 12
"""Changed fields listed one by one before the rest are counted."""


class Verdict(StrEnum):
    """The overall answer, most serious first. Each has its own exit code."""

    UNUSABLE = "unusable"
    ALTERED = "altered"
    NOT_PROVEN = "not proven"
    INCOMPLETE = "incomplete"
    VERIFIED = "verified"

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self]


EXIT_CODES: Final = {
    Verdict.VERIFIED: 0,
    Verdict.UNUSABLE: 1,
    Verdict.INCOMPLETE: 4,
    Verdict.ALTERED: 5,
    Verdict.NOT_PROVEN: 6,
}
"""0: intact, complete, sealed by the pinned key; 4: intact and sealed by it, not everyone has
signed yet; 5: altered; 6: holds together but no key was pinned; 1: not a usable pack.
(2 is the command line's own: a usage error.)"""


@dataclass(frozen=True, slots=True)
class Check:
    ok: bool
    message: str
    path: str = ""
    """JSON pointer of the field a failure was found at ("" when it cannot be located)."""


@dataclass(frozen=True, slots=True)
class PackReport:
    """Every check made on a pack, in order, and the three answers drawn from them."""

    checks: tuple[Check, ...]
    unusable: str | None = None
    pinned: str | None = None
    """Fingerprint of the key the checker gave, if any."""
    sealed_by: str | None = None
    """Fingerprint the pack says sealed it."""
    still_to_sign: tuple[str, ...] | None = None
    """Labels of signers still missing; None when not judged (the pack is not intact)."""
    person_id: int | None = None
    version: int | None = None

    @property
    def intact(self) -> bool:
        return self.unusable is None and all(c.ok for c in self.checks)

    @property
    def altered_at(self) -> tuple[str, ...]:
        """Where the pack was changed, first found first (fields that can be located)."""
        seen: dict[str, None] = {}
        for check in self.checks:
            if not check.ok:
                seen.setdefault(check.path or "/", None)
        return tuple(seen)

    @property
    def complete(self) -> bool:
        return self.intact and self.still_to_sign == ()

    @property
    def problems(self) -> tuple[str, ...]:
        if self.unusable is not None:
            return (self.unusable,)
        return tuple(c.message for c in self.checks if not c.ok)

    @property
    def verdict(self) -> Verdict:
        if self.unusable is not None:
            return Verdict.UNUSABLE
        if not self.intact:
            return Verdict.ALTERED
        if self.pinned is None:
            return Verdict.NOT_PROVEN
        if self.still_to_sign:
            return Verdict.INCOMPLETE
        return Verdict.VERIFIED

    def integrity_line(self) -> str:
        if self.unusable is not None:
            return f"UNUSABLE: {self.unusable}"
        if self.intact:
            return "INTACT: every field is as the organisation sealed it."
        first, *others = self.altered_at
        more = f" (and {len(others)} more listed above)" if others else ""
        return f"ALTERED: {first}{more}"

    def completeness_line(self) -> str:
        if self.still_to_sign is None:
            return "Completeness not judged: the pack is not intact."
        if not self.still_to_sign:
            return "COMPLETE: everyone the agreement names has signed."
        return "INCOMPLETE: still to sign: " + "; ".join(self.still_to_sign) + "."

    def key_line(self) -> str:
        if self.pinned is None:
            sealed = short_fingerprint(self.sealed_by) if self.sealed_by else "unknown"
            return (
                "NOT PROVEN: key not pinned. The pack says it was sealed by key "
                f"{sealed}; anyone can make a pack that holds together with a key of their "
                "own. Give the organisation's public key with --public-key to prove who sealed it."
            )
        if self.intact:
            return f"PROVEN: sealed by the key you gave (fingerprint {self.pinned})."
        return f"Checked against the key you gave (fingerprint {self.pinned})."

    def lines(self) -> list[str]:
        """The report as the command line prints it: each check, then the three answers."""
        if self.unusable is not None:
            return [self.integrity_line()]
        out = []
        if self.person_id is not None:
            out.append(
                f"Evidence pack for person {self.person_id}, agreement version {self.version}."
            )
        out += [f"{'OK  ' if c.ok else 'FAIL'}  {c.message}" for c in self.checks]
        out += [self.integrity_line(), self.completeness_line(), self.key_line()]
        return out


class _Unusable(Exception):
    """The file is not an evidence pack this verifier can read."""


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    duplicated = {k for k in keys if keys.count(k) > 1}
    if duplicated:
        raise _Unusable(f"the key {min(duplicated)!r} appears twice in one object")
    return dict(pairs)


def _load(raw: bytes | str) -> dict[str, Any]:
    try:
        data = json.loads(raw, object_pairs_hook=_reject_duplicates)
    except json.JSONDecodeError as exc:
        raise _Unusable(f"it is not JSON ({exc.msg}, line {exc.lineno})") from None
    except UnicodeDecodeError:
        raise _Unusable("it is not JSON (not UTF-8 text)") from None
    except RecursionError:
        raise _Unusable("it is nested too deeply to be an evidence pack") from None
    except ValueError:  # e.g. a number of thousands of digits, which Python will not convert
        raise _Unusable("it holds a number too large to be part of an evidence pack") from None
    if not isinstance(data, dict) or data.get("format") != PACK_FORMAT:
        raise _Unusable(f"it is not a {PACK_FORMAT!r} file")
    version = data.get("format_version")
    if version == 1:
        raise _Unusable(
            "it is a version 1 evidence pack, made before packs were sealed whole, so what it "
            "says cannot be proven. Make a new pack of the same agreement version with `risk-app "
            "agreement pack` (the agreement, its signatures and the audit log are unchanged)"
        )
    if version != PACK_FORMAT_VERSION:
        raise _Unusable(
            f"it is evidence pack format version {version!r}; this app reads version "
            f"{PACK_FORMAT_VERSION}"
        )
    return data


def verify_pack(raw: bytes | str, *, pinned_key: bytes | None = None) -> PackReport:
    """Check an evidence pack offline. With `pinned_key` (a raw Ed25519 public key) the pack
    must be sealed by that key; without one the answer is at best NOT PROVEN."""
    pinned = fingerprint_of(pinned_key) if pinned_key is not None else None
    try:
        data = _load(raw)
    except _Unusable as exc:
        return PackReport((), unusable=f"The file is not a usable evidence pack: {exc}.")
    sealed_by = _sealed_by(data)
    try:
        shape = list(shape_problems(data))
        if shape:
            checks = [Check(False, f"{path}: {problem}.", path) for path, problem in shape]
            return PackReport(tuple(_capped(checks)), pinned=pinned, sealed_by=sealed_by)
        return _Verifier(data, pinned_key).run()
    except RecursionError:  # only a hostile file nests this deep; json.loads let it through
        return PackReport(
            (), unusable="The file is not a usable evidence pack: it is nested too deeply."
        )


def _sealed_by(data: Mapping[str, Any]) -> str | None:
    seal = data.get(SEAL_FIELD)
    found = seal.get("key_fingerprint") if isinstance(seal, dict) else None
    return found if isinstance(found, str) else None


def _capped(checks: list[Check]) -> list[Check]:
    if len(checks) <= MAX_LISTED:
        return checks
    rest = len(checks) - MAX_LISTED
    return [*checks[:MAX_LISTED], Check(False, f"... and {rest} more.", checks[MAX_LISTED].path)]


def _detail(event: ChainedEvent) -> dict[str, Any]:
    try:
        parsed = json.loads(event.detail)
    except (json.JSONDecodeError, RecursionError):
        return {}
    return parsed if isinstance(parsed, dict) else {}


@dataclass
class _Verifier:
    """One pass over a pack whose structure is known to be right."""

    data: dict[str, Any]
    pinned_key: bytes | None
    checks: list[Check] = field(default_factory=list)
    keys: dict[str, bytes] = field(default_factory=dict)

    def fail(self, path: str, message: str) -> None:
        self.checks.append(Check(False, message, path))

    def ok(self, message: str) -> None:
        self.checks.append(Check(True, message))

    def run(self) -> PackReport:
        agreement = self.data["agreement"]
        issue = IssueRecord.model_validate(
            {k: agreement[k] for k in IssueRecord.model_fields}, strict=True
        )
        self._keys()
        self._whole_pack()
        content = self._content()
        self._issue(issue)
        signed = self._signatures(issue)
        if content is not None:
            self._signers_listed(content)
        self._currency(issue)
        self._audit(issue, signed)
        still: tuple[str, ...] | None = None
        if content is not None and all(c.ok for c in self.checks):
            done = {requirement for _, requirement in signed}
            still = tuple(r.label for r in required_signers(content) if r.key not in done)
        return PackReport(
            tuple(self.checks),
            pinned=fingerprint_of(self.pinned_key) if self.pinned_key is not None else None,
            sealed_by=self.data[SEAL_FIELD]["key_fingerprint"],
            still_to_sign=still,
            person_id=issue.person_id,
            version=issue.version,
        )

    # ------------------------------------------------------------------ keys and the whole pack
    def _keys(self) -> None:
        for index, entry in enumerate(self.data["organisation_keys"]):
            where = f"/organisation_keys/{index}"
            if entry["algorithm"] != ALGORITHM:
                self.fail(f"{where}/algorithm", f"Organisation key {index + 1} is not {ALGORITHM}.")
                continue
            try:
                raw = unb64(entry["public_key"], "public key")
            except InvalidInput:
                raw = b""
            if len(raw) != 32:
                self.fail(f"{where}/public_key", f"Organisation key {index + 1} is not a key.")
                continue
            stated = entry["fingerprint"]
            if fingerprint_of(raw) != stated:
                self.fail(
                    f"{where}/fingerprint",
                    f"Organisation key {index + 1} does not have the fingerprint it states.",
                )
            elif stated in self.keys:
                self.fail(f"{where}", f"Organisation key {index + 1} is listed twice.")
            else:
                self.keys[stated] = raw

    def _whole_pack(self) -> None:
        seal = self.data[SEAL_FIELD]
        located = self._located_changes()
        for path, message in located[:MAX_LISTED]:
            self.fail(path, f"{path}: {message}.")
        if len(located) > MAX_LISTED:
            self.fail(
                located[MAX_LISTED][0],
                f"... and {len(located) - MAX_LISTED} more fields differ from what was sealed.",
            )
        if seal["algorithm"] != ALGORITHM:
            self.fail(f"/{SEAL_FIELD}/algorithm", f"The pack's seal is not {ALGORITHM}.")
            return
        fingerprint = seal["key_fingerprint"]
        if self.pinned_key is not None:
            if fingerprint != fingerprint_of(self.pinned_key):
                self.fail(
                    f"/{SEAL_FIELD}/key_fingerprint",
                    f"The pack was sealed by key {short_fingerprint(fingerprint)}, not by the key "
                    "you gave: it was re-sealed by someone else, or you gave another key.",
                )
                return
            key = self.pinned_key
        else:
            found = self.keys.get(fingerprint)
            if found is None:
                self.fail(
                    f"/{SEAL_FIELD}/key_fingerprint",
                    f"The pack's seal names key {short_fingerprint(fingerprint)}, which is not "
                    "among the pack's organisation keys.",
                )
                return
            key = found
        try:
            payload = canonical(sealed_part(self.data))
        except ValueError:
            payload = b""
        if payload and seal_holds(key, payload, seal["seal"]):
            if not located:
                self.ok(
                    "The organisation's seal over the whole pack holds, and every field matches "
                    f"its sealed digest (key {short_fingerprint(fingerprint)})."
                )
            return
        self.fail(
            located[0][0] if located else f"/{SEAL_FIELD}/seal",
            "The organisation's seal over the whole pack does not hold"
            + (
                ": the fields above were changed after it was made."
                if located
                else ": the seal itself or the list of field digests was changed."
            ),
        )

    def _located_changes(self) -> list[tuple[str, str]]:
        sealed: dict[str, str] = self.data[DIGESTS_FIELD]
        actual = field_digests(self.data)
        changes = []
        for path, digest in actual.items():
            if path not in sealed:
                changes.append((path, "was added after the pack was sealed"))
            elif sealed[path] != digest:
                changes.append((path, "is not the value that was sealed"))
        changes += [
            (path, "was removed after the pack was sealed") for path in sealed if path not in actual
        ]
        return changes

    # ------------------------------------------------------------------ the agreement
    def _content(self) -> Any:
        raw = self.data["content"]
        stated = self.data["agreement"]["digest"]
        try:
            actual = sha256_hex(canonical_json(raw))
        except (InvalidInput, ValueError, UnicodeEncodeError):
            self.fail("/content", "The content cannot be put in canonical form.")
            return None
        if actual != stated:
            self.fail(
                "/content",
                "The agreement content does not match its digest: it was changed after it was "
                f"issued (the content's digest is {actual}, the pack says {stated}).",
            )
            return None
        try:
            content = parse_content(raw)
        except InvalidInput as exc:
            self.fail("/content", str(exc))
            return None
        self.ok(f"The content matches its digest {stated}.")
        return content

    def _seal_holds(self, sealed: Mapping[str, str], payload: bytes) -> tuple[bool, str]:
        key = self.keys.get(sealed["key_fingerprint"])
        if key is None:
            return False, (
                f"it names key {short_fingerprint(sealed['key_fingerprint'])}, which is not "
                "among the pack's organisation keys"
            )
        return seal_holds(key, payload, sealed["seal"]), ""

    def _issue(self, issue: IssueRecord) -> None:
        held, why = self._seal_holds(
            self.data["agreement"]["issue_seal"], issue_seal_payload(issue)
        )
        if held:
            self.ok(f"The organisation's seal on version {issue.version} holds.")
            return
        self.fail(
            "/agreement/issue_seal",
            f"The organisation's seal on version {issue.version} does not hold"
            + (f": {why}." if why else ": the version's details or digest were changed."),
        )

    def _signatures(self, issue: IssueRecord) -> list[tuple[int, str]]:
        signed: list[tuple[int, str]] = []
        fields = set(SignatureRecord.model_fields)
        for index, entry in enumerate(self.data["signatures"]):
            where, number = f"/signatures/{index}", index + 1
            try:
                record = SignatureRecord.model_validate({k: entry[k] for k in fields})
            except ValueError:
                self.fail(where, f"Signature {number} is incomplete or malformed.")
                continue
            who = f"Signature {number} ({record.signer_name}, {record.role.label.lower()})"
            held, why = self._seal_holds(entry["seal"], signature_seal_payload(record))
            if record.digest != issue.digest or record.version != issue.version:
                self.fail(
                    where,
                    f"{who} is for a different version of the agreement "
                    f"(version {record.version}, digest {record.digest}).",
                )
            elif record.person_id != issue.person_id:
                self.fail(where, f"{who} is for another person's agreement.")
            elif not held:
                self.fail(
                    where,
                    f"{who}: the organisation's seal does not hold"
                    + (f" ({why})." if why else ": the signature's details were changed."),
                )
            elif record.requirement in {r for _, r in signed}:
                self.fail(where, f"{who} signs a second time for the same signer.")
            else:
                self.ok(f"{who}: sealed, for this version, at {record.signed_at}.")
                signed.append((entry["id"], record.requirement))
        return signed

    def _signers_listed(self, content: Any) -> None:
        expected = [
            {"key": r.key, "role": r.role.value, "name": r.name, "label": r.label}
            for r in required_signers(content)
        ]
        listed = self.data["required_signers"]
        if listed == expected:
            self.ok("The signers listed are exactly the ones the agreement names.")
            return
        index = next(
            (i for i, (a, b) in enumerate(zip(listed, expected, strict=False)) if a != b),
            min(len(listed), len(expected)),
        )
        self.fail(
            f"/required_signers/{index}",
            "The signers listed are not the ones the agreement names.",
        )
        known = {r["key"] for r in expected}
        for index, entry in enumerate(self.data["signatures"]):
            if entry["requirement"] not in known:
                self.fail(
                    f"/signatures/{index}/requirement",
                    f"Signature {index + 1} signs as someone this agreement does not ask for.",
                )

    def _currency(self, issue: IssueRecord) -> None:
        agreement = self.data["agreement"]
        latest, current = agreement["latest_version"], agreement["is_current"]
        if latest < issue.version:
            self.fail("/agreement/latest_version", "The latest version is given as older.")
        elif current != (latest == issue.version):
            self.fail("/agreement/is_current", "Whether this is the current version is wrong.")

    # ------------------------------------------------------------------ the audit events
    def _audit(self, issue: IssueRecord, signed: list[tuple[int, str]]) -> None:
        events = [ChainedEvent(**entry) for entry in self.data["audit_events"]]
        broken = False
        previous: ChainedEvent | None = None
        for index, event in enumerate(events):
            where = f"/audit_events/{index}"
            if event_hash(event) != event.hash:
                broken = True
                self.fail(where, f"Audit event {event.seq}: its hash does not match its fields.")
            elif previous is not None and event.seq <= previous.seq:
                broken = True
                self.fail(where, f"Audit event {event.seq} is out of order or appears twice.")
            elif (
                previous is not None
                and previous.seq + 1 == event.seq
                and event.prev_hash != previous.hash
            ):
                broken = True
                self.fail(where, f"Audit event {event.seq} does not link to event {previous.seq}.")
            previous = event
        self._head(events)
        if not broken:
            self.ok(f"All {len(events)} audit events hold their hashes, in order.")
        issued = [
            e
            for e in events
            if e.action == "create"
            and e.object_type == "agreement"
            and e.object_version == issue.version
            and _detail(e).get("digest") == issue.digest
        ]
        if issued:
            self.ok(f"Audit event {issued[0].seq} records issuing this version.")
        else:
            self.fail(
                "/audit_events", "No audit event records issuing this version with this digest."
            )
        for signature_id, _ in signed:
            logged = any(
                e.action == "sign"
                and e.object_type == "agreement"
                and _detail(e).get("signature") == signature_id
                and _detail(e).get("digest") == issue.digest
                for e in events
            )
            if not logged:
                self.fail(
                    "/audit_events",
                    f"Signature record {signature_id} has no matching audit event.",
                )

    def _head(self, events: list[ChainedEvent]) -> None:
        head = self.data["audit_head"]
        if head is None:
            return
        newest = max((e.seq for e in events), default=0)
        at_head = [e for e in events if e.seq == head["seq"]]
        if head["seq"] < newest:
            self.fail("/audit_head/seq", "The audit log's head is older than events in the pack.")
        elif at_head and at_head[0].hash != head["hash"]:
            self.fail("/audit_head/hash", "The audit log's head does not match its event.")
        else:
            self.ok(f"The audit log's head when the pack was made: event {head['seq']}.")
