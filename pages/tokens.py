"""Tokenization and embeddings: from raw text to what an LSTM eats, in Chinese and English."""

import streamlit as st

from lstm_core.embeddings import embedding_plots as plots
from lstm_core.embeddings import projection, word2vec, word_vectors
from lstm_core.nn.assets import AssetError
from lstm_core.text import segmentation as text, tfidf
from lstm_core.text.inputs import EmptyText, clean, decode_upload
from lstm_core.ui import tokens as ui
from lstm_core.ui.i18n import long_text, t
from lstm_core.ui.style import chart, input_notices

SEGMENT_LIMIT, TRAIN_LIMIT = 5_000, 300_000  # characters shown as chips / fed to live training
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
ANALOGY = {"zh": ("山东", "济南", "郑州"), "en": ("better", "good", "bad")}  # a − b + c; both come out right


def ask(name: str) -> dict[str, str]:
    """A widget's label and help text, from `tokens.<name>` and `tokens.<name>_help`."""
    return {"label": t(f"tokens.{name}"), "help": t(f"tokens.{name}_help")}


def named(prefix: str):
    """format_func showing option `x` as the string `tokens.<prefix>.<x>`."""
    return lambda option: t(f"tokens.{prefix}.{option}")


def user_text(value: str, limit: int) -> str | None:
    """Clean user text, show the notices, and return None (with a warning) when empty."""
    try:
        cleaned = clean(value, limit)
    except EmptyText:
        st.warning(t("common.empty_text"))
        return None
    input_notices(cleaned)
    return cleaned.text


def segmentation() -> None:
    """Step 1: jieba's three modes as chips, HMM, user words, POS tags, keywords, English rule."""
    example = st.selectbox(**ask("seg.example"), options=EXAMPLES, key="tokens_example")
    raw = st.text_area(**ask("seg.text"), value=example, key=f"tokens_text_{EXAMPLES.index(example)}")
    left, right = st.columns([1, 2])
    hmm = left.toggle(**ask("seg.hmm"), value=True, key="tokens_hmm")
    words_raw = right.text_input(**ask("seg.user_words"), key="tokens_user_words", placeholder="创新办, 云计算")
    user_words = text.normalize_user_words(words_raw.replace("，", ",").replace(",", " ").split())
    st.session_state["tokens_words"] = user_words  # this session's words, reused by training below
    value = user_text(raw, SEGMENT_LIMIT)
    if value is not None:
        columns = st.columns(3)
        for column, mode in zip(columns, text.MODES):
            column.markdown(f"**{t(f'tokens.mode.{mode}')}** · {t(f'tokens.mode.{mode}_help')}")
            column.markdown(ui.chips(text.segment(value, mode, hmm, user_words), frozenset(user_words)), unsafe_allow_html=True)
        if text.cjk_share(value) < 0.2:
            st.info(t("tokens.seg.looks_english"))
        st.markdown(f"**{t('tokens.seg.english')}**")
        st.markdown(ui.chips(text.english_tokens(value)), unsafe_allow_html=True)
        if text.cjk_share(value) >= 0.2:
            st.caption(t("tokens.seg.english_on_chinese"))
        with st.expander(t("tokens.seg.english_rule")):
            st.markdown(long_text("tokens_english"))
            st.code(text.ENGLISH_RULE.pattern, language="text")
        ui.tags_and_keywords(value, hmm, user_words)
    st.markdown(long_text("tokens_segmentation"))


def numbers() -> None:
    """Step 2: ids with padding, bag-of-words and TF-IDF for a few documents."""
    docs_raw = st.text_area(**ask("num.docs"), value="狗咬人\n人咬狗\n我爱自然语言处理\n自然语言处理很有趣，我爱它", key="tokens_docs")
    docs_text = user_text(docs_raw, SEGMENT_LIMIT)
    documents = [line.strip() for line in (docs_text or "").splitlines() if line.strip()][:12]
    if documents:
        user_words = st.session_state.get("tokens_words", ())

        def analyzer(doc: str) -> list[str]:  # Chinese lines through jieba, English through the rule
            return text.tokens_for(doc, text.guess_language(doc), user_words)

        length = st.slider(**ask("num.length"), min_value=1, max_value=20, value=6, key="tokens_pad_length")
        table = tfidf.id_table([analyzer(d) for d in documents], length)
        st.markdown(f"**{t('tokens.num.ids')}** · {t('tokens.num.vocab_size', size=len(table.vocabulary))}")
        st.dataframe(table.frame(), hide_index=True)
        labels = [f"{i + 1}. {d[:12]}" for i, d in enumerate(documents)]
        axes = (t("tokens.axis.term"), t("tokens.axis.document"))
        st.markdown(f"**{t('tokens.num.bow')}**")
        chart(plots.term_heatmap(tfidf.bag_of_words(documents, analyzer).frame(labels), axes, "d"), key="tokens_bow")
        st.markdown(f"**{t('tokens.num.tfidf')}**")
        weights = tfidf.tfidf(documents, analyzer).frame(labels)
        chart(plots.term_heatmap(weights, axes), key="tokens_tfidf")
        csv = weights.to_csv().encode("utf-8")
        st.download_button(t("common.download_csv"), csv, "tfidf.csv", key="tokens_tfidf_csv", help=t("tokens.csv_help"))
        for i, first in enumerate(documents):
            for second in documents[i + 1:]:
                if first != second and tfidf.same_bag(analyzer(first), analyzer(second)):
                    st.info(t("tokens.num.same_bag", a=first, b=second))
    st.markdown(long_text("tokens_numbers"))


def vectors() -> None:
    """Step 3: maps, neighbours and analogies on shipped or session-trained vectors."""
    sources = ["zh", "en"] + (["mine"] if st.session_state.get(ui.USER_VECTORS) else [])
    source = st.radio(**ask("vec.source"), options=sources, format_func=named("vec.source"), horizontal=True, key="tokens_source")
    try:
        kv = ui.vectors_for(source)
    except AssetError as error:  # the other steps, and the other language, keep working
        st.error(t("tokens.vec.missing", reason=error))
        return
    mode = st.radio(**ask("vec.set"), options=["top", "custom"], format_func=named("vec.set"), horizontal=True, key="tokens_set_mode")
    c1, c2, c3, c4 = st.columns(4)
    method = c1.segmented_control(
        **ask("vec.method"), options=["pca", "tsne"], default="pca", format_func=named("vec.method"), key="tokens_method"
    ) or "pca"
    dims = c2.segmented_control(**ask("vec.dims"), options=[2, 3], default=2, format_func="{}D".format, key="tokens_dims") or 2
    perplexity = c3.slider(**ask("vec.perplexity"), min_value=2, max_value=50, value=15, key="tokens_perplexity", disabled=method != "tsne")
    seed = c4.number_input(t("common.seed"), 0, 10_000, 0, key="tokens_seed", help=t("common.seed_help"))
    content = st.toggle(**ask("vec.content_only"), value=True, key="tokens_content_only")
    if mode == "top":
        top_n = st.slider(**ask("vec.top_n"), min_value=5, max_value=min(1000, len(kv)), value=min(100, len(kv)), key=f"tokens_top_n_{source}")
        pool = ui.content_words(ui.source_key(source), kv) if content else kv.index_to_key
        words = pool[:top_n]
    else:
        custom = st.text_input(**ask("vec.custom"), value=CUSTOM.get(source, ""), key=f"tokens_custom_{source}")
        words = ui.custom_words(kv, custom)
    search = st.text_input(t("tokens.vec.search"), key=f"tokens_search_{source}", help=t("tokens.vec.search_help")).strip()
    if search and search not in kv.key_to_index:
        ui.unknown(word_vectors.UnknownWords({search: word_vectors.close_words(kv, search)}))
    elif search and search not in words:
        words = words + [search]
    if method == "tsne" and len(words) > projection.TSNE_MAX_WORDS:
        st.info(t("tokens.vec.tsne_limit", count=len(words), limit=projection.TSNE_MAX_WORDS))
        method = "pca"
    if len(words) < 5:
        st.warning(t("tokens.vec.too_few"))
    else:
        with st.spinner(t("tokens.vec.computing")):
            frame = ui.projected(ui.source_key(source), tuple(words), method, dims, float(perplexity), int(seed), kv)
        frame["group"] = [t(f"tokens.group.{g}") for g in frame["group"]]
        axes = [t(f"tokens.axis.{method}", n=i + 1) for i in range(dims)]
        chart(plots.word_map(frame, axes, search or None, t("tokens.col.group"), show_labels=len(words) <= 400), key="tokens_map")
        st.caption(t(f"tokens.vec.caption.{method}"))
        csv, name = frame.to_csv(index=False).encode("utf-8"), f"word_map_{method}_{dims}d.csv"
        st.download_button(t("common.download_csv"), csv, name, key="tokens_map_csv", help=t("tokens.csv_help"))
    ui.neighbours_block(kv, source, PROBE.get(source) or kv.index_to_key[min(30, len(kv) - 1)])
    ui.analogy_block(kv, source, ANALOGY.get(source, ("", "", "")))
    if source != "mine":
        with st.expander(t("common.model_card")):
            ui.show_card(ui.shipped_card(source))  # read with the vectors above, so it loads
    st.markdown(long_text("tokens_word2vec"))


def training() -> None:
    """Step 4: train word2vec live on a corpus sample or the user's text."""
    st.markdown(long_text("tokens_training"))
    origins = ["peoples_daily", "tweets", "paste", "upload"]
    origin = st.radio(**ask("train.origin"), options=origins, format_func=named("train.origin"), horizontal=True, key="tokens_origin")
    defaults = word2vec.Word2VecConfig()
    s1, s2, s3, s4, s5 = st.columns(5)
    limits = word2vec.Word2VecConfig.LIMITS
    arch = s1.radio(**ask("train.arch"), options=["skipgram", "cbow"], format_func=named("train.arch"), key="tokens_arch")
    size = s2.slider(**ask("train.size"), min_value=limits["vector_size"][0], max_value=limits["vector_size"][1], value=defaults.vector_size, key="tokens_size")
    window = s3.slider(**ask("train.window"), min_value=limits["window"][0], max_value=limits["window"][1], value=defaults.window, key="tokens_window")
    epochs = s4.slider(**ask("train.epochs"), min_value=limits["epochs"][0], max_value=limits["epochs"][1], value=defaults.epochs, key="tokens_epochs")
    min_count = s5.slider(**ask("train.min_count"), min_value=1, max_value=20, value=defaults.min_count, key="tokens_min_count")
    sentences, language = None, "zh"
    if origin in ("peoples_daily", "tweets"):
        language = "zh" if origin == "peoples_daily" else "en"
        sentences = ui.example_corpus(origin, 3_000)
    else:
        if origin == "paste":
            body = st.text_area(**ask("train.paste"), key="tokens_train_text", height=200)
        else:
            upload = st.file_uploader(**ask("train.upload"), type=["txt", "md", "csv"], key="tokens_upload")
            body = None
            if upload is not None:
                try:
                    body = decode_upload(upload.getvalue())
                except ValueError:
                    st.error(t("tokens.train.not_utf8"))
        if body is not None and (body := user_text(body, TRAIN_LIMIT)) is not None:
            language = text.guess_language(body)
            sentences = text.sentences_for_training(body, language, st.session_state.get("tokens_words", ()))
    if sentences is not None:
        tokens = sum(map(len, sentences))
        st.caption(t("tokens.train.corpus", sentences=len(sentences), tokens=tokens, language=t(f"tokens.vec.source.{language}")))
    b1, b2 = st.columns(2)
    # A click on Stop interrupts the running script (Streamlit reruns); the flag covers the epoch boundary.
    b2.button(t("common.stop"), key="tokens_stop_button", on_click=lambda: st.session_state.update(tokens_stop=True), help=t("tokens.train.stop_help"))
    if b1.button(**ask("train.go"), key="tokens_train", type="primary", disabled=sentences is None):
        config = word2vec.Word2VecConfig(architecture=arch, vector_size=size, window=window, min_count=min_count, epochs=epochs)
        try:
            if sum(map(len, sentences)) < 50:
                raise word2vec.TrainingRefused("too_little_text", "fewer than 50 tokens")
            ui.train_live(sentences, config, language)
        except word2vec.TrainingRefused as error:
            st.warning(t(f"tokens.train.refused.{error.reason}", **error.values))
    ui.show_user_vectors()
    if st.session_state.get(ui.USER_VECTORS):
        st.info(t("tokens.train.explore"))


STEPS = {"segment": segmentation, "numbers": numbers, "vectors": vectors, "train": training}
st.title(t("tokens.title"))
st.caption(t("tokens.caption"))
section = st.segmented_control(
    t("tokens.section"), list(STEPS), default="segment", format_func=lambda s: t(f"tokens.section.{s}"),
    key="tokens_section", help=t("tokens.section_help"),
) or "segment"
STEPS[section]()
st.divider()
st.markdown(f"**{t('common.try_next')}** · {t(f'tokens.next.{section}')}")
