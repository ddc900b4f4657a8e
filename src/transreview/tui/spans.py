"""Span selection by keyboard: a cursor and an anchor over one side's text.

Pure logic (no widgets) so that every move can be unit-tested. Words are jieba words for
Chinese (through :mod:`transreview.text.segment`, loaded once) and letter/digit runs for English,
the same units a reviewer thinks in when marking "this word is wrong".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from transreview.model import Span, is_chinese

_EN_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def word_spans(text: str, lang: str) -> tuple[Span, ...]:
    """The words of ``text``: jieba words (punctuation dropped) for Chinese, else letter runs."""
    if not text:
        return ()
    if is_chinese(lang):
        from transreview.text.segment import project_tokenizer

        return tuple(s for s in project_tokenizer().words(text) if re.search(r"[^\W_]", s.of(text)))
    return tuple(Span(m.start(), m.end()) for m in _EN_WORD.finditer(text))


@dataclass(frozen=True, slots=True)
class Selection:
    """``anchor`` and ``cursor`` are positions between characters (0..len). The selection is
    the range between them; when empty, :meth:`span` falls back to the word (or character)
    under the cursor so that a single key press can mark a word."""

    length: int
    words: tuple[Span, ...]
    anchor: int = 0
    cursor: int = 0

    @classmethod
    def of(cls, text: str, lang: str, at: int = 0) -> Selection:
        at = max(0, min(at, len(text)))
        return cls(len(text), word_spans(text, lang), at, at)

    def _clamp(self, pos: int) -> int:
        return max(0, min(pos, self.length))

    def move(self, delta: int, *, extend: bool = False) -> Selection:
        """Cursor by ``delta`` characters; without ``extend`` the selection collapses."""
        pos = self._clamp(self.cursor + delta)
        return replace(self, cursor=pos, anchor=self.anchor if extend else pos)

    def _next_word_start(self) -> int:
        return next((w.start for w in self.words if w.start > self.cursor), self.length)

    def _prev_word_start(self) -> int:
        return next((w.start for w in reversed(self.words) if w.start < self.cursor), 0)

    def _next_word_end(self) -> int:
        return next((w.end for w in self.words if w.end > self.cursor), self.length)

    def word(self, direction: int, *, extend: bool = False) -> Selection:
        """To the start of the next/previous word; extending right stops at the word's end,
        so ``W`` twice from a word's start selects exactly two words."""
        if direction > 0:
            pos = self._next_word_end() if extend else self._next_word_start()
        else:
            pos = self._prev_word_start()
        return replace(self, cursor=pos, anchor=self.anchor if extend else pos)

    def select(self, start: int, end: int) -> Selection:
        """Exactly ``start``..``end`` (a search hit), the cursor at its end."""
        return replace(self, anchor=self._clamp(start), cursor=self._clamp(end))

    @property
    def empty(self) -> bool:
        return self.anchor == self.cursor

    def span(self) -> Span | None:
        """What marking now would mark: the selection, else the word under the cursor, else
        the character under it; None for an empty text."""
        if self.length == 0:
            return None
        if not self.empty:
            return Span(min(self.anchor, self.cursor), max(self.anchor, self.cursor))
        for w in self.words:
            if w.start <= self.cursor < w.end:
                return w
        at = min(self.cursor, self.length - 1)
        return Span(at, at + 1)


def find_next(text: str, needle: str, after: int) -> Span | None:
    """The first occurrence of ``needle`` starting after ``after``, wrapping round to the
    start; case-insensitive (English), None when it does not occur. A jump for marking:
    ``/`` 世博会 puts the selection on the word instead of sixty presses of ``w``."""
    if not needle:
        return None
    hay, pin = text.casefold(), needle.casefold()
    if len(hay) != len(text):  # casefold changed lengths (ß → ss): offsets would drift
        hay, pin = text, needle
    at = hay.find(pin, after + 1)
    if at < 0:
        at = hay.find(pin)
    return None if at < 0 else Span(at, at + len(pin))
