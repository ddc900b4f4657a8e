"""Plain tab-separated corpora: ``English<TAB>Chinese[<TAB>more…]`` a line, no header, no quoting.

Parallel corpora are published this way (Tatoeba's ``cmn.txt`` from manythings.org:
English, Chinese, an attribution), usually ending ``.txt``. Read as a bilingual page they
became one huge paragraph per language and hundreds of false omissions; read as a TSV they
were refused (no header). A ``.txt`` file is claimed by this format when its first
:data:`SNIFF_LINES` non-blank lines all hold the same number (at least two) of
tab-separated columns, the first column has no Han character and the second has Han in
at least :data:`MIN_HAN_SHARE` of the lines (Chinese→English corpora: the other way round).

Quotes are text here (a ``"`` is part of the segment, never quoting), so a line is split on
tabs and nothing else. Columns after the second are kept in ``meta["extra"]`` as
``column3``, ``column4``… (written back as columns by a TSV export). Streamed.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from transreview.encoding import iter_lines
from transreview.errors import InputError
from transreview.formats.base import Format, ReadOptions, one_file
from transreview.formats.tsv import plural
from transreview.model import Pair, is_chinese
from transreview.text.chinese import has_han

#: How many non-blank lines decide that a ``.txt`` file is a corpus.
SNIFF_LINES = 200
#: Share of sniffed lines whose Chinese column must hold Han characters.
MIN_HAN_SHARE = 0.9


def _han_column(rows: list[list[str]]) -> int | None:
    """0 or 1: the column that is Chinese (the other has no Han), else None."""
    for zh, other in ((1, 0), (0, 1)):
        if any(has_han(r[other]) for r in rows):
            continue
        if sum(has_han(r[zh]) for r in rows) >= MIN_HAN_SHARE * len(rows):
            return zh
    return None


def looks_like_corpus(path: Path, opts: ReadOptions | None = None) -> bool:
    """Whether ``path`` is a headerless tab-separated Latin/Han corpus (see the module doc).

    A file that cannot be decoded is not claimed: the page reader then names its problem."""
    encoding = opts.encoding if opts else None
    try:
        lines = [t for _, t in islice(
            ((n, t) for n, t in iter_lines(path, encoding=encoding) if t.strip()), SNIFF_LINES
        )]
    except InputError:
        return False
    if not lines or any("\t" not in t for t in lines):
        return False
    rows = [t.split("\t") for t in lines]
    width = len(rows[0])
    if width < 2 or any(len(r) != width for r in rows):
        return False
    return _han_column(rows) is not None


def read(path: Path, opts: ReadOptions | None = None) -> Iterator[Pair]:
    """Stream one pair per non-blank line: source and target from the first two columns.

    Which column is Chinese is decided on the first lines (as when the file was claimed);
    the Chinese column is the target unless the source language is Chinese. ``id`` is the
    1-based row number among non-blank lines, ``line`` the physical line. Raises
    :class:`InputError` for a line with a different number of columns than the first.
    """
    return _read(Path(path), opts or ReadOptions())


def _read(path: Path, opts: ReadOptions) -> Iterator[Pair]:
    head = [t.split("\t") for _, t in islice(
        ((n, t) for n, t in iter_lines(path, encoding=opts.encoding) if t.strip()), SNIFF_LINES
    )]
    width = len(head[0]) if head else 2
    han = _han_column(head) if head and all(len(r) == width for r in head) else None
    zh_col = 1 if han is None else han
    zh_source = is_chinese(opts.src_lang) and not is_chinese(opts.tgt_lang)
    i_src, i_tgt = (zh_col, 1 - zh_col) if zh_source else (1 - zh_col, zh_col)
    index = 0
    for line, text in iter_lines(path, encoding=opts.encoding):
        if not text.strip():
            continue
        row = text.split("\t")
        if len(row) != width:
            raise InputError(
                path, line, f"line has {plural(len(row), 'column')}, the first line has {width} "
                "(a tab inside a segment?)"
            )
        index += 1
        yield Pair(
            id=str(index),
            source=row[i_src],
            target=row[i_tgt],
            doc=path.name,
            index=index - 1,
            line=line,
            src_lang=opts.src_lang,
            tgt_lang=opts.tgt_lang,
            meta={"format": "corpus", "extra": {f"column{i + 1}": row[i] for i in range(2, width)}},
        )


FORMAT = Format(
    "corpus", (), read=one_file(read), order=35, compressed=True,
    sniff_endings=(".txt",), sniff=looks_like_corpus,
    summary="headerless, unquoted tab-separated corpora (.txt, Tatoeba): English, Chinese, more columns kept",
)


__all__ = ["FORMAT", "MIN_HAN_SHARE", "SNIFF_LINES", "looks_like_corpus", "read"]
