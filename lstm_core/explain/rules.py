"""Rules read off a trained LSTM: a shallow decision tree that mimics its verdicts.

Rule extraction as a surrogate model (Craven & Shavlik 1996): label the training texts
with the LSTM's own predictions, not the truth, and fit something a person can read, here
a decision tree over "does the text contain this word / word pair?" features
(scikit-learn). Fidelity is how often the tree agrees with the LSTM on held-out texts;
accuracy is how often it agrees with the true labels. A tree with high fidelity tells
what the LSTM mostly does; whatever it misses is where order and context matter.

The fitted tree is stored as plain data (n-gram per node, children, class counts), so it
ships in a JSON card and runs without scikit-learn or pickles.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.sentiment.classifier import tokenize

DEPTHS = (2, 3, 4, 5, 6)  # tried on validation fidelity; deeper trees stop being readable
MIN_LEAF = 20  # texts per leaf: no rule for a handful of reviews
MAX_FEATURES = 4000


def ngrams(text: str, language: str, unit: str = "words") -> set[str]:
    """The tokens and adjacent token pairs of a text (pairs joined by a space)."""
    tokens = tokenize(text, language, unit)
    return set(tokens) | {f"{a} {b}" for a, b in zip(tokens, tokens[1:])}


@dataclass(frozen=True)
class Rule:
    """One path from the root to a leaf: the conditions, and what the tree answers there."""

    conditions: tuple[tuple[str, bool], ...]  # (n-gram, present?)
    label: int
    support: int  # training texts that reach the leaf
    purity: float  # share of those on which the LSTM gave `label`


@dataclass(frozen=True)
class RuleTree:
    """A fitted tree as data; node 0 is the root, leaves have feature "" and children -1."""

    language: str
    labels: tuple[str, ...]
    feature: tuple[str, ...]  # the n-gram tested at each node
    left: tuple[int, ...]  # child when the n-gram is absent
    right: tuple[int, ...]  # child when it is present
    counts: tuple[tuple[int, ...], ...]  # LSTM verdicts of the training texts reaching the node
    token_unit: str = "words"

    def leaf_of(self, grams: set[str]) -> int:
        node = 0
        while self.left[node] >= 0:
            node = self.right[node] if self.feature[node] in grams else self.left[node]
        return node

    def predict(self, texts: list[str]) -> np.ndarray:
        return self.predict_grams([ngrams(t, self.language, self.token_unit) for t in texts])

    def predict_grams(self, grams: list[set[str]]) -> np.ndarray:
        """Labels for texts given as their n-gram sets (see `ngrams`)."""
        return np.array([int(np.argmax(self.counts[self.leaf_of(g)])) for g in grams], np.int32)

    def path(self, text: str) -> Rule:
        """The rule that decides this text."""
        grams, node, conditions = ngrams(text, self.language, self.token_unit), 0, []
        while self.left[node] >= 0:
            present = self.feature[node] in grams
            conditions.append((self.feature[node], present))
            node = self.right[node] if present else self.left[node]
        return self._rule(tuple(conditions), node)

    def _rule(self, conditions: tuple[tuple[str, bool], ...], node: int) -> Rule:
        counts = np.asarray(self.counts[node])
        return Rule(conditions, int(counts.argmax()), int(counts.sum()), round(float(counts.max() / max(counts.sum(), 1)), 4))

    def rules(self) -> list[Rule]:
        """Every leaf's rule, the most used first."""
        found, stack = [], [(0, ())]
        while stack:
            node, conditions = stack.pop()
            if self.left[node] < 0:
                found.append(self._rule(conditions, node))
                continue
            stack.append((self.right[node], conditions + ((self.feature[node], True),)))
            stack.append((self.left[node], conditions + ((self.feature[node], False),)))
        return sorted(found, key=lambda rule: (-rule.support, rule.conditions))

    def to_dict(self) -> dict:
        return {"language": self.language, "labels": list(self.labels), "token_unit": self.token_unit,
                "feature": list(self.feature), "left": list(self.left), "right": list(self.right),
                "counts": [list(c) for c in self.counts]}

    @classmethod
    def from_dict(cls, data: dict) -> "RuleTree":
        return cls(data["language"], tuple(data["labels"]), tuple(data["feature"]), tuple(data["left"]),
                   tuple(data["right"]), tuple(tuple(int(v) for v in c) for c in data["counts"]),
                   data.get("token_unit", "words"))


def agreement(a: np.ndarray, b: np.ndarray) -> float:
    """Share of positions where two label arrays agree (fidelity when one is the model's)."""
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.size == 0:
        raise ValueError("compare two non-empty label arrays of the same length")
    return round(float((a == b).mean()), 4)


def fit_tree(grams: list[set[str]], model_labels: np.ndarray, depth: int, language: str, labels: tuple[str, ...],
             token_unit: str = "words") -> RuleTree:
    """A decision tree of at most `depth` levels over n-gram presence, fitted to the model's labels.

    grams: each training text's n-gram set (`ngrams`); model_labels: the model's verdicts on them.
    """
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.tree import DecisionTreeClassifier

    vectorizer = CountVectorizer(analyzer=sorted, binary=True, min_df=5, max_features=MAX_FEATURES)
    x = vectorizer.fit_transform(grams)
    tree = DecisionTreeClassifier(max_depth=depth, min_samples_leaf=MIN_LEAF, random_state=0).fit(x, model_labels)
    names, inner = vectorizer.get_feature_names_out(), tree.tree_
    classes = list(tree.classes_)
    counts = []
    for node in range(inner.node_count):  # sklearn stores weighted class fractions; back to counts
        row = np.zeros(len(labels), np.int64)
        row[classes] = np.rint(inner.value[node][0] * inner.n_node_samples[node]).astype(np.int64)
        counts.append(tuple(int(v) for v in row))
    leaf = inner.children_left < 0
    # A present n-gram has value 1 > threshold 0.5, so it goes right, as RuleTree reads it.
    return RuleTree(language, tuple(labels), tuple("" if leaf[n] else str(names[inner.feature[n]]) for n in range(inner.node_count)),
                    tuple(int(v) for v in inner.children_left), tuple(int(v) for v in inner.children_right),
                    tuple(counts), token_unit)


@dataclass(frozen=True)
class Extracted:
    tree: RuleTree
    depth: int
    validation_fidelity: dict[int, float]  # per depth tried
    test_fidelity: float  # agreement with the model on the test texts
    test_accuracy: float  # agreement with the true test labels
    model_test_accuracy: float  # the model's own, for comparison


def extract(model_predict, data, language: str, token_unit: str = "words") -> Extracted:
    """Fit trees of each depth to `model_predict`'s labels on train; pick by validation fidelity."""
    model_train = model_predict(list(data.train.texts))
    model_val = model_predict(list(data.validation.texts))
    model_test = model_predict(list(data.test.texts))
    train, val = ([ngrams(t, language, token_unit) for t in part.texts] for part in (data.train, data.validation))
    trees = {d: fit_tree(train, model_train, d, language, data.classes, token_unit) for d in DEPTHS}
    fidelity = {d: agreement(tree.predict_grams(val), model_val) for d, tree in trees.items()}
    depth = max(DEPTHS, key=lambda d: (fidelity[d], -d))
    tree_test = trees[depth].predict(list(data.test.texts))
    return Extracted(trees[depth], depth, fidelity, agreement(tree_test, model_test),
                     agreement(tree_test, data.test.labels), agreement(model_test, data.test.labels))
