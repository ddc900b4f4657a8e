"""Formula injection: a segment such as ``=HYPERLINK("http://evil","Click")`` exported to
TSV/CSV runs as a formula when the file is opened in a spreadsheet.

Exports stay byte-exact by default (a corpus is data for tools first); ``export
--spreadsheet-safe`` prefixes each cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return with ``'`` (OWASP's advice), for TSV/CSV only. An XLSX round trip writes a
corrected target as text, never as a formula.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from tests.helpers.cli import run_cli
from transreview.formats import xlsx
from transreview.formats.tsv import spreadsheet_safe

ROWS = [
    ("a", '=HYPERLINK("http://evil.example","Click")', "点击"),
    ("b", "+1 for the idea", "-1 也行"),
    ("c", "@SUM(A1:A2)", "合计"),
    ("d", "Plain text - with a dash inside.", "普通文本。"),
]


def _project(tmp_path: Path) -> Path:
    corpus = tmp_path / "in.tsv"
    with open(corpus, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["id", "source", "target"])
        w.writerows(ROWS)
    run = run_cli("import", corpus, "--db", tmp_path / "p.db")
    assert run.returncode == 0, run.stderr
    return tmp_path / "p.db"


def _rows(path: Path, delimiter: str) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter=delimiter))


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+2", "'=1+2"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("a=1", "a=1"), ("", ""), ("你好", "你好"), (" =1", " =1"),
])
def test_spreadsheet_safe_cell(value, expected) -> None:
    assert spreadsheet_safe(value) == expected


@pytest.mark.parametrize(("name", "delimiter"), [("out.tsv", "\t"), ("out.csv", ",")])
def test_default_export_is_byte_exact_and_opt_in_is_defused(tmp_path, name, delimiter) -> None:
    db = _project(tmp_path)
    plain = run_cli("export", db, "-o", tmp_path / name)
    assert plain.returncode == 0, plain.stderr
    assert _rows(tmp_path / name, delimiter)[1:] == [list(r) for r in ROWS]

    safe_path = tmp_path / ("safe-" + name)
    safe = run_cli("export", db, "-o", safe_path, "--spreadsheet-safe")
    assert safe.returncode == 0, safe.stderr
    assert _rows(safe_path, delimiter) == [
        ["id", "source", "target"],
        ["a", '\'=HYPERLINK("http://evil.example","Click")', "点击"],
        ["b", "'+1 for the idea", "'-1 也行"],
        ["c", "'@SUM(A1:A2)", "合计"],
        ["d", "Plain text - with a dash inside.", "普通文本。"],
    ]


def test_spreadsheet_safe_is_refused_for_other_formats(tmp_path) -> None:
    db = _project(tmp_path)
    run = run_cli("export", db, "-o", tmp_path / "out.tmx", "--spreadsheet-safe")
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        "transreview: --spreadsheet-safe is for files opened in a spreadsheet: tsv only"
    ]
    assert not (tmp_path / "out.tmx").exists()


def test_xlsx_round_trip_writes_a_formula_like_target_as_text(tmp_path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Source", "Target"])
    ws.append(["Add them up.", "相加"])
    book = io.BytesIO()
    wb.save(book)
    out = tmp_path / "out.xlsx"
    xlsx.write_patched(book.getvalue(), out, {0: "=1+2"})
    cell = openpyxl.load_workbook(out)["Sheet"]["B2"]
    assert (cell.value, cell.data_type) == ("=1+2", "s")
    assert [p.target for p in xlsx.read(out)] == ["=1+2"]
