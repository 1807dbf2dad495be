"""AppTest for the Sequence to sequence page: translation, heatmap, steps, beam, refusals, live training."""

from lstm_core.seq2seq.translator import load_translator

PAGE = "pages/seq2seq.py"


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_dates_translate_with_heatmap_and_the_rule_agrees(open_page):
    at = open_page(PAGE, "en", timeout=180)
    assert at.title[0].value == "Sequence to sequence"
    at.radio(key="seq2seq_task").set_value("dates").run()
    assert at.text_input(key="seq2seq_text").value == "5 December 2026"  # the task's first example
    at.text_input(key="seq2seq_text").set_value("December 5, 2026").run()
    assert not at.exception, at.exception
    shown = _metrics(at)
    assert shown["With attention"] == "2026-12-05 ✓" and shown["The rule's answer"] == "2026-12-05"
    heatmap = at.get("plotly_chart")[0].proto.spec
    assert "␣" in heatmap or "\\u2423" in heatmap  # the input's spaces are visible tick labels
    at.text_input(key="seq2seq_text").set_value("5 Dec 2026").run()
    assert at.get("plotly_chart")[0].proto.spec != heatmap  # a new input, a new alignment
    step_key = next(s.key for s in at.slider if s.key.startswith("seq2seq_step_"))
    before = at.get("plotly_chart")[1].proto.spec
    at.slider(key=step_key).set_value(4).run()
    assert not at.exception and at.get("plotly_chart")[1].proto.spec != before  # step 4 attends elsewhere
    assert any("Step 4:" in m.value for m in at.markdown)


def test_bad_inputs_get_a_message_never_an_exception(open_page):
    at = open_page(PAGE, "en", timeout=180)
    for text, said in (("", "empty"), ("9" * 500, "longest input"), ("三万零五十😀", "never saw"),
                       ("三万零五十abc", "never saw")):
        at.text_input(key="seq2seq_text").set_value(text).run()
        assert not at.exception, (text, at.exception)
        assert any(said in w.value for w in at.warning), (text, [w.value for w in at.warning])
    at.radio(key="seq2seq_task").set_value("dates").run()
    at.text_input(key="seq2seq_text").set_value("5 December 2150").run()
    assert not at.exception
    assert any("outside the days the models learned" in i.value for i in at.info)  # the rule says why
    assert _metrics(at)["The rule's answer"] == "—"


def test_beam_width_and_the_searched_example(open_page):
    at = open_page(PAGE, "en", timeout=180)
    at.radio(key="seq2seq_task").set_value("dates").run()
    at.slider(key="seq2seq_beam_width").set_value(5).run()
    assert not at.exception
    assert any(m.label == "Beam of 5" for m in at.metric)
    results = load_translator("dates").results
    fixes = [results.variants[v].beam_fixes for v in ("attention", "plain")]
    if any(f.examples for f in fixes):
        at.button(key="seq2seq_fix_try").click().run()
        example = next(f.examples[0] for f in fixes if f.examples)
        assert at.text_input(key="seq2seq_text").value == example.input
        shown = _metrics(at)
        assert shown["Greedy"] == example.greedy and shown[f"Beam of {at.slider(key='seq2seq_beam_width').value}"] == example.beam
    else:
        assert any("fixed none of the greedy mistakes" in i.value for i in at.info)


def test_page_in_chinese(open_page):
    at = open_page(PAGE, "zh", timeout=180)
    assert at.title[0].value == "序列到序列"
    assert not at.exception
    assert "带注意力" in _metrics(at)


def test_short_live_training_offers_the_model_here_and_on_gates(open_page):
    at = open_page(PAGE, "en", timeout=240)
    at.radio(key="seq2seq_train_task").set_value("dates").run()
    at.number_input(key="seq2seq_examples").set_value(300).run()
    at.number_input(key="seq2seq_epochs").set_value(1).run()
    at.slider(key="seq2seq_units").set_value(8).run()
    at.button(key="seq2seq_train").click().run()
    assert not at.exception, at.exception
    assert any("Trained 1 epochs" in s.value for s in at.success)
    assert {"seq2seq_own_encoder", "seq2seq_own_decoder"} <= set(at.session_state["gates_session_models"])
    assert at.get("download_button")  # the trained model as the one model file
    assert at.session_state["seq2seq_trained"].beam_fixes.searched <= 300  # its own greedy mistakes, searched
    at.radio(key="seq2seq_task").set_value("dates").run()
    assert "Your model" in _metrics(at)


def test_a_run_over_budget_is_refused_before_it_starts(open_page):
    at = open_page(PAGE, "en", timeout=180)
    at.number_input(key="seq2seq_examples").set_value(50_000).run()
    at.number_input(key="seq2seq_epochs").set_value(30).run()
    at.slider(key="seq2seq_units").set_value(256).run()
    at.button(key="seq2seq_train").click().run()
    assert not at.exception
    assert any("times the work one training may use" in e.value for e in at.error)
    assert "seq2seq_job" not in at.session_state
