"""Generations stepped together give every request the text it gets alone (issue 25).

A class's generations are batched into one forward pass per character
(`lstm_core.generate.batched`); a student must not see a different text because others
were generating at the same moment, nor a different one for the same seed and settings.
"""

import numpy as np
import pytest

from lstm_core.generate import batched, language_model, sampling
from lstm_core.nn.network import Network, NetworkSpec
from lstm_core.text.vocab import PAD, UNK
from tests.core.generate.test_language_model import tiny_model

CONFIGS = [
    sampling.SamplingConfig(),
    sampling.SamplingConfig(temperature=0.0, seed=3),
    sampling.SamplingConfig(temperature=1.0, seed=1),
    sampling.SamplingConfig(temperature=1.7, top_k=4, seed=2),
    sampling.SamplingConfig(temperature=0.5, top_p=0.8, seed=5),
    sampling.SamplingConfig(temperature=2.5, top_k=3, top_p=0.5, seed=9),
]
PROMPTS = ["the ", "", "a cat", "猫 and", "the dog sat on the log.", "t"]


def jobs_for(model, count: int, inspect: bool = True) -> list[batched.Job]:
    return [language_model.job_for(model, PROMPTS[n % len(PROMPTS)], 5 + 7 * n, CONFIGS[n % len(CONFIGS)], inspect)
            for n in range(count)]


def two_layer_network() -> Network:
    """Two LSTM layers over 7 tokens, too big a token table allowed: the general path of step_rows."""
    spec = NetworkSpec(vocab_size=7, embedding_dim=3, units=(5, 4), output_dim=7, per_step_output=True)
    rng = np.random.default_rng(3)
    shapes = {"embedding": (7, 3), "lstm_0/kernel": (3, 20), "lstm_0/recurrent_kernel": (5, 20), "lstm_0/bias": (20,),
              "lstm_1/kernel": (5, 16), "lstm_1/recurrent_kernel": (4, 16), "lstm_1/bias": (16,),
              "dense/kernel": (4, 7), "dense/bias": (7,)}
    return Network(spec, {k: rng.normal(size=shape) for k, shape in shapes.items()})


@pytest.mark.parametrize("which", ["zh", "en", "two layers"])
def test_a_row_of_a_batch_gets_the_numbers_of_its_sequence_alone(which):
    """Every row of step_rows is bit for bit Network.step on that sequence alone, in a batch of any size."""
    network = two_layer_network() if which == "two layers" else language_model.load_language_model(which).network
    rng = np.random.default_rng(0)
    rows = 40
    ids = rng.integers(2, network.spec.vocab_size, rows)
    state = [(rng.normal(0, 0.5, (rows, u)).astype(np.float32), rng.normal(0, 1, (rows, u)).astype(np.float32))
             for u in network.spec.units]
    for size in (1, 2, 3, 4, 17, 40):
        probs, after = network.step_rows(ids[:size], [(h[:size], c[:size]) for h, c in state])
        for row in {0, size // 2, size - 1}:
            alone, alone_after = network.step(ids[row], [(h[row], c[row]) for h, c in state])
            assert np.array_equal(probs[row], alone), (size, row)
            assert all(np.array_equal(h[row], h1) and np.array_equal(c[row], c1)
                       for (h, c), (h1, c1) in zip(after, alone_after))


def test_reshaping_and_drawing_rows_match_one_row_at_a_time():
    rng = np.random.default_rng(1)
    for _ in range(60):
        rows, width = int(rng.integers(1, 12)), int(rng.choice([5, 119, 3002]))
        probs = rng.dirichlet(np.full(width, rng.uniform(0.05, 2.0)), rows)
        probs[:, :2] = 0.0  # <pad> and <unk> taken out, as drawable does
        configs = [CONFIGS[int(rng.integers(len(CONFIGS)))] for _ in range(rows)]
        shaped = sampling.reshape_rows(probs, configs)
        uniforms = rng.random(rows)
        drawn = sampling.draw_rows(shaped, uniforms)
        for n in range(rows):
            alone = sampling.reshape(probs[n], configs[n])
            assert np.array_equal(shaped[n], alone)
            generator = _FixedUniform(uniforms[n])
            assert drawn[n] == sampling.draw(alone, generator)


class _FixedUniform:
    """Stands in for a Generator whose next uniform number is known."""

    def __init__(self, value: float):
        self.value = value

    def random(self) -> float:
        return self.value


def test_the_loop_reads_the_prompt_then_draws_with_the_requests_own_generator():
    """The generation loop as it always was (one sequence, `advance` after every draw), so a
    seed and settings give the text they gave before generations were batched."""
    model = tiny_model(seed=4)
    for prompt, config in zip(PROMPTS, CONFIGS):
        rng = np.random.default_rng(config.seed)
        _, probs, state = language_model.read_prompt(model, prompt)
        expected = []
        for _ in range(40):
            shaped = sampling.reshape(language_model.drawable(model.vocab, probs), config)
            token_id = sampling.draw(shaped, rng)
            expected.append(model.vocab.tokens[token_id])
            probs, state = model.advance(state, token_id)
        assert language_model.sample(model, prompt, 40, config.temperature, config.top_k, config.top_p, config.seed) == "".join(expected)


@pytest.mark.parametrize("inspect", [True, False])
def test_a_batch_gives_every_request_the_steps_it_gets_alone(inspect):
    model = tiny_model(seed=2)
    jobs = jobs_for(model, 14, inspect)
    batched.run_together(model, jobs, max_rows=5)  # more requests than rows: they take turns
    for job, alone in zip(jobs, jobs_for(model, 14, inspect)):
        assert job.done
        expected = list(batched.steps_of(model, alone))
        assert job.steps == expected and len(job.steps) == job.length
        text = "".join(step.char for step in job.steps)
        assert PAD not in text and UNK not in text
