"""Errors the core raises for the user read in the page's language (issue 17).

Each case below makes the core refuse something through its real code path, then checks
that the error carries a `Message` whose Chinese text has no English in it: once the
message's values (file names, numbers, commands) and a few technical names are taken
out, no ASCII letter is left. `str(error)` stays English for logs. A scan of the code
checks that every key those errors name exists in both languages.
"""

from __future__ import annotations

import ast
import io
import json
import re
import zipfile
from pathlib import Path

import numpy as np
import pytest

from lstm_core.embeddings.word2vec import TrainingRefused
from lstm_core.forecast import series
from lstm_core.forecast.forecast_models import parse_numbers
from lstm_core.forecast.forecaster import ForecastConfig
from lstm_core.forecast.statistical_baselines import stat_forecast
from lstm_core.forecast.windows import check_window
from lstm_core.gan.models import GanConfig
from lstm_core.message import Message, UserError
from lstm_core.serving import assets
from lstm_core.serving.archive import Limits, open_zip
from lstm_core.serving.budget import RecurrentWork, check_training
from lstm_core.serving.slots import SlotPool
from lstm_core.nn.network import network_of
from lstm_core.sentiment import imdb
from lstm_core.sentiment.sentiment_train import SentimentConfig
from lstm_core.seq2seq.tasks import date_rule, numeral_rule
from lstm_core.seq2seq.train import Seq2SeqConfig
from lstm_core.text.inputs import clean, decode_upload
from lstm_core.string_table import TABLE, render
from tests.helpers import imdb_npz

ROOT = Path(__file__).resolve().parents[3]
# Names that stay as they are in Chinese text: formats, libraries, file names in the help.
TECHNICAL = ("SHA-256", "NumPy", "LSTM", "UTF-8", "JSON", "CSV", "zip", "npz", "npy", "json", "inf", "nan",
             "assets", "card", "weights", "display_title", "imdb_word_index", "imdb", "aclImdb", "train", "test",
             "pos", "neg", "txt", "MB", "ETS", "ARIMA", "Holt-Winters", "max_steps", "reference_texts",
             "architecture", "IMDB", "cn2an")


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _altered_asset(folder: Path) -> None:
    assets.write_asset("sentiment_x", b"weights", {}, folder)
    (folder / "sentiment_x.npz").write_bytes(b"changed")
    assets.load_model("sentiment_x", folder)


def _upload_card(**fields) -> None:
    """A model zip whose card has `fields` changed (issue 22: the card's sizes are bounded)."""
    card = assets.read_card("sentiment_en").to_dict()
    assets.network_of_file(_zip({"weights.npz": b"", "card.json": json.dumps({**card, **fields}).encode()}))


def _imdb(rows, index: bytes | None = None, **limits) -> None:
    saved = {name: getattr(imdb, name) for name in limits}
    try:
        for name, value in limits.items():
            setattr(imdb, name, value)
        imdb.read_upload(imdb_npz(rows), index)
    finally:
        for name, value in saved.items():
            setattr(imdb, name, value)


def _queue(owner: str) -> None:
    pool = SlotPool(1, max_waiting=1)
    pool.join("a", owner="alice", page="forecast")
    pool.join("b", owner="bob", page="sentiment")
    pool.join("c", owner=owner, page="generate")


def _huge_run() -> None:
    check_training(RecurrentWork(examples=10**6, steps=500, input_dim=128, units=(512,), epochs=30), ["训练轮数"])


CASES = {
    "asset.no_card": lambda tmp: assets.read_card("sentiment_missing", tmp),
    "asset.altered": _altered_asset,
    "asset.zip_is_not_a_zip": lambda tmp: assets.network_of_file(b"this is no zip"),
    "asset.zip_members": lambda tmp: assets.network_of_file(_zip({"readme.txt": b"hello"})),
    "asset.card_json": lambda tmp: assets.network_of_file(_zip({"weights.npz": b"", "card.json": b"[1, 2]"})),
    "archive.too_many_files": lambda tmp: open_zip(_zip({f"{i}.txt": b"" for i in range(3)}), Limits(10, 10, 2)),
    "upload.not_utf8": lambda tmp: decode_upload(b"\xff\xfe\xfa text"),
    "upload.not_text": lambda tmp: decode_upload(b"\x01\x02\x03\x04 a"),
    "empty_text": lambda tmp: clean("   "),
    "imdb.no_upload": lambda tmp: imdb.read_upload(b""),
    "imdb.unknown_format": lambda tmp: imdb.read_upload(b"no zip at all"),
    "imdb.bad_zip": lambda tmp: imdb.read_upload(_zip({f"{i}.npy": b"" for i in range(40)})),
    "csv.not_utf8": lambda tmp: series.read_table(b"value\n\xff\xfe\n"),
    "csv.no_numbers": lambda tmp: series.parse_csv(b"name,city\nanna,rome\nbob,oslo\n"),
    "csv.no_column": lambda tmp: series.parse_csv(b"value\n1\n2\n3\n", "price"),
    "csv.too_few_rows": lambda tmp: series.parse_csv(b"value\n1\n"),
    "csv.extreme": lambda tmp: series.parse_csv(b"value\n1\ninf\n3\n"),
    "settings.sentiment": lambda tmp: SentimentConfig(epochs=0),
    "settings.forecast": lambda tmp: ForecastConfig(horizon=0),
    "settings.gan": lambda tmp: GanConfig(units=0),
    "forecast.window_too_long": lambda tmp: check_window(10, 8, 4),
    "numbers.none": lambda tmp: parse_numbers("  "),
    "numbers.not_number": lambda tmp: parse_numbers("1, two, 3"),
    "numbers.not_finite": lambda tmp: parse_numbers("1 inf"),
    "trace.no_network": lambda tmp: network_of(object()),
    "budget": lambda tmp: _huge_run(),
    "seq2seq.not_a_date": lambda tmp: date_rule("31 February 2026"),
    "seq2seq.date_range": lambda tmp: date_rule("5 December 2150"),
    "seq2seq.not_a_numeral": lambda tmp: numeral_rule("五五"),
    "seq2seq.setting": lambda tmp: Seq2SeqConfig(units=0),
    "word2vec.refused": lambda tmp: (_ for _ in ()).throw(TrainingRefused("too_few_words", "only 2 words", words=2, min_count=5)),
    # issue 22: what an upload produces, the statistical baseline, the training queue
    "card.value": lambda tmp: _upload_card(max_steps=100_000),
    "card.count": lambda tmp: _upload_card(reference_texts=["text"] * 2_000),
    "card.chars": lambda tmp: _upload_card(reference_texts=["word " * 1_000]),
    "card.work": lambda tmp: _upload_card(max_steps=1_000, architecture={"input_kind": "tokens", "vocab_size": 100,
                                                                         "embedding_dim": 512, "units": [640], "output_dim": 2}),
    "card.wrong_form": lambda tmp: _upload_card(architecture="LSTM"),
    "imdb.review_too_long": lambda tmp: _imdb([[1] * 3_001]),
    "imdb.word_too_long": lambda tmp: _imdb([[1]], json.dumps({"x" * 101: 1}).encode()),
    "imdb.too_much_text": lambda tmp: _imdb([[1, 2]] * 4, MAX_TEXT_CHARS=10),
    "csv.too_many_columns": lambda tmp: series.read_table((",".join(["c"] * 101) + "\n").encode()),
    "csv.too_many_cells": lambda tmp: series.read_table((",".join(["c"] * 60) + "\n" + "1\n" * 20_000).encode()),
    "csv.mixed_dates": lambda tmp: series.parse_csv(("when,v\n" + "\n".join(f"w{i},{i}" for i in range(6_000))).encode(),
                                                    "v", "when"),
    "forecast.two_seasons": lambda tmp: stat_forecast(np.arange(30.0), 20, ("holt_winters", False, 12)),
    "queue.one_each": lambda tmp: _queue("alice"),
    "queue.full": lambda tmp: _queue("carol"),
}


def _values(message: Message, language: str) -> list[str]:
    """Every value of `message` (and of the messages inside it) as the rendered text shows it."""
    found = []
    for value in message.values.values():
        if isinstance(value, Message):
            found += _values(value, language)
        else:
            found.append(f"{value:,}" if isinstance(value, int) else str(value))
    return found


def _raised(name: str, tmp_path: Path) -> UserError:
    with pytest.raises(UserError) as caught:
        CASES[name](tmp_path)
    return caught.value


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_chinese_reason_holds_no_english(name, tmp_path):
    error = _raised(name, tmp_path)
    chinese = render(error.message, "zh")
    rest = chinese
    for value in sorted(_values(error.message, "zh"), key=len, reverse=True):
        rest = rest.replace(value, "")
    for word in sorted(TECHNICAL, key=len, reverse=True):
        rest = rest.replace(word, "")
    assert not re.search(r"[A-Za-z]", rest), f"{name}: {chinese!r}"
    assert re.search(r"[\u4e00-\u9fff]", chinese), f"{name}: {chinese!r}"
    assert re.search(r"[A-Za-z]{3}", str(error)), "str() stays the English text for logs"


def test_exact_chinese_reasons(tmp_path):
    assert render(_raised("asset.no_card", tmp_path).message, "zh") == (
        "缺少模型卡片 sentiment_missing.json；请用 `python -m lstm_core.build sentiment` 重新生成")
    assert render(_raised("asset.zip_is_not_a_zip", tmp_path).message, "zh") == (
        "模型压缩包无法使用：该文件不是可读取的 zip 压缩包")
    assert render(_raised("settings.sentiment", tmp_path).message, "zh") == "训练轮数至少应为 1"
    assert render(_raised("forecast.window_too_long", tmp_path).message, "zh") == (
        "窗口 8 + 预测步数 4 至少需要 12 个值，但序列只有 10 个")
    assert render(_raised("numbers.not_number", tmp_path).message, "zh") == (
        "“two”不是数字；请只输入用逗号或空格分隔的数字")
    assert render(_raised("asset.no_card", tmp_path).message, "en") == (
        "the model card sentiment_missing.json is missing; rebuild it with `python -m lstm_core.build sentiment`")


def test_english_developer_text_is_kept():
    with pytest.raises(assets.AssetError, match=r"^no model card nothing\.json; rebuild it with `python -m lstm_core\.build`$"):
        assets.read_card("nothing", ROOT / "no_such_folder")
    with pytest.raises(ValueError, match="the text is empty or only spaces"):  # still a ValueError
        clean("")


# ---- every key these errors name exists in both languages --------------------------------------
PREFIXED = {"AssetError": "error.asset.", "ArchiveError": "error.archive.", "ImdbError": "error.imdb.",
            "_csv_error": "error.csv.", "TrainingRefused": "tokens.train.refused."}


def _named_keys() -> set[str]:
    """Keys the core's errors name: Message("error...") literals and the keys given to the error classes."""
    keys = set()
    for path in sorted((ROOT / "lstm_core").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if name == "Message" and args and args[0].startswith("error."):
                keys.add(args[0])
            elif name in PREFIXED and node.args:
                position = 0 if name == "TrainingRefused" else 1
                key = node.args[position] if len(node.args) > position else None
                if isinstance(key, ast.Constant):
                    keys.add(PREFIXED[name] + key.value)
    return keys


def test_every_key_the_errors_name_exists_in_both_languages():
    keys = _named_keys()
    assert len(keys) > 60  # the scan sees the error classes' calls
    missing = sorted(key for key in keys if set(TABLE.get(key, {})) != {"en", "zh"})
    assert missing == []


def test_every_setting_a_config_can_refuse_has_a_name():
    for name in ("max_length", "epochs", "units", "embedding_dim", "layers", "vocab_size", "batch_size",
                 "window", "horizon", "members", "steps_per_epoch"):
        assert set(TABLE[f"error.setting.{name}"]) == {"en", "zh"}
    with pytest.raises(UserError) as caught:
        SentimentConfig(vocab_size=2)
    assert render(caught.value.message, "zh") == "词表大小至少应为 3"


def test_reason_of_falls_back_to_the_text_of_an_unexpected_error(monkeypatch):
    from lstm_core.ui import i18n

    monkeypatch.setattr(i18n, "lang", lambda: "zh")
    assert i18n.reason_of(UserError("the text is empty", Message("common.empty_text"))) == TABLE["common.empty_text"]["zh"]
    assert i18n.reason_of(RuntimeError("disk on fire")) == "disk on fire"
