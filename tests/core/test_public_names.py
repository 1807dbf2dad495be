"""The names outside checks import keep working after lstm_core moved into subpackages and layers (issue 24)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_outside_names_import():
    import lstm_core.cell
    from lstm_core.cell import LSTMWeights, backward, trace
    from lstm_core.compress import pruned, quantized
    from lstm_core.embeddings import load_word_vectors
    from lstm_core.forecast import fit_forecaster, mase
    from lstm_core.gan import discriminative_score
    from lstm_core.generate import load_language_model, sample
    from lstm_core.nn import cell
    from lstm_core.sentiment import load_classifier
    from lstm_core.tagging import load_tagger
    from lstm_core.text import segment

    assert lstm_core.cell is cell  # one module under two names, not a copy
    assert (lstm_core.cell.LSTMWeights, lstm_core.cell.trace, lstm_core.cell.backward) == (LSTMWeights, trace, backward)
    assert [f.__module__ for f in (segment, load_word_vectors, load_classifier, fit_forecaster, mase,
                                   load_language_model, sample, quantized, pruned, discriminative_score)] == [
        "lstm_core.text.segmentation", "lstm_core.embeddings.word_vectors", "lstm_core.sentiment.classifier",
        "lstm_core.forecast.forecaster", "lstm_core.forecast.metrics", "lstm_core.generate.language_model",
        "lstm_core.generate.language_model", "lstm_core.compress.compressed", "lstm_core.compress.compressed",
        "lstm_core.gan.scores",
    ]
    assert segment("我爱北京") == ["我", "爱", "北京"]
    assert load_tagger.__module__ == "lstm_core.tagging.shipped"
    from lstm_core.seq2seq import load_translator  # issue 27's public name

    assert load_translator("zh_numerals").translate(["一千零五"]) == ["1005"]
    assert mase([2.0, 4.0], [2.0, 2.0], [0.0, 1.0, 2.0]) == 1.0


def test_packages_import_without_tensorflow():
    code = (
        "import sys, lstm_core.cell, lstm_core.nn, lstm_core.text, lstm_core.embeddings, lstm_core.sentiment, "
        "lstm_core.forecast, lstm_core.generate, lstm_core.gates, lstm_core.build, lstm_core.compress, lstm_core.gan, "
        "lstm_core.serving, lstm_core.training, lstm_core.brackets, lstm_core.tagging, lstm_core.seq2seq.train, lstm_core.seq2seq.gate_views\n"
        "print(sorted(m for m in ('tensorflow', 'keras', 'streamlit') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
