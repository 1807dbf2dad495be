"""Step 4 of the tokens page: train word2vec live on a corpus sample or the user's own text.

Training goes through the server's one queue like every other training
(`lstm_core.ui.live_training`): an epoch per script run, a progress bar, the loss
curve, a stop button, and a place in line when another training holds the slot.
"""

import streamlit as st

from lstm_core.embeddings import word2vec
from lstm_core.embeddings.embedding_plots import loss_curve
from lstm_core.text import segmentation as text
from lstm_core.text.inputs import decode_upload
from lstm_core.ui import tokens_page as ui
from lstm_core.ui.i18n import long_text, reason_of, t
from lstm_core.ui.live_training import LiveTraining
from lstm_core.ui.style import chart

from lstm_core.ui.tokens_page import ask, named, user_text

TRAIN_LIMIT = 300_000  # characters of the user's text fed to live training
TRAINING = LiveTraining("tokens", keras=False)  # session keys tokens_job, tokens_ticket, ...
LANGUAGE = "tokens_train_language"  # the language of the text the session's job trains on

SAMPLE_SENTENCES = 3_000  # sentences of a shipped corpus a live training reads: seconds, not minutes


def training_step() -> None:
    """Step 4: train word2vec live on a corpus sample or the user's text."""
    st.markdown(long_text("tokens_training", epochs=word2vec.Word2VecConfig().epochs))
    origins = ["peoples_daily", "tweets", "paste", "upload"]
    origin = st.radio(**ask("train.origin", sentences=SAMPLE_SENTENCES), options=origins, format_func=named("train.origin"), horizontal=True, key="tokens_origin")
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
        sentences = ui.example_corpus(origin, SAMPLE_SENTENCES)
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
    go = b1.button(**ask("train.go"), key="tokens_train", type="primary", disabled=sentences is None or TRAINING.running)
    TRAINING.stop_button(b2, help=t("tokens.train.stop_help"))
    if go:
        config = word2vec.Word2VecConfig(architecture=arch, vector_size=size, window=window, min_count=min_count, epochs=epochs)
        start(sentences, config, language)
    advance()
    if not TRAINING.running:
        ui.show_user_vectors()
    if st.session_state.get(ui.USER_VECTORS):
        st.info(t("tokens.train.explore"))


def start(sentences: list[list[str]], config: word2vec.Word2VecConfig, language: str) -> None:
    """Check the text and the work, then queue the training; `advance` runs its epochs."""
    try:
        if sum(map(len, sentences)) < 50:
            raise word2vec.TrainingRefused("too_little_text", "fewer than 50 tokens")
        if TRAINING.start(lambda: word2vec.Word2VecTraining(sentences, config), t("tokens.train.starting")):
            st.session_state[LANGUAGE] = language
    except word2vec.TrainingRefused as error:
        st.warning(reason_of(error))


def advance() -> None:
    """Train the session's word2vec an epoch further, with the progress bar and the loss curve."""
    bar, curve = st.empty(), st.empty()

    def draw(job: word2vec.Word2VecTraining) -> None:
        with curve.container():
            chart(loss_curve(job.losses, (t("tokens.axis.epoch"), t("tokens.axis.loss"))))

    def progress_text(job: word2vec.Word2VecTraining, batch: int, batches: int) -> str:
        return t("tokens.train.epoch", epoch=len(job.losses) + 1, epochs=job.config.epochs, seconds=job.seconds)

    def keep(job: word2vec.Word2VecTraining) -> None:
        ui.keep_vectors(job.result(), job.config, st.session_state.pop(LANGUAGE, "zh"))

    job = st.session_state.get(TRAINING.job_key)
    if job is not None and job.losses:
        draw(job)
    TRAINING.advance(bar, progress_text, draw, keep)
