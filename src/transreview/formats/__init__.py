"""The formats: one module per format, and this registry of them.

Each format module declares itself with ``FORMAT = Format(...)``
(:class:`~transreview.formats.base.Format`: endings, ``read`` and, where it can, ``write``
and ``patch``); :data:`FORMATS` is every such module of this package, found when the
package is imported, so adding a format touches its module and its tests only. Reading
streams and raises :class:`transreview.errors.InputError` located as FILE:LINE. A Moses
pair is two files (``NAME.en NAME.zh``) given side by side on the command line.
"""

from __future__ import annotations

import pkgutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import NoReturn

from transreview.encoding import inner_path
from transreview.errors import InputError, UsageError
from transreview.formats.base import MAX_SEGMENT_CHARS, Format, PatchJob, ReadOptions, WriteJob
from transreview.model import Pair, is_chinese


def _discover() -> dict[str, Format]:
    """name -> Format of every module here that declares a ``FORMAT``, in their ``order``."""
    found: list[Format] = []
    for info in pkgutil.iter_modules(__path__):
        spec = getattr(import_module(f"{__name__}.{info.name}"), "FORMAT", None)
        if isinstance(spec, Format):
            found.append(spec)
    return {f.name: f for f in sorted(found, key=lambda f: (f.order, f.name))}


#: The registry: format name -> :class:`Format` (a plain dict, like sacrebleu's METRICS).
FORMATS: dict[str, Format] = _discover()

#: file ending -> the name of the format that reads it
ENDINGS: dict[str, str] = {e: f.name for f in FORMATS.values() for e in f.endings}

#: language ending (``en``, ``zh``…) -> the name of the two-file format it makes half of
PAIRED_ENDINGS: dict[str, str] = {e: f.name for f in FORMATS.values() for e in f.paired_endings}


def writable() -> list[str]:
    """The formats a project can be exported as, in their order."""
    return [f.name for f in FORMATS.values() if f.write is not None]


@dataclass(frozen=True)
class InputDoc:
    """One logical input: a file, or the two files of a Moses pair."""

    name: str
    paths: tuple[Path, ...]
    format: str

    @property
    def path(self) -> Path:
        return self.paths[0]


def _paired_lang(path: Path) -> str | None:
    """The language ending of half a two-file input (``en`` for ``news.en``), else None."""
    ending = inner_path(path).suffix.lower().lstrip(".")
    return ending if ending in PAIRED_ENDINGS else None


def plan_inputs(paths: Sequence[str | Path], opts: ReadOptions | None = None) -> list[InputDoc]:
    """Group the command line's paths into inputs; Moses halves are paired by stem, and a
    monolingual format's files (Android ``strings.xml``…) by its own ``group``.

    A directory is searched by each format that can ``discover`` files in one. Raises
    :class:`InputError` for a missing file, a directory with nothing to read, an unknown
    ending, half a Moses pair and what a format's ``group`` refuses.
    """
    expanded: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise InputError(p, None, "no such file")
        if p.is_dir():
            found = [f for spec in FORMATS.values() if spec.discover for f in spec.discover(p)]
            if not found:
                raise InputError(p, None, "is a directory, not a file")
            expanded.extend(found)
        else:
            expanded.append(p)
    docs = _plan_files(expanded, opts or ReadOptions())
    return docs


def _format_of(p: Path, opts: ReadOptions) -> str | None:
    """The format that reads ``p``: one that claims it by content, else its ending's.

    A compressed file (``corpus.tsv.gz``) is its inner ending's format, for the formats that
    read through decompression; any other is refused."""
    inner = inner_path(p)
    ending = inner.suffix.lower()
    fmt = next(
        (f.name for f in FORMATS.values()
         if f.sniff is not None and ending in f.sniff_endings and f.sniff(p, opts)),
        ENDINGS.get(ending),
    )
    if fmt is not None and inner != p and not FORMATS[fmt].compressed:
        streamable = ", ".join(f.name for f in FORMATS.values() if f.compressed)
        raise InputError(
            p, None, f"a compressed {fmt} file is not read; decompress it first "
            f"({p.suffix} is read for: {streamable})"
        )
    return fmt


def _plan_files(paths: Sequence[Path], opts: ReadOptions) -> list[InputDoc]:
    docs: list[InputDoc] = []
    halves_by_stem: dict[str, dict[str, Path]] = {}  # two-file inputs (Moses)
    grouped: dict[str, list[Path]] = {}  # format -> its files, for formats with ``group``
    order: list[str] = []
    for p in paths:
        lang = _paired_lang(p)
        if lang is not None:
            stem = str(inner_path(p).with_suffix(""))
            if stem not in halves_by_stem:
                halves_by_stem[stem] = {}
                order.append(stem)
                docs.append(InputDoc(p.with_suffix("").name, (), PAIRED_ENDINGS[lang]))  # placeholder
            halves_by_stem[stem][lang] = p
            continue
        fmt = _format_of(p, opts)
        if fmt is None:
            known = ", ".join(sorted(ENDINGS)) + ", NAME.en + NAME.zh"
            raise InputError(p, None, f"unknown file ending {p.suffix or '(none)'!r}; expected {known}")
        if FORMATS[fmt].group is not None:
            if fmt not in grouped:
                grouped[fmt] = []
                docs.append(InputDoc("", (), fmt))  # placeholder: this format's inputs go here
            grouped[fmt].append(p)
            continue
        docs.append(InputDoc(p.name, (p,), fmt))
    # fill in the placeholders in command-line order
    result: list[InputDoc] = []
    stems = iter(order)
    for d in docs:
        if d.paths:
            result.append(d)
            continue
        group = FORMATS[d.format].group
        if group is not None:
            result.extend(InputDoc(name, files, d.format) for name, files in group(grouped[d.format]))
            continue
        stem = next(stems)
        halves = halves_by_stem[stem]
        if len(halves) != 2:
            (only,) = halves.values()
            raise InputError(only, None, "half of a Moses pair: give NAME.en and NAME.zh together")
        en = next((halves[k] for k in halves if k == "en"), None)
        zh = next((halves[k] for k in halves if k != "en"), None)
        if en is None or zh is None:
            raise InputError(stem, None, f"a Moses pair needs one .en and one .zh file, got {sorted(halves)}")
        result.append(InputDoc(Path(stem).name, (en, zh), d.format))
    return result


def read_doc(doc: InputDoc, opts: ReadOptions | None = None) -> Iterator[Pair]:
    """Stream the pairs of one input.

    On top of the format's own errors, raises :class:`InputError` for a segment longer
    than :data:`MAX_SEGMENT_CHARS` (at its line) and for an input with no pair at all (an
    empty JSONL file, a TSV with only its header, two empty Moses files): every format then
    treats "nothing to review" alike, and a CI gate never passes a file that came out empty.
    """
    opts = opts or ReadOptions()
    return _guarded(doc, FORMATS[doc.format].read(doc.paths, opts))


def _guarded(doc: InputDoc, pairs: Iterator[Pair]) -> Iterator[Pair]:
    n = 0
    limit = MAX_SEGMENT_CHARS
    for pair in pairs:
        if len(pair.source) > limit or len(pair.target) > limit or len(pair.reference or "") > limit:
            _refuse_long(doc, pair)
        n += 1
        yield pair
    if n == 0:
        raise InputError(doc.path, None, "no pairs in the file: nothing to review")


def _refuse_long(doc: InputDoc, pair: Pair) -> NoReturn:
    """Raise the error for a pair with a side longer than :data:`MAX_SEGMENT_CHARS`."""
    for side, text in (("source", pair.source), ("target", pair.target), ("reference", pair.reference or "")):
        if len(text) > MAX_SEGMENT_CHARS:
            where = doc.path
            if len(doc.paths) == 2:  # paths are (NAME.en, NAME.zh): the side's own file
                where = doc.paths[int(is_chinese(pair.lang("source" if side == "source" else "target")))]
            raise InputError(
                where,
                pair.line,
                f"{side} segment of {len(text):,} characters is longer than the limit "
                f"of {MAX_SEGMENT_CHARS:,}: a whole document in one segment?",
            )
    raise AssertionError("a side is longer than the limit")


def read_inputs(paths: Sequence[str | Path], opts: ReadOptions | None = None) -> Iterator[Pair]:
    """Stream the pairs of every input, in command-line order."""
    for doc in plan_inputs(paths, opts):
        yield from read_doc(doc, opts)


__all__ = [
    "ENDINGS",
    "FORMATS",
    "MAX_SEGMENT_CHARS",
    "PAIRED_ENDINGS",
    "Format",
    "InputDoc",
    "PatchJob",
    "ReadOptions",
    "WriteJob",
    "UsageError",
    "plan_inputs",
    "read_doc",
    "read_inputs",
    "writable",
]
