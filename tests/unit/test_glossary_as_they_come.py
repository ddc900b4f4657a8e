"""Glossaries as teams keep them: a headerless CSV with sections, Weblate TBX with empty
targets, OmegaT tab-separated UTF-16. Real files in tests/data/glossaries (SOURCES.md)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from transreview.errors import InputError
from transreview.text.glossary import read_glossary

DATA = Path(__file__).resolve().parents[1] / "data" / "glossaries"
MOD_CSV = DATA / "mod-translation-styleguide_glossary.csv"
SLICER_TBX = DATA / "slicer_glossary_zh_Hans.tbx"


def _by_en(path: Path) -> dict[str, object]:
    return {e.en[0]: e for e in read_glossary(path).entries}


def test_headerless_csv_first_row_is_an_entry() -> None:
    entries = _by_en(MOD_CSV)
    shaped = entries["Shaped"]  # line 2, the first row: not taken for a header
    assert (shaped.zh, shaped.note, shaped.where) == (("有序",), "", f"{MOD_CSV.name}:2")


def test_section_lines_are_skipped() -> None:
    entries = _by_en(MOD_CSV)
    assert not any(k.startswith("#") for k in entries)


def test_fullwidth_commas_are_alternatives() -> None:
    assert _by_en(MOD_CSV)["Server"].zh == ("服务端", "服务器")  # "Server, 服务端，服务器"


def test_rows_of_one_term_are_one_entry_with_every_rendering_and_its_note() -> None:
    smelt = _by_en(MOD_CSV)["Smelt"]  # lines 10-13, one rendering per context
    assert smelt.zh == ("烧炼", "冶炼", "烧制", "烹饪")
    assert smelt.note == "烧炼: 概括; 冶炼: 矿物; 烧制: 普通; 烹饪: 食物"
    assert smelt.where.endswith(":10")


def test_a_note_with_fullwidth_commas_stays_one_note() -> None:
    fe = _by_en(MOD_CSV)["Forge Energy"]  # line 78
    assert fe.zh == ("FE能量",)
    assert fe.note.startswith("FE能量: 任何指代 `net.minecraftforge.energy` 的名称，没有空格，")


def test_untranslated_row_is_skipped() -> None:
    assert "Nitro-Carbon" not in _by_en(MOD_CSV)  # line 416: "Nitro-Carbon," with no Chinese


def test_weblate_tbx_empty_targets_are_skipped() -> None:
    g = read_glossary(SLICER_TBX)
    # 153 entries, 136 of them with an empty <term/> for zh_Hans: 17 filled
    assert len(g.entries) == 17
    assert g.entries[0].en == ("Toggle visibility",) and g.entries[0].zh == ("可见/隐藏",)


def _omegat(rows: list[str]) -> str:
    return "# OmegaT glossary\n" + "".join(r + "\n" for r in rows)


ROWS = ["Toggle visibility\t可见/隐藏\tSlicer", "Pick color\t选择颜色"]


@pytest.mark.parametrize(
    ("name", "encoding", "bom"),
    [
        ("glossary.txt", "utf-16-be", b""),
        ("glossary.txt", "utf-16-be", codecs.BOM_UTF16_BE),
        ("glossary.utf8", "utf-8", b""),
        ("glossary.txt", "utf-16-le", b""),
    ],
)
def test_omegat_tab_separated(tmp_path: Path, name: str, encoding: str, bom: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(bom + _omegat(ROWS).encode(encoding))
    g = read_glossary(path)
    assert [(e.en, e.zh, e.note) for e in g.entries] == [
        (("Toggle visibility",), ("可见/隐藏",), "可见/隐藏: Slicer"),
        (("Pick color",), ("选择颜色",), ""),
    ]


def test_a_header_that_names_nothing_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("term,translation\nServer,服务器\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_glossary(path)
    assert e.value.line == 1 and "names no term columns" in e.value.message
