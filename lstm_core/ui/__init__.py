"""The one part of lstm_core that imports Streamlit: each page's session, caches and widgets.

A page's module is `<page>_page.py` (pages/<page>.py imports it `as page`); its other
modules start with the page's name (`sentiment_training`, `practical_cost`, ...). Shared
parts: `i18n` and `style` (language, layout, classroom mode), `loaders` (shipped models
from `lstm_core.serving.catalogue`, once per server), `live_training` (the one training
queue and its progress display), `session_models` (a session's own models for Gates).
"""
