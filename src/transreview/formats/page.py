"""``.txt``: one bilingual page as people publish it (see ``corpora/``).

Thin: decode the file, then :func:`transreview.page.page_pairs` does the work. The whole
page is read before the first pair is yielded, because aligning needs every paragraph;
pages are small, so nothing is lost by not streaming.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from transreview.errors import InputError
from transreview.formats import MAX_SEGMENT_CHARS, ReadOptions
from transreview.model import Pair
from transreview.page import page_pairs


def _decode(path: Path) -> str:
    """The file's text; encoding detection belongs to ``transreview.encoding`` when present."""
    try:
        from transreview.encoding import read_text  # type: ignore[attr-defined]
    except ImportError:
        read_text = None
    if read_text is not None:
        return read_text(path)
    # TODO: drop this fallback once transreview.encoding.read_text exists everywhere.
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(path, None, f"cannot read: {e.strerror or e}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise InputError(path, line, f"not valid UTF-8 (byte {e.start})") from None


def _refuse_long_lines(path: Path, text: str) -> None:
    """Raise for a line longer than a segment may be, before the (slow) aligner sees it."""
    if len(text) <= MAX_SEGMENT_CHARS:
        return
    # lines as page.split_paragraphs sees them: CRLF, CR and LF all end a line
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
    text = _decode(path)
    _refuse_long_lines(path, text)
    pairs = list(page_pairs(text, doc=path.name, src_lang=opts.src_lang, tgt_lang=opts.tgt_lang))
    if not pairs:
        raise InputError(path, None, "no paragraphs: the page is empty")
    return iter(pairs)


__all__ = ["read"]
