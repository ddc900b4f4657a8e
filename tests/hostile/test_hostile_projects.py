"""A project file that is not one, or is damaged: one line, exit 2, nothing changed.

A foreign SQLite database given as a project must not get tables added or be switched to
WAL (projects carry ``PRAGMA application_id``); a project whose data pages are damaged
must not end in a traceback in ``report``, ``export`` or ``import``."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from tests.helpers.cli import run_cli
from transreview.store.backend import APPLICATION_ID

TSV = "source\ttarget\n" + "".join(f"Line {i} has 3 cats.\t第{i}行有三只猫。\n" for i in range(400))


def _one_line(run, *words: str) -> str:
    assert run.returncode == 2, (run.returncode, run.stderr)
    assert "Traceback" not in run.everything, run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, lines
    for w in words:
        assert w in lines[0], (w, lines[0])
    return lines[0]


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture
def project(work: Path) -> Path:
    (work / "a.tsv").write_text(TSV, encoding="utf-8")
    run = run_cli("import", "a.tsv", "--db", "p.db", cwd=work)
    assert run.returncode == 0, run.stderr
    return work / "p.db"


def test_a_new_project_is_marked(project: Path) -> None:
    with sqlite3.connect(project) as c:
        assert c.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_an_unmarked_older_project_is_marked_on_open(project: Path) -> None:
    with sqlite3.connect(project) as c:
        c.execute("PRAGMA application_id = 0")
    run = run_cli("report", "p.db", "--format", "json", cwd=project.parent)
    assert run.returncode == 0, run.stderr
    with sqlite3.connect(project) as c:
        assert c.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


@pytest.mark.parametrize("argv", [
    ["import", "a.tsv", "--db", "other.db"],
    ["report", "other.db"],
    ["export", "other.db", "--format", "tsv", "-o", "out.tsv"],
    ["review", "other.db"],
])
@pytest.mark.parametrize("app_id", [0, 0x4750_4B47])  # a plain database; a GeoPackage's id
def test_a_foreign_database_is_refused_and_left_alone(work: Path, argv: list[str], app_id: int) -> None:
    (work / "a.tsv").write_text(TSV, encoding="utf-8")
    other = work / "other.db"
    with sqlite3.connect(other) as c:
        c.execute(f"PRAGMA application_id = {app_id}")
        c.execute("CREATE TABLE contacts (name TEXT, email TEXT)")
        c.execute("INSERT INTO contacts VALUES ('Ann', 'ann@example.org')")
    c.close()
    before = _sha(other)
    _one_line(run_cli(*argv, cwd=work), "other.db", "not a transreview project")
    assert _sha(other) == before
    assert not (work / "other.db-wal").exists() and not (work / "out.tsv").exists()
    with sqlite3.connect(other) as c:
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert [r[0] for r in c.execute("SELECT name FROM sqlite_master")] == ["contacts"]


def _damage(db: Path, table: str = "pairs") -> None:
    """Overwrite the root page of ``table`` with garbage (as a bad sector or a torn copy would)."""
    with sqlite3.connect(db) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = c.execute("PRAGMA page_size").fetchone()[0]
        root = c.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    c.close()
    with open(db, "r+b") as f:
        f.seek((root - 1) * page_size + 8)
        f.write(bytes((i * 37 + 11) % 256 for i in range(page_size - 16)))


@pytest.mark.parametrize("argv", [
    ["report", "p.db", "-o", "r.html"],
    ["report", "p.db", "--format", "json"],
    ["export", "p.db", "--format", "tsv", "-o", "out.tsv"],
    ["import", "b.tsv", "--db", "p.db"],
    ["import", "a.tsv", "--db", "p.db"],
])
def test_a_damaged_project_is_one_line(project: Path, argv: list[str]) -> None:
    work = project.parent
    (work / "b.tsv").write_text("source\ttarget\nNew line.\t新的一行。\n", encoding="utf-8")
    _damage(project)
    before = _sha(project)
    _one_line(run_cli(*argv, cwd=work), "p.db", "damaged")
    assert _sha(project) == before
    assert not (work / "r.html").exists() and not (work / "out.tsv").exists()
