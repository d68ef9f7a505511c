"""Every easy-read picture is an SVG a browser can draw: well-formed, sized, with a text alternative."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from risk_app.adapters import pictures
from risk_app.domain.agreements.agreement_words import Picture

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("picture", list(Picture), ids=str)
def test_every_picture_parses_as_svg_and_draws_something(picture):
    root = ET.fromstring(pictures.svg(picture))  # a repeated attribute is a parse error
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 96 96"
    shapes = [e for e in root.iter() if e.tag != f"{SVG}svg"]
    assert shapes, f"{picture} draws nothing"
    assert all(e.get("fill") or e.get("stroke") for e in shapes), picture
    assert picture.alt.strip().endswith(".")
