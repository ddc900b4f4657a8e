"""Segmentation: English and Chinese sentences, Chinese words.

The only module that imports jieba. jieba loads its dictionary lazily (about a second),
so it is initialised once per process, on first use, with any extra words (gazetteer
names) registered before that first cut.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

from transreview.model import Span

_lock = threading.Lock()
_tokenizer = None
_pending_words: list[tuple[str, int | None, str | None]] = []


def add_words(words: Iterable[str], freq: int | None = None, tag: str | None = None) -> None:
    """Register words (e.g. place names) so jieba keeps them whole."""
    with _lock:
        if _tokenizer is None:
            _pending_words.extend((w, freq, tag) for w in words)
            return
    for w in words:
        _tokenizer.add_word(w, freq, tag)


def _get_tokenizer():
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tok = jieba.Tokenizer()
                tok.initialize()
                for w, f, t in _pending_words:
                    tok.add_word(w, f, t)
                _pending_words.clear()
                _tokenizer = tok
    return _tokenizer


def zh_words(text: str) -> list[Span]:
    """jieba words of ``text`` as spans (offsets into ``text``), whitespace tokens dropped."""
    tok = _get_tokenizer()
    spans: list[Span] = []
    for word, start, end in tok.tokenize(text):
        if word.strip():
            spans.append(Span(start, end))
    return spans
