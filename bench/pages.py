"""Page script run times with a large organisation: 10,000 people and 50,000 risks.

  .venv/bin/python bench/pages.py [--people 10000] [--risks-per-person 5] [--runs 7]
                                  [--upload-cases 100000]

People are spread over teams of 250 (a realistic caseload); the practitioner's team is one of them.
Each person has an assessment with five risks and two owned actions. Times are AppTest script runs
(the server-side work of one page view), median of --runs after a warm-up. Target: under 200 ms.
The case audit page is timed once its audit of every recorded journey has run (the run itself,
one click, is printed too), and so is a lead's upload of a synthetic event log of
--upload-cases cases (with planted deviations) through the page.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select

from risk_app.adapters.tables import (
    ActionRow,
    PersonRow,
    RiskAssessmentRow,
    RiskRow,
    TeamRow,
)
from risk_app.config import Settings
from risk_app.services import demo
from risk_app.services import framework as framework_service
from risk_app.services.bootstrap import open_store

TEAM_SIZE = 250


def populate(data_dir: Path, people: int, risks_per_person: int) -> None:
    store = open_store(Settings.from_env({"RISK_APP_DATA_DIR": str(data_dir)}))
    demo.load(store)
    now = datetime.now(UTC)
    version = framework_service.version()
    stages = [s.id for s in framework_service.current().stages()]
    with store.write() as session:
        north = session.scalar(select(TeamRow.id).where(TeamRow.name == demo.NORTH))
        teams = [north] + [
            session.execute(
                insert(TeamRow).values(name=f"Bench team {n}", version_id=1)
            ).inserted_primary_key[0]
            for n in range(people // TEAM_SIZE)
        ]
        person_rows = [
            {
                "display_name": f"Person {n:05d}",
                "preferred_name": "",
                "team_id": teams[n // TEAM_SIZE % len(teams)],
                "jurisdiction": "england",
                "current_stage": stages[n % len(stages)],
                "framework_version": version,
                "created_at": now,
                "updated_at": now,
                "communication": "",
                "about_me": {},
                "representative_name": "",
                "representative_authority": "none",
                "budget_option": "",
                "direct_payment_start": None,
                "version_id": 1,
            }
            for n in range(people)
        ]
        session.execute(insert(PersonRow), person_rows)
        ids = list(
            session.scalars(select(PersonRow.id).where(PersonRow.display_name.like("Person %")))
        )
        session.execute(
            insert(RiskAssessmentRow),
            [
                {
                    "person_id": pid,
                    "stage": "ST3",
                    "framework_version": version,
                    "scale_name": "NHS 5x5",
                    "created_at": now,
                    "created_by": "bench",
                    "version_id": 1,
                }
                for pid in ids
            ],
        )
        assessments = dict(
            session.execute(select(RiskAssessmentRow.person_id, RiskAssessmentRow.id)).all()
        )
        session.execute(
            insert(RiskRow),
            [
                {
                    "assessment_id": assessments[pid],
                    "person_id": pid,
                    "activity": f"Activity {k}",
                    "benefits": "Benefit",
                    "harm_to_self": "",
                    "harm_to_others": "",
                    "harm_from_others": "",
                    "likelihood": 1 + k % 5,
                    "impact": 1 + (k * 2) % 5,
                    "person_view": "",
                    "person_likelihood": None,
                    "person_impact": None,
                    "strengths": "",
                    "residual_likelihood": None,
                    "residual_impact": None,
                    "abuse_types": [],
                    "created_at": now,
                    "updated_at": now,
                    "version_id": 1,
                }
                for pid in ids
                for k in range(risks_per_person)
            ],
        )
        session.execute(
            insert(ActionRow),
            [
                {
                    "person_id": pid,
                    "risk_id": None,
                    "description": "Follow up",
                    "owner_name": "Family",
                    "owner_kind": "family_or_friend",
                    "due": date.today() + timedelta(days=(pid % 60) - 30),
                    "status": "open",
                    "created_at": now,
                    "created_by": "bench",
                    "version_id": 1,
                }
                for pid in ids
                for _ in range(2)
            ],
        )
    store.dispose()


def time_page(
    page: str | None, runs: int, user: str = "practitioner", click: str = "", section: str = ""
) -> float:
    from streamlit.testing.v1 import AppTest

    from tests.ui.conftest import ENTRYPOINT, sign_in

    at = sign_in(AppTest.from_file(str(ENTRYPOINT), default_timeout=120), user)
    if page:
        at.switch_page(f"../../pages/{page}.py")
    at.run()  # warm-up
    if section:  # the first person of the caseload, at one section (the address says which)
        at.query_params["person"] = str(at.session_state["caseload_shown_ids"][0])
        at.query_params["section"] = section
        at.run()
    if click:  # e.g. run the case audit once, then time the page showing its results
        start = time.perf_counter()
        at.button(key=click).click().run()
        print(f"  {click}: {(time.perf_counter() - start) * 1000:.0f} ms (one click)")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    return statistics.median(times) * 1000


def time_upload(cases: int) -> None:
    """The lead uploads a synthetic event log of ``cases`` cases (with its mapping) on the case
    audit page and runs the audit: one click, from bytes in hand to the results drawn."""
    import csv
    import io

    from streamlit.testing.v1 import AppTest

    from framework import load_framework
    from risk_app.domain.assurance.synthetic_logs import LOG_HEADER, SyntheticLogs, mapping_rows
    from tests.ui.conftest import ENTRYPOINT, sign_in

    logs = SyntheticLogs(load_framework(), seed=7)
    events, mapping = io.StringIO(), io.StringIO()
    writer = csv.writer(events, lineterminator="\n")
    writer.writerow(LOG_HEADER)
    for case in logs.cases(cases):
        writer.writerows(case.rows)
    csv.writer(mapping, lineterminator="\n").writerows(mapping_rows(logs.mapping))
    data = events.getvalue().encode("utf-8")
    at = sign_in(AppTest.from_file(str(ENTRYPOINT), default_timeout=600), "lead")
    at.switch_page("../../pages/case_audit.py").run()
    at.radio(key="case_source").set_value("file").run()
    at.file_uploader(key="case_events").set_value(("events.csv", data, "text/csv"))
    at.file_uploader(key="case_mapping").set_value(
        ("mapping.csv", mapping.getvalue().encode("utf-8"), "text/csv")
    )
    at.run()
    start = time.perf_counter()
    at.button(key="case_run").click().run()
    took = time.perf_counter() - start
    assert not at.exception and not at.error, (at.exception, [e.value for e in at.error])
    print(
        f"case audit page, upload of {cases:,} cases ({len(data) / 1e6:.0f} MB): "
        f"{took:.1f} s from the click to the results drawn"
    )
    start = time.perf_counter()
    at.run()
    print(f"  the page with those results, rerun: {(time.perf_counter() - start) * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--risks-per-person", type=int, default=5)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--upload-cases", type=int, default=100_000)
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="risk-app-pages-"))
    os.environ["RISK_APP_DATA_DIR"] = str(data_dir)
    # AppTest cannot send cookies: each AppTest is a browser holding the cookie of its sign-in,
    # as in the UI tests (tests/ui/browser_cookie.py). The cookie is still checked on every run.
    from risk_app.ui import runtime
    from tests.ui.browser_cookie import BROWSER

    runtime.browser_cookie = BROWSER.sent_by_this_session  # type: ignore[assignment]
    os.environ.pop("RISK_APP_DATABASE_URL", None)
    started = time.perf_counter()
    populate(data_dir, args.people, args.risks_per_person)
    print(
        f"populated {args.people} people, {args.people * args.risks_per_person} risks "
        f"in {time.perf_counter() - started:.1f} s"
    )
    for label, page, user, click, section in (
        ("home (practitioner)", None, "practitioner", "", ""),
        ("home (team manager)", None, "manager", "", ""),
        ("home (safeguarding lead: counts across the organisation)", None, "lead", "", ""),
        ("people: the caseload table, no record open", "caseload", "practitioner", "", ""),
        ("people: one person, the risks section", "caseload", "practitioner", "", "risks"),
        ("people: one person, the meetings section", "caseload", "practitioner", "", "meetings"),
        ("framework map", "framework_map", "practitioner", "", ""),
        ("framework explorer", "framework_explorer", "lead", "", ""),
        (
            "case audit of every recorded journey, results shown",
            "case_audit",
            "lead",
            "case_run",
            "",
        ),
    ):
        ms = time_page(page, args.runs, user, click, section)
        print(f"{label}: median script run {ms:.0f} ms")
    if args.upload_cases:
        time_upload(args.upload_cases)


if __name__ == "__main__":
    main()
