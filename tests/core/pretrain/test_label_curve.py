"""Samples of the training labels, the epoch rule, and the shipped label-count curve."""

import numpy as np

from lstm_core.pretrain import label_curve


def test_label_sample_is_stratified_sorted_and_seeded():
    labels = np.array([0] * 600 + [1] * 400)
    rows = label_curve.label_sample(labels, 100, seed=3)
    assert len(rows) == 100 and np.all(np.diff(rows) > 0)
    assert labels[rows].sum() == 40  # the class mix of the whole
    assert np.array_equal(rows, label_curve.label_sample(labels, 100, seed=3))
    assert not np.array_equal(rows, label_curve.label_sample(labels, 100, seed=4))
    assert np.array_equal(label_curve.label_sample(labels, 0, seed=0), np.arange(1000))


def test_small_samples_may_train_for_more_epochs_within_the_cap():
    assert label_curve.epochs_for(13_889, 64, 6) == 6
    assert label_curve.epochs_for(3_000, 64, 6) == 7
    assert label_curve.epochs_for(100, 64, 6) == label_curve.MAX_EPOCHS


RUNS = [{"model": m, "size": s, "seed": k, "validation": {"accuracy": a}, "test": {"accuracy": a}}
        for m, s, k, a in [("pretrained", 100, 0, 0.7), ("pretrained", 100, 1, 0.8), ("scratch", 100, 0, 0.6),
                           ("pretrained", 1000, 0, 0.85), ("scratch", 1000, 0, 0.86)]]


def test_points_and_the_ahead_check():
    first = label_curve.points(RUNS, "pretrained", "test")[0]
    assert (first.size, first.mean, first.low, first.high, first.seeds) == (100, 0.75, 0.7, 0.8, 2)
    assert not label_curve.ahead_everywhere(RUNS, "test")  # behind at 1,000
    assert label_curve.ahead_everywhere(RUNS[:3], "test")
    lead, rest = label_curve.furthest_behind(RUNS, "test")
    assert (lead.size, lead.mean, rest.mean) == (1000, 0.85, 0.86)
    lead, rest = label_curve.furthest_behind(RUNS[:3], "test")  # ahead everywhere: where it leads least
    assert (lead.size, lead.mean, rest.mean) == (100, 0.75, 0.6)


def test_the_shipped_curve_has_every_run_and_says_what_its_numbers_say():
    curve = label_curve.load()
    runs = curve["runs"]
    train = curve["data"]["split"]["sizes"]["train"]
    for model in label_curve.MODELS:
        sizes = {size or train: seeds for size, seeds in label_curve.SEEDS.items()}
        found = {p.size: p.seeds for p in label_curve.points(runs, model, "test")}
        assert found == sizes, model
    for split in ("validation", "test"):
        assert curve["ahead_everywhere"][split] == label_curve.ahead_everywhere(runs, split)


def test_the_curves_full_size_run_is_the_shipped_schedule():
    """The curve lets a stalled head release the LSTM early; with all labels it joins in epoch 2 anyway,
    before a stall of `patience` epochs can show, so the full-size run trains as the shipped model did."""
    from lstm_core.build.pretrain_build import CHOSEN
    from lstm_core.build.pretrain_search import CANDIDATES

    config = CANDIDATES[CHOSEN]
    assert config.gradual and config.head_epochs < config.patience + 1
    runs = label_curve.load()["runs"]
    train = max(run["size"] for run in runs)
    full = [run for run in runs if run["model"] == "pretrained" and run["size"] == train]
    assert [run["unfrozen_after"] for run in full] == [0]
    released = [run for run in runs if run["model"] == "pretrained" and run["unfrozen_after"]]
    assert released and all(run["size"] < train for run in released)  # it did fire, on small samples
