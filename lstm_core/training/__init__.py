"""Training: the one place in lstm_core that imports Keras or TensorFlow, and only when called.

`trainer` is the one training loop (`TrainConfig`, `Trainer`, `train`, `EpochReport`:
plain, distributed, and a GAN's adversarial steps); `keras_models` builds the Keras twin
of every network the app runs in NumPy and copies its weights back out; `backend` sets
TensorFlow up (threads, determinism, logical devices). What leaves this package is NumPy.
"""
