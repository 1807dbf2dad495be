"""The vocabulary's ids and unknowns, and cleaning what a user typed."""

import pytest

from lstm_core.text.inputs import EmptyText, clean
from lstm_core.text.vocab import Vocabulary


def test_vocabulary_round_trip_and_unknowns():
    vocab = Vocabulary.build([list("abca"), list("ab")], max_size=4)
    assert vocab.tokens == ("<pad>", "<unk>", "a", "b")
    encoded = vocab.encode("abz")
    assert encoded.ids.tolist() == [2, 3, 1] and encoded.unknown == (False, False, True)
    with pytest.raises(ValueError):
        Vocabulary(("a", "b"))


def test_clean_input():
    with pytest.raises(EmptyText):
        clean("  \n\t ")
    user = clean("ab\x00c\x07😀👍🏽" + "x" * 50, limit=10)
    assert user.controls_removed == 2
    assert user.text == "abc😀👍🏽xxxx"[:10] and user.was_cut
    assert clean("<img src=x onerror=alert(1)>").text == "<img src=x onerror=alert(1)>"
