"""AppTest for the LSTM-GAN page: it opens in both languages, reacts, and trains live."""

PAGE = "pages/gan.py"


def test_page_in_english_shows_samples_scores_and_text_results(open_page):
    at = open_page(PAGE, "en", timeout=180)
    assert at.title[0].value.startswith("LSTM-GAN")
    charts = at.get("plotly_chart")
    assert len(charts) == 2  # sample grid and PCA map
    assert len(at.table) == 2  # GAN vs baseline scores, text GAN vs LM vs random
    assert any("AR baseline" in str(table.value) for table in at.table)
    grid = charts[0].proto.spec
    at.number_input(key="gan_sample_seed").set_value(3).run()
    assert not at.exception and at.get("plotly_chart")[0].proto.spec != grid  # a new seed, new samples
    assert any("valid" in m.value for m in at.markdown)


def test_page_in_chinese(open_page):
    at = open_page(PAGE, "zh", timeout=180)
    assert "生成器" in at.title[0].value
    assert not at.exception
    assert any("判别分数" in str(table.value) for table in at.table)


def test_short_live_training_and_gradient_check(open_page):
    at = open_page(PAGE, "en", timeout=180)
    at.slider(key="gan_epochs").set_value(2).run()
    at.slider(key="gan_units").set_value(4).run()
    at.button(key="gan_train").click().run()
    assert not at.exception, at.exception
    assert any("2 epochs" in s.value for s in at.success)
    assert len(at.table) == 3  # the live run's scores beside the baseline's
    assert "gan_session_generator" in at.session_state["gates_session_models"]
    at.button(key="gan_check_gradients").click().run()
    assert not at.exception
    gradient_table = str(at.table[-2].value)
    assert gradient_table.count("no gradient") == 2  # argmax and sampling; Gumbel-softmax passes one
