"""The Jinja2 templates that documents are made from: the agreement PDF, the board report PDF and
the meeting minutes, in ``adapters/templates/`` with the one stylesheet they share.

HTML is always autoescaped, so text from a person or a file is shown as text and never read as
markup; a name missing from a template's context is an error, never a blank, and so is a value of
None (it would print as the word "None").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

LANG = "en-GB"
FOLDER = Path(__file__).parent / "templates"


def _no_none(value: Any) -> Any:
    """Every value a template prints: never Python's None, which would print as the word "None"
    in a document someone reads; a template says what an empty value means in its own words."""
    if value is None:
        raise ValueError("A document template printed a missing value (None).")
    return value


def _environment(*, autoescape: bool) -> Environment:
    environment = Environment(
        loader=FileSystemLoader(FOLDER),
        autoescape=autoescape,
        undefined=StrictUndefined,
        finalize=_no_none,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.globals["lang"] = LANG
    return environment


_HTML = _environment(autoescape=True)
# Plain text only (the minutes' text form, ``*.txt``): nothing in it is read as markup, so there
# is nothing to escape, and escaping would put entities such as &lt; into the words people read.
_PLAIN_TEXT = _environment(autoescape=False)


def render_html(name: str, **context: Any) -> str:
    """The HTML template ``name`` filled in from ``context``, every value escaped."""
    if not name.endswith(".html"):
        raise ValueError(f"{name} is not an HTML template.")
    return _HTML.get_template(name).render(**context)


def render_text(name: str, **context: Any) -> str:
    """The plain-text template ``name`` (``*.txt``) filled in from ``context``, unescaped."""
    if not name.endswith(".txt"):
        raise ValueError(f"{name} is not a plain-text template.")
    return _PLAIN_TEXT.get_template(name).render(**context)
