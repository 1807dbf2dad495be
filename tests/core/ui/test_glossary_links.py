"""The glossary linker: each term's first use in a text links to its entry, nothing else changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lstm_core.ui.glossary import TERMS
from lstm_core.ui.glossary_links import link_terms, terms
from lstm_core.string_table import TABLE

TEXTS = Path(__file__).resolve().parents[3] / "assets" / "text"


def href(term: str) -> str:
    return f"glossary?term={term}"


def test_english_first_use_is_linked_and_code_math_and_links_are_left_alone():
    text = ("Each `gate` and $gate_t$ stays; see [the gate](https://example.org).\n"
            "## Gates\n"
            "**Gates** decide. A gate again, a gated unit and the cell\nstate. GANs, not GANG; TF-IDF-weighted.")
    linked, found = link_terms(text, "en", href)
    assert linked == (
        "Each `gate` and $gate_t$ stays; see [the gate](https://example.org).\n"
        "## Gates\n"
        "**Gates** decide. A [gate](glossary?term=gate) again, a gated [unit](glossary?term=unit) and the "
        "[cell\nstate](glossary?term=cell_state). [GANs](glossary?term=gan), not GANG; "
        "[TF-IDF](glossary?term=tfidf)-weighted."
    )
    assert found == {"gate", "unit", "cell_state", "gan", "tfidf"}


def test_chinese_forms_match_exactly_and_skip_what_the_page_linked_before():
    text = "`门` 与 $门$ 不变。遗忘门是一个门；细胞状态与隐藏状态。```\n词元\n``` 之后的词元和词元，GAN 与 GANG。"
    linked, found = link_terms(text, "zh", href, skip={"hidden_state"})
    assert linked == (
        "`门` 与 $门$ 不变。[遗忘门](glossary?term=forget_gate)是一个[门](glossary?term=gate)；[细胞状态](glossary?term=cell_state)与隐藏状态。"
        "```\n词元\n``` 之后的[词元](glossary?term=token)和词元，[GAN](glossary?term=gan) 与 GANG。"
    )
    assert found == {"forget_gate", "gate", "cell_state", "token", "gan"}


def test_a_text_without_terms_comes_back_unchanged():
    assert link_terms("Nothing to see here: 1 + 1 = 2.", "en", href) == ("Nothing to see here: 1 + 1 = 2.", set())


def test_every_glossary_term_has_forms_in_both_languages():
    assert terms() == tuple(sorted(TERMS))
    for term in TERMS:
        for language in ("en", "zh"):
            forms = TABLE[f"glossary.match.{term}"][language].split("|")
            assert all(form.strip() == form and form for form in forms), (term, language)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_long_text_stays_valid_markdown_after_linking(language):
    """Links never land inside code or maths: the protected spans are unchanged, in order."""
    spans = re.compile(r"```[\s\S]*?```|\$\$[\s\S]*?\$\$|`+[^`]*`+|\$[^$\n]+\$")
    total = 0
    for path in sorted(TEXTS.glob(f"*.{language}.md")):
        text = path.read_text(encoding="utf-8")
        linked, found = link_terms(text, language, href)
        total += len(found)
        assert spans.findall(linked) == spans.findall(text), path.name
        assert linked.count("](glossary?term=") == len(found), path.name
    assert total >= 60  # the explanations do use the glossary's terms


def test_a_bold_term_keeps_its_bold_inside_the_link():
    """`若干**[门](…)**` would show its asterisks: CommonMark does not open bold before `[` after a CJK character."""
    href = lambda term: f"glossary?term={term}&lang=zh"  # noqa: E731
    out, _ = link_terms("每个 LSTM 都有若干**门**，决定写入多少新的**候选值** g。", "zh", href)
    assert out == ("每个 LSTM 都有若干[**门**](glossary?term=gate&lang=zh)，"
                   "决定写入多少新的[**候选值**](glossary?term=candidate&lang=zh) g。")


def test_a_term_inside_a_longer_bold_run_is_left_for_a_later_use():
    """`**[词元](…)编号**` would show its asterisks after a CJK character: the run stays whole, the term waits."""
    out, found = link_terms("挑出一个**词元编号**——最可能的词元", "zh", href)
    assert out == "挑出一个**词元编号**——最可能的[词元](glossary?term=token)" and found == {"token"}
    for text in ("一个用**注意力汇聚**的模型。", "它用**汇聚的注意力**读取。", "a **token id** here",
                 "- **attention a_t**: the weight", "the states are **pooled by attention** (Yang"):
        for language in ("zh", "en"):
            assert link_terms(text, language, href) == (text, set()), text


def test_a_term_in_the_middle_of_a_bold_run_links_inside_it():
    out, found = link_terms("the **weights of attention over** the input", "en", href)
    assert out == "the **weights of [attention](glossary?term=attention) over** the input" and found == {"attention"}
    out, _ = link_terms("用**汇聚注意力的模型**读取", "zh", href)
    assert out == "用**汇聚[注意力](glossary?term=attention)的模型**读取"


def test_a_term_inside_a_longer_bold_or_italic_phrase_is_not_linked_there():
    """Linking 门 inside `**门控激活**` split the bold: CommonMark then showed `打开**` as text."""
    href = lambda term: f"glossary?term={term}&lang=zh"  # noqa: E731
    out, found = link_terms("打开**门控激活**页面，*直通门*技巧；一个门。", "zh", href)
    assert out == "打开**门控激活**页面，*直通门*技巧；一个[门](glossary?term=gate&lang=zh)。"
    assert found == {"gate"}
    out, _ = link_terms("An *unit* here.", "en", lambda term: f"glossary?term={term}")
    assert out == "An [*unit*](glossary?term=unit) here."
