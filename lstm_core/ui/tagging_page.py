"""The sequence labelling page's sections: methods side by side, what the network sees, the
measured comparison, the gallery of mistakes, and training a small tagger live.

Models are loaded once per server (`st.cache_resource`); every number in the comparison
comes from the model card; training goes through `lstm_core.ui.live_training`.
"""

from __future__ import annotations

from itertools import count

import pandas as pd
import streamlit as st

from lstm_core import palette
from lstm_core.message import Message
from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard
from lstm_core.serving.budget import OverBudget, check_training
from lstm_core.sentiment import sentiment_figures
from lstm_core.tagging import corpus, evaluation, shipped, tagging_figures as figures
from lstm_core.tagging.corpus import ENTITY_TYPES, text_of
from lstm_core.tagging.tagger import Tagger
from lstm_core.tagging.tagger_train import LIVE, TaggerConfig, TaggerTraining, prepare
from lstm_core.text.segmentation import TAG_GROUPS, tag_group
from lstm_core.ui.i18n import colour, reason_of, t
from lstm_core.ui.live_training import LiveTraining
from lstm_core.ui.session_models import add
from lstm_core.string_table import both
from lstm_core.ui.style import chart

METHODS = ("jieba_hmm", "jieba_no_hmm", "crf", "bilstm")  # the order of the columns and the table rows
TABLE_METHODS = ("bilstm", "lstm_forward", "crf", "jieba_hmm", "jieba_no_hmm")
TRAINING = LiveTraining("tagging")
TRAINED = "tagging_trained"
SESSION_KEY = "tagging_session"


# ---- loaders -----------------------------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def taggers() -> tuple[Tagger, Tagger]:
    """(two-way, one-way) shipped taggers, shared by every session (read-only)."""
    return shipped.load_both()


@st.cache_resource(show_spinner=False)
def crf():
    return shipped.load_crf()


@st.cache_resource(show_spinner=False)
def card() -> ModelCard:
    """The tagger's model card (read-only, shared): every number the page quotes comes from it."""
    return shipped.tagger_card()


@st.cache_resource(show_spinner=False)
def test_sentences() -> tuple:
    """The test split, read from the installed corpus (never copied into the repository)."""
    return corpus.test_sentences()


@st.cache_resource(show_spinner=False)
def training_sentences() -> tuple:
    split = corpus.people_daily_split()
    return split.train, split.validation, split.test


def load_models() -> None:
    """Load (once per server) and check every model file the page needs; AssetError if one is missing or altered."""
    taggers()
    crf()
    card()


def method_words(text: str) -> dict[str, list[str]]:
    """Each method's words for `text` (a few milliseconds for a sentence)."""
    bi, _ = taggers()
    return {"jieba_hmm": evaluation.jieba_segment(True)(text), "jieba_no_hmm": evaluation.jieba_segment(False)(text),
            "crf": crf().segment(text), "bilstm": bi.segment(text)}


def gold_of(text: str) -> list[str] | None:
    """The gold words when `text` is one of the gallery's test sentences."""
    for index in gallery_indices():
        sentence = test_sentences()[index]
        if text_of(sentence) == text:
            return [word for word, _ in sentence]
    return None


def gallery_indices() -> list[int]:
    return sorted({i for indices in card().detail("gallery").values() for i in indices})


# ---- drawing ------------------------------------------------------------------------------------------
def state_names() -> dict[str, str]:
    return {state: t(f"tagging.state.{state}") for state in palette.WORDS}


def side_by_side(text: str) -> None:
    """The four methods' words, disagreements (and, for a test sentence, mistakes) highlighted."""
    outputs, gold = method_words(text), gold_of(text)
    states = figures.word_states(outputs, gold)
    names = state_names()
    for method in METHODS:
        left, right = st.columns([1, 4])
        left.markdown(f"**{t(f'tagging.method.{method}')}**")
        right.markdown(figures.word_chips(outputs[method], states[method], names), unsafe_allow_html=True)
    if gold is not None:
        left, right = st.columns([1, 4])
        left.markdown(f"**{t('tagging.gold')}**")
        right.markdown(figures.gold_chips(gold, names["gold"]), unsafe_allow_html=True)
        st.caption(t("tagging.gold_caption", wrong=colour(palette.WORDS["wrong"])))
    shown = {k: v for k, v in palette.WORDS.items() if gold is not None or k != "wrong"}
    st.markdown(figures.legend_html(shown, names), unsafe_allow_html=True)


def strip(tagger: Tagger, text: str, title: str, key: str) -> None:
    reading = tagger.read(text)
    names = {"position": t("tagging.axis.position"), "character": t("tagging.axis.character"),
             "probability": t("tagging.axis.probability"), "title": title}
    chart(figures.position_strip(text, reading.position_probabilities, reading.labels, names), key=key)


def tagged(text: str) -> None:
    bi, _ = taggers()
    reading = bi.read(text)
    groups = {group: t(f"tokens.group.{group}") for _, group in TAG_GROUPS} | {"other": t("tokens.group.other")}
    kinds = {kind: t(f"tagging.entity.{kind}") for kind in ENTITY_TYPES}
    st.markdown(figures.tagged_html(reading.words, reading.tags, reading.entities, groups, kinds), unsafe_allow_html=True)
    legend = {g: palette.POS_GROUPS[g] for g in ("noun", "verb", "adjective", "adverb", "number", "function")}
    st.markdown(figures.legend_html(legend, groups) + " · " + figures.legend_html(palette.ENTITIES, kinds),
                unsafe_allow_html=True)
    found = reading.entities
    if found:
        st.caption(t("tagging.entities_found", names=" · ".join(f"{text[s:e]} ({kinds[k]})" for s, e, k in found)))
    else:
        st.caption(t("tagging.no_entities"))


def why_bidirectional(examples: tuple[str, ...]) -> None:
    """Both directions on the examples where the right-hand context decides, with their test F1 from the card."""
    bi, forward = taggers()
    test = card().detail("test")
    rows = []
    for text in examples:
        rows.append({t("tagging.col.text"): text, t("tagging.method.bilstm"): " / ".join(bi.segment(text)),
                     t("tagging.method.lstm_forward"): " / ".join(forward.segment(text))})
    st.table(pd.DataFrame(rows))
    st.caption(t("tagging.why_f1", bi=test["bilstm"]["word"]["f1"], forward=test["lstm_forward"]["word"]["f1"],
                 oov_bi=test["bilstm"]["oov_recall"], oov_forward=test["lstm_forward"]["oov_recall"]))


def comparison_table() -> None:
    """The test-split numbers of every method, read from the model card."""
    data, speed = card().detail("test"), card().detail("speed_characters_per_second")
    dash = "–"

    def value(method: str, *path: str):
        node = data[method]
        for part in path:
            if part not in node:
                return dash
            node = node[part]
        return f"{node:.3f}"

    columns = {
        t("tagging.col.word_f1"): ("word", "f1"), t("tagging.col.precision"): ("word", "precision"),
        t("tagging.col.recall"): ("word", "recall"), t("tagging.col.oov_recall"): ("oov_recall",),
        t("tagging.col.pos_f1"): ("pos", "f1"), t("tagging.col.entity_f1"): ("entities", "f1"),
        **{t(f"tagging.col.entity.{k}"): ("entities_by_type", k, "f1") for k in ENTITY_TYPES},
    }
    table = pd.DataFrame({name: [value(m, *path) for m in TABLE_METHODS] for name, path in columns.items()},
                         index=[t(f"tagging.method.{m}") for m in TABLE_METHODS])
    table[t("tagging.col.speed")] = [f"{speed[m]:,}" for m in TABLE_METHODS]
    st.table(table)
    sizes = card().data["split"]["sizes"]["test"]
    st.caption(t("tagging.table_caption", sentences=sizes["sentences"], words=sizes["words"], characters=sizes["characters"]))
    targets = card().detail("targets")
    lines = [f"- **{t('tagging.met' if target['met'] else 'tagging.missed')}** · {t(f'tagging.target.{name}', value=target['value'])}"
             for name, target in targets.items()]
    st.markdown(f"**{t('tagging.targets')}**\n\n" + "\n".join(lines))


def per_tag_table() -> None:
    data = card().detail("test")
    tags = list(data["bilstm"]["pos_by_tag"])
    frame = pd.DataFrame({t(f"tagging.method.{m}"): [f"{data[m]['pos_by_tag'][tag]['f1']:.3f}" for tag in tags]
                          for m in ("bilstm", "lstm_forward", "jieba_hmm")},
                         index=[f"{tag} · {t('tokens.group.' + tag_group(tag))}" for tag in tags])
    st.table(frame)


def gallery(method: str) -> None:
    """The test sentences where `method` cuts wrongly, each with the gold words and the BiLSTM's."""
    names = state_names()
    for index in card().detail("gallery")[method]:
        sentence = test_sentences()[index]
        text, gold = text_of(sentence), [w for w, _ in sentence]
        outputs = method_words(text)
        shown = {method: outputs[method], "bilstm": outputs["bilstm"]} if method != "lstm_forward" else {
            "lstm_forward": taggers()[1].segment(text), "bilstm": outputs["bilstm"]}
        states = figures.word_states(shown, gold)
        with st.container(border=True):
            for name, words in shown.items():
                st.markdown(f"**{t(f'tagging.method.{name}')}**" + figures.word_chips(words, states[name], names),
                            unsafe_allow_html=True)
            st.markdown(f"**{t('tagging.gold')}**" + figures.gold_chips(gold, names["gold"]), unsafe_allow_html=True)


# ---- training your own ------------------------------------------------------------------------------------
def settings() -> TaggerConfig:
    c1, c2, c3, c4 = st.columns(4)
    sentences = c1.slider(t("tagging.sentences"), 500, 20_000, LIVE.sentences, step=500, key="tagging_sentences",
                          help=t("tagging.sentences_help"))
    units = c2.slider(t("tagging.units"), 8, 128, LIVE.units, step=8, key="tagging_units", help=t("tagging.units_help"))
    epochs = int(c3.number_input(t("tagging.epochs"), 1, 20, LIVE.epochs, key="tagging_epochs", help=t("tagging.epochs_help")))
    seed = int(c4.number_input(t("common.seed"), 0, 10_000, LIVE.seed, key="tagging_seed", help=t("tagging.seed_help")))
    c1, c2 = st.columns(2)
    bidirectional = c1.toggle(t("tagging.bidirectional"), LIVE.bidirectional, key="tagging_bidirectional",
                              help=t("tagging.bidirectional_help"))
    pos = c2.toggle(t("tagging.pos"), LIVE.pos, key="tagging_pos", help=t("tagging.pos_help"))
    return TaggerConfig(**{**LIVE.to_dict(), "sentences": sentences, "units": units, "epochs": epochs, "seed": seed,
                           "bidirectional": bidirectional, "pos": pos})


def start(config: TaggerConfig) -> None:
    """Check the work budget, then queue the training (one epoch per script run)."""
    train, validation, _ = training_sentences()
    characters = sum(len(text_of(s)) for s in train[: config.sentences])
    labels = [t(f"tagging.{name}") for name in ("sentences", "units", "epochs")]
    try:
        check_training(config.work(characters), labels)
    except OverBudget as error:
        st.error(reason_of(error))
        return
    TRAINING.start(lambda: TaggerTraining(prepare(train, validation, config), config), t("tagging.preparing"))


def training_section() -> None:
    st.markdown(t("tagging.train_intro", jieba=card().detail("test")["jieba_no_hmm"]["word"]["f1"]))
    config = settings()
    b1, b2 = st.columns(2)
    go = b1.button(t("tagging.train"), key="tagging_train", type="primary", disabled=TRAINING.running)
    TRAINING.stop_button(b2, help=t("tagging.stop_help"))
    progress_slot, curves_slot = st.empty(), st.empty()
    drawn = count()
    axis = {k: t(f"tagging.axis.{k}") for k in ("loss", "accuracy", "epoch")}
    parts = {"train": t("tagging.part.train"), "validation": t("tagging.part.validation")}

    def draw(job) -> None:
        with curves_slot.container():
            chart(sentiment_figures.training_curves(job.history, axis, parts), key=f"tagging_curves_{next(drawn)}")

    if go:
        start(config)
    job = st.session_state.get(TRAINING.job_key)
    if job is not None and job.history:
        draw(job)

    def progress_text(job, batch: int, batches: int) -> str:
        return t("tagging.progress", epoch=job.epochs_run + 1, epochs=job.config.epochs, batch=batch, batches=batches,
                 seconds=job.seconds)

    TRAINING.advance(progress_slot, progress_text, draw, keep)
    trained = st.session_state.get(TRAINED)
    if trained is not None:
        chart(sentiment_figures.training_curves(trained["history"], axis, parts), key="tagging_curves_done")
        result = trained["scores"]["word"]["f1"]
        jieba = card().detail("test")["jieba_no_hmm"]["word"]["f1"]
        (st.success if result > jieba else st.warning)(t(
            "tagging.trained", f1=result, oov=trained["scores"]["oov_recall"], seconds=trained["seconds"],
            epochs=trained["epochs"], jieba=jieba, sentences=trained["sentences"]))
        st.caption(t("tagging.on_gates"))


def keep(job: TaggerTraining) -> None:
    """Score the finished (or stopped) run on the whole test split; offer it on the Gates page."""
    title = both(Message("tagging.session_title", {"units": job.config.units}))
    tagger = job.tagger(key=SESSION_KEY, title=title)
    _, _, test = training_sentences()
    with st.spinner(t("tagging.scoring")):
        known = evaluation.known_words(training_sentences()[0][: job.config.sentences])
        scores = evaluation.score_tagger(tagger, test, known).as_dict()
    st.session_state[TRAINED] = {"history": job.history, "seconds": job.seconds, "epochs": job.epochs_run,
                                 "scores": scores, "sentences": job.config.sentences}
    add(tagger)


def missing(error: assets.AssetError) -> None:
    st.error(t("tagging.model_missing", reason=reason_of(error)))
