"""The "Pretraining" tab of "Making LSTMs practical": an LSTM fine-tuned from a language model.

Three Chinese review classifiers on the Sentiment page's split, their numbers read from the
pretrained model's card (`python -m lstm_core.build pretrain`): the LSTM that starts from a
language model, the Sentiment page's LSTM trained from scratch, and TF-IDF. Then accuracy
against the number of labelled reviews (`assets/pretrain_curve.json`), and the pretrained
model reading a review of your own, with its running verdict and a way into Gates.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lstm_core import palette
from lstm_core.serving.assets import AssetError
from lstm_core.pretrain import PRETRAINED_NAME, label_curve, pretrain_figures as figures
from lstm_core.pretrain.results import MODELS, PretrainResults
from lstm_core.sentiment import classifier as sentiment, sentiment_figures
from lstm_core.sentiment.classifier import PAGE_DEFAULTS, label_name
from lstm_core.text.inputs import EmptyText, clean
from lstm_core.ui import loaders
from lstm_core.ui.i18n import colour, long_text, reason_of, say, t
from lstm_core.ui.sentiment_page import baseline
from lstm_core.ui.style import chart, input_notices, table

SPLITS = ("validation", "test")
MAX_CHARS = 600  # occlusion reruns the text once per token
DEFAULT_TEXT = "菜的味道还行，就是上菜太慢了，等了一个小时。"  # a restaurant: a domain the model was not trained on


def pretrained():
    """The pretrained classifier, the Gates page's cached copy."""
    return loaders.traceable(PRETRAINED_NAME)


@st.cache_data(show_spinner=False)
def curve() -> dict:
    return label_curve.load()


def names() -> dict[str, str]:
    return {model: t(f"pretrain.model.{model}") for model in MODELS}


def results() -> PretrainResults:
    """The pretrained model's card, typed (read once per server with the model)."""
    return PretrainResults.from_card(pretrained().card)


def models_section(found: PretrainResults) -> None:
    """The three models on the same splits, and what the numbers say against the targets."""
    st.subheader(t("pretrain.models_header"))
    shown, scores = names(), found.scores
    columns = {"validation": t("pretrain.col.validation"), "test": t("pretrain.col.test"),
               "other_domains": t("pretrain.col.other_domains")}
    table(pd.DataFrame({  # in classroom mode a table that wraps: no sideways scroll on a projector
        t("pretrain.col.model"): [shown[m] for m in MODELS],
        **{columns[c]: [f"{100 * getattr(scores[m], c):.1f}%" for m in MODELS] for c in columns},
        t("pretrain.col.macro_f1"): [f"{scores[m].test_macro_f1:.3f}" for m in MODELS],
    }), key="practical_pretrain_models")
    accuracy = {m: {c: getattr(scores[m], c) for c in columns} for m in MODELS}
    chart(figures.model_bars(accuracy, shown, columns), key="practical_pretrain_bars")
    sizes = found.split_sizes
    st.caption(t("pretrain.models_caption", train=sizes["train"], validation=sizes["validation"], test=sizes["test"],
                 reviews=found.other_domain_reviews))
    gap = 100 * (scores["pretrained"].test - scores["tfidf"].test)
    (st.success if gap >= 1 else st.warning)(t("pretrain.test_met" if gap >= 1 else "pretrain.test_missed", gap=gap))
    gap = 100 * (scores["pretrained"].other_domains - scores["tfidf"].other_domains)
    (st.success if gap > 0 else st.warning)(t("pretrain.domains_met" if gap > 0 else "pretrain.domains_missed", gap=gap))
    key = "pretrain.page_default" if PAGE_DEFAULTS["zh"] == PRETRAINED_NAME else "pretrain.page_kept"
    st.info(t(key, ours=100 * scores["pretrained"].validation, theirs=100 * scores["scratch"].validation))


def curve_section() -> None:
    """Accuracy against the number of labelled reviews, on the split the reader picks."""
    st.subheader(t("pretrain.curve_header"))
    try:
        data = curve()
    except AssetError as error:
        st.error(t("pretrain.curve_missing", reason=reason_of(error)))
        return
    shown = {split: t(f"pretrain.col.{split}") for split in SPLITS}  # made now, in this run's language
    split = st.radio(t("pretrain.split"), SPLITS, format_func=shown.get, horizontal=True,
                     key="practical_pretrain_split", help=t("pretrain.split_help"))
    axis = {"labels": t("pretrain.axis.labels"), "accuracy": t("pretrain.axis.accuracy"), "seeds": t("pretrain.axis.seeds")}
    chart(figures.label_curve(data["runs"], split, names(), axis), key="practical_pretrain_curve")
    lead, rest = label_curve.points(data["runs"], "pretrained", split), label_curve.points(data["runs"], "scratch", split)
    fewest = lead[0]
    st.caption(t("pretrain.curve_caption", seeds=", ".join(f"{p.size:,}: {p.seeds}" for p in lead)))
    ahead = label_curve.ahead_everywhere(data["runs"], split)
    quoted, theirs = (fewest, rest[0]) if ahead else label_curve.furthest_behind(data["runs"], split)
    (st.success if ahead else st.warning)(t(
        "pretrain.curve_ahead" if ahead else "pretrain.curve_behind", size=quoted.size,
        ours=100 * quoted.mean, theirs=100 * theirs.mean, all=lead[-1].size,
        ours_all=100 * lead[-1].mean, theirs_all=100 * rest[-1].mean))


def read_section() -> None:
    """A review of your own through the pretrained model: verdicts of all three, then the running verdict."""
    st.subheader(t("pretrain.read_header"))
    text = st.text_input(t("pretrain.text"), value=DEFAULT_TEXT, key="practical_pretrain_text",
                         help=t("pretrain.text_help", limit=MAX_CHARS))
    try:
        user = clean(text, MAX_CHARS)
    except EmptyText:
        st.warning(t("common.empty_text"))
        return
    input_notices(user)
    model, scratch = pretrained(), loaders.traceable(sentiment.SHIPPED_NAMES["zh"])
    try:
        reading = model.read(user.text)
    except ValueError:
        st.warning(t("sentiment.no_tokens"))
        return
    labels = [say(label_name(label)) for label in model.labels]
    probabilities = {"pretrained": reading.probabilities, "scratch": scratch.predict_proba([user.text])[0],
                     "tfidf": baseline("zh").predict_proba([user.text])[0]}
    for column, (name, p) in zip(st.columns(3), probabilities.items()):
        column.metric(t("sentiment.verdict", model=names()[name]), f"{labels[p.argmax()]} {p.max():.0%}")
    axis = {k: t(f"sentiment.axis.{k}") for k in ("token", "probability", "attribution")}
    st.caption(t("sentiment.how_read_caption", towards=colour(palette.POSITIVE), against=colour(palette.NEGATIVE)))
    chart(sentiment_figures.running_verdict(reading, model.labels, labels, axis), key="practical_pretrain_running")
    if st.button(t("pretrain.open_gates"), key="practical_pretrain_to_gates", help=t("sentiment.open_gates_help")):
        st.session_state["gates_model"] = model.key
        st.session_state["gates_text"] = user.text
        st.switch_page("pages/gates.py")


def tried_section(found: PretrainResults) -> None:
    """What the validation search tried, and the two language models under the classifier."""
    with st.expander(t("pretrain.tried_header")):
        st.markdown(t("pretrain.tried_caption"))
        table(pd.DataFrame([{
            t("pretrain.col.chosen"): "✓" if row.name == found.chosen else "",
            t("pretrain.col.start"): t(f"pretrain.start.{row.start}"),
            t("pretrain.col.review_lm"): "✓" if row.review_lm else "–",
            t("pretrain.col.gradual"): "✓" if row.gradual else "–",
            t("pretrain.col.pooling"): t(f"pretrain.pooling.{row.pooling}"),
            t("pretrain.col.learning_rate"): t("pretrain.rate.one" if row.rate_decay == 1 else "pretrain.rate.decay",
                                               rate=f"{row.learning_rate:g}", decay=f"{row.rate_decay:g}"),
            t("pretrain.col.members"): row.members,
            t("pretrain.col.validation"): f"{100 * row.validation:.2f}%",
            t("pretrain.col.macro_f1"): f"{row.validation_macro_f1:.4f}",
        } for row in found.tried]), key="practical_pretrain_tried")
        if found.general_bits is not None and found.review_bits is not None:
            st.markdown(t("pretrain.lm_caption", general=found.general_bits, reviews=found.review_bits,
                          tokens=found.review_tokens, epochs=found.review_best_epoch))
        st.caption(t("pretrain.hardware", seconds=found.training_seconds, load=found.load or 0.0,
                     general=found.general_seconds or 0.0, reviews=found.review_seconds or 0.0))


def pretrain_tab() -> None:
    st.markdown(long_text("practical_pretrain"))
    try:
        found = results()
    except AssetError as error:
        st.error(t("pretrain.missing", reason=reason_of(error)))
        return
    models_section(found)
    curve_section()
    read_section()
    tried_section(found)
