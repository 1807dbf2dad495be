"""Shared test set-up: quiet TensorFlow, the `slow` lane, and no silent skips in CI.

The repo root is on sys.path through pyproject.toml's pytest settings.
"""

import os
from pathlib import Path

import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
TESTS = Path(__file__).resolve().parent
SLOW_FOLDERS = (TESTS / "pages", TESTS / "browser")  # AppTest reruns and a real browser


def pytest_collection_modifyitems(config, items):
    """Every AppTest and browser test is `slow`: `-m "not slow"` is the fast lane."""
    for item in items:
        if any(folder in Path(str(item.fspath)).parents for folder in SLOW_FOLDERS):
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With CI set, a skipped test is a failed test: a skip must not hide a missing install."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.longrepr = f"skipped in CI, which must run every test: {reason}"
