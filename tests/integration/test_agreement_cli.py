"""`risk-app agreement pack | verify | public-key`, run as an operator would, on SQLite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import agreement_setup as setup
import pytest

from risk_app.adapters.db import Store
from risk_app.domain.agreement import SignerDetails, SigningMethod
from risk_app.domain.sealing import SealKey
from risk_app.services import agreements


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RISK_APP_DATA_DIR": str(data_dir)}
    for name in ("RISK_APP_DATABASE_URL", "RISK_APP_SEAL_KEY", "RISK_APP_SEAL_KEY_FILE"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "risk_app.cli", *args],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def failed(result: subprocess.CompletedProcess[str]) -> str:
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


def test_the_demo_agreement_packs_and_verifies_except_for_the_signers_still_missing(demo_dir):
    out = demo_dir / "partly"
    made = run("agreement", "pack", "--person", "1", "--out", str(out), data_dir=demo_dir)
    assert made.returncode == 0, made.stderr
    assert (out / "agreement-person-1-v1.json").exists()
    assert (out / "agreement-person-1-v1.pdf").read_bytes().startswith(b"%PDF-")
    report = failed(
        run("agreement", "verify", str(out / "agreement-person-1-v1.json"), data_dir=demo_dir)
    )
    assert "OK    The content matches its digest" in report
    assert "FAIL  Not signed yet by: " in report
    assert "The manager; Jo Okafor (family or friend); Brightside Support (provider)." in report
    assert "key inside the pack" in report


@pytest.fixture(scope="module")
def signed_pack(demo_dir: Path) -> Path:
    """The demo agreement once everyone has signed, packed by the command line."""
    store = Store(f"sqlite:///{demo_dir / 'risk-app.sqlite3'}")
    key = SealKey.from_pem((demo_dir / "seal-key.pem").read_bytes())
    practitioner = setup.actor(store, "practitioner")
    manager = setup.actor(store, "manager")
    view = agreements.get_version(store, by=practitioner, person_id=1)
    ways = {  # who records it, how, and on what basis
        "practitioner": (practitioner, SigningMethod.OWN_ACCOUNT, "staff_role"),
        "manager": (manager, SigningMethod.OWN_ACCOUNT, "staff_role"),
        "person": (practitioner, SigningMethod.IN_PERSON, "self"),
    }
    for needed in view.missing:
        by, method, basis = ways.get(
            needed.key, (practitioner, SigningMethod.IN_PERSON, "action_owner")
        )
        agreements.sign(
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


def test_a_fully_signed_pack_verifies_and_can_be_pinned_to_the_organisations_key(
    demo_dir, signed_pack
):
    verified = run("agreement", "verify", str(signed_pack), data_dir=demo_dir)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.rstrip().endswith("VERIFIED: everything in this pack checks out.")
    assert "FAIL" not in verified.stdout
    shown = run("agreement", "public-key", data_dir=demo_dir)
    assert shown.returncode == 0 and "Fingerprint" in shown.stdout
    pem = demo_dir / "org.pub"
    pem.write_text(shown.stdout.split("Fingerprint")[0])
    pinned = run(
        "agreement", "verify", str(signed_pack), "--public-key", str(pem), data_dir=demo_dir
    )
    assert pinned.returncode == 0 and "the key you gave" in pinned.stdout
    stranger = SealKey.generate().public_key_b64
    report = failed(
        run("agreement", "verify", str(signed_pack), "--public-key", stranger, data_dir=demo_dir)
    )
    assert "not yours" in report


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


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (content_byte, "The agreement content does not match its digest"),
        (signature_digest, "is for a different version of the agreement"),
        (signature_seal, "the organisation's seal does not hold"),
        (version_seal, "The organisation's seal on version 1 does not hold"),
        (missing_signer, "Not signed yet by: The manager."),
        (audit_event, "its hash does not match its fields"),
    ],
)
def test_verify_says_exactly_what_was_tampered_with(demo_dir, signed_pack, change, expected):
    report = failed(
        run("agreement", "verify", str(_tampered(signed_pack, change)), data_dir=demo_dir)
    )
    assert "FAIL  " in report and expected in report


def test_verify_gives_one_clear_line_for_a_file_that_is_missing_or_not_a_pack(demo_dir):
    missing = failed(run("agreement", "verify", str(demo_dir / "nope.json"), data_dir=demo_dir))
    assert "Cannot read" in missing
    junk = demo_dir / "junk.json"
    junk.write_bytes(b"\x00\xff not json")
    assert "not a usable evidence pack" in failed(
        run("agreement", "verify", str(junk), data_dir=demo_dir)
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
