"""Step 4 of the tokens page: train word2vec live on a corpus sample or the user's own text."""

import streamlit as st

from lstm_core.embeddings import word2vec
from lstm_core.text import segmentation as text
from lstm_core.text.inputs import decode_upload
from lstm_core.ui import tokens_page as ui
from lstm_core.ui.i18n import long_text, reason_of, t

from lstm_core.ui.tokens_page import ask, named, user_text

TRAIN_LIMIT = 300_000  # characters of the user's text fed to live training


def training_step() -> None:
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
            st.warning(reason_of(error))
    ui.show_user_vectors()
    if st.session_state.get(ui.USER_VECTORS):
        st.info(t("tokens.train.explore"))
