"""TSV/CSV, JSON Lines and Moses pairs: reading, errors, round trips, streaming."""

from __future__ import annotations

import codecs
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from transreview.errors import InputError, TransreviewError
from transreview.formats import ReadOptions, jsonl, moses, plan_inputs, read_inputs, tsv
from transreview.model import Pair

ZH_EN = ReadOptions(src_lang="zh", tgt_lang="en")


def _file(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes(content)
    return path


def _error(fn: Any, *args: Any) -> InputError:
    with pytest.raises(InputError) as info:
        list(fn(*args))
    return info.value


def _summary(p: Pair) -> tuple[Any, ...]:
    return (p.id, p.source, p.target, p.reference, dict(p.meta.get("extra", {})), p.line, p.index)


# --------------------------------------------------------------------------- TSV / CSV


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        # header names: case and surrounding spaces ignored, unknown columns kept as extra
        (
            "f.tsv",
            "  Source \tTARGET\tNote\nShanxi\t山西\tn1\n",
            [("1", "Shanxi", "山西", None, {"Note": "n1"}, 2, 0)],
        ),
        # blank lines are skipped; index counts data rows, line is physical
        (
            "f.tsv",
            "source\ttarget\n\na\tb\n\nc\td\n",
            [("1", "a", "b", None, {}, 3, 0), ("2", "c", "d", None, {}, 5, 1)],
        ),
        # CRLF line endings
        ("f.tsv", "id\tsource\ttarget\r\np1\ta\tb\r\n", [("p1", "a", "b", None, {}, 2, 0)]),
        # an empty id falls back to the row number; ids are stripped
        (
            "f.csv",
            "id,source,target\n,a,b\n x ,c,d\n",
            [("1", "a", "b", None, {}, 2, 0), ("x", "c", "d", None, {}, 3, 1)],
        ),
        # reference: empty is None
        (
            "f.tsv",
            "source\ttarget\treference\na\tb\t\nc\td\t丁\n",
            [("1", "a", "b", None, {}, 2, 0), ("2", "c", "d", "丁", {}, 3, 1)],
        ),
        # header only: no pairs, no error
        ("f.tsv", "source\ttarget\n", []),
        # a quoted field spanning lines: the next row starts two lines later
        (
            "f.csv",
            'source,target\n"line1\nline2",t\nnext,n\n',
            [("1", "line1\nline2", "t", None, {}, 2, 0), ("2", "next", "n", None, {}, 4, 1)],
        ),
        # quotes inside an unquoted field are text
        (
            "f.tsv",
            'source\ttarget\nHe said "hi"\t他说“你好”\n',
            [("1", 'He said "hi"', "他说“你好”", None, {}, 2, 0)],
        ),
        # CRLF inside a quoted field survives; the row's own CRLF does not
        ("f.tsv", 'source\ttarget\n"a\r\nb"\tc\r\n', [("1", "a\r\nb", "c", None, {}, 2, 0)]),
        # U+2028 is not a line break; spaces around text are kept
        (
            "f.tsv",
            "source\ttarget\n one\u2028two \t一\n",
            [("1", " one\u2028two ", "一", None, {}, 2, 0)],
        ),
        # the last row may lack its newline; an empty target is ""
        ("f.tsv", "source\ttarget\nuntranslated\t", [("1", "untranslated", "", None, {}, 2, 0)]),
    ],
)
def test_tsv_reads(
    tmp_path: Path, name: str, content: str, expected: list[tuple[Any, ...]]
) -> None:
    path = _file(tmp_path, name, content)
    pairs = list(tsv.read(path, ReadOptions()))
    assert [_summary(p) for p in pairs] == expected
    assert all(p.doc == name and (p.src_lang, p.tgt_lang) == ("en", "zh") for p in pairs)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("f.tsv", "", "f.tsv: empty file, expected a header row"),
        ("f.tsv", "\n\r\n", "f.tsv: empty file, expected a header row"),
        (
            "f.tsv",
            "id\tsource\ttext\n1\ta\tb\n",
            "f.tsv:1: header has no 'target' column (found: id, source, text)",
        ),
        ("f.csv", "target\n", "f.csv:1: header has no 'source' column (found: target)"),
        (
            "f.tsv",
            "Hello\t你好\n",
            "f.tsv:1: header has no 'source' column (found: Hello, 你好)",
        ),
        ("f.tsv", "Source\tTarget\t source\n", "f.tsv:1: header names the column 'source' twice"),
        ("f.tsv", "source\ttarget\na\tb\tc\n", "f.tsv:2: row has 3 fields, header has 2"),
        ("f.tsv", "source\ttarget\nonly\n", "f.tsv:2: row has 1 field, header has 2"),
        ("f.csv", 'source,target\n"a\nb",c\nx\n', "f.csv:4: row has 1 field, header has 2"),
        (
            "f.tsv",
            "id\tsource\ttarget\np1\ta\tb\n\np1\tc\td\n",
            "f.tsv:4: duplicate id 'p1' (first on line 2)",
        ),
        # an empty id becomes the row number, which may clash with an explicit id
        (
            "f.tsv",
            "id\tsource\ttarget\n\ta\tb\n1\tc\td\n",
            "f.tsv:3: duplicate id '1' (first on line 2)",
        ),
        (
            "f.tsv",
            'source\ttarget\nok\tok\n"abc\tdef\n',
            "f.tsv:3: quoted field is never closed (no closing '\"')",
        ),
        (
            "f.tsv",
            'source\ttarget\n"Hello," he said\t你好\n',
            "f.tsv:2: malformed quoting: a field that starts with '\"' must end with '\"' "
            "right before the next tab, with any '\"' inside it doubled",
        ),
        (
            "f.csv",
            'source,target\n"a"b,c\n',
            "f.csv:2: malformed quoting: a field that starts with '\"' must end with '\"' "
            "right before the next comma, with any '\"' inside it doubled",
        ),
        (
            "f.tsv",
            "source\ttarget\na\rb\tc\n",
            "f.tsv:2: carriage return inside an unquoted field: quote the field",
        ),
    ],
)
def test_tsv_errors(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = _file(tmp_path, name, content)
    err = _error(tsv.read, path, ReadOptions())
    assert str(err) == str(tmp_path / message)


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + "id\tsource\ttarget\r\np1\tShanxi\t山西\r\n".encode(),
        codecs.BOM_UTF16_LE + "id\tsource\ttarget\r\np1\tShanxi\t山西\r\n".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "id\tsource\ttarget\r\np1\tShanxi\t山西\r\n".encode("utf-16-be"),
        "id\tsource\ttarget\r\np1\tShanxi\t山西\r\n".encode("gb18030"),
    ],
)
def test_tsv_in_other_encodings(tmp_path: Path, data: bytes) -> None:
    # The BOM must not end up in the first header name ("\ufeffid" would be an extra).
    path = _file(tmp_path, "f.tsv", data)
    assert [_summary(p) for p in tsv.read(path)] == [("p1", "Shanxi", "山西", None, {}, 2, 0)]


# --------------------------------------------------------------------------- JSON Lines


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            '{"id": "p1", "source": "Shanxi", "target": "山西", "domain": {"a": [1]}}\n',
            [("p1", "Shanxi", "山西", None, {"domain": {"a": [1]}}, 1, 0)],
        ),
        # blank and whitespace-only lines skipped; integer id; null id → object number
        (
            '\n{"id": 7, "source": "a", "target": "b"}\n  \t\n{"id": null, "source": "c", "target": ""}\n',
            [("7", "a", "b", None, {}, 2, 0), ("2", "c", "", None, {}, 4, 1)],
        ),
        # reference: "" is None, a string is kept; CRLF
        (
            '{"source": "a", "target": "b", "reference": ""}\r\n'
            '{"source": "c", "target": "d", "reference": "丁"}\r\n',
            [("1", "a", "b", None, {}, 1, 0), ("2", "c", "d", "丁", {}, 2, 1)],
        ),
        # a raw U+2028 inside a string keeps the object on one line
        (
            '{"source": "a\u2028b", "target": "甲\u2028乙"}\n',
            [("1", "a\u2028b", "甲\u2028乙", None, {}, 1, 0)],
        ),
        ("", []),
    ],
)
def test_jsonl_reads(tmp_path: Path, content: str, expected: list[tuple[Any, ...]]) -> None:
    path = _file(tmp_path, "f.jsonl", content)
    assert [_summary(p) for p in jsonl.read(path)] == expected


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"source": "a", "target": "b"}\n{"source": "a",\n',
            "f.jsonl:2: invalid JSON: Expecting property name enclosed in double quotes "
            "at column 16",
        ),
        ('{"source": "a", "target": "b"} x\n', "f.jsonl:1: invalid JSON: Extra data at column 32"),
        ("[1, 2]\n", "f.jsonl:1: expected a JSON object, got an array"),
        ('"text"\n', "f.jsonl:1: expected a JSON object, got a string"),
        ('{"source": "a"}\n', "f.jsonl:1: object has no 'target' key"),
        ('{"target": "b"}\n', "f.jsonl:1: object has no 'source' key"),
        ('{"source": 1, "target": "b"}\n', "f.jsonl:1: 'source' must be a string, got a number"),
        ('{"source": "a", "target": null}\n', "f.jsonl:1: 'target' must be a string, got null"),
        (
            '{"id": 1.5, "source": "a", "target": "b"}\n',
            "f.jsonl:1: 'id' must be a string or an integer, got a number",
        ),
        (
            '{"id": true, "source": "a", "target": "b"}\n',
            "f.jsonl:1: 'id' must be a string or an integer, got a boolean",
        ),
        (
            '{"source": "a", "target": "b", "reference": ["x"]}\n',
            "f.jsonl:1: 'reference' must be a string or null, got an array",
        ),
        (
            '{"id": "p", "source": "a", "target": "b"}\n\n{"id": "p", "source": "c", "target": "d"}\n',
            "f.jsonl:3: duplicate id 'p' (first on line 1)",
        ),
        (
            '{"source": "a", "target": "b"}\n{"id": 1, "source": "c", "target": "d"}\n',
            "f.jsonl:2: duplicate id '1' (first on line 1)",
        ),
    ],
)
def test_jsonl_errors(tmp_path: Path, content: str, message: str) -> None:
    path = _file(tmp_path, "f.jsonl", content)
    assert str(_error(jsonl.read, path, ReadOptions())) == str(tmp_path / message)


def test_jsonl_writer_escapes_line_separators(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    jsonl.write(out, [Pair("1", "a\u2028b\x85c", "甲")])
    text = out.read_text(encoding="utf-8")
    assert text == '{"id": "1", "source": "a\\u2028b\\u0085c", "target": "甲"}\n'
    assert len(text.splitlines()) == 1


# --------------------------------------------------------------------------- round trips

TRICKY = [
    Pair(
        "p1",
        "Shanxi delegation visits Jincheng",
        "山西代表团访问晋城",
        meta={"extra": {"note": "ok"}},
    ),
    Pair("p2", 'He said "hi",\tthen left', "他说“你好”，\t然后离开", reference="他说“你好”"),
    Pair("p3", "two\nlines", "两\r\n行", meta={"extra": {"note": ""}}),
    Pair("p4", "lone\rCR", "", meta={"extra": {"note": "empty target"}}),
    Pair("p5", "", "只有译文"),
    Pair("p 6", " spaced ", "U+2028\u2028inside", meta={"extra": {"note": "a,b"}}),
    Pair("p7", '"quoted whole"', "'single'"),
]


@pytest.mark.parametrize("name", ["rt.tsv", "rt.csv", "rt.jsonl"])
def test_round_trip(tmp_path: Path, name: str) -> None:
    module = jsonl if name.endswith(".jsonl") else tsv
    out = tmp_path / name
    assert module.write(out, TRICKY) == len(TRICKY)
    back = list(module.read(out, ReadOptions()))
    assert [(p.id, p.source, p.target, p.reference) for p in back] == [
        (p.id, p.source, p.target, p.reference) for p in TRICKY
    ]
    # extras: every row has the column in TSV ("" where a pair had none); JSONL keeps keys
    if module is tsv:
        expected_extra = [{"note": p.meta.get("extra", {}).get("note", "")} for p in TRICKY]
    else:
        expected_extra = [dict(p.meta.get("extra", {})) for p in TRICKY]
    assert [dict(p.meta["extra"]) for p in back] == expected_extra
    # written twice gives the same bytes: the format is stable
    again = tmp_path / f"again{out.suffix}"
    module.write(again, back)
    assert again.read_bytes() == out.read_bytes()


@pytest.mark.parametrize("name", ["o.tsv", "o.csv", "o.jsonl"])
def test_include_original(tmp_path: Path, name: str) -> None:
    module = jsonl if name.endswith(".jsonl") else tsv
    out = tmp_path / name
    pairs = [Pair("a", "Shanxi", "山西"), Pair("b", "Jincheng", "晋城")]
    module.write(out, pairs, include_original=True, originals={"a": "陕西"})
    back = list(module.read(out))
    # a was corrected (original 陕西); b has no original given, so it is its own target
    assert [p.meta["extra"] for p in back] == [
        {"original_target": "陕西"},
        {"original_target": "晋城"},
    ]


def test_tsv_header_is_exact(tmp_path: Path) -> None:
    out = tmp_path / "h.tsv"
    tsv.write(out, [Pair("1", "a", "b", meta={"extra": {"Note": "n"}}), Pair("2", "c", "d")])
    assert out.read_text(encoding="utf-8") == "id\tsource\ttarget\tNote\n1\ta\tb\tn\n2\tc\td\t\n"
    csv_out = tmp_path / "h.csv"
    tsv.write(csv_out, [Pair("1", "a,b", "c", reference="r")])
    assert csv_out.read_text(encoding="utf-8") == 'id,source,target,reference\n1,"a,b",c,r\n'


def test_tsv_writer_refuses_an_extra_that_would_read_back_as_a_column(tmp_path: Path) -> None:
    out = tmp_path / "x.tsv"
    with pytest.raises(TransreviewError) as info:
        tsv.write(out, [Pair("1", "a", "b", meta={"extra": {"Source": "from jsonl"}})])
    assert "'Source'" in str(info.value)
    assert not out.exists()


def test_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "keep.jsonl"
    out.write_text("old\n")

    def pairs() -> Any:
        yield Pair("1", "a", "b")
        raise RuntimeError("export failed half-way")

    with pytest.raises(RuntimeError):
        jsonl.write(out, pairs())
    assert out.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.jsonl"]


# --------------------------------------------------------------------------- Moses


@pytest.mark.parametrize(
    ("en", "zh", "opts", "expected"),
    [
        # en→zh: the .en file is the source; trailing-newline difference is fine
        (
            "Shanxi\nJincheng\n",
            "山西\n晋城",
            ReadOptions(),
            [("1", "Shanxi", "山西"), ("2", "Jincheng", "晋城")],
        ),
        # zh→en: the .zh file is the source
        ("Shanxi\n", "山西\n", ZH_EN, [("1", "山西", "Shanxi")]),
        # U+2028 stays inside its line, so line 2 still pairs with line 2
        (
            "one\u2028two\nthree\n",
            "一二\n三\n",
            ReadOptions(),
            [("1", "one\u2028two", "一二"), ("2", "three", "三")],
        ),
        # a blank line is a pair with an empty side, never dropped
        (
            "a\n\nc\n",
            "甲\n乙\n丙\n",
            ReadOptions(),
            [("1", "a", "甲"), ("2", "", "乙"), ("3", "c", "丙")],
        ),
        ("x\r\n", "叉\r\n", ReadOptions(), [("1", "x", "叉")]),
        ("", "", ReadOptions(), []),
    ],
)
def test_moses_reads(
    tmp_path: Path, en: str, zh: str, opts: ReadOptions, expected: list[tuple[str, str, str]]
) -> None:
    en_path, zh_path = _file(tmp_path, "c.en", en), _file(tmp_path, "c.zh", zh)
    pairs = list(moses.read_pair(en_path, zh_path, opts))
    assert [(p.id, p.source, p.target) for p in pairs] == expected
    assert [(p.doc, p.line, p.index) for p in pairs] == [("c", i + 1, i) for i in range(len(pairs))]
    assert all((p.src_lang, p.tgt_lang) == (opts.src_lang, opts.tgt_lang) for p in pairs)


@pytest.mark.parametrize(
    ("en", "zh", "opts", "bad_file", "message"),
    [
        (
            "a\nb\nc\n",
            "甲\n乙\n",
            ReadOptions(),
            "c.zh",
            "c.zh:3: Moses pair has 3 lines in c.en but 2 lines in c.zh",
        ),
        (
            "a\n",
            "甲\n乙\n",
            ReadOptions(),
            "c.en",
            "c.en:2: Moses pair has 1 line in c.en but 2 lines in c.zh",
        ),
        (
            "a\n",
            "甲\n乙\n",
            ZH_EN,
            "c.en",
            "c.en:2: Moses pair has 1 line in c.en but 2 lines in c.zh",
        ),
        (
            "",
            "甲\n",
            ReadOptions(),
            "c.en",
            "c.en:1: Moses pair has 0 lines in c.en but 1 line in c.zh",
        ),
    ],
)
def test_moses_line_count_mismatch(
    tmp_path: Path, en: str, zh: str, opts: ReadOptions, bad_file: str, message: str
) -> None:
    en_path, zh_path = _file(tmp_path, "c.en", en), _file(tmp_path, "c.zh", zh)
    err = _error(moses.read_pair, en_path, zh_path, opts)
    assert str(err) == str(tmp_path / message)
    assert err.path == str(tmp_path / bad_file)


@pytest.mark.parametrize("opts", [ReadOptions(), ZH_EN])
def test_moses_round_trip(tmp_path: Path, opts: ReadOptions) -> None:
    pairs = [
        Pair("1", "Shanxi delegation", "山西代表团", src_lang="en", tgt_lang="zh"),
        Pair("2", "", "只有译文", src_lang="en", tgt_lang="zh"),
        Pair("3", "sep\u2028inside", "乙\u2028丙", src_lang="en", tgt_lang="zh"),
    ]
    assert moses.write(tmp_path / "out", pairs) == 3
    assert (tmp_path / "out.en").read_text(
        encoding="utf-8"
    ) == "Shanxi delegation\n\nsep\u2028inside\n"
    back = list(read_inputs([tmp_path / "out.en", tmp_path / "out.zh"], opts))
    if opts.src_lang == "zh":
        assert [(p.source, p.target) for p in back] == [(p.target, p.source) for p in pairs]
    else:
        assert [(p.source, p.target) for p in back] == [(p.source, p.target) for p in pairs]


def test_moses_writer_puts_chinese_in_zh_and_flattens_newlines(tmp_path: Path) -> None:
    pairs = [
        Pair("1", "山西\n代表团", "Shanxi\r\ndelegation", src_lang="zh", tgt_lang="en"),
        Pair("2", "two\rlines", "两行"),
    ]
    moses.write(tmp_path / "m.en", pairs)  # a stem given with its .en ending
    assert (tmp_path / "m.en").read_text(encoding="utf-8") == "Shanxi delegation\ntwo lines\n"
    assert (tmp_path / "m.zh").read_text(encoding="utf-8") == "山西 代表团\n两行\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.en", "m.zh"]


def test_moses_write_failure_writes_neither(tmp_path: Path) -> None:
    (tmp_path / "m.en").write_text("old\n")

    def pairs() -> Any:
        yield Pair("1", "a", "甲")
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        moses.write(tmp_path / "m", pairs())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.en"]
    assert (tmp_path / "m.en").read_text() == "old\n"


# --------------------------------------------------------------------------- planning inputs


def test_plan_inputs_pairs_moses_halves_in_command_line_order(tmp_path: Path) -> None:
    zh = _file(tmp_path, "b.zh", "甲\n")
    table = _file(tmp_path, "x.tsv", "source\ttarget\nx\t叉\n")
    en = _file(tmp_path, "b.en", "a\n")
    docs = plan_inputs([zh, table, en])
    assert [(d.name, d.format, d.paths) for d in docs] == [
        ("b", "moses", (en, zh)),
        ("x.tsv", "tsv", (table,)),
    ]
    pairs = list(read_inputs([zh, table, en]))
    assert [(p.doc, p.source, p.target) for p in pairs] == [("b", "a", "甲"), ("x.tsv", "x", "叉")]


@pytest.mark.parametrize(
    ("names", "make", "message"),
    [
        (
            ["notes.docx"],
            True,
            "notes.docx: unknown file ending '.docx'; expected .arb, .csv, .json, .jsonl, .po, .pot, .strings, .tmx, .ts, .tsv, "
            ".txt, .xcstrings, .xlf, .xliff, .xlsx, .xml, NAME.en + NAME.zh",
        ),
        (["a.en"], True, "a.en: half of a Moses pair: give NAME.en and NAME.zh together"),
        (["gone.tsv"], False, "gone.tsv: no such file"),
    ],
)
def test_plan_inputs_errors(tmp_path: Path, names: list[str], make: bool, message: str) -> None:
    paths = [_file(tmp_path, n, "x\n") if make else tmp_path / n for n in names]
    with pytest.raises(InputError) as info:
        plan_inputs(paths)
    assert str(info.value) == str(tmp_path / message)


def test_plan_inputs_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        plan_inputs([tmp_path])
    assert str(info.value) == f"{tmp_path}: is a directory, not a file"


def test_read_inputs_reports_the_bad_file_of_several(tmp_path: Path) -> None:
    good = _file(tmp_path, "good.jsonl", '{"source": "a", "target": "甲"}\n')
    bad = _file(tmp_path, "bad.csv", "source,target\na\n")
    with pytest.raises(InputError) as info:
        list(read_inputs([good, bad]))
    assert str(info.value) == f"{bad}:2: row has 1 field, header has 2"


# --------------------------------------------------------------------------- streaming


def test_tsv_streams_a_50_mb_file_in_little_memory(tmp_path: Path) -> None:
    row = "Shanxi delegation visits Jincheng. " * 14 + "\t" + "山西代表团访问晋城。" * 16 + "\n"
    n_rows = 50_000_000 // len(row.encode())
    path = tmp_path / "big.tsv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("source\ttarget\n")
        block = row * 1000
        for _ in range(n_rows // 1000):
            fh.write(block)
    size = path.stat().st_size
    assert size > 45_000_000
    tracemalloc.start()
    try:
        pairs = tsv.read(path)
        first = next(pairs)
        after_first = tracemalloc.get_traced_memory()[1]
        count = 1 + sum(1 for _ in pairs)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert first.index == 0 and first.target.startswith("山西")
    assert count == (n_rows // 1000) * 1000
    assert after_first < 1_000_000  # the first pair came without reading the file
    assert peak < 5_000_000 < size // 9  # nothing accumulates while streaming


@pytest.mark.parametrize("fmt", ["jsonl", "moses"])
def test_first_pair_needs_only_the_head(tmp_path: Path, fmt: str) -> None:
    # ~10 MB per file; the memory for the first pair is bounded by one 64 KiB chunk of
    # short lines per file (a few MB at most), whatever the file size.
    if fmt == "jsonl":
        path = tmp_path / "big.jsonl"
        path.write_text('{"source": "Shanxi", "target": "山西"}\n' * 250_000, encoding="utf-8")
        size = path.stat().st_size
        pairs = jsonl.read(path)
    else:
        (tmp_path / "m.en").write_text("Shanxi\n" * 1_500_000, encoding="utf-8")
        (tmp_path / "m.zh").write_text("山西\n" * 1_500_000, encoding="utf-8")
        size = (tmp_path / "m.en").stat().st_size
        pairs = moses.read_pair(tmp_path / "m.en", tmp_path / "m.zh", ReadOptions())
    assert size > 9_000_000
    tracemalloc.start()
    try:
        first = next(pairs)
        used = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (first.source, first.target) == ("Shanxi", "山西")
    assert used < size // 3


def test_id_tracker_refuses_duplicates_across_growth_and_stays_compact(tmp_path):
    """Fingerprints in flat arrays: every id of 50,000 is still known after the table has
    grown many times, a repeat names the first line, and the memory per id is small."""
    import tracemalloc

    from transreview.errors import InputError
    from transreview.formats.tsv import IdTracker

    ids = [f"doc{i % 7}-{i}" for i in range(50_000)]  # built before measuring
    tracemalloc.start()
    tracker = IdTracker(tmp_path / "f.tsv")
    for line, pair_id in enumerate(ids, start=2):
        tracker.add(pair_id, line)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak / len(ids) < 80  # a dict keeping the id strings took about 145 bytes an id
    for line, pair_id in ((2, "doc0-0"), (25_001, "doc2-24999"), (50_001, "doc5-49999")):
        with pytest.raises(InputError) as err:
            tracker.add(pair_id, 99_999)
        assert str(err.value).endswith(f"duplicate id {pair_id!r} (first on line {line})")
    tracker.add("doc0-50000", 99_999)  # a new id is fine
