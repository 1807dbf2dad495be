"""The safety checks at their exact edges: the limit is accepted, one more is refused.

Each test names the bug it catches (issue 22): every one of these slipped through the
fast lane before. Limits are tiny, so each test runs in milliseconds.
"""

import io
import json
import zipfile

import numpy as np
import pytest

from lstm_core.serving import assets, budget
from lstm_core.serving.archive import ArchiveError, Limits, check_npz, open_zip
from lstm_core.serving.cards import ModelCard
from lstm_core.serving.slots import SlotPool
from tests.core.nn.tiny import tiny_network
from tests.helpers import zip_bytes


# ---- archive.py: sizes from the zip's directory ------------------------------------------------
def test_a_member_of_exactly_the_limit_is_accepted_and_one_byte_more_refused():
    """Catches `>=` for `>` in the member check."""
    limits = Limits(member_bytes=100, total_bytes=1_000)
    open_zip(zip_bytes({"a": bytes(100)}), limits)
    with pytest.raises(ArchiveError) as refused:
        open_zip(zip_bytes({"a": bytes(101)}), limits)
    assert refused.value.message.key == "error.archive.member_too_large"


def test_the_total_counts_unpacked_bytes_not_compressed_ones():
    """Catches the total checked on compressed sizes: zeros compress to almost nothing."""
    limits = Limits(member_bytes=1_000, total_bytes=1_200)
    at_limit = zip_bytes({"a": bytes(600), "b": bytes(600)})
    assert len(at_limit) < 400  # what a check on compressed bytes would see
    open_zip(at_limit, limits)
    with pytest.raises(ArchiveError) as refused:
        open_zip(zip_bytes({"a": bytes(600), "b": bytes(601)}), limits)
    assert refused.value.message.key == "error.archive.too_large"


def test_the_number_of_members_has_an_exact_limit():
    limits = Limits(member_bytes=10, total_bytes=100, members=3)
    open_zip(zip_bytes({f"m{i}": b"x" for i in range(3)}), limits)
    with pytest.raises(ArchiveError, match="4 files"):
        open_zip(zip_bytes({f"m{i}": b"x" for i in range(4)}), limits)


def _npz_claiming(claimed: int, held: int) -> bytes:
    """An .npz whose one float32 array's header claims `claimed` numbers; `held` follow it."""
    member = io.BytesIO()
    np.lib.format.write_array_header_1_0(member, {"descr": "<f4", "fortran_order": False, "shape": (claimed,)})
    member.write(np.zeros(held, np.float32).tobytes())
    return zip_bytes({"w.npy": member.getvalue()})


def test_an_npy_that_claims_more_numbers_than_it_holds_is_refused():
    """Catches the removal of the ".npy claims more than it holds" check (edge: one number)."""
    limits = Limits(member_bytes=10_000, total_bytes=10_000)
    check_npz(_npz_claiming(100, 100), {"w": (100,)}, limits).close()
    with pytest.raises(ArchiveError) as refused:
        check_npz(_npz_claiming(101, 100), {"w": (101,)}, limits)
    assert refused.value.message.key == "error.archive.claims_more"


# ---- assets.py: the weights must be the ones the card names ----------------------------------------
def _upload(card_edit) -> bytes:
    """A model file as `network_file` writes it, with its card changed by `card_edit(card)`."""
    network = tiny_network()
    with zipfile.ZipFile(io.BytesIO(assets.network_file(network, ModelCard(title="mine")))) as archive:
        weights, card = archive.read("weights.npz"), json.loads(archive.read("card.json"))
    card_edit(card)
    return zip_bytes({"weights.npz": weights, "card.json": json.dumps(card).encode()})


def test_an_uploaded_card_without_a_weights_hash_is_refused():
    """Catches a loader that accepts a card with no `weights_sha256`."""
    assets.network_of_file(_upload(lambda card: None))  # as written: accepted
    with pytest.raises(assets.AssetError) as refused:
        assets.network_of_file(_upload(lambda card: card.pop("weights_sha256")))
    assert refused.value.message.key == "error.asset.weights_altered"


def test_an_uploaded_zip_whose_card_hash_does_not_match_its_weights_is_refused():
    """Catches a loader that does not compare the card's hash with the uploaded weights."""
    other = assets.sha256_bytes(assets.weights_to_bytes(tiny_network(seed=1).weights, np.float32))
    with pytest.raises(assets.AssetError) as refused:
        assets.network_of_file(_upload(lambda card: card.update(weights_sha256=other)))
    assert refused.value.message.key == "error.asset.weights_altered"


# ---- budget.py: every started batch costs its overhead --------------------------------------------
def test_a_partial_batch_counts_as_a_batch():
    """Catches the batch count rounded down: 11 examples in batches of 10 are 2 batches."""
    def work(examples: int) -> float:
        return budget.RecurrentWork(examples, steps=1, input_dim=1, units=(1,), epochs=3, batch_size=10).multiply_adds()

    per_example = 3 * 4 * 1 * (1 + 1)  # 3 x forward multiply-adds of one step, one epoch
    assert work(10) == 3 * 10 * per_example + budget.BATCH_OVERHEAD * 3
    assert work(11) == 3 * 11 * per_example + budget.BATCH_OVERHEAD * 6


def test_check_training_accepts_the_limit_and_refuses_just_over():
    work = budget.RecurrentWork(10, steps=1, input_dim=1, units=(1,), epochs=1, batch_size=10)
    budget.check_training(work, ["epochs"], limit=work.multiply_adds())
    with pytest.raises(budget.OverBudget):
        budget.check_training(work, ["epochs"], limit=work.multiply_adds() - 1)


# ---- slots.py: the end of an epoch is a sign of life ------------------------------------------------
class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def test_release_counts_as_the_session_being_seen():
    """Catches `release()` not refreshing the last-seen time: a long epoch must not cost the place."""
    clock = Clock()
    pool = SlotPool(1, idle_seconds=10, hold_seconds=100, clock=clock)
    pool.join("a")
    assert pool.acquire("a")
    clock.now = 50  # one long epoch, far past idle_seconds since the ticket was last seen
    pool.release("a")
    clock.now = 60  # exactly idle_seconds after the release: still in the queue
    assert "a" in pool
    clock.now = 60.001
    assert "a" not in pool
