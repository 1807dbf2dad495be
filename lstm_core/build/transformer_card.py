"""The card of transformer_lm_en: both small models scored on the held-out text, and their costs.

`card_for` scores the chosen Transformer and LSTM (float16 weights, as shipped) on the
charlm_en held-out documents with the same function that scored the shipped LSTM, and
copies the shipped LSTM's and the Kneser-Ney baseline's numbers from the charlm_en card.
`cost_section` measures the time and memory of one generated character at growing
contexts (`lstm_core.transformer.cost`); `python -m lstm_core.build transformer_cost`
reruns only that part (`build` here).
"""

from __future__ import annotations

import platform
from pathlib import Path

import numpy as np

from lstm_core.build import charlm_build
from lstm_core.generate import charlm
from lstm_core.generate.charlm_train import spec_for as lstm_spec_for
from lstm_core.generate.language_model import load_language_model
from lstm_core.nn.network import Network
from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard, plain
from lstm_core.transformer import cost, shipped
from lstm_core.transformer.encoder import Transformer
from lstm_core.transformer.language_model import TransformerLMConfig, log_probs_of, spec_for

LANGUAGE = "en"  # the corpus, split and vocabulary of charlm_en
SUBSET = charlm_build.SUBSET_DOCUMENTS  # held-out documents scored apart, so a test re-checks quickly
CACHE_BUDGET_BYTES = 64 * 2**20  # the longest context measured is the one whose cache fills this
CONTEXTS = (10, 100, 1_000, 10_000)  # and the longest the budget allows
STEPS, REPEATS = 20, 5  # characters generated per timing, timings per context (the median is kept)


def network_of(family: str, config: dict, vocab_size: int, weights: dict[str, np.ndarray]):
    """The NumPy model of one family and its held-out scorer."""
    if family == "lstm":
        spec = lstm_spec_for(config["embedding_dim"], config["units"], vocab_size, config["layers"])
        return Network(spec, weights), charlm.log_probs_of
    return Transformer(spec_for(TransformerLMConfig(**config), vocab_size), weights), log_probs_of


def model_section(family: str, data, weights: dict, chosen: dict, tried: list[dict], log_to) -> dict:
    """One family: architecture, what was tried, how it trained, and its held-out bits per character."""
    model, score = network_of(family, chosen["config"], len(data.vocab), weights)
    bits, chars = charlm.bits_on_documents(model, data.vocab, data.heldout_docs, score)
    subset_bits, subset_chars = charlm.bits_on_documents(model, data.vocab, data.heldout_docs[:SUBSET], score)
    config = chosen["config"]
    seen = len(chosen["log"]) * config["windows_per_epoch"] * config["sequence_length"]
    log_to(f"{family}: {bits / chars:.4f} bits/char held out, {model.parameter_count():,} weights")
    return {
        "architecture": model.spec.to_dict(),
        "parameters": model.parameter_count(),
        "config": config,
        "configs_tried": [{k: v for k, v in run.items() if k != "log"} for run in tried],
        "training_log": chosen["log"],
        "best_epoch": chosen["best_epoch"],
        "epochs_run": len(chosen["log"]),
        "characters_seen": seen,
        "training_seconds": chosen["seconds"],
        "characters_per_second": round(seen / chosen["seconds"]),
        "training_hardware": chosen["hardware"],
        "metrics": {
            "heldout_bits_per_char": round(bits / chars, 4),
            "validation_bits_per_char": chosen["validation_bits_per_char"],
            "subset_documents": len(data.heldout_docs[:SUBSET]),
            "subset_bits_per_char": round(subset_bits / subset_chars, 6),
        },
        "heldout_characters_predicted": chars,
    }


def card_for(data, weights: dict, chosen: dict, tried: dict, reference: ModelCard, log_to=print) -> dict:
    """Everything but the costs; `reference` is the shipped charlm_en card (same corpus, split, vocabulary)."""
    if list(data.vocab.tokens) != list(reference.detail("vocabulary", ())):
        raise ValueError("the vocabulary differs from the shipped character LSTM's: the comparison would not be fair")
    models = {f: model_section(f, data, weights[f], chosen[f], tried[f], log_to) for f in shipped.FAMILIES}
    if {m["heldout_characters_predicted"] for m in models.values()} != {reference.data["heldout_characters_predicted"]}:
        raise ValueError("the held-out text differs from the one the shipped LSTM was scored on")
    budget = chosen["transformer"]["config"]
    lstm_bits, transformer_bits = (models[f]["metrics"]["heldout_bits_per_char"] for f in ("lstm", "transformer"))
    return {
        "title": "A small Transformer and a small LSTM, character language models (en)",
        "task": "next-character prediction (character-level language model), beside the shipped charlm_en",
        "data": {**plain(reference.data), "split": reference.data["split"] + "; the same documents, split and "
                 "vocabulary as charlm_en (lstm_core.build.charlm_build.prepare)"},
        "language": "en only: with the Chinese model's 3,002-character vocabulary, the embedding and output layer "
        "alone would take more weights than these models have (3,002 x 64 x 2 = 384 k of about 215 k), and the two "
        "shared CPU cores fit one language's sweep",
        "budget": {
            "rule": "every configuration tried, of either family, trains on the same characters: the same "
            "seeded windows of the training text, the same number of them, the same batch size, learning rate, "
            "halving on plateau and early stopping; about the same number of weights",
            "sequence_length": budget["sequence_length"], "epochs": budget["epochs"],
            "windows_per_epoch": budget["windows_per_epoch"],
            "characters": budget["epochs"] * budget["windows_per_epoch"] * budget["sequence_length"],
            "time": "not equal: each family's training seconds and characters per second are in models[...]; the "
            "machine was shared with other jobs, so they are upper bounds",
        },
        "selection": "per family, the configuration with the lowest validation bits per character (the last 5% of "
        "the training documents) ships; the held-out text was scored only for the two chosen models",
        "models": models,
        "reference": {
            "shipped_lstm": {"name": reference.name, "heldout_bits_per_char": reference.metrics["heldout_bits_per_char"],
                             "parameters": reference.parameters, "training_hardware": reference.training_hardware,
                             "training_seconds": reference.training_seconds},
            "baseline": {"name": reference.baseline["name"], "order": reference.baseline["order"],
                         "heldout_bits_per_char": reference.baseline["heldout_bits_per_char"]},
        },
        "transformer_minus_lstm_bits": round(transformer_bits - lstm_bits, 4),
        "vocabulary": list(data.vocab.tokens),
        "weights_dtype": "float16",
    }


def cost_section(pair: shipped.ModelPair, data, log_to=print) -> dict:
    """Seconds and bytes per generated character at each context, for both models and the shipped LSTM."""
    ids = charlm.stream(data.vocab, data.heldout_docs)[: cost.REAL_PREFIX + STEPS]
    per_position = 2 * pair.transformer.model.spec.layers * pair.transformer.model.spec.width * 4
    longest = CACHE_BUDGET_BYTES // per_position
    contexts = (*CONTEXTS, longest)
    models = {"transformer": pair.transformer, "lstm": pair.lstm, "shipped_lstm": load_language_model("en")}
    curves = {}
    for name, model in models.items():
        curves[name] = [point.__dict__ for point in cost.measure(model, ids, contexts, STEPS, REPEATS)]
        log_to(f"cost {name}: " + ", ".join(f"{p['context']}: {1e3 * p['seconds_per_char']:.3f} ms" for p in curves[name]))
    time_of = {name: [p["seconds_per_char"] for p in points] for name, points in curves.items()}
    return {
        "contexts": list(contexts),
        "longest_rule": f"the longest context is the one whose key/value cache fills {CACHE_BUDGET_BYTES // 2**20} MiB",
        "cache_bytes_per_position": per_position,
        "cache_budget_bytes": CACHE_BUDGET_BYTES,
        "real_prefix": cost.REAL_PREFIX,
        "steps": STEPS,
        "repeats": REPEATS,
        "method": f"seconds per generated character: the median of {REPEATS} runs of {STEPS} steps through the "
        f"generation loop's advance(), NumPy, one BLAS thread, after reading {cost.REAL_PREFIX:,} held-out characters; "
        "for longer contexts the cache repeats those characters' keys and values (the work depends on how many there "
        "are, not on what they hold)",
        "models": curves,
        "crossover": {
            "time_vs_lstm": cost.crossover(list(contexts), time_of["transformer"], time_of["lstm"]),
            "time_vs_shipped_lstm": cost.crossover(list(contexts), time_of["transformer"], time_of["shipped_lstm"]),
            "memory_vs_lstm": cost.state_bytes_lstm(pair.lstm.network) / per_position,
        },
        "machine": {"processor": platform.processor() or platform.machine(), "python": platform.python_version(),
                    "shared": "measured while other jobs ran on the same 2 cores: upper bounds"},
    }


def build(folder: Path) -> None:
    """Re-measure the costs of the shipped pair and rewrite its card (registered as "transformer_cost")."""
    pair = shipped.load(folder)
    card = {k: v for k, v in pair.card.to_dict().items() if k not in ("name", "weights_file", "weights_sha256")}
    card["cost"] = cost_section(pair, charlm_build.prepare(LANGUAGE))
    assets.write_asset(shipped.NAME, assets.read_weights(pair.card, folder), card, folder)
