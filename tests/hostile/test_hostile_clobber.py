"""No output may replace what the run reads: a project, its -wal/-shm, an input, a glossary
or a baseline. Each case is one command line a clumsy user types; the answer is a clean
refusal (exit 2, one stderr line) and every file byte-identical afterwards."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from tests.helpers.cli import run_cli

TSV = "source\ttarget\nHello world.\t你好，世界。\nThe 3 cats.\t三只猫。\n"


def _digests(d: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(d.iterdir()) if p.is_file()}


def _refused(run, *words: str) -> str:
    assert run.returncode == 2, (run.returncode, run.stderr)
    assert "Traceback" not in run.everything
    lines = run.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("transreview: ")
    for w in words:
        assert w in lines[0], (w, lines[0])
    return lines[0]


@pytest.fixture
def project(work: Path) -> Path:
    (work / "a.tsv").write_text(TSV, encoding="utf-8")
    run = run_cli("import", "a.tsv", "--db", "p.db", cwd=work)
    assert run.returncode == 0, run.stderr
    return work / "p.db"


@pytest.mark.parametrize("argv", [
    ["export", "p.db", "--format", "tsv", "-o", "p.db"],
    ["export", "p.db", "--format", "tsv", "-o", "./sub/../p.db"],
    ["export", "p.db", "--format", "tsv", "-o", "p.db-wal"],
    ["export", "p.db", "--format", "tsv", "-o", "p.db-shm"],
    ["export", "p.db", "--format", "tsv", "-o", "link.db"],
    ["export", "p.db", "--format", "tsv", "-o", "hard.db"],
    ["report", "p.db", "-o", "p.db"],
    ["report", "p.db", "-o", "p.db-wal"],
    ["report", "p.db", "--format", "json", "-o", "other.db"],
])
def test_an_output_never_replaces_a_project(project: Path, argv: list[str]) -> None:
    work = project.parent
    (work / "sub").mkdir()
    (work / "link.db").symlink_to("p.db")
    (work / "hard.db").hardlink_to(work / "p.db")
    sqlite3.connect(work / "other.db").execute("CREATE TABLE t(x)").connection.close()
    # keep a -wal and -shm present, as an open review session would
    keeper = sqlite3.connect(project)
    keeper.execute("PRAGMA journal_mode=WAL")
    keeper.execute("BEGIN IMMEDIATE")
    keeper.execute("CREATE TABLE IF NOT EXISTS _probe(x)")
    keeper.commit()
    before = _digests(work)
    try:
        _refused(run_cli(*argv, cwd=work), str(Path(argv[-1])), "refusing")
        assert _digests(work) == before
    finally:
        keeper.close()
    with sqlite3.connect(project) as c:
        assert c.execute("SELECT count(*) FROM pairs").fetchone()[0] == 2


@pytest.mark.parametrize("argv", [
    ["check", "a.tsv", "-o", "a.tsv"],
    ["check", "a.tsv", "--write-baseline", "a.tsv"],
    ["check", "a.tsv", "b.tsv", "--write-baseline", "b.tsv"],
    ["check", "a.tsv", "--glossary", "g.csv", "-o", "g.csv"],
    ["check", "a.tsv", "--glossary", "g.csv", "--write-baseline", "g.csv"],
    ["check", "a.tsv", "--baseline", "base.json", "-o", "base.json"],
    ["check", "a.tsv", "-o", "r.json", "--write-baseline", "r.json"],
    ["check", "a.tsv", "-o", "p.db"],
    ["score", "--ref", "ref.txt", "hyp.txt", "-o", "hyp.txt"],
    ["score", "--ref", "ref.txt", "hyp.txt", "-o", "ref.txt"],
])
def test_check_outputs_never_replace_what_the_run_reads(project: Path, argv: list[str]) -> None:
    work = project.parent
    (work / "b.tsv").write_text(TSV, encoding="utf-8")
    (work / "g.csv").write_text("cat,猫\n", encoding="utf-8")
    (work / "hyp.txt").write_text("你好\n", encoding="utf-8")
    (work / "ref.txt").write_text("你好\n", encoding="utf-8")
    run = run_cli("check", "a.tsv", "--format", "json", "-o", "r0.json", "--no-progress",
                  "--fail-on", "never", "--write-baseline", "base.json", cwd=work)
    assert run.returncode == 0, run.stderr
    before = _digests(work)
    extra = ["--no-progress"] if argv[0] == "check" else []
    _refused(run_cli(*argv, *extra, cwd=work), argv[-1])
    assert _digests(work) == before


def test_merge_output_never_replaces_a_shard_report(work: Path) -> None:
    (work / "a.tsv").write_text(TSV, encoding="utf-8")
    for i in (1, 2):
        run = run_cli("check", "a.tsv", "--shard", f"{i}/2", "-o", f"s{i}.json", "--no-progress", cwd=work)
        assert run.returncode in (0, 1), run.stderr
    before = _digests(work)
    _refused(run_cli("merge", "s1.json", "s2.json", "-o", "s1.json", cwd=work), "s1.json")
    assert _digests(work) == before


def test_refreshing_a_baseline_in_place_is_allowed(work: Path) -> None:
    (work / "a.tsv").write_text(TSV, encoding="utf-8")
    first = run_cli("check", "a.tsv", "--no-progress", "--fail-on", "never", "--write-baseline", "b.json", cwd=work)
    assert first.returncode == 0, first.stderr
    again = run_cli("check", "a.tsv", "--no-progress", "--fail-on", "never",
                    "--baseline", "b.json", "--write-baseline", "b.json", cwd=work)
    assert again.returncode == 0, again.stderr


def test_an_ordinary_export_and_report_still_write(project: Path) -> None:
    work = project.parent
    assert run_cli("export", "p.db", "--format", "tsv", "-o", "out.tsv", cwd=work).returncode == 0
    assert (work / "out.tsv").read_text(encoding="utf-8").count("\n") == 3
    assert run_cli("report", "p.db", "-o", "r.html", cwd=work).returncode == 0
    assert (work / "r.html").read_text(encoding="utf-8").startswith("<!")
