"""The one part of lstm_core that imports Streamlit: sidebar, language, cached loaders."""
