"""LSTM Lab: the entry point. Registers the pages with st.navigation and draws Home."""

import streamlit as st

from lstm_core.gates import cell_diagram
from lstm_core.ui.gates_step import diagram_font, diagram_labels
from lstm_core.ui.i18n import long_text, t
from lstm_core.ui.loaders import single_thread_blas
from lstm_core.ui.server_setup import set_up_server
from lstm_core.ui import control_help, glossary, quiz
from lstm_core.ui import lessons_page as lessons
from lstm_core.ui.style import classroom, sidebar_switches, take_link_choices

st.set_page_config(page_title="LSTM Lab", page_icon="🧠", layout="wide")


def where_to_start() -> None:
    """Right under the title, on the first screen of a projector: the three ways in."""
    with st.container(border=True):
        st.markdown(t("home.start"))
        for column, page in zip(st.columns(3), ("lessons", "why", "gates")):
            column.page_link(next(p for p in PAGES if p.url_path == page), width="stretch")


def home() -> None:
    st.title(t("home.title"))
    where_to_start()
    st.markdown(long_text("home_intro"))
    st.graphviz_chart(cell_diagram.cell_dot(diagram_labels(), font=diagram_font()), width="stretch")
    st.caption(t("home.diagram_caption"))
    st.subheader(t("home.equations"))
    names = {f: t(f"gates.field.{f}") for f in ("input_gate", "forget_gate", "candidate", "output_gate", "cell", "hidden")}
    st.latex(
        r"""\begin{aligned}
i_t &= \sigma(W_i x_t + U_i h_{t-1} + b_i) && \text{%(input_gate)s}\\
f_t &= \sigma(W_f x_t + U_f h_{t-1} + b_f) && \text{%(forget_gate)s}\\
g_t &= \tanh(W_g x_t + U_g h_{t-1} + b_g) && \text{%(candidate)s}\\
o_t &= \sigma(W_o x_t + U_o h_{t-1} + b_o) && \text{%(output_gate)s}\\
c_t &= f_t \odot c_{t-1} + i_t \odot g_t && \text{%(cell)s}\\
h_t &= o_t \odot \tanh(c_t) && \text{%(hidden)s}
\end{aligned}"""
        % names
    )
    st.caption(t("home.weights_note"))
    st.info(t("home.article_note"))
    st.subheader(t("home.map"))
    st.markdown(long_text("home_map"))
    per_row = 3 if classroom() else 5  # in classroom type, five names a row would each wrap into two or three lines
    for first in range(1, len(PAGES), per_row):
        for column, page in zip(st.columns(per_row), PAGES[first:first + per_row]):
            column.page_link(page, width="stretch")


take_link_choices()  # first: a link's ?lang= must already name the pages below
PAGES = [
    st.Page(home, title=t("common.page.home"), icon=":material/home:", default=True, url_path="home"),
    st.Page("pages/why.py", title=t("common.page.why"), icon=":material/help:", url_path="why"),
    st.Page("pages/tokens.py", title=t("common.page.tokens"), icon=":material/translate:", url_path="tokens"),
    st.Page("pages/sentiment.py", title=t("common.page.sentiment"), icon=":material/sentiment_satisfied:", url_path="sentiment"),
    st.Page("pages/forecast.py", title=t("common.page.forecast"), icon=":material/timeline:", url_path="forecast"),
    st.Page("pages/generate.py", title=t("common.page.generate"), icon=":material/edit_note:", url_path="generate"),
    st.Page("pages/gates.py", title=t("common.page.gates"), icon=":material/biotech:", url_path="gates"),
    st.Page("pages/practical.py", title=t("common.page.practical"), icon=":material/speed:", url_path="practical"),
    st.Page("pages/gan.py", title=t("common.page.gan"), icon=":material/compare_arrows:", url_path="gan"),
    st.Page("pages/tagging.py", title=t("common.page.tagging"), icon=":material/label:", url_path="tagging"),
    st.Page("pages/seq2seq.py", title=t("common.page.seq2seq"), icon=":material/swap_horiz:", url_path="seq2seq"),
    st.Page("pages/lessons.py", title=t("common.page.lessons"), icon=":material/school:", url_path="lessons"),
    st.Page("pages/glossary.py", title=t("common.page.glossary"), icon=":material/menu_book:", url_path="glossary"),
]

single_thread_blas()
set_up_server()  # no Keras clear after every run (see the module)
lessons.take_link()
sidebar_switches()
page = st.navigation(PAGES, expanded=True)  # every page listed: past ten, Streamlit would hide the rest behind "View more"
glossary.start_page(lessons.page_name(page))  # before anything the page shows
lessons.enter_step(page, {lessons.page_name(p): p for p in PAGES})
lessons.panel(page)
page.run()

control_help.show(lessons.page_name(page))
glossary.terms_here(lessons.page_name(page), expanded=classroom())
quiz.show(lessons.page_name(page))
