"""`risk-app agreement pack | verify | public-key`, run as an operator would, on SQLite."""

from __future__ import annotations

import json
from pathlib import Path

import agreement_setup as setup
import pytest

from risk_app.adapters.db import Store
from risk_app.domain.agreements.signers import SignerDetails, SigningMethod
from risk_app.domain.sealing import SealKey
from risk_app.services.agreements import reading, signing
from tests.command_line import CommandRun, run_command

UNSET = ("RISK_APP_DATABASE_URL", "RISK_APP_SEAL_KEY", "RISK_APP_SEAL_KEY_FILE")
"""The data directory's database and seal key, whatever this environment configures."""


def run(*args: str, data_dir: Path) -> CommandRun:
    return run_command(*args, data_dir=data_dir, unset=UNSET)


def failed(result: CommandRun) -> str:
    """The report of a failed run, after checking the error is one line without a traceback."""
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    [line] = [line for line in result.stderr.splitlines() if line.strip()]
    assert line.startswith("error: ")
    return result.stdout + line


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("agreement-cli")
    made = run("init", data_dir=data_dir)
    assert made.returncode == 0 and "Seal key created" in made.stdout, made.stderr
    assert (data_dir / "seal-key.pem").stat().st_mode & 0o077 == 0
    loaded = run("demo", data_dir=data_dir)
    assert "risk agreement is issued and partly signed" in loaded.stdout, loaded.stderr
    return data_dir


def test_the_demo_agreement_packs_intact_but_incomplete_and_not_proven_without_a_key(demo_dir):
    out = demo_dir / "partly"
    made = run("agreement", "pack", "--person", "1", "--out", str(out), data_dir=demo_dir)
    assert made.returncode == 0, made.stderr
    assert (out / "agreement-person-1-v1.json").exists()
    assert (out / "agreement-person-1-v1.pdf").read_bytes().startswith(b"%PDF-")
    pack = str(out / "agreement-person-1-v1.json")
    unpinned = run("agreement", "verify", pack, data_dir=demo_dir)
    assert unpinned.returncode == 6, unpinned.stdout + unpinned.stderr
    assert "OK    The content matches its digest" in unpinned.stdout
    assert "INTACT: every field is as the organisation sealed it." in unpinned.stdout
    assert (
        "INCOMPLETE: still to sign: Amina Okafor (the person); The manager; Jo Okafor (family "
        "or friend); Brightside Support (provider)." in unpinned.stdout
    )
    assert unpinned.stdout.splitlines()[-1].startswith("NOT PROVEN: key not pinned.")
    assert "VERIFIED" not in unpinned.stdout and "FAIL" not in unpinned.stdout
    key = demo_dir / "seal-key.pem"
    public = SealKey.from_pem(key.read_bytes()).public_key_b64
    pinned = run("agreement", "verify", pack, "--public-key", public, data_dir=demo_dir)
    assert pinned.returncode == 4, pinned.stdout + pinned.stderr
    assert "INTACT" in pinned.stdout and "INCOMPLETE: still to sign" in pinned.stdout
    assert pinned.stdout.splitlines()[-1].startswith("PROVEN: sealed by the key you gave")


@pytest.fixture(scope="module")
def signed_pack(demo_dir: Path) -> Path:
    """The demo agreement once everyone has signed, packed by the command line."""
    store = Store(f"sqlite:///{demo_dir / 'risk-app.sqlite3'}")
    key = SealKey.from_pem((demo_dir / "seal-key.pem").read_bytes())
    practitioner = setup.actor(store, "practitioner")
    manager = setup.actor(store, "manager")
    view = reading.get_version(store, by=practitioner, person_id=1)
    ways = {  # who records it, how, and on what basis
        "practitioner": (practitioner, SigningMethod.OWN_ACCOUNT, "staff_role"),
        "manager": (manager, SigningMethod.OWN_ACCOUNT, "staff_role"),
        "person": (practitioner, SigningMethod.IN_PERSON, "self"),
    }
    for needed in view.missing:
        by, method, basis = ways.get(
            needed.key, (practitioner, SigningMethod.IN_PERSON, "action_owner")
        )
        signing.sign(
            store,
            by=by,
            person_id=1,
            version=view.version,
            digest=view.digest,
            signer=SignerDetails(requirement=needed.key, basis=basis),
            method=method,
            key=key,
        )
    store.dispose()
    out = demo_dir / "signed"
    made = run(
        "agreement", "pack", "--person", "1", "--out", str(out), "--no-pdf", data_dir=demo_dir
    )
    assert made.returncode == 0, made.stderr
    return out / "agreement-person-1-v1.json"


def test_a_fully_signed_pack_is_proven_only_when_pinned_to_the_organisations_key(
    demo_dir, signed_pack
):
    unpinned = run("agreement", "verify", str(signed_pack), data_dir=demo_dir)
    assert unpinned.returncode == 6, unpinned.stdout + unpinned.stderr
    assert "COMPLETE: everyone the agreement names has signed." in unpinned.stdout
    assert unpinned.stdout.splitlines()[-1].startswith("NOT PROVEN: key not pinned.")
    assert "FAIL" not in unpinned.stdout
    shown = run("agreement", "public-key", data_dir=demo_dir)
    assert shown.returncode == 0 and "Fingerprint" in shown.stdout
    pem = demo_dir / "org.pub"
    pem.write_text(shown.stdout.split("Fingerprint")[0])
    pinned = run(
        "agreement", "verify", str(signed_pack), "--public-key", str(pem), data_dir=demo_dir
    )
    assert pinned.returncode == 0, pinned.stdout + pinned.stderr
    assert pinned.stdout.splitlines()[-3:] == [
        "INTACT: every field is as the organisation sealed it.",
        "COMPLETE: everyone the agreement names has signed.",
        pinned.stdout.splitlines()[-1],
    ]
    assert pinned.stdout.splitlines()[-1].startswith("PROVEN: sealed by the key you gave")
    stranger = SealKey.generate().public_key_b64
    other = run(
        "agreement", "verify", str(signed_pack), "--public-key", stranger, data_dir=demo_dir
    )
    assert other.returncode == 5
    assert "ALTERED: /pack_seal/key_fingerprint" in other.stdout
    assert "not by the key you gave" in other.stdout


def _tampered(pack: Path, change) -> Path:
    data = json.loads(pack.read_text())
    change(data)
    target = pack.with_name(f"tampered-{change.__name__}.json")
    target.write_text(json.dumps(data, indent=2, ensure_ascii=False))
    return target


def content_byte(data):
    data["content"]["risks"][0]["benefits"] += "!"


def signature_digest(data):
    data["signatures"][0]["digest"] = "0" * 64


def signature_seal(data):
    data["signatures"][1]["signer_name"] = "Mallory"


def version_seal(data):
    data["agreement"]["issued_by"] = "mallory"


def missing_signer(data):
    data["signatures"] = [s for s in data["signatures"] if s["requirement"] != "manager"]


def audit_event(data):
    data["audit_events"][0]["at"] = "2020-01-01T00:00:00.000000Z"


def generated_at(data):
    data["generated_at"] = "2020-01-01T00:00:00.000000Z"


def unknown_key(data):
    data["agreement"]["note"] = "added later"


def dropped_export_event(data):
    data["audit_events"] = [e for e in data["audit_events"] if e["action"] != "export"]


@pytest.mark.parametrize(
    ("change", "expected", "where"),
    [
        (content_byte, "The agreement content does not match its digest", "/content/risks/0"),
        (signature_digest, "is for a different version of the agreement", "/signatures/0/digest"),
        (signature_seal, "the organisation's seal does not hold", "/signatures/1/signer_name"),
        (
            version_seal,
            "The organisation's seal on version 1 does not hold",
            "/agreement/issued_by",
        ),
        (missing_signer, "seal over the whole pack does not hold", "/signatures/"),
        (audit_event, "its hash does not match its fields", "/audit_events/0/at"),
        (generated_at, "is not the value that was sealed", "/generated_at"),
        (unknown_key, "a field this pack format does not have", "/agreement/note"),
        (dropped_export_event, "seal over the whole pack does not hold", "/audit_events/"),
    ],
)
def test_verify_says_exactly_what_was_tampered_with_and_where(
    demo_dir, signed_pack, change, expected, where
):
    public = SealKey.from_pem((demo_dir / "seal-key.pem").read_bytes()).public_key_b64
    for pinned in ([], ["--public-key", public]):
        result = run(
            "agreement", "verify", str(_tampered(signed_pack, change)), *pinned, data_dir=demo_dir
        )
        assert result.returncode == 5, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert "FAIL  " in result.stdout and expected in result.stdout
        assert f"ALTERED: {where}" in result.stdout
        assert "INTACT" not in result.stdout and "PROVEN: sealed" not in result.stdout


def test_verify_gives_one_clear_line_for_a_file_that_is_missing_or_not_a_pack(demo_dir):
    missing = failed(run("agreement", "verify", str(demo_dir / "nope.json"), data_dir=demo_dir))
    assert "Cannot read" in missing
    junk = demo_dir / "junk.json"
    junk.write_bytes(b"\x00\xff not json")
    assert "not a usable evidence pack" in failed(
        run("agreement", "verify", str(junk), data_dir=demo_dir)
    )
    old = demo_dir / "old.json"
    old.write_text('{"format": "risk-app agreement evidence", "format_version": 1}')
    assert "version 1 evidence pack" in failed(
        run("agreement", "verify", str(old), data_dir=demo_dir)
    )
    huge = demo_dir / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    assert "the limit for an evidence pack" in failed(
        run("agreement", "verify", str(huge), data_dir=demo_dir)
    )
    assert "no version 9" in failed(
        run(
            "agreement",
            "pack",
            "--person",
            "1",
            "--version",
            "9",
            "--out",
            str(demo_dir),
            data_dir=demo_dir,
        )
    )
