"""Why an LSTM: σ and tanh, the article's equations run, three cells on a memory task, gradients."""

import pandas as pd
import streamlit as st

from lstm_core.brackets.counter import true_depth
from lstm_core.serving.assets import AssetError
from lstm_core.ui import why_page as page
from lstm_core.ui import loaders
from lstm_core.ui.i18n import long_text, reason_of, t
from lstm_core.ui.style import chart
from lstm_core.why import why_figures as figures
from lstm_core.why.article_cell import compare
from lstm_core.why.cells import CELLS
from lstm_core.why.live import LiveConfig
from lstm_core.ui.server_setup import through_the_app

through_the_app()  # first: on a fresh server a page may be run without app.py (see the function)

AXES = ("input", "output", "time", "cell", "depth", "distance", "accuracy", "epoch", "distance_back", "gradient")
NAMES = {k: t(f"why.axis.{k}") for k in AXES} | {
    k: t(f"why.name.{k}") for k in ("sigmoid", "tanh", "rnn", "gru", "lstm", "right", "article", "chance", "live")
}
NAMES["depth"] = t("why.name.depth")
LIVE = LiveConfig()
LIVE_DISTANCES = (5, 10, 20, 40, 60, 80)

st.title(t("why.title"))
st.markdown(long_text("why_intro"))

# ---- σ and tanh ---------------------------------------------------------------------------
st.header(t("why.act.header"))
st.markdown(long_text("why_activations"))
x = st.slider(t("why.act.input"), -6.0, 6.0, 1.0, 0.1, key="why_x", help=t("why.act.input_help"))
chart(figures.activations(x, NAMES), key="why_activations")

# ---- the article's equations -----------------------------------------------------------------
st.header(t("why.article.header"))
st.markdown(long_text("why_article"))
left, right = st.columns(2)
left.markdown(f"**{t('why.article.right')}**")
left.latex(r"\begin{aligned}c_t &= f_t \odot c_{t-1} + i_t \odot g_t\\ h_t &= o_t \odot \tanh(c_t)\end{aligned}")
right.markdown(f"**{t('why.article.wrong')}**")
right.latex(
    r"\begin{aligned}c_t &= c_{t-1} \odot \sigma(f_t \odot c_{t-1}) + \sigma(i_t) \odot g_t \odot g_t\\"
    r" h_t &= \sigma(o_t) \odot \tanh(c_t)\end{aligned}"
)
counter = loaders.traceable("brackets")
text = st.text_input(t("why.article.text"), "(a(b(c)d)e)((((x)y", key="why_brackets", help=t("why.article.text_help"))[:200]
if not text:
    st.warning(t("why.article.empty"))
else:
    result = compare(counter.network, counter.vocab.encode(list(text)).ids)
    unit, _ = counter.depth_unit()
    depth = true_depth(text)
    chart(figures.article_cells(list(text), result.right.cell[:, unit], result.article.cell[:, unit], depth, NAMES),
          key="why_article_chart")
    st.info(t("why.article.ranges", unit=unit, right_min=result.right.cell[:, unit].min(),
              right_max=result.right.cell[:, unit].max(), article_min=result.article.cell[:, unit].min(),
              article_max=result.article.cell[:, unit].max(), h_min=result.article.hidden.min(), h_max=result.article.hidden.max()))
    right, article = result.accuracy(depth)
    st.caption(t("why.article.accuracy", right=right, article=article))

# ---- three cells, one task -------------------------------------------------------------------
st.header(t("why.memory.header"))
st.markdown(long_text("why_memory"))
try:
    results, _ = page.shipped()
except AssetError as error:
    st.error(t("why.missing", reason=reason_of(error)))
    st.stop()
distance = st.select_slider(t("why.memory.distance"), LIVE_DISTANCES, value=LIVE.distance, key="why_distance",
                            help=t("why.memory.distance_help"))
done = st.session_state.get(page.DONE)
live = {k: v[-1] for k, v in done["history"].items() if v} if done and done["distance"] == distance else None
chart(figures.accuracy_by_distance(results.accuracy, results.chance, distance, NAMES, live),
      key="why_accuracy")
st.caption(t("why.memory.card_note"))
with st.expander(t("why.memory.table")):
    table = pd.DataFrame({str(d): [results.accuracy[k][d] for k in CELLS] for d in results.distances},
                         index=[NAMES[k] for k in CELLS])
    st.dataframe(table.rename_axis(t("why.memory.cell")).style.format("{:.1%}"), width="stretch")

st.subheader(t("why.memory.live"))
epochs = st.slider(t("why.memory.epochs"), 1, LIVE.epochs, LIVE.epochs, key="why_epochs", help=t("why.memory.epochs_help"))
b1, b2 = st.columns(2)
running = page.JOB in st.session_state
if b1.button(t("why.memory.train"), key="why_train", type="primary", disabled=running):
    page.start(LiveConfig(distance=distance, epochs=epochs), t("why.memory.preparing"))
page.TRAINING.stop_button(b2)
progress_slot, curves_slot = st.empty(), st.empty()


def draw_curves(history) -> None:
    with curves_slot.container():
        chart(figures.live_curves(history, results.chance, NAMES), key=f"why_live_{sum(map(len, history.values()))}")


def progress_text(kind, epoch, total, accuracy) -> str:
    return t("why.memory.progress", epoch=epoch, epochs=total, cell=NAMES[kind], accuracy=accuracy)


page.advance(progress_slot, draw_curves, progress_text)
if done:
    draw_curves(done["history"])
    if done["stopped"]:
        st.warning(t("why.memory.stopped", epochs=done["epochs"]))
    scores = ", ".join(f"{NAMES[k]} {v[-1]:.0%}" for k, v in done["history"].items() if v)
    st.success(t("why.memory.finished", distance=done["distance"], epochs=done["epochs"], seconds=done["seconds"], scores=scores))

# ---- gradients -------------------------------------------------------------------------------
st.header(t("why.grad.header"))
st.markdown(long_text("why_gradients"))
c1, c2, c3 = st.columns(3)
stage = c1.radio(t("why.grad.stage"), ("init", "trained"), format_func=lambda s: t(f"why.grad.stage.{s}"),
                 key="why_stage", horizontal=True)
scale = c2.slider(t("why.grad.scale"), 0.25, 3.0, 1.0, 0.25, key="why_scale", help=t("why.grad.scale_help"))
clip = c3.toggle(t("why.grad.clip"), key="why_clip", help=t("why.grad.clip_help"))
curves = page.gradient_curves(stage, float(scale), bool(clip))
chart(figures.gradient_norms(curves, NAMES), key="why_gradients")  # the figure takes any sequences
st.caption(t("why.grad.caption", distance=results.gradient_distance, count=page.GRADIENT_SEQUENCES))

st.divider()
st.markdown(f"**{t('common.try_next')}:** {t('why.try_next')}")
