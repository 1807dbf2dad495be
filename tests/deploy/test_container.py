"""The Dockerfile, read instruction by instruction (no Docker daemon is needed).

Checks what README.md promises about the image: a slim Python 3.11 base, the pinned
requirements installed before the code is copied (so code changes reuse that layer),
a numeric non-root user, a health check on Streamlit's /_stcore/health and the
`streamlit run app.py` command listening on every interface.
"""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    joined, pending = [], ""
    for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped or (stripped.startswith("#") and not pending):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        joined.append(pending + stripped)
        pending = ""
    return [(text.split(None, 1)[0].upper(), text.split(None, 1)[1]) for text in joined]


def first(name: str) -> str:
    return next(args for instruction, args in instructions() if instruction == name)


def test_base_image_is_slim_python_311():
    assert first("FROM") == "python:3.11-slim"


def test_requirements_are_installed_before_the_code_is_copied():
    steps = instructions()
    copy_requirements = steps.index(("COPY", "requirements.txt ."))
    install = steps.index(("RUN", "pip install --no-cache-dir -r requirements.txt"))
    copy_code = next(i for i, (name, args) in enumerate(steps) if name == "COPY" and args.endswith(". ."))
    assert copy_requirements < install < copy_code


def test_runs_as_a_numeric_non_root_user():
    users = [args for name, args in instructions() if name == "USER"]
    assert users == ["10001:10001"]
    steps = instructions()
    assert steps.index(("USER", "10001:10001")) < steps.index(("CMD", first("CMD")))


def test_healthcheck_asks_streamlit_health():
    check = first("HEALTHCHECK")
    assert "http://127.0.0.1:8501/_stcore/health" in check and "--interval=30s" in check


def test_command_serves_the_app_on_all_interfaces():
    command = json.loads(first("CMD"))
    assert command[:3] == ["streamlit", "run", "app.py"]
    assert command[command.index("--server.address") + 1] == "0.0.0.0"
    assert command[command.index("--server.port") + 1] == first("EXPOSE") == "8501"


def test_dockerignore_keeps_history_and_caches_out_but_not_the_models():
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert {".git", "**/__pycache__", "test-artifacts"} <= set(ignored)
    assert not any(line.startswith(("assets", ".streamlit", "requirements")) for line in ignored)
