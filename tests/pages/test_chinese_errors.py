"""AppTest: a page in Chinese says why it refused an input or a damaged model in Chinese (issue 17)."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from lstm_core.serving import assets
from lstm_core.ui import loaders

APP = str(Path(__file__).resolve().parents[2] / "app.py")
# What may stay Latin inside a Chinese error: the values and the technical names they hold.
LATIN_ALLOWED = re.compile(r"`[^`]*`|[A-Za-z_]+\.(json|npz)|LSTM|u\d+")


def _no_english(text: str) -> bool:
    return not re.search(r"[A-Za-z]{2,}", LATIN_ALLOWED.sub("", text))


def test_a_refused_number_is_explained_in_chinese():
    # A link preselects the model and the text (a rerun after a widget change cannot be
    # driven in Chinese: AppTest formats a select box's value outside the session, in English).
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["lang"] = "zh"
    at.query_params["model"], at.query_params["text"] = "gan_sine_generator", "1.5"
    at.run()
    at.switch_page("pages/gates.py")
    at.run()
    assert not at.exception, at.exception
    shown = [error.value for error in at.error]
    assert shown == ["无法追踪此输入：请输入一个 0 到 2147483647 之间的整数：噪声的随机种子"], shown


def test_a_damaged_model_is_explained_in_chinese(open_page, monkeypatch, tmp_path):
    real = loaders.traceable

    def damaged(key: str):
        if key == "brackets":  # the card is gone: read_card raises the AssetError a real loss would
            assets.read_card("brackets", tmp_path)
        return real(key)

    monkeypatch.setattr(loaders, "traceable", damaged)
    at = open_page("pages/gates.py", lang="zh")
    assert not at.exception, at.exception
    shown = [error.value for error in at.error]
    assert len(shown) == 1, shown
    assert "缺少模型卡片 brackets.json；请用 `python -m lstm_core.build brackets` 重新生成" in shown[0]
    assert _no_english(shown[0]), shown[0]
    assert at.selectbox(key="gates_model").value != "brackets"  # the page went on with the next model
