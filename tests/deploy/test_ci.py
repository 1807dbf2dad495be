"""The README's test command is what CI runs, and it installs what the tests need (issue 25).

A fresh machine has Python 3.11 and nothing else: the README's test command must set up
the Debian packages the browser and replica tests drive before pytest runs, and `.ci/run`
must run that same command, not a private variant of it.
"""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def readme_test_command() -> str:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Test it", 1)[1]
    return re.search(r"```bash\n(.+?)\n```", section, re.S).group(1).strip()


def test_the_readme_test_command_installs_the_system_packages_then_runs_pytest():
    assert readme_test_command() == "bash tests/system_packages.sh && python -m pytest tests -q"


def test_ci_runs_the_readme_test_command_in_order():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    install, pytest_run = readme_test_command().split(" && ")
    assert install in lines and pytest_run in lines
    assert lines.index(install) < lines.index("pip install -q --disable-pip-version-check -r requirements.txt") \
        < lines.index(pytest_run) == len(lines) - 1


def test_the_install_script_names_exactly_the_packages_the_tests_drive():
    script = (ROOT / "tests" / "system_packages.sh").read_text(encoding="utf-8")
    assert set(re.findall(r"missing\+=\(([\w-]+)\)", script)) == {"chromium", "fonts-noto-cjk", "nginx"}
    assert subprocess.run(["bash", "-n", str(ROOT / "tests" / "system_packages.sh")]).returncode == 0
