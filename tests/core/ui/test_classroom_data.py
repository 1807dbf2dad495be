"""Glossary, quiz and lesson data are complete in both languages; colours come from one palette."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lstm_core import palette
from lstm_core.gates import cell_diagram
from lstm_core.ui import glossary, quiz
from lstm_core.ui import lessons_page as lessons
from lstm_core.string_table import TABLE

ROOT = Path(__file__).resolve().parents[3]
PAGES = set(re.findall(r'url_path="([\w-]+)"', (ROOT / "app.py").read_text(encoding="utf-8")))
CODE = [*(ROOT / "lstm_core").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"]
WIDGET_KEYS = {key for path in CODE for key in re.findall(r'key="([a-z_0-9]+)"', path.read_text(encoding="utf-8"))}
# Keys a page builds per model or per source, e.g. key=f"tokens_probe_{source}": their literal head.
WIDGET_KEY_HEADS = {head for path in CODE for head in re.findall(r'key=f"([a-z_0-9]+_)\{', path.read_text(encoding="utf-8"))}
COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|(?<!palette\.)rgba?\(")  # a literal, not palette.rgba(...)


def test_every_glossary_term_has_a_definition_in_both_languages():
    assert len(glossary.TERMS) >= 25
    for term in glossary.TERMS:
        for part in ("term", "def"):
            entry = TABLE[f"glossary.{part}.{term}"]
            assert entry["en"].strip() and entry["zh"].strip(), (part, term)
    defined = {key.split(".", 2)[2] for key in TABLE if key.startswith("glossary.def.")}
    assert defined == set(glossary.TERMS)
    for must in ("unit", "gate", "saturation", "mase", "bits_per_character", "perplexity", "macro_f1", "unk"):
        assert must in glossary.TERMS


def test_every_page_term_exists_and_every_term_is_on_a_page():
    assert set(glossary.PAGE_TERMS) <= PAGES
    listed = {term for terms in glossary.PAGE_TERMS.values() for term in terms}
    assert listed == set(glossary.TERMS)


def test_glossary_search_matches_either_language():
    assert glossary.matches("MASE") == ["mase"]
    assert glossary.matches("困惑度") == ["perplexity"]
    assert glossary.matches("") == list(glossary.TERMS)


def test_every_page_has_three_to_five_questions_with_one_right_answer_and_a_reason():
    fields = quiz.fields_by_question()
    pages = {page for page, _ in fields}
    assert pages == PAGES - {"lessons", "glossary"}
    for page in pages:
        asked = quiz.questions(page)
        assert 3 <= len(asked) <= 5, page
        assert [q.number for q in asked] == list(range(1, len(asked) + 1)), page
    for (page, number), found in fields.items():
        wrong = {f for f in found if f.startswith("wrong_")}
        assert found == {"question", "right", "why"} | wrong, (page, number)
        assert 2 <= len(wrong) <= 3 and sorted(wrong) == [f"wrong_{k}" for k in range(1, len(wrong) + 1)]
        options = [TABLE[f"quiz.{page}.{number}.{f}"]["en"] for f in ("right", *wrong)]
        assert len(set(options)) == len(options), (page, number)


def test_quiz_options_are_shuffled_the_same_way_every_time():
    first = quiz.questions("gates")
    assert first == quiz.questions("gates")
    assert {q.options.index("right") for page in ("home", "why", "tokens", "gates") for q in quiz.questions(page)} != {0}


def test_every_lesson_step_names_an_existing_page_and_widget_keys():
    assert {"cell", "tokens", "sentiment", "forecast", "temperature", "why", "practical", "gan", "seq2seq"} <= set(lessons.LESSONS)
    for lesson in lessons.LESSONS.values():
        for language in ("en", "zh"):
            assert TABLE[f"lesson.title.{lesson.id}"][language] and TABLE[f"lesson.note.{lesson.id}"][language]
        for number, step in enumerate(lesson.steps, start=1):
            assert step.page in PAGES, (lesson.id, number)
            assert TABLE[f"lesson.step.{lesson.id}.{number}.ask"] and TABLE[f"lesson.step.{lesson.id}.{number}.explain"]
            for key, _ in step.widgets:
                assert key in WIDGET_KEYS or any(key.startswith(head) for head in WIDGET_KEY_HEADS), (lesson.id, number, key)
                assert key.startswith(step.page), (lesson.id, number, key)  # a page's own, prefixed keys
    keys = {key.split(".")[2] for key in TABLE if key.startswith("lesson.step.")}
    assert keys == set(lessons.LESSONS)  # no words for a lesson that does not exist


@pytest.mark.parametrize("params, expected", [
    ({"lesson": "cell", "step": "2"}, ("cell", 1)),
    ({"lesson": "cell"}, ("cell", 0)),
    ({"lesson": "temperature", "step": "4", "lang": "zh"}, ("temperature", 3)),
    ({"lesson": "cell", "step": "0"}, None),
    ({"lesson": "cell", "step": "99"}, None),
    ({"lesson": "cell", "step": "two"}, None),
    ({"lesson": "nope", "step": "1"}, None),
    ({}, None),
])
def test_deep_links_parse(params, expected):
    assert lessons.parse_link(params) == expected


def test_a_step_link_round_trips():
    from urllib.parse import parse_qs

    query = lessons.link("forecast", 2, "zh")
    assert query == "?lesson=forecast&step=3&lang=zh"
    parsed = {k: v[0] for k, v in parse_qs(query[1:]).items()}
    assert lessons.parse_link(parsed) == ("forecast", 2)


def test_no_colour_literals_outside_the_palette():
    offenders = []
    for path in CODE + sorted((ROOT / "lstm_core" / "ui" / "strings").glob("*.toml")):
        if path.name == "palette.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if COLOUR.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert offenders == []


def test_palette_helpers_and_meanings():
    assert palette.rgba("#0072B2", 0.5) == "rgba(0,114,178,0.50)"
    assert palette.tint("#000000", 0.5) == "#808080" and palette.tint("#0072B2", 0.0) == "#0072B2"
    assert palette.CLASSES["positive"] == palette.POSITIVE == palette.DIVERGING[-1][1]
    assert palette.CLASSES["negative"] == palette.NEGATIVE == palette.DIVERGING[0][1]
    assert len(set(palette.GATES.values())) == len(palette.GATES)  # one colour per gate and state
    with pytest.raises(ValueError):
        palette.rgba("blue", 0.5)


def test_the_cell_diagram_shows_a_steps_numbers_and_the_recurrence():
    labels = {key: key for key in cell_diagram.LABEL_KEYS}
    plain = cell_diagram.cell_dot(labels)
    assert "ct -> next" in plain and "ht -> next" in plain and "= " not in plain.split("node [")[1].split("mulf")[0]
    values = {"i": 0.5, "f": 0.9, "g": -0.4, "o": 0.8, "c_prev": 1.0, "h_prev": 0.1, "c": 0.7, "h": 0.48}
    live = cell_diagram.cell_dot(labels, values)
    assert "f_t = 0.900" in live and "c_t = 0.700" in live
    assert '"+0.900"' in live and '"-0.200"' in live  # f·c_prev and i·g on the edges into +
    with pytest.raises(ValueError):
        cell_diagram.cell_dot({"input": "x"})


def test_a_chinese_label_gets_the_width_its_characters_need():
    """Graphviz in the browser measures CJK text as if it were Latin: 细胞状态 spilled out of its box."""
    labels = {"input": "输入", "forget_gate": "遗忘门", "input_gate": "输入门", "candidate": "候选值",
              "output_gate": "输出门", "cell": "细胞状态", "hidden": "隐藏状态", "next": "第 t+1 步的同一个细胞"}
    dot = cell_diagram.cell_dot(labels)
    cell = next(line for line in dot.splitlines() if line.strip().startswith("ct ["))
    width = float(cell.split("width=")[1].split(",")[0])
    assert width >= 4 * cell_diagram.FONT_SIZE / 72  # four full-width characters, in inches
    assert '"第 t+1 步的\\n同一个细胞"' in dot  # split where the two lines come out narrowest
    english = cell_diagram.cell_dot({key: key for key in cell_diagram.LABEL_KEYS})
    assert ", width=" not in english  # Latin text is left to Graphviz


def test_every_diagram_is_laid_out_at_the_size_the_page_draws_its_text():
    """Streamlit draws Graphviz text at 0.6 rem whatever the layout's size; style.WRAP_CSS puts
    back `cell_diagram.FONT_SIZE`, so every diagram must be laid out at that size."""
    from lstm_core.ui.style import WRAP_CSS

    assert f"font-size: {cell_diagram.FONT_SIZE}px !important" in WRAP_CSS
    for language in ("en", "zh"):
        dot = TABLE["gan.diagram"][language]
        assert set(re.findall(r"fontsize=(\d+)", dot)) == {str(cell_diagram.FONT_SIZE)}, language
