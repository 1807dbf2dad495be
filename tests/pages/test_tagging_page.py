"""AppTest of the sequence labelling page: widgets exist, they change the output, bad input is handled, training works."""

import pytest

from lstm_core.string_table import TABLE

PAGE = "pages/tagging.py"


def chips(at) -> str:
    """All the HTML the page drew (chips, tagged text, legends), as one string."""
    return "\n".join(m.value for m in at.markdown if "<span" in m.value)


def test_the_page_shows_every_section(open_page):
    at = open_page(PAGE)
    assert at.title[0].value == TABLE["tagging.title"]["en"]
    headers = [s.value for s in at.subheader]
    for key in ("side_by_side", "sees", "tags_title", "why_title", "measured", "gallery"):
        assert TABLE[f"tagging.{key}"]["en"] in headers, key
    assert len(at.get("plotly_chart")) >= 2  # the two B/I/E/S strips
    assert at.table and at.selectbox(key="tagging_example") and at.radio(key="tagging_gallery_method")
    assert at.button(key="tagging_train") and at.slider(key="tagging_units")


def test_typing_and_picking_change_the_output(open_page):
    at = open_page(PAGE)
    first = chips(at)
    at.text_area(key="tagging_text").input("结婚的和尚未结婚的").run()
    assert not at.exception and chips(at) != first
    assert "尚未" in chips(at) or "和尚" in chips(at)
    tests = [o for o in at.selectbox(key="tagging_example").options if o.startswith("[test]")]
    assert tests
    at.selectbox(key="tagging_example").set_value(tests[0].removeprefix("[test] ")).run()
    assert not at.exception
    assert any(TABLE["tagging.gold"]["en"] in m.value for m in at.markdown)  # a test sentence shows its gold words
    before = chips(at)
    methods = at.radio(key="tagging_gallery_method").options
    at.radio(key="tagging_gallery_method").set_value("jieba_no_hmm" if "jieba_no_hmm" in methods else methods[-1]).run()
    assert not at.exception and chips(at) != before


@pytest.mark.parametrize("text, kind", [("", "warning"), ("中" * 10_000, "info"), ("<b>bold</b>😀　１２３", None)])
def test_hostile_input_gives_a_message_not_an_error(open_page, text, kind):
    at = open_page(PAGE)
    at.text_area(key="tagging_text").input(text).run()
    assert not at.exception and not at.error
    if kind:
        assert getattr(at, kind), kind
    if text.startswith("<b>"):
        assert "<b>" not in chips(at) and "&lt;" in chips(at)  # user text is escaped


def test_chinese_page(open_page):
    at = open_page(PAGE, "zh")
    assert at.title[0].value == TABLE["tagging.title"]["zh"]
    assert TABLE["tagging.measured"]["zh"] in [s.value for s in at.subheader]


def test_training_a_small_tagger_reaches_the_gates_page(open_page):
    at = open_page(PAGE)
    at.slider(key="tagging_sentences").set_value(500).run()
    at.slider(key="tagging_units").set_value(8).run()
    at.number_input(key="tagging_epochs").set_value(1).run()
    at.button(key="tagging_train").click().run()
    assert not at.exception, at.exception
    assert "tagging_trained" in at.session_state
    assert at.session_state["tagging_trained"]["epochs"] == 1
    assert "gates_session_models" in at.session_state and "tagging_session" in at.session_state["gates_session_models"]
    at.switch_page("pages/gates.py").run()
    assert not at.exception
    assert any("sequence labelling model (8 units) ★" in o for o in at.selectbox(key="gates_model").options)
    at.selectbox(key="gates_model").set_value("tagger_zh").run()
    assert not at.exception, at.exception
