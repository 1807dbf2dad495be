"""Streamlit helpers for the tokens page: cached loaders, token chips, the session's own word vectors."""

from __future__ import annotations

import hashlib
import html
from typing import Sequence

import pandas as pd
import streamlit as st

from lstm_core import palette
from lstm_core.embeddings import projection, word2vec, word_vectors
from lstm_core.embeddings.embedding_plots import ARROWS, analogy_figure, loss_curve, neighbour_bars
from lstm_core.text import corpora, segmentation as text
from lstm_core.text.inputs import EmptyText, clean
from lstm_core.text.segmentation import english_tokens, map_group, tag_group
from lstm_core.ui.i18n import colour, literal, t
from lstm_core.ui.style import chart, input_notices, table as show_table

USER_VECTORS = "tokens_user_vectors"  # session key: the word vectors this session trained
CHIP = (
    "display:inline-block;padding:2px 9px;margin:3px 3px;border-radius:12px;"
    "border:1px solid {border};background:{background};font-size:1.05em;white-space:pre"
)


def chips(tokens: Sequence[str], marked: frozenset[str] = frozenset()) -> str:
    """Tokens as escaped HTML chips; `marked` tokens (e.g. user words) in another colour."""
    spans = []
    for token in tokens:
        shade = palette.ORANGE if token in marked else palette.SKY_BLUE
        colours = dict(border=shade, background=palette.tint(shade, 0.85))
        spans.append(f'<span style="{CHIP.format(**colours)}">{html.escape(token)}</span>')
    return "<div>" + "".join(spans) + "</div>"


@st.cache_resource(show_spinner=False)
def shipped_vectors(language: str):
    """The shipped KeyedVectors (read-only, shared by all sessions)."""
    return word_vectors.load_word_vectors(language)


@st.cache_data(show_spinner=False)
def shipped_card(language: str) -> word_vectors.VectorSetCard:
    return word_vectors.word_vector_card(language)


def vectors_for(source: str):
    """KeyedVectors for "zh", "en" or "mine" (this session's trained set), or None."""
    if source == "mine":
        trained = st.session_state.get(USER_VECTORS)
        return trained["vectors"] if trained else None
    return shipped_vectors(source)


def source_key(source: str) -> str:
    """What identifies a vector set in cache keys: the language, or a fingerprint of the session's set."""
    if source == "mine":
        return "mine:" + st.session_state[USER_VECTORS]["fingerprint"]
    return source


@st.cache_data(show_spinner=False, max_entries=64)
def projected(key: str, words: tuple[str, ...], method: str, dimensions: int, perplexity: float, seed: int, _kv) -> pd.DataFrame:
    """Projection of `words` (cached on the vector set's key and every setting)."""
    config = projection.ProjectionConfig(method, dimensions, perplexity, seed)
    result = projection.project(words, _kv[list(words)], config)
    tags = [str(_kv.get_vecattr(w, "tag")) for w in words]
    frame = result.frame(tags)
    frame["group"] = [map_group(tag) for tag in tags]
    return frame


HIDDEN_GROUPS = ("punctuation", "function", "number", "symbol", "url")  # the "content words only" switch


@st.cache_data(show_spinner=False, max_entries=16)
def content_words(key: str, _kv) -> list[str]:
    """The vocabulary without punctuation, function words and numbers, most frequent first."""
    return [w for w in _kv.index_to_key if tag_group(str(_kv.get_vecattr(w, "tag"))) not in HIDDEN_GROUPS]


@st.cache_data(show_spinner=False)
def example_corpus(name: str, sentences: int) -> list[list[str]]:
    """The first `sentences` sentences of an installed corpus, tokenized."""
    if name == "peoples_daily":
        return corpora.peoples_daily_sentences()[:sentences]

    texts = corpora.tweets()["text"].drop_duplicates().head(sentences)
    return [english_tokens(text) for text in texts]


def keep_vectors(result: word2vec.TrainedVectors, config: word2vec.Word2VecConfig, language: str) -> None:
    """A finished (or stopped) word2vec run becomes this session's vector set "mine"."""
    data = word_vectors.vectors_to_bytes(result.vectors)
    st.session_state[USER_VECTORS] = {
        "vectors": result.vectors,
        "file": result.save(),  # the model file offered for download, written once
        "fingerprint": hashlib.sha256(data).hexdigest()[:16],
        "language": language,
        "losses": result.losses,
        "summary": dict(
            words=len(result.vectors), tokens=result.corpus_tokens, sentences=result.corpus_sentences,
            seconds=round(result.seconds, 1), epochs=result.epochs_run, architecture=t(f"tokens.train.arch.{config.architecture}"),
        ),
    }


def show_card(card: word_vectors.VectorSetCard) -> None:
    """The model card of a shipped vector set: a summary line, the neighbour table, then the JSON."""
    st.markdown(t(
        "tokens.vec.card_summary", tokens=card.corpus_tokens, words=card.words,
        architecture=t(f"tokens.train.arch.{card.architecture}"), size=card.vector_size, epochs=card.epochs,
        seconds=card.seconds, correct=card.analogy_correct, answered=card.analogy_answered,
        baseline=card.baseline_correct, megabytes=card.weights_bytes / 1e6, common=len(card.neighbours),
    ))
    table = pd.DataFrame({word: [f"{w} {s:.2f}" for w, s in found] for word, found in card.neighbours.items()})
    show_table(table)
    st.json(card.card.to_dict(), expanded=False)


def show_user_vectors() -> None:
    trained = st.session_state.get(USER_VECTORS)
    if not trained:
        return
    summary = trained["summary"]
    st.success(t("tokens.train.summary", **summary))
    chart(loss_curve(trained["losses"], (t("tokens.axis.epoch"), t("tokens.axis.loss"))), key="tokens_loss_final")
    st.download_button(
        t("tokens.train.download"), trained["file"], file_name="my_word_vectors.zip", key="tokens_download_vectors",
        help=t("tokens.train.download_help"),
    )


MAX_MAP_WORDS = 2_000  # words typed for one map; more are cut (a map of 15,000 labels helps nobody)
MAX_SUGGESTED = 10  # unknown words that get a warning with close known words (each costs a scan)


@st.cache_data(show_spinner=False, max_entries=1_024)
def _close(key: str, word: str, _kv) -> list[str]:
    """Known words close to an unknown one, once per vector set and word (a scan of ~0.1 s, holding the GIL)."""
    return word_vectors.close_words(_kv, word)


def closer(source: str):
    """`word_vectors.close_words` for the vector set `source`, cached (every rerun of the step asks again)."""
    key = source_key(source)
    return lambda kv, word: _close(key, word, kv)


def custom_words(kv, typed: str, source: str) -> list[str]:
    """The typed words that have vectors, in order; the rest get a warning (work capped)."""
    asked = list(dict.fromkeys(typed.split()))
    if len(asked) > MAX_MAP_WORDS:
        st.info(t("tokens.vec.custom_cut", count=len(asked), limit=MAX_MAP_WORDS))
        asked = asked[:MAX_MAP_WORDS]
    missing = [w for w in asked if w not in kv.key_to_index]
    if missing:
        close = closer(source)
        unknown(word_vectors.UnknownWords({w: close(kv, w) for w in missing[:MAX_SUGGESTED]}))
        if len(missing) > MAX_SUGGESTED:
            st.caption(t("tokens.vec.more_unknown", count=len(missing) - MAX_SUGGESTED))
    return [w for w in asked if w in kv.key_to_index]


def unknown(error: word_vectors.UnknownWords) -> None:
    """A warning per unknown word, with the close words the vocabulary does have."""
    for word, close in error.suggestions.items():
        st.warning(t("tokens.vec.unknown", word=literal(word), close=literal("、".join(close)) if close else "—"))


@st.cache_data(show_spinner=False, max_entries=128)
def _tags_and_keywords(value: str, hmm: bool, user_words: tuple[str, ...]):
    """POS tags and both keyword lists, computed once per text and setting."""
    tags = text.pos_tags(value, hmm, user_words)
    found = {method: text.keywords(value, method, 8, user_words, hmm) for method in ("tfidf", "textrank")}
    return tags, found


def tags_and_keywords(value: str, hmm: bool, user_words: tuple[str, ...]) -> None:
    """POS tags (with their coarse class) beside TF-IDF and TextRank keywords with weights.

    Work budget: at most `text.TAG_LIMIT` characters, and the HMM only while the text
    has few characters it does not know (each of those costs it about 8 ms).
    """
    if len(value) > text.TAG_LIMIT:
        st.caption(t("tokens.seg.tag_cut", limit=text.TAG_LIMIT))
        value = value[: text.TAG_LIMIT]
    unknown = text.hmm_work(value)
    if hmm and unknown > text.HMM_WORK_LIMIT:
        st.caption(t("tokens.seg.hmm_off", unknown=unknown, limit=text.HMM_WORK_LIMIT))
        hmm = False
    pairs, found = _tags_and_keywords(value, hmm, user_words)
    tags_col, keys_col = st.columns(2)
    word, tag, group = t("tokens.col.word"), t("tokens.col.tag"), t("tokens.col.group")
    tags = pd.DataFrame(pairs, columns=[word, tag])
    tags[group] = [t(f"tokens.group.{tag_group(x)}") for x in tags[tag]]
    tags_col.markdown(f"**{t('tokens.seg.pos')}**")
    tags_col.dataframe(tags, hide_index=True, height=300)
    columns = [
        pd.Series([f"{k.word}  {k.weight:.3f}" for k in found[method]], name=t(f"tokens.kw.{method}"))
        for method in ("tfidf", "textrank")
    ]
    keys_col.markdown(f"**{t('tokens.seg.keywords')}**")
    keys_col.dataframe(pd.concat(columns, axis=1), hide_index=True, height=300)


def neighbours_block(kv, source: str, default: str) -> None:
    """A word box, a count slider, the neighbour bars and their CSV."""
    st.subheader(t("tokens.vec.neighbours"))
    word_col, top_col = st.columns([2, 1])
    probe = word_col.text_input(t("tokens.vec.word"), value=default, key=f"tokens_probe_{source}", help=t("tokens.vec.word_help"))
    top = top_col.slider(t("tokens.vec.top"), 3, 30, 10, key="tokens_top", help=t("tokens.vec.top_help"))
    try:
        found = word_vectors.neighbours(kv, probe.strip(), top, closer(source))
    except word_vectors.UnknownWords as error:
        unknown(error)
        return
    chart(neighbour_bars(found, (t("tokens.axis.cosine"), t("tokens.col.word"))), key="tokens_neighbours")
    rows = [(probe.strip(), n.word, n.similarity) for n in found]
    csv = pd.DataFrame(rows, columns=["word", "neighbour", "cosine"]).to_csv(index=False).encode("utf-8")
    st.download_button(t("common.download_csv"), csv, "neighbours.csv", key="tokens_neighbours_csv", help=t("tokens.csv_help"))


def analogy_block(kv, source: str, defaults: tuple[str, str, str]) -> None:
    """Three word boxes, the answers to a − b + c, and the arrows on a small PCA map."""
    st.subheader(t("tokens.vec.analogy"))
    first, second, third = (colour(c) for c in ARROWS)
    st.caption(t("tokens.vec.analogy_help", first=first, second=second, third=third))
    boxes = zip(st.columns(3), ("a", "− b", "+ c"), defaults, "abc")
    a, b, c = (
        column.text_input(label, value=default, key=f"tokens_analogy_{name}_{source}", help=t("tokens.vec.analogy_word_help")).strip()
        for column, label, default, name in boxes
    )
    if not (a and b and c):
        st.info(t("tokens.vec.analogy_missing"))
        return
    try:
        result = word_vectors.analogy(kv, a, b, c, top=5, close=closer(source))
    except word_vectors.UnknownWords as error:
        unknown(error)
        return
    answers = "、".join(f"{n.word} ({n.similarity:.2f})" for n in result.answers)
    st.markdown(t("tokens.vec.analogy_result", a=literal(a), b=literal(b), c=literal(c), answers=literal(answers)))
    words = [a, b, c] + [n.word for n in result.answers]  # a, b, c, best answer, runners-up (never a, b or c)
    points = projected(source_key(source), tuple(words), "pca", 2, 15.0, 0, kv)[["x", "y"]].to_numpy()
    axes = (t("tokens.axis.pca", n=1), t("tokens.axis.pca", n=2))
    chart(analogy_figure(words, points, axes), key="tokens_analogy_fig")


def ask(name: str, **values) -> dict[str, str]:
    """A widget's label and help text, from `tokens.<name>` and `tokens.<name>_help` (filled with `values`)."""
    return {"label": t(f"tokens.{name}"), "help": t(f"tokens.{name}_help", **values)}


def named(prefix: str):
    """format_func showing option `x` as the string `tokens.<prefix>.<x>`."""
    return lambda option: t(f"tokens.{prefix}.{option}")


def user_text(value: str, limit: int) -> str | None:
    """Clean user text, show the notices, and return None (with a warning) when empty."""
    try:
        cleaned = clean(value, limit)
    except EmptyText:
        st.warning(t("common.empty_text"))
        return None
    input_notices(cleaned)
    return cleaned.text
