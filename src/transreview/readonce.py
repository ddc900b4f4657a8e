"""Inputs that can be read only once (a FIFO, ``<(cmd)``, a character device) become files.

The readers take paths and may open a file more than once: ``check`` sniffs the direction
before reading, ``import`` hashes a document before reading it. A named pipe gives its bytes to the first reader only, so the second open waited
forever for a writer that had gone. Such an input is copied once into a private temporary
folder under its own name (so its ending still names the format) and read from there;
the two halves of a ``NAME.en`` + ``NAME.zh`` pair are copied together so they still pair.
An :class:`InputError` about a copy names the path the user gave.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from transreview.errors import InputError

#: endings of the two halves of a Moses pair (kept here: this module imports no format)
_HALVES = (".en", ".zh")


def is_read_once(path: Path) -> bool:
    """Whether ``path`` exists and is neither a regular file nor a directory."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextmanager
def read_once_as_files(inputs: Sequence[Path]) -> Iterator[tuple[tuple[Path, ...], dict[str, str]]]:
    """``inputs`` with each read-once input replaced by a temporary copy, and the map from
    each copy to the path as given (the copies are removed on exit)."""
    spooled = {i for i, p in enumerate(inputs) if str(p) != "-" and is_read_once(Path(p))}
    if not spooled:
        yield tuple(inputs), {}
        return
    stems = {str(Path(inputs[i]).with_suffix("")) for i in spooled if Path(inputs[i]).suffix in _HALVES}
    spooled |= {i for i, p in enumerate(inputs) if Path(p).suffix in _HALVES and str(Path(p).with_suffix("")) in stems}
    folder = Path(tempfile.mkdtemp(prefix="transreview-input-"))
    try:
        result: list[Path] = []
        given: dict[str, str] = {}
        folders: dict[str, Path] = {}  # one subfolder per source folder: names stay apart
        for i, p in enumerate(inputs):
            if i not in spooled:
                result.append(p)
                continue
            parent = str(Path(p).parent.resolve())
            sub = folders.setdefault(parent, folder / str(len(folders)))
            sub.mkdir(exist_ok=True)
            copy = sub / Path(p).name
            try:
                with open(p, "rb") as src, open(copy, "wb") as dst:
                    shutil.copyfileobj(src, dst)
            except OSError as e:
                raise InputError(p, None, f"cannot read: {e.strerror or e}") from None
            result.append(copy)
            given[str(copy)] = str(p)
        try:
            yield tuple(result), given
        except InputError as e:
            if e.path in given:
                e.path = given[e.path]
            raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)


__all__ = ["is_read_once", "read_once_as_files"]
