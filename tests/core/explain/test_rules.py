"""Rule extraction: the tree as data predicts, reads and measures fidelity exactly."""

import numpy as np
import pytest

from lstm_core.explain import rules

# "bad" present -> negative; else "not good" present -> negative; else positive.
TREE = rules.RuleTree(
    "en", ("negative", "positive"),
    feature=("bad", "", "not good", "", ""), left=(2, -1, 4, -1, -1), right=(1, -1, 3, -1, -1),
    counts=((60, 40), (30, 2), (30, 38), (9, 1), (21, 37)),
)


def test_tree_predicts_and_names_the_rule_that_fired():
    assert TREE.predict(["bad food", "not good", "good", "the food was not good at all"]).tolist() == [0, 0, 1, 0]
    assert TREE.path("good food") == rules.Rule((("bad", False), ("not good", False)), 1, 58, round(37 / 58, 4))
    assert [r.support for r in TREE.rules()] == [58, 32, 10]
    assert rules.RuleTree.from_dict(TREE.to_dict()) == TREE


def test_fidelity_is_agreement_with_the_model():
    model = np.array([0, 0, 1, 1, 1])
    assert rules.agreement(np.array([0, 1, 1, 1, 0]), model) == 0.6
    with pytest.raises(ValueError):
        rules.agreement(np.array([0, 1]), model)


def test_fitted_tree_recovers_a_rule_the_model_follows():
    texts = ["good food", "bad food", "not good food", "good seats", "bad seats", "not good seats"] * 10
    model = np.array([1 if ("good" in t and "not" not in t) else 0 for t in texts])
    tree = rules.fit_tree([rules.ngrams(t, "en") for t in texts], model, 3, "en", ("negative", "positive"))
    assert rules.agreement(tree.predict(texts), model) == 1.0
    assert tree.predict(["good food", "not good food"]).tolist() == [1, 0]


def test_rank_agreement_is_kendalls_tau():
    from lstm_core.explain.agreement import rank_agreement

    result = rank_agreement({"attention": np.array([0.1, 0.2, 0.3, 0.4]), "occlusion": np.array([4.0, 3, 2, 1]),
                             "saliency": np.array([0.1, 0.3, 0.2, 0.4])})
    assert result == {("attention", "occlusion"): -1.0, ("attention", "saliency"): round(4 / 6, 4),
                      ("occlusion", "saliency"): -round(4 / 6, 4)}
    assert rank_agreement({"a": np.array([1.0, 2.0]), "b": np.array([2.0, 1.0])}) == {("a", "b"): None}
