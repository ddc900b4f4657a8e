"""The one rule every command applies before it writes a file: never over what it reads.

``export p.db -o p.db`` or ``report p.db -o p.db`` would replace a project (all review
work) with a TSV or an HTML page and leave its ``-wal``/``-shm`` behind; ``check X -o X``
or ``check X --write-baseline X`` would replace the corpus being checked. The writes are
atomic, so nothing warns: the file is simply gone. :func:`refuse_clobbering` is called
by each command with its outputs and everything the run reads, before any work, and
raises a one-line :class:`UsageError` (exit 2) when an output

* is the same file as something the run reads (an input, a glossary, a baseline, the
  project), through any symbolic or hard link;
* is a SQLite database (any project, not only this run's: no export or report is a
  database) or the ``-wal``/``-shm``/``-journal`` file of one;
* is another output of the same run (the second write would replace the first).

A ``postgresql://`` project has no file and is skipped. Reading and writing the same
baseline (``--baseline b --write-baseline b``) is the documented way to refresh a baseline
and is not refused: the baseline is read completely before the run and replaced
atomically after it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from transreview.errors import UsageError

SQLITE_MAGIC = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")

Named = tuple[str, "str | Path | None"]
"""(what the file is to the user, e.g. ``"-o"`` or ``"input"``; its path or ``None``)."""


def _is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def _same(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one file: by inode when both exist, else by real path."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _project_side_file(path: Path) -> Path | None:
    """The database whose ``-wal``/``-shm``/``-journal`` ``path`` is, if it is one."""
    real = Path(os.path.realpath(path))
    for candidate in (path, real):
        for suffix in SIDE_FILES:
            if candidate.name.endswith(suffix):
                base = candidate.with_name(candidate.name[: -len(suffix)])
                if _is_sqlite(base):
                    return base
    return None


def _file(value: str | Path | None) -> Path | None:
    if value is None:
        return None
    text = str(value)
    if text in ("", "-") or text.startswith(("postgresql://", "postgres://")):
        return None
    return Path(text)


def refuse_clobbering(outputs: Iterable[Named], reads: Iterable[Named]) -> None:
    """Raise :class:`UsageError` when an output would replace something the run needs.

    ``outputs`` and ``reads`` are ``(label, path)`` pairs; ``None`` paths, ``-`` and
    database URLs are skipped. See the module docstring for the rule.
    """
    read_files = [(label, p) for label, value in reads if (p := _file(value)) is not None]
    seen: list[tuple[str, Path]] = []
    for label, value in outputs:
        out = _file(value)
        if out is None:
            continue
        for read_label, read in read_files:
            if _same(out, read):
                raise UsageError(
                    f"{out}: {label} is also the {read_label} of this run: refusing to overwrite it"
                )
            for suffix in SIDE_FILES:
                if _same(out, read.with_name(read.name + suffix)):
                    raise UsageError(
                        f"{out}: {label} is the {suffix[1:]} file of the {read_label} {read}: "
                        "refusing to overwrite it"
                    )
        if out.is_file() and _is_sqlite(out):
            raise UsageError(f"{out}: {label} is a database (a project?): refusing to overwrite it")
        base = _project_side_file(out)
        if base is not None:
            raise UsageError(
                f"{out}: {label} belongs to the database {base}: refusing to overwrite it"
            )
        for other_label, other in seen:
            if _same(out, other):
                raise UsageError(f"{out}: given as both {other_label} and {label}")
        seen.append((label, out))


__all__ = ["refuse_clobbering"]
