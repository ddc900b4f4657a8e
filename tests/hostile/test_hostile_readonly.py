"""A project on read-only storage: ``report`` and ``export`` read it, ``import`` says why not.

Root ignores file modes, so ``chmod`` cannot make a read-only project for a test run as
root. The read-only case is made for real instead: the project's folder is bind-mounted
read-only over itself in a private mount namespace (``unshare -m``), where every write,
SQLite's ``-wal`` and ``-shm`` included, fails with EROFS. As another user, ``chmod``
does the same. The unit tests below need neither: they open with ``read_only=True`` and
check that nothing is written.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers.cli import COMMAND, QUIET_ENV, run_cli
from transreview.errors import StoreError
from transreview.project import open_project
from transreview.store import Store, backend

TSV = "source\ttarget\nThe 3 cats sleep.\t五只猫在睡觉。\nHello.\t你好。\n"

_MOUNT_RO = ('mount --make-rprivate / && mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" '
             '&& cd "$1" && shift && exec "$@"')


def _can_bind_read_only(tmp: Path) -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", _MOUNT_RO, "sh", str(tmp), "true"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


def _run_read_only(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``transreview ARGS`` with ``folder`` read-only (and as the working directory)."""
    env = {**os.environ, **QUIET_ENV}
    if _can_bind_read_only(folder):
        cmd = ["unshare", "-m", "sh", "-c", _MOUNT_RO, "sh", str(folder), *COMMAND, *args]
        return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    if os.geteuid() == 0:
        pytest.skip("root without mount namespaces: no way to make a folder read-only for root")
    folder.chmod(0o555)
    for f in folder.iterdir():
        f.chmod(0o444)
    try:
        return subprocess.run([*COMMAND, *args], cwd=folder, capture_output=True, text=True, env=env,
                              timeout=120)
    finally:
        folder.chmod(0o755)


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "a.tsv").write_text(TSV, encoding="utf-8")
    run = run_cli("import", "a.tsv", "--db", "p.db", cwd=folder)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["a.tsv", "p.db"]  # closed cleanly
    return folder


def test_export_and_report_read_a_read_only_project(project: Path, tmp_path: Path) -> None:
    before = _digest(project)
    out = tmp_path / "out.tsv"
    run = _run_read_only(project, "export", "p.db", "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert out.read_text(encoding="utf-8") == (
        "id\tsource\ttarget\n1\tThe 3 cats sleep.\t五只猫在睡觉。\n2\tHello.\t你好。\n")
    report = _run_read_only(project, "report", "p.db", "--format", "md")
    assert report.returncode == 0, report.stderr
    assert "| a.tsv |" in report.stdout and "number changed" in report.stdout
    assert _digest(project) == before  # nothing written, no -wal/-shm left


def test_import_into_a_read_only_project_is_one_line(project: Path) -> None:
    before = _digest(project)
    run = _run_read_only(project, "import", "a.tsv", "--db", "p.db")
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        "transreview: p.db: cannot write: the project (or its folder) is read-only"]
    assert _digest(project) == before


def test_a_read_only_open_writes_nothing(project: Path) -> None:
    db = project / "p.db"
    before = (db.read_bytes(), db.stat().st_mtime_ns)
    with Store.open(db, create=False, read_only=True) as store:
        assert store.read_only and [d.name for d in store.documents()] == ["a.tsv"]
        with pytest.raises(StoreError, match="opened read-only"):
            store.set_meta("k", "v")
    assert (db.read_bytes(), db.stat().st_mtime_ns) == before
    # in a writable folder SQLite may make an (empty) -wal and a -shm for the reader
    wal = project / "p.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0


def test_open_for_reading_chooses_read_only_only_when_it_cannot_write(project: Path, monkeypatch) -> None:
    db = project / "p.db"
    with open_project(db, for_reading=True) as store:
        assert not store.read_only  # writable: the usual open (migrations run)
    monkeypatch.setattr("transreview.project.writable", lambda p: False)
    with open_project(db, for_reading=True) as store:
        assert store.read_only
    with open_project(db) as store:  # review and import never open read-only
        assert not store.read_only


def test_writable_sees_modes(tmp_path: Path) -> None:
    f = tmp_path / "p.db"
    f.write_bytes(b"")
    assert backend.writable(f)
