"""EDA augmentation: seeded, deletion never empties a sentence, swap keeps the words, neighbours are known."""

from collections import Counter

import numpy as np
import pytest

from lstm_core.generalize.augment import (
    OPERATIONS, augment, augment_corpus, edits, random_deletion, random_insertion, random_swap, synonym_replace,
    synonym_table,
)

TOKENS = ["质量", "很", "好", "，", "送货", "也", "快", "，", "非常", "满意"]
SYNONYMS = {"好": ["不错", "棒"], "快": ["迅速"], "满意": ["喜欢", "开心"]}


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_the_same_seed_gives_the_same_sentence(operation):
    first = augment(TOKENS, SYNONYMS, operation, rng(3), alpha=0.3)
    assert augment(TOKENS, SYNONYMS, operation, rng(3), alpha=0.3) == first
    seeds = {tuple(augment(TOKENS, SYNONYMS, operation, rng(s), alpha=0.3)) for s in range(20)}
    assert len(seeds) > 1  # other seeds, other edits


def test_deletion_keeps_at_least_one_token():
    for seed in range(50):
        out = random_deletion(TOKENS, 0.99, rng(seed))
        assert 1 <= len(out) and Counter(out) <= Counter(TOKENS)
    assert random_deletion(["只"], 0.9, rng()) == ["只"]
    assert random_deletion(TOKENS, 0.0, rng()) == TOKENS
    with pytest.raises(ValueError):
        random_deletion(TOKENS, 1.0, rng())


def test_swap_keeps_the_multiset_and_changes_the_order():
    out = random_swap(TOKENS, 3, rng(1))
    assert Counter(out) == Counter(TOKENS) and out != TOKENS
    assert random_swap(["一"], 5, rng()) == ["一"]


def test_synonym_replacement_uses_only_known_neighbours():
    for seed in range(30):
        out = synonym_replace(TOKENS, SYNONYMS, 2, rng(seed))
        changed = [(a, b) for a, b in zip(TOKENS, out) if a != b]
        assert len(out) == len(TOKENS) and 1 <= len(changed) <= 2
        assert all(b in SYNONYMS[a] for a, b in changed)
    assert synonym_replace(TOKENS, {}, 3, rng()) == TOKENS  # no neighbours: nothing to replace


def test_insertion_adds_neighbours_of_words_in_the_sentence():
    out = random_insertion(TOKENS, SYNONYMS, 2, rng(4))
    added = Counter(out) - Counter(TOKENS)
    assert sum(added.values()) == 2
    assert all(word in {n for ns in SYNONYMS.values() for n in ns} for word in added)
    assert random_insertion(TOKENS, {}, 2, rng()) == TOKENS


def test_edit_count_and_corpus():
    assert (edits(TOKENS, 0.1), edits(TOKENS, 0.25), edits([], 0.1)) == (1, 2, 1)
    corpus = augment_corpus([TOKENS, ["好"]], SYNONYMS, 2, rng(0))
    assert len(corpus) == 4 and corpus == augment_corpus([TOKENS, ["好"]], SYNONYMS, 2, rng(0))
    with pytest.raises(ValueError, match="operation"):
        augment(TOKENS, SYNONYMS, "shuffle", rng())


class FakeVectors:
    """Four words on a plane: 好 and 棒 point the same way, 差 the other way, ， is punctuation."""

    index_to_key = ["好", "棒", "差", "，"]
    key_to_index = {w: i for i, w in enumerate(index_to_key)}
    vectors = np.array([[1.0, 0.1], [0.9, 0.2], [-1.0, 0.0], [1.0, 0.12]], np.float32)


def test_synonym_table_keeps_close_words_and_skips_punctuation():
    table = synonym_table(FakeVectors(), ["好", "差", "，", "未知"], top=2, min_similarity=0.5)
    assert table == {"好": ["棒"]}  # 差 has no close word; punctuation and unknown words get none
