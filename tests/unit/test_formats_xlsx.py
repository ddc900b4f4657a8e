"""Bilingual XLSX tables: columns by header name or language, several sheets, and an
export that writes corrected targets into a copy with the formatting kept."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font, PatternFill

from transreview.errors import InputError
from transreview.formats import ENDINGS, xlsx


def _book(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "Read me"
    cover["A1"] = "Please translate the second and third sheets."
    ui = wb.create_sheet("UI")
    ui.append(["Key", "English", "简体中文", "Note"])
    ui.append(["ok", "OK", "确定", "button"])
    ui.append(["cancel", "Cancel", "取消", ""])
    ui.append([None, None, None, None])  # an empty row: skipped
    ui["C2"].font = Font(bold=True)
    ui["C2"].fill = PatternFill("solid", fgColor="FFFF00")
    ui.column_dimensions["B"].width = 40
    docs = wb.create_sheet("Docs")
    docs.append(["Title: manual"])  # a title row above the header
    docs.append(["Source", "Target"])
    docs.append(["Save the file.", "保存文件"])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    return path


def test_registered() -> None:
    assert ENDINGS[".xlsx"] == "xlsx"


def test_pairs(tmp_path: Path) -> None:
    pairs = list(xlsx.read(_book(tmp_path)))
    assert [(p.id, p.source, p.target, p.line) for p in pairs] == [
        ("ok", "OK", "确定", 2),
        ("cancel", "Cancel", "取消", 3),
        ("Docs!3", "Save the file.", "保存文件", 3),  # no id column: sheet and row
    ]
    assert pairs[0].meta["extra"] == {"Note": "button"}
    assert pairs[2].meta["sheet"] == "Docs"


def test_a_book_without_a_header_is_refused(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["a", "b"])
    path = tmp_path / "x.xlsx"
    wb.save(path)
    with pytest.raises(InputError, match="no sheet has a header row"):
        list(xlsx.read(path))


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="not a readable .xlsx"):
        list(xlsx.read(path))


def test_export_writes_corrections_into_a_copy(tmp_path: Path) -> None:
    src = _book(tmp_path)
    out = tmp_path / "out.xlsx"
    xlsx.write_patched(src.read_bytes(), out, {})
    assert out.read_bytes() == src.read_bytes()
    xlsx.write_patched(src.read_bytes(), out, {0: "好", 2: "保存该文件。"})
    assert [(p.id, p.target) for p in xlsx.read(out)] == [
        ("ok", "好"), ("cancel", "取消"), ("Docs!3", "保存该文件。"),
    ]
    wb = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    assert wb.sheetnames == ["Read me", "UI", "Docs"]
    assert wb["Read me"]["A1"].value == "Please translate the second and third sheets."
    assert wb["UI"]["C2"].font.bold is True
    assert wb["UI"]["C2"].fill.fgColor.rgb == "00FFFF00"
    assert wb["UI"].column_dimensions["B"].width == 40
    assert wb["UI"]["D2"].value == "button"
