"""AppTest for the sentiment page: typing changes the output, bad input is handled, training works."""

from lstm_core.sentiment import classifier

PAGE = "pages/sentiment.py"


def verdicts(at) -> list[str]:
    return [m.value for m in at.metric]


def test_typing_and_examples_change_the_prediction(open_page):
    at = open_page(PAGE)
    assert at.radio(key="sentiment_language").value == "en"  # follows the English UI
    at.radio(key="sentiment_language").set_value("zh").run()
    first = verdicts(at)
    assert len(first) == 3 and at.get("plotly_chart")  # this page's LSTM, the order-aware LSTM, TF-IDF
    assert at.text_area(key="sentiment_text").value == classifier.EXAMPLES["zh"][0][1]
    at.text_area(key="sentiment_text").input("太失望了，质量很差，再也不买了。").run()
    assert not at.exception
    assert verdicts(at) != first
    at.selectbox(key="sentiment_example_zh").set_value(5).run()
    assert at.text_area(key="sentiment_text").value.startswith("东西还可以")
    at.radio(key="sentiment_language").set_value("en").run()
    assert not at.exception
    assert at.text_area(key="sentiment_text").value == classifier.EXAMPLES["en"][0][1]  # its own picker
    at.session_state["lang"] = "zh"  # what the sidebar's language switch sets
    at.run()
    assert not at.exception and "情感" in at.title[0].value


def test_the_order_aware_lstm_reads_beside_the_page_s_own_and_the_page_says_which_reads_but(open_page):
    import json

    from lstm_core.serving.assets import ASSETS

    at = open_page(PAGE)
    card = json.loads((ASSETS / "order_en.json").read_text(encoding="utf-8"))
    ours = card["shipped"]["lstm"]["contrast"]["by_change"]["contrast"]["pair_accuracy"]
    theirs = card["contrast"]["lstm"]["by_change"]["contrast"]["pair_accuracy"]
    box = next(i.value for i in at.info if "“but”" in i.value)
    assert f"the order-aware LSTM gets {theirs:.0%}" in box and f"this page's LSTM {ours:.0%}" in box, box
    at.text_area(key="sentiment_text").input("The food was great, but the service was awful.").run()
    before = verdicts(at)
    at.radio(key="sentiment_reader").set_value("order").run()
    assert not at.exception
    assert sorted(verdicts(at)) == sorted(before)  # the same three verdicts, the order model's drawn first
    at.button(key="sentiment_to_gates").click().run()
    assert not at.exception, at.exception
    assert at.selectbox(key="gates_model").value == "order_en"  # the Gates page opens the order model


def test_the_but_note_scores_the_chinese_model_the_page_shows(open_page):
    """The page's Chinese model is the pretrained one; the note scores it, not the model the order card compared."""
    import json

    from lstm_core.explain import contrast
    from lstm_core.sentiment.classifier import load_classifier
    from lstm_core.serving.assets import ASSETS

    at = open_page(PAGE)
    at.radio(key="sentiment_language").set_value("zh").run()
    ours = contrast.model_by_change(load_classifier("zh"), "zh")["contrast"]["pair_accuracy"]
    card = json.loads((ASSETS / "order_zh.json").read_text(encoding="utf-8"))
    theirs = card["contrast"]["lstm"]["by_change"]["contrast"]["pair_accuracy"]
    box = next(i.value for i in at.info if "“but”" in i.value)
    assert f"the order-aware LSTM gets {theirs:.0%}" in box and f"this page's LSTM {ours:.0%}" in box, box
    assert f"{ours:.0%}" == "6%"  # 2 of the 35 pairs (the LSTM from scratch, in the order card: 0 of 35)


def test_bad_input_is_reported_not_raised(open_page):
    at = open_page(PAGE)
    at.text_area(key="sentiment_text").input("   ").run()
    assert not at.exception and at.warning
    at.text_area(key="sentiment_text").input("<b>好</b>" + "好" * 3000).run()
    assert not at.exception
    assert any("2,000" in info.value for info in at.info)  # cut with a notice
    for text in ("！！！", "😀🎉🔥", "𠀀𠀁𠀂"):
        at.text_area(key="sentiment_text").input(text).run()
        assert not at.exception


def test_bad_training_settings_and_imdb_path(open_page):
    at = open_page(PAGE)
    at.number_input(key="sentiment_max_length").set_value(0).run()
    at.button(key="sentiment_train").click().run()
    assert not at.exception and at.error
    at.number_input(key="sentiment_max_length").set_value(20).run()
    at.number_input(key="sentiment_epochs").set_value(0).run()
    at.button(key="sentiment_train").click().run()
    assert not at.exception and at.error
    at.selectbox(key="sentiment_dataset_en").set_value("imdb").run()
    assert not [w for w in at.text_input if w.key == "sentiment_imdb_path"]  # no server paths
    at.number_input(key="sentiment_epochs").set_value(1).run()
    at.button(key="sentiment_train").click().run()
    assert not at.exception
    assert any("imdb" in e.value.lower() for e in at.error)


def test_training_one_epoch_appears_on_gates_page(open_page):
    at = open_page(PAGE)
    at.radio(key="sentiment_language").set_value("zh").run()
    at.selectbox(key="sentiment_dataset_zh").set_value("reviews").run()
    at.radio(key="sentiment_token_unit").set_value("characters").run()  # no segmentation: faster
    at.slider(key="sentiment_embedding_dim").set_value(4).run()
    at.slider(key="sentiment_units").set_value(4).run()
    at.number_input(key="sentiment_epochs").set_value(1).run()
    at.number_input(key="sentiment_max_length").set_value(20).run()
    at.button(key="sentiment_train").click().run()
    assert not at.exception, at.exception
    assert "sentiment_trained" in at.session_state
    assert any("%" in s.value for s in at.success)
    assert at.get("download_button")
    before = verdicts(at)
    at.toggle(key="sentiment_use_own").set_value(True).run()
    assert not at.exception
    assert verdicts(at)[0] != before[0]  # a 4-unit model trained for one epoch reads differently
    at.button(key="sentiment_to_gates").click().run()
    assert not at.exception, at.exception
    assert at.session_state["gates_model"] == "sentiment_session"
    assert at.selectbox(key="gates_model").value == "sentiment_session"  # the Gates page, with our model
    assert at.text_area(key="gates_text").value == classifier.EXAMPLES["zh"][0][1]  # and our text
    assert any("★" in option for option in at.selectbox(key="gates_model").options)


def test_stop_mid_training_keeps_the_page_usable(open_page):
    """A job interrupted by the stop button is finished with the weights it has, and said so."""
    from lstm_core.sentiment.sentiment_train import EpochTrainer, SentimentConfig, prepare
    from tests.core.sentiment.test_classifier import _tiny_data

    at = open_page(PAGE)
    config = SentimentConfig(embedding_dim=4, units=4, epochs=5, max_length=8)
    trainer = EpochTrainer(prepare(_tiny_data(), config), config)
    trainer.run_epoch()
    at.session_state["sentiment_job"] = trainer  # as if epoch 2 of 5 were under way
    at.session_state["sentiment_stop_requested"] = True  # what the stop button's on_click sets
    at.run()
    assert not at.exception, at.exception
    assert "sentiment_job" not in at.session_state
    assert any("stopped after 1" in w.value for w in at.warning)
    at.text_area(key="sentiment_text").input("Great crew, lovely flight").run()
    assert not at.exception and at.metric


def test_each_sentiment_lesson_step_claims_the_verdict_the_page_shows(open_page):
    """A lesson's facts come from the model the page shows (for Chinese, the pretrained one), so the verdict a
    step states is the one on the screen, for the step's text and for the swapped text it asks for."""
    from lstm_core.lessons.claims import run
    from lstm_core.lessons.plan import load_lessons

    steps = [s for lesson in load_lessons().values() for s in lesson.steps
             if s.page == "sentiment" and s.check and s.check.name in ("sentiment.running", "sentiment.swap")]
    assert {s.widget_values()["sentiment_language"] for s in steps} == {"zh", "en"}
    for step in steps:
        widgets = step.widget_values()
        facts = run(step.check, widgets).facts
        at = open_page(PAGE)
        at.radio(key="sentiment_language").set_value(widgets["sentiment_language"]).run()
        shown = [(widgets["sentiment_text"], "")]
        if "swapped_text" in facts:
            shown.append((facts["swapped_text"], "swapped_"))
        for text, prefix in shown:
            at.text_area(key="sentiment_text").input(text).run()
            assert not at.exception
            assert verdicts(at)[0] == f"{facts[prefix + 'label']} {facts[prefix + 'p']:.0%}", (text, verdicts(at))
