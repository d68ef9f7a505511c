"""Printing our own HTML as a tagged PDF/UA-1 with WeasyPrint, fetching nothing from outside.

WeasyPrint needs the Pango library (Debian: libpango-1.0-0 libpangoft2-1.0-0; `make
system-deps`). See docs/adr/0005 for why WeasyPrint.
"""

from __future__ import annotations

from risk_app.domain.errors import RiskAppError

LANG = "en-GB"

# The one stylesheet of every printed document (agreement, evidence, board report).
CSS = """
@page { size: A4; margin: 18mm 16mm 20mm 16mm;
        @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; } }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 11pt;
       line-height: 1.45; color: #0b0c0c; }
h1 { font-size: 20pt; margin: 0 0 4mm; }
h2 { font-size: 15pt; margin: 7mm 0 2mm; border-bottom: 1px solid #b1b4b6; }
h3 { font-size: 12.5pt; margin: 5mm 0 1mm; }
p { margin: 1mm 0 2mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; }
caption { text-align: left; font-weight: bold; margin-bottom: 1mm; }
th, td { border: 1px solid #b1b4b6; padding: 1.5mm; text-align: left; vertical-align: top; }
th { background: #f3f2f1; }
.label { font-weight: bold; }
.code { font-family: "DejaVu Sans Mono", monospace; font-size: 9.5pt; }
.notice { border-left: 4px solid #d4351c; padding-left: 3mm; }
"""


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
