"""The hand-written reviews from other domains: balanced, unseen in the training corpus, parsed strictly."""

import numpy as np
import pytest

from lstm_core.sentiment import other_domains, sentiment_data


def test_the_set_is_balanced_per_domain():
    reviews = other_domains.load("zh")
    assert len(reviews.texts) == 240 == len(set(reviews.texts))
    domains = np.array(reviews.domains)
    for domain in other_domains.DOMAINS:
        labels = reviews.labels[domains == domain]
        assert len(labels) == 40 and labels.sum() == 20, domain


def test_no_review_comes_from_the_corpus_and_hotels_are_left_out():
    reviews = other_domains.load("zh")
    corpus_texts, _ = sentiment_data.raw_reviews()
    corpus = {text.strip() for text in corpus_texts}
    assert not corpus & set(reviews.texts)
    assert not any(word in text for text in reviews.texts for word in ("酒店", "宾馆"))  # in the training domains


def test_score_counts_per_domain():
    reviews = other_domains.parse(["id\tdomain\ttext\tlabel", "a\tfilms\t好看\tpositive", "b\tfilms\t难看\tnegative",
                                   "c\tapps\t好用\tpositive"])
    always_positive = lambda texts: np.tile([0.2, 0.8], (len(texts), 1))  # noqa: E731
    scores = other_domains.score(always_positive, ("negative", "positive"), reviews)
    assert scores == {"accuracy": round(2 / 3, 4), "reviews": 3, "by_domain": {"films": 0.5, "apps": 1.0}}


@pytest.mark.parametrize("row", ["a\tfilms\t好看", "a\tfilms\t好看\tgood", "a\thotels\t好看\tpositive", "a\tfilms\t\tpositive"])
def test_bad_rows_are_refused(row):
    with pytest.raises(other_domains.OtherDomainsError):
        other_domains.parse([row])


def test_a_repeated_text_is_refused():
    with pytest.raises(other_domains.OtherDomainsError, match="twice"):
        other_domains.parse(["a\tfilms\t好看\tpositive", "b\tapps\t好看\tpositive"])
