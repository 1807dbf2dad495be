"""The three stages of ULMFiT (Howard & Ruder 2018) on the Chinese reviews, as configurations and data.
1. A general language model learns to predict the next token of People's Daily: the shipped
   character model (`assets/charlm_zh`), or a word model trained here on the same news
   segmented by jieba, the way the classifier reads reviews.
2. That model goes on learning the next token of the reviews of the training split, read
   without their labels; the validation split's texts say when to stop.
3. Its embedding and LSTM become a classifier's, under a new dense head, fine-tuned on the
   labels (gradual unfreezing, a learning rate per layer).

Stages 1 and 2 use no label and no test text. The Keras work is in
`lstm_core.training.pretrain_keras`; the moving of weights in `lstm_core.pretrain.transfer`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.generate import charlm
from lstm_core.generate.charlm import NEWLINE, CharLMConfig
from lstm_core.nn.pooling import POOLINGS
from lstm_core.sentiment.classifier import TOKEN_UNITS, tokenize
from lstm_core.text.vocab import Vocabulary

STARTS = ("charlm_zh", "wordlm_pd", "random")  # stage 1: shipped characters, words trained here, or none
# The general word model (stage 1 for words). CharLMConfig describes any token language model;
# here a token is a jieba word. 256 units: about 3 min an epoch on one free core (10 min on the
# shared machine it was built on, hence 6 epochs at most), and a vocabulary of People's Daily's
# 8,000 most frequent words covers 79% of the reviews' word tokens.
WORD_LM = CharLMConfig("zh", max_vocab_size=8000, embedding_dim=100, units=256, sequence_length=70, batch_size=64,
                       epochs=6, learning_rate=2e-3, dropout=0.3, patience=2, validation_fraction=0.05)


@dataclass(frozen=True)
class PretrainConfig:
    """One way to go from a language model to a review classifier; the search tries several."""

    start: str = "wordlm_pd"  # one of STARTS
    token_unit: str = "words"  # what the classifier reads: jieba "words" or "characters" (set by the start)
    vocab_size: int = 8000  # the reviews' most frequent training tokens (seen twice or more)
    # stage 2: the language model on the training reviews' text (no labels)
    review_lm_epochs: int = 8  # at most (early stopping on the validation texts); 0 skips the stage
    review_lm_rate: float = 1e-3  # below stage 1's 2e-3: the model already knows a language
    # stage 3: the classifier
    epochs: int = 6  # at most; early stopping on validation loss
    learning_rate: float = 2e-3  # the head's; lower layers get it divided by rate_decay per layer
    rate_decay: float = 2.6  # discriminative fine-tuning (the paper's 2.6); 1 = one rate for all
    gradual: bool = True  # head alone at first, then one more layer per epoch; False: all from the start
    head_epochs: int = 1  # with gradual: epochs the head trains alone before the LSTM joins it
    unfreeze_on_stall: bool = False  # with gradual: the layers below join early if the head's validation loss stalls
    pooling: str = "last"  # what the head reads: the LSTM's last state, or "concat" [last, mean, max] of its states
    dropout: float = 0.3  # after the LSTM, in training only
    input_dropout: float = 0.2  # on the embedded tokens, in training only
    max_length: int = 80  # tokens per training review (cut)
    batch_size: int = 64
    patience: int = 2
    members: int = 1  # >1: that many seeds merged into one network averaging their logits
    seed: int = 0

    def __post_init__(self) -> None:
        if self.start not in STARTS:
            raise ValueError(f"start must be one of {STARTS}")
        if self.token_unit not in TOKEN_UNITS:
            raise ValueError(f"token_unit must be one of {TOKEN_UNITS}")
        if self.start == "charlm_zh" and self.token_unit != "characters":
            raise ValueError("the shipped character model reads characters")
        if self.start == "wordlm_pd" and self.token_unit != "words":
            raise ValueError("the People's Daily word model reads words")
        if self.pooling not in POOLINGS:
            raise ValueError(f"pooling must be one of {POOLINGS}")
        if min(self.epochs, self.members, self.max_length, self.batch_size, self.head_epochs) < 1 or self.review_lm_epochs < 0:
            raise ValueError("epochs, members, max_length and batch_size must be at least 1")


def review_lm_config(config: PretrainConfig, general: CharLMConfig) -> CharLMConfig:
    """Stage 2's settings: stage 1's shape, a lower rate, the review vocabulary."""
    return CharLMConfig("zh", max_vocab_size=config.vocab_size, embedding_dim=general.embedding_dim,
                        units=general.units, layers=general.layers, sequence_length=general.sequence_length,
                        batch_size=64, epochs=max(1, config.review_lm_epochs), learning_rate=config.review_lm_rate,
                        dropout=general.dropout, patience=2, validation_fraction=0.0, seed=config.seed)


def news_documents() -> list[str]:
    """People's Daily sentences as running text, in file order (the training part of the character model's split)."""
    train, _ = charlm.split(charlm.documents("zh"))
    return train


def tokens_of(texts, unit: str) -> list[list[str]]:
    """Each text as the classifier reads it (jieba words or characters, lower-cased)."""
    return [tokenize(text, "zh", unit) for text in texts]


def review_vocabulary(train_tokens: list[list[str]], size: int) -> Vocabulary:
    """The training reviews' most frequent tokens (seen twice or more), and the document separator."""
    built = Vocabulary.build(train_tokens, max_size=size - 1, min_count=2)
    return Vocabulary((*built.tokens, NEWLINE))


def token_stream(vocab: Vocabulary, documents: list[list[str]]) -> np.ndarray:
    """Documents as one id sequence, each preceded by the separator and the last followed by it."""
    separator = vocab.index[NEWLINE]
    ids = [separator]
    for document in documents:
        ids.extend(vocab.encode(document).ids.tolist())
        ids.append(separator)
    return np.asarray(ids, np.int32)


def news_word_vocabulary(documents: list[list[str]]) -> Vocabulary:
    """People's Daily's most frequent jieba words (stage 1's vocabulary), and the separator."""
    built = Vocabulary.build(documents, max_size=WORD_LM.max_vocab_size - 1)
    return Vocabulary((*built.tokens, NEWLINE))
