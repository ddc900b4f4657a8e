"""SpillQueue: first in, first out, whatever part of it waits in its temporary file."""

from __future__ import annotations

import random
from collections import deque

import pytest

from transreview.spool import SpillQueue


def test_in_memory_below_the_limit() -> None:
    with SpillQueue[int](5) as q:
        for i in range(5):
            q.put(i)
        assert not q.spilled and len(q) == 5
        assert [q.get() for _ in range(5)] == [0, 1, 2, 3, 4]
        assert len(q) == 0
        with pytest.raises(IndexError):
            q.get()


def test_past_the_limit_items_go_to_the_file_in_batches_and_come_back_in_order() -> None:
    # limit 2, batches of 3: 0 1 in memory, 2 3 4 and 5 6 7 written, 8 still in the tail
    with SpillQueue[tuple[int, str]](2, batch=3) as q:
        for i in range(9):
            q.put((i, "x" * i))
        assert q.spilled and len(q) == 9
        assert q._batches == 2 and q._tail == [(8, "x" * 8)]
        assert [q.get() for _ in range(9)] == [(i, "x" * i) for i in range(9)]
        assert len(q) == 0 and q._batches == 0


def test_encode_and_decode_apply_to_what_waits_in_the_file_only() -> None:
    encoded: list[int] = []

    def encode(i: int) -> str:
        encoded.append(i)
        return str(i)

    with SpillQueue[int](2, encode, int, batch=2) as q:
        for i in range(6):
            q.put(i)
        assert encoded == [2, 3, 4, 5]
        assert [q.get() for _ in range(6)] == list(range(6))


def test_the_file_starts_again_once_everything_written_was_read_back() -> None:
    with SpillQueue[int](1, batch=2) as q:
        for i in range(5):
            q.put(i)
        assert q._write_at > 0
        assert [q.get() for _ in range(3)] == [0, 1, 2]  # the batch [1, 2] was read back
        assert q._write_at > 0  # [3, 4] is still in the file
        assert q.get() == 3
        assert q._write_at == 0 and q._read_at == 0  # emptied
        q.put(5)
        q.put(6)
        q.put(7)
        assert [q.get() for _ in range(4)] == [4, 5, 6, 7]


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize(("limit", "batch"), [(1, 1), (3, 2), (4, 7), (50, 5)])
def test_interleaved_puts_and_gets_keep_the_order_of_a_deque(seed: int, limit: int, batch: int) -> None:
    """Random runs of puts and gets (seeded: the same runs every time) against a deque."""
    rng = random.Random(seed)
    expected: deque[int] = deque()
    n = 0
    with SpillQueue[int](limit, batch=batch) as q:
        for _ in range(400):
            if rng.random() < 0.55:
                q.put(n)
                expected.append(n)
                n += 1
            elif expected:
                assert q.get() == expected.popleft()
            assert len(q) == len(expected)
            # never more than limit + batch items in memory
            assert len(q._head) + len(q._tail) <= max(limit, batch) + batch
        while expected:
            assert q.get() == expected.popleft()
        assert len(q) == 0


def test_close_drops_everything() -> None:
    q = SpillQueue[int](1, batch=1)
    for i in range(4):
        q.put(i)
    q.close()
    assert len(q) == 0 and not q.spilled
    with pytest.raises(IndexError):
        q.get()
