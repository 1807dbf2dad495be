"""What every benchmark script shares: set-up, timers, and an AppTest opener.

A script run as `python benchmarks/bench_x.py` has this folder on `sys.path`, so it
imports this module first (`import timing`); that puts the repository root on
`sys.path` for `lstm_core` and quiets TensorFlow's C++ logs before anything imports it.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class Times:
    """Seconds taken by each timed call: wall clock, and this process's CPU."""

    wall: tuple[float, ...]
    cpu: tuple[float, ...]

    def __len__(self) -> int:
        return len(self.wall)

    def median_ms(self) -> float:
        return 1000 * statistics.median(self.wall)

    def cpu_median_ms(self) -> float:
        return 1000 * statistics.median(self.cpu)

    def cpu_mean_ms(self) -> float:
        return 1000 * statistics.fmean(self.cpu)

    def min_ms(self) -> float:
        return 1000 * min(self.wall)

    def max_ms(self) -> float:
        return 1000 * max(self.wall)

    def best(self) -> float:
        """The fastest call, in seconds (the least disturbed by other jobs)."""
        return min(self.wall)


def timed(function: Callable[[], object], repeats: int = 1, warm_up: bool = False) -> Times:
    """Time `repeats` calls of `function`, after one untimed call when `warm_up` is set."""
    if warm_up:
        function()
    wall, cpu = [], []
    for _ in range(repeats):
        started, cpu_started = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return Times(tuple(wall), tuple(cpu))


def median_ms(function: Callable[[], object], repeats: int, warm_up: bool = False) -> float:
    """The median wall time of `repeats` calls, in milliseconds."""
    return timed(function, repeats, warm_up).median_ms()


def open_page(page: str) -> tuple[AppTest, float]:
    """The app in AppTest, switched to `page`, and the seconds that page's first run took."""
    from streamlit import logger
    from streamlit.testing.v1 import AppTest

    logger.set_log_level("error")  # AppTest warns about bare mode on every rerun otherwise
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(page)
    first = timed(at.run)
    assert not at.exception, at.exception
    return at, first.wall[0]


def rerun_times(at: AppTest, change: Callable[[int], object], count: int) -> Times:
    """Time `count` page reruns, each after `change(i)` sets a widget (untimed); none may raise."""
    wall, cpu = [], []
    for i in range(count):
        change(i)
        rerun = timed(at.run)
        assert not at.exception, at.exception
        wall += rerun.wall
        cpu += rerun.cpu
    return Times(tuple(wall), tuple(cpu))
