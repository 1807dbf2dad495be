"""Why an LSTM: σ and tanh, the article's equations run, three cells on a memory task, gradients."""

import pandas as pd
import streamlit as st

from lstm_core.brackets.counter import true_depth
from lstm_core.serving.assets import AssetError
from lstm_core.ui import why_page as page
from lstm_core.ui import loaders
from lstm_core.ui.i18n import long_text, reason_of, t
from lstm_core.ui.style import chart, table as show_table
from lstm_core.transformer import transformer_figures
from lstm_core.why import why_figures as figures
from lstm_core.why.article_cell import compare, read_depth
from lstm_core.why.live import LiveConfig
from lstm_core.why.memory_task import MemoryTask
from lstm_core.ui.server_setup import through_the_app

through_the_app()  # first: on a fresh server a page may be run without app.py (see the function)

AXES = ("input", "output", "time", "distance", "accuracy", "epoch", "distance_back", "gradient", "weight")
NAMES = {k: t(f"why.axis.{k}") for k in AXES} | {
    k: t(f"why.name.{k}", chance=1 / MemoryTask().classes)
    for k in ("sigmoid", "tanh", "rnn", "gru", "lstm", "transformer", "right", "article", "depth", "chance", "live")
}
LIVE = LiveConfig()
# The three cells as Keras computes them (lstm_core/why/recurrent.py, lstm_core/nn/cell.py), one step each.
CELL_EQUATIONS = (
    r"h_t = \tanh(W x_t + U h_{t-1} + b)",
    r"""\begin{aligned}z_t &= \sigma(W_z x_t + U_z h_{t-1} + b_z)\\ r_t &= \sigma(W_r x_t + U_r h_{t-1} + b_r)\\
\tilde h_t &= \tanh(W_h x_t + r_t \odot (U_h h_{t-1}) + b_h)\\ h_t &= z_t \odot h_{t-1} + (1 - z_t) \odot \tilde h_t\end{aligned}""",
    r"""\begin{aligned}i_t &= \sigma(W_i x_t + U_i h_{t-1} + b_i)\\ f_t &= \sigma(W_f x_t + U_f h_{t-1} + b_f)\\
o_t &= \sigma(W_o x_t + U_o h_{t-1} + b_o)\\ g_t &= \tanh(W_g x_t + U_g h_{t-1} + b_g)\\
c_t &= f_t \odot c_{t-1} + i_t \odot g_t\\ h_t &= o_t \odot \tanh(c_t)\end{aligned}""",
)
# One step back in time: what multiplies the gradient (column vectors, as in the equations above).
JACOBIANS = (r"\frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}(1 - h_t^2)\,U",
             r"\frac{\partial c_t}{\partial c_{t-1}} = \operatorname{diag}(f_t)")
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
# One formula under the other: side by side, the article's longer line is cut off on a projector.
st.markdown(f"**{t('why.article.right')}**")
st.latex(r"\begin{aligned}c_t &= f_t \odot c_{t-1} + i_t \odot g_t\\ h_t &= o_t \odot \tanh(c_t)\end{aligned}")
st.markdown(f"**{t('why.article.wrong')}**")
st.latex(
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
    right_read, article_read = (read_depth(cell[:, unit], depth) for cell in (result.right.cell, result.article.cell))
    names = NAMES | {"right": f"{NAMES['right']} (r = {right_read.r:+.2f})",
                     "article": f"{NAMES['article']} (r = {article_read.r:+.2f})", "read": t("why.axis.read_depth")}
    chart(figures.article_cells(list(text), right_read.depth, article_read.depth, depth, names), key="why_article_chart")
    st.caption(t("why.article.readout", unit=unit))
    st.info(t("why.article.ranges", unit=unit, right_min=result.right.cell[:, unit].min(),
              right_max=result.right.cell[:, unit].max(), article_min=result.article.cell[:, unit].min(),
              article_max=result.article.cell[:, unit].max(), h_min=result.article.hidden.min(), h_max=result.article.hidden.max()))
    right, article = result.accuracy(depth)
    st.caption(t("why.article.accuracy", right=right, article=article))

# ---- three cells, one task -------------------------------------------------------------------
st.header(t("why.memory.header"))
st.markdown(long_text("why_memory"))
with st.expander(t("why.cells.header"), expanded=True):
    for name, equations in zip(("rnn", "gru", "lstm"), CELL_EQUATIONS):  # one under another: no line is clipped
        st.markdown(f"**{NAMES[name]}**")
        st.latex(equations)
    st.caption(t("why.cells.caption"))
try:
    results, _ = page.shipped()
except AssetError as error:
    st.error(t("why.missing", reason=reason_of(error)))
    st.stop()
distance = st.select_slider(t("why.memory.distance"), LIVE_DISTANCES, value=LIVE.distance, key="why_distance",
                            help=t("why.memory.distance_help"))
done = st.session_state.get(page.DONE)
live = {k: v[-1] for k, v in done["history"].items() if v} if done and done["distance"] == distance else None
row = page.transformer()  # the Transformer's row (None on a card built without it)
accuracy = {**results.accuracy, **({"transformer": row.accuracy} if row else {})}
chart(figures.accuracy_by_distance(accuracy, results.chance, distance, NAMES, live), key="why_accuracy")
overlap = any(len({by[d] for by in accuracy.values()}) < len(accuracy) for d in results.distances)
st.caption(t("why.memory.card_note", units=results.units, train=results.train, test=results.test, chance=results.chance,
             classes=MemoryTask().classes) + (" " + t("why.memory.overlap") if overlap else ""))
with st.expander(t("why.memory.table")):
    table = pd.DataFrame({str(d): [by[d] for by in accuracy.values()] for d in results.distances},
                         index=[NAMES[k] for k in accuracy])
    show_table(table.rename_axis(t("why.memory.cell")).style.format("{:.1%}"), hide_index=False)
if row:
    st.subheader(t("why.memory.transformer_header"))
    longest = results.distances[-1]
    st.markdown(t("why.memory.transformer_note", transformer_params=f"{row.parameter_counts['transformer']:,}",
                  lstm_params=f"{row.parameter_counts['lstm']:,}", longest=longest,
                  transformer_accuracy=row.accuracy[longest], lstm_accuracy=results.accuracy["lstm"][longest]))
    shown = st.select_slider(t("why.memory.attention_distance"), results.distances, value=longest,
                             key="why_attention_distance", help=t("why.memory.attention_distance_help"))
    look = page.answer_attention(int(shown))
    chart(transformer_figures.answer_attention_figure(look.weights, look.marker, NAMES), key="why_answer_attention")
    st.caption(t("why.memory.attention_caption", block=look.block, distance=shown, share=look.weights[look.marker],
                 verdict=t("why.memory.right" if look.right else "why.memory.wrong")))

st.subheader(t("why.memory.live"))
epochs = st.slider(t("why.memory.epochs"), 1, LIVE.epochs, LIVE.epochs, key="why_epochs", help=t("why.memory.epochs_help", train=LIVE.train))
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
for column, name, jacobian in zip(st.columns(2), ("rnn", "lstm"), JACOBIANS):
    column.markdown(f"**{t(f'why.grad.jacobian_{name}')}**")
    column.latex(jacobian)
st.caption(t("why.grad.jacobian_caption"))
bias = page.forget_bias()
st.info(t("why.grad.forget_bias", start=bias.start, f0=bias.gate_at_start, distance=results.gradient_distance,
          fade=bias.gate_at_start ** results.gradient_distance, low=bias.trained_low, high=bias.trained_high))

st.divider()
st.markdown(f"**{t('common.try_next')}:** {t('why.try_next')}")
