"""Sequence labelling: a character BiLSTM segments and tags Chinese, beside jieba and a CRF."""

import streamlit as st

from lstm_core.serving.assets import AssetError
from lstm_core.tagging.corpus import text_of
from lstm_core.text.inputs import EmptyText, clean
from lstm_core.ui import tagging_page as page
from lstm_core.ui.i18n import long_text, t
from lstm_core.ui.style import input_notices
from lstm_core.ui.server_setup import through_the_app

through_the_app()  # first: on a fresh server a page may be run without app.py (see the function)

MAX_CHARS = 200  # four rows of chips and a strip stay readable; the core itself reads up to 20,000
EXAMPLES = (
    "研究生命起源",  # 研究生 is a word, but here 生命 is: only the characters to the right tell
    "结婚的和尚未结婚的",  # 和尚 (monk) or 和 / 尚未 (and / not yet)?
    "南京市长江大桥",
    "李小福是创新办主任也是云计算方面的专家",  # names and new words no dictionary has
    "我用iPhone 15拍了3张照片😀，１２月３１日发货",  # Latin, digits, emoji, full-width forms
)
WHY_EXAMPLES = EXAMPLES[:2]

st.title(t("tagging.title"))
st.markdown(long_text("tagging_intro"))
try:
    page.load_models()
except AssetError as error:
    page.missing(error)
    st.stop()

tests = {text_of(page.test_sentences()[i]) for i in page.gallery_indices()}
options = list(EXAMPLES) + sorted(tests)


def use_example() -> None:
    st.session_state["tagging_text"] = st.session_state["tagging_example"]


st.session_state.setdefault("tagging_text", EXAMPLES[0])
st.selectbox(t("tagging.example"), options, key="tagging_example", on_change=use_example, help=t("tagging.example_help"),
             format_func=lambda text: t("tagging.from_test", text=text) if text in tests else text)
raw = st.text_area(t("tagging.text"), key="tagging_text", height=80, help=t("tagging.text_help", limit=MAX_CHARS))
try:
    user = clean(raw, MAX_CHARS)
except EmptyText:
    st.warning(t("common.empty_text"))
    user = None
if user is not None:
    input_notices(user)
    st.subheader(t("tagging.side_by_side"))
    page.side_by_side(user.text)
    st.subheader(t("tagging.sees"))
    st.caption(t("tagging.strip_caption"))
    bi, forward = page.taggers()
    page.strip(bi, user.text, t("tagging.strip_title.bilstm"), "tagging_strip_bi")
    st.subheader(t("tagging.tags_title"))
    page.tagged(user.text)
    st.subheader(t("tagging.why_title"))
    st.markdown(long_text("tagging_bidirectional"))
    page.strip(forward, user.text, t("tagging.strip_title.lstm_forward"), "tagging_strip_forward")
    page.why_bidirectional(WHY_EXAMPLES)

st.subheader(t("tagging.measured"))
page.comparison_table()
with st.expander(t("tagging.per_tag")):
    page.per_tag_table()
st.subheader(t("tagging.gallery"))
method = st.radio(t("tagging.gallery_method"), list(page.card().detail("gallery")), horizontal=True, key="tagging_gallery_method",
                  format_func=lambda m: t(f"tagging.method.{m}"), help=t("tagging.gallery_method_help"))
page.gallery(method)
st.info(f"**{t('common.try_next')}:** {t('tagging.try_next')}")
with st.expander(t("tagging.about")):
    st.markdown(long_text("tagging_about"))

st.header(t("tagging.train_title"))
page.training_section()
