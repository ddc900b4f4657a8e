"""transreview.encoding: detection, streaming lines, located decode errors."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from transreview import encoding
from transreview.encoding import detect_encoding, iter_lines, read_text
from transreview.errors import InputError

# Han, full-width punctuation, a digit run, an extension-B character (4 bytes in GB18030).
LINES = ["晋城是山西的一个城市。", "Shanxi delegation, 2016", "二〇一六年至2017年：𠀀", ""]
SAMPLE = "\n".join(LINES[:3]) + "\n"


def _write(tmp_path: Path, data: bytes, name: str = "f.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "expected_name"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + SAMPLE.encode("utf-32-le"), "utf-32-le"),
        (codecs.BOM_UTF32_BE + SAMPLE.encode("utf-32-be"), "utf-32-be"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.replace("𠀀", "").encode("gbk"), "gb18030"),  # GBK is a subset
    ],
)
@pytest.mark.parametrize("chunk", [encoding.CHUNK_BYTES, 3])
def test_encodings_decode_to_the_same_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes, expected_name: str, chunk: int
) -> None:
    # chunk=3 puts character boundaries (and the BOM) across chunk edges everywhere.
    monkeypatch.setattr(encoding, "CHUNK_BYTES", chunk)
    path = _write(tmp_path, data)
    expected = SAMPLE if "𠀀" in data.decode(expected_name) else SAMPLE.replace("𠀀", "")
    assert detect_encoding(path) == expected_name
    assert read_text(path) == expected
    assert list(iter_lines(path)) == list(enumerate(expected.split("\n")[:-1], start=1))


def test_gb18030_is_found_after_a_long_ascii_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The sniffed head is pure ASCII (so "UTF-8"); the Chinese comes in a later chunk.
    monkeypatch.setattr(encoding, "SNIFF_BYTES", 8)
    monkeypatch.setattr(encoding, "CHUNK_BYTES", 64)
    text = "id\tsource\ttarget\n1\tShanxi\t山西\n"
    path = _write(tmp_path, text.encode("gb18030"))
    assert list(iter_lines(path)) == [(1, "id\tsource\ttarget"), (2, "1\tShanxi\t山西")]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"a\r\nb\r\n", ["a", "b"]),  # CRLF
        (b"a\nb", ["a", "b"]),  # no final newline
        (b"a\n\nb\n", ["a", "", "b"]),  # blank line kept
        (b"a\r", ["a"]),  # lone CR at the very end
        (b"a\rb\n", ["a\rb"]),  # CR inside a line is text
        ("one\u2028line\n".encode(), ["one\u2028line"]),  # LINE SEPARATOR
        ("one\x85line\x0cstill\x1cone\n".encode(), ["one\x85line\x0cstill\x1cone"]),
        ("para\u2029graph\n".encode(), ["para\u2029graph"]),
        (b"", []),
        (codecs.BOM_UTF8, []),
        (codecs.BOM_UTF16_LE, []),
        (b"\n", [""]),
    ],
)
def test_lines_split_on_newline_only(tmp_path: Path, data: bytes, expected: list[str]) -> None:
    path = _write(tmp_path, data)
    assert [text for _, text in iter_lines(path)] == expected


def test_keepends_keeps_crlf(tmp_path: Path) -> None:
    path = _write(tmp_path, b"a\r\nb\nc")
    assert list(iter_lines(path, keepends=True)) == [(1, "a\r\n"), (2, "b\n"), (3, "c")]


@pytest.mark.parametrize(
    ("data", "sniff", "chunk", "message", "offset"),
    [
        # Invalid in the head; GB18030 fails too (0xff is never valid there).
        (
            "第一行\nabc".encode() + b"\xff" + b"def\n",
            encoding.SNIFF_BYTES,
            encoding.CHUNK_BYTES,
            "f.txt:2: cannot decode as UTF-8 or GB18030 at byte 13 (0xff); save the file as UTF-8",
            13,
        ),
        # Latin-1 English: 0xe9 followed by a space is not GB18030 either.
        (
            "café au lait\n".encode("latin-1"),
            encoding.SNIFF_BYTES,
            encoding.CHUNK_BYTES,
            "f.txt:1: cannot decode as UTF-8 or GB18030 at byte 3 (0xe9); save the file as UTF-8",
            3,
        ),
        # Broken UTF-8 that happens to decode as GB18030 must not become mojibake.
        (
            "café crème ".encode() + b"\xe9t\n",
            encoding.SNIFF_BYTES,
            encoding.CHUNK_BYTES,
            "f.txt:1: cannot decode as UTF-8 at byte 13 (0xe9); save the file as UTF-8",
            13,
        ),
        # Bad byte past the sniffed head, right after a character cut by a chunk edge:
        # é is 2 bytes, then \n, "ab", 晋 (3 bytes, offsets 5-7, cut by the chunk at 7),
        # so 0xff is at byte 8.
        (
            "é\nab晋".encode() + b"\xffz\n",
            4,
            3,
            "f.txt:2: cannot decode as UTF-8 at byte 8 (0xff); save the file as UTF-8",
            8,
        ),
        # ASCII head, then UTF-8 Chinese with a stray byte in a later chunk: not GB18030.
        # 8 ASCII bytes + six Han characters of 3 bytes each: 0xff is at byte 26.
        (
            b"abcdefgh" + "晋城山西太原".encode() + b"\xff\n",
            8,
            64,
            "f.txt:1: cannot decode as UTF-8 at byte 26 (0xff); save the file as UTF-8",
            26,
        ),
        # UTF-16 with a mark and a lone low surrogate on line 3 (after the 2-byte BOM).
        (
            codecs.BOM_UTF16_LE + "a\nb\n".encode("utf-16-le") + b"\x00\xdcx\x00",
            encoding.SNIFF_BYTES,
            4,
            "f.txt:3: cannot decode as UTF-16-LE (byte-order mark) at byte 10 (0x00); "
            "save the file as UTF-8",
            10,
        ),
        # UTF-16 cut in the middle of a code unit at the end of the file.
        (
            codecs.BOM_UTF16_BE + "ab".encode("utf-16-be") + b"\x00",
            encoding.SNIFF_BYTES,
            encoding.CHUNK_BYTES,
            "f.txt:1: cannot decode as UTF-16-BE (byte-order mark) at byte 6 (0x00); "
            "save the file as UTF-8",
            6,
        ),
    ],
)
def test_undecodable_bytes_are_located(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    data: bytes,
    sniff: int,
    chunk: int,
    message: str,
    offset: int,
) -> None:
    monkeypatch.setattr(encoding, "SNIFF_BYTES", sniff)
    monkeypatch.setattr(encoding, "CHUNK_BYTES", chunk)
    path = _write(tmp_path, data)
    with pytest.raises(InputError) as info:
        list(iter_lines(path))
    assert str(info.value) == str(tmp_path / message)
    assert info.value.offset == offset
    with pytest.raises(InputError) as whole:
        read_text(path)
    assert str(whole.value) == str(tmp_path / message)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"ok\nab\x00c\n",
            "f.txt:2: NUL character at column 3: a binary file, or UTF-16 "
            "without a byte-order mark?",
        ),
        (
            "hi\n".encode("utf-16-le"),
            "f.txt:1: NUL character at column 2: a binary file, or "
            "UTF-16 without a byte-order mark?",
        ),
        (
            b"a\nb\n\x00",
            "f.txt:3: NUL character at column 1: a binary file, or UTF-16 "
            "without a byte-order mark?",
        ),
    ],
)
def test_nul_is_an_error_naming_the_line(tmp_path: Path, data: bytes, message: str) -> None:
    path = _write(tmp_path, data)
    with pytest.raises(InputError) as info:
        list(iter_lines(path))
    assert str(info.value) == str(tmp_path / message)
    with pytest.raises(InputError) as whole:
        read_text(path)
    assert str(whole.value) == str(tmp_path / message)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as missing:
        list(iter_lines(tmp_path / "nope.tsv"))
    assert str(missing.value) == f"{tmp_path / 'nope.tsv'}: no such file"
    with pytest.raises(InputError) as directory:
        read_text(tmp_path)
    assert str(directory.value) == f"{tmp_path}: is a directory, not a file"
    with pytest.raises(InputError):
        detect_encoding(tmp_path)


def test_read_text_keeps_line_endings_and_drops_the_bom(tmp_path: Path) -> None:
    path = _write(tmp_path, codecs.BOM_UTF8 + "a\r\nb\u2028c".encode())
    assert read_text(path) == "a\r\nb\u2028c"


def test_seed_pages_are_utf8(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2] / "corpora"
    for name in ("jhcga-shanxi-2016.txt", "climate-group-ningxia-2012.txt"):
        page = root / name
        text = page.read_bytes().decode("utf-8")
        assert detect_encoding(page) == "utf-8"
        assert [t for _, t in iter_lines(page)] == text.rstrip("\n").split("\n")
        # The same page saved as GB18030 decodes to the same text.
        copy = _write(tmp_path, text.encode("gb18030"), name)
        assert detect_encoding(copy) == "gb18030"
        assert read_text(copy) == text


def test_iter_lines_is_lazy(tmp_path: Path) -> None:
    # A generator: nothing is opened or decoded before the first next().
    gen = iter_lines(tmp_path / "missing.tsv")
    with pytest.raises(InputError):
        next(gen)
