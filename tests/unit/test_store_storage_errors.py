"""A full disk or a read-only project in the middle of an import: one StoreError line (the
CLI's exit 2), and the project exactly as it was. The disk is filled for real as far as
SQLite is concerned: ``PRAGMA max_page_count`` makes SQLite answer SQLITE_FULL ("database
or disk is full") as a full file system would; ``PRAGMA query_only`` makes it answer
SQLITE_READONLY as a read-only file would."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from transreview.errors import StoreError
from transreview.project import import_inputs
from transreview.store import backend

SMALL = "source\ttarget\nHello.\t你好。\n"
BIG = "source\ttarget\n" + "".join(f"Sentence {i} is long enough to fill pages.\t第{i}句足够长，可以填满页面。\n" for i in range(3000))


def _limit(monkeypatch: pytest.MonkeyPatch, pragma: str) -> None:
    original = backend._configure

    def configure(conn: sqlite3.Connection) -> None:
        original(conn)
        conn.execute(pragma)

    monkeypatch.setattr(backend, "_configure", configure)


def _pairs(db: Path) -> int:
    with sqlite3.connect(db) as c:
        return int(c.execute("SELECT count(*) FROM pairs").fetchone()[0])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "a.tsv").write_text(SMALL, encoding="utf-8")
    (tmp_path / "big.tsv").write_text(BIG, encoding="utf-8")
    db = tmp_path / "p.db"
    import_inputs(inputs=[tmp_path / "a.tsv"], db=db, check_names=[])
    return db


def test_disk_full_during_import_is_one_line_and_changes_nothing(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with sqlite3.connect(project) as c:
        pages = int(c.execute("PRAGMA page_count").fetchone()[0])
    _limit(monkeypatch, f"PRAGMA max_page_count = {pages + 4}")
    with pytest.raises(StoreError) as e:
        import_inputs(inputs=[project.parent / "big.tsv"], db=project, check_names=[])
    assert str(e.value) == f"{project}: cannot write: the disk is full (nothing of this command was saved)"
    monkeypatch.undo()
    assert _pairs(project) == 1
    with sqlite3.connect(project) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_read_only_project_is_one_line(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _limit(monkeypatch, "PRAGMA query_only = 1")
    with pytest.raises(StoreError) as e:
        import_inputs(inputs=[project.parent / "big.tsv"], db=project, check_names=[])
    assert str(e.value) == f"{project}: cannot write: the project (or its folder) is read-only"
    monkeypatch.undo()
    assert _pairs(project) == 1
