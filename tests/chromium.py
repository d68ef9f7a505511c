"""The system Chromium (Debian's package) for Playwright: browser downloads are impossible here.

The `browser` fixture lives in tests/conftest.py so that the browser and deployment tests share
one Playwright instance per process (two sync instances in one process cannot run).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CANDIDATES = [
    os.environ.get("RISK_APP_CHROMIUM", ""),
    "/usr/lib/chromium/chromium",
    "/usr/bin/chromium",
    shutil.which("chromium") or "",
    shutil.which("chromium-browser") or "",
]
CHROMIUM = next((c for c in CANDIDATES if c and Path(c).is_file()), None)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
