"""Making LSTMs practical (the article's chapter 7): one tab per challenge."""

import streamlit as st

from lstm_core.ui.i18n import t
from lstm_core.ui.practical_after import after_tab
from lstm_core.ui.practical_cost import cost_tab
from lstm_core.ui.practical_explain import explain_tab
from lstm_core.ui.practical_generalize import generalize_tab, worked_case_tab
from lstm_core.ui.practical_order import order_tab
from lstm_core.ui.practical_pretrain import pretrain_tab
from lstm_core.ui.server_setup import through_the_app

through_the_app()  # first: on a fresh server a page may be run without app.py (see the function)

# (title key, function drawing the tab): a new tab is one more line here.
TABS = [
    ("practical.tab.cost", cost_tab), ("explain.tab.explain", explain_tab), ("explain.tab.order", order_tab),
    ("generalize.tab", generalize_tab), ("generalize.case.tab", worked_case_tab), ("after.tab", after_tab),
    ("pretrain.tab", pretrain_tab),
]

st.title(t("practical.title"))
for tab, (_, draw) in zip(st.tabs([t(key) for key, _ in TABS]), TABS):
    with tab:
        draw()
st.divider()
st.markdown(f"**{t('common.try_next')}:** {t('practical.try_next')}")
