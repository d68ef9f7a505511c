"""Free text: checks before it reaches storage, and safe forms for what leaves the app."""

from __future__ import annotations

import unicodedata

from risk_app.domain.errors import InvalidInput


def clean_short_text(value: str, what: str, *, required: bool, max_length: int = 200) -> str:
    """Trimmed text, or InvalidInput saying plainly what to fix.

    Refuses control characters (including NUL, which PostgreSQL cannot store) and text that is
    not valid Unicode (lone surrogates), so what is saved is exactly what will be shown.
    """
    value = value.strip()
    if required and not value:
        raise InvalidInput(f"Give the {what}.")
    if len(value) > max_length:
        raise InvalidInput(f"The {what} is too long: at most {max_length} characters.")
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise InvalidInput(f"The {what} contains control characters; please retype it.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(
            f"The {what} contains characters that cannot be stored; please retype it."
        ) from None
    return value


def clean_long_text(value: str, what: str, *, max_length: int = 4000) -> str:
    """Free text such as notes: line breaks and tabs allowed, other control characters not."""
    value = value.replace("\r\n", "\n")
    if len(value) > max_length:
        raise InvalidInput(f"The {what} is too long: at most {max_length} characters.")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in value):
        raise InvalidInput(f"The {what} contains control characters; please retype it.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(
            f"The {what} contains characters that cannot be stored; please retype it."
        ) from None
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
