"""Tamper with a fully signed evidence pack in every way we can list and count what is caught.

  .venv/bin/python bench/evidence_tamper.py              # every byte (3 edits each) and the rest
  .venv/bin/python bench/evidence_tamper.py --masks 1    # every byte once (quicker)

Families: every byte of the file changed (XOR 0x01, 0x20 and 0x80 by default), every field value
changed, every audit event dropped, every pair of audit events swapped, an unknown key in every
object (as written, and re-sealed whole by a key holder), and the pack re-sealed with another key
(checked with and without --public-key). "Detected" means the verdict was not VERIFIED (exit 0);
edits that leave the JSON meaning unchanged (whitespace) are counted apart and must be VERIFIED.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from agreement_samples import pack
from tamper_families import (
    Tally,
    every_byte,
    every_dropped_audit_event,
    every_field_value,
    every_reordered_audit_event,
    every_unknown_key,
    judge,
    resealed_with_another_key,
)

from risk_app.domain.agreements.evidence import pack_json
from risk_app.domain.agreements.evidence_verify import Verdict
from risk_app.domain.sealing import SealKey


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--masks", type=int, default=3, help="edits per byte (1 to 3)")
    args = parser.parse_args()
    key, mallory = SealKey.generate(), SealKey.generate()
    good = pack(key)
    original = pack_json(good).encode("utf-8")
    masks = (0x01, 0x20, 0x80)[: args.masks]
    families = {
        f"every byte of the file ({len(original)} bytes) x {len(masks)}": (
            every_byte(original, masks),
            key.public_key,
        ),
        "every field value": (every_field_value(good), key.public_key),
        "every dropped audit event": (every_dropped_audit_event(good), key.public_key),
        "every swapped pair of audit events": (every_reordered_audit_event(good), key.public_key),
        "an unknown key in every object": (every_unknown_key(good), key.public_key),
        "an unknown key in every object, re-sealed by the key holder": (
            every_unknown_key(good, key),
            key.public_key,
        ),
        "re-sealed with another key, --public-key given": (
            resealed_with_another_key(good, mallory),
            key.public_key,
        ),
        "re-sealed with another key, no --public-key": (
            resealed_with_another_key(good, mallory),
            None,
        ),
    }
    total = Tally()
    for name, (cases, pinned) in families.items():
        began = time.perf_counter()
        tally = Tally()
        for case in cases:
            judge(original, case, pinned, tally)
        seconds = time.perf_counter() - began
        harmless = f", {tally.same_meaning} whitespace-only (same JSON, VERIFIED)"
        print(
            f"{name}: {tally.detected} detected / {tally.tried - tally.same_meaning} tried"
            f"{harmless if tally.same_meaning else ''}; missed {len(tally.missed or [])}"
            f" ({seconds:.0f} s)"
        )
        for missed in (tally.missed or [])[:10]:
            print(f"  MISSED: {missed}")
        total.tried += tally.tried
        total.detected += tally.detected
        total.same_meaning += tally.same_meaning
        (total.missed or []).extend(tally.missed or [])
    untouched = judge(original, ("untouched", original, ""), key.public_key, Tally())
    assert untouched is Verdict.VERIFIED, untouched
    print(
        f"TOTAL: {total.detected} tamper cases detected / {total.tried - total.same_meaning} "
        f"tried; {total.same_meaning} whitespace-only edits still VERIFIED; "
        f"missed {len(total.missed or [])}; the untouched pack VERIFIED"
    )
    sys.exit(1 if total.missed else 0)


if __name__ == "__main__":
    main()
