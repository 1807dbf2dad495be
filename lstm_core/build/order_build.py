"""Rebuild the order-aware sentiment LSTMs: `python -m lstm_core.build order`.

For each language: the training split plus the rule-made counterfactual text that won the
validation search (`lstm_core.build.order_search`), the Sentiment page's chosen LSTM
configuration with one seed, and the TF-IDF baseline fitted on exactly the same data.
Only then are both scored, once, on the test split and on the hand-written contrast set,
beside the shipped Sentiment-page models. The LSTM ships as assets/order_<language>;
the baseline's scores go into its card (its arrays do not ship: the tab shows numbers).
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from lstm_core.build import order_search as search
from lstm_core.build.sentiment_build import DATASET, SEED
from lstm_core.explain import contrast
from lstm_core.generalize import counterfactual as cf
from lstm_core.message import Message
from lstm_core.sentiment import sentiment_data
from lstm_core.sentiment.classifier import SHIPPED_NAMES, evaluate, load_baseline, load_named
from lstm_core.sentiment.sentiment_train import card_for
from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard
from lstm_core.string_table import both
from lstm_core.training.backend import one_thread_per_training

# The candidate `order_search.choose` picks from lstm_core/build/order_search.json.
CHOSEN = {"zh": "contrast6k_neg4k", "en": "contrast2k_neg2k"}
NAMES = {"zh": "order_zh", "en": "order_en"}


def contrast_scores(predict_proba, classes, pairs: contrast.ContrastSet) -> dict:
    """Accuracy and pair accuracy on the whole contrast set and per kind of change."""
    scored = contrast.score(predict_proba, classes, pairs)
    return {**scored.to_dict(), "by_change": contrast.by_change(scored, pairs)}


def generators_card(language: str, mix: search.Mix) -> dict:
    """How the generated text was made: the card's record of the augmentation."""
    return {
        "module": "lstm_core.generalize.counterfactual",
        "method": "rule-made counterfactual augmentation after Kaushik et al. (2020): contrast_examples joins a short "
                  "negative and a short positive training text with a contrast connective, both ways round, labelled by "
                  "the clause the connective puts last (the contrast set's documented convention); negation_examples "
                  "puts sentiment words (sentiment_words: adjectives a logistic regression on the training split leans "
                  "on most) into templates with zero, one (label flips) or two (flips back) negations",
        "made_from": "the training split only (its texts, labels and words); the contrast set's sentences and words are not used",
        "contrast_templates": list(cf.CONTRAST_TEMPLATES[language]),
        "negation_templates": [list(t) for t in cf.NEGATION_TEMPLATES[language]],
        "seed": search.GENERATOR_SEED,
        "mix": asdict(mix),
        "validation_set": {"made_from": "the validation split, same generators", "seed": search.GENERATOR_SEED + 1,
                           "mix": dict(zip(("contrast_pairs", "negations"), search.VALIDATION_MIX))},
    }


def search_card(language: str) -> dict:
    rows = search.read_record()[language]
    return {
        "command": f"python -m lstm_core.build.order_search {language}",
        "selection": f"highest LSTM accuracy on the generated validation counterfactuals among tries whose validation "
                     f"accuracy is at least {search.REFERENCE_VALIDATION[language]} - {search.TOLERANCE} (the same "
                     "configuration without augmentation, lstm_core/build/sentiment_search.json); neither the test split "
                     "nor the contrast set was read by any try",
        "chosen": CHOSEN[language],
        "chosen_by_rule": search.choose(rows, language) if rows else None,
        "tried": rows,
    }


def shipped_scores(language: str, data, pairs) -> dict:
    """The LSTM trained from scratch and the TF-IDF model on the same test split and contrast set."""
    lstm, base = load_named(SHIPPED_NAMES[language]), load_baseline(language)  # the LSTM trained from scratch
    test = list(data.test.texts)
    return {name: {"test": evaluate(proba(test), data.test.labels, len(data.classes)).to_dict(),
                   "contrast": contrast_scores(proba, data.classes, pairs)}
            for name, proba in (("lstm", lstm.predict_proba), ("tfidf", base.predict_proba))}


def build_language(language: str, folder: Path) -> ModelCard:
    """Fit, score once on test and contrast set, and save one language's order-aware LSTM; returns the card."""
    data = sentiment_data.load(DATASET[language], seed=SEED)
    mix = search.CANDIDATES[CHOSEN[language]]
    augmented, words = search.augment(data, mix)
    trainers, lstm, base = search.fit_both(augmented, search.CONFIG[language],
                                           lambda r: print(f"order_{language} epoch {r.epoch}: {r.logs}", flush=True))
    pairs, test = contrast.load(language), list(data.test.texts)
    name = NAMES[language]
    title = both(Message(f"model.title.{name}"))

    lstm_test = evaluate(lstm.predict_proba(test), data.test.labels, len(data.classes))
    base_test = evaluate(base.predict_proba(test), data.test.labels, len(data.classes))
    card = card_for(trainers[0], lstm_test, title)
    generated = search.validation_counterfactuals(data)
    card["validation"] = {"lstm": search.validation_scores(data, lstm.predict_proba, generated),
                          "tfidf": search.validation_scores(data, base.predict_proba, generated)}
    card["data"]["split"] = data.describe_split()
    card["data"]["generated"] = {"training_texts_added": len(augmented.train) - len(data.train), **generators_card(language, mix),
                                 "sentiment_words": {"negative": list(words[0]), "positive": list(words[1])}}
    analyzer, ngrams = base.vectorizer.analyzer, base.vectorizer.ngram_range
    card.update({
        "contrast": {"pairs": len(pairs.pairs), "source": f"assets/contrast/{language}.tsv (read once, after the search)",
                     "lstm": contrast_scores(lstm.predict_proba, data.classes, pairs),
                     "tfidf": contrast_scores(base.predict_proba, data.classes, pairs)},
        "baseline": {"name": f"TF-IDF ({analyzer} {ngrams[0]}-{ngrams[1]}-grams) + logistic regression, C={base.C} chosen "
                             "on validation macro-F1, fitted on the same augmented training data", "metrics": base_test.to_dict()},
        "shipped": shipped_scores(language, data, pairs),
        "search": search_card(language),
    })
    return assets.save_model(name, lstm.network, card, folder)


def build(folder: Path) -> None:
    one_thread_per_training()  # as in the search, so the same data and seed give the same weights
    for language in ("zh", "en"):
        card = build_language(language, folder).to_dict()
        print(f"{card['name']}: test {card['metrics']['accuracy']:.4f} (TF-IDF+CF {card['baseline']['metrics']['accuracy']:.4f}); "
              f"contrast {card['contrast']['lstm']['accuracy']:.4f} (TF-IDF+CF {card['contrast']['tfidf']['accuracy']:.4f})")
