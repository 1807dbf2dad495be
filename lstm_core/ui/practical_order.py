"""The "Where order matters" tab: the hand-written contrast set, scored for the LSTM, the
TF-IDF model and the attention model, then for an LSTM and a TF-IDF model trained on the
same rule-made counterfactual text (`lstm_core.build.order_build`), the pairs they
disagree on, and a pair of your own.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lstm_core.explain import contrast
from lstm_core.explain.attention import contrast_of, test_accuracies
from lstm_core.explain.contrast import ContrastAccuracy, accuracies
from lstm_core.sentiment.tfidf_baseline import ANALYZERS
from lstm_core.text.inputs import EmptyText, clean
from lstm_core.ui.i18n import long_text, t
from lstm_core.ui.practical_explain import attention_model, language_with_models, lstm
from lstm_core.ui.sentiment_page import baseline, order_model  # the Sentiment page's cached copies: one per server
from lstm_core.ui.style import chart, table

MODELS = ("lstm", "tfidf", "attention")
AUGMENTED = ("order", "order_tfidf")  # rows from the order model's card: the LSTM and the bag of words on the same data
MAX_CHARS = 500


def predictors(language: str) -> dict:
    """name -> (predict_proba, class names) for the shipped models and, when present, the order model."""
    lstm_model, attention = lstm(language), attention_model(language)
    found = {"lstm": (lstm_model.predict_proba, lstm_model.labels), "tfidf": (baseline(language).predict_proba, lstm_model.labels),
             "attention": (attention.predict_proba, attention.labels)}
    order = order_model(language)
    if order is not None:
        found["order"] = (order.predict_proba, order.labels)
    return found


@st.cache_data(show_spinner=False)
def contrast_verdicts(language: str) -> tuple[contrast.ContrastSet, dict[str, np.ndarray]]:
    """The contrast set and each model's verdicts on it (0 negative, 1 positive)."""
    pairs = contrast.load(language)
    return pairs, {name: contrast.score(predict, labels, pairs).predicted for name, (predict, labels) in predictors(language).items()}


def polar_label(value: int) -> str:
    return t(f"explain.order.{contrast.LABELS[value]}")


@dataclass(frozen=True)
class Rows:
    """What the scores table shows, from the model cards."""

    models: tuple[str, ...]  # MODELS, then AUGMENTED when the order model is there
    contrast: dict[str, ContrastAccuracy]  # model -> its contrast-set scores
    test: dict[str, float]  # model -> test accuracy
    test_f1: dict[str, float]  # model -> test macro-F1 (every class counted equally)
    pairs: int  # in the contrast set
    added: int | None  # training texts the order model's generators added; None without it


def all_scores(language: str) -> Rows:
    card = attention_model(language).card
    scores, test, pairs = contrast_of(card), test_accuracies(card), int(card.details["contrast"]["pairs"])
    f1 = test_accuracies(card, "macro_f1")
    order = order_model(language)
    if order is None:
        return Rows(MODELS, scores, test, f1, pairs, None)
    order_contrast = accuracies(order.card.details["contrast"])
    scores.update(order=order_contrast["lstm"], order_tfidf=order_contrast["tfidf"])
    test.update(order=order.scores.accuracy, order_tfidf=order.baseline_scores.accuracy)
    f1.update(order=order.scores.macro_f1, order_tfidf=order.baseline_scores.macro_f1)
    return Rows(MODELS + AUGMENTED, scores, test, f1, pairs, int(order.card.data["generated"]["training_texts_added"]))


def scores_section(language: str) -> None:
    rows = all_scores(language)
    models, scores, test, added = rows.models, rows.contrast, rows.test, rows.added
    names = [t(f"explain.model.{m}") for m in models]
    table(pd.DataFrame({
        t("explain.order.model"): names,
        t("explain.order.accuracy"): [f"{100 * scores[m].accuracy:.1f}%" for m in models],
        t("explain.order.pair_accuracy"): [f"{100 * scores[m].pair_accuracy:.1f}%" for m in models],
        t("explain.order.test_accuracy"): [f"{100 * test[m]:.1f}%" for m in models],
        t("explain.order.test_f1"): [f"{rows.test_f1[m]:.3f}" for m in models],
    }), key=f"practical_order_scores_{language}")
    gap_augmented = 0.0
    if added is not None:
        gap_augmented = 100 * (scores["order"].accuracy - scores["order_tfidf"].accuracy)
        st.caption(t("explain.order.augmented", added=added, gap=gap_augmented))
    fig = go.Figure([
        go.Bar(name=t("explain.order.accuracy"), x=names, y=[100 * scores[m].accuracy for m in models]),
        go.Bar(name=t("explain.order.pair_accuracy"), x=names, y=[100 * scores[m].pair_accuracy for m in models]),
    ])
    fig.add_hline(y=50, line_dash="dot", annotation_text=t("explain.order.chance"), annotation_position="top left")
    fig.update_layout(barmode="group", height=380, yaxis_title="%", yaxis_range=[0, 100], margin={"t": 30},
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0))  # on top: beside, it squeezes the bars
    chart(fig, key=f"practical_order_chart_{language}")
    gap = 100 * (scores["lstm"].accuracy - scores["tfidf"].accuracy)
    key = "explain.order.target_met" if gap >= 10 else "explain.order.target_missed"
    (st.success if gap >= 10 else st.warning)(t(key, gap=gap, pairs=rows.pairs))
    if added is not None and gap_augmented >= 10:
        st.success(t("explain.order.augmented_verdict", gap=gap_augmented))


def differences_section(language: str) -> None:
    pairs, verdicts = contrast_verdicts(language)
    truth = pairs.labels
    models = tuple(verdicts)  # the shipped three, and the order model when present
    right = {m: (verdicts[m] == truth).reshape(-1, 2).all(axis=1) for m in models}
    differ = [k for k in range(len(pairs.pairs)) if len({bool(right[m][k]) for m in models}) > 1]
    st.markdown(t("explain.order.differ", count=len(differ), total=len(pairs.pairs)))
    rows = []
    for k in differ:
        pair = pairs.pairs[k]
        for member in (0, 1):
            row = 2 * k + member
            rows.append({t("explain.order.pair"): pair.pair_id, t("explain.order.change"): t(f"explain.change.{pair.change}"),
                         t("explain.order.text"): pair.texts[member], t("explain.order.truth"): polar_label(truth[row]),
                         **{t(f"explain.model.{m}"): ("✓ " if verdicts[m][row] == truth[row] else "✗ ") + polar_label(verdicts[m][row])
                            for m in models}})
    if rows:
        table(pd.DataFrame(rows), key=f"practical_order_differ_{language}")


def own_pair(language: str) -> None:
    st.subheader(t("explain.order.own"))
    first = contrast_verdicts(language)[0].pairs[0]  # cached with the verdicts
    left, right = st.columns(2)
    texts = [left.text_input(t("explain.order.text_a"), value=first.texts[0], key=f"practical_order_a_{language}"),
             right.text_input(t("explain.order.text_b"), value=first.texts[1], key=f"practical_order_b_{language}")]
    try:
        texts = [clean(text, MAX_CHARS).text for text in texts]
    except EmptyText:
        st.warning(t("common.empty_text"))
        return
    rows = []
    for name, (predict, labels) in predictors(language).items():
        probabilities = predict(texts)
        verdicts = contrast.polar(probabilities, labels)
        positive = probabilities[:, list(labels).index("positive")]
        rows.append({t("explain.order.model"): t(f"explain.model.{name}"),
                     t("explain.order.verdict_a"): f"{polar_label(verdicts[0])} (P+ {positive[0]:.2f})",
                     t("explain.order.verdict_b"): f"{polar_label(verdicts[1])} (P+ {positive[1]:.2f})",
                     t("explain.order.apart"): t("explain.order.yes" if verdicts[0] != verdicts[1] else "explain.order.no")})
    table(pd.DataFrame(rows), key=f"practical_order_own_{language}")
    st.caption(t("explain.order.own_caption"))


def order_tab() -> None:
    st.markdown(long_text("explain_order_intro", en_n=ANALYZERS["en"][1][1], zh_n=ANALYZERS["zh"][1][1]))
    language = language_with_models("practical_order_language")
    if language is None:
        return
    scores_section(language)
    differences_section(language)
    own_pair(language)
