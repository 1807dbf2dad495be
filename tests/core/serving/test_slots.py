"""The server-wide training queue: order, positions, cancel, release, stale holders."""

import pytest

from lstm_core.serving.slots import SlotPool, default_slots


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
