"""What a file tells the reviewer about a unit: the comments written beside it.

Localization formats carry notes for the people who translate: the developer's hint
("%1 is a file name", "button label, keep it short"), the translator's own remark, a
disambiguation ("Open" the verb, not the adjective). A reviewer judging a translation needs
them as much as the translator did, so the review session hands them out with the pair
(:attr:`transreview.review.PairView.file_notes`), one :class:`FileNote` each, in one shape
whatever the format.

The readers already keep every note in ``Pair.meta`` (so that a round trip writes it back);
this module only says which meta key of which format is which kind of note:

=============  ===============================================  ==========================
format         where                                            kind
=============  ===============================================  ==========================
po             ``#.`` extracted comment / ``#`` translator       developer / translator
android        ``<!-- -->`` just before the string               developer
strings        ``/* */`` or ``//`` before the entry, after it    developer
xcstrings      the entry's ``comment``                           developer
arb            ``@key.description``                              developer
ts             ``<comment>`` / ``<extracomment>`` /              context / developer /
               ``<translatorcomment>``                           translator
xliff, tmx     ``<note>`` (XLIFF 1.2 ``from``, 2.x ``category``   note (author kept)
               kept as the author)
=============  ===============================================  ==========================

A note that transreview itself wrote on an earlier export (``transreview: major …``, one
per line in PO translator comments) is kind ``reviewer``: it is the last review's finding,
not the developer's word. Notes are the file's text, untrusted: a front end shows them
through :mod:`transreview.sanitize` like any other text of the file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from transreview.model import Pair

NoteKind = Literal["developer", "translator", "context", "note", "reviewer"]
NOTE_KINDS: tuple[str, ...] = ("developer", "translator", "context", "note", "reviewer")
#: The prefix of the notes transreview's export writes (``export.note_for``).
REVIEWER_PREFIX = "transreview:"


@dataclass(frozen=True, slots=True)
class FileNote:
    """One note of the file about a unit.

    ``kind``: who it is for or from (see the module table). ``where``: how the format calls
    the place it came from (``#.``, ``<extracomment>``, ``comment``…), for a label.
    ``author``: the XLIFF 1.2 ``from`` or XLIFF 2 ``category`` of a ``<note>``, else None.
    """

    kind: NoteKind
    text: str
    where: str
    author: str | None = None


# format -> [(meta key, kind, where)]: single-string notes
_KEYS: Mapping[str, tuple[tuple[str, NoteKind, str], ...]] = {
    "po": (("comment", "developer", "#."), ("tcomment", "translator", "#")),
    "android": (("comment", "developer", "<!-- -->"),),
    "strings": (
        ("source_comment", "developer", "comment"),
        ("comment", "developer", "comment"),
        ("line_comment", "developer", "comment"),
    ),
    "xcstrings": (("comment", "developer", "comment"),),
    "arb": (("comment", "developer", "description"),),
    "ts": (
        ("comment", "context", "<comment>"),
        ("extracomment", "developer", "<extracomment>"),
        ("translatorcomment", "translator", "<translatorcomment>"),
    ),
}


def _split_reviewer(text: str, kind: NoteKind, where: str) -> Iterator[FileNote]:
    """``text`` as one note, with the lines transreview wrote split off as reviewer notes."""
    own: list[str] = []
    reviewer: list[str] = []
    for line in text.split("\n"):
        (reviewer if line.strip().lower().startswith(REVIEWER_PREFIX) else own).append(line.strip())
    rest = "\n".join(own).strip()
    if rest:
        yield FileNote(kind, rest, where)
    for line in reviewer:
        yield FileNote("reviewer", line, where)


def file_notes(pair: Pair) -> tuple[FileNote, ...]:
    """The notes the pair's file holds about it, in the file's order; empty if none.

    Developer and context notes come first (they are what the translator was told), then
    translator and reviewer notes. A note repeated under two keys (an iOS comment that both
    files share) is given once.
    """
    meta: Mapping[str, Any] = pair.meta or {}
    fmt = str(meta.get("format") or "")
    found: list[FileNote] = []
    for key, kind, where in _KEYS.get(fmt, ()):
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            found.extend(_split_reviewer(value, kind, where))
    notes = meta.get("notes")
    if isinstance(notes, list | tuple):
        authors = meta.get("note_authors")
        authors = authors if isinstance(authors, list | tuple) and len(authors) == len(notes) else None
        for k, text in enumerate(notes):
            if not isinstance(text, str) or not text.strip():
                continue
            author = authors[k] if authors else None
            author = author if isinstance(author, str) and author else None
            if text.strip().lower().startswith(REVIEWER_PREFIX) or author == "transreview":
                found.append(FileNote("reviewer", text.strip(), "<note>", author))
            else:
                found.append(FileNote("note", text.strip(), "<note>", author))
    seen: set[tuple[str, str]] = set()
    unique: list[FileNote] = []
    for note in sorted(found, key=lambda n: n.kind in ("translator", "reviewer")):
        if (note.kind, note.text) not in seen:
            seen.add((note.kind, note.text))
            unique.append(note)
    return tuple(unique)


__all__ = ["NOTE_KINDS", "REVIEWER_PREFIX", "FileNote", "NoteKind", "file_notes"]
