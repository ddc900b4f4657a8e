"""Write files so that a reader sees the old file or the new one, never half of one.

Every writer and report of the project goes through here: a CI job killed mid-report, a
full disk or an error in the middle of an export must not leave a truncated file that the
next step takes for a complete one. The recipe is the classic one: write a temporary file
in the same directory (same file system, so the rename is atomic), flush and ``fsync`` it,
``os.replace`` it over the target, ``fsync`` the directory. On any exception the temporary
file is removed and the target is untouched.

Details that bite otherwise: ``mkstemp`` creates files readable by the owner only, so the
new file gets the old file's permissions (or the umask's default for a new file); a
symbolic link is written through, not replaced by a regular file; text is written with
no newline translation (``newline=""``), so output is byte-identical on every platform.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Literal

from transreview.errors import TransreviewError

Mode = Literal["w", "wb"]


def _current_umask() -> int:
    """The process umask: from /proc where Linux offers it (no race), else set and reset."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _default_mode() -> int:
    """Permissions a plain ``open(path, "w")`` would give a new file (0o666 minus umask)."""
    return 0o666 & ~_current_umask()


def _cannot_write(path: Path, e: OSError) -> TransreviewError:
    return TransreviewError(f"{path}: cannot write: {e.strerror or e}")


def _resolve(path: str | Path) -> Path:
    """The file to replace: through a symbolic link, so the link itself survives."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _temp_for(target: Path, shown: Path) -> tuple[int, Path]:
    directory = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise TransreviewError(f"{shown}: cannot write: is a directory")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as e:
        raise _cannot_write(shown, e) from None
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = _default_mode()
    with contextlib.suppress(OSError):
        os.chmod(tmp, mode)
    return fd, Path(tmp)


def _fdopen(fd: int, mode: Mode, encoding: str) -> IO[Any]:
    if mode == "wb":
        return os.fdopen(fd, "wb")
    if mode == "w":
        return os.fdopen(fd, "w", encoding=encoding, newline="")
    os.close(fd)
    raise ValueError(f"atomic_write mode must be 'w' or 'wb', not {mode!r}")


def _finish(handle: IO[Any]) -> None:
    """Flush and fsync a handle, then close it."""
    handle.flush()
    os.fsync(handle.fileno())
    handle.close()


def _sync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where unsupported."""
    try:
        fd = os.open(directory if str(directory) else ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _discard(handles: Sequence[IO[Any]], temps: Sequence[Path]) -> None:
    for handle in handles:
        with contextlib.suppress(OSError):
            handle.close()
    for tmp in temps:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


@contextmanager
def atomic_write(path: str | Path, mode: Mode = "w", encoding: str = "utf-8") -> Iterator[IO[Any]]:
    """Open ``path`` for writing; it is replaced only when the ``with`` block succeeds.

    ``mode`` is ``"w"`` (text, ``encoding``, no newline translation) or ``"wb"``. Raises
    :class:`TransreviewError` (``PATH: cannot write: ...``) when the directory is missing
    or not writable, the path is a directory, or the disk fills up while flushing. Any
    exception inside the block leaves ``path`` as it was and no temporary file behind.
    """
    with atomic_write_all([path], mode, encoding) as (handle,):
        yield handle


@contextmanager
def atomic_write_all(
    paths: Sequence[str | Path], mode: Mode = "w", encoding: str = "utf-8"
) -> Iterator[tuple[IO[Any], ...]]:
    """Write several files that must change together (the two halves of a Moses pair).

    All are written to temporary files first; only when every one is complete are they
    renamed into place. Should a rename fail half-way, the files already replaced are
    restored from hard links (or copies) of their old versions, so an exception means
    none changed. (A power cut between two renames can still leave one new and one old:
    no file system offers an atomic rename of two files.)
    """
    shown = [Path(p) for p in paths]
    resolved = [_resolve(p) for p in paths]
    # A device, pipe or socket (``-o /dev/stdout``, ``-o /dev/null``, a FIFO) is written
    # in place: renaming a temporary file over it would replace the device node itself.
    special = [_is_special(t) for t in resolved]
    targets = [t for t, sp in zip(resolved, special, strict=True) if not sp]
    handles: list[IO[Any]] = []
    temps: list[Path] = []
    direct: list[IO[Any]] = []
    try:
        for target, name, sp in zip(resolved, shown, special, strict=True):
            if sp:
                try:
                    fd = os.open(target, os.O_WRONLY)
                except OSError as e:
                    raise _cannot_write(name, e) from None
                direct.append(_fdopen(fd, mode, encoding))
                handles.append(direct[-1])
                continue
            fd, tmp = _temp_for(target, name)
            temps.append(tmp)
            handles.append(_fdopen(fd, mode, encoding))
    except BaseException:
        _discard(handles, temps)
        raise
    try:
        yield tuple(handles)
        for handle, name in zip(handles, shown, strict=True):
            try:
                if any(handle is d for d in direct):
                    handle.close()  # flushes; a device or pipe cannot be fsynced
                else:
                    _finish(handle)
            except OSError as e:
                raise _cannot_write(name, e) from None
    except OSError as e:
        _discard(handles, temps)
        if e.filename is None:  # a write to one of our handles (disk full, I/O error)
            raise _cannot_write(Path(" and ".join(map(str, shown))), e) from None
        raise
    except BaseException:
        _discard(handles, temps)
        raise
    if targets:
        _commit(targets, [n for n, sp in zip(shown, special, strict=True) if not sp], temps)


def _is_special(target: Path) -> bool:
    """Whether ``target`` exists and is neither a regular file nor a directory."""
    try:
        st = os.stat(target)
    except OSError:
        return False
    return not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode))


def _backup(target: Path) -> Path | None:
    """A hard link (or copy) of ``target``'s current content, None if it does not exist."""
    if not target.exists():
        return None
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".bak", dir=target.parent)
    os.close(fd)
    backup = Path(name)
    try:
        os.unlink(backup)
        os.link(target, backup)
    except OSError:
        shutil.copy2(target, backup)
    return backup


def _commit(targets: list[Path], shown: list[Path], temps: list[Path]) -> None:
    if len(targets) == 1:
        try:
            os.replace(temps[0], targets[0])
        except OSError as e:
            _discard([], temps)
            raise _cannot_write(shown[0], e) from None
        _sync_dir(targets[0].parent)
        return
    backups: list[Path | None] = []
    done = 0
    try:
        for t in targets:
            backups.append(_backup(t))
        for tmp, target in zip(temps, targets, strict=True):
            os.replace(tmp, target)
            done += 1
    except OSError as e:
        for i in range(done):  # put back what was already replaced
            with contextlib.suppress(OSError):
                if i < len(backups) and backups[i] is not None:
                    os.replace(backups[i], targets[i])  # type: ignore[arg-type]
                else:
                    os.unlink(targets[i])
        _discard([], temps[done:])
        for b in backups:
            if b is not None:
                with contextlib.suppress(OSError):
                    os.unlink(b)
        raise _cannot_write(shown[min(done, len(shown) - 1)], e) from None
    for b in backups:
        if b is not None:
            with contextlib.suppress(OSError):
                os.unlink(b)
    for directory in {t.parent for t in targets}:
        _sync_dir(directory)


__all__ = ["atomic_write", "atomic_write_all"]
