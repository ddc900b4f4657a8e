"""Consistency: one source translated two ways, or one translation serving two sources.

Both are judged over the whole run, so ``measure`` returns two short stable hashes per
pair (blake2b, not ``hash()``: Python salts ``hash()`` per process, and pairs may be
measured in worker processes). Texts are compared after NFKC (full/half width), with
runs of whitespace collapsed and case folded: "Energy  efficiency" and "energy
efficiency" are one source, and 谢谢! and 谢谢！ one target (their width is the
punctuation check's business).

The first occurrence is the reference; every later occurrence that differs is flagged,
naming the first pair. Segments shorter than :data:`MIN_CHARS` or without a letter (numbers,
codes) are ignored, as are pairs with an empty side (omission reports those). One target
for different sources is flagged only when both sources are at least
:data:`MIN_SOURCE_CHARS_FOR_SHARED_TARGET` characters long: short sources ("Thanks", "Thank
you") share a translation legitimately all the time. Both lengths are the check's parameters
(``min_chars``, ``min_source_chars_for_shared_target``; the constants are their defaults),
applied in judging: ``measure`` records the hashes and lengths of every pair with a letter.

Memory stays flat however large the run (issue 6): pass one keeps a 28-byte record per
compared pair and spills records to bucket files by hash (:class:`_ConsistencyState`);
only flagged pairs, and the texts of the first pairs their findings name, stay in memory.
"""

from __future__ import annotations

import hashlib
import re
import struct
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import IO, ClassVar, NamedTuple

from transreview.checks.base import CorpusCheck, CorpusState
from transreview.model import Finding, Pair, Severity
from transreview.text.analysis import PairAnalysis

MIN_CHARS = 3
MIN_SOURCE_CHARS_FOR_SHARED_TARGET = 20
#: Records kept in memory before pass one spills them to bucket files (28 bytes each).
SPILL_RECORDS = 1 << 16
#: Bucket files per rule: memory in ``finish`` is about 1/BUCKETS of the records.
BUCKETS = 32
_SPACE = re.compile(r"\s+")
_SHOW = 60


def normalise(text: str) -> str:
    """The comparison key's text: NFKC, whitespace collapsed, case folded.

    Collapsed by str.split and join, which is ``_SPACE.sub(" ", ...).strip()`` (str.split
    cuts at exactly what ``\\s`` matches) without the regular-expression engine."""
    if not text.isascii():  # (ASCII text is NFKC as it is: no call)
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split()).casefold()


@lru_cache(maxsize=256)
def _direction(src_lang: str, tgt_lang: str) -> str:
    """The language direction the hashes are salted with ("en>zh"): a run meets a few."""
    return f"{src_lang}>{tgt_lang}".lower()


def _has_letter(text: str) -> bool:
    """``any(ch.isalpha() for ch in text)``, answered at once when the first character is one."""
    return text[:1].isalpha() or any(ch.isalpha() for ch in text)


def _digest(lang: str, key: str) -> str:
    return hashlib.blake2b(f"{lang}\x00{key}".encode(), digest_size=8).hexdigest()


def _short(text: str) -> str:
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= _SHOW else text[: _SHOW - 1] + "…"


def _where(pair: Pair, other: Pair | _Seen) -> str:
    return other.id if other.doc == pair.doc else f"{other.id} ({other.doc})"


class _Seen(NamedTuple):
    """What a finding says about the first pair of a group: kept only for referenced pairs."""

    id: str
    doc: str
    source: str
    target: str


_RECORD = struct.Struct("<QQIq")  # source hash, target hash, source length, pair index
_SAME_SOURCE, _SAME_TARGET = 0, 1


class _ConsistencyState(CorpusState):
    """Groups of equal sources and equal targets, found in flat memory.

    Pass one keeps a 28-byte record per compared pair; past :data:`SPILL_RECORDS` records
    they go to :data:`BUCKETS` temporary files by source hash and :data:`BUCKETS` by target
    hash, so :meth:`finish` holds one bucket's dictionary at a time. What stays in memory is
    the flags (pair, first pair, rule) of the pairs that will get a finding, and in pass two
    the texts of the first pairs those flags name.
    """

    def __init__(self, check: ConsistencyCheck) -> None:
        self.check = check
        self.records = bytearray()
        self.count = 0
        self.files: list[IO[bytes]] | None = None
        self.flags: dict[int, list[tuple[int, int]]] = {}
        self.wanted: set[int] = set()
        self.seen: dict[int, _Seen] = {}

    def add(self, index: int, pair: Pair, collected: tuple[str, str, int, int] | None) -> None:
        if collected is None:
            return
        src_h, tgt_h, src_len, tgt_len = collected
        if src_len < self.check.min_chars or tgt_len < self.check.min_chars:
            return
        self.records += _RECORD.pack(int(src_h, 16), int(tgt_h, 16), src_len, index)
        self.count += 1
        if len(self.records) >= SPILL_RECORDS * _RECORD.size:
            self._spill()

    def _spill(self) -> None:
        if self.files is None:
            self.files = [tempfile.TemporaryFile(prefix="transreview-consistency-") for _ in range(2 * BUCKETS)]
        parts: list[list[bytes]] = [[] for _ in range(2 * BUCKETS)]
        for rec in _RECORD.iter_unpack(self.records):
            data = _RECORD.pack(*rec)
            parts[rec[0] % BUCKETS].append(data)
            parts[BUCKETS + rec[1] % BUCKETS].append(data)
        for fh, chunk in zip(self.files, parts, strict=True):
            fh.write(b"".join(chunk))
        self.records = bytearray()

    def _buckets(self, rule: int) -> Iterator[bytes]:
        if self.files is None:
            yield bytes(self.records)
            return
        for fh in self.files[rule * BUCKETS:(rule + 1) * BUCKETS]:
            fh.seek(0)
            yield fh.read()

    def finish(self) -> None:
        if self.files is not None and self.records:
            self._spill()
        min_shared = self.check.min_source_chars_for_shared_target
        try:
            for data in self._buckets(_SAME_SOURCE):
                first: dict[int, tuple[int, int]] = {}
                for src_h, tgt_h, _, i in _RECORD.iter_unpack(data):
                    j, first_tgt = first.setdefault(src_h, (i, tgt_h))
                    if j != i and first_tgt != tgt_h:
                        self._flag(i, j, _SAME_SOURCE)
            for data in self._buckets(_SAME_TARGET):
                by_tgt: dict[int, tuple[int, int, int]] = {}
                for src_h, tgt_h, src_len, i in _RECORD.iter_unpack(data):
                    k, first_src, first_len = by_tgt.setdefault(tgt_h, (i, src_h, src_len))
                    if (
                        k != i
                        and first_src != src_h
                        and src_len >= min_shared
                        and first_len >= min_shared
                    ):
                        self._flag(i, k, _SAME_TARGET)
        finally:
            for fh in self.files or ():
                fh.close()
            self.files, self.records = None, bytearray()

    def _flag(self, i: int, first: int, rule: int) -> None:
        self.flags.setdefault(i, []).append((rule, first))
        self.wanted.add(first)

    def see(self, index: int, pair: Pair) -> None:
        if index in self.wanted:
            self.seen[index] = _Seen(pair.id, pair.doc, pair.source, pair.target)

    def judge(self, index: int, pair: Pair, raw: object) -> list[Finding]:
        flags = self.flags.get(index)
        if not flags:
            return []
        return [
            (self.check._same_source if rule == _SAME_SOURCE else self.check._same_target)(pair, self.seen[first])
            for rule, first in sorted(flags)
        ]


@dataclass(frozen=True, kw_only=True)
class ConsistencyCheck(CorpusCheck):
    """Same source, different translations; same translation, different sources."""

    name: ClassVar[str] = "consistency"
    version: ClassVar[int] = 2
    category: ClassVar[str] = "Fluency/Inconsistency"
    severity: ClassVar[Severity] = Severity.MINOR
    catches: ClassVar[str] = "One source translated two ways in the run, or one translation serving two different long sources."
    example: ClassVar[tuple[tuple[str, str], ...]] = (("Energy efficiency matters.", "能源效率很重要。"), ("Energy efficiency matters.", "能效很重要。"))

    min_chars: int = MIN_CHARS
    min_source_chars_for_shared_target: int = MIN_SOURCE_CHARS_FOR_SHARED_TARGET

    def measure(self, pair: Pair, analysis: PairAnalysis) -> tuple[str, str, int, int] | None:
        """(source hash, target hash, source length, target length), None without letters.

        Lengths are of the normalised texts; the length limits are applied in judging.
        """
        src, tgt = normalise(pair.source), normalise(pair.target)
        if not _has_letter(src) or not _has_letter(tgt):
            return None
        lang = _direction(pair.src_lang, pair.tgt_lang)
        return _digest(lang, src), _digest(lang, tgt), len(src), len(tgt)

    def corpus_state(self) -> CorpusState:
        return _ConsistencyState(self)

    def _same_source(self, pair: Pair, first: _Seen) -> Finding:
        # No suggestion: which variant is right is the reviewer's call (the first one seen
        # is often the wrong one), and "apply suggestion" must never write an error in.
        return self._span_target(
            pair,
            f"the same source is translated as '{_short(first.target)}' in {_where(pair, first)}: "
            "two variants, choose one",
        )

    def _same_target(self, pair: Pair, first: _Seen) -> Finding:
        return self._span_target(
            pair,
            f"the same translation is used in {_where(pair, first)} for a different source: "
            f"'{_short(first.source)}'",
        )

    def _span_target(self, pair: Pair, message: str, suggestion: str | None = None) -> Finding:
        text = pair.target
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        return self.finding(pair, message, start=start, end=end, suggestion=suggestion)
