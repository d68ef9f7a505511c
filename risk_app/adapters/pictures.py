"""The easy-read pictures, drawn here as SVG so nothing is fetched from elsewhere: the same
drawings on screen and in the person's PDF copy.

Each picture has a text alternative (`Picture.alt`); the words beside it carry the meaning on their
own, so a picture only helps.
"""

from __future__ import annotations

import base64

from risk_app.domain.agreements.agreement_words import Picture

_LINE = 'fill="none" stroke-width="4" stroke-linecap="round"'
_STROKE = f'{_LINE} stroke="#0b0c0c"'
_SHAPES: dict[Picture, str] = {
    Picture.AGREEMENT: (
        f'<rect x="22" y="12" width="52" height="72" rx="4" {_STROKE}/>'
        f'<path d="M34 50 l10 10 l20 -24" {_LINE} stroke="#00703c"/>'
    ),
    Picture.HEART: (
        '<path d="M48 80 C12 56 14 22 34 20 C42 19 46 25 48 30 C50 25 54 19 62 20 '
        'C82 22 84 56 48 80 Z" fill="#d4351c"/>'
    ),
    Picture.CHOICE: (
        f'<path d="M48 88 V14" {_STROKE}/>'
        '<path d="M48 22 H76 L86 30 L76 38 H48 Z" fill="#1d70b8"/>'
        '<path d="M48 46 H20 L10 54 L20 62 H48 Z" fill="#00703c"/>'
    ),
    Picture.HELPERS: (
        f'<circle cx="30" cy="26" r="10" {_STROKE}/><circle cx="66" cy="26" r="10" {_STROKE}/>'
        f'<path d="M30 38 V70 M66 38 V70 M30 50 H66 M30 70 L22 88 M30 70 L38 88 '
        f'M66 70 L58 88 M66 70 L74 88" {_STROKE}/>'
    ),
    Picture.DECISION: (
        f'<circle cx="40" cy="56" r="16" {_STROKE}/>'
        f'<path d="M40 72 V90" {_STROKE}/>'
        '<circle cx="66" cy="30" r="6" fill="#1d70b8"/><circle cx="78" cy="16" r="9" fill="#1d70b8"/>'
    ),
    Picture.BACKUP: (
        '<circle cx="48" cy="48" r="34" fill="none" stroke="#d4351c" stroke-width="14"/>'
        '<circle cx="48" cy="48" r="34" fill="none" stroke="#ffffff" stroke-width="14" '
        'stroke-dasharray="18 35.4"/>'
    ),
    Picture.CALENDAR: (
        f'<rect x="14" y="20" width="68" height="62" rx="4" {_STROKE}/>'
        '<rect x="14" y="20" width="68" height="16" fill="#1d70b8"/>'
        f'<path d="M30 12 V26 M66 12 V26" {_STROKE}/>'
        '<rect x="30" y="48" width="12" height="12" fill="#0b0c0c"/>'
    ),
    Picture.TALK: (
        f'<path d="M10 18 H58 V48 H28 L18 58 V48 H10 Z" {_STROKE}/>'
        '<path d="M40 54 H86 V82 H78 V92 L68 82 H40 Z" fill="#1d70b8"/>'
    ),
    Picture.WARNING: (
        '<path d="M48 10 L88 82 H8 Z" fill="#ffdd00" stroke="#0b0c0c" stroke-width="4" '
        'stroke-linejoin="round"/>'
        '<path d="M48 36 V58" fill="none" stroke="#0b0c0c" stroke-width="8" stroke-linecap="round"/>'
        '<circle cx="48" cy="70" r="5" fill="#0b0c0c"/>'
    ),
    Picture.PHONE: (
        '<path d="M26 12 L40 12 L46 30 L36 38 C42 52 48 58 60 62 L68 52 L86 58 L86 72 '
        'C86 80 80 86 72 86 C42 84 14 56 12 26 C12 18 18 12 26 12 Z" fill="#1d70b8"/>'
    ),
    Picture.SIGN: (
        f'<path d="M10 78 C24 60 30 84 44 70 C52 62 56 76 86 70" {_STROKE}/>'
        '<path d="M60 50 L82 14 L90 19 L68 55 L58 60 Z" fill="#1d70b8"/>'
    ),
}


def svg(picture: Picture) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" width="96" height="96">'
        f"{_SHAPES[picture]}</svg>"
    )


def data_uri(picture: Picture) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg(picture).encode()).decode()
