"""Đôn đốc: the entry point. Page configuration, language, navigation; each page draws itself.

Run with:  streamlit run app.py   (the database is $DONDOC_DB, default data/dondoc.duckdb;
a new, empty database is filled with the bundled synthetic sample).
"""

import streamlit as st

from pages.auth import sign_in, user_box
from pages.common import carry_view, language_selector, open_deep_link, remember_access, remember_view, tr

st.set_page_config(page_title="Đôn đốc", page_icon=":material/assignment_late:", layout="wide")

language_selector()
# Pages a guest does not get: they list tasks or name officers (analytics.access refuses those queries too).
DETAIL_PAGES = {"briefing", "officers", "reminders", "transfers"}
ADMIN_PAGES = {"import_data", "units", "admin"}
pages = [
    st.Page("pages/overview.py", title=tr("nav.overview"), icon=":material/monitoring:",
            url_path="overview", default=True),
    st.Page("pages/explore.py", title=tr("nav.explore"), icon=":material/query_stats:", url_path="explore"),
    st.Page("pages/present.py", title=tr("nav.present"), icon=":material/slideshow:", url_path="present"),
    st.Page("pages/briefing.py", title=tr("nav.briefing_short"), icon=":material/record_voice_over:",
            url_path="briefing"),
    st.Page("pages/period.py", title=tr("nav.period_short"), icon=":material/table_view:", url_path="period"),
    st.Page("pages/officers.py", title=tr("nav.officers"), icon=":material/badge:", url_path="officers"),
    st.Page("pages/evaluation.py", title=tr("nav.evaluation"), icon=":material/grading:", url_path="evaluation"),
    st.Page("pages/reminders.py", title=tr("nav.reminders"), icon=":material/notifications_active:",
            url_path="reminders"),
    st.Page("pages/transfers.py", title=tr("nav.transfers"), icon=":material/move_up:", url_path="transfers"),
    st.Page("pages/causes.py", title=tr("nav.causes"), icon=":material/troubleshoot:", url_path="causes"),
    # The URL path matches the file name: on a server's very first request Streamlit still checks links
    # against the files in pages/, and /import would get a "page not found" notice.
    st.Page("pages/import_data.py", title=tr("nav.import"), icon=":material/upload_file:", url_path="import_data"),
    st.Page("pages/units.py", title=tr("nav.units"), icon=":material/account_tree:", url_path="units"),
    st.Page("pages/admin.py", title=tr("nav.admin_short"), icon=":material/admin_panel_settings:", url_path="admin"),
]
access, account = sign_in(pages)  # the sign-in page stops here until someone has signed in
remember_access(access)
user_box(access, account)
if not access.sees_details:
    pages = [page for page in pages if page.url_path not in DETAIL_PAGES]
if not access.may_change_data:
    pages = [page for page in pages if page.url_path not in ADMIN_PAGES]
navigation = st.navigation(pages, position="top")
open_deep_link()
carry_view(navigation)
try:
    navigation.run()
finally:  # also when the page stops early (st.stop) or reruns
    remember_view()
