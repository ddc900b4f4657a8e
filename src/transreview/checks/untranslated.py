"""Untranslated text: a target still in the source language, or source words left in it.

Two levels, never both for one pair (a whole untranslated target is one finding, not one
per word):

* *Whole target* (major, whole pair): the target equals the source (case and spacing
  aside) and the text is prose: any Han character, or two or more Latin words that are
  not names, acronyms or codes (a byline "Phil Cameron", a brand "iPhone" or a code
  "SMART 2020" is often legitimately kept; numbers are never reported); or a Chinese
  target that is mostly Latin prose (Han share below 20 % and at least three left-over
  Latin words), or an English target that is mostly Han (Han share above 50 % and at
  least four Han characters).
* *Words* (minor, spanned): a Latin word left in a Chinese target, unless it is one
  letter (A股, X光, T恤), an acronym in capitals (JHCGA, TZ, US), a code or brand with
  inner capitals or digits (iPhone, WeChat, SMART2020), a unit (km, kWh), a loanword
  Chinese writes in Latin letters (app, logo, wifi), part of a URL or e-mail address, or a
  capitalised name the source also has, or placeholder syntax (``{VAR_PLURAL, plural, one
  {…} other {…}}``, ``%(name)s``, ``{count}``: code, so a Chinese ICU message is not
  "in English"), or code written into the text (`backticked`, ``<tags attr="…">``,
  ``snake_case`` identifiers, file names such as ``make.bat``, quoted values the source has
  too: ``'png'``). A target equal to the source that is one token without spaces
  (``okon-cli``) is a name or a code, not prose. A capitalised word counts as a name when the
  source has it capitalised and it is not a common English word ("Wyoming", "Phil"), so
  "Today" left from "Today I met…" is still reported. Of the words left, a *common English
  word* (``wordfreq`` Zipf frequency at least ``min_zipf``: "segment", "soldier", "yeah") is
  minor: an English word in a Chinese sentence is worth a reviewer's look. A word rarer than
  that ("gpodder", "zlib", "Bahiano") is most often a name, a term or code kept on purpose,
  and so is a word of a title-case run ("Too Hot To Handle", "Native Messaging"): those are
  ``neutral`` (shown, never counted towards risk or a gate). In an English target, each run of
  Han characters is reported unless it stands in brackets as a gloss ("Jincheng (晋城)").
  An empty target is the omission check's business.

The limits of the whole-target rule are the check's parameters (the constants below are
their defaults); ``measure`` records the facts (equal sides, Han share, the spans left) and
``judge`` applies the limits, so they can change without measuring again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar, NamedTuple

from transreview.checks.base import Check
from transreview.model import Finding, Pair, Severity, is_chinese
from transreview.text.analysis import PairAnalysis
from transreview.text.chinese import HAN_CLASS, han_ratio, has_han
from transreview.text.placeholders import code_spans

_LATIN_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)*")
_HAN_RUN = re.compile(rf"[{HAN_CLASS}]+")
_SPACE = re.compile(r"\s+")
#: Common English words: capitalised in the source only because they start a sentence,
#: so a capitalised copy of one in a Chinese target is an untranslated word, not a name.
_COMMON = frozenset(
    """a an the this that these those it its he she we they i you your our my his her their
    in on at for with after before during since until from to by of about over under into
    and but or so as if when while then now also however although because though yet
    there here today yesterday tomorrow all some many most each every no not one two
    what who which where why how is are was were be been do does did has have had will
    would can could should may might must please thank thanks yes welcome dear new first
    last next our let""".split()
)

#: Units and Latin loanwords that Chinese text writes in Latin letters.
_ALLOWED = frozenset(
    """km m cm mm kg g mg t ml l kw kwh mw mwh gw gwh tw twh hz khz mhz ghz ppm ppb ph
    mb gb tb kb kbps mbps gbps px dpi app apps logo wifi ok email blog vlog pk vip ceo cfo
    vs""".split()
)

#: Thresholds of the whole-target rule (see the module docstring): the parameters' defaults.
ZH_TARGET_MAX_HAN = 0.2
ZH_TARGET_MIN_LATIN_WORDS = 3
EN_TARGET_MIN_HAN_RATIO = 0.5
EN_TARGET_MIN_HAN = 4
#: Latin words (not names, acronyms or codes) that make a target equal to its source prose.
EQUAL_MIN_LATIN_WORDS = 2
#: English Zipf frequency (log10 of occurrences per billion words, ``wordfreq``) from which a
#: left-over word is a common English word; rarer ones are names, terms or code (neutral).
#: 2.0 is once in ten million words: "dressings" 2.95, "csv" 2.57 above; "zlib" 1.48, "gpodder" 0.
MIN_ZIPF = 2.0
#: Small words a title-case run may hold in lower case ("Finance and Operations").
_TITLE_SMALL = frozenset("a an and at by for in of on or the to with".split())


def _norm(text: str) -> str:
    """Spaces collapsed, ends stripped, case folded: ``_SPACE.sub(" ", text).strip().casefold()``
    (str.split cuts at what ``\\s`` matches)."""
    return " ".join(text.split()).casefold()


def _same_text(src: str, tgt: str) -> bool:
    """``_norm(src) == _norm(tgt)``; a side with Han characters is never the same as one
    without (case folding neither makes nor removes a Han character), which settles most
    pairs without folding either."""
    if (not src.isascii() and has_han(src)) != (not tgt.isascii() and has_han(tgt)):  # (isascii: no scan)
        return False
    return _norm(src) == _norm(tgt)


# The capitals a Latin word (_LATIN_WORD) can hold: A-Z and those of U+00C0-U+024F.
_WORD_UPPER = re.compile("[" + "".join(c for c in map(chr, range(0x250)) if c.isupper()) + "]")


def _is_code_like(word: str) -> bool:
    """All capitals (acronym), or inner capitals/digits (iPhone, WeChat).

    One search for a capital after the first character: a word of two or more letters all
    capitals has one there too, so the test of all capitals says nothing more."""
    return _WORD_UPPER.search(word, 1) is not None


def _names_in(source: str) -> set[str]:
    """Capitalised words of an English source that are not common words: its names."""
    names: set[str] = set()
    for m in _LATIN_WORD.finditer(source):
        w = m.group()
        if w[0].isupper():
            key = re.split("['’]", w)[0].casefold()  # "Wyoming’s" names Wyoming
            if key not in _COMMON:
                names.add(key)
    return names


def _in_brackets(text: str, start: int, end: int) -> bool:
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    return bool(before) and bool(after) and before[-1] in "(（[【" and after[0] in ")）]】"


def title_runs(text: str) -> set[int]:
    """Starts of the Latin words of ``text`` that belong to a title-case run: two or more
    words one space apart, each capitalised or a small word, at least two capitalised
    ("The Now", "Too Hot To Handle", "Finance and Operations"): a name or title, kept on purpose."""
    words = list(_LATIN_WORD.finditer(text))
    out: set[int] = set()
    run: list[re.Match[str]] = []

    def close() -> None:
        if len(run) >= 2 and sum(w.group()[0].isupper() for w in run) >= 2:
            out.update(w.start() for w in run)

    for w in words:
        word = w.group()
        fits = word[0].isupper() or word.casefold() in _TITLE_SMALL
        joined = bool(run) and text[run[-1].end() : w.start()] == " "
        if fits and (joined or not run):
            run.append(w)
            continue
        close()
        run = [w] if fits else []
    close()
    return out


@lru_cache(maxsize=1)
def _zipf_frequency() -> Callable[[str, str], float]:
    """``wordfreq.zipf_frequency``, imported on first use (not at each word)."""
    from wordfreq import zipf_frequency

    return zipf_frequency  # type: ignore[no-any-return]


def zipf(word: str) -> float:
    """English Zipf frequency of ``word`` (``wordfreq``'s small list, loaded on first use)."""
    return float(_zipf_frequency()(word, "en"))


def _latin_left(src: str, tgt: str, skip: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the Latin words of a Chinese target that are not exempt (see module doc)."""
    names: set[str] | None = None
    spans: list[tuple[int, int]] = []
    for m in _LATIN_WORD.finditer(tgt):
        s, e = m.span()
        w = m.group()
        if len(w) < 2 or _is_code_like(w) or w.casefold() in _ALLOWED:
            continue
        if skip and any(a <= s < b for a, b in skip):
            continue
        if w[0].isupper():
            if names is None:
                names = _names_in(src)
            if w.casefold() in names:
                continue
        spans.append((s, e))
    return spans


# Code written into prose (sphinx.po, KeePassXC .ts): `backticked code`, <markup attr="…">,
# entities, identifiers with an underscore (source_suffix, __all__), file names and paths
# (make.bat, Makefile/make.bat, .old.kdbx).
_LITERAL = re.compile(
    r"`[^`\n]+`"
    r"|</?[A-Za-z!?][^<>]*>"
    r"|&#?\w+;"
    r"|[A-Za-z0-9]*_\w*"
    r"|[\w-]*(?:[./][\w-]+)+",
    re.ASCII,
)
# What every match of _LITERAL holds (a backtick, "<", "&", "_", "." or "/"): a text without
# any is not scanned (the pattern's five branches were tried at every position).
_LITERAL_HINT = re.compile(r"[`<&_./]")
# A quoted literal: 'png', "opt", “-opt args”.
_QUOTED = re.compile(r"'([^'\n]+)'|\"([^\"\n]+)\"|“([^”\n]+)”|‘([^’\n]+)’")


def _literal_spans(tgt: str, src: str) -> list[tuple[int, int]]:
    """Spans of code and of quoted values the source also has: not language, so not left over.

    Whole targets of code ("正在转换 `source_suffix = %r` 为 …") read as English prose on
    Sphinx and KeePassXC: eight false majors. A quoted value counts only when the source
    has the same text, so a quoted English phrase the translator forgot is still found.
    """
    spans = (
        [m.span() for m in _LITERAL.finditer(tgt) if any(c.isalpha() for c in m.group())]
        if _LITERAL_HINT.search(tgt)
        else []
    )
    for m in _QUOTED.finditer(tgt):
        inner = next(g for g in m.groups() if g is not None)
        if inner in src:
            spans.append(m.span())
    return spans


def _without_code(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with ``spans`` (URLs and placeholder syntax) blanked: code is neither language."""
    if not spans:
        return text
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


class Left(NamedTuple):
    """What a target still holds of the source language; no limit applied yet.

    ``spans`` are the Latin words left in a Chinese target, or the Han runs outside brackets
    in an English one; ``han_chars`` counts the Han characters of all its runs (English
    target only); ``han_share`` is :func:`~transreview.text.chinese.han_ratio` of the target.
    """

    zh_target: bool
    equal: bool
    words: int
    han_share: float
    han_chars: int
    spans: tuple[tuple[int, int], ...]
    #: per span of a Chinese target: the word's English Zipf frequency, and whether it is
    #: part of a title-case run (empty for an English target)
    zipfs: tuple[float, ...] = ()
    titles: tuple[bool, ...] = ()


_ASCII_WORD = re.compile(r"[A-Za-z]{2,}")


def _language_message(pair: Pair, src_name: str, raw: Left) -> str:
    """"the target is in English, not translated", or "mostly" when some of it is in the
    target's language (autowp: a Markdown help text translated only in its heading, 使用指南:
    "the target is in English" read as if nothing had been translated); "partly" for the
    share a lowered limit lets through. Shares of letters, so that punctuation (，。 in a
    Chinese text) counts for neither language."""
    translated = raw.han_share > 0 if raw.zh_target else _ASCII_WORD.search(pair.target) is not None
    if not translated:
        return f"the target is in {src_name}, not translated"
    share = 1 - raw.han_share if raw.zh_target else raw.han_share
    amount = "mostly" if share > 0.5 else "partly"
    return f"the target is {amount} in {src_name}, not translated"


@dataclass(frozen=True, kw_only=True)
class UntranslatedCheck(Check):
    """Targets or words left in the source language."""

    name: ClassVar[str] = "untranslated"
    version: ClassVar[int] = 3
    category: ClassVar[str] = "Accuracy/Untranslated"
    severity: ClassVar[Severity] = Severity.MAJOR
    catches: ClassVar[str] = "A target left in the source language, or source words copied into the target."
    example: ClassVar[tuple[tuple[str, str], ...]] = (("Energy efficiency matters.", "Energy efficiency matters."),)

    zh_target_max_han: float = ZH_TARGET_MAX_HAN
    zh_target_min_latin_words: int = ZH_TARGET_MIN_LATIN_WORDS
    en_target_min_han_ratio: float = EN_TARGET_MIN_HAN_RATIO
    en_target_min_han: int = EN_TARGET_MIN_HAN
    equal_min_latin_words: int = EQUAL_MIN_LATIN_WORDS
    min_zipf: float = MIN_ZIPF
    #: Words of a title-case run are neutral (True) or judged like any other word (False).
    title_neutral: bool = True

    def measure(self, pair: Pair, analysis: PairAnalysis) -> Left | None:
        """What the target holds of the source language, or None when nothing can be."""
        src, tgt = pair.source, pair.target
        if not tgt.strip() or not src.strip():
            return None
        zh_target = is_chinese(pair.tgt_lang)
        if zh_target == is_chinese(pair.src_lang):
            return None  # not an EN↔ZH pair: nothing to say about languages
        equal = _same_text(src, tgt)
        if zh_target:
            skip = analysis.address_spans("target") + code_spans(tgt) + _literal_spans(tgt, src)
            left = tuple(_latin_left(src, tgt, skip))
            titles = title_runs(tgt) if left else set()
            return Left(True, equal, len(tgt.split()), han_ratio(_without_code(tgt, skip)), 0, left,
                        tuple(zipf(tgt[a:b]) for a, b in left), tuple(a in titles for a, _ in left))
        runs = [m.span() for m in _HAN_RUN.finditer(tgt)]
        if not runs and not equal:
            return None  # an English target without Han: nothing left
        spans = tuple((s, e) for s, e in runs if not _in_brackets(tgt, s, e))
        return Left(False, equal, len(tgt.split()), han_ratio(tgt), sum(e - s for s, e in runs), spans)

    def verdict(self, raw: Left | None) -> tuple[str, tuple[tuple[int, int], ...]] | None:
        """("equal"|"language"|"words", word spans) under this check's limits, or None."""
        if raw is None:
            return None
        if not raw.zh_target:
            if raw.equal:
                return ("equal", ()) if raw.han_share > 0 else None
            if not raw.han_chars:
                return None
            if raw.han_share > self.en_target_min_han_ratio and raw.han_chars >= self.en_target_min_han:
                return "language", ()
            return ("words", raw.spans) if raw.spans else None
        # Names, acronyms and codes do not make a target English; left-over words do.
        if raw.equal:
            return ("equal", ()) if len(raw.spans) >= self.equal_min_latin_words and raw.words > 1 else None
        if raw.han_share < self.zh_target_max_han and len(raw.spans) >= self.zh_target_min_latin_words:
            return "language", ()
        return ("words", raw.spans) if raw.spans else None

    def judge(self, pair: Pair, raw: Left | None) -> list[Finding]:
        found = self.verdict(raw)
        if found is None:
            return []
        kind, spans = found
        src_name = "Chinese" if is_chinese(pair.src_lang) else "English"
        if kind == "equal":
            return [self.finding(pair, "the target is the source, untranslated")]
        assert raw is not None
        if kind == "language":
            return [self.finding(pair, _language_message(pair, src_name, raw))]
        out = []
        for k, (s, e) in enumerate(spans):
            word = pair.target[s:e]
            severity, message = Severity.MINOR, f"{src_name} '{word}' left untranslated in the target"
            if raw.zh_target and self.title_neutral and raw.titles[k]:
                severity, message = Severity.NEUTRAL, f"English '{word}' kept in the target: part of a name or title?"
            elif raw.zh_target and raw.zipfs[k] < self.min_zipf:
                severity, message = Severity.NEUTRAL, f"'{word}' kept in Latin letters: a name, term or code?"
            out.append(self.finding(pair, message, start=s, end=e, severity=severity))
        return out
