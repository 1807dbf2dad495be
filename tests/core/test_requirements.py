"""The installed packages are the ones requirements.txt pins, and every pin has a range.

A fresh install used to get whatever was newest (pytest 9.2, Plotly 7.1) and fail tests
that passed in CI; pinning with == makes what a newcomer installs what CI tested.
"""

import re
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from packaging.markers import Marker

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)\s*(?P<spec>[<>=!~][^;]*)?(;\s*(?P<marker>.+))?$")


def _requirements(name: str) -> dict[str, tuple[str, str | None]]:
    found = {}
    for raw in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            match = LINE.match(line)
            assert match, f"{name}: cannot read {raw!r}"
            key = (match["name"].lower().replace("_", "-"), match["marker"])
            found[key] = (match["spec"] or "").strip()
    return found


def test_every_direct_dependency_is_pinned_exactly():
    pins = _requirements("requirements.txt")
    assert pins and all(re.fullmatch(r"==[\w.]+", spec) for spec in pins.values()), pins


def test_pins_and_ranges_name_the_same_packages():
    assert set(_requirements("requirements.txt")) == set(_requirements("requirements.in"))


def test_installed_versions_are_the_pinned_ones():
    for (name, marker), spec in _requirements("requirements.txt").items():
        if marker and not Marker(marker).evaluate():
            continue
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = version(name.replace("-", "_"))
        assert installed == spec.removeprefix("=="), f"{name}: installed {installed}, pinned {spec}"
