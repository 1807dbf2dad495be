"""AppTest for the tokens page: chips react to mode, HMM and user words; maps, neighbours, training."""

import json

import pytest

NAME = "李小福是创新办主任也是云计算方面的专家"


@pytest.fixture()
def page(open_page):
    return open_page("pages/tokens.py")


def chips(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("<div><span")]


def section(at, name):
    at.segmented_control(key="tokens_section").set_value(name).run()
    assert not at.exception


def test_segmentation_chips_follow_hmm_and_user_words(page):
    at = page
    precise, full, search = chips(at)[:3]  # the three modes side by side, on the article's sentence
    assert ">人工智能<" in precise and ">人工<" not in precise
    assert ">人工<" in full and ">人工<" in search and len({precise, full, search}) == 3
    at.selectbox(key="tokens_example").set_value(NAME).run()
    with_hmm = chips(at)
    assert "&gt;李小福<" not in with_hmm[0] and ">李小福<" in with_hmm[0]
    at.toggle(key="tokens_hmm").set_value(False).run()
    without = chips(at)
    assert without != with_hmm and ">李小福<" not in without[0]
    at.text_input(key="tokens_user_words").input("创新办, 云计算").run()
    assert not at.exception and ">创新办<" in chips(at)[0] and ">云计算<" in chips(at)[0]
    assert len(at.dataframe) == 2  # POS tags and keywords


def test_user_words_stay_in_their_session(page, open_page):
    page.selectbox(key="tokens_example").set_value(NAME).run()
    page.text_input(key="tokens_user_words").input("创新办").run()
    assert ">创新办<" in chips(page)[0]
    other = open_page("pages/tokens.py")  # a second browser session on the same server process
    other.selectbox(key="tokens_example").set_value(NAME).run()
    assert ">创新办<" not in chips(other)[0]


def test_user_text_is_escaped_and_bad_text_gets_a_message(page):
    at = page
    at.text_area(key="tokens_text_0").input("<b>bold</b> 你好").run()
    assert "&lt;" in chips(at)[0] and "<b>" not in chips(at)[0]
    at.text_area(key="tokens_text_0").input("   ").run()
    assert not at.exception and at.warning and not chips(at)
    at.text_area(key="tokens_text_0").input("你好" * 600_000).run()
    assert not at.exception and any("1,200,000" in i.value for i in at.info)


def test_numbers_section_shows_order_is_lost(page):
    at = page
    section(at, "numbers")
    assert len(at.get("plotly_chart")) == 2 and at.dataframe
    assert any("狗咬人" in i.value and "人咬狗" in i.value for i in at.info)
    at.slider(key="tokens_pad_length").set_value(3).run()
    assert not at.exception and at.dataframe[0].value.shape[1] == 3


def test_word_vectors_map_neighbours_and_analogy(page):
    at = page
    section(at, "vectors")
    charts = at.get("plotly_chart")
    assert len(charts) == 3  # map, neighbours, analogy
    before = charts[1].proto.spec
    at.text_input(key="tokens_probe_zh").input("北京").run()
    assert at.get("plotly_chart")[1].proto.spec != before
    at.text_input(key="tokens_probe_zh").input("北京市民大会").run()
    assert not at.exception and any("北京市民大会" in w.value for w in at.warning)
    assert any("河南" in m.value for m in at.markdown)  # 山东 − 济南 + 郑州
    assert len(at.dataframe) == 1  # the model card's neighbour table
    at.text_input(key="tokens_analogy_a_zh").input("").run()
    assert not at.exception and at.info
    map_before = at.get("plotly_chart")[0].proto.spec
    at.slider(key="tokens_top_n_zh").set_value(30).run()
    at.segmented_control(key="tokens_method").set_value("tsne").run()
    at.segmented_control(key="tokens_dims").set_value(3).run()
    map_after = at.get("plotly_chart")[0].proto.spec
    assert not at.exception and "scatter3d" in map_after and map_after != map_before
    at.text_input(key="tokens_search_zh").input("北京").run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)  # Plotly may escape non-ASCII text
    assert not at.exception and "北京" in json.dumps(spec, ensure_ascii=False)
    at.radio(key="tokens_source").set_value("en").run()
    assert not at.exception and len(at.get("plotly_chart")) == 3


def train_and_map_mine(at):
    """Train with the settings made so far, then draw the new vectors on the map."""
    at.button(key="tokens_train").click().run()
    assert not at.exception and at.success
    section(at, "vectors")
    at.radio(key="tokens_source").set_value("mine").run()
    assert not at.exception and at.get("plotly_chart")


def test_training_your_own_vectors(page):
    at = page
    section(at, "train")
    at.radio(key="tokens_origin").set_value("paste").run()
    at.text_area(key="tokens_train_text").input("太短了").run()
    at.button(key="tokens_train").click().run()
    assert not at.exception and at.warning  # too little text
    small = " ".join(f"w{i % 12}" for i in range(80))  # 12 distinct words: the smallest map we accept
    at.text_area(key="tokens_train_text").input(small).run()
    at.slider(key="tokens_min_count").set_value(1).run()
    train_and_map_mine(at)
    section(at, "train")
    at.radio(key="tokens_origin").set_value("tweets").run()
    at.slider(key="tokens_epochs").set_value(200).run()
    at.button(key="tokens_train").click().run()
    assert not at.exception and any("200" in w.value for w in at.warning)  # absurd settings: refused with a reason
    at.slider(key="tokens_epochs").set_value(2).run()
    at.slider(key="tokens_size").set_value(10).run()
    train_and_map_mine(at)


def test_every_string_has_both_languages_and_every_literal_key_exists():
    import re
    from pathlib import Path

    import tomllib

    from lstm_core.string_table import FOLDER

    STRINGS = tomllib.loads((FOLDER / "tokens.toml").read_text(encoding="utf-8"))

    for key, entry in STRINGS.items():
        assert key.startswith("tokens.") and entry.get("en") and entry.get("zh"), key
    root = Path(__file__).resolve().parents[2]
    source = (root / "pages" / "tokens.py").read_text() + (root / "lstm_core" / "ui" / "tokens_page.py").read_text()
    asked = re.findall(r'ask\("([a-z_.]+)"\)', source)
    used = set(re.findall(r'"(tokens\.[a-z_.]+[a-z_])"', source)) | {f"tokens.{n}{end}" for n in asked for end in ("", "_help")}
    assert used and not {key for key in used if key not in STRINGS}
