"""requirements.lock (what `make run` and `make test` install) keeps up with pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)")


def _pins() -> dict[str, tuple[Version, str]]:
    pins: dict[str, tuple[Version, str]] = {}
    lines = (ROOT / "requirements.lock").read_text().splitlines()
    for i, line in enumerate(lines):
        found = PIN.match(line)
        if found:
            block = "\n".join(lines[i : i + 40]).split("\n\n")[0]
            pins[canonicalize_name(found[1])] = (Version(found[2]), block)
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    return [Requirement(r) for r in [*project["dependencies"], *extras["dev"], *extras["postgres"]]]


def test_every_declared_dependency_is_pinned_within_its_range():
    pins = _pins()
    for requirement in _declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in requirements.lock: run `make lock`"
        version, _ = pins[name]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"requirements.lock pins {name}=={version}, outside {requirement}: run `make lock`"
        )


def test_every_pin_carries_hashes():
    pins = _pins()
    assert len(pins) > 50  # guards the parsing itself
    for name, (_, block) in pins.items():
        assert "--hash=sha256:" in block, f"{name} has no hash in requirements.lock"


def test_the_postgres_driver_is_an_extra_not_a_requirement_of_every_install():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert not any("psycopg" in r for r in project["dependencies"])
    assert any("psycopg" in r for r in project["optional-dependencies"]["postgres"])
