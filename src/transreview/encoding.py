"""Decode input files whatever encoding they arrived in, streaming, with located errors.

Translation files come from everywhere: Windows CAT tools write UTF-16 with a byte-order
mark, Chinese offices still save GB18030/GBK, spreadsheets prepend a UTF-8 BOM. The
encoding is decided once, from the first :data:`SNIFF_BYTES` of the file:

1. a byte-order mark names it (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. else, if the head decodes as UTF-8, it is UTF-8;
3. else, if it decodes as GB18030 and does not look like *broken UTF-8* (a UTF-8 file
   with a few stray bytes: more valid UTF-8 multi-byte characters than invalid bytes),
   it is GB18030.

Files are then decoded in chunks by an incremental decoder, so a 1 GB corpus is never in
memory, and split into lines on ``\\n`` only (a trailing ``\\r`` is dropped, so CRLF
works). Never ``str.splitlines()``: it also splits on U+2028, U+0085 and friends, which
occur inside real segments and would shift every later line of a Moses pair.

A file whose head is pure ASCII and that turns out not to be UTF-8 further on is retried
as GB18030 from that point: ASCII is the same in both, so nothing already yielded changes.

A file read as GB18030 may still hold lines pasted in as UTF-8 (a GBK export with UTF-8
rows appended): GB18030 decodes them without complaint, as mojibake (``你好`` → ``浣犲ソ``).
Such a line is refused, named, as *mixed encodings*: a line whose bytes are wholly valid
UTF-8 with at least two Chinese characters is UTF-8, since genuine GB18030 Chinese is
almost never valid UTF-8 (one word of jieba's 349,046 is; no sentence of five words in a
sample of 200,000).

GB18030 accepts almost any pair of high bytes, so a Big5 (traditional Chinese, Taiwan and
Hong Kong) file also "decodes" as GB18030, into garbage. Before GB18030 is chosen, a second
opinion is asked of ``charset-normalizer``: when it names Big5 the file is read as Big5
(refused, with its line, where Big5 does not decode). An encoding given by the user
(``--encoding``) replaces all of this guessing.

Files ending in ``.gz`` or ``.xz`` are decompressed while they are read (streamed).
"""

from __future__ import annotations

import codecs
import gzip
import lzma
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from transreview.errors import InputError
from transreview.text.chinese import is_han

#: How much of the file decides its encoding.
SNIFF_BYTES = 64 * 1024
#: Read size while streaming.
CHUNK_BYTES = 64 * 1024

# UTF-32 LE before UTF-16 LE: its mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)


@dataclass(frozen=True)
class _Encoding:
    name: str  # what detect_encoding reports: "utf-8-sig", "utf-16-le", "gb18030", ...
    codec: str  # codec for the bytes after the mark
    bom: int  # length of the byte-order mark


_UTF8 = _Encoding("utf-8", "utf-8", 0)
_GB18030 = _Encoding("gb18030", "gb18030", 0)
_BIG5 = _Encoding("big5", "big5hkscs", 0)

#: What charset-normalizer may call Big5 (traditional Chinese).
_BIG5_NAMES = frozenset({"big5", "big5hkscs", "cp950"})

#: Compressed endings read through their decompressor.
COMPRESSED_ENDINGS = (".gz", ".xz")


def inner_path(path: Path) -> Path:
    """``corpus.tsv`` for ``corpus.tsv.gz`` (what the decompressed file would be called);
    any other path as it is."""
    path = Path(path)
    return path.with_suffix("") if path.suffix.lower() in COMPRESSED_ENDINGS else path


#: Fewer non-ASCII characters than this are too little for the second opinion: on one
#: Tatoeba sentence (6 Han) charset-normalizer called 11 of 145 GB18030 samples Big5; from
#: 8 sentences (about 48 Han) on it made no mistake either way. Below it GB18030 stays.
MIN_OPINION_CHARS = 40


def _second_opinion(data: bytes) -> _Encoding:
    """The Chinese legacy encoding of ``data`` (not UTF-8, decodes as GB18030): Big5 when
    charset-normalizer names it on enough text (:data:`MIN_OPINION_CHARS`), else GB18030.

    The opinion is asked on the lines before the first bytes Big5 cannot decode: a Big5
    file with one stray character is still Big5 (and then refused at that line), where
    charset-normalizer, shown the whole, would fall back to GB18030 and a misreading."""
    try:
        data.decode(_BIG5.codec)
    except UnicodeDecodeError as e:
        data = data[: data.rfind(b"\n", 0, e.start) + 1]
    text = codecs.decode(data, "gb18030", "replace")
    if sum(1 for ch in text if ch > "\x7f") < MIN_OPINION_CHARS:
        return _GB18030
    from charset_normalizer import from_bytes  # imported on the rare non-UTF-8 file only

    best = from_bytes(data).best()
    if best is not None and best.encoding in _BIG5_NAMES:
        return _BIG5
    return _GB18030


def check_encoding_name(name: str) -> str:
    """The codec name Python knows ``name`` by; raises :class:`LookupError` for an unknown one."""
    return codecs.lookup(name).name


def _given(path: Path, head: bytes, name: str) -> _Encoding:
    """The encoding named with ``--encoding``; a byte-order mark still wins (it declares)."""
    for mark, bom_name, codec in _BOMS:
        if head.startswith(mark):
            return _Encoding(bom_name, codec, len(mark))
    try:
        codec = check_encoding_name(name)
    except LookupError:
        raise InputError(path, None, f"unknown encoding {name!r}") from None
    return _Encoding(codec, codec, 0)


def _read(fh: BinaryIO, size: int, path: Path) -> bytes:
    """``size`` bytes (all with -1), a broken compressed stream or a read error as one line."""
    try:
        return fh.read(size)
    except (EOFError, lzma.LZMAError, gzip.BadGzipFile) as e:
        raise InputError(path, None, f"cannot decompress: {e}") from None
    except OSError as e:
        raise InputError(path, None, f"cannot read: {e.strerror or e}") from None


def _label(enc: _Encoding) -> str:
    """How an encoding is named in messages."""
    label = enc.codec.upper()
    return f"{label} (byte-order mark)" if enc.bom else label


def _looks_like_broken_utf8(data: bytes) -> bool:
    """True when ``data`` is mostly valid UTF-8 with a few bad bytes.

    GB18030 Chinese only forms valid UTF-8 multi-byte sequences by accident (well under
    one character in two), while a UTF-8 file with a stray Latin-1 byte has many valid
    ones and one or two invalid: reading that as GB18030 would turn it into mojibake.
    """
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch > "\x7f") - bad
    return good > bad


def _cut_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 with Chinese or other non-ASCII text whose last character
    was cut off (a truncated download): GB18030 would read it, wrongly, as mojibake."""
    if _decodes(data, "utf-8", True):
        return False  # whole: not cut
    try:
        text = codecs.getincrementaldecoder("utf-8")("strict").decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return not text.isascii()


def _sniff(head: bytes, at_eof: bool) -> _Encoding | None:
    """The encoding of a file starting with ``head``; None when nothing fits."""
    for mark, name, codec in _BOMS:
        if head.startswith(mark):
            return _Encoding(name, codec, len(mark))
    if at_eof and _cut_utf8(head):
        return None
    for enc in (_UTF8, _GB18030):
        if _decodes(head, enc.codec, at_eof):
            if enc is _GB18030:
                if _looks_like_broken_utf8(head):
                    return None
                return _second_opinion(head)
            return enc
    return None


def _decodes(data: bytes, codec: str, at_eof: bool) -> bool:
    """Whether ``data`` decodes (a character cut at the end is fine unless ``at_eof``)."""
    try:
        codecs.getincrementaldecoder(codec)("strict").decode(data, final=at_eof)
    except UnicodeDecodeError:
        return False
    return True


def _open(path: Path) -> BinaryIO:
    if path.is_dir():
        raise InputError(path, None, "is a directory, not a file")
    suffix = path.suffix.lower()
    try:
        if suffix == ".gz":
            return gzip.open(path, "rb")  # type: ignore[return-value]
        if suffix == ".xz":
            return lzma.open(path, "rb")  # type: ignore[return-value]
        return open(path, "rb")  # noqa: SIM115 - closed by the callers' with
    except FileNotFoundError:
        raise InputError(path, None, "no such file") from None
    except OSError as e:
        raise InputError(path, None, f"cannot read: {e.strerror or e}") from None


def _decode_error(
    path: Path,
    enc: _Encoding,
    data: bytes,
    bad: int,
    offset: int,
    line: int,
    *,
    sniffing: bool = False,
) -> InputError:
    """The error for byte ``data[bad]``, which sits at absolute ``offset`` on ``line``."""
    byte = data[bad : bad + 1]
    what = f"0x{byte.hex()}" if byte else "end of file"
    tried = "UTF-8 or GB18030" if sniffing else _label(enc)
    return InputError(
        path,
        line,
        f"cannot decode as {tried} at byte {offset} ({what}); save the file as UTF-8",
        offset=offset,
    )


def _newlines(data: bytes, codec: str) -> int:
    """How many ``\\n`` the (valid) bytes ``data`` hold once decoded."""
    return codecs.decode(data, codec, "replace").count("\n")


def _check_nul(path: Path, line: str, lineno: int) -> None:
    if "\x00" in line:
        col = line.index("\x00") + 1
        raise InputError(
            path,
            lineno,
            f"NUL character at column {col}: a binary file, or UTF-16 without a byte-order mark?",
        )


#: How many Chinese characters make a GB18030-decoded line's bytes count as UTF-8.
_MIXED_MIN_HAN = 2


def _is_utf8_han(raw: bytes) -> bool:
    """Whether ``raw`` is valid UTF-8 holding at least :data:`_MIXED_MIN_HAN` Han characters."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    han = 0
    for ch in text:
        if is_han(ch):
            han += 1
            if han >= _MIXED_MIN_HAN:
                return True
    return False


def _check_mixed(path: Path, line: str, lineno: int) -> None:
    """Refuse a line of a GB18030 file that is really UTF-8 (see the module doc)."""
    if line.isascii():
        return
    try:
        raw = line.encode("gb18030")
    except UnicodeEncodeError:  # pragma: no cover - GB18030 covers all of Unicode
        return
    if _is_utf8_han(raw):
        raise InputError(
            path,
            lineno,
            "mixed encodings: this line is UTF-8 but other lines are GB18030; "
            "save the whole file in one encoding (UTF-8)",
        )


def detect_encoding(path: str | Path, encoding: str | None = None) -> str:
    """The encoding :func:`iter_lines` would use for ``path``.

    One of ``utf-8``, ``utf-8-sig``, ``utf-16-le``, ``utf-16-be``, ``utf-32-le``,
    ``utf-32-be``, ``gb18030``, ``big5`` (an empty file is ``utf-8``), or the codec name
    of ``encoding`` when one is given. Raises :class:`InputError` when the head of the file
    fits none of them.
    """
    path = Path(path)
    with _open(path) as fh:
        head = _read(fh, SNIFF_BYTES, path)
    return _detect(path, head, len(head) < SNIFF_BYTES, encoding).name


def _detect(path: Path, head: bytes, at_eof: bool, encoding: str | None = None) -> _Encoding:
    if encoding:
        return _given(path, head, encoding)
    enc = _sniff(head, at_eof)
    if enc is not None:
        return enc
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(head, final=at_eof)
    except UnicodeDecodeError as e:
        line = head[: e.start].count(b"\n") + 1
        gb = _decodes(head, "gb18030", at_eof)
        raise _decode_error(path, _UTF8, head, e.start, e.start, line, sniffing=not gb) from None
    raise AssertionError("unreachable: head decodes as UTF-8")  # pragma: no cover


def read_text(path: str | Path, encoding: str | None = None) -> str:
    """The whole text of a small file, decoded as :func:`iter_lines` would.

    The byte-order mark is dropped; line endings are kept as they are. For pages and
    glossaries, not corpora: the file is read whole. ``encoding`` (``--encoding``) replaces
    the detection.
    """
    path = Path(path)
    with _open(path) as fh:
        raw = _read(fh, -1, path)
    enc = _detect(path, raw[:SNIFF_BYTES], len(raw) <= SNIFF_BYTES, encoding)
    body = raw[enc.bom :]
    try:
        text = body.decode(enc.codec)
    except UnicodeDecodeError as e:
        line = _newlines(body[: e.start], enc.codec) + 1
        raise _decode_error(path, enc, body, e.start, enc.bom + e.start, line) from None
    if enc is _GB18030:
        for lineno, text_line in enumerate(text.split("\n"), 1):
            _check_mixed(path, text_line, lineno)
    at = text.find("\x00")
    if at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        _check_nul(path, text[start : len(text) if end < 0 else end], text.count("\n", 0, at) + 1)
    return text


def iter_lines(
    path: str | Path, *, keepends: bool = False, encoding: str | None = None
) -> Iterator[tuple[int, str]]:
    """Yield ``(line number, text)`` for every line of ``path``, streaming.

    Line numbers start at 1. Lines are split on ``\\n`` only; without ``keepends`` the
    ``\\n`` and one ``\\r`` before it are removed, with it they are kept (what the ``csv``
    module wants, so that CRLF inside a quoted field survives). A last line without a
    newline is still a line; an empty file yields nothing. Raises :class:`InputError` for
    a missing file, a directory, bytes that do not decode (with line and byte offset) and
    NUL characters (with line). Being a generator, it raises on first ``next()``.
    ``encoding`` (``--encoding``) replaces the detection; ``.gz``/``.xz`` are decompressed.
    """
    path = Path(path)
    with _open(path) as fh:
        head = _read(fh, SNIFF_BYTES, path)
        enc = _detect(path, head, len(head) < SNIFF_BYTES, encoding)
        yield from _lines(path, fh, head, enc, keepends)


def _lines(
    path: Path, fh: BinaryIO, head: bytes, enc: _Encoding, keepends: bool
) -> Iterator[tuple[int, str]]:
    decoder = codecs.getincrementaldecoder(enc.codec)("strict")
    chunk = head[enc.bom :]
    pos = enc.bom  # absolute offset of chunk[0]
    lineno = 0  # lines completed so far
    pieces: list[str] = []  # the current, unfinished line
    ascii_so_far = True
    while True:
        eof = not chunk
        pending: bytes = decoder.getstate()[0]
        try:
            text = decoder.decode(chunk, final=eof)
        except UnicodeDecodeError as e:
            data = e.object
            if enc is _UTF8 and ascii_so_far and not _looks_like_broken_utf8(data):
                # Pure ASCII so far: the file may be GB18030 (or Big5) with a long ASCII head.
                enc = _second_opinion(data)
                decoder = codecs.getincrementaldecoder(enc.codec)("strict")
                chunk = data
                pos -= len(pending)
                continue
            line = lineno + _newlines(data[: e.start], enc.codec) + 1
            raise _decode_error(
                path, enc, data, e.start, pos - len(pending) + e.start, line
            ) from None
        if ascii_so_far and not text.isascii():
            ascii_so_far = False
        if "\n" in text:
            parts = text.split("\n")
            if pieces:
                pieces.append(parts[0])
                parts[0] = "".join(pieces)
            for part in parts[:-1]:
                lineno += 1
                _check_nul(path, part, lineno)
                if enc is _GB18030:
                    _check_mixed(path, part, lineno)
                if keepends:
                    yield lineno, part + "\n"
                else:
                    yield lineno, part[:-1] if part.endswith("\r") else part
            pieces = [parts[-1]] if parts[-1] else []
        elif text:
            pieces.append(text)
        if eof:
            break
        pos += len(chunk)
        chunk = _read(fh, CHUNK_BYTES, path)
    if pieces:
        last = "".join(pieces)
        lineno += 1
        _check_nul(path, last, lineno)
        if enc is _GB18030:
            _check_mixed(path, last, lineno)
        yield lineno, last if keepends or not last.endswith("\r") else last[:-1]


__all__ = [
    "CHUNK_BYTES",
    "COMPRESSED_ENDINGS",
    "SNIFF_BYTES",
    "check_encoding_name",
    "detect_encoding",
    "inner_path",
    "iter_lines",
    "read_text",
]
