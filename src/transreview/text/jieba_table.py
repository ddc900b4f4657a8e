"""The project tokenizer's finished frequency table, kept on disk between runs.

Building the tokenizer the plain way reads jieba's dictionary (half a million entries made
into a dict: some 0.15 s of CPU even from jieba's own cache) and then adds the gazetteer's
3,400 names one by one with ``add_word``, each of which asks jieba to cut the name first
(another 0.03-0.06 s). Both happen before ``check`` can start its workers, and a one-pair run
spends half its time there. The table that comes out is always the same for the same inputs,
so the first run writes it to a file in the temporary folder and later runs map that file
into memory (``mmap``) and look words up in it where they lie: opening and checking it takes
a few milliseconds, nothing is parsed, and forked workers and other processes share the same
pages.

The file (``transreview-jieba-<key>.cache`` in :func:`tempfile.gettempdir`) is a hash table:
words in buckets by the CRC-32 of their UTF-8 bytes, one array of bucket starts, one of the
words' byte offsets, one of their frequencies, and the words' bytes. A look-up costs about a
microsecond against a dict's tenth of one, and :class:`~transreview.text.jieba_cut.RouteCutter`
remembers what it looked up, so a 20,000-pair run does some 20,000 of them.

A table is used only when everything it was made from is the same, and only as a whole:

* its key (SHA-256) covers the file format, transreview's and jieba's versions, the identity of
  jieba's dictionary file (path, size, modification time), the byte order, and the added words
  in their order; the key is in the header and in the file name;
* the header's sizes must account for the file's size exactly, and the CRC-32 of everything
  after the header must match;
* on POSIX the file must belong to the user running transreview.

Any doubt (no file, another key, a short or damaged file, someone else's file, an error
reading it) and the tokenizer is built the plain way, exactly as without a cache, and the table
is written again: to a new file in the same folder, renamed over the old one (so a reader never
sees half a file, and two processes writing at once both leave a complete one). When the
folder cannot be written the run goes on with the table it built. Deleting the files is always
safe; the next run writes its table again (about a second).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import mmap
import os
import struct
import sys
import tempfile
import zlib
from array import array
from collections.abc import Iterator, Mapping, Sequence
from itertools import accumulate
from typing import Any

#: The file's first bytes: a name and the layout's version (change it with the layout).
MAGIC = b"TRJT0001"
# magic, key, total, entries, buckets, bytes of words, CRC-32 of the body; padded to 80 bytes
_HEADER = struct.Struct("<8s32sQQQQI4x")
_PREFIX = "transreview-jieba-"
_SUFFIX = ".cache"
#: Tables of other keys (another transreview, another gazetteer) kept beside the newest.
_KEEP = 3


class FreqTable:
    """jieba's ``FREQ`` for look-ups: word -> frequency (0 for a prefix only), read from a
    mapped table file (or from its bytes). Read-only; only what the cutter asks is offered:
    :meth:`get`, and :meth:`items` for comparisons."""

    __slots__ = ("_blob", "_buckets", "_buf", "_freqs", "_mask", "_offsets", "total")

    def __init__(self, buf: Any, total: int, entries: int, buckets: int, words_size: int) -> None:
        view = memoryview(buf)
        pos = _HEADER.size
        self._buckets = view[pos : pos + 4 * (buckets + 1)].cast("I")
        pos += _padded(4 * (buckets + 1))
        self._offsets = view[pos : pos + 4 * (entries + 1)].cast("I")
        pos += _padded(4 * (entries + 1))
        self._freqs = view[pos : pos + 8 * entries].cast("q")
        pos += 8 * entries
        self._blob = view[pos : pos + words_size]
        self._mask = buckets - 1
        self._buf = buf  # keeps the mapping open as long as the table is used
        self.total = total

    def get(self, word: str, default: int | None = None) -> int | None:
        """The frequency of ``word``, or ``default`` when it is in no entry (as ``dict.get``)."""
        b = word.encode("utf-8", "surrogatepass")
        i = zlib.crc32(b) & self._mask
        buckets, offsets, blob = self._buckets, self._offsets, self._blob
        lo, hi = buckets[i], buckets[i + 1]
        while lo < hi:
            if blob[offsets[lo] : offsets[lo + 1]] == b:
                return self._freqs[lo]  # type: ignore[no-any-return]  # an int: the view's format is "q"
            lo += 1
        return default

    def __len__(self) -> int:
        return len(self._freqs)

    def items(self) -> Iterator[tuple[str, int]]:
        """Every entry, in the table's order (for tests and comparisons, not for cutting)."""
        offsets, blob, freqs = self._offsets, self._blob, self._freqs
        for i in range(len(freqs)):
            yield bytes(blob[offsets[i] : offsets[i + 1]]).decode("utf-8", "surrogatepass"), int(freqs[i])


def _padded(n: int) -> int:
    return (n + 7) & ~7


def cache_key(words: Sequence[str]) -> bytes:
    """The key of the table of jieba's default dictionary plus ``words`` added in this order:
    everything the table's contents depend on (see the module docstring)."""
    import transreview
    from transreview.text.segment import import_jieba

    jieba = import_jieba()
    dict_path = os.path.join(os.path.dirname(os.path.abspath(jieba.__file__)), jieba.DEFAULT_DICT_NAME)
    try:
        st = os.stat(dict_path)
        identity: list[object] = [dict_path, st.st_size, st.st_mtime_ns]
    except OSError:
        identity = [dict_path, None]
    described = {
        "format": MAGIC.decode("ascii"),
        "transreview": transreview.__version__,
        "jieba": getattr(jieba, "__version__", None),
        "dictionary": identity,
        "byteorder": sys.byteorder,
        "itemsize": [array("I").itemsize, array("q").itemsize],
        "words": list(words),
    }
    return hashlib.sha256(json.dumps(described, ensure_ascii=False).encode("utf-8", "surrogatepass")).digest()


def default_folder() -> str:
    """Where tables are kept: the temporary folder, like jieba's own cache."""
    return tempfile.gettempdir()


def cache_path(key: bytes, folder: str | None = None) -> str:
    """Where the table of ``key`` is kept."""
    return os.path.join(folder or default_folder(), f"{_PREFIX}{key.hex()[:24]}{_SUFFIX}")


def load_table(key: bytes, folder: str | None = None) -> FreqTable | None:
    """The table of ``key`` if its file is there, complete, intact and ours; else None."""
    try:
        with open(cache_path(key, folder), "rb") as f:
            st = os.fstat(f.fileno())
            getuid = getattr(os, "getuid", None)
            if getuid is not None and st.st_uid != getuid():
                return None
            if st.st_size < _HEADER.size:
                return None
            buf: Any
            try:
                buf = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            except (OSError, ValueError):  # a file system that cannot map files
                buf = f.read()
    except (OSError, ValueError):
        return None
    try:
        magic, found_key, total, entries, buckets, words_size, crc = _HEADER.unpack_from(buf, 0)
        expected = (
            _HEADER.size + _padded(4 * (buckets + 1)) + _padded(4 * (entries + 1)) + 8 * entries + words_size
        )
        if (
            magic != MAGIC
            or found_key != key
            or buckets < 1
            or buckets & (buckets - 1)
            or len(buf) != expected
            or zlib.crc32(memoryview(buf)[_HEADER.size :]) != crc
        ):
            _close(buf)
            return None
        table = FreqTable(buf, total, entries, buckets, words_size)
    except (ValueError, TypeError, struct.error):
        _close(buf)
        return None
    # the bucket starts and word offsets must lie inside their arrays (a checksum collision
    # aside, they do; this makes sure a look-up can never read past them)
    b, o = table._buckets, table._offsets
    if b[0] != 0 or b[buckets] != entries or o[0] != 0 or o[entries] != words_size:
        return None
    return table


def _close(buf: Any) -> None:
    if isinstance(buf, mmap.mmap):
        with contextlib.suppress(BufferError):
            buf.close()


def table_bytes(key: bytes, freq: Mapping[str, int], total: int) -> bytes:
    """The file of ``freq`` and ``total`` under ``key`` (see the module docstring)."""
    return b"".join(_sections(key, freq, total))


def _sections(key: bytes, freq: Mapping[str, int], total: int) -> list[bytes]:
    """The file in pieces, header first (written one by one: no copy of the whole)."""
    words = [w.encode("utf-8", "surrogatepass") for w in freq]
    entries = len(words)
    buckets = 1
    while buckets < entries:
        buckets <<= 1
    mask = buckets - 1
    slot = array("I", [h & mask for h in map(zlib.crc32, words)])
    order = sorted(range(entries), key=slot.__getitem__)  # stable: a bucket keeps the dict's order
    counts = array("I", bytes(4 * buckets))
    for i in slot:
        counts[i] += 1
    del slot
    starts = array("I", accumulate(counts, initial=0))
    ordered = [words[i] for i in order]
    del words
    offsets = array("I", accumulate(map(len, ordered), initial=0))
    values = list(freq.values())
    freqs = array("q", [values[i] for i in order])
    del values, order
    blob = b"".join(ordered)
    del ordered

    def padding(section: bytes) -> bytes:
        return bytes(_padded(len(section)) - len(section))

    body = [starts.tobytes(), b"", offsets.tobytes(), b"", freqs.tobytes(), blob]
    body[1], body[3] = padding(body[0]), padding(body[2])
    crc = 0
    for section in body:
        crc = zlib.crc32(section, crc)
    return [_HEADER.pack(MAGIC, key, total, entries, buckets, len(blob), crc), *body]


def write_table(key: bytes, freq: Mapping[str, int], total: int, folder: str | None = None) -> bool:
    """Write the table of ``key`` atomically (a new file renamed over the old); whether it was
    written. Failing to write is not an error: the run has the table it built."""
    target = cache_path(key, folder)
    directory = os.path.dirname(target)
    tmp = None
    try:
        sections = _sections(key, freq, total)
        fd, tmp = tempfile.mkstemp(prefix=_PREFIX, suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as f:
            for section in sections:
                f.write(section)
        os.replace(tmp, target)
        tmp = None
    except (OSError, ValueError, OverflowError):
        return False
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    _prune(directory, target)
    return True


def _prune(directory: str, keep: str) -> None:
    """Remove our tables of other keys but the newest few (a new version or gazetteer leaves
    its predecessor's table behind; another installation may still be using one)."""
    getuid = getattr(os, "getuid", None)
    found: list[tuple[float, str]] = []
    try:
        with os.scandir(directory) as it:
            for entry in it:
                name = entry.name
                if name.startswith(_PREFIX) and name.endswith(_SUFFIX) and entry.path != keep:
                    st = entry.stat(follow_symlinks=False)
                    if getuid is None or st.st_uid == getuid():
                        found.append((st.st_mtime, entry.path))
    except OSError:
        return
    found.sort(reverse=True)
    for _, path in found[_KEEP:]:
        with contextlib.suppress(OSError):
            os.unlink(path)


__all__ = [
    "MAGIC",
    "FreqTable",
    "cache_key",
    "cache_path",
    "default_folder",
    "load_table",
    "table_bytes",
    "write_table",
]
