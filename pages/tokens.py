"""Tokenization and embeddings: from raw text to what an LSTM eats, in Chinese and English."""

import streamlit as st

from lstm_core.embeddings import embedding_plots as plots
from lstm_core.embeddings import projection, word_vectors
from lstm_core.serving.assets import AssetError
from lstm_core.text import segmentation as text, tfidf
from lstm_core.ui import tokens_page as page
from lstm_core.ui.i18n import literal, long_text, reason_of, t
from lstm_core.ui.style import chart, table as show_table
from lstm_core.ui.tokens_word2vec import training_step
from lstm_core.ui.server_setup import through_the_app

through_the_app()  # first: on a fresh server a page may be run without app.py (see the function)

SEGMENT_LIMIT = 5_000  # characters shown as chips
EXAMPLES = [
    "人工智能正在改变世界，它将带来巨大的机会和挑战。",  # the article's sentence
    "李小福是创新办主任也是云计算方面的专家",  # an unseen name (HMM) and two compounds (user words)
    "我用iPhone 15拍了3张照片😀，GPT-4也很强",  # mixed scripts, digits, emoji
    "I don't trust Google's self-driving cars!! #driverless @bob 😀",
]
CUSTOM = {
    "zh": "北京 上海 广州 东京 伦敦 经济 金融 贸易 足球 篮球 比赛 医生 教师 工人 春节 元旦",
    "en": "car cars driverless google flight flights delayed cancelled good great bad terrible love hate phone",
}
PROBE = {"zh": "经济", "en": "flight"}
MAP_WORDS = 40  # words on the map at first: enough to see clusters, few enough that their labels can be read
ANALOGY = {"zh": ("山东", "济南", "郑州"), "en": ("better", "good", "bad")}  # a − b + c; both come out right


def segmentation() -> None:
    """Step 1: jieba's three modes as chips, HMM, user words, POS tags, keywords, English rule."""
    example = st.selectbox(**page.ask("seg.example"), options=EXAMPLES, key="tokens_example")
    raw = st.text_area(**page.ask("seg.text"), value=example, key=f"tokens_text_{EXAMPLES.index(example)}")
    left, right = st.columns([1, 2])
    hmm = left.toggle(**page.ask("seg.hmm"), value=True, key="tokens_hmm")
    words_raw = right.text_input(**page.ask("seg.user_words"), key="tokens_user_words", placeholder="创新办, 云计算")
    user_words = text.normalize_user_words(words_raw.replace("，", ",").replace(",", " ").split())
    st.session_state["tokens_words"] = user_words  # this session's words, reused by training below
    value = page.user_text(raw, SEGMENT_LIMIT)
    if value is not None:
        columns = st.columns(3)
        for column, mode in zip(columns, text.MODES):
            column.markdown(f"**{t(f'tokens.mode.{mode}')}** · {t(f'tokens.mode.{mode}_help')}")
            column.markdown(page.chips(text.segment(value, mode, hmm, user_words), frozenset(user_words)), unsafe_allow_html=True)
        if text.cjk_share(value) < 0.2:
            st.info(t("tokens.seg.looks_english"))
        st.markdown(f"**{t('tokens.seg.english')}**")
        st.markdown(page.chips(text.english_tokens(value)), unsafe_allow_html=True)
        if text.cjk_share(value) >= 0.2:
            st.caption(t("tokens.seg.english_on_chinese"))
        with st.expander(t("tokens.seg.english_rule")):
            st.markdown(long_text("tokens_english"))
            st.code(text.ENGLISH_RULE.pattern, language="text", wrap_lines=True)  # no sideways scroll on a projector
        page.tags_and_keywords(value, hmm, user_words)
    st.markdown(long_text("tokens_segmentation"))


def numbers() -> None:
    """Step 2: ids with padding, bag-of-words and TF-IDF for a few documents."""
    docs_raw = st.text_area(**page.ask("num.docs"), value="狗咬人\n人咬狗\n我爱自然语言处理\n自然语言处理很有趣，我爱它", key="tokens_docs")
    docs_text = page.user_text(docs_raw, SEGMENT_LIMIT)
    documents = [line.strip() for line in (docs_text or "").splitlines() if line.strip()][:12]
    if documents:
        analyzer = tfidf.mixed_analyzer(st.session_state.get("tokens_words", ()))
        length = st.slider(**page.ask("num.length"), min_value=1, max_value=20, value=6, key="tokens_pad_length")
        table = tfidf.id_table([analyzer(d) for d in documents], length)
        st.markdown(f"**{t('tokens.num.ids')}** · {t('tokens.num.vocab_size', size=len(table.vocabulary))}")
        show_table(table.frame())
        labels = [f"{i + 1}. {d[:12]}" for i, d in enumerate(documents)]
        axes = (t("tokens.axis.term"), t("tokens.axis.document"))
        st.markdown(f"**{t('tokens.num.bow')}**")
        chart(plots.term_heatmap(tfidf.bag_of_words(documents, analyzer).frame(labels), axes, "d"), key="tokens_bow")
        st.markdown(f"**{t('tokens.num.tfidf')}**")
        weights = tfidf.tfidf(documents, analyzer).frame(labels)
        chart(plots.term_heatmap(weights, axes), key="tokens_tfidf")
        csv = weights.to_csv().encode("utf-8")
        st.download_button(t("common.download_csv"), csv, "tfidf.csv", key="tokens_tfidf_csv", help=t("tokens.csv_help"))
        for first, second in tfidf.same_bag_pairs(documents, analyzer):
            st.info(t("tokens.num.same_bag", a=literal(first), b=literal(second)))
    st.markdown(long_text("tokens_numbers"))


def vectors() -> None:
    """Step 3: maps, neighbours and analogies on shipped or session-trained vectors."""
    sources = ["zh", "en"] + (["mine"] if st.session_state.get(page.USER_VECTORS) else [])
    source = st.radio(**page.ask("vec.source"), options=sources, format_func=page.named("vec.source"), horizontal=True, key="tokens_source")
    try:
        kv = page.vectors_for(source)
    except AssetError as error:  # the other steps, and the other language, keep working
        st.error(t("tokens.vec.missing", reason=reason_of(error)))
        return
    mode = st.radio(**page.ask("vec.set"), options=["top", "custom"], format_func=page.named("vec.set"), horizontal=True, key="tokens_set_mode")
    c1, c2, c3, c4 = st.columns(4)
    method = c1.segmented_control(
        **page.ask("vec.method"), options=["pca", "tsne"], default="pca", format_func=page.named("vec.method"), key="tokens_method"
    ) or "pca"
    dims = c2.segmented_control(**page.ask("vec.dims"), options=[2, 3], default=2, format_func="{}D".format, key="tokens_dims") or 2
    perplexity = c3.slider(**page.ask("vec.perplexity"), min_value=2, max_value=50, value=15, key="tokens_perplexity", disabled=method != "tsne")
    seed = c4.number_input(t("common.seed"), 0, 10_000, 0, key="tokens_seed", help=t("common.seed_help"))
    content = st.toggle(**page.ask("vec.content_only"), value=True, key="tokens_content_only")
    if mode == "top":
        top_n = st.slider(**page.ask("vec.top_n"), min_value=5, max_value=min(1000, len(kv)), value=min(MAP_WORDS, len(kv)), key=f"tokens_top_n_{source}")
        pool = page.content_words(page.source_key(source), kv) if content else kv.index_to_key
        words = pool[:top_n]
    else:
        custom = st.text_input(**page.ask("vec.custom"), value=CUSTOM.get(source, ""), key=f"tokens_custom_{source}")
        words = page.custom_words(kv, custom, source)
    search = st.text_input(t("tokens.vec.search"), key=f"tokens_search_{source}", help=t("tokens.vec.search_help")).strip()
    if search and search not in kv.key_to_index:
        page.unknown(word_vectors.UnknownWords({search: page.closer(source)(kv, search)}))
    elif search and search not in words:
        words = words + [search]
    if method == "tsne" and len(words) > projection.TSNE_MAX_WORDS:
        st.info(t("tokens.vec.tsne_limit", count=len(words), limit=projection.TSNE_MAX_WORDS))
        method = "pca"
    if len(words) < 5:
        st.warning(t("tokens.vec.too_few"))
    else:
        with st.spinner(t("tokens.vec.computing")):
            frame = page.projected(page.source_key(source), tuple(words), method, dims, float(perplexity), int(seed), kv)
        group_names = {g: t(f"tokens.map_group.{g}") for g in frame["group"].unique()}
        axes = [t(f"tokens.axis.{method}", n=i + 1) for i in range(dims)]
        chart(plots.word_map(frame, axes, group_names, search or None, t("tokens.col.group"), show_labels=len(words) <= 400),
              key="tokens_map")
        st.caption(t(f"tokens.vec.caption.{method}"))
        csv = frame.assign(group=frame["group"].map(group_names)).to_csv(index=False).encode("utf-8")
        name = f"word_map_{method}_{dims}d.csv"
        st.download_button(t("common.download_csv"), csv, name, key="tokens_map_csv", help=t("tokens.csv_help"))
    page.neighbours_block(kv, source, PROBE.get(source) or kv.index_to_key[min(30, len(kv) - 1)])
    page.analogy_block(kv, source, ANALOGY.get(source, ("", "", "")))
    if source != "mine":
        with st.expander(t("common.model_card")):
            page.show_card(page.shipped_card(source))  # read with the vectors above, so it loads
    st.markdown(long_text("tokens_word2vec"))


STEPS = {"segment": segmentation, "numbers": numbers, "vectors": vectors, "train": training_step}
st.title(t("tokens.title"))
st.caption(t("tokens.caption"))
section = st.segmented_control(
    t("tokens.section"), list(STEPS), default="segment", format_func=lambda s: t(f"tokens.section.{s}"),
    key="tokens_section", help=t("tokens.section_help"),
) or "segment"
STEPS[section]()
st.divider()
st.markdown(f"**{t('common.try_next')}** · {t(f'tokens.next.{section}')}")
