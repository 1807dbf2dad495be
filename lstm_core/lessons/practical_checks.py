"""Checks of what the lessons say on "Making LSTMs practical": pruning and quantization of shipped models,
what a Transformer's next character costs beside an LSTM's, and what pretraining bought the Chinese reviews.

Pruning and quantization scores come from the precomputed curves (assets/compression.json),
which the page's sliders read; the largest gate change is computed as the page computes it.
The Transformer's costs and bits per character come from the transformer_lm_en card, which
the "What came after" tab draws. The pretraining numbers come from the pretrained classifier's
card and the label-count curve (assets/pretrain_curve.json), which the "Pretraining" tab draws.
"""

from __future__ import annotations

from lstm_core.compress import largest_gate_change, quantized
from lstm_core.compress import curves as stored
from lstm_core.lessons import shipped
from lstm_core.pretrain import PRETRAINED_NAME, label_curve
from lstm_core.pretrain.results import PretrainResults
from lstm_core.serving import assets
from lstm_core.transformer import shipped as transformer_pair

CHECKS = ("pruning", "quantization", "after", "pretrain")
BEND = 0.05  # a drop of 5 points (or 0.05 of the metric) counts as the curve bending down


def _points(model: str, kind: str) -> list[dict]:
    return stored.read()["models"][model][kind]


def pruning(model: str, sparsity: int) -> dict:
    """At `sparsity` percent, unstructured: the metric, its drop from float32, the sparse file's share of float32 bytes.

    bend_at: the first sparsity (percent) where unstructured pruning loses more than BEND.
    """
    card = stored.read()["models"][model]
    point = next(p for p in card["unstructured"] if round(100 * p["sparsity"]) == sparsity)
    before = card["float32_metric"]
    sign = 1 if card["higher_is_better"] else -1
    bend = next((p["sparsity"] for p in card["unstructured"] if sign * (before - p["metric"]) > BEND), None)
    return {"metric": card["metric"], "before": before, "after": point["metric"],
            "drop_points": 100 * sign * (before - point["metric"]), "sparse_share": point["bytes"] / card["float32_bytes"],
            "bend_at": None if bend is None else round(100 * bend), "bend_points": round(100 * BEND),
            "heldout_size": card["heldout_size"]}


def quantization(model: str, bits: int, text: str) -> dict:
    """At `bits`: levels per row, the largest change of any gate value on `text`, and the metric's drop."""
    card = stored.read()["models"][model]
    point = next(p for p in card["quantized"] if p["bits"] == bits)
    original = shipped.model(model)
    change = largest_gate_change(original, quantized(original, bits), text)
    sign = 1 if card["higher_is_better"] else -1
    return {"levels": 2 ** bits - 1, "largest": change.largest, "largest_at": change.label,
            "before": card["float32_metric"], "after": point["metric"],
            "drop_points": 100 * sign * (card["float32_metric"] - point["metric"]),
            "smaller": card["float32_bytes"] / point["bytes"]}


def after() -> dict:
    """At the longest context measured: time and memory per next character, Transformer against LSTM; and their bits."""
    result = transformer_pair.comparison()
    transformer, lstm = result.milliseconds("transformer")[-1], result.milliseconds("lstm")[-1]
    return {"long_context": result.contexts[-1], "transformer_ms": transformer, "lstm_ms": lstm,
            "time_ratio": transformer / lstm, "cache_mb": result.state_bytes("transformer")[-1] / 2**20,
            "lstm_bytes": result.state_bytes("lstm")[-1], "per_position": result.cache_bytes_per_position,
            "transformer_bits": result.bits["transformer"], "lstm_bits": result.bits["lstm"]}


def pretrain(split: str) -> dict:
    """On `split` of the label-count curve: the fewest and the most labels, pretrained LSTM against the one from scratch;
    and the three shipped models' accuracy on validation and test (from the pretrained classifier's card).

    small_gap / all_gap / worst_gap: the pretrained LSTM's mean accuracy minus the from-scratch LSTM's, in points,
    with the fewest labels, all of them and where it trails furthest (worst_size); small_spread: in points, the
    larger of the two models' ranges over the seeds of the fewest labels.
    """
    runs = label_curve.load()["runs"]
    lead, rest = label_curve.points(runs, "pretrained", split), label_curve.points(runs, "scratch", split)
    tfidf = label_curve.points(runs, "tfidf", split)
    worst, worst_rest = label_curve.furthest_behind(runs, split)
    scores = PretrainResults.from_card(assets.read_card(PRETRAINED_NAME)).scores
    return {"fewest": lead[0].size, "small_pretrained": lead[0].mean, "small_scratch": rest[0].mean,
            "small_tfidf": tfidf[0].mean, "small_gap": 100 * (lead[0].mean - rest[0].mean),
            "small_spread": 100 * max(lead[0].high - lead[0].low, rest[0].high - rest[0].low),
            "worst_size": worst.size, "worst_pretrained": worst.mean, "worst_scratch": worst_rest.mean,
            "worst_gap": 100 * (worst.mean - worst_rest.mean),
            "most": lead[-1].size, "all_pretrained": lead[-1].mean, "all_scratch": rest[-1].mean,
            "all_gap": 100 * (lead[-1].mean - rest[-1].mean),
            "ahead_everywhere": label_curve.ahead_everywhere(runs, split),
            **{f"{model}_{part}": getattr(scores[model], part) for model in scores for part in ("validation", "test")}}
