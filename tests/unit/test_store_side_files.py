"""The project's ``-wal`` (or ``-shm``) deleted while a reviewer has the project open.

SQLite keeps writing into the deleted file it still holds: corrections look saved, yet no
other process sees them and a crash loses them; another process meanwhile writes into a
new ``-wal``, and the two diverge. The store notices before each write (the files' inodes
against those it opened) and stops writing with one clear message.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from transreview.errors import StoreError
from transreview.project import import_inputs
from transreview.review import ReviewSession
from transreview.store import Store
from transreview.store.backend import side_file_identity

TSV = "source\ttarget\nHello.\t你好。\nThanks.\t谢谢。\n"
LOST = "-wal/-shm file was deleted or replaced by another program"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "a.tsv").write_text(TSV, encoding="utf-8")
    db = tmp_path / "p.db"
    import_inputs(inputs=[tmp_path / "a.tsv"], db=db, check_names=[])
    return db


def _wal(db: Path) -> Path:
    return db.with_name(db.name + "-wal")


def test_a_deleted_wal_stops_writing_with_one_message(project: Path) -> None:
    with ReviewSession.open(project, reviewer="ann") as s:
        pid = 1
        version = s.save_correction(pid, "您好。", 0)
        os.unlink(_wal(project))
        with pytest.raises(StoreError) as e:
            s.save_correction(pid, "你好！", version)
        assert str(e.value).startswith(f"{project}: the project's {LOST}")
        assert "\n" not in str(e.value)
        with pytest.raises(StoreError, match=LOST):  # and every later write too
            s.save_correction(2, "多谢。", 0)


def test_a_wal_replaced_by_another_process_stops_writing(project: Path) -> None:
    with Store.open(project) as a:
        a.set_meta("mark", "1")
        os.unlink(_wal(project))
        with sqlite3.connect(project) as other:  # another program opens it: a new -wal
            other.execute("SELECT count(*) FROM pairs").fetchone()
            assert _wal(project).exists()
            with pytest.raises(StoreError, match=LOST):
                a.set_meta("mark", "2")


def test_writes_go_on_while_the_side_files_stay(project: Path) -> None:
    with Store.open(project) as a:
        before = side_file_identity(project)
        assert None not in before  # both files exist while the project is open
        for k in range(3):
            a.set_meta("mark", str(k))
        with Store.open(project) as b:  # a second reviewer shares the same files
            b.set_meta("mark", "b")
        a.set_meta("mark", "a")
        assert a.get_meta("mark") == "a"
        assert side_file_identity(project) == before


def test_a_new_project_records_its_wal_at_the_first_write(tmp_path: Path) -> None:
    with Store.open(tmp_path / "new.db") as s:
        s.set_meta("k", "v")
        s.set_meta("k", "w")
        os.unlink(_wal(tmp_path / "new.db"))
        with pytest.raises(StoreError, match=LOST):
            s.set_meta("k", "x")
