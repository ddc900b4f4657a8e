"""``transreview export``: a project's corrected corpus back in the formats people use.

What is exported, pair by pair: the source as imported and, as target, the last saved
correction (undo included) or else the original target. Around that, three decisions:

- *Round trip where the format allows it.* A document imported from TMX (exported as TMX)
  or XLIFF (exported as XLIFF) is re-read from the original bytes the project keeps and
  patched: ids, other languages, props, notes, inline markup, attributes, comments and
  unit order stay as they were and only corrected targets change. Corrected (and approved)
  XLIFF units get ``state="signed-off"`` (1.2) / ``state="reviewed"`` (2.x), and findings a
  reviewer made or confirmed become ``<note>``s. Any other document becomes a new file
  (the format's ``write``: for XLIFF, version 2.1). Which formats can do what is declared
  by each format module and read from the registry (:data:`transreview.formats.FORMATS`).
- *One document, one TMX/XLIFF file.* A round trip is per document, and TMX has no way to
  keep documents apart, so a project with several documents exported as TMX or XLIFF
  needs ``-o`` to be a directory (created if missing): one file per document, named after
  it. TSV, JSONL and Moses are corpora: every document goes into the one output, and when
  there are several documents the pair ids become ``NAME:ID`` so they stay unique.
  Only the latest import of each document name is exported (a re-imported, changed file
  supersedes the old one; the summary says so).
- *Filters judge the text that is exported.* ``--only approved`` keeps pairs a reviewer
  approved; ``--only corrected`` pairs whose target was corrected; ``--only clean`` pairs
  with no remaining finding. ``--exclude-severity S`` drops pairs with a remaining finding
  at ``S`` or worse (``major`` drops major and critical). For an uncorrected pair the
  remaining findings are its open and confirmed ones. A corrected pair is re-checked: the
  findings were measured on the original, and a reviewer who fixed 陕西 may have left the
  half-width commas beside it. The re-check runs the pair-level checks of this build
  (without glossaries: the project does not keep them) and forgets findings a reviewer
  dismissed on the original (same check, category and text); a reviewer's own findings
  still count while the text they marked is in the exported target.
- *A parallel corpus has no blank lines.* Moses export leaves out pairs whose target is
  empty (untranslated paragraphs) and the summary says how many.

Nothing is half-written: every file goes through :mod:`transreview.atomic`, and a
directory export is written to a hidden staging folder first and moved into place only
when every file is complete.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from transreview import codes
from transreview.errors import TransreviewError, UsageError
from transreview.formats import FORMATS, Format, PatchJob, WriteJob, writable
from transreview.model import Finding, Pair, Severity
from transreview.outputs import refuse_clobbering
from transreview.records import ProjectReader, StoredDocument, StoredFinding

ONLY: tuple[str, ...] = ("approved", "corrected", "clean")

How = Literal["patched", "new", "skipped"]


# --- the data of one exported pair --------------------------------------------------------


@dataclass(frozen=True)
class ExportPair:
    """One pair as the export sees it: the stored pair, its review state and its findings."""

    pair_id: int
    pair: Pair
    target: str  # what is exported: the last correction, else the original target
    status: str
    findings: tuple[StoredFinding, ...]
    changed_at: str | None = None  # when the review state last changed (ISO 8601)
    changed_by: str | None = None  # and by whom

    @property
    def corrected(self) -> bool:
        return self.target != self.pair.target

    @property
    def exported(self) -> Pair:
        """The pair with the exported target."""
        return replace(self.pair, target=self.target)


def note_for(sf: StoredFinding, table: codes.CodeTable | None = None) -> str:
    """The ``<note>`` text of a finding a reviewer made or confirmed. Inline-code tokens
    (``table``, the pair's) in its text are written as their chips (``⟦1›``): a note is
    read by people in a CAT tool, where a private-use character shows as nothing."""
    f = sf.finding
    table = table or {}
    text = f"transreview: {f.severity.label} {f.category}"
    if f.text:
        text += f" «{codes.show(f.text, table)}»"
    if f.message and f.message != f.category:
        text += f": {codes.show(f.message, table)}"
    if f.suggestion:
        text += f" → {codes.show(f.suggestion, table)}"
    who = sf.actor or (f.check if sf.origin != "check" else None)
    if who:
        text += f" ({who})"
    return text


def notes_for(ep: ExportPair) -> list[str]:
    """Notes for a pair: its reviewer and quick findings still live, and check findings a
    reviewer confirmed. Open check findings stay out: nobody has looked at them yet."""
    table = codes.table_of(ep.pair.meta)
    return [
        note_for(sf, table)
        for sf in ep.findings
        if sf.live and (sf.origin != "check" or sf.status == "confirmed")
    ]


# --- summary -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentExport:
    """What happened to one document."""

    name: str
    path: Path | None
    how: How
    written: int
    total: int
    corrected: int
    notes: int = 0
    #: Reviewer notes left out because the format has no place for them (JSON, ARB…).
    notes_left_out: int = 0

    def __str__(self) -> str:
        if self.how == "skipped":
            return f"{self.name}: no pair passes the filters, no file written"
        how = "patched from the original file" if self.how == "patched" else "new file"
        text = f"{self.name} → {self.path}: {self.written} of {self.total} pairs ({how})"
        text += f", {self.corrected} corrected"
        if self.notes:
            text += f", {self.notes} reviewer note{'s' if self.notes != 1 else ''}"
        if self.notes_left_out:
            n = self.notes_left_out
            text += f", {n} reviewer note{'s' if n != 1 else ''} left out (no place for notes in this format)"
        return text


@dataclass(frozen=True)
class ExportSummary:
    """The result of :func:`export_project`; ``str()`` is what the CLI prints on stderr."""

    fmt: str
    output: Path
    files: tuple[Path, ...]
    documents: tuple[DocumentExport, ...]
    left_out: dict[str, int] = field(default_factory=dict)
    superseded: tuple[str, ...] = ()
    #: pairs written to a TSV/CSV with a line break in a field: quoted across lines, which
    #: line-by-line tools (cut, wc -l, paste) do not expect
    multiline: int = 0

    @property
    def written(self) -> int:
        return sum(d.written for d in self.documents)

    @property
    def total(self) -> int:
        return sum(d.total for d in self.documents)

    @property
    def corrected(self) -> int:
        return sum(d.corrected for d in self.documents)

    def __str__(self) -> str:
        lines = []
        if FORMATS[self.fmt].one_file_per_document and len(self.documents) > 1:
            lines += [str(d) for d in self.documents]
        elif any(d.how == "patched" for d in self.documents):
            lines.append("round trip: the original file patched; only corrected targets changed")
        files = ", ".join(str(f) for f in self.files)
        lines.append(
            f"exported {self.written} of {self.total} pairs ({self.corrected} corrected) "
            f"as {self.fmt} to {files or self.output}"
        )
        if self.left_out:
            lines.append(
                "left out: " + ", ".join(f"{n} {why}" for why, n in self.left_out.items())
            )
        for name in self.superseded:
            lines.append(f"note: an older import of {name} was superseded by a later one")
        if self.multiline:
            n = self.multiline
            lines.append(
                f"note: {n} pair{'s' if n != 1 else ''} hold{'s' if n == 1 else ''} a line break, written as a quoted "
                "field across lines (CSV quoting); --format jsonl keeps one pair per line"
            )
        return "\n".join(lines)


# --- collecting ------------------------------------------------------------------------------


def latest_documents(store: ProjectReader) -> tuple[list[StoredDocument], list[str]]:
    """The latest import of each document name, in import order; names with older imports."""
    latest: dict[str, StoredDocument] = {}
    superseded: list[str] = []
    for doc in store.documents():
        if doc.name in latest:
            superseded.append(doc.name)
        latest[doc.name] = doc
    return sorted(latest.values(), key=lambda d: d.id), superseded


def export_pairs(store: ProjectReader, document_id: int) -> Iterator[ExportPair]:
    """Every pair of a document with its exported target, status and findings, in order,
    read from the project as they are needed (an export never holds a whole corpus)."""
    for pid, pair in store.iter_pairs(document_id):
        st = store.state(pid)
        target = pair.target if st.current_text is None else st.current_text
        yield ExportPair(pid, pair, target, st.status, tuple(store.findings(pid)), st.updated_at, st.actor)


def collect(store: ProjectReader, document_id: int) -> list[ExportPair]:
    """Every pair of a document (:func:`export_pairs`) as a list: for the writers that
    build a whole document at once (TMX, XLIFF and the other one-file-per-document formats)."""
    return list(export_pairs(store, document_id))


@dataclass
class _Verdicts:
    """Pass one of an export: per document, one byte per pair in document order (1 = kept),
    so the second pass streams the pairs again without keeping them (1 MB per 1M pairs)."""

    kept: dict[int, bytearray] = field(default_factory=dict)
    written: dict[int, int] = field(default_factory=dict)
    corrected: dict[int, int] = field(default_factory=dict)
    left_out: dict[str, int] = field(default_factory=dict)

    def total(self, doc_id: int) -> int:
        return len(self.kept[doc_id])


def _judge(
    store: ProjectReader, docs: Sequence[StoredDocument], only: str | None, exclude: Severity | None,
    *, corpus: bool = False, min_qe: float | None = None,
) -> _Verdicts:
    rechecker = _Rechecker()
    v = _Verdicts()
    for doc in docs:
        marks = v.kept[doc.id] = bytearray()
        written = corrected = 0
        scores = store.qe_scores(doc.id) if min_qe is not None else {}
        for ep in export_pairs(store, doc.id):
            why = keep_reason(ep, only, exclude, rechecker, corpus=corpus, min_qe=min_qe,
                              qe_score=scores.get(ep.pair_id))
            marks.append(why is None)
            if why is None:
                written += 1
                corrected += ep.corrected
            else:
                v.left_out[why] = v.left_out.get(why, 0) + 1
        v.written[doc.id], v.corrected[doc.id] = written, corrected
    return v


# --- filters ---------------------------------------------------------------------------------


def _same_finding(a: Finding, b: Finding) -> bool:
    return (a.check, a.category, a.side, a.text) == (b.check, b.category, b.side, b.text)


class _Rechecker:
    """Pair-level checks of this build, built once, run on corrected targets only."""

    def __init__(self) -> None:
        self._checks: list | None = None

    def findings(self, ep: ExportPair) -> list[Finding]:
        from transreview.pipeline import run_checks

        if self._checks is None:
            from transreview.checks import build_checks

            self._checks = [c for c in build_checks(None) if not c.corpus_level]
        failures: list = []
        (result,) = run_checks([ep.exported], self._checks, scores=False, on_error=failures.append)
        dismissed = [sf.finding for sf in ep.findings if sf.status == "dismissed"]
        return [f for f in result.findings if not any(_same_finding(f, d) for d in dismissed)]


def remaining_findings(ep: ExportPair, rechecker: _Rechecker) -> list[Finding]:
    """The findings that describe the exported text (see the module docstring).

    A corrected pair: the re-check of its exported text, plus the findings a person made
    (reviewer findings, quick spans) that are still live and still apply: one on the
    target while the text it marked is still in the exported target (a reviewer's major on
    世博会 does not go away because 陕西 beside it was fixed), one on the source always."""
    if ep.corrected:
        human = [
            sf.finding for sf in ep.findings
            if sf.live and sf.origin != "check"
            and (sf.finding.side == "source" or not sf.finding.text or sf.finding.text in ep.target)
        ]
        return rechecker.findings(ep) + human
    return [sf.finding for sf in ep.findings if sf.live]


def keep_reason(
    ep: ExportPair, only: str | None, exclude: Severity | None, rechecker: _Rechecker,
    *, corpus: bool = False, min_qe: float | None = None, qe_score: float | None = None,
) -> str | None:
    """None when the pair is exported, else why it is left out (for the summary).

    ``corpus`` (Moses, a line-aligned parallel corpus for training): a pair without a
    target is left out rather than written as a blank target line, and the summary says
    how many. ``min_qe``: a pair whose stored quality-estimation score (``qe_score``, of the
    original target) is below it is left out, unless a reviewer corrected the target (the
    score no longer describes it); a pair without a score is kept."""
    if corpus and not ep.target.strip():
        return "untranslated (empty target; a parallel corpus gets no blank lines)"
    if min_qe is not None and qe_score is not None and qe_score < min_qe and not ep.corrected:
        return f"with a quality estimate below {min_qe:g}"
    if only == "approved" and ep.status != "approved":
        return "not approved"
    if only == "corrected" and not ep.corrected:
        return "not corrected"
    if only == "clean" or exclude is not None:
        remaining = remaining_findings(ep, rechecker)
        if only == "clean" and remaining:
            return "with findings"
        if exclude is not None and any(f.severity >= exclude for f in remaining):
            return f"with a {exclude.label} or worse finding"
    return None


# --- writing ---------------------------------------------------------------------------------


def _new_pair(ep: ExportPair, notes: list[str], spec: Format, pair_id: str | None = None) -> Pair:
    """The exported pair for a new file; reviewer notes join the pair's own notes. For a
    writer that cannot hold inline codes, their tokens are left out of both sides."""
    meta = dict(ep.pair.meta or {})
    if notes:
        meta["notes"] = [*(meta.get("notes") or ()), *notes]
    source, target = ep.pair.source, ep.target
    if not spec.inline_codes:
        table = codes.table_of(meta)
        source, target = codes.strip(source, table), codes.strip(target, table)
    return replace(ep.pair, id=pair_id or ep.pair.id, source=source, target=target, meta=meta)


def _write_document(
    store: ProjectReader,
    doc: StoredDocument,
    pairs: list[ExportPair],
    kept: set[int],
    spec: Format,
    path: Path,
) -> DocumentExport:
    """One file for one document: patched when it came in the same format, else new."""
    exported = [ep for ep in pairs if ep.pair_id in kept]
    notes = {ep.pair.index: n for ep in exported if (n := notes_for(ep))}
    corrected = sum(ep.corrected for ep in exported)
    content, companion = store.document_content(doc.id)
    how: How
    if doc.format == spec.name and content and spec.patch is not None:
        spec.patch(path, PatchJob(
            original=content,
            name=doc.name,
            targets={ep.pair.index: ep.target for ep in exported if ep.corrected},
            notes=notes,
            reviewed=[ep.pair.index for ep in exported if ep.status == "approved"],
            changes={ep.pair.index: (ep.changed_at, ep.changed_by) for ep in exported if ep.corrected},
            drop=[ep.pair.index for ep in pairs if ep.pair_id not in kept],
            src_lang=doc.src_lang,
            tgt_lang=doc.tgt_lang,
            companion=companion,
        ))
        how = "patched"
    else:
        assert spec.write is not None  # export_project takes writable formats only
        spec.write(path, WriteJob(
            pairs=[_new_pair(ep, notes.get(ep.pair.index, []), spec) for ep in exported],
            src_lang=doc.src_lang,
            tgt_lang=doc.tgt_lang,
            reviewed={
                ep.pair.id for ep in exported if ep.corrected or ep.status in ("corrected", "approved")
            },
        ))
        how = "new"
    n_notes = sum(map(len, notes.values()))
    placed = spec.patch_notes if how == "patched" else spec.write_notes
    return DocumentExport(
        doc.name, path, how, len(exported), len(pairs), corrected,
        n_notes if placed else 0, 0 if placed else n_notes,
    )


def _file_names(docs: Sequence[StoredDocument], spec: Format) -> list[str]:
    """``NAME-stem.tmx`` per document (the format's first ending), made unique (``a.txt``
    and ``a.tsv`` → a, a-2)."""
    suffix = spec.endings[0] if spec.endings else ""
    used: set[str] = set()
    names = []
    for doc in docs:
        stem = Path(doc.name).stem or "document"
        candidate, n = stem + suffix, 1
        while candidate in used:
            n += 1
            candidate = f"{stem}-{n}{suffix}"
        used.add(candidate)
        names.append(candidate)
    return names


def _staged_directory(output: Path) -> Path:
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output}: exists and is not a directory")
    if not output.parent.exists():
        raise UsageError(f"{output}: folder {output.parent} does not exist")
    output.mkdir(exist_ok=True)
    try:
        return Path(tempfile.mkdtemp(prefix=".transreview-export-", dir=output))
    except OSError as e:
        raise TransreviewError(f"{output}: cannot write: {e.strerror or e}") from None


def _kept_ids(store: ProjectReader, doc: StoredDocument, verdicts: _Verdicts) -> tuple[list[ExportPair], set[int]]:
    """One document's pairs (a list: its writer builds the whole file) and the kept ids."""
    pairs = collect(store, doc.id)
    marks = verdicts.kept[doc.id]
    return pairs, {ep.pair_id for ep, keep in zip(pairs, marks, strict=True) if keep}


def _write_per_document(
    store: ProjectReader,
    docs: list[StoredDocument],
    verdicts: _Verdicts,
    spec: Format,
    output: Path,
) -> tuple[list[DocumentExport], list[Path]]:
    if len(docs) == 1 and not output.is_dir():
        (doc,) = docs
        pairs, kept = _kept_ids(store, doc, verdicts)
        return [_write_document(store, doc, pairs, kept, spec, output)], [output]
    created = not output.exists()
    stage = _staged_directory(output)
    results: list[DocumentExport] = []
    moves: list[tuple[Path, Path]] = []
    done = False
    try:
        for doc, name in zip(docs, _file_names(docs, spec), strict=True):
            if not verdicts.written[doc.id]:
                results.append(DocumentExport(doc.name, None, "skipped", 0, verdicts.total(doc.id), 0))
                continue
            pairs, kept = _kept_ids(store, doc, verdicts)
            result = _write_document(store, doc, pairs, kept, spec, stage / name)
            results.append(replace(result, path=output / name))
            moves.append((stage / name, output / name))
        for tmp, final in moves:
            os.replace(tmp, final)
        done = True
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        if created and not done:
            with contextlib.suppress(OSError):
                output.rmdir()  # a refused export leaves no empty folder (rmdir: only if empty)
    return results, [final for _, final in moves]


def _write_corpus(
    store: ProjectReader,
    docs: list[StoredDocument],
    verdicts: _Verdicts,
    spec: Format,
    output: Path,
    include_original: bool,
    spreadsheet_safe: bool = False,
) -> tuple[list[DocumentExport], list[Path], int]:
    """Every kept pair of every document into one corpus file, streamed from the project
    (pass two: the pairs are read again, as :func:`_judge` marked them); also how many pairs
    of a TSV/CSV hold a line break (their fields are quoted across lines)."""
    qualify = len(docs) > 1
    originals = _CurrentOriginal()
    multiline = [0]

    def pairs() -> Iterator[Pair]:
        for doc in docs:
            for ep, keep in zip(export_pairs(store, doc.id), verdicts.kept[doc.id], strict=True):
                if keep:
                    pid = f"{doc.name}:{ep.pair.id}" if qualify else ep.pair.id
                    originals.key = pid
                    originals.value = ep.pair.target if spec.inline_codes else codes.strip(
                        ep.pair.target, codes.table_of(ep.pair.meta))
                    pair = _new_pair(ep, [], spec, pid)
                    if spec.name == "tsv" and any(
                        "\n" in t or "\r" in t
                        for t in (pair.source, pair.target, originals.value if include_original else "")
                    ):
                        multiline[0] += 1
                    yield pair

    results = [
        DocumentExport(
            doc.name, output, "new" if verdicts.written[doc.id] else "skipped", verdicts.written[doc.id],
            verdicts.total(doc.id), verdicts.corrected[doc.id],
        )
        for doc in docs
    ]
    assert spec.write is not None  # export_project takes writable formats only
    job = WriteJob(_Streamed(pairs), originals=originals if include_original else None,  # type: ignore[arg-type]
                   spreadsheet_safe=spreadsheet_safe)
    files = spec.write(output, job)
    return results, list(files), multiline[0]


class _CurrentOriginal(Mapping[str, str]):
    """``WriteJob.originals`` for a streamed corpus: the original target of the pair being
    written (the writers look it up as each pair goes by), so no corpus-sized dict is kept."""

    def __init__(self) -> None:
        self.key: str | None = None
        self.value = ""

    def __getitem__(self, key: str) -> str:
        if key != self.key:
            raise KeyError(key)
        return self.value

    def __iter__(self) -> Iterator[str]:
        return iter(() if self.key is None else (self.key,))

    def __len__(self) -> int:
        return 0 if self.key is None else 1

    def __bool__(self) -> bool:
        return True  # the writers take an empty mapping as "none given"


class _Streamed:
    """An iterable read once per iteration from the project: what a corpus writer (TSV,
    JSONL, Moses) gets as its pairs, which it iterates once."""

    def __init__(self, make: Callable[[], Iterator[Pair]]) -> None:
        self._make = make

    def __iter__(self) -> Iterator[Pair]:
        return self._make()


def format_for_output(fmt: str | None, output: str | Path | None) -> str:
    """The export format: ``fmt`` when given, else the one ``output``'s ending names
    (``corpus.tmx`` -> tmx, ``corpus.tsv`` -> tsv); a UsageError when neither says one."""
    if fmt:
        return fmt
    from transreview.formats import ENDINGS

    if output is not None:
        named = ENDINGS.get(Path(output).suffix.lower())
        if named in writable():
            return named
    where = "standard output" if output is None else f"{Path(output).name!r}"
    raise UsageError(f"--format is needed: {where} names no export format "
                     f"(endings: {', '.join(e for e, f in sorted(ENDINGS.items()) if f in writable())})")


def export_project(
    db: str | Path,
    *,
    fmt: str,
    output: str | Path,
    only: str | None = None,
    exclude_severity: str | Severity | None = None,
    include_original: bool = False,
    spreadsheet_safe: bool = False,
    min_qe: float | None = None,
) -> ExportSummary:
    """Export the corrected corpus of project ``db`` as ``fmt`` to ``output``.

    ``min_qe`` leaves out uncorrected pairs whose stored quality-estimation score
    (``transreview qe``) is below it.

    See the module docstring for what is written where. Raises :class:`UsageError` for an
    option that does not fit the format, :class:`StoreError` for a missing project and
    :class:`TransreviewError` when no pair passes the filters (nothing is written then).
    ``spreadsheet_safe`` (TSV/CSV only) defuses cells a spreadsheet would run as formulas.
    """
    if fmt not in writable():
        raise UsageError(f"unknown export format {fmt!r}; expected one of {', '.join(writable())}")
    spec = FORMATS[fmt]
    if only is not None and only not in ONLY:
        raise UsageError(f"--only takes {', '.join(ONLY)}, not {only!r}")
    if include_original and not spec.original_column:
        with_column = " and ".join(f.name for f in FORMATS.values() if f.original_column)
        raise UsageError(
            f"--include-original keeps the original target in a column: {with_column} only"
        )
    if spreadsheet_safe and not spec.spreadsheet_safe:
        with_it = " and ".join(f.name for f in FORMATS.values() if f.spreadsheet_safe)
        raise UsageError(f"--spreadsheet-safe is for files opened in a spreadsheet: {with_it} only")
    try:
        exclude = None if exclude_severity is None else Severity.parse(exclude_severity)
    except ValueError as e:
        raise UsageError(str(e)) from None
    if min_qe is not None and not 0.0 <= min_qe <= 1.0:
        raise UsageError(f"--min-qe takes a score between 0 and 1, not {min_qe:g}")
    output = Path(output)
    refuse_clobbering([("-o", output)], [("project", db)])
    from transreview.project import open_project  # a file or a postgresql:// URL

    with open_project(db, for_reading=True) as store:
        docs, superseded = latest_documents(store)
        if not docs:
            raise TransreviewError(f"{store.location}: the project has no documents: nothing to export")
        file_endings = {e for f in FORMATS.values() if f.one_file_per_document for e in f.endings}
        looks_like_file = output.exists() or output.suffix.lower() in file_endings
        if len(docs) > 1 and spec.one_file_per_document and looks_like_file and not output.is_dir():
            raise UsageError(
                f"{output}: the project has {len(docs)} documents and a {fmt} round trip is one "
                "file per document; give a directory for -o"
            )
        verdicts = _judge(store, docs, only, exclude, corpus=spec.name == "moses", min_qe=min_qe)
        left_out = verdicts.left_out
        if not any(verdicts.written.values()):
            total = sum(map(len, verdicts.kept.values()))
            reasons = ", ".join(f"{n} {why}" for why, n in left_out.items())
            raise TransreviewError(f"nothing to export: none of the {total} pairs passes the filters ({reasons})")
        multiline = 0
        if spec.one_file_per_document:
            results, files = _write_per_document(store, docs, verdicts, spec, output)
        else:
            results, files, multiline = _write_corpus(store, docs, verdicts, spec, output, include_original,
                                                      spreadsheet_safe)
    return ExportSummary(
        fmt, output, tuple(files), tuple(results), left_out, tuple(dict.fromkeys(superseded)), multiline
    )


__all__ = [
    "format_for_output",
    "ONLY",
    "DocumentExport",
    "ExportPair",
    "ExportSummary",
    "export_pairs",
    "export_project",
    "latest_documents",
    "note_for",
    "notes_for",
]
