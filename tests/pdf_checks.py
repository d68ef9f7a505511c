"""Reading back the PDFs we print: their text, and the structure tags that make them accessible."""

from __future__ import annotations

import io

import pikepdf
import pypdf


def pdf_text(pdf: bytes) -> str:
    """Every page's text, with runs of white space made single spaces."""
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def struct_types(pdf: pikepdf.Pdf) -> set[str]:
    """The structure types (H1, Table, TH...) used anywhere in the PDF's tag tree."""
    found: set[str] = set()
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                found.add(str(node.S))
            if "/K" in node:
                stack.append(node.K)
    return found
