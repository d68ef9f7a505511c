"""Files the browser is given by the app itself, so no page asks a third-party host for anything.

``FAVICON`` is for ``st.set_page_config(page_icon=str(FAVICON))``: Streamlit serves a local image
from its own media route. A ``:material/…:`` page icon would instead make every browser fetch
the icon from fonts.gstatic.com (Streamlit's frontend builds that address), telling Google who
uses the app and when.
"""

from __future__ import annotations

from pathlib import Path

ASSETS = Path(__file__).resolve().parent
FAVICON = ASSETS / "favicon.png"
"""A 64×64 PNG: a white head and shoulders on a blue shield."""
