"""TensorFlow's process-wide settings: threads, determinism, and what it runs on.

Keras and TensorFlow are imported inside the functions, so importing this module
never loads them. The app limits TensorFlow to one thread per pool once, before its
first training, so one training uses one core and the rest of the server stays
responsive; the offline builds ask for deterministic kernels instead.
"""

from __future__ import annotations

import functools
import os


@functools.cache
def one_thread_per_training() -> bool:
    """One intra-op and one inter-op thread for this process (once); False if TensorFlow had already started."""
    import tensorflow as tf

    try:
        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)
    except RuntimeError:  # TensorFlow already ran an op: its thread pools are fixed now
        return False
    return True


def deterministic(seed: int = 0, threads: int | None = None) -> None:
    """Same seed, same weights (for the builds): deterministic kernels, optionally few threads."""
    import keras
    import tensorflow as tf

    if threads:
        tf.config.threading.set_intra_op_parallelism_threads(threads)
        tf.config.threading.set_inter_op_parallelism_threads(threads)
    tf.config.experimental.enable_op_determinism()
    keras.utils.set_random_seed(seed)


def clear() -> None:
    """Drop Keras' global graph state after a training, so its memory can be returned."""
    import keras

    keras.backend.clear_session()


def hardware() -> str:
    """What Keras is running on, for a model card."""
    import keras

    backend = keras.backend.backend()
    device, version = "CPU", ""
    if backend == "jax":
        import jax

        version, first = jax.__version__, jax.devices()[0]
        device = first.device_kind if first.platform != "cpu" else "CPU"
    elif backend == "torch":
        import torch

        version = torch.__version__
        device = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "CPU"
    elif backend == "tensorflow":
        import tensorflow as tf

        version = tf.__version__
        gpus = tf.config.list_physical_devices("GPU")
        device = gpus[0].name if gpus else "CPU"
    return f"Keras {keras.__version__} on {backend} {version}, {device}, {os.cpu_count()} CPU cores"
