"""AppTest of "Making LSTMs practical", tab Pretraining: both languages, its controls change the output."""

import pytest

from lstm_core.serving import assets
from lstm_core.pretrain import PRETRAINED_NAME

pytestmark = pytest.mark.slow  # drives AppTest reruns


def verdicts(at) -> list[str]:
    return [m.value for m in at.metric if m.label.startswith(("Verdict", "判断"))][-3:]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_tab_shows_the_three_models_the_curve_and_a_reading(open_page, language):
    at = open_page("pages/practical.py", language)
    card = assets.read_card(PRETRAINED_NAME)
    table = at.dataframe(key="practical_pretrain_models").value
    assert len(table) == 3
    assert table.iloc[0, 2] == f"{100 * card['metrics']['accuracy']:.1f}%"  # the test column, from the card
    boxes = [box.value for box in [*at.success, *at.warning]]
    gap = 100 * (card["metrics"]["accuracy"] - card["compared"]["tfidf"]["test"]["accuracy"])
    assert any(f"{abs(gap):.1f}" in box for box in boxes), boxes

    before = verdicts(at)
    assert len(before) == 3
    at.text_input(key="practical_pretrain_text").set_value("服务员态度很好，菜也好吃，下次还来。").run()
    assert not at.exception
    after = verdicts(at)
    assert after != before and len(after) == 3


def test_the_split_radio_redraws_the_curve(open_page):
    at = open_page("pages/practical.py")
    curve_box = lambda: [b.value for b in [*at.success, *at.warning] if "labels:" in b.value]  # noqa: E731
    first = curve_box()
    at.radio(key="practical_pretrain_split").set_value("test").run()
    assert not at.exception
    assert curve_box() != first  # the numbers in the verdict are the test split's now


def test_open_in_gates(open_page):
    at = open_page("pages/practical.py")
    at.button(key="practical_pretrain_to_gates").click().run()
    assert not at.exception
    assert at.session_state["gates_model"] == PRETRAINED_NAME
