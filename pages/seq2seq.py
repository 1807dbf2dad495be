"""Sequence to sequence: an encoder-decoder LSTM translates numerals and dates; attention shows its alignment."""

import streamlit as st

from lstm_core.serving.assets import AssetError
from lstm_core.seq2seq.tasks import TASKS
from lstm_core.ui import seq2seq_page as page
from lstm_core.ui.i18n import long_text, reason_of, t
from lstm_core.ui.seq2seq_training import training_section
from lstm_core.ui.server_setup import through_the_app

through_the_app()  # first: on a fresh server a page may be run without app.py (see the function)

st.title(t("seq2seq.title"))
st.markdown(t("seq2seq.intro"))

st.session_state.setdefault("seq2seq_task", page.TASK_NAMES[0])
st.session_state.setdefault("seq2seq_text", TASKS[st.session_state["seq2seq_task"]].example)
left, right = st.columns([1, 2])
task = left.radio(t("seq2seq.task"), page.TASK_NAMES, format_func=lambda name: t(f"seq2seq.task.{name}"),
                  key="seq2seq_task", on_change=page.use_example, help=t("seq2seq.task_help"))
examples = TASKS[task].examples
right.selectbox(t("seq2seq.example"), range(len(examples)), format_func=lambda k: examples[k],
                key=f"seq2seq_example_{task}", on_change=page.use_example, help=t("seq2seq.example_help"))
text = st.text_input(t("seq2seq.text"), key="seq2seq_text", max_chars=500, help=t("seq2seq.text_help"))

try:
    models = page.shipped(task)
except AssetError as error:
    st.error(t("seq2seq.model_missing", reason=reason_of(error)))
    models = None

tabs = st.tabs([t(f"seq2seq.tab.{name}") for name in ("translate", "step", "compare", "forcing", "beam", "train")])
if models is not None:
    results = models["attention"].results
    decoding = page.decode_or_say(models["attention"], text)
    if decoding is not None:
        with tabs[0]:
            page.translate_tab(models, page.own_translator(task), decoding, text)
        with tabs[1]:
            page.step_tab(models["attention"], decoding)
        with tabs[4]:
            page.beam_tab(results, models, text)
    with tabs[2]:
        page.compare_tab(results)
    with tabs[3]:
        page.teacher_forcing_tab(results, models, text)
with tabs[5]:
    training_section()

st.info(f"**{t('common.try_next')}:** {t('seq2seq.try_next')}")
with st.expander(t("seq2seq.about")):
    st.markdown(long_text("seq2seq_about"))
