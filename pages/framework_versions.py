"""Framework versions: upload a revised framework, read how it differs, and activate it."""

from __future__ import annotations

import streamlit as st

from risk_app.domain.access import Page
from risk_app.services import framework as framework_service
from risk_app.ui import framework_views, guard, runtime

actor = guard.require(Page.FRAMEWORK_VERSIONS)
store = runtime.store()
graph = framework_service.current()  # the entrypoint refreshed it for this run
info = framework_service.current_info()
uploads = framework_service.versions(store, actor)

st.title("Framework versions", anchor=False)
st.write(
    "Every new record is made under the framework version in use. Upload a revised framework "
    "file to see how it differs, then activate it. Records made earlier keep the version they "
    "were made under, and you can go back to an earlier upload at any time."
)
framework_views.show_notice()

st.header("The version in use", anchor=False)
broken = framework_service.unusable_active_version()
if broken is not None:
    st.error(
        f"Upload {broken} was activated but no longer passes the framework checks (they have "
        f"grown stricter since), so the app goes on using version {graph.version}. Activate a "
        "version that passes, or upload a corrected file."
    )
framework_views.render_in_use(graph, info, uploads)

st.header("Upload a revised framework", anchor=False)
uploaded = st.file_uploader(
    "Framework file (YAML)",
    type=["yaml", "yml"],
    key="versions_file",
    max_upload_size=5,  # megabytes; the packaged framework is under 100 kB
)
if uploaded is not None and st.session_state.get(framework_views.UPLOADED_FILE) != uploaded.file_id:
    new_id = framework_views.upload(store, actor, uploaded.name, uploaded.getvalue())
    if new_id is not None:
        st.session_state[framework_views.UPLOADED_FILE] = uploaded.file_id
        st.session_state[framework_views.VIEW] = new_id
        uploads = framework_service.versions(store, actor)

st.header("Review and activate an upload", anchor=False)
if uploads:
    by_id = {u.id: u for u in uploads}
    chosen = st.selectbox(
        "Upload to review",
        list(by_id),
        format_func=lambda i: framework_views.upload_label(by_id[i]),
        key=framework_views.VIEW,
    )
    framework_views.review(store, actor, by_id[chosen], info)
else:
    st.info("Nothing has been uploaded yet: the framework packaged with the app is in use.")

st.header("Every uploaded version", anchor=False)
st.dataframe(framework_views.version_rows(uploads), hide_index=True, width="stretch")
