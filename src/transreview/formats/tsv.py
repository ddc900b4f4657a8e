"""``.tsv`` and ``.csv``: one pair per row, columns named by a header row.

The header names ``source`` and ``target`` and optionally ``id`` and ``reference``
(case-insensitive, surrounding spaces ignored); any other column is kept, by its header
name, in ``Pair.meta["extra"]`` and written back, so a spreadsheet's notes survive a
review. Both dialects use the ``csv`` module's quoting (a field that holds the delimiter,
a quote or a newline is quoted, inner quotes doubled), TSV included: that is what
spreadsheets and pandas write, and it lets a tab or newline live inside a segment.

Quoting is read strictly: a field that opens a quote must close it right before the
delimiter. The lenient reading would silently drop the quote characters of a segment such
as ``"Hello," he said`` and review altered text; an error naming the line is better.

Rows are decoded and parsed as a stream (:func:`transreview.encoding.iter_lines`); only
the ids seen so far are kept, to refuse duplicates.
"""

from __future__ import annotations

import csv
import json
import tempfile
from array import array
from collections.abc import Iterable, Iterator, Mapping
from operator import itemgetter
from pathlib import Path
from typing import Any, Literal

from transreview.atomic import atomic_write
from transreview.encoding import inner_path, iter_lines
from transreview.errors import InputError, TransreviewError
from transreview.formats.base import Format, ReadOptions, WriteJob, one_file
from transreview.model import Pair

Dialect = Literal["tsv", "csv"]
KNOWN_COLUMNS = ("id", "source", "target", "reference")
#: Column written by ``write(..., include_original=True)``: the target before correction.
ORIGINAL_COLUMN = "original_target"


def dialect_for(path: Path) -> Dialect:
    """``csv`` for a ``.csv`` file, ``tsv`` otherwise."""
    return "csv" if inner_path(Path(path)).suffix.lower() == ".csv" else "tsv"


def _csv_options(dialect: Dialect) -> dict[str, Any]:
    return {
        "delimiter": "," if dialect == "csv" else "\t",
        "quotechar": '"',
        "doublequote": True,
        "strict": True,
    }


class IdTracker:
    """Refuses a second pair with the same id, naming the line of the first.

    Refusing duplicates means remembering every id, so this is the one part of reading that
    grows with the file. A dict of the id strings cost about 145 bytes a pair (145 MB per
    million); this keeps a 64-bit fingerprint and the line in two flat arrays (open
    addressing, at most three quarters full): 21 to 43 bytes a pair. Two different ids share a
    fingerprint with a chance of about n²/2⁶⁵ (3·10⁻⁸ for a million pairs); ``hash`` of a
    ``str`` is 64-bit and fixed for the life of the process, which is all this needs.
    """

    _EMPTY = 0

    def __init__(self, path: Path, capacity: int = 1024) -> None:
        self.path = path
        self._size = 0
        self._keys = array("q", [0]) * capacity
        self._lines = array("q", [0]) * capacity

    @staticmethod
    def _key(pair_id: str) -> int:
        return hash(pair_id) or 1  # 0 marks an empty slot

    def _slot(self, key: int) -> int:
        mask = len(self._keys) - 1
        i = key & mask
        keys = self._keys
        while keys[i] != self._EMPTY and keys[i] != key:
            i = (i + 1) & mask
        return i

    def _grow(self) -> None:
        old_keys, old_lines = self._keys, self._lines
        capacity = len(old_keys) * 2
        self._keys = array("q", [0]) * capacity
        self._lines = array("q", [0]) * capacity
        for k, n in zip(old_keys, old_lines, strict=True):
            if k != self._EMPTY:
                i = self._slot(k)
                self._keys[i], self._lines[i] = k, n

    def add(self, pair_id: str, line: int | None) -> None:
        key = hash(pair_id) or 1  # _key, inlined: called for every row
        keys = self._keys
        i = key & (len(keys) - 1)
        if keys[i] != self._EMPTY and keys[i] != key:
            i = self._slot(key)
        if keys[i] == key:
            first = self._lines[i]
            where = f"first on line {first}" if first > 0 else "seen before"
            raise InputError(self.path, line, f"duplicate id {pair_id!r} ({where})")
        self._keys[i], self._lines[i] = key, line or 0
        self._size += 1
        if 4 * self._size > 3 * len(self._keys):
            self._grow()


# --------------------------------------------------------------------------- reading


def plural(n: int, word: str) -> str:
    """``1 field``, ``3 fields``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _csv_error(path: Path, e: csv.Error, line: int, row_start: int, dialect: Dialect) -> InputError:
    msg = str(e)
    if "unexpected end of data" in msg:
        return InputError(path, row_start, "quoted field is never closed (no closing '\"')")
    if "field larger than field limit" in msg:
        return InputError(path, line, f"field longer than {csv.field_size_limit()} characters")
    if "expected after" in msg:
        delimiter = "comma" if dialect == "csv" else "tab"
        return InputError(
            path,
            line,
            f"malformed quoting: a field that starts with '\"' must end with '\"' right "
            f"before the next {delimiter}, with any '\"' inside it doubled",
        )
    if "new-line character" in msg:
        return InputError(path, line, "carriage return inside an unquoted field: quote the field")
    return InputError(path, line, f"malformed row: {msg}")


def _rows(
    path: Path, dialect: Dialect, encoding: str | None = None
) -> Iterator[tuple[int, list[str]]]:
    """(physical line where the row starts, fields) for each non-blank row."""
    reader = csv.reader(
        map(itemgetter(1), iter_lines(path, keepends=True, encoding=encoding)),  # the texts
        **_csv_options(dialect),
    )
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise _csv_error(path, e, reader.line_num, start, dialect) from None
        if row:
            yield start, row


#: A header with more columns is refused: every extra column is stored with every pair, so
#: a header of a million columns made a 25 MB project out of one pair.
MAX_COLUMNS = 1000


def _header(path: Path, line: int, row: list[str]) -> dict[str, int]:
    """Column positions by normalised name; raises for a missing or repeated column."""
    if len(row) > MAX_COLUMNS:
        raise InputError(
            path, line, f"header has {len(row):,} columns; at most {MAX_COLUMNS:,} are supported"
        )
    names = [name.strip() for name in row]
    columns: dict[str, int] = {}
    for i, name in enumerate(names):
        key = name.lower()
        if key in columns:
            raise InputError(path, line, f"header names the column {name!r} twice")
        columns[key] = i
    for need in ("source", "target"):
        if need not in columns:
            found = ", ".join(n if n and n.isprintable() else repr(n) for n in names)
            raise InputError(path, line, f"header has no {need!r} column (found: {found})")
    return columns


def read(path: Path, opts: ReadOptions | None = None) -> Iterator[Pair]:
    """Stream the pairs of a ``.tsv`` (tab) or ``.csv`` (comma) file, one per data row.

    ``id`` is the id column where present and non-empty, else the 1-based row number;
    ``index`` counts data rows from 0 (blank lines are skipped); ``line`` is the physical
    line where the row starts (a quoted field may span lines). ``meta`` holds
    ``{"format": "tsv"|"csv", "extra": {header name: value}}``. Raises
    :class:`InputError` for an empty file, a header without ``source``/``target``, a row
    with the wrong number of fields, malformed quoting and duplicate ids.
    """
    return _read(Path(path), opts or ReadOptions())


def _read(path: Path, opts: ReadOptions) -> Iterator[Pair]:
    dialect = dialect_for(path)
    rows = _rows(path, dialect, opts.encoding)
    first = next(rows, None)
    if first is None:
        raise InputError(path, None, "empty file, expected a header row")
    header_line, header_row = first
    columns = _header(path, header_line, header_row)
    width = len(header_row)
    i_src, i_tgt = columns["source"], columns["target"]
    i_id, i_ref = columns.get("id"), columns.get("reference")
    extras = [(header_row[i].strip(), i) for k, i in columns.items() if k not in KNOWN_COLUMNS]
    ids = IdTracker(path) if i_id is not None else None
    doc, src_lang, tgt_lang = path.name, opts.src_lang, opts.tgt_lang
    for index, (line, row) in enumerate(rows):
        if len(row) != width:
            raise InputError(path, line, f"row has {plural(len(row), 'field')}, header has {width}")
        pair_id = row[i_id].strip() if i_id is not None else ""
        if not pair_id:
            pair_id = str(index + 1)
        if ids is not None:
            ids.add(pair_id, line)
        reference = row[i_ref] if i_ref is not None else None
        # Positional: this runs for every row (Pair's fields in their order).
        yield Pair(
            pair_id, row[i_src], row[i_tgt], doc, index, line, reference or None, src_lang, tgt_lang,
            {"format": dialect, "extra": {name: row[i] for name, i in extras} if extras else {}},
        )


# --------------------------------------------------------------------------- writing


#: What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): = + - @,
#: and a tab or carriage return before them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """``cell`` with a ``'`` in front when a spreadsheet would run it as a formula
    (``=HYPERLINK(…)``, ``+1``, ``@SUM(…)``); Excel and LibreOffice show the rest as text."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def write(
    path: Path,
    pairs: Iterable[Pair],
    *,
    include_original: bool = False,
    originals: Mapping[str, str] | None = None,
    dialect: Dialect | None = None,
    safe_for_spreadsheets: bool = False,
) -> int:
    """Write ``pairs`` atomically with a header row; return how many rows were written.

    Columns: ``id``, ``source``, ``target``, then ``reference`` if any pair has one, then
    ``original_target`` with ``include_original`` (``originals[pair.id]`` where given,
    else the pair's own target), then every ``meta["extra"]`` key in first-seen order
    (empty where a pair lacks it). ``dialect`` defaults to the path's ending. What is
    written reads back with the same ids, texts, references and extras.

    Pairs are streamed through a temporary spool file (the header depends on every pair),
    so a large export is never held in memory. ``safe_for_spreadsheets`` puts a ``'`` in
    front of every cell (header included) that starts like a formula; without it every
    text is written byte for byte. Raises :class:`TransreviewError` when an
    extra column's name would read back as one of the known columns.
    """
    path = Path(path)
    dialect = dialect or dialect_for(path)
    originals = originals or {}
    reserved = set(KNOWN_COLUMNS) | ({ORIGINAL_COLUMN} if include_original else set())
    extra_names: dict[str, str] = {}  # normalised -> as written
    has_reference = False
    count = 0
    with tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8") as spool:
        for pair in pairs:
            extra = dict((pair.meta or {}).get("extra") or {})
            for name in extra:
                key = str(name).strip().lower()
                if key == ORIGINAL_COLUMN and include_original:
                    continue
                if key in reserved or extra_names.setdefault(key, str(name)) != str(name):
                    raise TransreviewError(
                        f"{path}: cannot write the extra field {name!r} as a column: "
                        f"it would read back as the column {extra_names.get(key, key)!r}"
                    )
            has_reference = has_reference or pair.reference is not None
            record = [
                pair.id,
                pair.source,
                pair.target,
                pair.reference,
                originals.get(pair.id, pair.target),
                {str(k): _cell(v) for k, v in extra.items()},
            ]
            spool.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        spool.seek(0)
        header = ["id", "source", "target"]
        header += ["reference"] if has_reference else []
        header += [ORIGINAL_COLUMN] if include_original else []
        header += list(extra_names.values())
        with atomic_write(path, "w", encoding="utf-8") as out:
            opts = _csv_options(dialect)
            del opts["strict"]
            minimal = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL, **opts)
            # csv quotes \n but not a lone \r when the line ends in \n; such rows quote all.
            every = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL, **opts)
            defuse = spreadsheet_safe if safe_for_spreadsheets else None
            minimal.writerow([defuse(h) for h in header] if defuse else header)
            for raw in spool:
                pid, src, tgt, ref, orig, extra = json.loads(raw)
                row = [pid, src, tgt]
                row += [ref or ""] if has_reference else []
                row += [orig] if include_original else []
                row += [extra.get(name, "") for name in extra_names.values()]
                if defuse:
                    row = [defuse(cell) for cell in row]
                (every if any("\r" in f for f in row) else minimal).writerow(row)
    return count


def _write_job(path: Path, job: WriteJob) -> tuple[Path, ...]:
    write(path, job.pairs, include_original=job.originals is not None, originals=job.originals,
          safe_for_spreadsheets=job.spreadsheet_safe)
    return (path,)


FORMAT = Format(
    "tsv", (".tsv", ".csv"), read=one_file(read), write=_write_job, order=30, original_column=True, compressed=True,
    spreadsheet_safe=True,
    summary="TSV/CSV with a header naming source and target",
)


__all__ = [
    "FORMAT",
    "KNOWN_COLUMNS",
    "ORIGINAL_COLUMN",
    "IdTracker",
    "dialect_for",
    "plural",
    "read",
    "write",
]
