"""Stages 1 and 2 of the pretrained classifier, trained once and kept on disk for the builds that need them.

The validation search, the shipped model and the label-count curve all start from the same
language models; training them is most of the cost (about half an hour for the word model of
People's Daily on one core), so each is kept in `.cache/pretrain/` at the top of the
repository (not committed) under a key made of everything that decides its weights. With
deterministic kernels and the same seed, retraining gives the same weights, so deleting the
folder changes nothing but the time a build takes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from lstm_core.serving import assets
from lstm_core.nn.network import Network, NetworkSpec
from lstm_core.pretrain import finetune, stages
from lstm_core.pretrain.finetune import LanguageModelStage
from lstm_core.pretrain.stages import PretrainConfig
from lstm_core.sentiment.sentiment_data import SentimentData
from lstm_core.text.vocab import Vocabulary

CACHE = assets.ASSETS.parent / ".cache" / "pretrain"


def _key(parts: dict) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]


def _word_lm() -> dict:
    """WORD_LM's fields for a key. windows_per_epoch came to CharLMConfig after these stages were first
    trained; left at None it changes nothing, so it stays out of the key and the stages keep theirs."""
    fields = asdict(stages.WORD_LM)
    if fields.get("windows_per_epoch") is None:
        fields.pop("windows_per_epoch", None)
    return fields


def _load(path: Path) -> LanguageModelStage | None:
    if not (path.with_suffix(".json").is_file() and path.with_suffix(".npz").is_file()):
        return None
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    spec = NetworkSpec.from_dict(meta["architecture"])
    weights = assets.weights_from_bytes(path.with_suffix(".npz").read_bytes(), spec.weight_shapes())
    return LanguageModelStage(Network(spec, weights), Vocabulary(tuple(meta["vocabulary"])), meta["summary"])


def _save(path: Path, stage: LanguageModelStage) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.with_suffix(".npz").write_bytes(assets.weights_to_bytes(stage.network.weights))
    meta = {"architecture": stage.network.spec.to_dict(), "vocabulary": list(stage.vocab.tokens), "summary": stage.summary}
    path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def cached(parts: dict, compute) -> LanguageModelStage:
    """The stage stored under `parts`, or compute() it and store it."""
    path = CACHE / _key(parts)
    stage = _load(path)
    if stage is None:
        stage = compute()
        _save(path, stage)
    return stage


def general(start: str, log_to=print) -> LanguageModelStage | None:
    """Stage 1 for `start` (None for a random start)."""
    if start == "random":
        return None
    if start == "charlm_zh":
        return finetune.general_language_model(start, log_to)  # shipped: nothing to train
    return cached({"stage": 1, "start": start, "config": _word_lm()},
                  lambda: finetune.general_language_model(start, log_to))


def review(data: SentimentData, config: PretrainConfig, log_to=print) -> LanguageModelStage:
    """Stage 2 for `config` on `data`'s training reviews (stage 1 first, from the cache where it can)."""
    parts = {"stage": 2, "start": config.start, "word_lm": _word_lm(), "unit": config.token_unit,
             "vocab_size": config.vocab_size, "epochs": config.review_lm_epochs, "rate": config.review_lm_rate,
             "seed": config.seed, "data": data.name, "split_seed": data.seed, "train": len(data.train)}
    return cached(parts, lambda: finetune.review_language_model(general(config.start, log_to), data, config, log_to))
