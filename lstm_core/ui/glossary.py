"""The glossary: every term with its definition (strings/glossary.toml), and where it appears.

Pages show the terms they introduce in a "Terms on this page" expander (open in classroom
mode, so a projector shows the definitions) with a link to the Glossary page. In their long
explanations, the first use of a term links to its entry (`glossary_links`, applied by
`lstm_core.ui.i18n.long_text`); the Glossary page opened by such a link (?term=gate) shows
that entry first.
"""

from __future__ import annotations

import streamlit as st

from lstm_core.string_table import TABLE
from lstm_core.ui.i18n import LINKED, literal, t

TERMS: tuple[str, ...] = tuple(sorted(key.split(".", 2)[2] for key in TABLE if key.startswith("glossary.term.")))

# The terms each page introduces (by url_path), in the order a reader meets them.
PAGE_TERMS: dict[str, tuple[str, ...]] = {
    "home": ("unit", "gate", "forget_gate", "input_gate", "output_gate", "cell_state", "hidden_state", "candidate",
             "vanishing_gradient", "exploding_gradient"),
    "why": ("rnn", "gru", "sigmoid", "tanh", "saturation", "bptt", "vanishing_gradient", "exploding_gradient"),
    "tokens": ("token", "unk", "embedding", "tfidf", "word2vec", "perplexity"),
    "sentiment": ("token", "occlusion", "macro_f1", "bidirectional", "early_stopping", "tfidf", "pretraining",
                  "concat_pooling"),
    "forecast": ("mae", "mase", "seasonal_naive", "horizon", "recursive_forecast", "early_stopping"),
    "generate": ("temperature", "top_p", "bits_per_character", "perplexity", "kneser_ney", "truncated_bptt",
                 "teacher_forcing"),
    "gates": ("unit", "gate", "cell_state", "hidden_state", "saturation", "unk"),
    "practical": ("pruning", "quantization", "attention", "self_attention", "transformer", "positional_encoding",
                  "kv_cache", "bits_per_character",
                  "pretraining", "fine_tuning", "transfer_learning", "concat_pooling"),
    "gan": ("gan",),
    "tagging": ("sequence_labelling", "bies", "bidirectional", "crf", "oov", "viterbi"),
    "seq2seq": ("encoder", "decoder", "attention", "context_vector", "teacher_forcing", "exposure_bias", "beam_search"),
}


def entry(term: str) -> tuple[str, str]:
    """(the term, its definition) in the session's language."""
    return t(f"glossary.term.{term}"), t(f"glossary.def.{term}")


def matches(query: str, terms: tuple[str, ...] = TERMS) -> list[str]:
    """The terms whose name or definition, in either language, contains `query` (any case)."""
    wanted = query.strip().casefold()
    return [term for term in terms if not wanted or any(
        wanted in TABLE[f"glossary.{part}.{term}"][language].casefold()
        for part in ("term", "def") for language in ("en", "zh"))]


def start_page(page: str) -> None:
    """Before a page runs: no term linked yet, so its explanations link each term's first use.

    The Glossary page links nothing (it is where the links lead).
    """
    if page == "glossary":
        st.session_state.pop(LINKED, None)
    else:
        st.session_state[LINKED] = set()


def terms_here(page: str, expanded: bool = False) -> None:
    """The expander of the terms page `page` introduces, linking to the whole glossary."""
    terms = PAGE_TERMS.get(page, ())
    if not terms:
        return
    with st.expander(t("glossary.here"), expanded=expanded, icon=":material/menu_book:"):
        for term in terms:
            name, definition = entry(term)
            st.markdown(t("common.labelled", label=f"**{name}**", text=definition))
        st.page_link("pages/glossary.py", label=t("glossary.open"), icon=":material/menu_book:")


def glossary_page() -> None:
    """The Glossary page: a search box and every matching term, sorted in the reader's language."""
    st.title(t("glossary.title"))
    st.markdown(t("glossary.intro"))
    wanted = st.query_params.get("term")
    if wanted in TERMS:  # opened from a link on a page: that entry first
        name, definition = entry(wanted)
        st.info(f"**{name}**  \n{definition}", icon=":material/menu_book:")

    query = st.text_input(t("glossary.search"), key="glossary_search", help=t("glossary.search_help"))
    found = sorted(matches(query), key=lambda term: entry(term)[0].casefold())
    if not found:
        st.info(t("glossary.none", query=literal(query)))
    for term in found:
        name, definition = entry(term)
        st.markdown(f"**{name}**  \n{definition}")
