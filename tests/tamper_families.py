"""Ways to tamper with a sealed evidence pack, shared by the tamper tests and bench/evidence_tamper.py.

Each generator yields (description, pack text, where the change is) for one family of attacks on a
fully signed pack. `judge` says whether the verifier caught it: anything but VERIFIED counts as
caught, unless the edit left the JSON meaning exactly the same (whitespace), which must still be
VERIFIED.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from risk_app.domain.agreements.evidence import (
    DIGESTS_FIELD,
    SEAL_FIELD,
    fields,
    pack_json,
    seal_pack,
)
from risk_app.domain.agreements.evidence_verify import Verdict, verify_pack
from risk_app.domain.sealing import SealKey

Case = tuple[str, bytes, str]
"""(what was done, the tampered pack's bytes, the JSON pointer changed or "")."""


def _file(data: dict[str, Any]) -> bytes:
    return pack_json(data).encode("utf-8")


def _set(data: Any, path: str, value: object) -> None:
    *parents, last = [p.replace("~1", "/").replace("~0", "~") for p in path.split("/")[1:]]
    target = data
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value


def changed(value: object) -> object:
    """A different value of the same kind (so only the seal and digests can tell)."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value[:-1] + ("X" if value[-1:] != "X" else "Y") if value else "X"
    if value is None:
        return 0
    if isinstance(value, list):
        return ["X"]
    return {"X": 1}


def every_field_value(pack: dict[str, Any]) -> Iterator[Case]:
    """Each value in the pack (the seal and digests too) changed on its own."""
    for path, value in fields(pack):
        data = deepcopy(pack)
        _set(data, path, changed(value))
        yield f"changed {path}", _file(data), path


def every_dropped_audit_event(pack: dict[str, Any]) -> Iterator[Case]:
    for index in range(len(pack["audit_events"])):
        data = deepcopy(pack)
        del data["audit_events"][index]
        yield f"dropped audit event {index}", _file(data), f"/audit_events/{index}"


def every_reordered_audit_event(pack: dict[str, Any]) -> Iterator[Case]:
    events = pack["audit_events"]
    for i in range(len(events)):
        for j in range(i + 1, len(events)):
            data = deepcopy(pack)
            moved = data["audit_events"]
            moved[i], moved[j] = moved[j], moved[i]
            yield f"swapped audit events {i} and {j}", _file(data), f"/audit_events/{i}"


def _objects(value: object, path: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        yield path
        for key, item in value.items():
            yield from _objects(item, f"{path}/{key.replace('~', '~0').replace('/', '~1')}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _objects(item, f"{path}/{index}")


def _at(data: Any, path: str) -> Any:
    target = data
    for part in [p.replace("~1", "/").replace("~0", "~") for p in path.split("/")[1:]]:
        target = target[int(part)] if isinstance(target, list) else target[part]
    return target


def every_unknown_key(pack: dict[str, Any], key: SealKey | None = None) -> Iterator[Case]:
    """An extra key in every object of the pack; re-sealed with `key` when given (as someone
    holding a key would), so the structure check alone must refuse it."""
    for path in _objects(pack):
        if path.startswith(f"/{DIGESTS_FIELD}"):
            continue  # its keys are pointers: an extra one is a removed field (covered above)
        data = deepcopy(pack)
        _at(data, path)["note"] = "added"
        if key is not None and not path.startswith(f"/{SEAL_FIELD}"):
            data = seal_pack(data, key)
        yield f"unknown key at {path or '/'}", _file(data), f"{path}/note"


def resealed_with_another_key(pack: dict[str, Any], mallory: SealKey) -> Iterator[Case]:
    """The pack's content changed and re-sealed whole by another key (added to its keys)."""
    data = deepcopy(pack)
    data["generated_at"] = "2020-01-01T00:00:00.000000Z"
    data["organisation_keys"].append(
        {
            "algorithm": "Ed25519",
            "public_key": mallory.public_key_b64,
            "fingerprint": mallory.fingerprint,
        }
    )
    yield "changed and re-sealed by another key", _file(seal_pack(data, mallory)), ""


def every_byte(raw: bytes, replacements: tuple[int, ...] = (0x01,)) -> Iterator[Case]:
    """Every byte of the file changed: XOR each of `replacements` (0x01 flips the lowest bit)."""
    for position in range(len(raw)):
        for mask in replacements:
            edited = bytearray(raw)
            edited[position] ^= mask
            yield f"byte {position} ^ {mask:#04x}", bytes(edited), ""


@dataclass
class Tally:
    tried: int = 0
    detected: int = 0
    same_meaning: int = 0
    """Edits that left the JSON exactly as it was (whitespace): correctly still VERIFIED."""
    missed: list[str] | None = None

    def __post_init__(self) -> None:
        self.missed = []


def _same_meaning(original: bytes, edited: bytes) -> bool:
    try:
        return json.loads(edited) == json.loads(original)
    except (ValueError, RecursionError):
        return False


def judge(original: bytes, case: Case, pinned: bytes | None, tally: Tally) -> Verdict:
    """Verify one tampered pack and count it: caught, harmless (same JSON) or missed."""
    name, raw, _ = case
    verdict = verify_pack(raw, pinned_key=pinned).verdict
    tally.tried += 1
    if verdict is not Verdict.VERIFIED:
        tally.detected += 1
    elif _same_meaning(original, raw):
        tally.same_meaning += 1
    else:
        assert tally.missed is not None
        tally.missed.append(name)
    return verdict
