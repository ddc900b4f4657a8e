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
you") share a translation legitimately all the time.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from typing import Any, ClassVar

from transreview.checks.base import CorpusCheck
from transreview.model import Finding, Pair, Severity

MIN_CHARS = 3
MIN_SOURCE_CHARS_FOR_SHARED_TARGET = 20
_SPACE = re.compile(r"\s+")
_SHOW = 60


def normalise(text: str) -> str:
    """The comparison key's text: NFKC, whitespace collapsed, case folded."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def _digest(lang: str, key: str) -> str:
    return hashlib.blake2b(f"{lang}\x00{key}".encode(), digest_size=8).hexdigest()


def _short(text: str) -> str:
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= _SHOW else text[: _SHOW - 1] + "…"


def _where(pair: Pair, other: Pair) -> str:
    return other.id if other.doc == pair.doc else f"{other.id} ({other.doc})"


class ConsistencyCheck(CorpusCheck):
    """Same source, different translations; same translation, different sources."""

    name: ClassVar[str] = "consistency"
    version: ClassVar[int] = 1
    category: ClassVar[str] = "Fluency/Inconsistency"
    severity: ClassVar[Severity] = Severity.MINOR

    def measure(self, pair: Pair) -> tuple[str, str, int] | None:
        """(source hash, target hash, source length) or None for a pair not compared."""
        src, tgt = normalise(pair.source), normalise(pair.target)
        if len(src) < MIN_CHARS or len(tgt) < MIN_CHARS:
            return None
        if not any(ch.isalpha() for ch in src) or not any(ch.isalpha() for ch in tgt):
            return None
        lang = f"{pair.src_lang}>{pair.tgt_lang}".lower()
        return _digest(lang, src), _digest(lang, tgt), len(src)

    def judge_corpus(self, pairs: Sequence[Pair], raws: Sequence[Any]) -> list[list[Finding]]:
        out: list[list[Finding]] = [[] for _ in pairs]
        first_by_src: dict[str, int] = {}
        first_by_tgt: dict[str, int] = {}
        for i, raw in enumerate(raws):
            if raw is None:
                continue
            src_h, tgt_h, src_len = raw
            pair = pairs[i]
            j = first_by_src.setdefault(src_h, i)
            if j != i and raws[j][1] != tgt_h:
                first = pairs[j]
                out[i].append(self._span_target(
                    pair,
                    f"the same source is translated as '{_short(first.target)}' in {_where(pair, first)}",
                    suggestion=first.target.strip(),
                ))
            k = first_by_tgt.setdefault(tgt_h, i)
            if (
                k != i
                and raws[k][0] != src_h
                and src_len >= MIN_SOURCE_CHARS_FOR_SHARED_TARGET
                and raws[k][2] >= MIN_SOURCE_CHARS_FOR_SHARED_TARGET
            ):
                first = pairs[k]
                out[i].append(self._span_target(
                    pair,
                    f"the same translation is used in {_where(pair, first)} for a different source: "
                    f"'{_short(first.source)}'",
                ))
        return out

    def _span_target(self, pair: Pair, message: str, suggestion: str | None = None) -> Finding:
        text = pair.target
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        return self.finding(pair, message, start=start, end=end, suggestion=suggestion)
