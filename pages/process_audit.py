"""Process alignment: does our local SDS process link into safeguarding at the stages where the
framework graph places each touchpoint (our synthesis unless marked as the framework's own text)?"""

from __future__ import annotations

import streamlit as st

from risk_app.domain.access import Page
from risk_app.domain.assurance.local_process import LocalProcessError
from risk_app.domain.errors import InvalidInput
from risk_app.services import framework as framework_service
from risk_app.services.assurance import process_audit
from risk_app.ui import guard, runtime, text
from risk_app.ui.assurance import board_report_views, process_views
from risk_app.ui.text import show_error

actor = guard.require(Page.PROCESS_AUDIT)
store = runtime.store()
graph = framework_service.current()

st.title("Process alignment", anchor=False)
text.show(
    "Set your council's own Self-Directed Support process against the framework in use "
    f"({graph.title}, version {graph.version}): for each framework "
    "stage, which safeguarding touchpoints your process covers, which are missing, which are done "
    "at a different stage (misplaced), and what you do of your own. The file formats are described "
    "in docs/process-audit.md, with examples."
)

how = st.radio(
    "How to describe your process",
    ["file", "table"],
    format_func=lambda h: {
        "file": "Upload a file (YAML or CSV)",
        "table": "Type it into a table",
    }[h],
    key="process_how",
)

origin = process_views.origin_choice()

if how == "file":
    upload = st.file_uploader(
        "Local process file", type=["yaml", "yml", "csv"], key="process_file", max_upload_size=1
    )
    left, right = st.columns(2)
    compare = left.button("Compare with the framework", key="process_compare", type="primary")
    to_table = right.button("Open this file in the table", key="process_to_table")
    if (compare or to_table) and upload is None:
        st.error("Choose a file first.")
    elif upload is not None and (compare or to_table):
        try:
            if compare:
                process_views.keep(
                    process_audit.audit_upload(
                        store, actor, upload.getvalue(), upload.name, origin=origin
                    )
                )
            else:
                process_views.load_rows(
                    process_audit.rows_from_upload(upload.getvalue(), upload.name)
                )
                st.success("The file is now in the table: choose Type it into a table to edit it.")
        except LocalProcessError as exc:
            if compare:  # an earlier report is not left under a file that failed
                process_views.forget()
            process_views.problems(exc.problems, f"{upload.name} has")
        except InvalidInput as exc:  # not readable as text, or an unknown file type
            if compare:
                process_views.forget()
            show_error(exc)
else:
    process_views.remembered("process_title", "Local process")
    process_views.remembered("process_org")
    title = st.text_input("Name of your process", key="process_title", max_chars=200)
    organisation = st.text_input("Organisation (optional)", key="process_org", max_chars=200)
    process_views.remember("process_title", title)
    process_views.remember("process_org", organisation)
    st.write(
        "One row per local stage and touchpoint it carries out; repeat the local stage name for "
        "each further touchpoint or check. Add rows at the bottom of the table; to remove one, "
        "select it and press Delete."
    )
    rows = process_views.editor()
    left, right = st.columns(2)
    if left.button("Compare with the framework", key="process_compare_table", type="primary"):
        try:
            process_views.keep(
                process_audit.audit_rows(
                    store,
                    actor,
                    rows,
                    title=title,
                    organisation=organisation or None,
                    origin=origin,
                )
            )
        except LocalProcessError as exc:
            process_views.forget()
            process_views.problems(exc.problems, "The table has")
    if right.button("Start again from the framework's stages", key="process_reset"):
        process_views.load_rows(process_audit.starter_rows())
        st.rerun()
    process_views.editor_downloads(rows, title, organisation or None)

report = board_report_views.latest_alignment()
if report is not None:
    process_views.show(store, actor, report)
board_report_views.section(store, actor, "process")
