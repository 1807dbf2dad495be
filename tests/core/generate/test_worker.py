"""The server's generation process gives every request the text it gets in the page's own process (issue 25)."""

import threading

import pytest

from lstm_core.generate import language_model, sampling, worker

CONFIGS = [sampling.SamplingConfig(), sampling.SamplingConfig(temperature=0.0, seed=3),
           sampling.SamplingConfig(temperature=1.5, top_k=20, seed=2), sampling.SamplingConfig(temperature=0.9, top_p=0.8, seed=5)]


@pytest.fixture(scope="module")
def process():
    generations = worker.GenerationProcess()
    yield generations
    generations.close()


@pytest.fixture(scope="module")
def models():
    return {language: language_model.load_language_model(language) for language in ("zh", "en")}


def requests(models, count: int):
    """(model, prompt, length, config, inspect) for `count` requests of both languages."""
    prompts = {"zh": ["今天天气", "中国人民", "", "北京大学的学生"], "en": ["I love ", "the ", "", "What a day"]}
    out = []
    for n in range(count):
        language = ("zh", "en")[n % 2]
        out.append((language, prompts[language][n % 4], 20 + 9 * n, CONFIGS[n % len(CONFIGS)], n % 3 != 0))
    return out


def test_requests_from_many_threads_get_the_steps_of_the_page_process(process, models):
    asked = requests(models, 12)
    jobs = [language_model.job_for(models[lang], prompt, length, config, inspect) for lang, prompt, length, config, inspect in asked]

    threads = [threading.Thread(target=process.submit, args=(lang, job)) for (lang, *_), job in zip(asked, jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for (lang, prompt, length, config, inspect), job in zip(asked, jobs):
        assert job.wait(120)
        assert job.steps == list(language_model.generate(models[lang], prompt, length, config, inspect))


def test_a_cancelled_request_stops_and_the_others_go_on(process, models):
    long = process.submit("zh", language_model.job_for(models["zh"], "中国", 2_000, CONFIGS[0]))
    short = process.submit("zh", language_model.job_for(models["zh"], "中国", 30, CONFIGS[1]))
    long.cancel()
    assert short.wait(120) and len(short.steps) == 30
    assert not long.done or len(long.steps) < 2_000


def test_a_lost_process_fails_its_requests_and_the_next_one_starts_again(models):
    generations = worker.GenerationProcess()
    try:
        generations.preload("zh")
        job = generations.submit("zh", language_model.job_for(models["zh"], "中国", 2_000, CONFIGS[0]))
        generations._child.kill()
        with pytest.raises(worker.GenerationFailed):
            job.wait(120)
        again = generations.submit("en", language_model.job_for(models["en"], "I ", 15, CONFIGS[0]))
        assert again.wait(120) and "".join(s.char for s in again.steps) == language_model.sample(models["en"], "I ", 15, 0.8)
    finally:
        generations.close()


def test_an_unknown_model_fails_its_request_with_a_reason(process, models):
    job = process.submit("xx", language_model.job_for(models["zh"], "中", 5, CONFIGS[0]))
    with pytest.raises(worker.GenerationFailed, match="xx"):
        job.wait(60)
