"""Files with the wrong shape: uneven Moses pairs, ragged tables, empty files, directories.

Also ``import --db``: a bad input must leave an existing project exactly as it was and a
new one either absent or an empty, valid project (each document is stored atomically).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import assert_refused, check, run_cli
from transreview.store import Store


def put(work: Path, name: str, text: str) -> str:
    (work / name).write_text(text, encoding="utf-8")
    return name


@pytest.mark.parametrize(
    ("en", "zh", "bad", "line", "problem"),
    [
        ("a\nb\nc\n", "甲\n乙\n", "m.zh", 3, ["3 lines in m.en", "2 lines in m.zh"]),
        ("a\n", "甲\n乙\n丙\n", "m.en", 2, ["1 line in m.en", "3 lines in m.zh"]),
        # a missing last newline does not make a line; an extra blank line does
        ("a\nb", "甲\n乙\n\n", "m.en", 3, ["2 lines in m.en", "3 lines in m.zh"]),
        ("", "甲\n", "m.en", 1, ["0 lines in m.en", "1 line in m.zh"]),
    ],
)
def test_moses_files_of_different_lengths(
    work: Path, en: str, zh: str, bad: str, line: int, problem: list[str]
) -> None:
    put(work, "m.en", en)
    put(work, "m.zh", zh)
    assert_refused(check("m.en", "m.zh", cwd=work), bad, line=line, problem=problem, cwd=work)


@pytest.mark.parametrize(
    ("name", "text", "line", "problem"),
    [
        ("missing.tsv", "source\ttarget\nHello\t你好\nWorld\n", 3, ["row has 1 field", "header has 2"]),
        ("extra.tsv", "source\ttarget\nHello\t你好\textra\n", 2, ["row has 3 fields", "header has 2"]),
        ("extra.csv", "id,source,target\n1,Hello,你好\n2,a,b,c,d\n", 3, ["row has 5 fields", "header has 3"]),
        ("missing.csv", "source,target\nHello\n", 2, ["row has 1 field"]),
        ("notarget.tsv", "source\ttranslation\nHello\t你好\n", 1, ["no 'target' column"]),
        ("twice.tsv", "source\ttarget\tSource\na\tb\tc\n", 1, ["column 'Source' twice"]),
        # a quoted header cell holding a newline is quoted back, on the one line
        ("nl-header.tsv", '"sou\nrce"\ttarget\na\tb\n', 1, ["no 'source' column", "'sou\\nrce'"]),
        ("open-quote.tsv", 'source\ttarget\n"Hello\t你好\nmore\n', 2, ["never closed"]),
        ("dup.tsv", "id\tsource\ttarget\nx\ta\tb\nx\tc\td\n", 3, ["duplicate id 'x'", "line 2"]),
    ],
)
def test_ragged_tables(work: Path, name: str, text: str, line: int, problem: list[str]) -> None:
    put(work, name, text)
    assert_refused(check(name, cwd=work), name, line=line, problem=problem, cwd=work)


@pytest.mark.parametrize(
    ("names", "problem"),
    [
        (["e.tsv"], ["empty file"]),
        (["e.csv"], ["empty file"]),
        (["e.jsonl"], ["no pairs"]),
        (["e.tmx"], ["empty"]),
        (["e.xlf"], ["empty"]),
        (["e.xliff"], ["empty"]),
        (["e.txt"], ["empty"]),
        (["e.en", "e.zh"], ["no pairs"]),
    ],
)
def test_an_empty_file_of_every_format(work: Path, names: list[str], problem: list[str]) -> None:
    for n in names:
        (work / n).write_bytes(b"")
    assert_refused(check(*names, cwd=work), names[0], line=None, problem=problem, cwd=work)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("header-only.tsv", "source\ttarget\n"),
        ("blank.jsonl", "\n  \n\r\n"),
        ("blank.txt", "\n\n   \n"),
    ],
)
def test_a_file_with_no_pairs(work: Path, name: str, text: str) -> None:
    put(work, name, text)
    run = check(name, cwd=work)
    assert_refused(run, name, line=None, problem=["no pair" if name != "blank.txt" else "empty"],
                   cwd=work)


@pytest.mark.parametrize("name", ["dir.tsv", "dir.tmx", "dir.xlf", "dir.txt", "dir.jsonl", "dir"])
def test_a_directory_given_as_a_file(work: Path, name: str) -> None:
    (work / name).mkdir()
    assert_refused(check(name, cwd=work), name, line=None, problem=["is a directory"], cwd=work)


def test_a_directory_as_half_of_a_moses_pair(work: Path) -> None:
    put(work, "m.en", "a\n")
    (work / "m.zh").mkdir()
    assert_refused(check("m.en", "m.zh", cwd=work), "m.zh", line=None,
                   problem=["is a directory"], cwd=work)


@pytest.mark.parametrize(
    ("args", "bad", "problem"),
    [
        (["nope.tsv"], "nope.tsv", ["no such file"]),
        (["notes.docx"], "notes.docx", ["unknown file ending '.docx'"]),
        (["half.en"], "half.en", ["half of a Moses pair"]),
    ],
)
def test_missing_unknown_and_half_inputs(
    work: Path, args: list[str], bad: str, problem: list[str]
) -> None:
    for a in args:
        if not a.startswith("nope"):
            put(work, a, "x\n")
    assert_refused(check(*args, cwd=work), bad, line=None, problem=problem, cwd=work)


def test_a_bad_second_input_writes_no_report(work: Path) -> None:
    put(work, "good.tsv", "source\ttarget\nJincheng is in Shanxi.\t晋城在陕西。\n")
    put(work, "bad.tsv", "source\ttarget\nHello\n")
    assert_refused(check("good.tsv", "bad.tsv", cwd=work), "bad.tsv", line=2,
                   problem=["row has 1 field"], cwd=work)


def test_a_failed_check_keeps_an_older_report(work: Path) -> None:
    (work / "report.json").write_text("old", encoding="utf-8")
    put(work, "bad.tsv", "source\ttarget\nHello\n")
    run = check("bad.tsv", cwd=work)
    assert_refused(run, "bad.tsv", line=2, problem=["row has 1 field"], cwd=work, absent=())
    assert (work / "report.json").read_text(encoding="utf-8") == "old"


# --------------------------------------------------------------------------- import --db


def _documents(db: Path) -> list[tuple[str, int]]:
    with Store.open(db, create=False) as store:
        return [(d.name, store.count_pairs(d.id)) for d in store.documents()]


BAD_INPUTS = [
    ("bad.tsv", "source\ttarget\nHello\t你好\nWorld\n", 3),
    ("bad.jsonl", '{"source": "a", "target": "b"}\n{"source": \n', 2),
    ("bad.tmx", '<?xml version="1.0"?>\n<tmx version="1.4"><body><tu>\n', 3),
]


def test_import_of_a_bad_file_leaves_an_existing_project_as_it_was(work: Path) -> None:
    put(work, "good.tsv", "source\ttarget\nJincheng is in Shanxi.\t晋城在陕西。\n")
    first = run_cli("import", "good.tsv", "--db", "p.db", cwd=work)
    assert first.returncode == 0, first.stderr
    before = _documents(work / "p.db")
    assert before == [("good.tsv", 1)]
    for name, text, line in BAD_INPUTS:
        put(work, name, text)
        run = run_cli("import", name, "--db", "p.db", cwd=work)
        assert_refused(run, name, line=line, problem=[], cwd=work, absent=())
        assert _documents(work / "p.db") == before


@pytest.mark.parametrize(("name", "text", "line"), BAD_INPUTS)
def test_import_of_a_bad_file_into_a_new_project(
    work: Path, name: str, text: str, line: int
) -> None:
    put(work, name, text)
    run = run_cli("import", name, "--db", "new.db", cwd=work)
    assert_refused(run, name, line=line, problem=[], cwd=work, absent=())
    # A failed first import leaves no project file (nor its WAL) behind.
    assert sorted(p.name for p in work.iterdir() if p.name.startswith("new.db")) == []


def test_import_of_a_directory_never_creates_the_project(work: Path) -> None:
    (work / "d.tsv").mkdir()
    run = run_cli("import", "d.tsv", "--db", "new.db", cwd=work)
    assert_refused(run, "d.tsv", line=None, problem=["is a directory"], cwd=work, absent=["new.db"])


def test_a_header_of_a_million_columns_is_refused(tmp_path: Path) -> None:
    """Every extra column is stored with every pair: 1,000,000 of them made a 25 MB project
    of one pair. The header is bounded (1,000 columns) and refused in one line."""
    header = "source\ttarget\t" + "\t".join(f"c{i}" for i in range(1_000_000))
    row = "Hello.\t你好。" + "\t" * 1_000_000
    (tmp_path / "wide.tsv").write_text(header + "\n" + row + "\n", encoding="utf-8")
    run = run_cli("import", "wide.tsv", "--db", "p.db", cwd=tmp_path)
    assert_refused(run, "wide.tsv", line=1, problem=["1,000,002 columns", "at most 1,000"], cwd=tmp_path,
                   absent=("p.db",))
