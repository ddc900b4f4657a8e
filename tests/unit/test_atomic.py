"""transreview.atomic: all or nothing, for one file and for a group of files."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from transreview.atomic import atomic_write, atomic_write_all
from transreview.errors import TransreviewError


class Boom(Exception):
    pass


def _names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


@pytest.mark.parametrize(
    ("mode", "payload", "expected"),
    [
        ("w", "山西\r\nline\n", "山西\r\nline\n".encode()),  # no newline translation
        ("wb", b"\x00\xff", b"\x00\xff"),
    ],
)
def test_success_replaces_the_file(
    tmp_path: Path, mode: str, payload: str | bytes, expected: bytes
) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    with atomic_write(target, mode) as fh:  # type: ignore[arg-type]
        fh.write(payload)
        assert target.read_bytes() == b"old"  # nothing visible before the block ends
    assert target.read_bytes() == expected
    assert _names(tmp_path) == ["out.txt"]


def test_encoding_is_honoured(tmp_path: Path) -> None:
    target = tmp_path / "gb.txt"
    with atomic_write(target, "w", encoding="gb18030") as fh:
        fh.write("晋城")
    assert target.read_bytes() == "晋城".encode("gb18030")


@pytest.mark.parametrize("existed", [True, False])
def test_exception_leaves_the_old_file_and_no_temp(tmp_path: Path, existed: bool) -> None:
    target = tmp_path / "report.json"
    if existed:
        target.write_text("old")
    with pytest.raises(Boom), atomic_write(target) as fh:
        fh.write("half a report")
        raise Boom
    assert _names(tmp_path) == (["report.json"] if existed else [])
    if existed:
        assert target.read_text() == "old"


def test_disk_full_while_writing_is_a_user_error(tmp_path: Path) -> None:
    target = tmp_path / "big.tsv"
    with pytest.raises(TransreviewError) as info, atomic_write(target):
        raise OSError(errno.ENOSPC, "No space left on device")
    assert str(info.value) == f"{target}: cannot write: No space left on device"
    assert _names(tmp_path) == []


def test_oserror_about_another_file_passes_through(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError), atomic_write(tmp_path / "out.txt"):
        open(tmp_path / "missing-input.txt")  # noqa: SIM115
    assert _names(tmp_path) == []


def test_permissions_of_an_existing_file_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "shared.tsv"
    target.write_text("old")
    os.chmod(target, 0o640)
    with atomic_write(target) as fh:
        fh.write("new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_new_file_gets_the_umask_default_not_0600(
    tmp_path: Path, umask: int, expected: int
) -> None:
    old = os.umask(umask)
    try:
        target = tmp_path / "new.tsv"
        with atomic_write(target) as fh:
            fh.write("x")
        # mkstemp alone would always give 0o600; a plain open() gives 0o666 & ~umask.
        assert stat.S_IMODE(target.stat().st_mode) == expected
    finally:
        os.umask(old)


def test_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with atomic_write(link) as fh:
        fh.write("new")
    assert link.is_symlink()
    assert real.read_text() == "new"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("no-such-dir/out.txt", "cannot write: No such file or directory"),
        (".", "cannot write: is a directory"),
    ],
)
def test_unwritable_paths(tmp_path: Path, name: str, message: str) -> None:
    target = tmp_path / name
    with pytest.raises(TransreviewError) as info, atomic_write(target) as fh:
        fh.write("x")
    assert str(info.value) == f"{target}: {message}"


def test_bad_mode(tmp_path: Path) -> None:
    with pytest.raises(ValueError), atomic_write(tmp_path / "x", "a"):  # type: ignore[arg-type]
        pass
    assert _names(tmp_path) == []


# --------------------------------------------------------------------------- groups


def test_group_writes_all(tmp_path: Path) -> None:
    en, zh = tmp_path / "c.en", tmp_path / "c.zh"
    with atomic_write_all([en, zh]) as (a, b):
        a.write("Shanxi\n")
        b.write("山西\n")
    assert (en.read_text(), zh.read_text()) == ("Shanxi\n", "山西\n")
    assert _names(tmp_path) == ["c.en", "c.zh"]


def test_group_exception_changes_neither(tmp_path: Path) -> None:
    en, zh = tmp_path / "c.en", tmp_path / "c.zh"
    en.write_text("old en")
    with pytest.raises(Boom), atomic_write_all([en, zh]) as (a, b):
        a.write("new")
        b.write("new")
        raise Boom
    assert en.read_text() == "old en"
    assert _names(tmp_path) == ["c.en"]


@pytest.mark.parametrize("zh_existed", [True, False])
def test_group_failed_second_rename_restores_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zh_existed: bool
) -> None:
    en, zh = tmp_path / "c.en", tmp_path / "c.zh"
    en.write_text("old en")
    if zh_existed:
        zh.write_text("old zh")
    real_replace = os.replace

    def failing_replace(src: os.PathLike[str] | str, dst: os.PathLike[str] | str) -> None:
        if Path(dst) == zh and str(src).endswith(".tmp"):
            raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(TransreviewError) as info, atomic_write_all([en, zh]) as (a, b):
        a.write("new en")
        b.write("new zh")
    assert str(info.value) == f"{zh}: cannot write: Input/output error"
    assert en.read_text() == "old en"
    assert _names(tmp_path) == (["c.en", "c.zh"] if zh_existed else ["c.en"])
    if zh_existed:
        assert zh.read_text() == "old zh"


def test_group_failed_rename_of_a_new_first_file_removes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    en, zh = tmp_path / "c.en", tmp_path / "c.zh"
    real_replace = os.replace

    def failing_replace(src: os.PathLike[str] | str, dst: os.PathLike[str] | str) -> None:
        if Path(dst) == zh:
            raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(TransreviewError), atomic_write_all([en, zh]) as (a, b):
        a.write("new en")
        b.write("new zh")
    assert _names(tmp_path) == []


def test_a_fifo_is_written_in_place_not_replaced(tmp_path):
    """``-o /dev/stdout`` or a named pipe: renaming over it would swap out the node itself
    (a run with ``-o /dev/null`` once turned the machine's /dev/null into a regular file)."""
    import stat
    import threading

    from transreview.atomic import atomic_write

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    with atomic_write(fifo) as fh:
        fh.write("山西\n")
    reader.join(timeout=10)
    assert got == ["山西\n".encode()]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no temporary left
