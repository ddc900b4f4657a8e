"""Sequences that move to a temporary file when they grow.

:class:`Spool` (append, then read back) holds the report builder's results;
:class:`SpillQueue` (first in, first out) holds the pairs a run has read for its corpus
statistics and not yet checked. Either way a run's memory stays flat however many pairs it
sees.
"""

from __future__ import annotations

import pickle
import tempfile
from array import array
from collections import deque
from collections.abc import Callable, Iterator
from typing import IO, Any, Generic, TypeVar

#: Items kept in memory before a spool moves to its temporary file.
DEFAULT_MEMORY_ITEMS = 16384

T = TypeVar("T")


class Spool(Generic[T]):
    """An append-only, re-iterable sequence that moves to a temporary file when it grows.

    Small runs stay in memory; past ``memory_items`` every item is pickled to an anonymous
    temporary file (deleted on close) and only an 8-byte offset per item stays in memory
    (none with ``indexed=False``, which then only reads back in order).
    Items can be read back in order (any number of times) or by index.
    """

    def __init__(
        self,
        memory_items: int = DEFAULT_MEMORY_ITEMS,
        encode: Callable[[T], Any] | None = None,
        decode: Callable[[Any], T] | None = None,
        *,
        indexed: bool = True,
    ) -> None:
        self._limit = memory_items
        self._indexed = indexed
        self._count = 0
        self._encode = encode
        self._decode = decode
        self._items: list[T] | None = []
        self._file: IO[bytes] | None = None
        self._offsets = array("q")
        self._end = 0
        self._moves = 0  # bumped whenever the file position jumps; iterators re-seek then
        self._at_end = True

    def append(self, item: T) -> None:
        if self._items is not None:
            self._items.append(item)
            if len(self._items) > self._limit:
                self._spill()
            return
        self._write(item)

    def _spill(self) -> None:
        assert self._items is not None
        self._file = tempfile.TemporaryFile(prefix="transreview-spool-")
        items, self._items = self._items, None
        for it in items:
            self._write(it)

    def _write(self, item: T) -> None:
        assert self._file is not None
        if not self._at_end:
            self._file.seek(self._end)
            self._at_end = True
            self._moves += 1
        data = pickle.dumps(self._encode(item) if self._encode is not None else item, pickle.HIGHEST_PROTOCOL)
        self._file.write(data)
        if self._indexed:
            self._offsets.append(self._end)
        self._count += 1
        self._end += len(data)

    @property
    def spilled(self) -> bool:
        return self._file is not None

    def __len__(self) -> int:
        return len(self._items) if self._items is not None else self._count

    def __getitem__(self, i: int) -> T:
        if self._items is not None:
            return self._items[i]
        if not self._indexed:
            raise TypeError("this spool keeps no offsets (indexed=False): iterate it instead")
        assert self._file is not None
        self._file.seek(self._offsets[i])
        self._at_end = False
        self._moves += 1
        return self._load()

    def _load(self) -> T:
        assert self._file is not None
        data = pickle.load(self._file)
        return self._decode(data) if self._decode is not None else data

    def __iter__(self) -> Iterator[T]:
        if self._items is not None:
            yield from list(self._items)
            return
        assert self._file is not None
        n = self._count
        moves = -1
        pos = 0
        for _ in range(n):
            if moves != self._moves:
                # Another reader (random access, another iterator) moved the handle.
                self._file.seek(pos)
                self._at_end = False
                self._moves += 1
                moves = self._moves
            item = self._load()
            pos = self._file.tell()
            yield item

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._items = []
        self._offsets = array("q")
        self._count = 0

    def __enter__(self) -> Spool[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SpillQueue(Generic[T]):
    """A first-in, first-out queue whose middle moves to a temporary file when it grows.

    Up to ``memory_items`` items wait in memory. Past that, new items are encoded and
    pickled to an anonymous temporary file in batches of ``batch`` (one ``pickle.dumps`` a
    batch: some three times cheaper a pair than an item at a time), and read back a batch at
    a time when the items in memory run out. So at most ``max(memory_items, batch) + batch``
    items are in memory, and the file holds only what waits: it is emptied whenever every
    batch written has been read back.

    Why: a run with corpus checks reads its input once (:mod:`transreview.pipeline`); the
    statistics need every pair before any is judged, so the pairs read and not yet checked
    wait here, in input order.
    """

    def __init__(
        self,
        memory_items: int = DEFAULT_MEMORY_ITEMS,
        encode: Callable[[T], Any] | None = None,
        decode: Callable[[Any], T] | None = None,
        *,
        batch: int = 512,
    ) -> None:
        self._limit = max(1, memory_items)
        self._batch = max(1, batch)
        self._encode = encode
        self._decode = decode
        self._head: deque[T] = deque()  # taken first
        self._tail: list[Any] = []  # encoded, waiting to be written as one batch
        self._file: IO[bytes] | None = None
        self._batches = 0  # written and not read back yet
        self._read_at = 0
        self._write_at = 0
        self._len = 0

    def put(self, item: T) -> None:
        self._len += 1
        if not self._batches and not self._tail and len(self._head) < self._limit:
            self._head.append(item)
            return
        self._tail.append(self._encode(item) if self._encode is not None else item)
        if len(self._tail) >= self._batch:
            self._write_tail()

    def _write_tail(self) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="transreview-queue-")
        data = pickle.dumps(self._tail, pickle.HIGHEST_PROTOCOL)
        self._file.seek(self._write_at)
        self._file.write(data)
        self._write_at += len(data)
        self._batches += 1
        self._tail = []

    def get(self) -> T:
        """The oldest item, removed; raises :class:`IndexError` when the queue is empty."""
        if not self._head:
            self._refill()
        item = self._head.popleft()
        self._len -= 1
        return item

    def _refill(self) -> None:
        if self._batches:
            assert self._file is not None
            self._file.seek(self._read_at)
            batch = pickle.load(self._file)
            self._read_at = self._file.tell()
            self._batches -= 1
            if not self._batches:  # all read back: the file starts again from nothing
                self._file.seek(0)
                self._file.truncate()
                self._read_at = self._write_at = 0
        elif self._tail:
            batch, self._tail = self._tail, []
        else:
            return
        decode = self._decode
        self._head.extend(map(decode, batch) if decode is not None else batch)

    @property
    def spilled(self) -> bool:
        """Whether items ever went to the temporary file."""
        return self._file is not None

    def __len__(self) -> int:
        return self._len

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._head.clear()
        self._tail = []
        self._batches = self._len = 0

    def __enter__(self) -> SpillQueue[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["DEFAULT_MEMORY_ITEMS", "SpillQueue", "Spool"]
