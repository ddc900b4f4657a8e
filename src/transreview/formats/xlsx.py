"""Bilingual ``.xlsx`` tables, the way agencies send them: read with openpyxl.

Every sheet whose header row names a source and a target column gives pairs (sheets
without one, a cover sheet or instructions, are skipped; a workbook with none is refused).
The header is the first non-empty row among the first ten; a column is recognized by its
name (``source``/``target``, ``original``/``translation``, ``原文``/``译文``…) or by its
language (``en``, ``English``, ``en-US`` / ``zh``, ``zh-CN``, ``Chinese``, ``中文``), and an
``id``/``key`` column names the pairs (else ``Sheet!row``). Other columns are kept in
``Pair.meta["extra"]``. Rows without a source are skipped. Reading streams
(``read_only``).

Export writes the corrected targets into a copy of the workbook: cell styles, column
widths, other sheets and formulas stay as they were (an unchanged export is the input byte
for byte; openpyxl re-saves the package otherwise, which keeps content and formatting but
not the zip's exact bytes).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from transreview.atomic import atomic_write
from transreview.errors import InputError, TransreviewError
from transreview.formats.base import Format, PatchJob, ReadOptions, WriteJob, one_file
from transreview.model import Pair

NAME = "xlsx"

_SOURCE_NAMES = {"source", "source text", "src", "original", "原文", "源文", "英文", "english"}
_TARGET_NAMES = {"target", "target text", "tgt", "translation", "译文", "目标", "中文", "chinese", "简体中文"}
_ID_NAMES = {"id", "key", "string id", "编号", "键"}
_HEADER_ROWS = 10


def _norm(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value)).strip().lower() if value is not None else ""


def _lang_of(name: str) -> str | None:
    base = re.split(r"[-_ ()（]", name)[0]
    if base in ("en", "eng", "english"):
        return "en"
    if base in ("zh", "chs", "cn", "chinese", "中文", "简体中文", "简体"):
        return "zh"
    return None


@dataclass(frozen=True)
class Columns:
    header_row: int  # 1-based
    source: int  # 0-based column positions
    target: int
    id: int | None
    names: tuple[str, ...]


def find_columns(rows: Sequence[Sequence[Any]], src_lang: str, tgt_lang: str) -> Columns | None:
    """The header among the first rows: the first row naming a source and a target column."""
    want_src = src_lang.split("-")[0].lower()
    want_tgt = tgt_lang.split("-")[0].lower()
    for r, row in enumerate(rows[:_HEADER_ROWS]):
        names = [_norm(v) for v in row]
        src = tgt = ident = None
        for c, name in enumerate(names):
            if not name:
                continue
            if src is None and (name in _SOURCE_NAMES or _lang_of(name) == want_src):
                src = c
            elif tgt is None and (name in _TARGET_NAMES or _lang_of(name) == want_tgt):
                tgt = c
            elif ident is None and name in _ID_NAMES:
                ident = c
        if src is not None and tgt is not None:
            return Columns(r + 1, src, tgt, ident, tuple(str(v) if v is not None else "" for v in row))
    return None


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class Row:
    sheet: str
    row: int  # 1-based
    cells: tuple[Any, ...]
    columns: Columns


def rows(workbook: Any, src_lang: str, tgt_lang: str) -> Iterator[Row]:
    """The data rows of every sheet that has a header, in workbook order."""
    for ws in workbook.worksheets:
        it = ws.iter_rows(values_only=True)
        head: list[tuple[Any, ...]] = []
        for row in it:
            head.append(tuple(row))
            if len(head) >= _HEADER_ROWS:
                break
        cols = find_columns(head, src_lang, tgt_lang)
        if cols is None:
            continue
        buffered = head[cols.header_row:]

        def data(buffered: list[tuple[Any, ...]] = buffered, it: Any = it) -> Iterator[tuple[Any, ...]]:
            yield from buffered
            for row in it:
                yield tuple(row)

        for k, cells in enumerate(data()):
            n = cols.header_row + 1 + k
            src = cells[cols.source] if cols.source < len(cells) else None
            if _cell_text(src).strip() == "":
                continue
            yield Row(ws.title, n, cells, cols)


def _open(data: bytes | Path, where: str | Path, read_only: bool) -> Any:
    import openpyxl  # imported here: only an .xlsx input pays for it

    try:
        source = io.BytesIO(data) if isinstance(data, bytes) else str(data)
        return openpyxl.load_workbook(source, read_only=read_only, data_only=False)
    except (BadZipFile, KeyError, ValueError, OSError) as e:
        raise InputError(where, None, f"not a readable .xlsx workbook: {e}") from None


def read(path: Path, opts: ReadOptions | None = None) -> Iterator[Pair]:
    path = Path(path)
    opts = opts or ReadOptions()
    wb = _open(path, path, read_only=True)
    try:
        index = 0
        seen: dict[str, int] = {}
        for r in rows(wb, opts.src_lang, opts.tgt_lang):
            cols = r.columns
            ident = _cell_text(r.cells[cols.id]) if cols.id is not None and cols.id < len(r.cells) else ""
            pid = ident.strip() or f"{r.sheet}!{r.row}"
            if pid in seen:
                raise InputError(path, r.row, f"sheet {r.sheet!r}: id {pid!r} twice (first on row {seen[pid]})")
            seen[pid] = r.row
            extra = {
                cols.names[c]: _cell_text(v) for c, v in enumerate(r.cells)
                if c not in (cols.source, cols.target, cols.id) and c < len(cols.names) and cols.names[c]
            }
            target = r.cells[cols.target] if cols.target < len(r.cells) else None
            yield Pair(
                id=pid, source=_cell_text(r.cells[cols.source]), target=_cell_text(target),
                doc=path.name, index=index, line=r.row, src_lang=opts.src_lang, tgt_lang=opts.tgt_lang,
                meta={"format": NAME, "sheet": r.sheet, "row": r.row, "extra": extra},
            )
            index += 1
        if index == 0 and not any(
            find_columns([tuple(x) for x in ws.iter_rows(max_row=_HEADER_ROWS, values_only=True)],
                         opts.src_lang, opts.tgt_lang)
            for ws in wb.worksheets
        ):
            raise InputError(path, None, "no sheet has a header row naming a source and a target column "
                             "(e.g. 'source'/'target', 'en'/'zh', '原文'/'译文')")
    finally:
        wb.close()


def write_patched(original: bytes, out: Path, targets: Mapping[int, str], *, name: str = "book.xlsx",
                  src_lang: str = "en", tgt_lang: str = "zh",
                  notes: Mapping[int, list[str]] | None = None) -> dict[str, int]:
    """A copy of the workbook with the corrected targets written into their cells.

    ``notes`` (reviewer notes, by pair ``index``) become the target cell's comment (Excel's
    "note"), added below a comment the cell already has."""
    notes = {i: texts for i, texts in (notes or {}).items() if texts}
    if not targets and not notes:
        with atomic_write(Path(out), "wb") as handle:
            handle.write(original)
        return {"changed": 0, "notes": 0}
    ro = _open(original, name, read_only=True)
    try:
        places = [(r.sheet, r.row, r.columns.target) for r in rows(ro, src_lang, tgt_lang)]
    finally:
        ro.close()
    bad = sorted(i for i in [*targets, *notes] if not 0 <= i < len(places))
    if bad:
        raise TransreviewError(f"{name}: no row at position {bad[0]} (the workbook has {len(places)})")
    wb = _open(original, name, read_only=False)
    changed = 0
    for i, text in targets.items():
        sheet, row, col = places[i]
        cell = wb[sheet].cell(row=row, column=col + 1)
        if _cell_text(cell.value) != text:
            cell.value = text
            # openpyxl makes a string starting with "=" a formula: a corrected target is text
            cell.data_type = "s"
            changed += 1
    written = 0
    for i, texts in sorted(notes.items()):
        from openpyxl.comments import Comment

        sheet, row, col = places[i]
        cell = wb[sheet].cell(row=row, column=col + 1)
        body = "\n".join(texts)
        old = cell.comment.text if cell.comment is not None else ""
        cell.comment = Comment(f"{old}\n{body}" if old else body, "transreview")
        written += len(texts)
    buf = io.BytesIO()
    wb.save(buf)
    with atomic_write(Path(out), "wb") as handle:
        handle.write(buf.getvalue())
    return {"changed": changed, "notes": written}


def write_new(path: Path, pairs: Sequence[Pair]) -> int:
    """A new workbook: one sheet with ``id``, ``source``, ``target`` columns."""
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("transreview")
    ws.append(["id", "source", "target"])
    for pair in pairs:
        ws.append([pair.id, pair.source, pair.target])
    buf = io.BytesIO()
    wb.save(buf)
    with atomic_write(Path(path), "wb") as handle:
        handle.write(buf.getvalue())
    return len(pairs)


def _write_job(path: Path, job: WriteJob) -> tuple[Path, ...]:
    write_new(path, job.pairs)
    return (path,)


def _patch_job(path: Path, job: PatchJob) -> None:
    write_patched(job.original, path, job.targets, name=job.name, src_lang=job.src_lang,
                  tgt_lang=job.tgt_lang, notes=job.notes)


FORMAT = Format(
    NAME, (".xlsx",), read=one_file(read), write=_write_job, patch=_patch_job, order=42,
    one_file_per_document=True, unit="row",
    summary="bilingual Excel tables: source/target columns by header name or language, every sheet",
    patch_notes=True,
)


__all__ = ["FORMAT", "find_columns", "read", "write_new", "write_patched"]
