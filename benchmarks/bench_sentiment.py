"""Sentiment benchmark: `python benchmarks/bench_sentiment.py [--skip-training]`.

Prints (1) one prediction with its per-token running verdict for a 200-character review
(target < 30 ms), with and without occlusion; (2) the NumPy path against the Keras model
on the same input (time and largest difference); (3) how long the page's default
"train your own" run takes on the Chinese reviews and the held-out accuracy it reaches
(target: 85%+ within 60 s on 2 cores).
"""

from __future__ import annotations

import argparse

from timing import median_ms  # first: puts the repository on sys.path

import numpy as np

from lstm_core.sentiment import classifier as sentiment, sentiment_data


def parse_setting(item: str) -> tuple[str, object]:
    """"units=64" -> ("units", 64), typed like the SentimentConfig field's default."""
    from lstm_core.sentiment.sentiment_train import SentimentConfig

    name, _, text = item.partition("=")
    default = getattr(SentimentConfig(), name, None)
    if default is None or not text:
        raise SystemExit(f"--set {item!r}: expected FIELD=VALUE with a SentimentConfig field")
    if isinstance(default, bool):
        return name, text.lower() in ("1", "true", "yes")
    return name, type(default)(text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-training", action="store_true", help="only the inference timings")
    parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                        help="change one SentimentConfig default of the training run, e.g. --set pretrained=true "
                             "--set embedding_dim=100 (repeatable)")
    parser.add_argument("--one-thread", action="store_true", help="one TensorFlow thread, as the page trains")
    args = parser.parse_args()
    if args.one_thread:
        from lstm_core.training.backend import one_thread_per_training

        one_thread_per_training()

    classifier = sentiment.load_classifier("zh")
    data = sentiment_data.load("reviews", seed=0)
    review = next(t for t in data.test.texts if len(t) >= 200)[:200]
    print(f"review: {len(review)} characters, {len(classifier.encode(review)[0].ids)} tokens")
    verdict_ms = median_ms(lambda: classifier.read(review, attribution=False), 30, warm_up=True)
    print(f"prediction + running verdict: {verdict_ms:.1f} ms (target < 30 ms)")
    occlusion_ms = median_ms(lambda: classifier.read(review), 10, warm_up=True)
    print(f"... plus occlusion of every token: {occlusion_ms:.1f} ms")

    from lstm_core.training.network_keras import build_keras, load_into_keras

    ids = classifier.encode(review)[0].ids
    model = build_keras(classifier.network.spec, None)
    load_into_keras(model, classifier.network)
    keras_ms = median_ms(lambda: model.predict(ids[None, :], verbose=0), 10, warm_up=True)
    numpy_ms = median_ms(lambda: classifier.network.trace(ids), 30, warm_up=True)
    difference = np.abs(model.predict(ids[None, :], verbose=0)[0] - classifier.network.trace(ids).outputs).max()
    print(f"NumPy trace (all gates kept): {numpy_ms:.1f} ms; Keras model.predict: {keras_ms:.1f} ms "
          f"({keras_ms / numpy_ms:.1f}x); largest probability difference {difference:.2e}")

    if args.skip_training:
        return
    from lstm_core.sentiment.sentiment_train import SentimentConfig, train_all

    config = SentimentConfig(**dict(parse_setting(item) for item in args.set))
    print(f"train-your-own run on the Chinese reviews: {config}")

    def report(epoch):
        print(f"  epoch {epoch.epoch}: val_accuracy {epoch.validation['accuracy']:.4f} after {epoch.seconds:.1f} s", flush=True)

    trained = train_all(data, config, "bench", {"en": "bench", "zh": "bench"}, on_epoch=report)
    kept_validation = trained.history["val_accuracy"][trained.best_epoch - 1]
    print(f"trained {trained.epochs_run} epochs in {trained.seconds:.1f} s (kept epoch {trained.best_epoch}, "
          f"validation accuracy {kept_validation:.4f}); "
          f"test accuracy {trained.metrics.accuracy:.4f}, macro-F1 {trained.metrics.macro_f1:.4f} "
          "(target: 85%+ within 60 s on 2 cores)")


if __name__ == "__main__":
    main()
