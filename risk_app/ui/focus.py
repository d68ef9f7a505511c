"""Moving keyboard focus, and telling screen-reader users what changed (ADR 0016).

Streamlit redraws a screen without moving focus or saying anything: after "Next" focus stayed on
the button, the new step was not announced, and at 320 px the page stayed scrolled half-way down.
These helpers add one small script to the page, the same static text every time; what it does is
given as JSON in an escaped `data-` attribute, never as script. It finds its target inside one
keyed container (a heading by its words, or a control by a CSS selector), scrolls the page to
the top or the control into view, moves focus there, links an error message to the control with
`aria-describedby`, and puts the words to announce into one polite live region kept on the page.
The script runs once each time its data changes (Streamlit runs `st.html` scripts when drawn), so
each call passes a `turn` that changes when focus should move again.
"""

from __future__ import annotations

import html
import json

import streamlit as st

LIVE_REGION_ID = "risk-app-live"

_SCRIPT = """<script>
(() => {
  const want = JSON.parse(document.currentScript.dataset.focus);
  let live = document.getElementById("LIVE_REGION");
  if (!live) {
    live = document.createElement("div");
    live.id = "LIVE_REGION";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    live.style.cssText = "position:absolute;width:1px;height:1px;overflow:hidden;"
      + "clip-path:inset(50%);white-space:nowrap;";
    document.body.appendChild(live);
  }
  let tries = 0;
  const find = () => {
    const box = document.querySelector(want.within);
    if (!box) return null;
    if (want.heading) {
      return [...box.querySelectorAll("h1, h2, h3")]
        .find((h) => h.textContent.trim() === want.heading) || null;
    }
    return box.querySelector(want.control);
  };
  const go = () => {
    const target = find();
    if (!target) {
      if (++tries < 60) setTimeout(go, 50);
      return;
    }
    if (want.heading && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    if (want.described) {
      const ids = (target.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (!ids.includes(want.described)) ids.push(want.described);
      target.setAttribute("aria-describedby", ids.join(" "));
    }
    if (want.top) {
      for (let el = target.parentElement; el; el = el.parentElement) {
        if (el.scrollTop > 0) el.scrollTop = 0;
      }
      window.scrollTo(0, 0);
    }
    target.focus({preventScroll: true});
    const seen = target.getBoundingClientRect();
    if (seen.top < 0 || seen.bottom > window.innerHeight) {
      target.scrollIntoView({block: want.top ? "start" : "center"});
    }
    if (want.say) {
      live.textContent = "";
      setTimeout(() => { live.textContent = want.say; }, 150);
    }
  };
  go();
})();
</script>""".replace("LIVE_REGION", LIVE_REGION_ID)
"""Static and trusted: it is never built from anyone's words."""


def _run(want: dict[str, object]) -> None:
    data = html.escape(json.dumps(want, sort_keys=True), quote=True)
    st.html(
        _SCRIPT.replace("<script>", f'<script data-focus="{data}">', 1),
        unsafe_allow_javascript=True,
    )


def to_heading(within: str, heading: str, *, say: str, turn: int) -> None:
    """Scroll to the top, focus the heading with these words inside the keyed container `within`
    (made focusable by script only: tabindex -1), and announce `say` politely."""
    _run({"within": _key_class(within), "heading": heading, "say": say, "top": True, "turn": turn})


def to_control(within: str, control: str, *, described_by: str, turn: int) -> None:
    """Focus the first element matching the CSS selector `control` inside the keyed container
    `within`, described by the element with the id `described_by` (an error message)."""
    _run(
        {
            "within": _key_class(within),
            "control": control,
            "described": described_by,
            "top": False,
            "turn": turn,
        }
    )


def _key_class(key: str) -> str:
    """Streamlit gives a container with `key` the class `st-key-<key>`."""
    return f".st-key-{key}"
