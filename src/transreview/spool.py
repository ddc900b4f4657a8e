"""An append-only sequence that moves to a temporary file when it grows.

The pipeline spools the input for its second pass and the report builder its results, so
a run's memory stays flat however many pairs it sees.
"""

from __future__ import annotations

import pickle
import tempfile
from array import array
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


__all__ = ["DEFAULT_MEMORY_ITEMS", "Spool"]
