"""The document templates: HTML always autoescaped, plain text only from `.txt` templates, a
missing value an error, and every template shipped in the package."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import pytest
from jinja2 import UndefinedError

from risk_app.adapters.documents import FOLDER, render_html, render_text

ROOT = Path(__file__).resolve().parents[3]


def test_html_and_plain_text_come_only_from_their_own_kind_of_template():
    with pytest.raises(ValueError, match="not an HTML template"):
        render_html("minutes.txt")
    with pytest.raises(ValueError, match="not a plain-text template"):
        render_text("minutes.html")


def test_a_value_missing_from_a_template_is_an_error_not_a_blank():
    with pytest.raises(UndefinedError):
        render_html("minutes.html")
    with pytest.raises(UndefinedError):
        render_text("minutes.txt")


def test_every_template_and_the_stylesheet_are_in_the_installed_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["risk_app"]
    shipped = [p.relative_to(ROOT / "risk_app").as_posix() for p in FOLDER.iterdir()]
    assert {"document.css", "agreement.html", "board_report.html", "minutes.html"} <= {
        Path(name).name for name in shipped
    }
    for name in shipped:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name


def test_a_template_that_would_print_none_is_refused_not_printed():
    from risk_app.adapters import documents

    with pytest.raises(ValueError, match="missing value"):
        documents.render_html(
            "persons_copy.html", title=None, about=[], screens=[], signed=[], easy_read=False
        )
