"""The server-wide training queue: order, positions, cancel, release, stale holders."""

import pytest

from lstm_core.serving.slots import QueueRefused, SlotPool, default_slots


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def pool(slots=1):
    clock = Clock()
    return SlotPool(slots, idle_seconds=10, hold_seconds=100, clock=clock), clock


def test_waiters_get_positions_in_the_order_they_came():
    slots, _ = pool()
    for ticket in ("a", "b", "c"):
        slots.join(ticket)
    assert slots.acquire("a") and not slots.acquire("b") and not slots.acquire("c")
    assert [slots.position(t) for t in "abc"] == [0, 1, 2]
    assert [slots.ahead(t) for t in "abc"] == [0, 1, 2]
    assert slots.waiting() == 2
    slots.join("a")  # joining again keeps the place
    assert slots.position("a") == 0


def test_cancel_removes_a_waiter_and_release_wakes_the_next():
    slots, _ = pool()
    for ticket in ("a", "b", "c"):
        slots.join(ticket)
    assert slots.acquire("a")
    slots.leave("b")  # cancelled
    assert "b" not in slots and slots.position("c") == 1
    slots.release("a")  # the epoch ended: a keeps its turn
    assert slots.acquire("a") and not slots.acquire("c")
    slots.release("a")
    slots.leave("a")  # finished
    assert slots.position("c") == 0 and slots.acquire("c")


def test_two_slots_let_two_train():
    slots, _ = pool(slots=2)
    for ticket in ("a", "b", "c"):
        slots.join(ticket)
    assert slots.acquire("a") and slots.acquire("b") and not slots.acquire("c")
    assert slots.position("c") == 1 and slots.ahead("c") == 2


def test_stale_tickets_time_out():
    slots, clock = pool()
    for ticket in ("a", "b", "c"):
        slots.join(ticket)
    assert slots.acquire("a")
    clock.now = 50  # a holds its slot (an epoch may be long); b and c went quiet
    assert "a" in slots and "b" not in slots and "c" not in slots
    slots.join("b")
    for clock.now in range(55, 101, 5):  # b waits, and is seen while it waits (the page polls)
        assert slots.position("b") == 1
    clock.now = 101  # a's epoch never ended: its thread is gone
    assert slots.acquire("b") and "a" not in slots
    slots.release("b")
    clock.now = 112  # b's session left between epochs: nothing is held
    slots.join("d")
    assert slots.acquire("d")
    with pytest.raises(KeyError):
        slots.ahead("b")


def test_slot_count_from_the_setting():
    assert default_slots({}, cores=2) == 1 and default_slots({}, cores=8) == 4 and default_slots({}, cores=1) == 1
    assert default_slots({"LSTM_LAB_TRAINING_SLOTS": "3"}, cores=2) == 3
    for bad in ("0", "two", "-1"):
        with pytest.raises(ValueError):
            default_slots({"LSTM_LAB_TRAINING_SLOTS": bad})
    with pytest.raises(ValueError):
        SlotPool(0)


# ---- one training per owner, a bounded queue (issue 22) -------------------------------------------
def test_an_owner_may_have_one_training_running_or_queued():
    slots, _ = pool()
    slots.join("a1", owner="alice", page="sentiment")
    slots.join("a1", owner="alice", page="sentiment")  # the same ticket again keeps its place
    with pytest.raises(QueueRefused) as refused:
        slots.join("a2", owner="alice", page="forecast")  # another page or tab of the same browser
    assert refused.value.message.key == "common.training_one_each"
    assert refused.value.message.values["page"].key == "common.page.sentiment"  # where the first one is
    slots.join("b1", owner="bob", page="forecast")
    slots.leave("a1")  # finished or cancelled: alice may train again
    slots.join("a2", owner="alice", page="forecast")
    assert [slots.position(t) for t in ("b1", "a2")] == [0, 1]


def test_tickets_without_an_owner_are_not_limited_to_one():
    slots, _ = pool()
    slots.join("x")
    slots.join("y")
    assert len(slots) == 2


def test_the_queue_holds_the_slots_plus_max_waiting_and_refuses_one_more():
    slots = SlotPool(2, max_waiting=3)
    for n in range(5):
        slots.join(f"t{n}", owner=f"o{n}")
    with pytest.raises(QueueRefused) as refused:
        slots.join("t5", owner="o5")
    assert refused.value.message.key == "common.training_queue_full"
    slots.leave("t0")
    slots.join("t5", owner="o5")


def test_a_session_that_ends_takes_its_tickets_out_at_once():
    """What the UI's session-scoped release does when a tab is closed (lstm_core.ui.live_training)."""
    from lstm_core.ui.live_training import SessionTickets

    slots, clock = pool()
    mine = SessionTickets(slots)
    slots.join("a", owner="alice")
    mine.tickets.add("a")
    slots.join("b", owner="bob")
    assert slots.acquire("a")
    mine.release()  # no waiting for idle_seconds: the next one trains now
    assert "a" not in slots and slots.acquire("b") and clock.now == 0


def test_the_browser_token_is_the_same_under_every_mask():
    from lstm_core.ui.live_training import browser_token

    token = bytes(range(16))

    def cookie(mask: bytes) -> str:
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(token))
        return f"2|{mask.hex()}|{masked.hex()}|1700000000"

    assert browser_token(cookie(b"\x01\x02\x03\x04")) == browser_token(cookie(b"\xff\x00\xaa\x55")) == token
    for bad in ("", "2|zz|00|1", "1|00|00|1", "2||00|1", "garbage"):
        assert browser_token(bad) is None
