"""The app's own favicon: a real PNG, installed with the package, so no page fetches one elsewhere."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

from risk_app.ui.assets import FAVICON

ROOT = Path(__file__).resolve().parents[3]


def test_the_favicon_is_a_small_png_file_inside_the_package():
    data = FAVICON.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) < 4096
    assert FAVICON.is_relative_to(ROOT / "risk_app")


def test_the_favicon_is_package_data_so_an_installed_app_has_it():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["risk_app"]
    inside = FAVICON.relative_to(ROOT / "risk_app").as_posix()
    assert any(fnmatch(inside, pattern) for pattern in patterns), patterns
