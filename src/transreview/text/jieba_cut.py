"""jieba's default cut (precise mode, HMM on), word for word, in less time.

Profiles of ``check`` put a quarter of the places check in jieba's cut of the Chinese side:
``Tokenizer.get_DAG`` builds a dictionary of lists for every run, ``Tokenizer.calc`` then
takes ``log`` of the same dictionary frequencies again for every run, and ``cut``/``tokenize``
wrap it all in three generators. :class:`RouteCutter` computes the same maximum-probability
route in one pass per position, over the same frequency table, with each word's
log-probability computed once and kept (``log(freq) - log(total)``, the same float
operations in the same order, so every comparison and every tie comes out as in jieba; a
string that is in no word is kept too, so that the search past a word's end costs one
look-up; the table is bounded); the stretches of single characters go to jieba's own HMM
(``jieba.finalseg``) as jieba sends them, and the HMM's words of each stretch, and of each
block of Han characters in it, are remembered (``jieba.finalseg.cut`` again, block by
block). Runs already cut are remembered too, as the ends of their words (bounded tables):
localization files repeat their strings.

The words are exactly jieba's (``tests/unit/test_jieba_cut.py`` compares both on the shipped
corpora, the real files and generated text); if jieba changed its algorithm, that test would
say so. The tokenizer must not gain words after the cutter is built, which
:class:`~transreview.text.segment.Tokenizer` guarantees.
"""

from __future__ import annotations

import re
from itertools import accumulate
from math import log
from typing import Any, Protocol

# jieba's own patterns (``jieba.re_han_default``, ``jieba.re_skip_default``): the text is split
# into runs cut by the dictionary, and whitespace and other characters between them.
JIEBA_RUN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP = re.compile("(\r\n|\\s)")

# A frequency-table entry that is only the prefix of longer words (jieba stores those with
# frequency 0): no log-probability of its own. Log-probabilities are <= 0, so 1.0 is none;
# and 2.0 marks a string that is not in the table at all (no word starts so: the search
# stops), remembered so that the next time costs one look-up instead of two.
_PREFIX_ONLY = 1.0
_ABSENT = 2.0
# Below every log-probability: the first word looked at is always the best so far.
_NO_WORD = float("-inf")
# The remembered log-probabilities and absences are forgotten at this size (memory stays
# bounded whatever the input, some 10 MB; jieba's table holds some 500,000 strings, and
# all the real files and corpora together leave about 41,000 entries, 31,000 of them
# absences).
_MEMO_LOGP = 100_000
# How many distinct runs are remembered before the table starts again, and the longest run
# remembered (a UI string or a clause; a long run is rarely met twice, and memory stays
# bounded whatever the input holds).
_MEMO_RUNS = 20_000
_MEMO_LENGTH = 80


class _Freq(Protocol):
    """What the cutter asks of a frequency table: ``dict.get`` of a word."""

    def get(self, word: str, /) -> int | None: ...


class RouteCutter:
    """jieba's precise cut of one built ``jieba.Tokenizer`` (see the module docstring)."""

    def __init__(self, dictionary: Any) -> None:
        """``dictionary``: a built ``jieba.Tokenizer`` (its ``FREQ`` and ``total`` are read),
        or a :class:`~transreview.text.jieba_table.FreqTable`, the same table kept on disk
        (only its ``get`` and ``total`` are used)."""
        from jieba import finalseg  # type: ignore[import-untyped]

        self._freq: _Freq = dictionary.FREQ if hasattr(dictionary, "FREQ") else dictionary
        self._logtotal = log(dictionary.total)
        self._logp: dict[str, float] = {}
        self._hmm_han, self._hmm_skip = finalseg.re_han, finalseg.re_skip
        self._hmm_block = getattr(finalseg, "__cut")  # noqa: B009 - a module-private name
        # jieba adds to this set only for add_word(word, freq=0), which Tokenizer never calls
        self._force_split = finalseg.Force_Split_Words
        self._hmm_words: dict[str, tuple[str, ...]] = {}
        self._stretches: dict[str, tuple[int, ...]] = {}  # stretch -> its HMM words' ends
        self._runs: dict[str, tuple[int, ...]] = {}

    def cut(self, text: str) -> list[str]:
        """The words of ``text``, as ``jieba.Tokenizer.cut(text)`` gives them (whitespace included)."""
        words: list[str] = []
        for block in JIEBA_RUN.split(text):
            if not block:
                continue
            if JIEBA_RUN.match(block):
                words.extend(self.cut_run(block))
            else:
                for piece in _SKIP.split(block):
                    if _SKIP.match(piece):
                        words.append(piece)
                    else:
                        words.extend(piece)
        return words

    def cut_run(self, run: str) -> tuple[str, ...]:
        """The words of one run of :data:`JIEBA_RUN` (jieba's ``__cut_DAG``)."""
        ends = self.run_ends(run)
        return tuple(run[a:b] for a, b in zip((0, *ends), ends, strict=False))  # one start more than ends

    def run_ends(self, run: str) -> tuple[int, ...]:
        """Where the words of one run of :data:`JIEBA_RUN` end, from the run's start (the
        last is its length): remembered per run, since localization files repeat their
        strings; ends rather than words, which is what a caller after positions needs and
        takes less memory."""
        found = self._runs.get(run)
        if found is None:
            found = tuple(self._cut_run(run))
            if len(run) <= _MEMO_LENGTH:
                if len(self._runs) >= _MEMO_RUNS:
                    self._runs.clear()
                self._runs[run] = found
        return found

    def _route(self, s: str) -> list[int]:
        """For each position, where the best word starting there ends (exclusive)."""
        freq, logp, logtotal = self._freq, self._logp, self._logtotal
        n = len(s)
        score = [0.0] * (n + 1)
        end = [0] * (n + 1)
        for idx in range(n - 1, -1, -1):
            best = _NO_WORD
            best_x = -1
            i = idx
            frag = s[idx]
            while True:
                p = logp.get(frag)
                if p is None:
                    f = freq.get(frag)
                    if len(logp) >= _MEMO_LOGP:
                        logp.clear()
                    if f is None:
                        logp[frag] = _ABSENT
                        break
                    p = logp[frag] = (log(f) - logtotal) if f else _PREFIX_ONLY
                elif p == _ABSENT:
                    break
                if p <= 0.0:  # a word (not a prefix only)
                    val = p + score[i + 1]
                    # max((value, x)): the larger value; on a tie, the longer word
                    if val >= best:
                        best = val
                        best_x = i
                i += 1
                if i >= n:
                    break
                frag = s[idx : i + 1]
            if best_x < 0:  # no word starts here: the character alone, frequency 1
                best, best_x = 0.0 - logtotal + score[idx + 1], idx
            score[idx] = best
            end[idx] = best_x + 1
        return end

    def _cut_run(self, s: str) -> list[int]:
        """The ends of the words of run ``s``: the route's words, and each stretch of
        one-character words as :meth:`_flush` cuts it."""
        end = self._route(s)
        ends: list[int] = []
        x, n = 0, len(s)
        buf_start = -1
        while x < n:
            y = end[x]
            if y - x == 1:
                if buf_start < 0:
                    buf_start = x
            else:
                if buf_start >= 0:
                    self._flush(s, buf_start, x, ends)
                    buf_start = -1
                ends.append(y)
            x = y
        if buf_start >= 0:
            self._flush(s, buf_start, n, ends)
        return ends

    def _flush(self, s: str, a: int, b: int, ends: list[int]) -> None:
        """A stretch ``s[a:b]`` of one-character words: one word, the HMM's words if the
        stretch is not itself a dictionary word, else its characters (as jieba does)."""
        if b - a == 1:
            ends.append(b)
            return
        buf = s[a:b]
        if self._freq.get(buf):
            ends.extend(range(a + 1, b + 1))
            return
        # the HMM's words of the stretch, remembered whole (digits and all) as their ends
        memo = self._stretches
        rel = memo.get(buf)
        if rel is None:
            words: list[str] = []
            self._hmm(buf, words)
            rel = tuple(accumulate(map(len, words)))
            if len(buf) <= _MEMO_LENGTH:
                if len(memo) >= _MEMO_RUNS:
                    memo.clear()
                memo[buf] = rel
        ends.extend([a + e for e in rel])

    def _hmm(self, buf: str, out: list[str]) -> None:
        """``jieba.finalseg.cut(buf)``: Han stretches by the HMM (remembered), the rest as
        runs of letters and digits and single characters."""
        han, memo = self._hmm_han, self._hmm_words
        for block in han.split(buf):
            if han.match(block):
                words = memo.get(block)
                if words is None:
                    force = self._force_split
                    cut: list[str] = []
                    for word in self._hmm_block(block):
                        if word in force:
                            cut.extend(word)
                        else:
                            cut.append(word)
                    words = tuple(cut)
                    if len(block) <= _MEMO_LENGTH:
                        if len(memo) >= _MEMO_RUNS:
                            memo.clear()
                        memo[block] = words
                out.extend(words)
            else:
                out.extend(x for x in self._hmm_skip.split(block) if x)


__all__ = ["JIEBA_RUN", "RouteCutter"]
