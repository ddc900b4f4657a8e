"""The localization formats from the command line: ``transreview formats`` lists them,
``check`` reads each real file and refuses a broken one in one line, and import → export
of an unchanged file gives it back byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.cli import assert_refused, check, report_of, run_cli

DATA = Path(__file__).resolve().parents[1] / "data" / "l10n"


def test_formats_lists_every_registered_format() -> None:
    res = run_cli("formats")
    assert res.returncode == 0, res.stderr
    rows = {line.split()[0]: line for line in res.stdout.splitlines()[1:]}
    assert {"tmx", "xliff", "tsv", "jsonl", "moses", "page", "po"} <= set(rows)
    assert ".po .pot" in rows["po"] and "patch+new" in rows["po"]
    assert "NAME.en + NAME.zh" in rows["moses"]


def test_check_reads_the_real_po(tmp_path: Path) -> None:
    shutil.copy(DATA / "po_sphinx_zh_CN.po", tmp_path)
    report = report_of(check("po_sphinx_zh_CN.po", cwd=tmp_path), tmp_path)
    assert report["summary"]["pairs"] == 869


def test_a_broken_po_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "bad.po").write_text('msgid "a"\nmsgstr "b"\n\nmsgid "c"\nbogus "d"\n', encoding="utf-8")
    assert_refused(check("bad.po", cwd=tmp_path), "bad.po", line=5, problem=["PO"], cwd=tmp_path)


def test_po_import_export_unchanged_is_byte_identical(tmp_path: Path) -> None:
    src = DATA / "po_sphinx_zh_CN.po"
    assert run_cli("import", src, "--db", tmp_path / "p.db").returncode == 0
    res = run_cli("export", tmp_path / "p.db", "--format", "po", "-o", tmp_path / "out.po")
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "out.po").read_bytes() == src.read_bytes()


def test_android_res_directory_checks_and_round_trips(tmp_path: Path) -> None:
    res = DATA / "android-antennapod" / "res"
    report = report_of(check(res, cwd=tmp_path), tmp_path)
    assert report["summary"]["pairs"] > 800
    assert run_cli("import", res, "--db", tmp_path / "p.db").returncode == 0
    res_export = run_cli("export", tmp_path / "p.db", "--format", "android", "-o", tmp_path / "out.xml")
    assert res_export.returncode == 0, res_export.stderr
    assert (tmp_path / "out.xml").read_bytes() == (res / "values-zh-rCN" / "strings.xml").read_bytes()


def test_an_android_source_alone_is_refused(tmp_path: Path) -> None:
    (tmp_path / "values").mkdir()
    shutil.copy(DATA / "android-antennapod" / "res" / "values" / "strings.xml", tmp_path / "values")
    assert_refused(check("values/strings.xml", cwd=tmp_path), "values/strings.xml", line=None,
                   problem=["source file alone"], cwd=tmp_path)


def test_ios_folder_and_catalog_check_and_round_trip(tmp_path: Path) -> None:
    for inp, fmt, original in (
        (DATA / "ios-stats", "strings", DATA / "ios-stats" / "zh-Hans.lproj" / "Localizable.strings"),
        (DATA / "xcstrings-whisky" / "Localizable.xcstrings", "xcstrings",
         DATA / "xcstrings-whisky" / "Localizable.xcstrings"),
    ):
        work = tmp_path / fmt
        work.mkdir()
        report = report_of(check(inp, cwd=work), work)
        assert report["summary"]["pairs"] == (464 if fmt == "strings" else 152)
        assert run_cli("import", inp, "--db", work / "p.db").returncode == 0
        res = run_cli("export", work / "p.db", "--format", fmt, "-o", work / "out")
        assert res.returncode == 0, res.stderr
        assert (work / "out").read_bytes() == original.read_bytes()


@pytest.mark.parametrize(("inp", "fmt", "target"), [
    ("json-excalidraw", "json", "zh-CN.json"),
    ("arb-gallery", "arb", "intl_zh_CN.arb"),
])
def test_json_and_arb_check_and_round_trip(tmp_path: Path, inp: str, fmt: str, target: str) -> None:
    report = report_of(check(DATA / inp, cwd=tmp_path), tmp_path)
    assert report["summary"]["pairs"] > 600
    assert run_cli("import", DATA / inp, "--db", tmp_path / "p.db").returncode == 0
    res = run_cli("export", tmp_path / "p.db", "--format", fmt, "-o", tmp_path / "out")
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "out").read_bytes() == (DATA / inp / target).read_bytes()


def test_qt_ts_checks_and_round_trips(tmp_path: Path) -> None:
    src = DATA / "ts-keepassxc" / "ts_keepassxc_zh_CN.ts"
    assert report_of(check(src, cwd=tmp_path), tmp_path)["summary"]["pairs"] == 2184
    assert run_cli("import", src, "--db", tmp_path / "p.db").returncode == 0
    res = run_cli("export", tmp_path / "p.db", "--format", "ts", "-o", tmp_path / "out.ts")
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "out.ts").read_bytes() == src.read_bytes()
