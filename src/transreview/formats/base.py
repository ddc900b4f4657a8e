"""What every format module shares: the reading options, the segment limit, and :class:`Format`,
the declaration a module makes of itself so that the registry (``formats/__init__``) finds it.

A format module ends with ``FORMAT = Format(...)``: its name, the file endings it reads,
``read`` and, where it can, ``write`` (new files from pairs) and ``patch`` (the original
file with corrected targets). Export and the CLI ask the registry, never a list of names,
so adding a format touches its module and its tests only.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from transreview.model import Pair
from transreview.unitnotes import REVIEWER_PREFIX

#: The longest segment a reader hands on, in characters: the ``csv`` module's own field
#: limit, so TSV/CSV and the other formats agree. A longer "segment" is a whole document
#: (or a binary) in one line; the checks would take minutes on it and a reviewer could not
#: read it, so it is refused with its line instead.
MAX_SEGMENT_CHARS = 131_072


@dataclass(frozen=True)
class ReadOptions:
    src_lang: str = "en"
    tgt_lang: str = "zh"
    #: ``--encoding``: the text encoding of line-based inputs (TSV, JSONL, Moses, pages),
    #: replacing detection; None detects it.
    encoding: str | None = None


@dataclass(frozen=True)
class WriteJob:
    """What a writer gets besides the output path.

    ``reviewed``: ids of the pairs a reviewer corrected or approved (a format that has a
    review state marks them). ``originals``: pair id → original target, for a format with
    an original-target column; None when that column is not wanted.
    """

    pairs: Sequence[Pair]
    src_lang: str = "en"
    tgt_lang: str = "zh"
    reviewed: Collection[str] = ()
    originals: Mapping[str, str] | None = None
    #: ``--spreadsheet-safe``: cells a spreadsheet would run as a formula get a leading ``'``.
    spreadsheet_safe: bool = False


@dataclass(frozen=True)
class PatchJob:
    """What a patcher gets besides the output path: the original file's bytes as imported
    (``name`` names it in messages) and the changes, keyed by pair ``index``."""

    original: bytes
    name: str
    targets: Mapping[int, str]
    notes: Mapping[int, list[str]] = field(default_factory=dict)
    reviewed: Collection[int] = ()  # approved by a reviewer
    drop: Collection[int] = ()  # left out of the export
    src_lang: str = "en"
    tgt_lang: str = "zh"
    #: The second file of a two-file input (the translation of an Android or iOS pair).
    companion: bytes | None = None
    #: Who changed each corrected target and when (ISO 8601, as the project stores it):
    #: ``{index: (when, who)}``; TMX writes them as ``changedate``/``changeid``.
    changes: Mapping[int, tuple[str | None, str | None]] = field(default_factory=dict)


#: The files of one input (one file; a Moses pair: NAME.en, NAME.zh) → its pairs, streamed.
Reader = Callable[[Sequence[Path], ReadOptions], Iterator[Pair]]
#: Write new file(s) at the path; return every file written.
Writer = Callable[[Path, WriteJob], tuple[Path, ...]]
#: Write the original file with the job's changes to the path.
Patcher = Callable[[Path, PatchJob], None]
#: A two-file format's grouping of its command-line files: [(document name, its files)].
Grouper = Callable[[Sequence[Path]], list[tuple[str, tuple[Path, ...]]]]
#: The files of a format found under a directory named on the command line.
Discoverer = Callable[[Path], list[Path]]


@dataclass(frozen=True)
class Format:
    """One format as the registry knows it."""

    name: str  # as on the command line and in a project's documents
    endings: tuple[str, ...]  # file endings read as this format, lowercase with the dot
    read: Reader
    write: Writer | None = None
    patch: Patcher | None = None
    #: Where the format is listed for people (CLI choices, messages): lowest first.
    order: int = 100
    #: One file holds one document (TMX, XLIFF: a round trip is per document), so an
    #: export of several documents is a directory of files; else all go into one corpus.
    one_file_per_document: bool = False
    #: ``--include-original``: the writer can add the original target as a column.
    original_column: bool = False
    #: ``--spreadsheet-safe``: the writer can defuse formula-like cells (TSV/CSV).
    spreadsheet_safe: bool = False
    #: Language endings of a format whose input is two files, NAME.en + NAME.zh (Moses).
    paired_endings: frozenset[str] = frozenset()
    #: Where reviewer notes go: the patcher (``patch_notes``) or the writer of new files
    #: (``write_notes``) puts ``PatchJob.notes`` / ``meta["notes"]`` in a place the format has
    #: for them (PO ``#`` comments, XLIFF/TMX ``<note>``, Qt ``<translatorcomment>``…). Export
    #: says how many notes a format without such a place left out, instead of claiming them.
    patch_notes: bool = False
    write_notes: bool = False
    #: What one pair is called in messages.
    unit: str = "segment"
    #: One line for people (``transreview formats``): what the format is.
    summary: str = ""
    #: Monolingual formats (source and translation in two files): how the files named on
    #: the command line make inputs, and which files a directory holds.
    group: Grouper | None = None
    discover: Discoverer | None = None
    #: Read through ``.gz``/``.xz`` decompression, streamed (line-based formats).
    compressed: bool = False
    #: A format that shares an ending with another (``.txt``) and claims a file by its
    #: content: the endings it looks at and the test. Tried before the ending's own format.
    sniff_endings: tuple[str, ...] = ()
    sniff: Callable[[Path, ReadOptions], bool] | None = None
    #: The new-file writer turns inline-code tokens (``Pair.meta["codes"]``, see
    #: :mod:`transreview.codes`) back into codes (XLIFF, TMX). For any other writer the export
    #: leaves the tokens out, so a plain-text format gets the plain text.
    inline_codes: bool = False


def one_file(read: Callable[[Path, ReadOptions], Iterator[Pair]]) -> Reader:
    """A :data:`Reader` for a format whose input is one file."""

    def read_files(paths: Sequence[Path], opts: ReadOptions) -> Iterator[Pair]:
        (path,) = paths
        return read(path, opts)

    return read_files


#: How every reviewer note transreview writes into a file begins (``export.note_for``).
NOTE_PREFIX = REVIEWER_PREFIX


def marked_note(text: str) -> str:
    """A reviewer note as it goes into a file's comment: with ``transreview:`` in front,
    once (the export's notes already carry it; a note from elsewhere gets it)."""
    text = text.strip()
    return text if text.lower().startswith(NOTE_PREFIX) else f"{NOTE_PREFIX} {text}"


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, replacement)`` applied, in order of position.

    The patching writers of the line-based resource formats (Android, iOS ``.strings``, Qt)
    collect edits against the original text and apply them in one pass, so everything between
    them stays byte for byte. An edit that starts inside an earlier one is skipped.
    """
    out: list[str] = []
    pos = 0
    for a, b, new in sorted(edits, key=lambda e: (e[0], e[1])):
        if a < pos:
            continue
        out.append(text[pos:a])
        out.append(new)
        pos = b
    out.append(text[pos:])
    return "".join(out)


__all__ = [
    "NOTE_PREFIX",
    "apply_edits",
    "marked_note",
    "MAX_SEGMENT_CHARS",
    "Discoverer",
    "Format",
    "Grouper",
    "PatchJob",
    "Patcher",
    "ReadOptions",
    "Reader",
    "WriteJob",
    "Writer",
    "one_file",
]
