"""LSTM-GAN: an LSTM generator against an LSTM discriminator on number sequences, and why text is hard."""

import pandas as pd
import streamlit as st

from lstm_core.gan import FAMILIES, GanConfig
from lstm_core.gan import gan_figures as figures
from lstm_core.serving import assets
from lstm_core.ui import gan_page as page
from lstm_core.ui.i18n import long_text, reason_of, t
from lstm_core.ui.style import chart
from lstm_core.ui.server_setup import through_the_app

through_the_app()  # first: on a fresh server a page may be run without app.py (see the function)

DEFAULTS = GanConfig()
LABELS = {k: t(f"gan.label.{k}") for k in ("real", "gan", "baseline", "discriminator", "generator", "epoch", "loss", "d_balance", "g_balance")}

st.title(t("gan.title"))
st.markdown(t("gan.intro"))
st.graphviz_chart(t("gan.diagram", **figures.DIAGRAM_COLOURS), width="stretch")
st.caption(t("gan.diagram_caption"))
st.markdown(long_text("gan_how"))
st.latex(r"L_D = -\,\mathbb{E}_{x}\left[\log D(x)\right] - \mathbb{E}_{z}\left[\log\left(1 - D(G(z))\right)\right]")
st.latex(r"L_G = -\,\mathbb{E}_{z}\left[\log D(G(z))\right]")
st.caption(t("gan.losses_caption"))

# ---- the shipped generator ------------------------------------------------------------------
st.header(t("gan.shipped_title"))
try:
    gan, shipped = page.shipped()
except assets.AssetError as error:
    gan, shipped = None, None
    st.error(t("gan.model_missing", reason=reason_of(error)))
if gan is not None:
    real = page.windows("sine").test
    c1, c2 = st.columns([1, 3])
    seed = c1.number_input(t("gan.sample_seed"), 0, 10_000, 0, key="gan_sample_seed", help=t("gan.sample_seed_help"))
    rows = page.sample_rows(gan, real, int(seed))
    c2.caption(t("gan.shipped_caption", epochs=shipped.chosen_epoch, seconds=shipped.training_seconds))
    chart(figures.sample_grid(rows, LABELS), key="gan_shipped_grid")
    if st.button(t("gan.open_gates"), key="gan_to_gates", help=t("gan.open_gates_help")):
        st.session_state["gates_model"] = "gan_sine_generator"
        st.session_state["gates_text"] = str(int(seed))
        st.switch_page("pages/gates.py")

    st.subheader(t("gan.scores_title"))
    st.markdown(t("gan.scores_intro"))
    st.table(page.score_table(shipped.scores, shipped.baseline))
    st.caption(t("gan.scores_caption", on=page.scored_on(len(real))))
    page.verdicts(shipped.scores, shipped.baseline)
    pca = page.shipped_map()
    chart(figures.pca_scatter(pca["points"], pca["variance"], LABELS), key="gan_pca")
    st.caption(t("gan.pca_caption"))

# ---- train one live ---------------------------------------------------------------------------
st.header(t("gan.train_title"))
st.markdown(t("gan.train_intro"))
c1, c2, c3, c4 = st.columns(4)
family = c1.selectbox(t("gan.family"), FAMILIES, format_func=lambda f: t(f"gan.family.{f}"), key="gan_family", help=t("gan.family_help"))
epochs = c2.slider(t("gan.epochs"), 1, 60, DEFAULTS.epochs, key="gan_epochs", help=t("gan.epochs_help", steps=DEFAULTS.steps_per_epoch))
units = c3.slider(t("gan.units"), 4, 64, DEFAULTS.units, step=4, key="gan_units", help=t("gan.units_help"))
train_seed = c4.number_input(t("common.seed"), 0, 10_000, DEFAULTS.seed, key="gan_seed", help=t("common.seed_help"))
b1, b2 = st.columns(2)
running = page.JOB in st.session_state
start = b1.button(t("gan.train"), key="gan_train", type="primary", disabled=running)
page.TRAINING.stop_button(b2)
progress_slot, live_slot = st.empty(), st.empty()


def draw(run_family: str, history: dict, generated) -> None:
    """The two losses so far and a row of generated windows beside real ones of the family trained on."""
    real_rows = page.windows(run_family).validation[: page.GRID]
    with live_slot.container():
        left, right = st.columns(2)
        with left:
            chart(figures.loss_curves(history, LABELS), key=f"gan_losses_{len(history['generator'])}")
        with right:
            chart(figures.sample_grid({"real": real_rows, "gan": generated}, LABELS, page.GRID),
                  key=f"gan_live_grid_{len(history['generator'])}")


if start:
    try:
        page.start(GanConfig(family=family, epochs=int(epochs), units=int(units), seed=int(train_seed)))
    except ValueError as error:
        st.error(t("gan.bad_settings", reason=reason_of(error)))
page.advance(progress_slot, draw)

result = st.session_state.get(page.RESULT)
if result is not None:
    draw(result.family, result.history, result.gan.sample(page.GRID, seed=0))
    if result.stopped:
        st.warning(t("gan.stopped", epochs=result.epochs_run))
    st.success(t("gan.finished", epochs=result.epochs_run, seconds=result.seconds, family=t(f"gan.family.{result.family}")))
    st.table(page.score_table(result.scores, result.baseline))
    page.verdicts(result.scores, result.baseline)
    st.caption(t("gan.on_gates"))
st.info(f"**{t('common.try_next')}:** {t('gan.try_next')}")

# ---- text -------------------------------------------------------------------------------------------
st.header(t("gan.text_title"))
st.markdown(long_text("gan_text"))
if st.button(t("gan.check_gradients"), key="gan_check_gradients", help=t("gan.check_gradients_help")):
    norms = page.gradient_norms()
    st.table(pd.DataFrame({t("gan.col.emit"): [t(f"gan.emit.{k}") for k in norms],
                           t("gan.col.gradient"): [t("gan.no_gradient") if v is None else f"{v:.4f}" for v in norms.values()]}))
if shipped is not None:
    page.text_results(shipped)
