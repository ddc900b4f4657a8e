"""Segmentation: English and Chinese sentences, Chinese words.

With :mod:`transreview.text.jieba_cut` (jieba's cut, computed faster), the only module
that imports jieba. Words come from a :class:`Tokenizer` object that is
built complete and never changed afterwards: a jieba tokenizer whose dictionary is
extended by ``add_word`` is re-cut everywhere (密云 + 区 becomes 密云区 once 密云区 is
added), so a tokenizer that gained words after its first cut would give the glossary,
repetition and places checks, the TUI's word motions and the MQM word count different words
depending on what had run before. :func:`project_tokenizer` builds the project's one
tokenizer (jieba's dictionary plus the gazetteer's names) once per process, on first use,
from the finished table a previous run kept on disk (:mod:`transreview.text.jieba_table`,
a few milliseconds) or, when there is none, the plain way (about a quarter of a second from
jieba's own cache, a second without it).
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Callable, Iterable
from typing import Any

from transreview.model import Span, is_chinese
from transreview.text.chinese import HAN_CLASS, is_han
from transreview.text.jieba_cut import JIEBA_RUN, RouteCutter


class Tokenizer:
    """Chinese words by jieba, over a dictionary fixed when the object is built.

    ``extra_words`` (e.g. place names, so 晋城市 stays one word) are added to jieba's own
    dictionary in the order given, at construction only: jieba derives the frequency of an
    added word from the dictionary as it stands, so the same words in the same order always
    give the same tokenizer. There is deliberately no way to add words later.

    ``extra_words`` may also be a function returning them, called when the dictionary is
    built: the project's tokenizer reads the gazetteer only when a word is first cut, so a
    run whose checks cut no word reads neither jieba's dictionary nor the gazetteer.

    With ``cache=True`` the finished frequency table (jieba's dictionary plus the words) is
    kept in a file between runs (:mod:`transreview.text.jieba_table`) and looked up where it
    lies instead of being built again: the same table, so the same words, for a few
    milliseconds instead of a quarter of a second. The project's tokenizer uses it; other
    tokenizers (tests, small word lists) are built the plain way.
    """

    def __init__(
        self, extra_words: Iterable[str] | Callable[[], Iterable[str]] = (), *, cache: bool = False
    ) -> None:
        self._extra_words = extra_words if callable(extra_words) else tuple(extra_words)
        self._cache = cache
        self._lock = threading.RLock()
        self._tok: Any = None  # jieba ships no type information
        self._cutter: RouteCutter | None = None
        self._words: tuple[str, ...] | None = None

    def _extra(self) -> tuple[str, ...]:
        """The extra words, asked for once."""
        words = self._words
        if words is None:
            extra = self._extra_words
            words = self._words = tuple(extra() if callable(extra) else extra)
        return words

    @property
    def _jieba(self) -> Any:
        """jieba's own tokenizer with the extra words, built the plain way on first use
        (jieba's dictionary, then ``add_word`` for each word): what a cached table is made
        from, and the reference the tests compare the cutter with."""
        tok = self._tok
        if tok is None:
            with self._lock:
                if self._tok is None:
                    jieba = import_jieba()
                    jieba.setLogLevel(logging.WARNING)
                    built = jieba.Tokenizer()
                    _initialize(built)
                    for word in self._extra():
                        built.add_word(word)
                    self._tok = built
                tok = self._tok
        return tok

    def load(self) -> None:
        """Build the dictionary and jieba's HMM tables now rather than at the first cut.

        The run calls it in the parent before forking worker processes, which then share
        the loaded dictionary (copy-on-write, or the mapped table file) instead of each
        loading its own.
        """
        self.words("山西")

    @property
    def _cut(self) -> RouteCutter:
        """jieba's cut of the built dictionary (:class:`~transreview.text.jieba_cut.RouteCutter`),
        over the cached table when there is a good one."""
        cutter = self._cutter
        if cutter is None:
            with self._lock:
                if self._cutter is None:
                    self._cutter = self._build_cutter()
                cutter = self._cutter
        return cutter

    def _build_cutter(self) -> RouteCutter:
        """The cutter over the kept table if it is there and sound; else over jieba's
        tokenizer built the plain way, whose table is then kept for the next run."""
        if not self._cache:
            return RouteCutter(self._jieba)
        from transreview.text import jieba_table

        key = jieba_table.cache_key(self._extra())
        table = jieba_table.load_table(key)
        if table is not None:
            return RouteCutter(table)
        built = self._jieba
        jieba_table.write_table(key, built.FREQ, built.total)
        return RouteCutter(built)

    def words(self, text: str) -> list[Span]:
        """jieba words of ``text`` as spans (offsets into ``text``), whitespace tokens dropped.

        Made from the ends of each run's words (:meth:`RouteCutter.run_ends`), without the
        words themselves; outside the runs jieba makes every character a word, and the
        whitespace ones are dropped."""
        cutter = self._cut
        spans: list[Span] = []
        pos = 0
        for run in JIEBA_RUN.finditer(text):
            a, b = run.span()
            spans.extend(Span(i, i + 1) for i in range(pos, a) if text[i].strip())
            start = a
            for end in cutter.run_ends(text[a:b]):
                spans.append(Span(start, a + end))
                start = a + end
            pos = b
        spans.extend(Span(i, i + 1) for i in range(pos, len(text)) if text[i].strip())
        return spans

    def run_words(self, run: str) -> tuple[str, ...]:
        """The words of ``run``, one whole run of :func:`zh_runs`, as strings in order.

        Because jieba cuts runs independently, these are exactly the words :meth:`words`
        gives for that stretch of a text: a caller interested in a few positions of a long
        text can cut only the runs holding them (the places check does, which makes it
        several times faster on text where few names occur).
        """
        return self._cut.cut_run(run)

    def run_ends(self, run: str) -> tuple[int, ...]:
        """Where the words of ``run`` (as :meth:`run_words`) end, from its start."""
        cutter = self._cutter  # asked once or twice a pair: the built cutter without the property
        return (cutter if cutter is not None else self._cut).run_ends(run)


def import_jieba() -> Any:
    """``import jieba``, without the ``pkg_resources`` it would import on the way.

    jieba imports ``pkg_resources`` (setuptools' deprecated resource API, some 40 ms of a
    one-pair run's start-up, and a deprecation warning in new setuptools) only to open its
    own dictionary file, and opens that file itself when the import fails. So while jieba is
    first imported, an import of ``pkg_resources`` fails (unless something imported it
    already): the same file is read, by ``open``.
    """
    found = sys.modules.get("jieba")
    if found is not None:
        return found
    hide = "pkg_resources" not in sys.modules
    if hide:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import jieba  # type: ignore[import-untyped]
    finally:
        if hide and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


def _initialize(tok: Any) -> None:
    """``tok.initialize()``, reading jieba's dictionary cache in one piece.

    jieba loads its cache (``jieba.cache`` in the temporary folder, written by its first
    run) with ``marshal.load`` on the open file, which reads the half-million entries in
    small pieces: 0.5 s of CPU, against 0.2 s for ``marshal.loads`` of the bytes. The data
    and so the dictionary are the same; anything unexpected (no cache yet, a damaged one)
    is left to jieba's own ``initialize``, which builds and writes the cache.
    """
    import marshal
    import os
    import tempfile

    jieba = import_jieba()

    if tok.dictionary == jieba.DEFAULT_DICT and not tok.cache_file and not tok.tmp_dir:
        path = os.path.join(tempfile.gettempdir(), "jieba.cache")
        try:
            with open(path, "rb") as f:
                freq, total = marshal.loads(f.read())
            if isinstance(freq, dict) and freq and isinstance(total, int):
                tok.FREQ, tok.total, tok.initialized = freq, total, True
                return
        except (OSError, ValueError, EOFError, TypeError):
            pass
    tok.initialize()


_lock = threading.Lock()
_project_tokenizer: Tokenizer | None = None


def project_tokenizer() -> Tokenizer:
    """The project's tokenizer: jieba's dictionary plus the gazetteer's names.

    Built once per process, complete before anyone can use it, and never changed: every
    caller in the process gets the same words for the same text, whatever ran before.
    """
    global _project_tokenizer
    if _project_tokenizer is None:
        with _lock:
            if _project_tokenizer is None:
                from transreview.text.gazetteer import load, segmenter_words

                _project_tokenizer = Tokenizer(lambda: segmenter_words(load()), cache=True)
    return _project_tokenizer


# jieba's own block pattern (``jieba.re_han_default``, see jieba_cut): ``Tokenizer.cut``
# splits the text on it and cuts each run independently; everything outside a run becomes
# one-character words. Its Han extent (U+4E00–U+9FD5) is jieba's and must stay so, whatever
# the project's own Han range is.


def zh_runs(text: str) -> list[tuple[int, int]]:
    """The runs jieba cuts independently, as (start, end) offsets into ``text``."""
    return [m.span() for m in JIEBA_RUN.finditer(text)]


# --- sentences -------------------------------------------------------------------------
#
# Rules rather than a trained model (Punkt, spaCy): the pages we read are short, mix
# scripts, use NBSP as sentence spacing and bullets as paragraph openers, and every rule
# below can be read and tested. Offsets always point into the caller's original text.

# Closing quotes and brackets that belong to the sentence they follow.
_CLOSERS = "\"'”’」』）》)]»"
# Characters that may open an English sentence after a boundary besides capitals/digits.
_OPENERS = "\"'“‘「『（《([«•◦▪‣⁃"
# Bullets that open a list item: kept out of the sentence span.
_BULLETS = "•◦▪‣⁃"

# Never a sentence end before a following capital: titles, "No. 5", "e.g. Shanxi", months.
_NEVER_END = frozenset(
    {
        "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Mt", "Ft", "No", "Nos", "vs", "v",
        "Gov", "Sen", "Rep", "Gen", "Col", "Lt", "Capt", "Sgt", "Rev", "Hon", "Pres",
        "Fig", "Figs", "Vol", "Vols", "pp", "Dept", "Univ", "Ave", "Blvd", "Rd", "approx",
        "ca", "cf", "al", "e.g", "i.e", "E.g", "I.e",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    }
)  # fmt: skip
# Abbreviations that often close a sentence too ("… of Apple Inc. The company …"): a
# boundary only when the next word is one that typically starts a sentence.
_MAY_END = frozenset({"etc", "Inc", "Ltd", "Co", "Corp", "Jr", "Sr", "a.m", "p.m"})
_STARTERS = frozenset(
    {
        "The", "This", "That", "These", "Those", "It", "Its", "He", "She", "We", "They",
        "I", "In", "On", "At", "A", "An", "But", "And", "However", "His", "Her", "Their",
        "Our", "There", "As", "For", "After", "Before", "During", "When", "While", "If",
        "Under", "With", "Then", "Since", "Although", "Today", "Yesterday", "Also",
    }
)  # fmt: skip

_PARA_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
# The ends as one run of end marks: (?:\.\.\.|…|[.!?])+ matched exactly the runs of these
# characters (each can be matched alone), led by a character class the engine skips to.
_EN_END = re.compile(r"[.!?…]+[" + re.escape(_CLOSERS) + r"]*")
_ZH_END = re.compile(r"[…。！？；!?]+[" + re.escape(_CLOSERS) + r"]*")
# What a Chinese end holds besides full-width marks: stripped, nothing is left of a half-width one.
_ZH_HALF_END = "!?" + _CLOSERS
# A full stop after a Han character, led by the full stop (the look-behind checks the Han).
_ZH_HALF_DOT = re.compile(rf"\.(?<=[{HAN_CLASS}]\.)(?![0-9A-Za-z.])")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]$")
_NON_SPACE = re.compile(r"\S")
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")


def _en_next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos)
    return m.group(1) if m else ""


def _word_before(text: str, end: int) -> str | None:
    """What ``re.compile(r"([A-Za-z][A-Za-z.]*)$").search(text, 0, end)`` finds (its group),
    read backwards from ``end`` instead of searching the text from its start: the run of
    letters and dots that ends there (or before a newline there, as ``$`` allows), from its
    first letter."""
    if end and text[end - 1] == "\n":
        end -= 1
    start = end
    while start and text[start - 1] in _WORD_CHARS:
        start -= 1
    while start < end and text[start] == ".":
        start += 1
    return text[start:end] if start < end else None


def _en_is_boundary(text: str, m: re.Match[str]) -> bool:
    """Whether the terminal punctuation matched by ``m`` ends an English sentence."""
    end = m.end()
    if end == len(text):
        return True
    if not text[end].isspace():
        return False  # "3.5", "U.S.-China", "e.g.,"
    after = _NON_SPACE.search(text, end)
    if after is None:
        return True
    nxt = after.group()
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS or is_han(nxt)):
        return False  # "... etc. mid-sentence", "Wait... what"
    if end - m.start() != 1 or text[end - 1] != ".":
        return True  # "!", "?", "…", or a full stop inside a closing quote/bracket
    word = _word_before(text, m.start())
    if word is None:
        return True  # "including:." or "2016." ends the sentence
    word = word.rstrip(".")
    if word in _NEVER_END:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "J. R. R. Tolkien"
    if word in _MAY_END or ("." in word and _DOTTED.fullmatch(word)):  # (a run of initials has a dot)
        return _en_next_word(text, end) in _STARTERS  # "U.S. The", but "U.S. Senate"
    return True


def _zh_is_boundary(text: str, m: re.Match[str]) -> bool:
    """Whether the terminal matched by ``m`` ends a Chinese sentence.

    Full-width marks always do. Half-width ``?``/``!`` (common in machine translation) do
    unless Latin text continues right after them, as in a URL's query string.
    """
    if m.group(0).strip(_ZH_HALF_END):
        return True  # a full-width mark: 。！？；…
    nxt = text[m.end() : m.end() + 1]
    return not (nxt.isascii() and nxt.isalnum())


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and (text[start].isspace() or text[start] in _BULLETS):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if start < end else None


def en_sentences_at_most(text: str) -> int:
    """No fewer than ``len(split_sentences(text, "en"))``, counted without splitting.

    Every sentence but the first begins at an end the splitter takes, and each such end is
    an end mark's (``_EN_END``, followed by a space: "example.org" ends nothing) or a blank
    line's; an end with nothing but spaces after it begins no sentence. So one, plus each
    such end with text after it, bounds the count.
    """
    last = len(text.rstrip())
    n = 1 + sum(m.end() < last and text[m.end()].isspace() for m in _EN_END.finditer(text))
    if "\n" in text:
        n += sum(m.end() < last for m in _PARA_BREAK.finditer(text))
    return n


def zh_sentences_at_least(text: str) -> int:
    """No more than ``len(split_sentences(text, "zh"))``, counted without splitting.

    A run of end marks holding a full-width one (。！？；…) always ends a sentence, and the
    sentence it ends holds the run (non-space characters): one sentence per such run.
    """
    return sum(1 for m in _ZH_END.finditer(text) if m.group().strip(_ZH_HALF_END))


def split_sentences(text: str, lang: str) -> list[Span]:
    """Sentences of ``text`` as spans into it, whitespace (NBSP too) and list bullets trimmed.

    ``lang`` is a language code; any Chinese code (zh, zh-CN, cmn …) selects the Chinese
    rules, anything else the English ones. A blank line always ends a sentence, so two
    paragraphs joined with ``"\\n\\n"`` never share one.

    English: a sentence ends at ``. ! ? …`` (with closing quotes/brackets) followed by
    whitespace and a capital, digit, opening quote/bracket or Han character, but not after
    titles and other abbreviations (Mr., Dr., No., e.g., Jan.), nor after an initial
    ("J. R. R. Tolkien"); "U.S.", "Inc.", "etc." and the like end one only when the next
    word usually starts a sentence. Chinese: a sentence ends at ``。！？；……`` (and
    half-width ``? !``, and ``.`` right after a Han character) plus closing quotes/brackets.
    """
    chinese = is_chinese(lang)
    ends: list[int] = [m.end() for m in _PARA_BREAK.finditer(text)] if "\n" in text else []
    if chinese:
        # (a full-width mark ends a sentence at once: _zh_is_boundary asked only of the rest)
        ends += [
            m.end() for m in _ZH_END.finditer(text) if m.group().strip(_ZH_HALF_END) or _zh_is_boundary(text, m)
        ]
        if "." in text:
            ends += [m.end() for m in _ZH_HALF_DOT.finditer(text)]
        if len(ends) > 1:
            ends = sorted(set(ends))
    else:
        ends += [m.end() for m in _EN_END.finditer(text) if _en_is_boundary(text, m)]
        if len(ends) > 1:
            ends = sorted(set(ends))
    ends.append(len(text))
    spans: list[Span] = []
    start = 0
    for end in ends:
        if end <= start:
            continue
        # _trimmed, written out (it runs for every sentence of every side)
        s, e = start, end
        while s < e and (text[s].isspace() or text[s] in _BULLETS):
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append(Span(s, e))
        start = end
    return spans
