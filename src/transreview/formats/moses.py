"""Moses pairs: ``NAME.en`` and ``NAME.zh``, line *n* of one translating line *n* of the other.

The pairing is by line number and nothing else, so both files are read in lock-step and
split on ``\\n`` only (:func:`transreview.encoding.iter_lines`): a U+2028 inside a
segment that ``str.splitlines()`` would break on must not shift the rest of the file.
Blank lines are kept as pairs with an empty side, because dropping one would misalign
every pair after it. Which file is the source follows the review direction: with
``--source-lang zh`` the ``.zh`` file is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import zip_longest
from pathlib import Path

from transreview.atomic import atomic_write_all
from transreview.encoding import inner_path, iter_lines
from transreview.errors import InputError
from transreview.formats.base import Format, ReadOptions, WriteJob
from transreview.formats.tsv import plural
from transreview.model import Pair, is_chinese

_NEWLINES = re.compile(r"\r\n|\r|\n")

#: Language endings that make a file half of a Moses pair.
LANG_ENDINGS = frozenset({"en", "zh", "zh-cn", "zh-hans", "zh-tw", "zh-hant", "cn"})


def read_pair(en_path: Path, zh_path: Path, opts: ReadOptions | None = None) -> Iterator[Pair]:
    """Stream the pairs of a Moses pair, one per line.

    ``id`` is the line number (as a string), ``index`` the line number minus one, ``doc``
    the common stem (``news`` for ``news.en``). Raises :class:`InputError` at the first
    line past the end of the shorter file when the line counts differ, naming both counts;
    the pairs before that point have been yielded by then (the check runs in lock-step, so
    a caller that must not write half a report collects the pairs first).
    """
    return _read(Path(en_path), Path(zh_path), opts or ReadOptions())


def _count_rest(lines: Iterator[tuple[int, str]], so_far: int) -> int:
    for n, _ in lines:
        so_far = n
    return so_far


def _read(en_path: Path, zh_path: Path, opts: ReadOptions) -> Iterator[Pair]:
    zh_is_source = is_chinese(opts.src_lang) and not is_chinese(opts.tgt_lang)
    src_path, tgt_path = (zh_path, en_path) if zh_is_source else (en_path, zh_path)
    doc = inner_path(en_path).with_suffix("").name
    src_lines, tgt_lines = (
        iter_lines(src_path, encoding=opts.encoding),
        iter_lines(tgt_path, encoding=opts.encoding),
    )
    n = 0
    for s, t in zip_longest(src_lines, tgt_lines):
        if s is None or t is None:
            longer, shorter_path = (tgt_lines, src_path) if s is None else (src_lines, tgt_path)
            total = _count_rest(longer, n + 1)
            n_src, n_tgt = (n, total) if s is None else (total, n)
            n_en, n_zh = (n_tgt, n_src) if zh_is_source else (n_src, n_tgt)
            raise InputError(
                shorter_path,
                n + 1,
                f"Moses pair has {plural(n_en, 'line')} in {en_path.name} "
                f"but {plural(n_zh, 'line')} in {zh_path.name}",
            )
        n = s[0]
        yield Pair(
            id=str(n),
            source=s[1],
            target=t[1],
            doc=doc,
            index=n - 1,
            line=n,
            src_lang=opts.src_lang,
            tgt_lang=opts.tgt_lang,
            meta={"format": "moses"},
        )


def paths_for(stem_path: Path) -> tuple[Path, Path]:
    """``(STEM.en, STEM.zh)``; a stem given as ``NAME.en`` or ``NAME.zh`` loses that ending."""
    stem_path = Path(stem_path)
    if stem_path.suffix.lower().lstrip(".") in LANG_ENDINGS:
        stem_path = stem_path.with_suffix("")
    return Path(f"{stem_path}.en"), Path(f"{stem_path}.zh")


def _one_line(text: str) -> str:
    """A segment as one Moses line: a line break inside it becomes a space."""
    return _NEWLINES.sub(" ", text) if ("\n" in text or "\r" in text) else text


def write(stem_path: Path, pairs: Iterable[Pair]) -> int:
    """Write ``STEM.en`` and ``STEM.zh`` (both or neither); return how many lines each has.

    Each pair's Chinese side goes to ``.zh`` and its English side to ``.en`` (by the
    pair's ``src_lang``/``tgt_lang``; English→Chinese when neither is Chinese). A line
    break inside a segment is written as a space, since the format has no way to hold one.
    """
    en_path, zh_path = paths_for(stem_path)
    count = 0
    with atomic_write_all([en_path, zh_path], "w", encoding="utf-8") as (en, zh):
        for pair in pairs:
            if is_chinese(pair.src_lang) and not is_chinese(pair.tgt_lang):
                en_text, zh_text = pair.target, pair.source
            else:
                en_text, zh_text = pair.source, pair.target
            if count == 0:
                # A first line starting with U+FEFF would be read back as a byte-order mark
                # and lose that character: a real mark in front keeps it.
                for out, text in ((en, en_text), (zh, zh_text)):
                    if text.startswith("\ufeff"):
                        out.write("\ufeff")
            en.write(_one_line(en_text) + "\n")
            zh.write(_one_line(zh_text) + "\n")
            count += 1
    return count


def _read_files(paths: Sequence[Path], opts: ReadOptions) -> Iterator[Pair]:
    en_path, zh_path = paths
    return read_pair(en_path, zh_path, opts)


def _write_job(stem_path: Path, job: WriteJob) -> tuple[Path, ...]:
    write(stem_path, job.pairs)
    return paths_for(stem_path)


FORMAT = Format(
    "moses", (), read=_read_files, write=_write_job, order=50, paired_endings=LANG_ENDINGS, compressed=True,
    summary="a Moses pair NAME.en + NAME.zh, one segment per line",
)


__all__ = ["FORMAT", "LANG_ENDINGS", "paths_for", "read_pair", "write"]
