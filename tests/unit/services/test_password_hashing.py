"""The app hashes passwords at Argon2id's recommended cost; only the tests make hashing cheap."""

from __future__ import annotations

import subprocess
import sys

from argon2 import Type

from risk_app.services import accounts


def test_the_default_hasher_is_argon2id_at_the_rfc_9106_low_memory_cost():
    hasher = accounts.DEFAULT_HASHER
    assert (hasher.type, hasher.time_cost, hasher.memory_cost, hasher.parallelism) == (
        Type.ID,
        3,
        64 * 1024,
        4,
    )
    assert (hasher.hash_len, hasher.salt_len) == (32, 16)


def test_the_app_starts_with_the_default_hasher():
    # A fresh interpreter: this test process runs with the tests' cheap hasher (tests/conftest.py).
    probe = (
        "from risk_app.services import accounts; "
        "assert accounts._hasher is accounts.DEFAULT_HASHER; "
        "print(accounts._DUMMY_HASH.split('$')[3])"
    )
    ran = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=120
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == "m=65536,t=3,p=4"


def test_the_tests_hash_at_the_cheapest_cost_and_still_sign_in_with_argon2id():
    assert accounts._hasher is not accounts.DEFAULT_HASHER
    assert accounts._DUMMY_HASH.startswith("$argon2id$v=19$m=8,t=1,p=1$")
