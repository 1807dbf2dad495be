"""Benchmark of the text generation page: `python benchmarks/bench_generate.py`.

Prints, for each shipped character LSTM:
- 200 characters generated on the NumPy `Network.step` path (target: under 100 ms),
  against the same model in Keras (one call per character on the last 100 characters,
  the way Keras' character-level example generates);
- the held-out bits per character of the LSTM and of the best n-gram, from the card;
and the page's rerun time (AppTest, server side) when the temperature slider moves.
"""

from __future__ import annotations

from timing import median_ms, open_page, rerun_times  # first: puts the repository on sys.path

import numpy as np

from lstm_core.generate import language_model

LENGTH = 200


WINDOW = 100  # Keras re-reads this many characters per new one, left-padded to one fixed shape


def keras_generate(keras_model, model: language_model.CharLanguageModel, prompt: str, length: int) -> str:
    """Greedy generation in Keras: re-read the last 100 characters for every new one.

    The window is left-padded with id 0, which the embedding masks, so the shape never
    changes and `predict_on_batch` traces the model once.
    """
    ids = list(model.vocab.encode("\n" + prompt).ids)
    out = []
    for _ in range(length):
        window = np.zeros((1, WINDOW), np.int32)
        recent = ids[-WINDOW:]
        window[0, WINDOW - len(recent) :] = recent
        probs = np.asarray(keras_model.predict_on_batch(window))[0, -1]
        probs = language_model.drawable(model.vocab, probs)
        best = int(np.argmax(probs))
        ids.append(best)
        out.append(model.vocab.tokens[best])
    return "".join(out)


def bench_models() -> None:
    from lstm_core.training.network_keras import build_keras, load_into_keras

    for language in ("zh", "en"):
        model = language_model.load_language_model(language)
        prompt = language_model.DEFAULT_PROMPTS[language]
        numpy_ms = median_ms(lambda: language_model.sample(model, prompt, LENGTH, temperature=0.8, seed=0), 5)
        greedy_numpy = language_model.sample(model, prompt, LENGTH, temperature=0.0)
        keras_model = build_keras(model.network.spec)
        load_into_keras(keras_model, model.network)
        keras_generate(keras_model, model, prompt, 5)  # warm up (graph tracing)
        keras_ms = median_ms(lambda: keras_generate(keras_model, model, prompt, LENGTH), 3)
        same = keras_generate(keras_model, model, prompt, 40) == greedy_numpy[:40]
        card = model.card.to_dict()
        print(f"[{language}] {card['name']}: {card['parameters']:,} parameters, vocabulary {len(model.vocab):,}")
        print(f"  200 characters, NumPy step path: {numpy_ms:7.1f} ms (median of 5; target < 100 ms)")
        print(f"  200 characters, Keras per call:  {keras_ms:7.1f} ms  (greedy text identical for 40 chars: {same})")
        print(f"  held-out bits/char: LSTM {card['metrics']['heldout_bits_per_char']:.4f}, "
              f"best n-gram {card['baseline']['heldout_bits_per_char']:.4f} ({card['baseline']['name']}); "
              f"LSTM beats it: {card['beats_baseline']}")
        print(f"  trained {card['epochs_run']} epoch(s), {card['training_seconds']:.0f} s on {card['training_hardware']}")


def bench_page() -> None:
    at, _ = open_page("pages/generate.py")
    temperatures = (0.5, 0.9, 1.3, 0.3, 1.1, 0.7, 1.5, 0.6)
    times = rerun_times(at, lambda i: at.slider(key="generate_temperature").set_value(temperatures[i]), len(temperatures))
    print(f"page rerun after a temperature move (AppTest, 200 characters regenerated): "
          f"median {times.median_ms():.0f} ms, min {times.min_ms():.0f} ms, max {times.max_ms():.0f} ms over {len(times)}")
    characters = (5, 50, 120, 180, 20, 90, 150, 60)
    picks = rerun_times(at, lambda i: at.slider(key="generate_pick").set_value(characters[i]), len(characters))
    print(f"page rerun after picking another character (nothing regenerated): "
          f"median {picks.median_ms():.0f} ms over {len(picks)}")


if __name__ == "__main__":
    bench_page()  # first: once TensorFlow is loaded in this process its idle threads slow every rerun
    bench_models()
