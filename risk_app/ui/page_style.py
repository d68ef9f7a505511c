"""The look every page shares: focus you can see, and control edges you can see (static CSS).

Streamlit's own focus ring is a half-transparent blue shadow (about 2.3:1 on white), its radios,
checkboxes and toggles hide the focused input and show nothing on the label, and its navigation
links show no focus at all. Here every focused control gets a 3 px near-black outline with a gap
(19:1 on white, and on the sidebar's grey), drawn on what the person sees: the label of a radio,
checkbox or toggle, the field of a text box, date or select box (WCAG 2.2 2.4.7, 2.4.11, 1.4.11).
The day, month and year of a date field are each at least 24 x 24 px to press (WCAG 2.5.8;
Streamlit draws them 18 x 20). The unchecked edges of radios and checkboxes use the theme's border colour (`borderColor` in
`.streamlit/config.toml`, 7:1), which Streamlit applies to them.
"""

from __future__ import annotations

import streamlit as st

FOCUS = "#0B0C0C"
"""The focus outline's colour: the theme's text colour."""
EDGE = "#505A5F"
"""The edge of a control: the theme's `borderColor` (7:1 on white), drawn round a toggle's track,
which Streamlit fills with 20% grey (1.6:1) and no edge."""

FOCUS_CSS = f"""<style>
a:focus-visible, button:focus-visible, summary:focus-visible, [role="tab"]:focus-visible,
[role="spinbutton"]:focus-visible, [tabindex]:not([tabindex="-1"]):not(input):focus-visible,
label:has(input[type="radio"]:focus-visible), label:has(input[type="checkbox"]:focus-visible),
[data-testid="stTextInputRootElement"]:focus-within,
[data-testid="stTextAreaRootElement"]:focus-within,
[data-testid="stNumberInputContainer"]:focus-within,
[data-baseweb="input"]:focus-within, [data-baseweb="textarea"]:focus-within,
[data-baseweb="select"] > div:focus-within, [data-testid="stDateInputField"]:focus-within {{
  outline: 3px solid {FOCUS} !important;
  outline-offset: 2px !important;
}}
[role="spinbutton"]:focus-visible {{ outline-offset: 0 !important; }}
[data-testid="stDateInputField"]:focus-within [role="spinbutton"]:focus-visible {{
  outline: none !important;
  background: #FFDD00;
  color: {FOCUS};
}}
[data-testid="stDateInputField"] [role="spinbutton"] {{
  display: inline-block;
  min-width: 24px;
  min-height: 24px;
  line-height: 24px;
  text-align: center;
}}
label:has(input[role="switch"]) > div:first-of-type {{
  box-shadow: inset 0 0 0 2px {EDGE};
}}
h1[tabindex="-1"]:focus, h2[tabindex="-1"]:focus, h3[tabindex="-1"]:focus {{
  outline: 3px solid {FOCUS};
  outline-offset: 4px;
}}
</style>"""
"""Static and trusted: no value in it comes from anyone's input."""


def apply() -> None:
    """Add the shared look to this page run (a style element only: it takes no space)."""
    st.html(FOCUS_CSS)


APP = "risk-app"


def title(*words: str) -> None:
    """The browser tab's title for this page or step: "Sign in – risk-app", "Your risk agreement,
    step 3 of 6 – risk-app" (WCAG 2.4.2). A page may call it again to name the step it shows."""
    st.set_page_config(page_title=f"{', '.join(w for w in words if w)} – {APP}")
