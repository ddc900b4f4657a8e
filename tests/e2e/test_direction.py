"""A Chinese→English file checked without language options: noticed and checked that way
(it gave one "target is in English" major per pair); the options still decide when given."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.cli import check, report_of

# Tatoeba sentences (CC BY 2.0 FR), Chinese first.
ZH_EN = (
    "source\ttarget\n"
    "我们试试吧。\tLet's try something.\n"
    "我该去睡觉了。\tI have to go to sleep.\n"
    "你在干什么啊？\tWhat are you doing?\n"
    "他有三百本书。\tHe has 300 books.\n"
)


def _majors(report: dict) -> int:
    return sum(f["severity"] in ("major", "critical") for p in report["pairs"] for f in p["findings"])


def test_zh_en_file_is_noticed_and_checked_as_zh_en(tmp_path: Path) -> None:
    (tmp_path / "zh-en.tsv").write_text(ZH_EN, encoding="utf-8")
    report = report_of(check("zh-en.tsv", cwd=tmp_path), tmp_path)
    assert any("checked as zh→en" in n for n in report["notices"])
    assert _majors(report) == 0


def test_language_options_still_override(tmp_path: Path) -> None:
    (tmp_path / "zh-en.tsv").write_text(ZH_EN, encoding="utf-8")
    run = check("zh-en.tsv", cwd=tmp_path, extra=["--source-lang", "en", "--target-lang", "zh"])
    report = report_of(run, tmp_path)
    assert not any("checked as zh→en" in n for n in report["notices"])
    assert _majors(report) >= 4  # each English target reported as untranslated


def test_en_zh_file_gets_no_notice(tmp_path: Path) -> None:
    (tmp_path / "en-zh.tsv").write_text(
        "source\ttarget\nLet's try something.\t我们试试吧。\nI have to go to sleep.\t我该去睡觉了。\n", encoding="utf-8"
    )
    report = report_of(check("en-zh.tsv", cwd=tmp_path), tmp_path)
    assert not any("zh→en" in n for n in report["notices"])
