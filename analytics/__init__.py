"""Đôn đốc analytics: import, store, queries, charts. Plain Python, no Streamlit."""
