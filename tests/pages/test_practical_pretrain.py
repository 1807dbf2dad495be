"""AppTest of "Making LSTMs practical", tab Pretraining: both languages, its controls change the output."""

import re

import pytest

from lstm_core.serving import assets
from lstm_core.pretrain import PRETRAINED_NAME
from lstm_core.string_table import TABLE

pytestmark = pytest.mark.slow  # drives AppTest reruns


def verdicts(at, language: str = "en") -> list[str]:
    """The three verdicts of the tab's own review (metrics labelled with the tab's model names)."""
    names = [TABLE[f"pretrain.model.{m}"][language] for m in ("pretrained", "scratch", "tfidf")]
    return [m.value for m in at.metric if any(m.label.startswith(name) for name in names)]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_tab_shows_the_three_models_the_curve_and_a_reading(open_page, language):
    at = open_page("pages/practical.py", language)
    card = assets.read_card(PRETRAINED_NAME).to_dict()
    name = TABLE["pretrain.model.pretrained"][language]
    table = next(d.value for d in at.dataframe if name in d.value.iloc[:, 0].tolist())
    assert len(table) == 3
    assert table.iloc[0, 2] == f"{100 * card['metrics']['accuracy']:.1f}%"  # the test column, from the card
    boxes = [box.value for box in [*at.success, *at.warning]]
    gap = 100 * (card["metrics"]["accuracy"] - card["compared"]["tfidf"]["test"]["accuracy"])
    assert any(f"{abs(gap):.1f}" in box for box in boxes), boxes

    shown = [c.value for c in at.caption] + [m.value for m in at.markdown]
    assert not [text for text in shown if re.search(r"\{[a-z_]+\}", text)]  # every placeholder filled

    before = verdicts(at, language)
    assert len(before) == 3
    at.text_input(key="practical_pretrain_text").set_value("服务员态度很好，菜也好吃，下次还来。").run()
    assert not at.exception
    after = verdicts(at, language)
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
