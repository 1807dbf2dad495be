"""The string table and the long texts are complete in both languages, and all in use.

Every key has non-empty English and Chinese with the same {placeholders}; every key is
used by the code (lstm_core, pages, app.py); every assets/text/<name>.en.md has its
.zh.md and the reverse; every long_text("name") the code asks for exists.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from lstm_core.message import Message
from lstm_core import string_table as strings
from lstm_core.string_table import TABLE, load_table, render

ROOT = Path(__file__).resolve().parents[3]
TEXTS = ROOT / "assets" / "text"
CODE = [*sorted((ROOT / "lstm_core").rglob("*.py")), *sorted((ROOT / "pages").glob("*.py")), ROOT / "app.py"]
KEY_TEXT = re.compile(r"[a-z0-9_]+(\.[a-z0-9_]+)*[._]?")  # what a key, or a piece of one, looks like

# How a key counts as used: it is a string literal in the code (docstrings aside), or it
# fits an f-string whose literal parts it shares, e.g. t(f"forecast.note.{note}"). An
# f-string (or "literal" + name) that starts with two or more key segments ("forecast.note.") names a family
# and uses every key that fits it; one that starts with the page alone ("tokens.", as in
# pages/tokens.py's ask(name) -> t(f"tokens.{name}")) uses a key only when the part filling
# its first {} is itself a literal somewhere (ask("seg.text") uses "tokens.seg.text").
#
# Keys the code builds in ways this scan cannot see would be listed here, each with the
# line that builds it. None today.
DYNAMIC: set[str] = set()


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the Constant nodes that are docstrings (they may name keys without using them)."""
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            found.add(id(body[0].value))
    return found


def _pattern(node: ast.JoinedStr) -> tuple[str, str] | None:
    """(the literal head, a regex for the rest) of an f-string that may be a key, else None."""
    parts = [re.escape(v.value) if isinstance(v, ast.Constant) else "(.+)" for v in node.values]
    head = node.values[0].value if isinstance(node.values[0], ast.Constant) else ""
    if not (head and KEY_TEXT.fullmatch(head)) or len(parts) < 2:
        return None
    return head, "".join(parts[1:])


def _literals() -> tuple[set[str], set[tuple[str, str]], set[str]]:
    """String constants, f-string key patterns and long_text names in the app's code."""
    constants, patterns, long_texts = set(), set(), set()
    for path in CODE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                constants.add(node.value)
            elif isinstance(node, ast.JoinedStr) and (pattern := _pattern(node)):
                patterns.add(pattern)
            elif (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant)
                    and isinstance(node.left.value, str) and KEY_TEXT.fullmatch(node.left.value)):
                patterns.add((node.left.value, "(.+)"))  # t("sentiment.kind." + kind)
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "long_text"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                long_texts.add(node.args[0].value)
    return constants, patterns, long_texts


def _fits(key: str, head: str, rest: str, constants: set[str]) -> bool:
    """Whether `key` is one the f-string (head, rest) can produce, by the rule above."""
    if not key.startswith(head) or not re.fullmatch(rest, key[len(head):], re.DOTALL):
        return False
    if head.count(".") >= 2:
        return True
    tail = key[len(head):]
    first, after = rest.split("(.+)", 1)[0], rest.split("(.+)", 1)[1]
    if not tail.startswith(re.sub(r"\\(.)", r"\1", first)):
        return False
    tail = tail[len(re.sub(r"\\(.)", r"\1", first)):]
    return any(tail[:i] in constants and re.fullmatch(after, tail[i:], re.DOTALL) for i in range(1, len(tail) + 1))


def _fields(text: str) -> set[str] | str:
    """The names of a text's {placeholders}; "not a template" if str.format cannot parse it."""
    try:
        return {re.split(r"[.\[]", name)[0] for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return "not a template"


@pytest.mark.parametrize("key", sorted(TABLE))
def test_every_key_has_both_languages_with_the_same_placeholders(key):
    entry = TABLE[key]
    assert set(entry) == {"en", "zh"}, f"{key}: languages {sorted(entry)}"
    assert entry["en"].strip() and entry["zh"].strip(), f"{key}: empty text"
    assert _fields(entry["en"]) == _fields(entry["zh"]), f"{key}: placeholders differ"


def test_no_key_is_unused():
    constants, patterns, _ = _literals()
    unused = [key for key in TABLE if key not in constants and key not in DYNAMIC
              and not any(_fits(key, head, rest, constants) for head, rest in patterns)]
    assert unused == []


def test_every_long_text_exists_in_both_languages():
    names = {path.name.rsplit(".", 2)[0] for path in TEXTS.glob("*.md")}
    for name in sorted(names):
        for language in ("en", "zh"):
            path = TEXTS / f"{name}.{language}.md"
            assert path.is_file(), f"{path.name} is missing"
            assert path.read_text(encoding="utf-8").strip(), f"{path.name} is empty"
    _, _, used = _literals()
    assert used and used <= names, f"long_text names without files: {sorted(used - names)}"
    assert sorted(names - used) == [], "long texts that no page shows"


def test_a_missing_language_raises_instead_of_falling_back(monkeypatch):
    monkeypatch.setitem(TABLE, "test.only_english", {"en": "hello"})
    assert strings.text("test.only_english", "en") == "hello"
    with pytest.raises(KeyError, match=r"test\.only_english.*'zh'"):
        strings.text("test.only_english", "zh")


def test_render_fills_nested_messages_and_card_titles():
    title = Message("model.title.forecaster", {"series": Message("series.title.upload", {"column": "sales"})})
    assert render(title, "en") == "Forecaster: Uploaded: sales"
    assert render(title, "zh") == "预测模型：上传的数据：sales"
    assert render({"en": "mine", "zh": "我的"}, "zh") == "我的"
    assert render({"en": "mine"}, "zh") == "mine"  # an uploaded card may hold English only
    assert render("as is", "zh") == "as is"
    # a placeholder may be called `language` or `key` (generate.model_failed names the language)
    filled = strings.text("generate.model_failed", "en", language="Chinese", reason="damaged")
    assert "Chinese" in filled and "damaged" in filled


@pytest.mark.parametrize("log, lag", [(False, 0), (True, 0), (False, 1), (True, 12)])
def test_what_a_forecaster_reads_matches_the_english_of_its_card(log, lag):
    from lstm_core.forecast.windows import Transform

    transform = Transform(log=log, lag=lag)
    assert render(transform.message(), "en") == transform.describe()
    assert render(transform.message(), "zh") != transform.describe()


def test_every_toml_file_is_loaded_and_a_key_defined_twice_is_refused(tmp_path):
    import tomllib

    files = sorted(path for path in strings.FOLDER.glob("*.toml") if path != strings.TERMS)
    assert "common.toml" in {p.name for p in files} and "models.toml" in {p.name for p in files}
    assert sum(len(tomllib.loads(p.read_text(encoding="utf-8"))) for p in files) == len(TABLE)
    left = [p.name for p in strings.FOLDER.glob("*.py")]
    assert left == [], "string modules left in Python: convert them with strings_to_toml.py"
    (tmp_path / "a.toml").write_text('["x.one"]\nen = "one"\nzh = "一"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('["x.two"]\nen = "two"\nzh = "二"\n', encoding="utf-8")
    assert load_table(tmp_path) == {"x.one": {"en": "one", "zh": "一"}, "x.two": {"en": "two", "zh": "二"}}
    (tmp_path / "c.toml").write_text('["x.one"]\nen = "again"\nzh = "又"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"x\.one \(a\.toml\)"):
        load_table(tmp_path)
