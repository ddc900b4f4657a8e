"""Hostile text files: broken and mixed encodings, NULs, a 50 MB line, odd line breaks.

Each case runs the real CLI on TSV, JSONL, Moses or a ``.txt`` page and asserts either a
clean refusal (see ``tests.helpers.cli.assert_refused``) or the exact pairs of a correct result.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import assert_refused, assert_spans, check, report_of

HEAD = b"source\ttarget\n"
JINCHENG = "Jincheng is in Shanxi."
JINCHENG_ZH = "晋城在陕西。"


def put(work: Path, name: str, data: bytes) -> str:
    (work / name).write_bytes(data)
    return name


def pairs(report: dict) -> list[tuple[str, str]]:
    return [(p["source"], p["target"]) for p in report["pairs"]]


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("name", "data", "line", "problem"),
    [
        # a stray 0xFF in an otherwise UTF-8 file: line 2, byte offset 23 (14 + 9 = 23)
        ("bad.tsv", HEAD + b"Hello\t\xe4\xbd\xa0\xff\n", 2, ["cannot decode", "byte 23", "0xff"]),
        # a UTF-8 character cut off by the end of the file (GB18030 used to read it as 浣犲)
        ("cut.tsv", HEAD + b"Hi\t\xe4\xbd\xa0\xe5", 2, ["cannot decode", "byte 20", "0xe5"]),
        # Latin-1 bytes in a UTF-8 page
        ("latin1.txt", "Jincheng is in Shanxi.\n\n晋城在陕西。\n\nCaf".encode() + b"\xe9 cr\xe8me\n",
         5, ["cannot decode"]),
        # invalid bytes in the Chinese half of a Moses pair, on its second line
        ("m.zh", "晋城\n".encode() + b"\xff\xfe\xfd\n", 2, ["cannot decode"]),
    ],
)
def test_invalid_bytes_name_line_and_byte(
    work: Path, name: str, data: bytes, line: int, problem: list[str]
) -> None:
    put(work, name, data)
    inputs = [name]
    if name.endswith(".zh"):
        inputs = [put(work, "m.en", b"Jincheng\nShanxi\n"), name]
    assert_refused(check(*inputs, cwd=work), name, line=line, problem=problem, cwd=work)


@pytest.mark.parametrize(
    ("rows", "line", "problem"),
    [
        # UTF-8 then GB18030 that also decodes whole as GB18030: before the fix the UTF-8
        # line became mojibake (你好 → 浣犲ソ) and the run passed
        ("Hello\t你好\n".encode() + "World\t世界\n".encode("gb18030"), 2,
         ["mixed encodings", "UTF-8", "GB18030"]),
        # GB18030 first, then a UTF-8 line GB18030 can also decode
        ("World\t世界\n".encode("gb18030") + "Hello\t你好\n".encode(), 3, ["mixed encodings"]),
        # mostly UTF-8: the GB18030 line is the one that does not decode
        ("Hello\t你好世界\n".encode() + "Shanxi\t山西省\n".encode("gb18030"), 3,
         ["cannot decode as UTF-8", "0xce"]),
        # GB18030 first, then UTF-8 that neither encoding can read
        ("Hello\t你好世界\n".encode("gb18030") + "Shanxi\t山西省\n".encode(), 2,
         ["cannot decode as UTF-8 or GB18030"]),
    ],
)
def test_mixed_utf8_and_gb18030_lines_are_refused(
    work: Path, rows: bytes, line: int, problem: list[str]
) -> None:
    name = put(work, "mixed.tsv", HEAD + rows)
    assert_refused(check(name, cwd=work), name, line=line, problem=problem, cwd=work)


def test_gb18030_with_a_utf8_line_beyond_the_sniffed_head(work: Path) -> None:
    # 64 KiB of GB18030 first, so the encoding is decided before the UTF-8 line is seen
    rows = "".join(f"p{i}\tShanxi {i}\t山西省太原市{i}\n" for i in range(6000)).encode("gb18030")
    data = b"id\tsource\ttarget\n" + rows + "x\tHello\t你好世界\n".encode()
    name = put(work, "late.tsv", data)
    assert_refused(check(name, cwd=work), name, line=6002, problem=["mixed encodings"], cwd=work)


OTHER_ENCODINGS = {
    "gb.tsv": HEAD + f"{JINCHENG}\t{JINCHENG_ZH}\n".encode("gb18030"),
    "bom8.tsv": b"\xef\xbb\xbf" + HEAD + f"{JINCHENG}\t{JINCHENG_ZH}\n".encode(),
    "u16.tsv": ("\ufeff" + f"source\ttarget\r\n{JINCHENG}\t{JINCHENG_ZH}\r\n").encode("utf-16-le"),
    "u16be.jsonl": ("\ufeff" + json.dumps({"source": JINCHENG, "target": JINCHENG_ZH}) + "\n")
    .encode("utf-16-be"),
    "u32.txt": ("\ufeff" + f"{JINCHENG}\n\n{JINCHENG_ZH}\n").encode("utf-32-le"),
}


def test_other_encodings_read_correctly(work: Path) -> None:
    for name, data in OTHER_ENCODINGS.items():
        put(work, name, data)
    report = report_of(check(*OTHER_ENCODINGS, cwd=work), work)
    assert pairs(report) == [(JINCHENG, JINCHENG_ZH)] * len(OTHER_ENCODINGS)
    assert [p["doc"] for p in report["pairs"]] == list(OTHER_ENCODINGS)
    for p in report["pairs"]:
        (f,) = [f for f in p["findings"] if f["check"] == "places"]
        assert (f["start"], f["end"], f["text"]) == (3, 5, "陕西")


@pytest.mark.parametrize(
    ("name", "data", "line", "column"),
    [
        ("nul.tsv", HEAD + b"Hel\x00lo\tni\n", 2, 4),
        ("nul.jsonl", b'{"source": "a", "target": "b"}\n{"source": "\x00"}\n', 2, 13),
        ("nul.txt", b"Hello there.\n\n\x00\n", 3, 1),
        # UTF-16 without a byte-order mark: every other byte is NUL
        ("u16.tsv", "source\ttarget\nHi\t你好\n".encode("utf-16-le"), 1, 2),
    ],
)
def test_nul_bytes_are_refused_with_line_and_column(
    work: Path, name: str, data: bytes, line: int, column: int
) -> None:
    put(work, name, data)
    assert_refused(check(name, cwd=work), name, line=line,
                   problem=["NUL character", f"column {column}"], cwd=work)


# --------------------------------------------------------------------------- a 50 MB line

FIFTY_MB = 50 * 1024 * 1024


def _big_line() -> bytes:
    unit = b"Jincheng is in Shanxi. "
    return (unit * (FIFTY_MB // len(unit) + 1))[:FIFTY_MB]


@pytest.fixture(scope="module")
def big_line() -> bytes:
    return _big_line()


@pytest.mark.parametrize("fmt", ["tsv", "jsonl", "moses", "txt"])
def test_a_single_50_mb_line_is_refused_quickly(work: Path, big_line: bytes, fmt: str) -> None:
    if fmt == "tsv":
        inputs = [put(work, "big.tsv", HEAD + big_line + "\t晋城\n".encode())]
        bad, line, problem = "big.tsv", 2, ["field longer than 131072 characters"]
    elif fmt == "jsonl":
        text = b'{"source": "' + big_line + '", "target": "晋城"}\n'.encode()
        inputs = [put(work, "big.jsonl", text)]
        bad, line, problem = "big.jsonl", 1, ["source segment of 52,428,800 characters", "131,072"]
    elif fmt == "moses":
        inputs = [put(work, "big.en", b"Taiyuan\n" + big_line + b"\n"),
                  put(work, "big.zh", "太原\n晋城\n".encode())]
        bad, line, problem = "big.en", 2, ["source segment of 52,428,800 characters"]
    else:
        inputs = [put(work, "big.txt", big_line)]
        bad, line, problem = "big.txt", 1, ["line of 52,428,800 characters"]
    run = check(*inputs, cwd=work, timeout=60)
    assert_refused(run, bad, line=line, problem=problem, cwd=work)


# --------------------------------------------------------------------------- line breaks


def test_crlf_is_a_line_break_and_leaves_no_carriage_return(work: Path) -> None:
    tsv = put(work, "crlf.tsv", f"id\tsource\ttarget\r\na\t{JINCHENG}\t{JINCHENG_ZH}\r\nb\tHi\t嗨\r\n".encode())
    jsonl = put(work, "crlf.jsonl", (json.dumps({"source": "Hi", "target": "嗨"}) + "\r\n").encode())
    en = put(work, "crlf.en", b"Taiyuan\r\nShanxi\r\n")
    zh = put(work, "crlf.zh", "太原\r\n山西\r\n".encode())
    page = put(work, "crlf.txt", f"{JINCHENG}\r\n\r\n{JINCHENG_ZH}\r\n".encode())
    report = report_of(check(tsv, jsonl, en, zh, page, cwd=work), work)
    got = pairs(report)
    assert got == [(JINCHENG, JINCHENG_ZH), ("Hi", "嗨"), ("Hi", "嗨"), ("Taiyuan", "太原"),
                   ("Shanxi", "山西"), (JINCHENG, JINCHENG_ZH)]
    assert_spans(report)


@pytest.mark.parametrize(
    ("name", "data", "line"),
    [
        # a lone CR inside an unquoted TSV field, and a file whose only breaks are lone CRs
        ("cr-inside.tsv", HEAD + b"Hel\rlo\tni\n", 2),
        ("cr-only.tsv", b"source\ttarget\rHello\tni\r", 1),
    ],
)
def test_lone_cr_in_an_unquoted_field_is_refused(work: Path, name: str, data: bytes, line: int) -> None:
    put(work, name, data)
    assert_refused(check(name, cwd=work), name, line=line,
                   problem=["carriage return", "quote the field"], cwd=work)


def test_lone_cr_in_quoted_fields_and_moses_lines_is_kept(work: Path) -> None:
    tsv = put(work, "cr.tsv", HEAD + b'"one\rtwo"\t"\xe4\xb8\x80\rtwo"\n')
    # Moses splits on \n only: a lone CR stays inside its segment, lines stay paired
    en = put(work, "cr.en", b"a\rb\nc\n")
    zh = put(work, "cr.zh", "甲\r乙\n丙\n".encode())
    # a page saved with old Mac line breaks: lone CRs separate its paragraphs
    page = put(work, "cr.txt", f"{JINCHENG}\r\r{JINCHENG_ZH}\r".encode())
    report = report_of(check(tsv, en, zh, page, cwd=work), work)
    assert pairs(report) == [("one\rtwo", "一\rtwo"), ("a\rb", "甲\r乙"), ("c", "丙"),
                             (JINCHENG, JINCHENG_ZH)]


def test_u2028_inside_a_segment_does_not_split_it(work: Path) -> None:
    src, tgt = "Jincheng\u2028is in Shanxi.", "晋城\u2028在陕西。"
    tsv = put(work, "ls.tsv", HEAD + f"{src}\t{tgt}\nB\t乙\n".encode())
    jsonl = put(work, "ls.jsonl", (json.dumps({"source": src, "target": tgt}, ensure_ascii=False)
                                   + "\n").encode())
    en = put(work, "ls.en", f"{src}\nB\u2029C\x85D\n".encode())
    zh = put(work, "ls.zh", f"{tgt}\n乙\n".encode())
    report = report_of(check(tsv, jsonl, en, zh, cwd=work), work)
    assert pairs(report) == [(src, tgt), ("B", "乙"), (src, tgt), (src, tgt), ("B\u2029C\x85D", "乙")]
    for p in report["pairs"]:
        if p["target"] == tgt:
            (f,) = [f for f in p["findings"] if f["check"] == "places"]
            assert (f["start"], f["end"], f["text"]) == (4, 6, "陕西")
    assert_spans(report)
