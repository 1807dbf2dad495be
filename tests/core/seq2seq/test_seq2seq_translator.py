"""The shipped translators through their public API: answers, alignment, refusals of bad input."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_core.gates.interpret import step_detail
from lstm_core.message import UserError
from lstm_core.seq2seq import Translator, load_translator
from lstm_core.seq2seq.seq2seq_figures import label
from lstm_core.seq2seq.tasks import DATE_FORMS, TASKS, normalise, write_date
from lstm_core.string_table import TABLE

SIX_FORMS = ["5 December 2026", "December 5, 2026", "Dec 5, 2026", "5 Dec 2026", "2026年12月5日", "二〇二六年十二月五日"]


@pytest.fixture(scope="module")
def numerals():
    return load_translator("zh_numerals")


@pytest.fixture(scope="module")
def dates():
    return load_translator("dates")


def test_the_issue_s_examples_translate_right(numerals, dates):
    assert numerals.translate(["一千零五", "三万零五十", "二千万一千"]) == ["1005", "30050", "20001000"]
    assert dates.translate(SIX_FORMS) == ["2026-12-05"] * 6
    assert dates.translate(["  december 5,   2026 ", "２０２６年１２月５日"]) == ["2026-12-05"] * 2  # normalised first


@pytest.mark.parametrize("task", list(TASKS))
def test_attention_rows_sum_to_one_with_one_row_per_output_character(task):
    translator = load_translator(task)
    for text in TASKS[task].examples[:6]:
        weights = translator.attention(text)
        output = translator.translate([text])[0]
        assert weights.shape == (len(output), len(normalise(text)))
        np.testing.assert_allclose(weights.sum(axis=1), 1.0, rtol=1e-5)
        assert (weights >= 0).all()


def test_greedy_batch_single_and_beam_agree_where_they_should(dates, numerals):
    rng = np.random.default_rng(7)
    for translator in (dates, numerals):
        texts = [translator.task.draw(rng)[0] for _ in range(30)]
        greedy = translator.translate(texts)
        assert greedy == [translator.decode(text).output for text in texts]
        assert translator.translate(texts, beam=1) == greedy
        for text in texts:
            result = translator.beam(text, 4)
            assert result.best.log_prob >= result.greedy.log_prob  # never below greedy, on the real model too
            assert translator.codec.target_text(result.greedy.ids) == translator.decode(text).output


def test_the_alignment_follows_the_day_when_the_forms_reorder(dates):
    """The ISO day's last digit looks at the day's digit wherever the form puts it."""
    for text in ("5 December 2026", "December 5, 2026"):
        weights = dates.attention(text)
        assert normalise(text)[int(weights[9].argmax())] == "5", (text, weights[9].round(2))


HOSTILE = ["", "   ", "9" * 500, "😀", "三万零五十😀", "三万零五十abc", "<script>alert(1)</script>", "\x00\x01", "一亿",
           "5 December 2026\n" * 40]


@pytest.mark.parametrize("task", list(TASKS))
def test_hostile_inputs_get_a_user_error_with_a_message_in_both_languages(task):
    translator = load_translator(task)
    for text in HOSTILE:
        with pytest.raises(UserError) as caught:
            translator.translate([text])
        key = caught.value.message.key
        assert key in TABLE and TABLE[key]["en"] and TABLE[key]["zh"], key
        with pytest.raises(UserError):
            translator.attention(text)
    for beam in (0, 17, -1, True, 2.5):
        with pytest.raises(UserError):
            translator.translate([translator.task.example], beam=beam)
    with pytest.raises(UserError):
        translator.translate([translator.task.example] * 1001)


def test_inputs_the_rule_cannot_answer_still_get_an_answer(dates, numerals):
    for translator, text, key in ((dates, "5 December 2150", "error.seq2seq.date_range"),
                                  (dates, "31 February 2026", "error.seq2seq.not_a_date"),
                                  (numerals, "五五", "error.seq2seq.not_a_numeral")):
        answer = translator.translate([text])[0]
        assert isinstance(answer, str) and set(answer) <= set(translator.task.target_alphabet)
        with pytest.raises(UserError) as caught:
            translator.rule(text)
        assert caught.value.message.key == key


def test_every_form_of_a_day_reads_and_the_labels_are_escaped(dates):
    import datetime

    day = datetime.date(1999, 12, 31)
    assert {dates.translate([write_date(day, form)])[0] for form in DATE_FORMS} == {"1999-12-31"}
    assert label("<b> &") == "&lt;b&gt;␣&amp;"


def test_variants_and_gates_views_load(dates):
    from lstm_core.seq2seq.gate_views import load_decoder, load_encoder

    plain = load_translator("dates", "plain")
    assert not plain.has_attention and plain.network.spec.units == dates.network.spec.units
    with pytest.raises(UserError):
        plain.attention("5 December 2026")
    encoder, decoder = load_encoder("dates").trace_text("5 Dec 2026"), load_decoder("dates").trace_text("5 Dec 2026")
    assert encoder.labels == tuple("5 Dec 2026") and decoder.labels[0] == "<s>"
    assert "".join(decoder.labels[1:]) == "2026-12-05" and decoder.steps == 11  # the 11th step writes </s>
    first = decoder.layers[0]
    np.testing.assert_allclose(first.initial_state[0], encoder.layers[0].gates.hidden[-1])
    # the Gates page's step-through recomputes the decoder's first step from the encoder's last state
    units = np.arange(first.gates.units)
    detail = step_detail(first, 0, units)
    np.testing.assert_allclose(detail.c_prev, encoder.layers[0].gates.cell[-1])
    np.testing.assert_allclose(detail.h, first.gates.hidden[0], atol=1e-5)
    np.testing.assert_allclose(detail.value["f"] * detail.c_prev + detail.value["i"] * detail.value["g"],
                               first.gates.cell[0], atol=1e-5)


def test_a_translator_saves_and_loads_through_the_one_model_file(dates):
    from lstm_core.serving import assets

    data = dates.save()
    again = Translator.load(data, "seq2seq_own")
    assert again.key == "seq2seq_own" and again.task.name == "dates" and again.network.spec == dates.network.spec
    assert all(np.array_equal(again.network.weights[k], dates.network.weights[k]) for k in dates.network.weights)
    assert again.translate(SIX_FORMS) == dates.translate(SIX_FORMS)
    file = assets.read_model_file(data)
    assert file.card.task == "dates" and file.card.details["seq2seq_architecture"]["units"] == dates.network.spec.units


def test_an_upload_that_is_not_a_translator_is_refused_with_a_reason(dates):
    from lstm_core.serving import assets
    from lstm_core.serving.cards import ModelCard

    weights = assets.weights_to_bytes(dates.network.weights, np.float32)
    spec = dates.network.spec.to_dict()
    bad_cards = [
        ModelCard(task="dates"),  # no architecture
        ModelCard(task="poems", details={"seq2seq_architecture": spec}),  # no such task
        ModelCard(task="zh_numerals", details={"seq2seq_architecture": spec}),  # another task's alphabet
        ModelCard(task="dates", details={"seq2seq_architecture": {**spec, "units": 4096}}),  # too large
        ModelCard(task="dates", details={"seq2seq_architecture": {**spec, "units": 32}}),  # weights do not fit
    ]
    for card in bad_cards:
        with pytest.raises(UserError) as caught:
            Translator.load(assets.write_model_file(card, weights), "x")
        assert caught.value.message.key in TABLE, card
    for junk in (b"", b"not a zip", b"PK\x03\x04" + b"\x00" * 100):
        with pytest.raises(UserError):
            Translator.load(junk, "x")
