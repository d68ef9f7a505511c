"""The exact structure of an evidence pack (format version 2): every key and type, nothing more.

`shape_problems` walks a parsed pack and names, by JSON pointer, every key that the format does not
have, every key it lacks and every value of the wrong type. A pack made by the app always has
exactly this structure, so any difference is an alteration (the verifier reports it as such and
goes no further). The agreement content is checked by its own model (unknown keys refused there
too), and no number anywhere may have a fraction.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from pydantic import ValidationError

from risk_app.domain.agreements.content import AgreementContent
from risk_app.domain.agreements.evidence import DIGESTS_FIELD, SEAL_FIELD, pointer_token
from risk_app.domain.agreements.seals import SignatureRecord

Problem = tuple[str, str]
"""(JSON pointer, what is wrong there)."""


class _Str:
    pass


class _Int:
    pass


class _Bool:
    pass


class _Content:
    pass


class _Digests:
    pass


STR: Final = _Str()
INT: Final = _Int()
BOOL: Final = _Bool()
CONTENT: Final = _Content()
DIGESTS: Final = _Digests()


class ListOf:
    def __init__(self, item: object) -> None:
        self.item = item


class Nullable:
    def __init__(self, inner: object) -> None:
        self.inner = inner


SEAL: Final = {"key_fingerprint": STR, "seal": STR}
EVENT: Final = {
    "seq": INT,
    "at": STR,
    "actor": STR,
    "actor_role": STR,
    "action": STR,
    "object_type": STR,
    "object_id": STR,
    "object_version": Nullable(INT),
    "detail": STR,
    "prev_hash": STR,
    "hash": STR,
}
_SIGNATURE_TYPES: Final = {"person_id": INT, "version": INT}
SIGNATURE: Final = {
    "id": INT,
    **{name: _SIGNATURE_TYPES.get(name, STR) for name in SignatureRecord.model_fields},
    "seal": SEAL,
}
PACK: Final = {
    "format": STR,
    "format_version": INT,
    "generated_at": STR,
    "how_to_verify": ListOf(STR),
    "agreement": {
        "person_id": INT,
        "version": INT,
        "digest": STR,
        "issued_at": STR,
        "issued_by": STR,
        "is_current": BOOL,
        "latest_version": INT,
        "issue_seal": SEAL,
    },
    "content": CONTENT,
    "required_signers": ListOf({"key": STR, "role": STR, "name": STR, "label": STR}),
    "signatures": ListOf(SIGNATURE),
    "organisation_keys": ListOf({"algorithm": STR, "public_key": STR, "fingerprint": STR}),
    "audit_events": ListOf(EVENT),
    "audit_head": Nullable({"seq": INT, "hash": STR}),
    DIGESTS_FIELD: DIGESTS,
    SEAL_FIELD: {"algorithm": STR, "key_fingerprint": STR, "seal": STR},
}

_NAMES: Final = {
    _Str: "text",
    _Int: "a whole number",
    _Bool: "true or false",
    _Content: "an object",
    _Digests: "an object of texts",
    ListOf: "a list",
    dict: "an object",
}


def _kind(spec: object) -> str:
    return _NAMES.get(type(spec), "a value")


def _matches_scalar(spec: object, value: object) -> bool:
    if spec is STR:
        return isinstance(value, str)
    if spec is INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if spec is BOOL:
        return isinstance(value, bool)
    return False


def shape_problems(value: object, spec: object = PACK, path: str = "") -> Iterator[Problem]:
    """Every place where `value` differs in structure from `spec` (the whole pack by default)."""
    if isinstance(spec, Nullable):
        if value is not None:
            yield from shape_problems(value, spec.inner, path)
    elif isinstance(spec, dict):
        yield from _object_problems(value, spec, path)
    elif isinstance(spec, ListOf):
        if not isinstance(value, list):
            yield path, "should be a list"
            return
        for index, item in enumerate(value):
            yield from shape_problems(item, spec.item, f"{path}/{index}")
    elif spec is CONTENT:
        yield from _content_problems(value, path)
    elif spec is DIGESTS:
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            yield path, "should be an object of texts"
    elif not _matches_scalar(spec, value):
        yield path, f"should be {_kind(spec)}"


def _object_problems(value: object, spec: dict[str, object], path: str) -> Iterator[Problem]:
    if not isinstance(value, dict):
        yield path or "/", "should be an object"
        return
    for key in value:
        if key not in spec:
            yield f"{path}/{pointer_token(key)}", "is a field this pack format does not have"
    for key, inner in spec.items():
        where = f"{path}/{pointer_token(key)}"
        if key not in value:
            yield where, "is missing"
        else:
            yield from shape_problems(value[key], inner, where)


def _floats(value: object, path: str) -> Iterator[Problem]:
    if isinstance(value, float):
        yield path, "holds a number with a fraction, which this format never has"
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _floats(item, f"{path}/{pointer_token(str(key))}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _floats(item, f"{path}/{index}")


def _content_problems(value: object, path: str) -> Iterator[Problem]:
    if not isinstance(value, dict):
        yield path, "should be an object"
        return
    floats = list(_floats(value, path))
    if floats:
        yield from floats
        return
    try:
        AgreementContent.model_validate(value)
    except ValidationError as exc:
        for error in exc.errors():
            where = path + "".join(f"/{pointer_token(str(p))}" for p in error["loc"])
            if error["type"] == "extra_forbidden":
                yield where, "is a field this pack format does not have"
            elif error["type"] == "missing":
                yield where, "is missing"
            else:
                yield where, "is not in the expected form"
