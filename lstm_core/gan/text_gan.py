"""A toy language for the text GAN, whose correctness can be checked exactly.

Words of 12 characters over "(", ")" and "a" in which the brackets balance (Motzkin
words, such as "(a()a)aa(())"). Only about 3% of random strings of this alphabet are
valid, so the share of valid strings measures how much a generator has learned.
Three generators are compared: random strings, a character LSTM language model
trained on valid words, and the Gumbel-softmax GAN (`lstm_core.gan.adversarial`).
"""

from __future__ import annotations

import numpy as np

from lstm_core.gan.models import per_step_outputs
from lstm_core.nn.network import Network, NetworkSpec

ALPHABET = ("(", ")", "a")
LENGTH = 12
LM_TOKENS = ("<pad>", "<bos>", *ALPHABET)  # the language model's ids: 0 padding, 1 start


def is_valid(text: str) -> bool:
    """True for a word of LENGTH characters of ALPHABET whose brackets balance."""
    if len(text) != LENGTH or set(text) - set(ALPHABET):
        return False
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def valid_share(texts: list[str]) -> float:
    return float(np.mean([is_valid(t) for t in texts])) if texts else 0.0


def decode(ids: np.ndarray) -> list[str]:
    """(N, T) character indices into ALPHABET -> strings."""
    return ["".join(ALPHABET[i] for i in row) for row in np.asarray(ids)]


def random_strings(count: int, rng: np.random.Generator) -> list[str]:
    """Strings with every character drawn uniformly: the floor any generator must beat."""
    return decode(rng.integers(len(ALPHABET), size=(count, LENGTH)))


def valid_words(count: int, rng: np.random.Generator) -> list[str]:
    """`count` valid words drawn uniformly from all valid words (by rejecting random strings)."""
    words: list[str] = []
    while len(words) < count:
        words += [w for w in random_strings(20 * count, rng) if is_valid(w)]
    return words[:count]


def one_hot(texts: list[str]) -> np.ndarray:
    """Strings -> (N, T, V) float32 one-hot characters, what the discriminator reads."""
    index = {c: i for i, c in enumerate(ALPHABET)}
    ids = np.array([[index[c] for c in t] for t in texts])
    return np.eye(len(ALPHABET), dtype=np.float32)[ids]


def gan_strings(generator: Network, noise: np.ndarray, rng: np.random.Generator) -> list[str]:
    """Sample strings from a text generator: one character per step from its softmax."""
    probabilities = per_step_outputs(generator, noise)  # (N, T, V)
    gumbel = -np.log(-np.log(rng.uniform(1e-9, 1, probabilities.shape)))
    return decode((np.log(probabilities + 1e-12) + gumbel).argmax(axis=-1))  # the Gumbel-max trick


# ---- the language model the GAN is compared with ----------------------------------------------
def lm_spec(units: int = 32) -> NetworkSpec:
    return NetworkSpec(vocab_size=len(LM_TOKENS), embedding_dim=8, units=(units,), output_dim=len(LM_TOKENS),
                       per_step_output=True)


def lm_arrays(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Inputs <bos> + word[:-1] and targets word, both (N, LENGTH) ids."""
    ids = np.array([[LM_TOKENS.index(c) for c in t] for t in texts], dtype=np.int32)
    inputs = np.concatenate([np.ones((len(ids), 1), np.int32), ids[:, :-1]], axis=1)
    return inputs, ids


def lm_strings(network: Network, count: int, rng: np.random.Generator) -> list[str]:
    """Sample `count` words of LENGTH characters from a character language model (temperature 1)."""
    words = []
    chars = np.arange(2, len(LM_TOKENS))  # never <pad> or <bos>
    for _ in range(count):
        state, token, word = network.initial_state(), 1, []
        for _ in range(LENGTH):
            probabilities, state = network.step(token, state)
            p = probabilities[chars] / probabilities[chars].sum()
            token = int(rng.choice(chars, p=p))
            word.append(LM_TOKENS[token])
        words.append("".join(word))
    return words
