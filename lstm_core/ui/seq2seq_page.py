"""The Sequence to sequence page: its cached models and one function per tab.

The page (`pages/seq2seq.py`) reads the task and the input; each tab function here draws
one part from the shipped translators (`lstm_core.seq2seq`) and their model card. Numbers
a text states come from the card or from the model run now, never typed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from lstm_core.message import UserError
from lstm_core.seq2seq import seq2seq_figures as figures
from lstm_core.seq2seq.tasks import TASKS
from lstm_core.seq2seq.card import MIN_POINT, TranslatorResults
from lstm_core.seq2seq.evaluate import BeamFix, BeamFixes
from lstm_core.seq2seq.translator import Decoding, Translator, load_all
from lstm_core.ui.i18n import reason_of, t
from lstm_core.ui.style import chart

TASK_NAMES = tuple(TASKS)
OWN = "seq2seq_trained"  # the session's finished training (a TrainedTranslator)
AXES = ("input", "output", "weight", "unit", "next", "probability", "length", "count", "exact", "epoch", "loss",
        "val_exact", "attention", "plain", "free_running", "own")


def names() -> dict[str, str]:
    """The charts' words in the reader's language."""
    return {key: t(f"seq2seq.axis.{key}") for key in AXES}


@st.cache_resource(show_spinner=False)
def shipped(task: str) -> dict[str, Translator]:
    """The task's three shipped translators (read-only), read once per server."""
    return load_all(task)


def own_translator(task: str) -> Translator | None:
    """The model trained in this session, when it is for `task`."""
    trained = st.session_state.get(OWN)
    return trained.translator if trained is not None and trained.translator.task.name == task else None


def use_example() -> None:
    """on_change of the task and example pickers: put the chosen example in the text box."""
    task = st.session_state["seq2seq_task"]
    chosen = st.session_state.get(f"seq2seq_example_{task}", 0)
    st.session_state["seq2seq_text"] = TASKS[task].examples[chosen]


def decode_or_say(translator: Translator, text: str) -> Decoding | None:
    """The greedy decoding of the input, or None after saying (in the reader's language) why not."""
    try:
        return translator.decode(text)
    except UserError as error:
        st.warning(t("seq2seq.cannot_read", reason=reason_of(error)))
        return None


def rule_answer(translator: Translator, text: str) -> str | None:
    """The rule's answer, or None after saying why the rule has none (the models still answer)."""
    try:
        return translator.rule(text)
    except UserError as error:
        st.info(t("seq2seq.no_rule", reason=reason_of(error)))
        return None


# ---- tab: translate -----------------------------------------------------------------------------------
def translate_tab(models: dict[str, Translator], own: Translator | None, decoding: Decoding, text: str) -> None:
    """Each model's translation beside the rule's answer, and the attention heatmap."""
    truth = rule_answer(models["attention"], text)
    shown = {"attention": decoding.output, "plain": models["plain"].translate([text])[0]}
    if own is not None:
        shown["own"] = own.translate([text])[0]
    columns = st.columns(len(shown) + 1)
    for column, (variant, output) in zip(columns, shown.items()):
        mark = "" if truth is None else (" ✓" if output == truth else " ✗")
        column.metric(t(f"seq2seq.axis.{variant}"), (output or "∅") + mark)
    columns[-1].metric(t("seq2seq.rule"), truth or "—")
    st.subheader(t("seq2seq.heatmap_title"))
    labels = models["attention"].step_labels(decoding.ids)
    chart(figures.attention_heatmap(decoding.attention, list(decoding.source), labels, names()), key="seq2seq_heatmap")
    st.caption(t("seq2seq.heatmap_caption"))


# ---- tab: step through decoding ------------------------------------------------------------------------------
def step_tab(translator: Translator, decoding: Decoding) -> None:
    """One output step: what the decoder read, where it looked, the context, its distribution, its choice."""
    labels = translator.step_labels(decoding.ids)
    number = st.slider(t("seq2seq.step"), 1, decoding.steps, 1, key=f"seq2seq_step_{decoding.steps}",
                       help=t("seq2seq.step_help")) if decoding.steps > 1 else 1
    step = number - 1
    probabilities = np.exp(decoding.log_probs[step])
    chosen = decoding.ids[step]
    caption = "seq2seq.step_caption_first" if step == 0 else "seq2seq.step_caption"
    st.markdown(t(caption, step=number, previous=f"`{labels[step - 1] if step else '<s>'}`", chosen=f"`{labels[step]}`",
                  p=float(probabilities[chosen])))
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('seq2seq.step_attention')}**")
        chart(figures.attention_bars(decoding.attention[step], list(decoding.source), names()), key="seq2seq_step_bars")
        st.markdown(f"**{t('seq2seq.step_context')}**")
        chart(figures.context_strip(decoding.contexts[step], names()), key="seq2seq_step_context")
    with right:
        st.markdown(f"**{t('seq2seq.step_distribution')}**")
        writable = translator.codec.writable_ids()  # padding and the start mark are never written
        symbols = [translator.codec.target_label(k) for k in writable]
        chart(figures.distribution(probabilities[writable], symbols, writable.index(chosen), names()),
              key="seq2seq_step_distribution")
    st.caption(t("seq2seq.step_note"))


# ---- tab: with and without attention --------------------------------------------------------------------------
def compare_tab(results: TranslatorResults) -> None:
    """Exact match against input length, with and without attention, on the card's held-out draw."""
    found = {v: results.variants[v] for v in ("attention", "plain")}
    st.markdown(t("seq2seq.compare_intro", test=results.test_size, draw=t(f"seq2seq.draw.{results.task}"),
                  attention=found["attention"].exact, plain=found["plain"].exact))
    charted = {v: {n: p for n, p in r.by_length.items() if p.count >= MIN_POINT} for v, r in found.items()}
    chart(figures.accuracy_by_length(charted, names()), key="seq2seq_by_length")
    lengths = sorted(found["attention"].by_length)
    table = pd.DataFrame({
        t("seq2seq.axis.length"): lengths,
        t("seq2seq.axis.count"): [found["attention"].by_length[n].count for n in lengths],
        **{t(f"seq2seq.axis.{v}"): [r.by_length[n].exact for n in lengths] for v, r in found.items()},
    })
    st.dataframe(table.style.format({t(f"seq2seq.axis.{v}"): "{:.2%}" for v in found}), hide_index=True, width="stretch")
    st.caption(t("seq2seq.compare_note", units=found["attention"].spec.units, least=MIN_POINT))


# ---- tab: teacher forcing and free running ----------------------------------------------------------------------
def teacher_forcing_tab(results: TranslatorResults, models: dict[str, Translator], text: str) -> None:
    """Training curves of the teacher-forced and the free-running decoder, and what each does at test time."""
    st.markdown(t("seq2seq.forcing_intro"))
    runs = {v: results.variants[v] for v in ("plain", "free_running")}
    ways = {"plain": t("seq2seq.axis.teacher_forced"), "free_running": t("seq2seq.axis.free_running")}
    chart(figures.training_curves({v: r.history for v, r in runs.items()}, {**names(), **ways}), key="seq2seq_forcing_curves")
    forced, free = runs["plain"].history["val_exact"], runs["free_running"].history["val_exact"]
    widest = max(range(min(len(forced), len(free))), key=lambda k: abs(forced[k] - free[k]))
    st.markdown(t("seq2seq.forcing_widest", epoch=widest + 1, teacher=forced[widest], free=free[widest]))
    rows = {ways[v]: {
        t("seq2seq.forcing.exact"): f"{r.exact:.2%}",
        t("seq2seq.forcing.fed_truth"): f"{r.characters.fed_truth:.2%}",
        t("seq2seq.forcing.fed_own"): f"{r.characters.fed_own:.2%}",
        t("seq2seq.forcing.gap"): f"{r.characters.gap:.2%}",
        t("seq2seq.forcing.epochs"): f"{r.best_epoch} / {r.epochs_run}",
    } for v, r in runs.items()}
    st.dataframe(pd.DataFrame(rows), width="stretch")
    st.caption(t("seq2seq.forcing_note", test=results.test_size))
    try:
        outputs = {v: models[v].translate([text])[0] for v in runs}
    except UserError:
        return  # said above the tabs
    st.markdown(t("seq2seq.forcing_yours", teacher=f"`{outputs['plain'] or '∅'}`",
                  free=f"`{outputs['free_running'] or '∅'}`"))


# ---- tab: greedy and beam search ---------------------------------------------------------------------------------
def _searches(results: TranslatorResults, own) -> list[tuple[str, BeamFixes, int]]:
    """(model, its search for beam fixes, its held-out inputs): the shipped models', then this session's."""
    found = [(v, results.variants[v].beam_fixes, results.test_size) for v in ("attention", "plain")]
    if own is not None:
        found.append(("own", own.beam_fixes, own.test_size))
    return found


def _use_fix(variant: str, example: BeamFix, width: int) -> None:
    """on_click of "Try it": the example's input, model and beam width."""
    st.session_state["seq2seq_text"] = example.input
    st.session_state["seq2seq_beam_model"] = variant
    st.session_state["seq2seq_beam_width"] = width


def beam_tab(results: TranslatorResults, models: dict[str, Translator], text: str) -> None:
    """Greedy against beam search on the input, the beam at every step, and a fix found on a held-out draw."""
    own = st.session_state.get(OWN)
    own = own if own is not None and own.translator.task.name == results.task else None
    choices = {"attention": models["attention"], "plain": models["plain"]} | ({"own": own.translator} if own else {})
    left, right = st.columns(2)
    variant = left.radio(t("seq2seq.beam_model"), list(choices), format_func=lambda v: t(f"seq2seq.axis.{v}"),
                         key="seq2seq_beam_model", horizontal=True, help=t("seq2seq.beam_model_help"))
    width = right.slider(t("seq2seq.beam_width"), 1, 8, 3, key="seq2seq_beam_width", help=t("seq2seq.beam_width_help"))
    translator = choices[variant]
    try:
        result = translator.beam(text, width)
    except UserError:
        return  # said above the tabs
    for column, name, found in zip(st.columns(2), (t("seq2seq.greedy"), t("seq2seq.beam", width=width)),
                                   (result.greedy, result.best)):
        column.metric(name, translator.codec.target_text(found.ids) or "∅")
        column.caption(t("seq2seq.log_prob", value=f"{found.log_prob:.4g}"))
    st.markdown(f"**{t('seq2seq.beam_steps')}**")
    rows = [{t("seq2seq.beam_col.step"): step.step + 1,
             **{t("seq2seq.beam_col.rank", rank=rank + 1): f"{''.join(translator.step_labels(c.ids))}   ({c.log_prob:.3g})"
                for rank, c in enumerate(step.candidates)}} for step in result.steps]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption(t("seq2seq.beam_note"))
    _fix_section(_searches(results, own))


def _fix_section(searches: list[tuple[str, BeamFixes, int]]) -> None:
    """The first input where a beam fixed a greedy mistake, from searches over whole held-out draws, or why none."""
    st.subheader(t("seq2seq.fix_title"))
    found = next(((v, fixes, size) for v, fixes, size in searches if fixes.examples), None)
    if found is None:
        st.info(t("seq2seq.fix_none", width=searches[0][1].width, searched="; ".join(
            t("seq2seq.fix_searched", model=t(f"seq2seq.axis.{v}"), test=size, errors=fixes.greedy_errors)
            for v, fixes, size in searches)))
        return
    variant, fixes, size = found
    example = fixes.examples[0]
    st.markdown(t("seq2seq.fix_found", model=t(f"seq2seq.variant.{variant}"), test=size, errors=fixes.greedy_errors,
                  searched=fixes.searched, fixed=fixes.fixed, width=fixes.width, input=f"`{example.input}`",
                  greedy=f"`{example.greedy}`", beam=f"`{example.beam}`", greedy_lp=example.greedy_log_prob,
                  beam_lp=example.beam_log_prob))
    st.button(t("seq2seq.fix_try"), key="seq2seq_fix_try", on_click=_use_fix, args=(variant, example, fixes.width),
              help=t("seq2seq.fix_try_help"))
