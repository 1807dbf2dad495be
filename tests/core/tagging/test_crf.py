"""The CRF baseline: its features, and a tiny model trained and read back from bytes."""

from lstm_core.tagging.crf import CrfConfig, CrfSegmenter, char_features, train_crf


def test_features_window():
    features = char_features("研究生", window=1)
    assert features[0][:3] == ["u-1=#", "u0=研", "u1=究"]
    assert "b0=究生" in features[1] and "j=研生" in features[1]


def test_a_tiny_crf_learns_and_covers_any_text(tmp_path):
    sentences = [["研究", "生命", "起源"], ["生命", "起源"], ["研究", "生命"]] * 5
    config = CrfConfig(window=1, c1=0.0, c2=0.01, max_iterations=30, min_freq=1)
    path = tmp_path / "tiny.crfsuite"
    train_crf(sentences, config, path)
    crf = CrfSegmenter.from_file(path, config)
    assert crf.segment("研究生命起源") == ["研究", "生命", "起源"]
    for text in ["", "😀 x", "１２３"]:
        assert "".join(crf.segment(text)) == text
