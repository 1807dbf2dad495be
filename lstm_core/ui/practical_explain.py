"""The "Explain" tab of "Making LSTMs practical": attention, occlusion and saliency side by side,
their rank agreement, and rules read off the LSTM.

The attention classifier runs in NumPy (`lstm_core.explain.attention`); the rules are a
decision tree fitted by the build and stored in the attention model's card.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lstm_core import palette
from lstm_core.explain.agreement import rank_agreement
from lstm_core.explain.attention import RulesSummary, load_attention, rules_of
from lstm_core.explain.rules import Rule
from lstm_core.serving.assets import AssetError
from lstm_core.sentiment.classifier import EXAMPLES, label_name
from lstm_core.text.inputs import EmptyText, clean
from lstm_core.ui import loaders
from lstm_core.ui.i18n import lang, long_text, say, t
from lstm_core.ui.style import chart, table

MAX_CHARS = 600  # occlusion reruns the text once per token
TOP_RULES = 8


@st.cache_resource(show_spinner=False)
def attention_model(language: str):
    return load_attention(language)


@st.cache_resource(show_spinner=False)
def rules(language: str) -> RulesSummary:
    return rules_of(attention_model(language).card)


def lstm(language: str):
    """The Sentiment page's shipped LSTM, the Gates page's cached copy."""
    return loaders.traceable(f"sentiment_{language}")


def language_choice(key: str) -> str:
    """The data set's language; it starts as the page's language."""
    options = ["zh", "en"]
    names = {code: t(f"explain.language.{code}") for code in options}  # made now, in this run's language
    return st.radio(t("explain.language"), options, index=options.index(lang()), key=key, horizontal=True,
                    format_func=names.get)


def verdict(labels: list[str], probabilities: np.ndarray) -> str:
    k = int(np.argmax(probabilities))
    return say(label_name(labels[k])) + f" ({probabilities[k]:.2f})"


def attribution_figure(tokens: tuple[str, ...], scores: dict[str, np.ndarray]) -> go.Figure:
    """One row per method, one column per token; each row scaled to its own largest magnitude."""
    rows = [s / (np.abs(s).max() or 1.0) for s in scores.values()]
    fig = go.Figure(go.Heatmap(
        z=rows, x=list(range(len(tokens))), y=[t(f"explain.method.{m}") for m in scores], zmin=-1, zmax=1,
        colorscale=palette.DIVERGING, text=[[f"{v:.3f}" for v in s] for s in scores.values()],
        hovertemplate="%{y} · %{customdata}: %{text}<extra></extra>", customdata=[list(tokens)] * len(rows),
        colorbar={"title": t("explain.axis.scaled")},
    ))
    fig.update_xaxes(tickvals=list(range(len(tokens))), ticktext=list(tokens), title=t("explain.axis.token"))
    fig.update_yaxes(autorange="reversed")  # attention on top, as the rows are listed
    fig.update_layout(height=300, margin={"t": 30, "b": 10})
    return fig


def choose_text(language: str) -> str:
    examples = [text for _, text in EXAMPLES[language]]
    example = st.selectbox(t("explain.example"), examples, key=f"practical_explain_example_{language}")
    return st.text_input(t("explain.text"), value=example, key=f"practical_explain_text_{language}_{examples.index(example)}",
                         help=t("explain.text_help"))


def attributions(language: str) -> str | None:
    """Draw the three attributions of a chosen text; returns the text (None if unusable)."""
    model = attention_model(language)
    try:
        text = clean(choose_text(language), MAX_CHARS).text
        reading = model.read(text)
    except EmptyText:
        st.warning(t("common.empty_text"))
        return None
    except ValueError:
        st.warning(t("explain.no_tokens"))
        return None
    st.success(t("explain.verdict", verdict=verdict(model.labels, reading.probabilities)))
    scores = {"attention": reading.attention, "occlusion": reading.occlusion, "saliency": reading.saliency}
    chart(attribution_figure(reading.tokens, scores), key=f"practical_explain_attribution_{language}")
    st.caption(t("explain.attribution_caption"))
    agreement = rank_agreement(scores)
    table(pd.DataFrame([
        {t("explain.pair"): f"{t(f'explain.method.{a}')} · {t(f'explain.method.{b}')}",
         t("explain.tau"): "–" if tau is None else f"{tau:+.2f}"}
        for (a, b), tau in agreement.items()
    ]), key=f"practical_explain_agreement_{language}")
    st.markdown(long_text("explain_attention_note"))
    return text


def rule_text(rule: Rule, labels: tuple[str, ...]) -> str:
    parts = [t("explain.rule.has" if present else "explain.rule.lacks", gram=gram) for gram, present in rule.conditions]
    return t("explain.rule.line", conditions=t("explain.rule.and").join(parts) or t("explain.rule.always"),
             label=say(label_name(labels[rule.label])))


def rules_section(language: str, text: str | None) -> None:
    summary = rules(language)
    tree = summary.tree
    st.subheader(t("explain.rules.header"))
    st.markdown(long_text("explain_rules"))
    columns = st.columns(4)
    columns[0].metric(t("explain.rules.depth"), summary.depth)
    columns[1].metric(t("explain.rules.fidelity"), f"{100 * summary.test_fidelity:.1f}%")
    columns[2].metric(t("explain.rules.accuracy"), f"{100 * summary.test_accuracy:.1f}%")
    columns[3].metric(t("explain.rules.lstm_accuracy"), f"{100 * summary.lstm_test_accuracy:.1f}%")
    table(pd.DataFrame([
        {t("explain.rules.rule"): rule_text(rule, tree.labels), t("explain.rules.support"): rule.support,
         t("explain.rules.purity"): f"{100 * rule.purity:.0f}%"}
        for rule in tree.rules()[:TOP_RULES]
    ]), key=f"practical_explain_rules_{language}")
    if text:
        lstm_says = lstm(language).predict_proba([text])[0]
        fired = tree.path(text)
        st.info(t("explain.rules.fired", rule=rule_text(fired, tree.labels),
                  lstm=verdict(list(tree.labels), lstm_says)))


def language_with_models(key: str) -> str | None:
    """The language picker; None (after saying so) when that language's attention model is missing."""
    language = language_choice(key)
    try:
        attention_model(language)
    except (AssetError, FileNotFoundError):
        st.error(t("explain.missing"))
        return None
    return language


def explain_tab() -> None:
    st.markdown(long_text("explain_intro"))
    language = language_with_models("practical_explain_language")
    if language is None:
        return
    text = attributions(language)
    rules_section(language, text)
