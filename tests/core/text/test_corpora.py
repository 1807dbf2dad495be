"""Corpus readers: People's Daily sentences and the repaired tweets."""

from lstm_core.text import corpora


def test_peoples_daily_sentences():
    sentences = corpora.peoples_daily_sentences()
    assert sum(map(len, sentences)) == 1_121_447  # every word/tag item of the file
    assert sentences[0][:4] == ["迈向", "充满", "希望", "的"]
    assert all(s and "/" not in s[0] for s in sentences[:1000])
    ends = sum(s[-1] in corpora.SENTENCE_END for s in sentences)
    assert ends / len(sentences) > 0.8  # most pieces end with 。！？ (the rest are headlines)


def test_readers_hand_out_fresh_copies():
    first = corpora.peoples_daily_sentences()
    first[0].append("改")
    assert corpora.peoples_daily_sentences()[0][-1] != "改"
    frame = corpora.tweets()
    frame.loc[0, "text"] = "changed"
    assert corpora.tweets().loc[0, "text"] != "changed"


def test_peoples_daily_tags():
    tagged = corpora.peoples_daily_tagged()
    assert tagged[0][0] == ("迈向", "v")
    tags = corpora.peoples_daily_tags()
    assert tags["北京"] == "ns" and tags["，"] == "w"


def test_tweets_columns_labels_and_repair():
    frame = corpora.tweets()
    assert list(frame.columns) == ["sentiment", "confidence", "text", "raw_text"]
    assert len(frame) == 38_158
    assert frame["sentiment"].value_counts().to_dict() == {"negative": 16_186, "neutral": 15_018, "positive": 6_954}
    confidence = frame["confidence"]
    assert confidence.dropna().between(0, 1).all() and confidence.isna().sum() == 5_460  # the file leaves some blank
    # the Mac Roman mojibake is gone, HTML entities are decoded
    assert not frame["text"].str.contains("’¢_").any()
    assert not frame["text"].str.contains("&amp;").any()
    assert frame["raw_text"].str.contains("’¢_").any()
    report = corpora.tweet_cleaning()
    assert report.rows == 38_158 and report.not_utf8 > 4_000 and report.mojibake_removed > 4_000


def test_repair_tweet():
    assert corpora.repair_tweet("I don’¢_äŒ_Ü¢t want it &amp; more") == "I don't want it & more"
    assert corpora.repair_tweet("café — naïve 😀") == "café — naïve 😀"  # real accents and emoji stay
