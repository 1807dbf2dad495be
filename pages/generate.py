"""Text generation: character LSTMs, temperature / top-k / top-p, the n-gram beside them."""

import html

import streamlit as st

from lstm_core.generate import language_model, sampling
from lstm_core.generate import generate_figures as figures
from lstm_core.text.inputs import EmptyText, clean
from lstm_core.ui import generate_page as page
from lstm_core.ui import generate_tabs as tabs
from lstm_core.ui.i18n import literal, long_text, say, t
from lstm_core.ui.style import chart, input_notices, kept_figure
from lstm_core.ui.server_setup import through_the_app

through_the_app()  # first: on a fresh server a page may be run without app.py (see the function)

DEFAULTS = sampling.SamplingConfig()
SIDE_BY_SIDE = (0.0, 0.5, 1.0, 1.5)  # temperatures compared from the same prompt and seed
PROMPT_LIMIT = 500  # characters of prompt the model reads; the rest is cut with a notice

st.title(t("generate.title"))
st.markdown(long_text("generate_intro"))

# ---- model and sampling controls --------------------------------------------------
choices = page.model_choices()
if not choices:
    st.error(t("generate.no_models"))
    st.stop()
if st.session_state.get("generate_model") not in choices:
    st.session_state["generate_model"] = choices[0]
key = st.selectbox(t("generate.model"), choices, key="generate_model", help=t("generate.model_help"),
                   format_func=lambda k: say(page.get_model(k).title))
model = page.get_model(key)
left, right = st.columns([3, 2])
raw_prompt = left.text_input(t("generate.prompt"), value=model.default_text, key=f"generate_prompt_{key}",
                             help=t("generate.prompt_help"))
length_asked = right.number_input(t("generate.length"), 0, 100_000, 200, 50, key="generate_length",
                                  help=t("generate.length_help", most=language_model.MAX_LENGTH))
c1, c2, c3, c4 = st.columns(4)
temperature = c1.slider(t("generate.temperature"), 0.0, 3.0, DEFAULTS.temperature, 0.05, key="generate_temperature",
                        help=t("generate.temperature_help"))
top_k = c2.number_input(t("generate.top_k"), 0, 100_000, 0, key="generate_top_k", help=t("generate.top_k_help"))
top_p = c3.slider(t("generate.top_p"), 0.0, 1.0, 1.0, 0.05, key="generate_top_p", help=t("generate.top_p_help"))
seed = c4.number_input(t("common.seed"), 0, 2**31 - 1, DEFAULTS.seed, key="generate_seed", help=t("common.seed_help"))

try:
    typed = clean(raw_prompt, limit=PROMPT_LIMIT)
    prompt = typed.text
    input_notices(typed)
except EmptyText:
    prompt = language_model.DEFAULT_PROMPTS.get(key.removeprefix("charlm_"), model.default_text)
    st.info(t("generate.empty_prompt", prompt=literal(prompt)))
length = language_model.clamp_length(length_asked)
if length != length_asked:
    st.warning(t("generate.length_clamped", asked=length_asked, used=length, most=language_model.MAX_LENGTH))
if top_k > len(model.vocab):
    st.info(t("generate.top_k_all", k=top_k, v=len(model.vocab)))
if top_p == 0:
    st.info(t("generate.top_p_zero"))
if temperature == 0:
    st.caption(t("generate.greedy"))
config = sampling.SamplingConfig(temperature, top_k or None, top_p if top_p < 1 else None, int(seed))
unknown = sorted({ch for ch, u in zip(prompt, model.vocab.encode(prompt).unknown) if u})
if unknown:
    st.warning(t("generate.unknown_chars", chars=literal(" ".join(unknown))))

# The tabs rerun the page when another is picked, and only the open one does its work: a
# hidden tab neither generates nor draws (page.TABS). Training goes on whichever tab is open.
tab_gen, tab_temp, tab_base, tab_train = st.tabs(
    [t(f"generate.tab_{name}") for name in page.TABS], key="generate_tab", on_change="rerun"
)
settings = (key, model.fingerprint, prompt, length, config)

# ---- generate, streamed, with the distribution behind every character ---------------------
with tab_gen:
    if tab_gen.open:
        steps = page.remembered("steps", settings)
        box = st.empty()
        if steps is None:
            steps = page.stream(model, prompt, length, config,
                                lambda text: box.code(prompt + text, language=None, wrap_lines=True))
            page.remember("steps", settings, steps)
        text = prompt + "".join(s.char for s in steps)
        box.code(text, language=None, wrap_lines=True)
        st.download_button(t("generate.download"), text.encode("utf-8"), "generated.txt", "text/plain",
                           key="generate_download", help=t("generate.download_help"))
        st.session_state["generate_pick"] = min(st.session_state.get("generate_pick", 1), len(steps))
        picked = st.slider(t("generate.pick"), 1, max(len(steps), 2), key="generate_pick", help=t("generate.pick_help"),
                           persist_state="page")
        step = steps[min(picked, len(steps)) - 1]
        m1, m2, m3 = st.columns(3)
        m1.metric(t("generate.picked_char"), figures.shown(step.char), help=t("generate.picked_char_help"))
        m2.metric(t("generate.entropy_model"), f"{step.entropy_model:.2f}", help=t("generate.entropy_help"))
        m3.metric(t("generate.entropy_drawn"), f"{step.entropy_drawn:.2f}", help=t("generate.entropy_help"))
        chart(kept_figure("generate_candidates", (settings, picked), lambda: figures.candidates_figure(
            step.candidates, step.model_probs, step.drawn_probs, step.char, {
                "title": t("generate.candidates_title", n=picked, p=step.chosen_prob), "model": t("generate.bar_model"),
                "drawn": t("generate.bar_drawn"), "x": t("generate.axis_candidate"), "y": t("generate.axis_probability"),
            })), key="generate_candidates")
        st.markdown(f"**{t('common.try_next')}:** {t('generate.try_next')}")

# ---- temperature made visible -----------------------------------------------------------
with tab_temp:
    if tab_temp.open:
        st.markdown(long_text("generate_temperature"))
        first = language_model.drawable(model.vocab, page.first_distribution(key, model, prompt))
        a, b = st.columns([3, 2])
        with a:
            chart(kept_figure("generate_reshape", (key, model.fingerprint, prompt, temperature), lambda: figures.temperature_figure(
                first, model.vocab.tokens, temperature, {
                    # Plotly reads tags in a title, so the typed prompt is escaped.
                    "title": t("generate.reshape_title", prompt=html.escape(prompt[-12:])), "base": t("generate.reshape_base"),
                    "hot": t("generate.reshape_hot"), "x": t("generate.axis_candidate"), "y": t("generate.axis_probability"),
                })), key="generate_reshape")
        with b:
            chart(kept_figure("generate_entropy", (key, model.fingerprint, prompt, temperature), lambda: figures.entropy_figure(
                first, temperature, {
                    "title": t("generate.entropy_title"), "curve": t("generate.entropy_curve"), "now": t("generate.entropy_now"),
                    "x": t("generate.temperature"), "y": t("generate.axis_entropy"),
                })), key="generate_entropy")
        st.subheader(t("generate.side_by_side"))
        st.caption(t("generate.side_by_side_caption", seed=int(seed)))
        fair = (key, model.fingerprint, prompt, min(length, 150), config.top_k, config.top_p, config.seed)
        samples = page.remembered("side", fair)
        if samples is None:
            samples = page.side_by_side(model, prompt, fair[3], SIDE_BY_SIDE, config)
            page.remember("side", fair, samples)
        for column, temp, continuation in zip(st.columns(len(SIDE_BY_SIDE)), SIDE_BY_SIDE, samples):
            column.markdown(f"**T = {temp}**")
            column.code(prompt + continuation, language=None, wrap_lines=True)

# ---- the n-gram baseline, and training your own ------------------------------------------
with tab_base:
    if tab_base.open:
        tabs.baseline_tab(model, key, prompt, length, config, settings)
with tab_train:
    tabs.training_tab(int(seed), shown=tab_train.open)  # always run: a training advances here, an upload stays
