"""A named pipe as input (``mkfifo corpus.tsv``, a shell's ``<(cmd)``) is read once.

Its bytes go to the first reader only; ``check`` and ``import`` used to open the file a
second time and wait forever for a writer that had gone. Each test feeds the pipe from a
thread exactly once, as a shell would, and gives the command a generous time bound: a hang
fails as ``TimeoutExpired``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from pathlib import Path

import pytest

from tests.helpers.cli import run_cli
from transreview.readonce import is_read_once, read_once_as_files

TSV = "source\ttarget\nThe 3 cats sleep.\t五只猫在睡觉。\nHello world.\t你好，世界。\n"

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


class Feeder:
    """Writes ``data`` into the FIFO once, when a reader opens it; :meth:`close` frees a
    writer nobody read from (so a failing test cannot leave a blocked thread)."""

    def __init__(self, fifo: Path, data: bytes) -> None:
        self.fifo = fifo
        self.thread = threading.Thread(target=self._feed, args=(data,), daemon=True)
        self.thread.start()

    def _feed(self, data: bytes) -> None:
        try:
            with open(self.fifo, "wb") as f:
                f.write(data)
        except OSError:
            pass

    def close(self) -> None:
        if self.thread.is_alive():
            fd = os.open(self.fifo, os.O_RDONLY | os.O_NONBLOCK)  # lets the writer's open return
            self.thread.join(5)
            os.close(fd)


def _fifo(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


def test_check_reads_a_fifo_once(tmp_path) -> None:
    fifo = _fifo(tmp_path, "corpus.tsv")
    feeder = Feeder(fifo, TSV.encode())
    try:
        run = run_cli("check", "corpus.tsv", "--format", "sarif", cwd=tmp_path, timeout=90)
    finally:
        feeder.close()
    assert run.returncode == 1, run.stderr  # 3 vs 五 is a major numbers finding
    (result,) = json.loads(run.stdout)["runs"][0]["results"]
    assert result["ruleId"] == "numbers"
    # the report names the pipe, not its removed temporary copy
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "corpus.tsv"
    assert "transreview-input-" not in run.everything


def test_import_reads_a_fifo_once(tmp_path) -> None:
    fifo = _fifo(tmp_path, "corpus.tsv")
    feeder = Feeder(fifo, TSV.encode())
    try:
        run = run_cli("import", "corpus.tsv", "--db", "p.db", cwd=tmp_path, timeout=90)
    finally:
        feeder.close()
    assert run.returncode == 0, run.stderr
    with sqlite3.connect(tmp_path / "p.db") as conn:
        assert conn.execute("SELECT count(*) FROM pairs").fetchone()[0] == 2
        assert conn.execute("SELECT name FROM documents").fetchall() == [("corpus.tsv",)]


def test_an_error_in_a_fifo_names_the_fifo(tmp_path) -> None:
    fifo = _fifo(tmp_path, "corpus.tsv")
    feeder = Feeder(fifo, b"sourc\ttarget\nHello.\t\xe4\xbd\xa0\xe5\xa5\xbd\n")
    try:
        run = run_cli("check", str(fifo), cwd=tmp_path, timeout=90)
    finally:
        feeder.close()
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        f"transreview: {fifo}:1: header has no 'source' column (found: sourc, target)"
    ]


def test_moses_halves_stay_paired_when_one_is_a_fifo(tmp_path) -> None:
    fifo = _fifo(tmp_path, "doc.en")
    (tmp_path / "doc.zh").write_text("你好。\n", encoding="utf-8")
    feeder = Feeder(fifo, b"Hello.\n")
    try:
        with read_once_as_files([fifo, tmp_path / "doc.zh"]) as (files, given):
            assert files[0].parent == files[1].parent  # both halves copied side by side
            assert [f.name for f in files] == ["doc.en", "doc.zh"]
            assert files[0].read_bytes() == b"Hello.\n"
            assert given == {str(files[0]): str(fifo), str(files[1]): str(tmp_path / "doc.zh")}
        assert not files[0].exists()  # the copies are removed
    finally:
        feeder.close()


def test_regular_files_are_not_copied(tmp_path) -> None:
    path = tmp_path / "a.tsv"
    path.write_text(TSV, encoding="utf-8")
    assert not is_read_once(path) and not is_read_once(tmp_path) and not is_read_once(tmp_path / "missing")
    with read_once_as_files([path]) as (files, given):
        assert files == (path,) and given == {}
