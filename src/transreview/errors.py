"""Errors a user can act on.

Every error that reaches the command line is a :class:`TransreviewError`; the CLI prints
``str(error)`` on one line and exits 2. Nothing else should escape as a traceback.
"""

from __future__ import annotations

from pathlib import Path


class TransreviewError(Exception):
    """Base class: a problem the user can fix (bad input, bad usage, unreadable project)."""


class InputError(TransreviewError):
    """A problem in an input file, located as ``FILE:LINE: message``.

    ``line`` is 1-based; ``None`` when the problem concerns the whole file (e.g. it is empty
    or a directory). For XML the line is the element's ``sourceline``. ``offset`` is a byte
    offset for decoding errors, reported when there is no line.
    """

    def __init__(
        self,
        path: str | Path,
        line: int | None,
        message: str,
        *,
        offset: int | None = None,
    ) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        self.offset = offset
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
        elif self.offset is not None:
            where += f":byte {self.offset}"
        return f"{where}: {self.message}"


class UsageError(TransreviewError):
    """Bad options or arguments that click itself cannot catch."""


class StoreError(TransreviewError):
    """A project file that cannot be opened, migrated or written."""


class ConflictError(StoreError):
    """Another reviewer changed a pair since this reviewer loaded it.

    The raiser sets the attributes below, so the review screen can offer the reviewer
    "keep mine", "take theirs" or "edit" without parsing the message.
    """

    pair_id: int
    mine: str
    """The text this reviewer tried to save."""
    theirs: str
    """The pair's current text, saved by the other reviewer."""
    theirs_by: str | None
    """Who saved ``theirs``, when the store knows."""
    version: int
    """The pair's current version: saving ``mine`` again expects this one."""
