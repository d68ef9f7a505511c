"""Free text: checks before it reaches storage, and safe forms for what leaves the app."""

from __future__ import annotations

import unicodedata

from risk_app.domain.errors import InvalidInput

SHORT_TEXT_MAX = 200
"""Names, titles and other one-line text (the database's short text columns hold 200)."""
LONG_TEXT_MAX = 4000
"""Notes and other free text, unless a field says less."""


def text_problem(value: str, *, line_breaks: bool) -> str | None:
    """What stops `value` being stored and shown exactly as typed, or None.

    Control characters are refused (NUL cannot be stored by PostgreSQL; the others cannot be seen),
    except line breaks and tabs where `line_breaks` allows them (a Windows line end counts as one
    line break); text that is not valid Unicode (a lone surrogate) cannot be stored at all.
    """
    if line_breaks:
        value = value.replace("\r\n", "\n")
    allowed = "\n\t" if line_breaks else ""
    if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in value):
        return "contains control characters; please retype it"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "contains characters that cannot be stored; please retype it"
    return None


def clean_short_text(
    value: str, what: str, *, required: bool, max_length: int = SHORT_TEXT_MAX
) -> str:
    """Trimmed text, or InvalidInput saying plainly what to fix.

    Refuses control characters (including NUL, which PostgreSQL cannot store) and text that is
    not valid Unicode (lone surrogates), so what is saved is exactly what will be shown.
    """
    value = value.strip()
    if required and not value:
        raise InvalidInput(f"Give the {what}.")
    if len(value) > max_length:
        raise InvalidInput(f"The {what} is too long: at most {max_length} characters.")
    if problem := text_problem(value, line_breaks=False):
        raise InvalidInput(f"The {what} {problem}.")
    return value


def clean_long_text(value: str, what: str, *, max_length: int = LONG_TEXT_MAX) -> str:
    """Free text such as notes: line breaks and tabs allowed, other control characters not."""
    value = value.replace("\r\n", "\n")
    if len(value) > max_length:
        raise InvalidInput(f"The {what} is too long: at most {max_length} characters.")
    if problem := text_problem(value, line_breaks=True):
        raise InvalidInput(f"The {what} {problem}.")
    return value.strip()


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str | None) -> str:
    """A CSV cell that a spreadsheet shows as text rather than running as a formula."""
    if value is None:
        return ""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def spreadsheet_unsafe(value: str) -> str:
    """A cell as typed before :func:`spreadsheet_safe` quoted it (for reading our own CSV back)."""
    quoted = value.startswith("'") and value[1:].startswith(_FORMULA_STARTS)
    return value[1:] if quoted else value
