"""TensorFlow's process-wide settings: threads, determinism, and what it runs on.

Keras and TensorFlow are imported inside the functions, so importing this module
never loads them. The app limits TensorFlow to one thread per pool once, before its
first training, so one training uses one core and the rest of the server stays
responsive; the offline builds ask for deterministic kernels instead. For data-parallel
training, `logical_cpus` splits the CPU into devices and `strategies` gives the
one-device and mirrored `tf.distribute` strategies that `Trainer(strategy=...)` takes.
"""

from __future__ import annotations

import functools
import os

import numpy as np


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


def machine_load() -> dict:
    """How busy the machine was (load averages, cores): timings taken beside other work are upper bounds."""
    one, five, _ = os.getloadavg()
    return {"load_1min": round(one, 1), "load_5min": round(five, 1), "cores": os.cpu_count()}


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


def threads() -> dict[str, int]:
    """TensorFlow's thread pools now, for a model card (0 means its default: every core)."""
    import tensorflow as tf

    return {"intra_op": tf.config.threading.get_intra_op_parallelism_threads(),
            "inter_op": tf.config.threading.get_inter_op_parallelism_threads()}


def logical_cpus(count: int) -> list[str]:
    """Split the CPU into `count` logical devices; only possible before TensorFlow initialises."""
    import tensorflow as tf

    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.threading.set_inter_op_parallelism_threads(2)  # the two replicas may run at once
    tf.config.threading.set_intra_op_parallelism_threads(1)  # a shared machine: no thread pools per op
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * count)
    return [d.name for d in tf.config.list_logical_devices("CPU")]


def strategies(devices: list[str]) -> tuple[object, object]:
    """(one device: the first, mirrored: all of them) as `tf.distribute` strategies."""
    import tensorflow as tf

    return tf.distribute.OneDeviceStrategy(devices[0]), tf.distribute.MirroredStrategy(devices)


def rows_per_replica(strategy, x: np.ndarray, y: np.ndarray, batch_size: int) -> list[int]:
    """Rows of the first global batch of (x, y) that each replica of `strategy` receives."""
    import tensorflow as tf

    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(batch_size)
    batch = next(iter(strategy.experimental_distribute_dataset(dataset)))

    @tf.function
    def sizes_of(xb, yb):
        return strategy.run(lambda x_part, y_part: tf.shape(x_part)[0], args=(xb, yb))

    return [int(s) for s in strategy.experimental_local_results(sizes_of(*batch))]
