"""The Transformer's language-model build, end to end on tiny budgets: sweep, choice on validation, card, file."""

import shutil
from dataclasses import replace

import numpy as np
import pytest

from lstm_core.build import transformer_build
from lstm_core.generate import charlm
from lstm_core.serving import assets
from lstm_core.transformer import shipped

pytestmark = pytest.mark.slow  # trains four tiny models on the real corpus and scores its held-out text


def test_build_writes_a_pair_that_loads_and_whose_choice_was_made_on_validation(tmp_path, monkeypatch):
    tiny = {family: tuple(replace(c, epochs=1, windows_per_epoch=64) for c in configs)
            for family, configs in transformer_build.SWEEP.items()}
    monkeypatch.setattr(transformer_build, "SWEEP", tiny)
    monkeypatch.setattr(transformer_build.charlm_build, "prepare", _small_prepare(transformer_build.charlm_build.prepare))
    reference = charlm.MODEL_NAMES["en"]
    for suffix in (".json", ".npz"):  # the card the comparison quotes, as a full build would have written it
        shutil.copy(assets.ASSETS / f"{reference}{suffix}", tmp_path / f"{reference}{suffix}")
    monkeypatch.setattr(transformer_build, "card_for", _allow_subset(transformer_build.card_for))
    transformer_build.build(tmp_path)
    pair = shipped.load(tmp_path)
    card = pair.card.to_dict()
    for family in shipped.FAMILIES:
        tried = card["models"][family]["configs_tried"]
        assert len(tried) == 2
        assert card["models"][family]["config"] == min(tried, key=lambda r: r["validation_bits_per_char"])["config"]
    result = shipped.Comparison.from_card(pair.card)
    assert result.contexts[-1] * result.cache_bytes_per_position <= result.cache_budget_bytes
    probs, _ = pair.transformer.start()
    assert np.isclose(probs.sum(), 1.0)


def _small_prepare(prepare):
    """The real corpus and split, with the held-out and fitting documents cut down so the test runs in minutes."""
    def small(language, config=None):
        data = prepare(language, config)
        return replace(data, heldout_docs=data.heldout_docs[:40], fit_docs=data.fit_docs[:2000],
                       validation_docs=data.validation_docs[:100])
    return small


def _allow_subset(card_for):
    """card_for refuses a held-out text other than charlm_en's; here the held-out part is cut on purpose."""
    def card(data, weights, chosen, tried, reference, log_to=print):
        chars = sum(len(d) + 1 for d in data.heldout_docs)
        fake = reference.with_entries(data={**dict(reference.data), "heldout_characters_predicted": chars})
        return card_for(data, weights, chosen, tried, fake, log_to)
    return card
