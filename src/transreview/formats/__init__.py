"""Input formats: one module per format, picked by file ending.

Each format module exposes ``read(path: Path, opts: ReadOptions) -> Iterator[Pair]``,
streaming, raising :class:`transreview.errors.InputError` located as FILE:LINE. A Moses
pair is two files (``NAME.en NAME.zh``) given side by side on the command line.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from transreview.errors import InputError, UsageError
from transreview.model import Pair, is_chinese

# ending -> module name in this package
READERS: dict[str, str] = {
    ".tsv": "tsv",
    ".csv": "tsv",
    ".jsonl": "jsonl",
    ".tmx": "tmx",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".txt": "page",
}

#: The longest segment a reader hands on, in characters: the ``csv`` module's own field
#: limit, so TSV/CSV and the other formats agree. A longer "segment" is a whole document
#: (or a binary) in one line; the checks would take minutes on it and a reviewer could not
#: read it, so it is refused with its line instead.
MAX_SEGMENT_CHARS = 131_072

# language endings that make a file half of a Moses pair
MOSES_LANG_ENDINGS = {"en", "zh", "zh-cn", "zh-hans", "zh-tw", "zh-hant", "cn"}


@dataclass(frozen=True)
class ReadOptions:
    src_lang: str = "en"
    tgt_lang: str = "zh"


@dataclass(frozen=True)
class InputDoc:
    """One logical input: a file, or the two files of a Moses pair."""

    name: str
    paths: tuple[Path, ...]
    format: str

    @property
    def path(self) -> Path:
        return self.paths[0]


def _moses_lang(path: Path) -> str | None:
    ending = path.suffix.lower().lstrip(".")
    return ending if ending in MOSES_LANG_ENDINGS else None


def plan_inputs(paths: Sequence[str | Path]) -> list[InputDoc]:
    """Group the command line's paths into inputs; Moses halves are paired by stem.

    Raises :class:`InputError` for a missing file, a directory or an unknown ending, and
    for half a Moses pair.
    """
    docs: list[InputDoc] = []
    moses: dict[str, dict[str, Path]] = {}
    order: list[str] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise InputError(p, None, "no such file")
        if p.is_dir():
            raise InputError(p, None, "is a directory, not a file")
        lang = _moses_lang(p)
        if lang is not None:
            stem = str(p.with_suffix(""))
            if stem not in moses:
                moses[stem] = {}
                order.append(stem)
                docs.append(InputDoc(p.with_suffix("").name, (), "moses"))  # placeholder
            moses[stem][lang] = p
            continue
        fmt = READERS.get(p.suffix.lower())
        if fmt is None:
            known = ", ".join(sorted(READERS)) + ", NAME.en + NAME.zh"
            raise InputError(p, None, f"unknown file ending {p.suffix or '(none)'!r}; expected {known}")
        docs.append(InputDoc(p.name, (p,), fmt))
    # fill in Moses placeholders in command-line order
    result: list[InputDoc] = []
    stems = iter(order)
    for d in docs:
        if d.format != "moses":
            result.append(d)
            continue
        stem = next(stems)
        halves = moses[stem]
        if len(halves) != 2:
            (only,) = halves.values()
            raise InputError(only, None, "half of a Moses pair: give NAME.en and NAME.zh together")
        en = next((halves[k] for k in halves if k == "en"), None)
        zh = next((halves[k] for k in halves if k != "en"), None)
        if en is None or zh is None:
            raise InputError(stem, None, f"a Moses pair needs one .en and one .zh file, got {sorted(halves)}")
        result.append(InputDoc(Path(stem).name, (en, zh), "moses"))
    return result


def read_doc(doc: InputDoc, opts: ReadOptions | None = None) -> Iterator[Pair]:
    """Stream the pairs of one input.

    On top of the format's own errors, raises :class:`InputError` for a segment longer
    than :data:`MAX_SEGMENT_CHARS` (at its line) and for an input with no pair at all (an
    empty JSONL file, a TSV with only its header, two empty Moses files): every format then
    treats "nothing to review" alike, and a CI gate never passes a file that came out empty.
    """
    opts = opts or ReadOptions()
    module = import_module(f"transreview.formats.{doc.format}")
    if doc.format == "moses":
        pairs = module.read_pair(doc.paths[0], doc.paths[1], opts)
    else:
        pairs = module.read(doc.path, opts)
    return _guarded(doc, pairs)


def _guarded(doc: InputDoc, pairs: Iterator[Pair]) -> Iterator[Pair]:
    n = 0
    for pair in pairs:
        for side, text in (("source", pair.source), ("target", pair.target),
                           ("reference", pair.reference or "")):
            if len(text) > MAX_SEGMENT_CHARS:
                where = doc.path
                if doc.format == "moses":  # paths are (NAME.en, NAME.zh): the side's own file
                    where = doc.paths[int(is_chinese(pair.lang("source" if side == "source" else "target")))]
                raise InputError(
                    where,
                    pair.line,
                    f"{side} segment of {len(text):,} characters is longer than the limit "
                    f"of {MAX_SEGMENT_CHARS:,}: a whole document in one segment?",
                )
        n += 1
        yield pair
    if n == 0:
        raise InputError(doc.path, None, "no pairs in the file: nothing to review")


def read_inputs(paths: Sequence[str | Path], opts: ReadOptions | None = None) -> Iterator[Pair]:
    """Stream the pairs of every input, in command-line order."""
    for doc in plan_inputs(paths):
        yield from read_doc(doc, opts)


__all__ = [
    "MAX_SEGMENT_CHARS",
    "READERS",
    "InputDoc",
    "ReadOptions",
    "UsageError",
    "plan_inputs",
    "read_doc",
    "read_inputs",
]
