"""One BLAS thread for the small matrix products of step-by-step inference.

Generating text multiplies a (H,) state by (H, 4H) and (H, V) matrices once per
character. Such products finish before a second BLAS thread has woken up, and on a
busy machine (a classroom server, two cores shared by many) OpenBLAS's waiting
threads make them 5-10 times slower: 200 Chinese characters took 570 ms with two
threads and 70 ms with one, measured on the 2-core machine this app was built on.
"""

from __future__ import annotations

from functools import lru_cache

from threadpoolctl import ThreadpoolController


@lru_cache(maxsize=1)
def _controller() -> ThreadpoolController:
    """The process's thread pools, found once: finding them walks every loaded library,
    which took a few percent of a busy class server's time when done per generation."""
    return ThreadpoolController()


def one_thread():
    """A context manager: inside it, NumPy's BLAS uses a single thread."""
    return _controller().limit(limits=1, user_api="blas")
