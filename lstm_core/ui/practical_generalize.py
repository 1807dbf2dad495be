"""The "Generalize" and "A worked case" tabs of the page "Making LSTMs practical".

Both draw precomputed results (assets/generalize.json, `python -m lstm_core.build
generalize`); the augmentation demo runs live on the student's sentence, seeded.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from lstm_core.generalize import generalize_figures as figures
from lstm_core.generalize.augment import OPERATIONS, augment, synonym_table
from lstm_core.generalize.experiments import read
from lstm_core.sentiment.classifier import tokenize
from lstm_core.serving.assets import AssetError
from lstm_core.ui.i18n import literal, reason_of, t
from lstm_core.ui.style import chart, table
from lstm_core.ui.tokens_page import shipped_vectors

VARIANTS = ("none", "dropout", "recurrent_dropout", "l2", "early_stopping", "augmentation")
STEPS = ("plain", "augmentation", "regularization", "attention", "ensemble", "compressed")
DEMO_TEXT = "质量很好，送货也快，但是价格有点贵"


@st.cache_data(show_spinner=False)
def card() -> dict:
    return read()


def _vectors():
    """The Tokens page's cached Chinese word vectors (one copy per server)."""
    return shipped_vectors("zh")


@st.cache_data(show_spinner=False, max_entries=64)
def _synonyms(tokens: tuple[str, ...]) -> dict[str, list[str]]:
    return synonym_table(_vectors(), tokens)


def _labels() -> dict[str, str]:
    names = {name: t(f"generalize.variant.{name}") for name in VARIANTS}
    names.update({name: t(f"generalize.step.{name}") for name in STEPS})
    names.update({k: t(f"generalize.label.{k}") for k in ("train", "validation", "epoch", "loss", "accuracy",
                                                          "test_accuracy", "kb")})
    names["contrast"] = t("generalize.col.contrast")
    return names


def _loaded() -> dict | None:
    try:
        return card()
    except AssetError as error:
        st.error(t("generalize.missing", reason=reason_of(error)))
        return None


def generalize_tab() -> None:
    """Curves per variant, the scores table, then the augmentation demo."""
    st.markdown(t("generalize.intro"))
    data = _loaded()
    if data is None:
        return
    labels = _labels()
    chosen = st.multiselect(t("generalize.variants"), list(VARIANTS), ["none", "dropout", "early_stopping"],
                            format_func=labels.get, key="generalize_variants", help=t("generalize.variants_help"))
    metric = st.radio(t("generalize.metric"), ["loss", "accuracy"], format_func=labels.get, horizontal=True,
                      key="generalize_metric")
    if chosen:
        chart(figures.curves_figure(data["variants"], chosen, metric, labels), key="generalize_curves")
    st.caption(t("generalize.curves_caption", train=data["data"]["subset"]["train"], of=data["data"]["subset"]["of"],
                 epochs=data["setup"]["epochs"]))
    _scores(data, labels)
    st.subheader(t("generalize.augment_header"))
    _augmentation_demo()


def _scores(data: dict, labels: dict[str, str]) -> None:
    rows = [{t("generalize.col.variant"): labels[name], t("generalize.col.kept_epoch"): v["kept_epoch"],
             t("generalize.col.best_epoch"): v["best_validation_epoch"],
             t("generalize.col.validation"): v["validation_accuracy"], t("generalize.col.test"): v["test_accuracy"]}
            for name, v in data["variants"].items()]
    ensembles = data["ensembles"]
    for key, entry in (("seeds", ensembles["seeds"]), ("stacked", ensembles["stacked"]), ("tfidf", data["baseline"])):
        rows.append({t("generalize.col.variant"): t(f"generalize.ensemble.{key}", n=len(ensembles["seeds"]["members"])),
                     t("generalize.col.validation"): entry.get("validation_accuracy"),
                     t("generalize.col.test"): entry["test_accuracy"]})
    frame = pd.DataFrame(rows)
    for column in (t("generalize.col.kept_epoch"), t("generalize.col.best_epoch")):  # whole epochs, not 6.0000
        frame[column] = frame[column].map(lambda epoch: "–" if pd.isna(epoch) else str(int(epoch)))
    table(frame.astype(object).fillna("–"), key="generalize_scores")
    st.caption(t("generalize.scores_caption", regularizer=labels[data["chosen_regularizer"]["name"]]))


def _augmentation_demo() -> None:
    """The four EDA edits of a typed sentence, with a seed."""
    st.markdown(t("generalize.augment_intro"))
    text = st.text_input(t("generalize.augment_text"), DEMO_TEXT, max_chars=300, key="generalize_text")
    left, right = st.columns(2)
    seed = left.number_input(t("common.seed"), 0, 10_000, 0, key="generalize_seed", help=t("common.seed_help"))
    alpha = right.slider(t("generalize.alpha"), 0.05, 0.5, 0.1, 0.05, key="generalize_alpha",
                         help=t("generalize.alpha_help"))
    tokens = tokenize(text, "zh", "words")
    if not tokens:
        st.info(t("generalize.augment_empty"))
        return
    synonyms = _synonyms(tuple(tokens))
    rng = np.random.default_rng(int(seed))
    # st.table renders its cells as Markdown, and the tokens are the student's: shown literally.
    rows = [{t("generalize.col.operation"): t("generalize.op.original"), t("generalize.col.tokens"): literal(" ".join(tokens))}]
    rows += [{t("generalize.col.operation"): t(f"generalize.op.{op}"),
              t("generalize.col.tokens"): literal(" ".join(augment(tokens, synonyms, op, rng, alpha)))} for op in OPERATIONS]
    st.table(pd.DataFrame(rows).set_index(t("generalize.col.operation")))
    known = ", ".join(f"{w} → {' / '.join(n[:3])}" for w, n in list(synonyms.items())[:6])
    st.caption(t("generalize.neighbours", known=literal(known) or "-"))


def worked_case_tab() -> None:
    """One classifier step by step: a table and a chart."""
    st.markdown(t("generalize.case.intro"))
    data = _loaded()
    if data is None:
        return
    labels, steps = _labels(), data["worked_case"]
    rows = []
    for step in steps:
        row = {t("generalize.col.step"): labels[step["step"]]}
        if step["available"]:
            row.update({t("generalize.col.validation"): step["validation_accuracy"],
                        t("generalize.col.test"): step["test_accuracy"],
                        t("generalize.col.kb"): round(step["bytes"] / 1024, 1),
                        t("generalize.col.ms"): step["ms_per_prediction"],
                        t("generalize.col.contrast"): step["contrast_accuracy"]})
        rows.append(row)  # a step that could not be run has only its name: its cells show "–"
    table(pd.DataFrame(rows).astype(object).fillna("–"), key="generalize_case_table")
    chart(figures.worked_case_figure(steps, labels), key="generalize_case_chart")
    compressed = next(s for s in steps if s["step"] == "compressed")
    baseline = data["baseline"]
    st.caption(t("generalize.case.caption", regularizer=labels[data["chosen_regularizer"]["name"]],
                 fraction=int(100 * compressed["pruned_units"]), tfidf=baseline["test_accuracy"],
                 tfidf_contrast=baseline["contrast_accuracy"], pairs=data["contrast_set"]["pairs"],
                 seeds=len(data["ensembles"]["seeds"]["members"])))
