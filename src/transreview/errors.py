"""Errors a user can act on.

Every error that reaches the command line is a :class:`TransreviewError`; the CLI prints
``str(error)`` on one line and exits 2. Nothing else should escape as a traceback.
"""

from __future__ import annotations

import re
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


def xml_parser_message(message: str) -> str:
    """What to say about an XML file libxml2 refused with ``message``.

    Its wording of a limit names a parser flag the user cannot set ("Excessive depth in
    document: 256, use XML_PARSE_HUGE option"); the limit is the fact to tell, and such a
    file is not malformed."""
    depth = re.match(r"\s*Excessive depth in document: (\d+)", message)
    if depth:
        return f"XML nested more than {depth.group(1)} levels deep (the reader's limit)"
    return "not well-formed XML: " + re.sub(r",? *use XML_PARSE_HUGE option", "", message).strip()


class UsageError(TransreviewError):
    """Bad options or arguments that click itself cannot catch."""


class StoreError(TransreviewError):
    """A project file that cannot be opened, migrated or written."""


class Interrupted(Exception):
    """A read stopped on purpose from another thread because its answer is no longer
    wanted (``Database.interrupt``: the review UI's count of a search the reviewer has
    typed on). Not a :class:`TransreviewError`: nothing is wrong, so it is never shown to
    the user and nothing retries it; whoever stops a read catches it."""


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
