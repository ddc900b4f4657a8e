"""``.txt``: a bilingual page as people publish it → paragraphs → language of each → aligned pairs.

Pages such as ``corpora/jhcga-shanxi-2016.txt`` put all English paragraphs first and all
Chinese after (or interleave them), translate only some paragraphs, and merge two English
paragraphs into one Chinese one. So the page is cut into paragraphs at blank lines, each
paragraph is given a language by :func:`transreview.text.lang.detect_paragraph_lang`, and the
English sequence is aligned with the Chinese sequence by :func:`transreview.text.align.beads.align`
(lengths plus anchors), whatever their order on the page. Untranslated paragraphs become
pairs with an empty side, so the checks can report them as omissions.

The whole page is read before the first pair is yielded, because aligning needs every
paragraph; pages are small, so nothing is lost by not streaming.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from transreview.encoding import read_text
from transreview.errors import InputError
from transreview.formats.base import MAX_SEGMENT_CHARS, Format, ReadOptions, one_file
from transreview.model import Bead, Pair, is_chinese
from transreview.text.align.anchors import anchor_terms
from transreview.text.align.beads import align, unit_length
from transreview.text.lang import Lang, detect_paragraph_lang
from transreview.text.textnorm import analysis_view

#: Bead priors for paragraphs of a published page. Unlike sentences of a translated pair,
#: a page often leaves paragraphs (titles, captions, staff lists) untranslated, so 1-0 and
#: 0-1 are far likelier than Gale & Church's 1%; merging two paragraphs into one happens
#: but is rarer than leaving one out.
PAGE_PRIORS: Mapping[str, float] = {
    "1-1": 0.58,
    "1-0": 0.15,
    "0-1": 0.15,
    "2-1": 0.06,
    "1-2": 0.06,
}

#: A line shorter than this (non-space characters) never splits a block by language.
MIN_SWITCH_CHARS = 12

# Characters that make a line blank besides str.isspace() ones (NBSP, U+3000 are spaces).
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of a page: original text (outer whitespace stripped), 1-based line."""

    text: str
    line: int
    lang: Lang


def _blank(line: str) -> bool:
    return not line.strip().strip(_INVISIBLE).strip()


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs separated by blank lines (empty, or only spaces, NBSP, zero-width).

    Line endings are normalised to ``\\n``; inside a paragraph everything else (bullets,
    NBSP, curly quotes, inner line breaks) is kept as published. A block whose lines switch
    between English and Chinese (a line and its translation printed under it) is cut where
    the language changes, since those are two paragraphs that lost their blank line.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paragraphs: list[Paragraph] = []
    block: list[str] = []
    first = 0
    for number, line in enumerate(lines, start=1):
        if _blank(line):
            if block:
                paragraphs.extend(_paragraphs(block, first))
                block = []
            continue
        if not block:
            first = number
        block.append(line)
    if block:
        paragraphs.extend(_paragraphs(block, first))
    return paragraphs


def _clean(lines: list[str]) -> str:
    return "\n".join(lines).strip().strip(_INVISIBLE).strip()


def _line_lang(line: str) -> Lang:
    """A line's language, or "other" when it is too short to count as a language switch
    (a lone "JHCGA" or date line inside a Chinese paragraph does not start a new one)."""
    if unit_length(line) < MIN_SWITCH_CHARS:
        return "other"
    return detect_paragraph_lang(line)


def _paragraphs(block: list[str], first: int) -> list[Paragraph]:
    """One paragraph per block, or one per run of lines in the same language."""
    if len(block) > 1:
        langs = [_line_lang(line) for line in block]
        if "en" in langs and "zh" in langs:
            runs: list[tuple[int, str, list[str]]] = []  # (first line, lang, lines)
            for offset, (line, lang) in enumerate(zip(block, langs, strict=True)):
                if runs and (lang == "other" or lang == runs[-1][1]):
                    runs[-1][2].append(line)
                elif runs and runs[-1][1] == "other":
                    runs[-1] = (runs[-1][0], lang, [*runs[-1][2], line])
                else:
                    runs.append((first + offset, lang, [line]))
            return [_paragraph(lines, n) for n, _, lines in runs]
    return [_paragraph(block, first)]


def _paragraph(lines: list[str], first: int) -> Paragraph:
    text = _clean(lines)
    return Paragraph(text, first, detect_paragraph_lang(text))


def _features(paragraphs: Sequence[Paragraph], lang: str) -> tuple[list[int], list[frozenset]]:
    views = [analysis_view(p.text) for p in paragraphs]
    return [unit_length(v) for v in views], [anchor_terms(v, lang) for v in views]


def align_paragraphs(
    paragraphs: Sequence[Paragraph], *, chinese_source: bool = False
) -> list[tuple[list[Paragraph], list[Paragraph], Bead]]:
    """(source paragraphs, target paragraphs, bead) in page order.

    The English side holds every paragraph that is not Chinese (``other`` ones too: a
    lone date or number is reviewed with the English). ``chinese_source`` swaps sides.
    """
    zh = [p for p in paragraphs if p.lang == "zh"]
    en = [p for p in paragraphs if p.lang != "zh"]
    src, tgt = (zh, en) if chinese_source else (en, zh)
    src_lens, src_anchors = _features(src, "zh" if chinese_source else "en")
    tgt_lens, tgt_anchors = _features(tgt, "en" if chinese_source else "zh")
    beads = align(
        src_lens,
        tgt_lens,
        src_anchors=src_anchors,
        tgt_anchors=tgt_anchors,
        priors=PAGE_PRIORS,
    )
    return [([src[i] for i in b.src], [tgt[j] for j in b.tgt], b) for b in beads]


def page_pairs(
    text: str, *, doc: str = "", src_lang: str = "en", tgt_lang: str = "zh"
) -> Iterator[Pair]:
    """The pairs of one bilingual page, in page order, ids ``p1``, ``p2`` …

    A bead of two paragraphs gives one pair whose side is both joined by a blank line;
    a paragraph without counterpart gives a pair whose other side is ``""``. ``line`` is
    the first source paragraph's line (the target's when the source side is empty);
    ``meta`` records ``src_lines``, ``tgt_lines`` and the ``bead`` kind.
    """
    paragraphs = split_paragraphs(text)
    chinese_source = is_chinese(src_lang) and not is_chinese(tgt_lang)
    for n, (src, tgt, bead) in enumerate(
        align_paragraphs(paragraphs, chinese_source=chinese_source), start=1
    ):
        first = src[0] if src else tgt[0]
        yield Pair(
            id=f"p{n}",
            source="\n\n".join(p.text for p in src),
            target="\n\n".join(p.text for p in tgt),
            doc=doc,
            index=n - 1,
            line=first.line,
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            meta={
                "src_lines": [p.line for p in src],
                "tgt_lines": [p.line for p in tgt],
                "bead": bead.kind,
            },
        )


def _refuse_long_lines(path: Path, text: str) -> None:
    """Raise for a line longer than a segment may be, before the (slow) aligner sees it."""
    if len(text) <= MAX_SEGMENT_CHARS:
        return
    # lines as split_paragraphs sees them: CRLF, CR and LF all end a line
    for lineno, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if len(line) > MAX_SEGMENT_CHARS:
            raise InputError(
                path,
                lineno,
                f"line of {len(line):,} characters is longer than the limit of "
                f"{MAX_SEGMENT_CHARS:,} for one paragraph: a whole document in one line?",
            )


def read(path: Path, opts: ReadOptions | None = None) -> Iterator[Pair]:
    """The aligned pairs of the page at ``path``.

    Raises :class:`InputError` when the file cannot be decoded or holds no paragraph at
    all, before any pair is yielded (so a report is never half-written).
    """
    opts = opts or ReadOptions()
    path = Path(path)
    text = read_text(path, opts.encoding)
    _refuse_long_lines(path, text)
    pairs = list(page_pairs(text, doc=path.name, src_lang=opts.src_lang, tgt_lang=opts.tgt_lang))
    if not pairs:
        raise InputError(path, None, "no paragraphs: the page is empty")
    return iter(pairs)


FORMAT = Format(
    "page", (".txt",), read=one_file(read), order=60, unit="paragraph", compressed=True,
    summary="bilingual web pages as text, paragraphs aligned",
)


__all__ = ["FORMAT", "PAGE_PRIORS", "Paragraph", "align_paragraphs", "page_pairs", "read", "split_paragraphs"]
