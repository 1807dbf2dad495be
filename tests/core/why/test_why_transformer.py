"""The memory task's Transformer: trained by the one trainer, equal in NumPy and Keras, its answer's attention."""

import numpy as np

from lstm_core.why import memory_transformer
from lstm_core.why.cell_training import accuracy, export_transformer, fit, transformer_trainer
from lstm_core.why.memory_task import MemoryTask, make_splits
from lstm_core.why.memory_transformer import MemoryTransformerConfig, spec_for
from lstm_core.transformer.encoder import Transformer


def test_a_short_training_gives_the_same_answers_in_numpy_as_in_keras():
    task = MemoryTask(distance=6)
    splits = make_splits(task, (256, 64, 64), seed=0)
    config = MemoryTransformerConfig(width=8, heads=2, ffn_width=8, learning_rate=1e-2)
    run = transformer_trainer(task, config, splits.train, splits.validation, epochs=2, seed=0)
    history = fit(run)
    assert len(history["val_loss"]) == 2
    net = Transformer(spec_for(task, config), export_transformer(run, task, config))
    # Training rows are front-padded with zero steps: the padding mask must agree too.
    for x in (splits.test.x, splits.train.x[:64]):
        np.testing.assert_allclose(net.predict(x), run.predict(x), atol=2e-5)
    assert memory_transformer.accuracy(net, splits.test.x, splits.test.y) == accuracy(run, splits.test)


def test_pack_unpack_and_where_the_answer_looks():
    task = MemoryTask(distance=10)
    spec = spec_for(task, MemoryTransformerConfig(width=8, heads=2, ffn_width=8))
    rng = np.random.default_rng(0)
    nets = {d: Transformer(spec, {k: rng.normal(0, 0.3, s).astype("float32") for k, s in spec.weight_shapes().items()})
            for d in (10, 20)}
    arrays = memory_transformer.pack(nets)
    assert all(k.startswith("transformer/") for k in arrays)
    back = memory_transformer.unpack(arrays, {10: spec, 20: spec})
    np.testing.assert_array_equal(back[20].weights["dense/kernel"], nets[20].weights["dense/kernel"])
    results = memory_transformer.TransformerResults({10: 1.0, 20: 1.0}, spec, {"transformer": 1}, seed=0)
    look = memory_transformer.look(results, arrays, 10)
    assert look.weights.shape == (11,) and look.marker == 0 and look.block == 1
    assert abs(look.weights.sum() - 1.0) < 1e-5
