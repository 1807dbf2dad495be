"""AppTest of "Making LSTMs practical", tabs Generalize and A worked case: both languages, live augmentation."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture()
def page():
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/practical.py")
    at.run()
    assert not at.exception, at.exception
    return at


def augmented(at) -> list[str]:
    return list(at.table[0].value.iloc[:, 0])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tabs_render(page, lang):
    at = page
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception and not at.error
    # Cost, Explain and Where order matters come first; What came after and Pretraining follow.
    assert [tab.label for tab in at.tabs][3:] == (["Generalize", "A worked case", "What came after", "Pretraining"]
                                                  if lang == "en" else ["泛化", "完整案例", "LSTM 之后", "预训练"])
    attention = "+ attention" if lang == "en" else "+ 注意力"
    frames = [d.value for d in at.dataframe]
    worked = [i for i, f in enumerate(frames) if f.shape[1] == 6 and attention in f.iloc[:, 0].tolist()]
    assert len(worked) == 1, [f.shape for f in frames]  # the worked case's table: its fourth step adds attention
    scores, case = frames[worked[0] - 1], frames[worked[0]]  # Generalize's scores come just before it
    assert scores.shape[0] == 9  # six settings, two ensembles, TF-IDF
    assert case.shape[0] == 6 and case.shape[1] == 6  # step, validation, test, size, time, contrast set
    assert case.notna().all().all()  # every step scored, the attention row and the contrast-set column included
    assert case.iloc[3, 0] == attention
    assert at.multiselect(key="generalize_variants").value == ["none", "dropout", "early_stopping"]


def test_curves_follow_the_choices(page):
    at = page
    at.multiselect(key="generalize_variants").set_value(["l2"]).run()
    assert not at.exception
    at.radio(key="generalize_metric").set_value("accuracy").run()
    assert not at.exception


def test_augmentation_demo_changes_with_the_seed(page):
    at = page
    before = augmented(at)
    assert before[0] == "质量 很 好 ， 送货 也 快 ， 但是 价格 有点 贵"
    at.number_input(key="generalize_seed").set_value(7).run()
    assert not at.exception
    after = augmented(at)
    assert after[0] == before[0] and after[1:] != before[1:]
    at.text_input(key="generalize_text").set_value("  ").run()
    assert not at.exception and at.info
