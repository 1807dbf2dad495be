"""AppTest of "Making LSTMs practical", tabs Explain and Where order matters, in English and Chinese."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_page(language="en"):
    at = AppTest.from_file(APP, default_timeout=180)
    at.session_state["lang"] = language  # what the sidebar's language switch sets
    at.run()
    at.switch_page("pages/practical.py")
    at.run()
    assert not at.exception, at.exception
    return at


def frame_with(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


@pytest.fixture(scope="module")
def english():
    return open_page("en")


def test_explain_tab_draws_three_attributions_and_rules(english):
    at = english
    assert [tab.label for tab in at.tabs][:3] == ["Cost", "Explain", "Where order matters"]
    assert any(s.value.startswith("The attention model says") for s in at.success)
    agreement = frame_with(at, "Kendall's tau (rank agreement)")
    assert len(agreement) == 3
    assert frame_with(at, "Rule").iloc[0, 0].startswith("if ")
    assert any(m.label == "Fidelity: agrees with the LSTM (test)" for m in at.metric)
    before = [s.value for s in at.success]
    at.text_input(key="practical_explain_text_en_0").set_value("Worst airline ever, they lost my bag").run()
    assert not at.exception
    assert [s.value for s in at.success] != before
    assert any("the rule that fires" in i.value for i in at.info)


def test_typing_a_pair_changes_the_verdicts(english):
    at = english
    scores = frame_with(at, "Contrast set: both texts of a pair right")
    assert scores["Model"].tolist()[3:] == ["LSTM + counterfactual text", "TF-IDF + the same counterfactual text"]
    assert any("The bag of words got exactly the same data" in c.value for c in at.caption)
    assert any(s.value.startswith("Given training text in which order decides, the LSTM beats the bag of words trained "
                                  "on the same data by 11.1 points") for s in at.success)
    assert any(w.value.startswith("On these 104 pairs the LSTM trained from scratch is -4.3 points") for w in at.warning)
    own = frame_with(at, "Tells them apart?")
    assert own["Model"].tolist()[-1] == "LSTM + counterfactual text"  # the order model scores your pair too
    at.text_input(key="practical_order_a_en").set_value("I love this airline").run()
    at.text_input(key="practical_order_b_en").set_value("I hate this airline, worst flight ever").run()
    assert not at.exception
    changed = frame_with(at, "Tells them apart?")
    assert changed.values.tolist() != own.values.tolist()
    assert set(changed["Tells them apart?"]) == {"yes"}  # every model gets this easy pair apart


def test_chinese():
    at = open_page("zh")
    assert [tab.label for tab in at.tabs][:3] == ["代价", "解释", "语序何时重要"]
    assert any(s.value.startswith("注意力模型的判断") for s in at.success)
    assert "Kendall tau（排序一致性）" in frame_with(at, "比较的方法").columns
    scores = frame_with(at, "对比集：一对中两句都对")
    assert scores["模型"].tolist()[3:] == ["LSTM + 反事实文本", "TF-IDF + 同样的反事实文本"]
    assert any("词袋模型拿到的是完全相同的数据" in c.value for c in at.caption)
    assert any(s.value.startswith("给出由语序决定标签的训练文本后，在同样这些句对上，LSTM 比用相同数据训练的词袋模型高 13.5 个百分点")
               for s in at.success)
    own = frame_with(at, "能区分吗？")
    assert own["模型"].tolist()[-1] == "LSTM + 反事实文本"
    at.text_input(key="practical_order_a_zh").set_value("非常满意，质量很好，推荐购买").run()
    at.text_input(key="practical_order_b_zh").set_value("太失望了，质量很差，不推荐").run()
    assert not at.exception
    assert frame_with(at, "能区分吗？").values.tolist() != own.values.tolist()
