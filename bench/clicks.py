"""Click-to-settled time in Chromium for the practitioner's journey, beside a bare Streamlit page.

  .venv/bin/python bench/clicks.py [--people 10000] [--runs 7] [--json PATH]

Seeds 10,000 people and 50,000 risks into a fresh SQLite data directory (tests/bulk.py: each person
has a circle, and half of them a multi-agency meeting), serves the real app on it as `risk-app run`
does, and serves a bare Streamlit page (one button and a counter) from the same Python in the same
run. In one Chromium, signed in as the demo practitioner, each run takes another person of the
caseload through the journey a worker clicks: open the person from the caseload's picker, switch
the record's section to the risks, add an action to a risk (its owner picked from the person's
circle, then "Add action"), switch to the meetings, and add a decision in a risk's section of the
open meeting. The bare page's button is clicked the same way between them, so both see the same
machine.

Click to settled: from just before the click until the last change to the page once Streamlit's
script has finished and nothing is running, stale or loading (the running indicator gone, no
faded element, no skeleton) and the DOM has stayed still for QUIET_MS; the quiet wait itself is
not counted. Changes nobody sees are not counted as drawing: an `aria-*` attribute, or any
change inside an element with no size on screen (a select box's live region announces "254
options available" to screen readers on a timer up to a second after a rerun; a date field adds a
hidden description). They still count as not quiet, so the wait covers them. Times are taken in the page (performance.now and a MutationObserver), so Playwright's
own round trips are not in them. Prints the median and p95 of each click, of the bare page's,
and the ratio of medians. Target: the journey's median <= 2x the bare page's.

A third page, the floor page (FLOOR_PAGE), draws sections with the same kinds and numbers of
elements as the record's risks and meetings sections and does no server work; its switches are
timed in the same run, so each of the app's section switches is also reported beside what
Streamlit itself takes to draw a section of that size.

The app is reached through the few labels in SELECTORS, and a section through `section()`, which
accepts a radio option (the record's section control), a tab, a button or a link of that name: a
change in how the record shows its sections needs at most those touched.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select

from risk_app.adapters.tables import MeetingRow, PersonRow, TeamRow
from risk_app.config import Settings
from risk_app.services.bootstrap import open_store
from tests import bulk, factories

SELECTORS = {
    "people_page": "People",  # navigation link
    "person_picker": "Open a person's record",  # select box of the caseload, empty at first
    "section_control": "Section of the record",  # radio group: only the chosen section is drawn
    "section_body": ".st-key-record_section_body",  # what the chosen section draws
    "risks_section": "Risks and who owns what",
    "meetings_section": "Multi-agency meetings",
    "action_expander": "Add an action or acknowledgement for risk",
    "action_text": "What will be done",
    "action_owner": "Who owns it",  # picks from the person's circle, nobody chosen at first
    "action_owner_choice": "Jo (Family or friend)",  # in every seeded person's circle
    "action_submit": "Add action",
    "meeting_section": "Risk: Activity 1",  # a risk's section of the open meeting
    "decision_text": "Decision",
    "decision_submit": "Add to the record",
    "bare_button": "Click me",
}
QUIET_MS = 600
TIMEOUT_MS = 60_000
NO_CHANGE_MS = 5_000
"""A click that changes nothing at all on the page is settled after this long (counted as 0)."""
BARE_PAGE = """
import streamlit as st

st.title("Bare page")
if "n" not in st.session_state:
    st.session_state.n = 0
if st.button("Click me"):
    st.session_state.n += 1
st.write(f"Clicked {st.session_state.n} times")
"""
FLOOR_PAGE = """
import plotly.graph_objects as go
import streamlit as st

st.title("Floor page")
shown = st.radio("Section", ["Nothing", "Risks-sized", "Meeting-sized"], horizontal=True)
if shown == "Risks-sized":
    st.subheader("Risks and who owns what")
    matrix, table = st.tabs(["Matrix", "Table"])
    with matrix:
        st.plotly_chart(go.Figure(go.Heatmap(z=[[i * j for i in range(5)] for j in range(5)])))
    for r in range(5):
        st.markdown(f"**Risk {r}**: what could happen, with *detail* and [a link](#)")
        st.markdown("Likelihood 3, impact 4; owned by Jo; review by 1 February 2027")
        for label in ("Add an action", "Change this risk", "A one-time code"):
            with st.expander(f"{label} for risk {r}"):
                st.write("Drawn only when open")
    st.expander("Add a risk").write("Drawn only when open")
    st.caption("A caption")
elif shown == "Meeting-sized":
    st.subheader("Multi-agency meetings")
    for f in range(11):
        with st.form(f"form{f}"):
            st.markdown(f"**Part {f}** of the meeting")
            for a in range(3 if f < 3 else 2):
                st.text_area(f"Words {f}.{a}", key=f"words{f}_{a}")
            st.text_input(f"Name {f}", key=f"name{f}")
            st.selectbox(f"Who {f}", ["One", "Two", "Three"], index=None, key=f"who{f}")
            if f < 7:
                st.date_input(f"By when {f}", value=None, key=f"when{f}")
            st.form_submit_button(f"Add part {f}")
    for x in range(4):
        st.expander(f"More {x}").write("Drawn only when open")
"""
"""What Streamlit itself takes to draw a section the size of the record's risks or meeting
section, with no server work: the same kinds and numbers of elements as the app's sections draw
(counted in Chromium at 1,366 px: the risks section 27 elements, 16 closed expanders, a chart
in tabs; the meetings section 90 elements, 11 forms, 25 text areas, 12 text fields, 11 select
boxes, 7 date fields), with made-up words."""
FLOOR_VERSUS = {
    "switch section (to risks)": "floor: draw a risks-sized section, no server work",
    "switch section (to meetings)": "floor: draw a meeting-sized section, no server work",
}
"""Each of the app's section switches beside the floor page's drawing of a section its size."""
FLOOR_SECTIONS = {
    "Risks-sized": "floor: draw a risks-sized section, no server work",
    "Meeting-sized": "floor: draw a meeting-sized section, no server work",
}
_RUNNING = (
    '[data-test-script-state="running"], [data-testid="stStatusWidgetRunningIcon"],'
    ' [data-testid="stStatusWidgetRunningManIcon"], [data-stale="true"],'
    ' [data-testid="stSkeleton"]'
)
BACKGROUND_TABS_RUN = [
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]
"""Two pages are open: neither may be slowed (timers held to once a second) while behind."""
_WATCH = """() => {
  if (window.__bench) return;
  window.__bench = {last: performance.now(), what: "", spoken: 0};
  const hidden = (el) => !el || !el.isConnected || el.getClientRects().length === 0
    || (el.offsetWidth <= 1 && el.offsetHeight <= 1);
  const unseen = (m) => {
    const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
    if (m.type === "attributes" && m.attributeName.startsWith("aria-")) return true;
    if (hidden(el)) return true;  // a screen reader's live region, a hidden description
    const nodes = [...m.addedNodes, ...m.removedNodes];
    return m.type === "childList" && nodes.length > 0
      && nodes.every((n) => n.nodeType === 1 && hidden(n));
  };
  new MutationObserver((changes) => {
    const now = performance.now();
    for (const m of changes) {
      if (unseen(m)) {
        window.__bench.spoken = now;  // for assistive technology only: nothing drawn
        continue;
      }
      const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
      window.__bench.last = now;
      window.__bench.what = m.type + " " + (m.attributeName || "") + " "
        + (el ? (el.getAttribute("data-testid") || el.tagName) : "");
    }
  }).observe(
    document.body, {subtree: true, childList: true, attributes: true, characterData: true});
}"""
_SETTLED = f"""(start) => !document.querySelector('{_RUNNING}')
    && performance.now() - Math.max(window.__bench.last, window.__bench.spoken) > {QUIET_MS}
    && (window.__bench.last > start || performance.now() - start > {NO_CHANGE_MS})"""


def settle(page: Any) -> None:
    page.evaluate(_WATCH)
    page.wait_for_function(_SETTLED, arg=0, timeout=TIMEOUT_MS, polling=50)


def timed_click(page: Any, target: Any, *, settled: bool = False) -> float:
    """Milliseconds from the click to the last change before the page settled (`settled`: the
    page was settled before whatever opened the target, such as a select box's list)."""
    if not settled:
        settle(page)
    target.wait_for()
    start = page.evaluate("() => performance.now()")
    target.click()
    page.wait_for_function(_SETTLED, arg=start, timeout=TIMEOUT_MS, polling=50)
    return max(0.0, float(page.evaluate("() => window.__bench.last")) - float(start))


def visible(page: Any, role: str, name: str) -> Any:
    return page.get_by_role(role, name=name, exact=True).locator("visible=true").first


def section(page: Any, name: str) -> Any:
    """The control that shows one section of the record, whatever its kind (a radio option is
    clicked by its label, as a person does: the input itself is hidden)."""
    exact = {"name": name, "exact": True}
    radio = page.locator('[data-testid="stRadio"] label').filter(
        has=page.get_by_role("radio", **exact)
    )
    return (
        radio.or_(page.get_by_role("tab", **exact))
        .or_(page.get_by_role("button", **exact))
        .or_(page.get_by_role("link", **exact))
        .first
    )


def open_list(page: Any, label: str) -> None:
    """Open a select box by its label, untimed (opening a list runs no script)."""
    settle(page)
    box = page.get_by_role("combobox", name=label, exact=True).locator("visible=true").first
    for _ in range(5):  # a focused box's click can toggle it shut: click only while shut
        if box.get_attribute("aria-expanded") != "true":
            box.click()
        try:
            page.get_by_role("option").first.wait_for(timeout=3_000)
            return
        except Exception:  # noqa: BLE001 - not open yet: try again
            settle(page)
    raise RuntimeError(f"the list {label!r} would not open")


def open_person(page: Any, name: str) -> float:
    """Choose the person in the caseload's picker: the timed click is the option's."""
    open_list(page, SELECTORS["person_picker"])
    page.keyboard.type(name)
    took = timed_click(page, page.get_by_role("option", name=name, exact=True), settled=True)
    page.get_by_role("heading", name=name, exact=True).wait_for()
    page.get_by_role("radiogroup", name=SELECTORS["section_control"]).wait_for()
    return took


def switch_section(page: Any, name: str) -> float:
    took = timed_click(page, section(page, name))
    if not page.get_by_role("radio", name=name, exact=True).is_checked():
        raise RuntimeError(f"the section {name!r} was not chosen")
    return took


def add_action(page: Any, text: str) -> dict[str, float]:
    """An action on the first risk: what (typed; leaving the field reruns the script, untimed),
    who from the circle (a timed click: choosing reruns it) and "Add action" (timed)."""
    body = page.locator(SELECTORS["section_body"])
    body.get_by_text(SELECTORS["action_expander"]).first.click()
    settle(page)
    visible(body, "textbox", SELECTORS["action_text"]).fill(text)
    page.keyboard.press("Tab")  # leaves the field, as the next click would: a rerun
    open_list(page, SELECTORS["action_owner"])
    owner = page.get_by_role("option", name=SELECTORS["action_owner_choice"], exact=True)
    picked = timed_click(page, owner, settled=True)
    took = timed_click(page, visible(body, "button", SELECTORS["action_submit"]))
    body.get_by_text(text).first.wait_for()
    return {"pick the action's owner (circle)": picked, "add an action to a risk": took}


def add_decision(page: Any, text: str) -> float:
    """A decision in one risk's section of the open meeting (a form: typing runs nothing)."""
    body = page.locator(SELECTORS["section_body"])
    heading = page.get_by_role("heading", name=SELECTORS["meeting_section"], exact=True)
    risk = body.locator('[data-testid="stVerticalBlock"]').filter(has=heading).last
    risk.get_by_role("textbox", name=SELECTORS["decision_text"], exact=True).fill(text)
    took = timed_click(page, visible(risk, "button", SELECTORS["decision_submit"]))
    risk.get_by_text(text).first.wait_for()
    return took


def _journey(page: Any, n: int, name: str, bare_click: Any) -> dict[str, float]:
    """One run of the practitioner's clicks on one person, the bare page clicked between."""
    got = {"open a person (picker)": open_person(page, name)}
    got["switch section (to risks)"] = switch_section(page, SELECTORS["risks_section"])
    bare_click()
    got |= add_action(page, f"Ring Jo, run {n} {time.time()}")
    got["switch section (to meetings)"] = switch_section(page, SELECTORS["meetings_section"])
    bare_click()
    got["add a decision in the meeting"] = add_decision(page, f"Agreed, run {n} {time.time()}")
    return got


def _people_with_open_meetings(data_dir: Path, runs: int) -> list[str]:
    store = open_store(Settings.from_env({"RISK_APP_DATA_DIR": str(data_dir)}))
    with store.read() as session:
        north = session.scalar(select(TeamRow.id).where(TeamRow.name == factories.NORTH))
        names = list(
            session.scalars(
                select(PersonRow.display_name)
                .join(MeetingRow, MeetingRow.person_id == PersonRow.id)
                .where(
                    PersonRow.team_id == north,
                    MeetingRow.status == "open",
                    PersonRow.display_name.like("Person %"),
                )
                .distinct()
                .order_by(PersonRow.display_name)
                .limit(runs)
            )
        )
    store.dispose()
    return names


def _figures(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "runs": len(times),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(ordered[max(0, round(len(ordered) * 0.95) - 1)], 1),
    }


def _serve_page(
    stack: ExitStack, data_dir: Path, name: str, script: str, flags: dict[str, str]
) -> str:
    """Serve a one-file Streamlit page with the app's server flags from this Python; its URL."""
    import subprocess

    from tests.browser.conftest import free_port

    port = free_port()
    path = data_dir / f"{name}.py"
    path.write_text(script)
    log = stack.enter_context((data_dir / f"{name}.log").open("wb"))
    served = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(path)]
        + [f"--{k}={v}" for k, v in {**flags, "server.port": str(port)}.items()],
        cwd=data_dir,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    stack.callback(served.wait, 10)
    stack.callback(served.terminate)
    return f"http://127.0.0.1:{port}"


def measure(people_count: int, runs: int) -> dict[str, Any]:
    from risk_app.cli.serve import SERVER_FLAGS
    from tests.browser.conftest import PASSWORDS, free_port, start_server, wait_healthy
    from tests.browser.helpers import sign_in, wait_for_app
    from tests.chromium import CHROMIUM, CHROMIUM_ARGS

    if CHROMIUM is None:
        raise SystemExit("No Chromium: apt-get install -y chromium (or set RISK_APP_CHROMIUM).")
    from playwright.sync_api import sync_playwright

    data_dir = Path(tempfile.mkdtemp(prefix="risk-app-clicks-"))
    store = open_store(Settings.from_env({"RISK_APP_DATA_DIR": str(data_dir)}))
    seeded = bulk.seed(store, people=people_count)
    store.dispose()
    print(
        f"seeded {seeded.people:,} people, {seeded.counts['risks']:,} risks in "
        f"{seeded.seconds:.1f} s"
    )
    names = _people_with_open_meetings(data_dir, runs + 1)
    times: dict[str, list[float]] = {}
    with ExitStack() as stack:
        app_port = free_port()
        app = start_server(data_dir, app_port)
        stack.callback(app.wait, 10)
        stack.callback(app.terminate)
        app_url = f"http://127.0.0.1:{app_port}"
        bare_url = _serve_page(stack, data_dir, "bare", BARE_PAGE, SERVER_FLAGS)
        floor_url = _serve_page(stack, data_dir, "floor", FLOOR_PAGE, SERVER_FLAGS)
        for url in (app_url, bare_url, floor_url):
            wait_healthy(url)
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS + BACKGROUND_TABS_RUN
        )
        stack.callback(browser.close)
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        page, bare_page, floor_page = (context.new_page() for _ in range(3))
        for each in (page, bare_page, floor_page):
            each.set_default_timeout(TIMEOUT_MS)
        bare_page.goto(bare_url)
        bare_page.get_by_text("Clicked 0 times").wait_for()
        settle(bare_page)
        floor_page.goto(floor_url)
        floor_page.get_by_text("Floor page").wait_for()
        settle(floor_page)
        sign_in(page, app_url, "practitioner", PASSWORDS["practitioner"])
        page.get_by_role("link", name=SELECTORS["people_page"]).first.click()
        wait_for_app(page)

        clicked = [0]

        def bare_click() -> None:
            """The bare page's button, clicked as the app's are; its counter must go up."""
            bare_page.bring_to_front()
            button = bare_page.get_by_role("button", name=SELECTORS["bare_button"])
            took = timed_click(bare_page, button)
            clicked[0] += 1
            bare_page.get_by_text(f"Clicked {clicked[0]} times").wait_for(timeout=10_000)
            times.setdefault("bare page: click a button", []).append(took)
            floor_page.bring_to_front()
            for shown, label in FLOOR_SECTIONS.items():
                times.setdefault(label, []).append(
                    timed_click(floor_page, section(floor_page, shown))
                )
                timed_click(floor_page, section(floor_page, "Nothing"))
            page.bring_to_front()

        for n, name in enumerate(names):
            try:
                got = _journey(page, n, name, bare_click)
            except Exception:
                page.screenshot(path=str(data_dir / "failed.png"), full_page=True)
                print(f"failed; the page is in {data_dir / 'failed.png'}")
                raise
            if n:  # the first run warms up
                for label, ms in got.items():
                    times.setdefault(label, []).append(ms)
                print(f"  run {n}: " + ", ".join(f"{k} {v:.0f} ms" for k, v in got.items()))
            else:
                for label in ("bare page: click a button", *FLOOR_SECTIONS.values()):
                    times.pop(label, None)
    results = {label: _figures(values) for label, values in times.items()}
    base = results["bare page: click a button"]["median_ms"]
    baselines = ("bare page: click a button", *FLOOR_SECTIONS.values())
    journey = [v for label, values in times.items() if label not in baselines for v in values]
    results["practitioner journey: every click"] = _figures(journey)
    for figures in results.values():
        figures["x_bare"] = round(figures["median_ms"] / base, 1) if base else None
    return {"people": seeded.people, "clicks": results}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    figures = measure(args.people, args.runs)
    results = figures["clicks"]
    width = max(len(label) for label in results)
    print(f"{'click'.ljust(width)}  median     p95   x bare")
    for label, f in results.items():
        print(
            f"{label.ljust(width)}  {f['median_ms']:6.0f}  {f['p95_ms']:6.0f}  {f['x_bare']:6.1f}"
        )
    ratio = results["practitioner journey: every click"]["x_bare"]
    print(f"journey median / bare page median: {ratio}x (target <= 2x)")
    for click, floor in FLOOR_VERSUS.items():
        times = results[click]["median_ms"] / results[floor]["median_ms"]
        print(f"{click} / {floor}: {times:.1f}x")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
