"""Printing our own HTML as a tagged PDF/UA-1 with WeasyPrint, fetching nothing from outside.

The HTML comes from the document templates (adapters/documents.py), whose one stylesheet
(templates/document.css) is part of each document.

WeasyPrint needs the Pango library (Debian: libpango-1.0-0 libpangoft2-1.0-0; `make
system-deps`). See docs/adr/0005 for why WeasyPrint.
"""

from __future__ import annotations

from risk_app.domain.errors import RiskAppError


def print_pdf(html: str, *, alternative: str) -> bytes:
    """The HTML as a tagged PDF/UA-1, or RiskAppError if WeasyPrint or Pango is missing, ending
    with ``alternative``: a sentence saying what still works without them."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:
        raise RiskAppError(
            "The PDF cannot be made here: WeasyPrint needs the Pango library "
            "(Debian: libpango-1.0-0 libpangoft2-1.0-0; run `make system-deps`). "
            f"{alternative} ({type(exc).__name__})"
        ) from None
    # Nothing outside the document is ever fetched, whatever the text contains.
    no_fetching = weasyprint.URLFetcher(allowed_protocols=())
    pdf = weasyprint.HTML(string=html, url_fetcher=no_fetching).write_pdf(pdf_variant="pdf/ua-1")
    assert isinstance(pdf, bytes)
    return pdf
