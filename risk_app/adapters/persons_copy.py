"""The person's own copy of their risk agreement, printed as a tagged PDF/UA-1: the screens they
read, in large print, and in easy read a picture beside each point (each an image with its text
alternative, so a Figure with Alt in the PDF). It holds nothing they were not shown: no check
code, seal, key fingerprint or time zone; the evidence pack keeps those for anyone who must
check the signatures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from risk_app.adapters import documents, pictures
from risk_app.adapters.pdf import print_pdf
from risk_app.domain.agreements.agreement_words import Screen


@dataclass(frozen=True, slots=True)
class _Point:
    text: str
    quote: str
    picture_uri: str
    picture_alt: str


@dataclass(frozen=True, slots=True)
class _Screen:
    title: str
    points: list[_Point]


def render_html(
    screens: Sequence[Screen],
    *,
    title: str,
    about: Sequence[str],
    signed: Sequence[str],
    easy_read: bool,
) -> str:
    """The copy as HTML from `persons_copy.html` (every value autoescaped). `about`: sentences
    that say which version this is and when it was signed; `signed`: who has signed, one line
    each, in plain words."""
    shown = [
        _Screen(
            screen.title,
            [
                _Point(line.text, line.quote, pictures.data_uri(picture), picture.alt)
                for picture, line in screen.points()
            ],
        )
        for screen in screens
    ]
    return documents.render_html(
        "persons_copy.html",
        title=title,
        about=list(about),
        screens=shown,
        signed=list(signed),
        easy_read=easy_read,
    )


def render_pdf(
    screens: Sequence[Screen],
    *,
    title: str,
    about: Sequence[str],
    signed: Sequence[str],
    easy_read: bool,
) -> bytes:
    html = render_html(screens, title=title, about=about, signed=signed, easy_read=easy_read)
    return print_pdf(html, alternative="Your worker can print your copy for you.")
