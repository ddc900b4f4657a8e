"""``transreview import``: inputs → checked pairs → one review project.

Each input document is read and checked completely *before* anything is written, then
stored in one transaction (document, pairs, sentence alignment, findings, risk), so a bad
file or a crash leaves the project exactly as it was before that document. The checked
results stream into a :class:`~transreview.spool.Spool` (in memory for small documents, a
temporary file past a few thousand pairs), so memory stays flat however long the document,
and the write lock is held only while the spooled results are written, not while checking.
The sentence alignment comes with each result, from the same per-pair analysis the checks
used (``run_checks(alignments=True)``): a pair is aligned once per import.

Re-importing a file is safe: the same name with the same content (sha256) is recognised
and skipped; a changed file under a known name becomes a new document beside the old one
(the old document and its review are kept), and the reviewers' decisions on the old
version come back with the findings they were taken on: a finding dismissed (accepted as no
error) stays dismissed, a confirmed one stays confirmed. The decision is keyed on content
(the pair's source and target, the check, side, span and spanned text), not on the pair's
id or line, so rows inserted or moved elsewhere in the file keep every decision, while a
pair whose text changed is looked at again.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from transreview.checks import CHECKS, BaseCheck, CheckParams, build_checks
from transreview.errors import InputError, StoreError, UsageError
from transreview.formats import InputDoc, ReadOptions, plan_inputs, read_doc
from transreview.model import Finding, Severity
from transreview.readonce import read_once_as_files
from transreview.records import CheckedRows, StoredDocument, checked_rows
from transreview.results import RunStats, pack_finding, pack_result
from transreview.spool import Spool
from transreview.store import DuplicatePairError, Store, is_db_url
from transreview.store.backend import writable

PROJECT_SUFFIX = ".transreview.db"
DB_ENV = "TRANSREVIEW_DB"

ProjectLocation = str | Path  # a SQLite file, or a postgresql:// URL (always a str)

Outcome = Literal["imported", "unchanged", "changed"]

#: Checked pairs written to the project per statement batch: large enough that a round trip
#: per batch (PostgreSQL) costs nothing, small enough that a batch's rows stay a few MB.
STORE_BATCH = 1000
#: Checked results an import keeps in memory before its spool moves to a temporary file.
IMPORT_MEMORY_ITEMS = 4096


# --- the summary printed by the CLI --------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class DocumentSummary:
    """What happened to one input."""

    name: str
    outcome: Outcome
    document_id: int
    pairs: int = 0
    by_severity: dict[Severity, int] = field(default_factory=dict)
    remembered: int = 0
    warnings: tuple[str, ...] = ()
    #: findings confirmed on the previous version and confirmed again (among the live ones)
    reconfirmed: int = 0

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    def __str__(self) -> str:
        if self.outcome == "unchanged":
            return f"{self.name}: already imported, unchanged"
        sev = ", ".join(
            f"{self.by_severity[s]} {s.label}"
            for s in sorted(self.by_severity, reverse=True)
            if self.by_severity[s]
        )
        text = f"{self.name}: "
        if self.outcome == "changed":
            text += "changed since the last import, added as a new document: "
        text += f"{_plural(self.pairs, 'pair')} imported, {_plural(self.findings, 'finding')}"
        if sev:
            text += f" ({sev})"
        if self.remembered:
            text += f"; {self.remembered} dismissed earlier, still dismissed"
        if self.reconfirmed:
            text += f"; {self.reconfirmed} confirmed earlier, still confirmed"
        return "\n".join([text, *(f"  warning: {w}" for w in self.warnings)])


@dataclass(frozen=True)
class ImportSummary:
    """The result of :func:`import_inputs`; ``str()`` is what ``transreview import`` prints."""

    db: ProjectLocation
    documents: tuple[DocumentSummary, ...]

    def __str__(self) -> str:
        return "\n".join(str(d) for d in self.documents)


# --- projects ------------------------------------------------------------------------------


def default_reviewer() -> str:
    """The system user, or ``reviewer`` where there is none (containers without a passwd entry)."""
    try:
        return getpass.getuser() or "reviewer"
    except Exception:  # noqa: BLE001 - getuser raises OSError/KeyError depending on platform
        return "reviewer"


def project_for_input(input_path: str | Path) -> Path:
    """The project beside an input: ``dir/NAME.transreview.db`` for ``dir/NAME.ext``.

    The stem (not the full name) so that a Moses pair ``NAME.en NAME.zh`` and a page
    ``NAME.txt`` both land in ``NAME.transreview.db``.
    """
    p = Path(input_path)
    return p.with_name(p.stem + PROJECT_SUFFIX)


def resolve_db(db: str | Path | None) -> ProjectLocation:
    """The project to use: ``db`` if given, else ``$TRANSREVIEW_DB``.

    A ``postgresql://`` URL stays a string (a ``Path`` would fold its ``//``); anything
    else is a SQLite file path. Neither given is a usage error.
    """
    if db is None or str(db) == "":
        db = os.environ.get(DB_ENV) or None
        if db is None:
            raise UsageError(f"no project given: pass --db PROJECT (a file or postgresql://…) or set {DB_ENV}")
    if isinstance(db, str) and is_db_url(db):
        return db
    return Path(db)


def open_project(db_path: str | Path, *, create: bool = False, for_reading: bool = False) -> Store:
    """Open an existing project (``create=True`` to make a new one): the single door through
    which import, review, export and report reach a project file or PostgreSQL database.

    ``for_reading`` (export, report): a project file this process cannot write (a
    read-only file, folder or mount) is opened read-only instead of refused."""
    location = resolve_db(db_path)
    read_only = for_reading and isinstance(location, Path) and location.is_file() and not writable(location)
    return Store.open(location, create=create, read_only=read_only)


def prepare_review(
    target: str | Path | None,
    *,
    reviewer: str | None = None,
    source_lang: str = "en",
    target_lang: str = "zh",
    check_params: CheckParams | None = None,
    check_names: Iterable[str] | None = None,
    severities: Mapping[str, str] | None = None,
) -> ProjectLocation:
    """The project to review for ``transreview review TARGET``.

    A ``postgresql://`` URL or a ``.db`` must be an existing project; any other path is an
    input file whose project beside it is created or brought up to date (importing is
    idempotent), with the checks set by ``check_params``/``check_names``/``severities`` as
    :func:`import_inputs` takes them. No target: ``$TRANSREVIEW_DB``.
    """
    location = resolve_db(target)
    if isinstance(location, str):
        open_project(location).close()  # exists, reachable, and its schema up to date
        return location
    p = location
    if p.suffix == ".db":
        if not p.is_file():
            raise StoreError(f"{p}: no such project")
        return p
    db = project_for_input(p)
    import_inputs(
        inputs=(p,), db=db, reviewer=reviewer, source_lang=source_lang, target_lang=target_lang,
        check_params=check_params, check_names=check_names, severities=severities,
    )
    return db


# --- import --------------------------------------------------------------------------------


def _file_sha256(path: Path) -> bytes:
    """The file's sha256, read 1 MB at a time (an input is never held whole in memory)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
    except OSError as e:
        raise InputError(path, None, f"cannot read: {e.strerror or e}") from None
    return digest.digest()


def _fingerprint(doc: InputDoc) -> tuple[str, Path, Path | None]:
    """sha256 and the files whose original bytes the project keeps; a Moses pair hashes
    both halves (and keeps both)."""
    content = doc.paths[0]
    if len(doc.paths) == 1:
        return _file_sha256(content).hex(), content, None
    second = doc.paths[1]
    both = _file_sha256(content) + _file_sha256(second)
    return hashlib.sha256(both).hexdigest(), content, second


def _finding_key(source: str, target: str, f: tuple) -> tuple:
    """A finding (packed: :func:`transreview.results.pack_finding`) by content: the pair's
    text and what the check found where, never the pair's id or line (see the module doc)."""
    return (source, target, f[0], f[1], f[4], f[5], f[6], f[7])


class _Decisions:
    """The previous version's decisions, each handed out once: a pair present twice with one
    copy dismissed gets one dismissal back, not two (as a baseline counts them)."""

    def __init__(self, rows: Iterable[tuple[str, str, str, Finding]]) -> None:
        self._by_key: dict[tuple, list[str]] = {}
        for source, target, status, f in rows:
            self._by_key.setdefault(_finding_key(source, target, pack_finding(f)), []).append(status)

    def __bool__(self) -> bool:
        return bool(self._by_key)

    def take(self, key: tuple) -> str | None:
        """The decision kept for the finding ``key`` (see :func:`_finding_key`), once."""
        statuses = self._by_key.get(key)
        return statuses.pop(0) if statuses else None


def import_inputs(
    *,
    inputs: Sequence[str | Path],
    db: str | Path | None = None,
    check_params: CheckParams | None = None,
    reviewer: str | None = None,
    source_lang: str = "en",
    target_lang: str = "zh",
    jobs: int = 1,
    check_names: Iterable[str] | None = None,
    severities: Mapping[str, str] | None = None,
    on_progress: Callable[[int], None] | None = None,
    encoding: str | None = None,
) -> ImportSummary:
    """Import every input into the project ``db`` (created if needed); see the module doc.

    ``check_params`` gives checks their parameters (``{check name: {parameter: value}}``),
    ``severities`` the severity a check's findings take instead of their own (the
    configuration's ``checks.NAME.severity``); ``on_progress`` receives the number of pairs
    checked so far, over all inputs.
    Raises :class:`InputError` for a bad input (nothing of that document is stored) and
    :class:`StoreError` for a project that cannot be opened or written.
    """
    with read_once_as_files([Path(p) for p in inputs]) as (files, _given):
        return _import_files(
            files, db=db, check_params=check_params, reviewer=reviewer, source_lang=source_lang,
            target_lang=target_lang, jobs=jobs, check_names=check_names, severities=severities,
            on_progress=on_progress, encoding=encoding,
        )


def _import_files(
    inputs: Sequence[Path],
    *,
    db: str | Path | None,
    check_params: CheckParams | None,
    reviewer: str | None,
    source_lang: str,
    target_lang: str,
    jobs: int,
    check_names: Iterable[str] | None,
    severities: Mapping[str, str] | None,
    on_progress: Callable[[int], None] | None,
    encoding: str | None,
) -> ImportSummary:
    db = resolve_db(db)
    read_opts = ReadOptions(src_lang=source_lang, tgt_lang=target_lang, encoding=encoding)
    docs = plan_inputs(list(inputs), read_opts)  # every path checked before the project is touched
    names = list(CHECKS) if check_names is None else [n for n in check_names if n in CHECKS]
    checks = build_checks(check_params, names)
    actor = reviewer or default_reviewer()
    overrides = {name: Severity.parse(label) for name, label in (severities or {}).items()}
    done_before = 0

    def progress(done: int) -> None:
        if on_progress is not None:
            on_progress(done_before + done)

    summaries: list[DocumentSummary] = []
    new_file = isinstance(db, Path) and not db.exists()
    try:
        with Store.open(db) as store:
            for doc in docs:
                summary = _import_one(store, doc, checks, read_opts, actor, jobs, overrides, progress)
                summaries.append(summary)
                done_before += summary.pairs
    except BaseException:
        if new_file and not summaries and isinstance(db, Path):
            _remove_sqlite_files(db)  # a failed first import leaves no empty project behind
        raise
    return ImportSummary(db, tuple(summaries))


def _remove_sqlite_files(db: Path) -> None:
    for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        with contextlib.suppress(OSError):
            path.unlink()


def _import_one(
    store: Store, doc: InputDoc, checks: list[BaseCheck], read_opts: ReadOptions, actor: str, jobs: int,
    overrides: Mapping[str, Severity], on_progress: Callable[[int], None],
) -> DocumentSummary:
    from transreview.pipeline import run_checks
    from transreview.results import with_severities

    sha, content, second = _fingerprint(doc)
    existing = store.find_document(doc.name, sha)
    if existing is not None:
        return DocumentSummary(doc.name, "unchanged", existing.id)
    previous = store.latest_document(doc.name)

    # Read, check and align everything first: nothing is written until it all worked. The
    # spool keeps each result packed (plain tuples): the rows to store are made from those
    # directly, without building the model objects again.
    with Spool[tuple](IMPORT_MEMORY_ITEMS, indexed=False) as results:
        stats = RunStats()
        for result in run_checks(read_doc(doc, read_opts), checks, jobs=jobs, stats=stats, alignments=True,
                                 on_progress=on_progress):
            results.append(pack_result(with_severities(result, overrides)))
        warnings = [str(f) for f in stats.failures]
        if stats.align_failures:
            # A failure of the aligner is a bug in the aligner, not in the input: the pair
            # is stored without alignment (the UI then shows it unsplit) and the import says so.
            warnings.append(f"sentence alignment failed on {_plural(stats.align_failures, 'pair')}")
        return _store_document(store, doc, results, warnings, sha, content, second, previous, read_opts, actor)


def _store_document(
    store: Store,
    doc: InputDoc,
    results: Spool[tuple],
    warnings: list[str],
    sha: str,
    content: Path,
    second: Path | None,
    previous: StoredDocument | None,
    read_opts: ReadOptions,
    actor: str,
) -> DocumentSummary:
    """One transaction: the document, its pairs, their alignments and findings, the risk."""
    decisions = _Decisions(store.decisions_in(previous.id) if previous is not None else ())

    by_sev: dict[Severity, int] = {}
    remembered = reconfirmed = 0
    with store.atomic():
        doc_id = store.add_document(
            name=doc.name,
            format=doc.format,
            path=str(doc.path),
            sha256=sha,
            content=content,
            target_content=second,
            src_lang=read_opts.src_lang,
            tgt_lang=read_opts.tgt_lang,
            imported_by=actor,
        )
        batch: list[CheckedRows] = []
        stored = 0

        def flush() -> None:
            nonlocal stored
            try:
                store.add_rows(doc_id, stored, batch)
            except DuplicatePairError as e:
                raise InputError(doc.path, e.pair.line, f"pair id {e.pair.id!r} is used twice") from None
            stored += len(batch)
            batch.clear()

        # pack_result's tuples: the pair, findings and alignment packed (transreview.results)
        for p, packed_findings, _, al in results:
            found: list[tuple[tuple, str, str | None]] = []
            for f in packed_findings:
                decided = decisions.take(_finding_key(p[1], p[2], f)) if decisions else None
                found.append((f, decided or "open", actor if decided else None))
                if decided == "dismissed":
                    remembered += 1
                else:
                    reconfirmed += decided == "confirmed"
                    severity = Severity(f[2])
                    by_sev[severity] = by_sev.get(severity, 0) + 1
            batch.append(checked_rows(p, found, al))
            if len(batch) >= STORE_BATCH:
                flush()
        flush()
        store.refresh_risk(document_id=doc_id)
    outcome: Outcome = "changed" if previous is not None else "imported"
    return DocumentSummary(doc.name, outcome, doc_id, len(results), by_sev, remembered, tuple(warnings),
                           reconfirmed)


__all__ = [
    "DocumentSummary",
    "ImportSummary",
    "default_reviewer",
    "import_inputs",
    "open_project",
    "prepare_review",
    "project_for_input",
    "resolve_db",
]
