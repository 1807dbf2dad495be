"""Rule-made counterfactual examples: training text whose label depends on word order.

After Kaushik et al. (2020), "Learning the difference that makes a difference with
counterfactually-augmented data": there, people edited a review as little as possible so
its label flipped; here rules do it, from the training split only. Review and tweet data
rarely contain two texts with the same words in a different order and opposite labels,
so neither an LSTM nor a bag of words has any reason to learn that order matters. The
generators make such texts:

- `contrast_examples`: two short training texts of opposite labels joined by a contrast
  connective, both ways round. The clause that the connective puts last carries the
  verdict (the convention of the contrast set's header): "A，但是B" takes B's label.
  The two texts of a pair have exactly the same words, so only order can separate them.
- `negation_examples`: sentiment words learnt from the training split (`sentiment_words`)
  put in templates with no negation, one negation (the label flips) or two (it flips back).

Every generator is a pure function of its inputs and a seeded `numpy.random.Generator`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from lstm_core.sentiment.classifier import tokenize

POLARITIES = ("negative", "positive")  # a generated example's label: 0 negative, 1 positive
# Templates "{a} ... {b}": the verdict is b's, the clause the connective puts last.
CONTRAST_TEMPLATES = {
    "zh": ("{a}，但是{b}", "{a}，可是{b}", "{a}，不过{b}", "虽然{a}，但是{b}"),
    "en": ("{a}, but {b}", "{a}, yet {b}", "{a} but {b}", "although {a}, {b}"),
}
# Words that already turn a text around; a clause holding one is not used.
CONNECTIVES = {
    "zh": ("但", "可是", "不过", "虽然", "却", "就是", "可惜", "只是", "然而", "好在"),
    "en": ("but", "yet", "though", "although", "however", "except"),
}
# Negation templates: (template, how many negations); an odd count flips the word's label.
NEGATION_TEMPLATES = {
    "zh": (("{w}", 0), ("很{w}", 0), ("真的{w}", 0), ("不{w}", 1), ("不是很{w}", 1), ("一点也不{w}", 1),
           ("没有那么{w}", 1), ("不是不{w}", 2), ("没有不{w}的", 2)),
    "en": (("it is {w}", 0), ("so {w}", 0), ("really {w}", 0), ("it is not {w}", 1), ("it isn't {w}", 1),
           ("not {w} at all", 1), ("never {w}", 1), ("it is not that it isn't {w}", 2), ("not that it was not {w}", 2)),
}
NEGATORS = {"zh": ("不", "没", "无", "别", "非", "未"), "en": ("not", "no", "never", "n't", "nothing", "nobody")}
MAX_CLAUSE = {"zh": 20, "en": 10}  # characters (zh) or words (en): short texts read as one clause
MIN_CLAUSE = {"zh": 4, "en": 3}
_ZH_BREAKS = re.compile(r"[，,。！!？?；;：:、…~.（）()\s]")
_EN_NOISE = re.compile(r"(@\w+|#\w+|https?://\S+)")


@dataclass(frozen=True)
class Generated:
    """Generated texts and their polar labels (0 negative, 1 positive), with the rule that made each."""

    texts: tuple[str, ...]
    labels: np.ndarray  # (N,) int32
    rules: tuple[str, ...]  # "contrast" or "negation", per text

    def __len__(self) -> int:
        return len(self.texts)


def clause(text: str, language: str) -> str | None:
    """A training text cleaned into one short clause, or None when it is not one."""
    if language == "zh":
        text = text.strip().rstrip("。！!？?~…. ")
        if _ZH_BREAKS.search(text) or not MIN_CLAUSE["zh"] <= len(text) <= MAX_CLAUSE["zh"]:
            return None
    else:
        text = " ".join(_EN_NOISE.sub(" ", text).split()).strip(" .!?,;:-")
        words = text.lower().split()
        if re.search(r"[,;:.!?\"]", text) or not MIN_CLAUSE["en"] <= len(words) <= MAX_CLAUSE["en"]:
            return None
        if not re.fullmatch(r"[A-Za-z' ]+", text):
            return None
        text = text[0].lower() + text[1:]
    lowered = text.lower()
    if any((c in lowered) if language == "zh" else (c in lowered.split()) for c in CONNECTIVES[language]):
        return None
    return text


def clauses(texts, polar_labels: np.ndarray, language: str) -> tuple[list[str], list[str]]:
    """The distinct short negative and positive clauses among `texts` (label -1 = neither, skipped)."""
    found: tuple[dict, dict] = ({}, {})
    for text, label in zip(texts, polar_labels):
        if label in (0, 1):
            cleaned = clause(text, language)
            if cleaned is not None:
                found[label].setdefault(cleaned, None)
    return list(found[0]), list(found[1])


def contrast_examples(texts, polar_labels: np.ndarray, language: str, pairs: int, rng: np.random.Generator) -> Generated:
    """2 * pairs texts: a negative and a positive clause joined both ways round by one template."""
    negative, positive = clauses(texts, polar_labels, language)
    if not negative or not positive:
        raise ValueError("contrast_examples needs at least one short clause of each label")
    templates = CONTRAST_TEMPLATES[language]
    out_texts, out_labels = [], []
    for _ in range(pairs):
        bad, good = negative[rng.integers(len(negative))], positive[rng.integers(len(positive))]
        template = templates[rng.integers(len(templates))]
        out_texts += [template.format(a=good, b=bad), template.format(a=bad, b=good)]
        out_labels += [0, 1]
    return Generated(tuple(out_texts), np.array(out_labels, np.int32), ("contrast",) * len(out_texts))


def negation_examples(words: tuple[tuple[str, ...], tuple[str, ...]], language: str, count: int,
                      rng: np.random.Generator) -> Generated:
    """`count` texts: a sentiment word (words[label]) in a template; an odd number of negations flips its label."""
    templates = NEGATION_TEMPLATES[language]
    out_texts, out_labels = [], []
    for _ in range(count):
        label = int(rng.integers(2))
        word = words[label][rng.integers(len(words[label]))]
        template, negations = templates[rng.integers(len(templates))]
        out_texts.append(template.format(w=word))
        out_labels.append(label if negations % 2 == 0 else 1 - label)
    return Generated(tuple(out_texts), np.array(out_labels, np.int32), ("negation",) * len(out_texts))


def sentiment_words(texts, polar_labels: np.ndarray, language: str, per_side: int = 30, min_df: int = 5) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words a logistic regression on word counts leans on most, per label, from these texts only.

    Chinese: jieba adjectives (part of speech "a"); English: words seen after "is", "was",
    "so", "very", "really" or "too" at least 3 times (an adjective test that needs no
    tagger). Words holding a negation are left out: the templates add negations.
    """
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    keep = np.isin(polar_labels, (0, 1))
    texts, labels = [t for t, k in zip(texts, keep) if k], np.asarray(polar_labels)[keep]
    allowed = _adjectives(texts, language)
    vectorizer = CountVectorizer(analyzer=lambda text: _words(text, language), min_df=min_df, binary=True)
    counts = vectorizer.fit_transform(texts)
    weights = LogisticRegression(C=1.0, max_iter=2000).fit(counts, labels).coef_[0]
    vocabulary = vectorizer.get_feature_names_out()
    ranked = [vocabulary[i] for i in np.argsort(weights, kind="stable")
              if vocabulary[i] in allowed and not any(n in vocabulary[i] for n in NEGATORS[language])]
    return tuple(ranked[:per_side]), tuple(ranked[::-1][:per_side])


def _words(text: str, language: str) -> list[str]:
    return tokenize(text, language, "words")


def _adjectives(texts: list[str], language: str) -> set[str]:
    if language == "zh":
        import jieba.posseg

        # Degree words ("很好", "最差") are left out: the templates add their own.
        return {pair.word for text in texts for pair in jieba.posseg.cut(text)
                if pair.flag == "a" and len(pair.word) <= 2 and pair.word[0] not in "很最太较更超挺"}
    seen: dict[str, int] = {}
    for text in texts:
        for word in re.findall(r"\b(?:is|was|so|very|really|too) ([a-z]+)\b", text.lower()):
            seen[word] = seen.get(word, 0) + 1
    return {word for word, n in seen.items() if n >= 3 and len(word) >= 3}


def combine(parts: list[Generated]) -> Generated:
    """One `Generated` holding every part, in order."""
    return Generated(tuple(t for p in parts for t in p.texts), np.concatenate([p.labels for p in parts]).astype(np.int32),
                     tuple(r for p in parts for r in p.rules))
