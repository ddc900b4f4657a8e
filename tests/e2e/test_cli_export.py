"""``transreview export`` end to end: the real executable, exit codes, stderr, files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import run_cli
from tests.helpers.corpora import SHANXI
from transreview.formats import tsv
from transreview.project import import_inputs
from transreview.review import ReviewSession


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "shanxi.db"
    import_inputs(inputs=[SHANXI], db=db)
    with ReviewSession.open(db, "alice") as s:
        pid = next(r.pair_id for r in s.queue_page(0, 100) if r.pair_key == "p4")
        s.apply_suggestion(next(f.id for f in s.pair(pid).findings if f.finding.text == "陕西"))
    return db


def test_export_tsv_prints_a_summary_on_stderr(project, tmp_path) -> None:
    out = tmp_path / "fixed.tsv"
    res = run_cli("export", project, "--format", "tsv", "-o", out)
    assert res.returncode == 0, res.stderr
    assert res.stdout == ""
    # p5 joins two English paragraphs: its TSV row spans lines, and the summary says so
    assert res.stderr.strip().splitlines() == [
        f"exported 13 of 13 pairs (1 corrected) as tsv to {out}",
        "note: 1 pair holds a line break, written as a quoted field across lines (CSV quoting); "
        "--format jsonl keeps one pair per line",
    ]
    p4 = next(p for p in tsv.read(out) if p.id == "p4")
    assert "山西省发展改革委" in p4.target and "陕西" not in p4.target


def test_export_with_filters(project, tmp_path) -> None:
    out = tmp_path / "c.jsonl"
    res = run_cli("export", project, "--format", "jsonl", "-o", out, "--only", "corrected",
              "--include-original")
    assert res.returncode == 0, res.stderr
    assert "left out: 12 not corrected" in res.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "tmx", "--include-original"], "tsv and jsonl only"),
        (["--format", "tsv", "--only", "approved"], "nothing to export"),
    ],
)
def test_export_errors_are_one_line_exit_2(project, tmp_path, args, message) -> None:
    out = tmp_path / "o.out"
    res = run_cli("export", project, "-o", out, *args)
    assert res.returncode == 2
    assert message in res.stderr and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_export_of_a_missing_project(tmp_path) -> None:
    res = run_cli("export", tmp_path / "nope.db", "--format", "tsv", "-o", tmp_path / "o.tsv")
    assert res.returncode == 2 and "no such project" in res.stderr
    assert not (tmp_path / "nope.db").exists()
