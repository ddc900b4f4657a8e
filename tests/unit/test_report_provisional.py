"""Units a file marks provisional (PO fuzzy, Qt unfinished) are counted apart in the reports."""

from __future__ import annotations

import json
from pathlib import Path

import polib

from tests.helpers.cli import run_cli

DATA = Path(__file__).resolve().parents[1] / "data" / "l10n"


def _sphinx_with_fuzzy(tmp_path: Path, n: int) -> Path:
    po = polib.pofile(str(DATA / "po_sphinx_zh_CN.po"))
    marked = 0
    for entry in po:
        if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
            marked += 1
            if marked == n:
                break
    path = tmp_path / "sphinx.po"
    po.save(str(path))
    return path


def test_fuzzy_units_are_a_key_and_a_line_apart_from_findings(tmp_path: Path) -> None:
    plain = tmp_path / "plain.json"
    run_cli("check", DATA / "po_sphinx_zh_CN.po", "--format", "json", "-o", plain)
    base = json.loads(plain.read_text(encoding="utf-8"))
    assert "provisional" not in base  # the real file has no fuzzy entry

    path = _sphinx_with_fuzzy(tmp_path, 3)
    out = tmp_path / "r.json"
    res = run_cli("check", path, "--format", "json", "-o", out)
    assert res.returncode in (0, 1), res.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["provisional"] == {"pairs": 3, "by_state": {"fuzzy": 3}}
    # not mixed with the findings: the same findings as the file without the marks
    assert report["summary"] == base["summary"]

    res = run_cli("check", path)
    line = next(ln for ln in res.stdout.splitlines() if ln.startswith("Provisional:"))
    assert line.startswith("Provisional: 3 pairs marked by the file as not final (3 fuzzy)")


def test_qt_unfinished_translations_are_counted(tmp_path: Path) -> None:
    src = next((DATA / "ts-keepassxc").glob("*.ts"))
    text = src.read_text(encoding="utf-8")
    # mark the first two finished translations unfinished, as Qt Linguist writes it
    planted = text.replace("<translation>", '<translation type="unfinished">', 2)
    assert planted != text
    path = tmp_path / "k.ts"
    path.write_text(planted, encoding="utf-8")
    out = tmp_path / "r.json"
    run_cli("check", path, "--format", "json", "-o", out)
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["provisional"] == {"pairs": 2, "by_state": {"unfinished": 2}}
