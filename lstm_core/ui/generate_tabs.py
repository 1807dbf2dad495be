"""Two tabs of the Text generation page: the n-gram baseline, and training a character LSTM live."""

import re

import streamlit as st

from lstm_core.generate import charlm, charlm_train, language_model
from lstm_core.generate import generate_figures as figures
from lstm_core.text.inputs import decode_upload
from lstm_core.ui import generate_page as ui
from lstm_core.ui import session_models as models
from lstm_core.ui.i18n import long_text, t
from lstm_core.ui.style import chart, kept_figure

TRAIN = charlm_train.UserTrainConfig()
# How the character models' cards name their training hardware (lstm_core.build.charlm_build).
HARDWARE = re.compile(r"Keras (?P<keras>\S+) on (?P<backend>\S+) (?P<version>\S+), (?P<device>.+), (?P<cores>\d+) CPU cores")


def hardware_text(card_hardware: str) -> str:
    """The card's hardware line in the page's language; a form it does not know is shown as data (code)."""
    match = HARDWARE.fullmatch(card_hardware)
    if match is None:
        return t("generate.hardware_raw", hardware=card_hardware.replace("`", "'"))
    return t("generate.hardware", **match.groupdict())


def baseline_tab(model, key: str, prompt: str, length: int, config, settings) -> None:
    """Bits per character of the LSTM against the best n-gram on held-out text, and n-gram text."""
    st.markdown(long_text("generate_baseline", held_out=charlm.HELDOUT_FRACTION))
    card = model.card
    lstm_bits = model.heldout_bits
    baseline = model.ngram_baseline or st.session_state.get(ui.USER_NGRAM, (None, None))[1]
    if lstm_bits is not None and baseline:
        best = baseline.heldout_bits
        c1, c2, c3 = st.columns(3)
        c1.metric(t("generate.lstm_bits"), f"{lstm_bits:.3f}", help=t("generate.bits_help", held_out=charlm.HELDOUT_FRACTION))
        c2.metric(t("generate.ngram_bits"), f"{best:.3f}", help=t("generate.bits_help", held_out=charlm.HELDOUT_FRACTION))
        c3.metric(t("generate.difference"), t("generate.better") if lstm_bits < best else t("generate.worse"),
                  delta=f"{lstm_bits - best:+.3f}", delta_color="inverse", help=t("generate.bits_help", held_out=charlm.HELDOUT_FRACTION))
        rows = [(t("generate.ngram_name", order=order), bits) for order, bits in baseline.orders_tried]
        chart(kept_figure("generate_bits", (key, model.fingerprint, tuple(rows), lstm_bits), lambda: figures.bits_figure(
            rows + [("LSTM", lstm_bits)],
            {"title": t("generate.bits_title"), "x": t("generate.axis_model"), "y": t("generate.axis_bits")},
        )), key="generate_bits")
        if card.training_seconds is not None:
            st.caption(t("generate.card_note", seconds=card.training_seconds, epochs=card.detail("epochs_run", 0),
                         hardware=hardware_text(card.training_hardware or "")))
    if st.toggle(t("generate.ngram_on"), key="generate_ngram_on", help=t("generate.ngram_on_help"), persist_state="page"):
        with st.spinner(t("generate.ngram_building")):
            ngram = ui.get_ngram(key)
        if ngram is None:
            st.warning(t("generate.ngram_missing"))
        else:
            ngram_text = ui.remembered("ngram", settings)
            if ngram_text is None:
                ngram_text = language_model.sample(ngram, prompt, length, config.temperature, config.top_k, config.top_p, config.seed)
                ui.remember("ngram", settings, ngram_text)
            st.markdown(f"**{t('generate.ngram_text', order=ngram.model.config.order)}**")
            st.code(prompt + ngram_text, language=None, wrap_lines=True)
    with st.expander(t("common.model_card")):
        st.json({k: v for k, v in card.to_dict().items() if k != "vocabulary"}, expanded=False)


def training_tab(seed: int, shown: bool = True) -> None:
    """Train a character LSTM on a corpus sample, pasted or uploaded text; a model per session.

    It runs on every rerun of the page, shown or not, so a running training advances and
    an uploaded file stays; while it is hidden (`shown` False), the last run's curve is not drawn.
    """
    st.markdown(long_text("generate_train", window=charlm_train.UserTrainConfig().sequence_length,
                          held_out=charlm.HELDOUT_FRACTION))
    source = st.radio(t("generate.source"), ["sample", "paste", "upload"], key="generate_source", horizontal=True,
                      format_func=lambda s: t(f"generate.source_{s}"), help=t("generate.source_help"))
    if source == "paste":
        train_text = st.text_area(t("generate.paste"), key="generate_paste", height=160, help=t("generate.paste_help", least=charlm_train.MIN_CHARS, held_out=charlm.HELDOUT_FRACTION))
    elif source == "upload":
        upload = st.file_uploader(t("generate.upload"), type=["txt", "md", "csv"], key="generate_upload",
                                  help=t("generate.upload_help"))
        train_text = ""
        if upload is not None:
            try:
                train_text = decode_upload(upload.getvalue())
            except ValueError:
                st.error(t("generate.upload_bad"))
    else:
        train_text = ui.peoples_daily_sample()
        st.caption(t("generate.sample_caption", chars=len(train_text)))
    c1, c2 = st.columns(2)
    units = c1.select_slider(t("generate.units"), [32, 64, 128, 256], TRAIN.units, key="generate_units",
                             help=t("generate.units_help"))
    epochs = c2.slider(t("generate.epochs"), 1, 30, TRAIN.epochs, key="generate_epochs", help=t("generate.epochs_help"))
    b1, b2 = st.columns(2)
    go_train = b1.button(t("generate.train"), key="generate_train", type="primary", help=t("generate.train_help"),
                         disabled=ui.TRAINING.running)
    ui.TRAINING.stop_button(b2, help=t("generate.stop_help"))
    if go_train:
        ui.start_training(train_text, charlm_train.UserTrainConfig(units=units, epochs=epochs, seed=int(seed)))
    ui.advance()
    if shown:
        ui.show_training()
    if ui.USER_KEY in st.session_state:
        mine = st.session_state[ui.USER_KEY]
        st.download_button(t("generate.download_model"), mine.save(), "char_model.zip",
                           key="generate_download_model", help=t("generate.download_model_help"))
        models.add(mine)
