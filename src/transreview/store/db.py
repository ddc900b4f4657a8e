"""The project's statements: :class:`Store`, the only place with SQL about documents, pairs,
findings, corrections and the review queue.

A project is a SQLite file or a PostgreSQL database (``store/backend.py`` connects, and
keeps writes in transactions under one write lock); its tables come from the migrations in
``store/schema.py``. The values handed back are the records of :mod:`transreview.records`.

Rules kept here so the rest of the package never has to think about them:

- *One transaction per decision.* Every method that writes runs in ``with self.atomic():``,
  which nests: an import is one transaction per document, a review decision one
  transaction, and a failure rolls back everything inside. Conflicting edits of one pair
  are caught by versions (:class:`~transreview.records.VersionMismatch`), not by locks.
- *Denormalised queue data.* ``pair_state`` carries each pair's ``risk`` (MQM weights of its
  live findings), ``max_severity``, finding count and current text, refreshed in the same
  transaction as any change to its findings or corrections, so a queue page over 100,000
  pairs is an index walk, not an aggregate.
- *Ids follow input order.* Pairs are inserted in position order, so ``pairs.id`` order is
  the project's reading order (document by document): the queue orders by id.
- *Who did it.* Every decision stores its reviewer (``actor``, ``corrections.reviewer``)
  and every document who imported it (``imported_by``).

Findings are *live* while their status is ``open`` or ``confirmed``; a ``dismissed`` finding
stays stored (it is remembered) but no longer counts towards risk or scores.
"""

from __future__ import annotations

import heapq
import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from transreview.errors import Interrupted, StoreError
from transreview.model import Bead, Finding, Pair, SentenceAlignment, Severity, Span
from transreview.records import (
    FINDING_STATUSES,
    ORIGINS,
    PAIR_STATUSES,
    CheckedPair,
    CheckedRows,
    Correction,
    CorrectionKind,
    FindingStatus,
    Origin,
    PairState,
    PairStatus,
    QueueFilter,
    QueueOrder,
    QueueRow,
    ReviewerTally,
    StoredDocument,
    StoredFinding,
    VersionMismatch,
)
from transreview.risk import ESTIMATE_SQL, RISK_META, RISK_SQL
from transreview.store import schema
from transreview.store.backend import (
    POSTGRES,
    SQLITE,
    Database,
    connect_reader,
    is_db_url,
    open_postgres,
    open_sqlite,
    redact_url,
)

T = TypeVar("T")
#: Pairs after the first id (exclusive) and up to the second (inclusive); None: no bound.
PairRange = tuple[int | None, int | None]
#: A text search over fewer pair ids than this is one scan: splitting it (a thread, a second
#: statement) would cost more than it saves.
SPLIT_SCAN_MIN_PAIRS = 20_000

# A finding's severity as SQL: a neutral finding is stored as severity 1 with ``neutral = 1``
# (the schema's CHECK keeps the column between 1 and 3; see migration 4 in ``schema``).
_SEVERITY_SQL = "(CASE WHEN f.neutral = 1 THEN 0 ELSE f.severity END)"
# MQM weights as SQL, the same numbers as Severity.weight (critical 25, major 5, minor 1, neutral 0).
_WEIGHT_SQL = "CASE WHEN f.neutral = 1 THEN 0 WHEN f.severity = 3 THEN 25 WHEN f.severity = 2 THEN 5 ELSE 1 END"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _severity_or_none(value: int, live_findings: int) -> Severity | None:
    """The worst live severity, None without live findings (0 is neutral only when there are)."""
    return Severity(value) if live_findings else None


class Store(Database):
    """An open project. Use :meth:`open`; close it (or use it as a context manager).

    The connection, its lock and transactions (:meth:`atomic`) come from
    :class:`~transreview.store.backend.Database`; this class adds the statements.
    """

    # --- lifecycle ---------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, read_only: bool = False) -> Store:
        """Open (or create) a project and bring its schema up to date.

        ``path`` is a SQLite file, or a ``postgresql://`` URL naming an existing database
        (the tables are created in its ``search_path`` schema, so one database can hold
        several projects in several schemas). ``read_only`` (a SQLite file): never write,
        not even a migration (an outdated project is refused).
        """
        if is_db_url(path):
            url = str(path)

            def on_postgres(conn: Any, dbname: str, schema_name: str, lock_key: int) -> Store:
                store = cls(
                    conn, Path(dbname), dialect=POSTGRES, location=redact_url(url), lock_key=lock_key
                )
                if not create and store.schema_version == 0:
                    raise StoreError(
                        f"{store.location}: no such project (no transreview tables in schema {schema_name})"
                    )
                store._migrate()
                return store

            return open_postgres(url, on_postgres)

        def on_sqlite(conn: Any, p: Path) -> Store:
            store = cls(conn, p, read_only=read_only)
            if read_only:
                if store.schema_version != schema.SCHEMA_VERSION:
                    raise StoreError(
                        f"{p}: made by another transreview version (schema {store.schema_version}, "
                        f"this one uses {schema.SCHEMA_VERSION}) and read-only here: open it once "
                        "where it can be written"
                    )
                return store
            store._migrate()
            return store

        return open_sqlite(path, create=create and not read_only, prepare=on_sqlite, read_only=read_only)

    def __init__(self, conn: Any, path: Path, **kwargs: Any) -> None:
        super().__init__(conn, path, **kwargs)
        self._reader: Store | None = None
        self._reader_failed = False
        self._reader_lock = threading.Lock()
        self._helper: Store | None = None  # scans half of a text search (see _split_scan)
        self._helper_failed = False  # also once closed
        self._split_lock = threading.Lock()  # one split search at a time uses the helper
        # A read-only project (a folder this process cannot write) may be read as an
        # immutable file, and a helper opened later, once another process writes, would read
        # another state of it: such a project, and its reader, are not split.
        self._may_split = not self.read_only

    def reader(self) -> Store:
        """A second connection to this project, for a long read in another thread (the
        review UI counts a search's hits in one) that must not hold this connection's lock
        meanwhile: every read of the UI thread waited behind the scan (~30 ms at 100,000
        pairs).

        SQLite: a read-only connection (WAL: it reads the last commit while this one reads
        or writes, neither waiting for the other), opened at the first call and closed with
        this store; it has its own lock, so reads through it still take turns. PostgreSQL,
        or a SQLite file a second connection cannot open: this store itself (its one
        connection under its lock, the reads in turn as before)."""
        if self.dialect is not SQLITE:
            return self
        with self._reader_lock:
            if self._reader is None and not self._reader_failed:
                self._reader = self._open_side()
                self._reader_failed = self._reader is None
            return self._reader or self

    def _open_side(self) -> Store | None:
        """A new read-only connection to this project, as a store that splits its searches
        as this one does (the reader, the helper); None where it cannot open."""
        try:
            conn = connect_reader(self.path)
        except (sqlite3.Error, OSError):
            return None
        side = Store(conn, self.path, location=self.location, read_only=True)
        side._may_split = self._may_split
        return side

    def close(self) -> None:
        with self._reader_lock:
            reader, self._reader = self._reader, None
            self._reader_failed = True  # a closed store opens no reader any more
            helper, self._helper = self._helper, None
            self._helper_failed = True
        for other in (reader, helper):
            if other is not None:
                other.close()
        super().close()

    def interrupt(self) -> None:
        """:meth:`Database.interrupt`, and the half of a text search its helper scans."""
        super().interrupt()
        helper = self._helper
        if helper is not None:
            helper.interrupt()

    def _scan_helper(self) -> Store | None:
        """This store's private read-only connection, opened at its first use, which scans
        the upper half of a text search while this connection scans the lower (see
        :meth:`_split_scan`); None on PostgreSQL or where it cannot open. Used only by the
        one split search that holds ``_split_lock``, so an interrupt of this store reaches
        that search's statement and no other thread's."""
        if self.dialect is not SQLITE:
            return None
        with self._reader_lock:
            if self._helper is None and not self._helper_failed:
                self._helper = self._open_side()
                self._helper_failed = self._helper is None
            return self._helper

    @property
    def schema_version(self) -> int:
        """How many migrations have run (SQLite's user_version; a one-row table on PostgreSQL)."""
        return schema.schema_version(self)

    def _set_schema_version(self, version: int) -> None:
        schema.set_schema_version(self, version)

    def _migrate(self) -> None:
        new = self.schema_version == 0
        schema.migrate(self)
        if new:
            # A new project's risks are all computed by this version's rule: say so, so
            # that the first review session does not recompute them (see transreview.risk).
            from transreview.risk import RISK_RULE

            self.set_meta(RISK_META, RISK_RULE)

    def integrity_problems(self) -> list[str]:
        """What is wrong with the stored project; an empty list for a sound one.

        SQLite's own page-level check and foreign keys, then the invariants of this schema
        that both backends must keep: every pair has a state row, a pair's version is the
        number of its corrections, and its current text is the last correction's text.
        """
        problems: list[str] = []
        if self.dialect is SQLITE:
            problems += [r[0] for r in self._all("PRAGMA integrity_check") if r[0] != "ok"]
            problems += [f"foreign key: {r}" for r in self._all("PRAGMA foreign_key_check")]
        for (pid,) in self._all(
            "SELECT p.id FROM pairs p WHERE NOT EXISTS (SELECT 1 FROM pair_state s WHERE s.pair_id = p.id)"
        ):
            problems.append(f"pair {pid} has no review state")
        for pid, version, n in self._all(
            "SELECT s.pair_id, s.version, (SELECT COUNT(*) FROM corrections c WHERE c.pair_id = s.pair_id)"
            " FROM pair_state s"
            " WHERE s.version <> (SELECT COUNT(*) FROM corrections c WHERE c.pair_id = s.pair_id)"
        ):
            problems.append(f"pair {pid} is at version {version} with {n} corrections")
        for (pid,) in self._all(
            "SELECT s.pair_id FROM pair_state s JOIN corrections c ON c.pair_id = s.pair_id"
            " WHERE c.id = (SELECT MAX(c2.id) FROM corrections c2 WHERE c2.pair_id = s.pair_id)"
            " AND (s.current_text IS NULL OR c.text <> s.current_text)"
        ):
            problems.append(f"pair {pid}: current text is not its last correction")
        return problems

    # --- meta --------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self.atomic():
            self._write("DELETE FROM meta WHERE key = ?", (key,))
            self._write("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))

    # --- documents ---------------------------------------------------------------------

    _DOC_COLS = "id, name, format, path, sha256, src_lang, tgt_lang, imported_at, imported_by"

    def add_document(
        self,
        *,
        name: str,
        format: str,
        path: str,
        sha256: str,
        content: bytes | Path | None,
        src_lang: str,
        tgt_lang: str,
        target_content: bytes | Path | None = None,
        imported_by: str | None = None,
    ) -> int:
        """Store a document and its original bytes, given as bytes or as the file holding
        them: a file is copied into a SQLite project in pieces (``zeroblob`` and incremental
        blob writes), so a large input is never held in memory; PostgreSQL reads it whole."""
        with self.atomic():
            row = self._write(
                "INSERT INTO documents (name, format, path, sha256,"
                " src_lang, tgt_lang, imported_at, imported_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (name, format, path, sha256, src_lang, tgt_lang, _now(), imported_by),
            ).fetchone()
            doc_id = int(row[0])
            streamed = self.dialect is SQLITE
            values: list[Any] = [doc_id]
            holes = ""
            for value in (content, target_content):
                if isinstance(value, Path) and streamed:
                    values.append(_file_size(value))
                    holes += ", zeroblob(?)"
                else:
                    values.append(_file_bytes(value) if isinstance(value, Path) else value)
                    holes += ", ?"
            self._write(
                f"INSERT INTO document_contents (document_id, content, target_content) VALUES (?{holes})",
                values,
            )
            for column, value in (("content", content), ("target_content", target_content)):
                if isinstance(value, Path) and streamed:
                    self._copy_into_blob("document_contents", column, doc_id, value)
        return doc_id

    def find_document(self, name: str, sha256: str) -> StoredDocument | None:
        row = self._one(
            f"SELECT {self._DOC_COLS} FROM documents WHERE name = ? AND sha256 = ?", (name, sha256)
        )
        return None if row is None else StoredDocument(*row)

    def latest_document(self, name: str) -> StoredDocument | None:
        """The most recent import of a file called ``name``."""
        row = self._one(
            f"SELECT {self._DOC_COLS} FROM documents WHERE name = ? ORDER BY id DESC LIMIT 1",
            (name,),
        )
        return None if row is None else StoredDocument(*row)

    def documents(self) -> list[StoredDocument]:
        return [StoredDocument(*r) for r in self._all(f"SELECT {self._DOC_COLS} FROM documents ORDER BY id")]

    def document(self, document_id: int) -> StoredDocument:
        row = self._one(f"SELECT {self._DOC_COLS} FROM documents WHERE id = ?", (document_id,))
        if row is None:
            raise StoreError(f"no document {document_id} in {self.location}")
        return StoredDocument(*row)

    def document_content(self, document_id: int) -> tuple[bytes | None, bytes | None]:
        """The original bytes (and, for a Moses pair, the target half's bytes)."""
        row = self._one(
            "SELECT content, target_content FROM document_contents WHERE document_id = ?",
            (document_id,),
        )
        if row is None:
            raise StoreError(f"no document {document_id} in {self.location}")
        return row[0], row[1]

    # --- pairs -------------------------------------------------------------------------

    def add_pairs(self, document_id: int, pairs: Iterable[Pair]) -> list[int]:
        """Insert pairs in input order (position = order of arrival); their ids, in order.

        A pair id repeated within the document raises :class:`DuplicatePairError` carrying
        the pair, so the caller can locate it in the input file.
        """
        ids: list[int] = []
        with self.atomic():
            for pos, pair in enumerate(pairs):
                try:
                    row = self._write(
                        "INSERT INTO pairs (document_id, pair_key, position, source, target,"
                        " reference, line, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        (
                            document_id,
                            pair.id,
                            pos,
                            pair.source,
                            pair.target,
                            pair.reference,
                            pair.line,
                            json.dumps(dict(pair.meta), ensure_ascii=False, default=str),
                        ),
                    ).fetchone()
                except self._integrity_error:
                    raise DuplicatePairError(pair) from None
                pid = int(row[0])
                self._write("INSERT INTO pair_state (pair_id) VALUES (?)", (pid,))
                ids.append(pid)
        return ids

    _INSERT_PAIR = (
        "INSERT INTO pairs (document_id, pair_key, position, source, target, reference, line, meta)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    )
    _INSERT_FINDING = (
        "INSERT INTO findings (pair_id, origin, check_name, category, severity, neutral, side,"
        " span_start, span_end, text, message, suggestion, status, created_at, updated_at,"
        " actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )

    def add_checked(self, document_id: int, first_position: int, batch: Sequence[CheckedPair]) -> list[int]:
        """Store a batch of checked pairs of an import: :meth:`add_rows` of their rows."""
        return self.add_rows(document_id, first_position, [c.rows() for c in batch])

    def add_rows(self, document_id: int, first_position: int, batch: Sequence[CheckedRows]) -> list[int]:
        """Store a batch of checked pairs of an import: the pairs (positions from
        ``first_position`` on, in order), their review state, sentence alignments and check
        findings, with one statement per table for the whole batch. Their ids, in order.

        Risk is not refreshed: the importer calls :meth:`refresh_risk` for the document
        once at the end. A pair id already used in the document raises
        :class:`DuplicatePairError` carrying that pair (the batch is undone, not the rest of
        the caller's transaction).
        """
        if not batch:
            return []
        last = first_position + len(batch)
        with self.atomic():
            try:
                with self.atomic():  # a savepoint: a duplicate undoes this batch only
                    self._write_many(self._INSERT_PAIR, [
                        (document_id, r.key, first_position + k, r.source, r.target, r.reference, r.line, r.meta)
                        for k, r in enumerate(batch)
                    ])
            except self._integrity_error:
                self._raise_duplicate(document_id, batch)
            ids = [int(r[0]) for r in self._all(
                "SELECT id FROM pairs WHERE document_id = ? AND position >= ? AND position < ?"
                " ORDER BY position",
                (document_id, first_position, last),
            )]
            if len(ids) != len(batch):  # pragma: no cover - positions are the caller's, in order
                raise StoreError(f"{self.location}: pairs {first_position}..{last - 1} were not all stored")
            self._write_many("INSERT INTO pair_state (pair_id) VALUES (?)", [(pid,) for pid in ids])
            now = _now()
            self._write_many(
                "INSERT INTO sentences (pair_id, side, idx, span_start, span_end) VALUES (?, ?, ?, ?, ?)",
                [(pid, *row) for pid, r in zip(ids, batch, strict=True) for row in r.sentences],
            )
            self._write_many(
                "INSERT INTO beads (pair_id, n, src_idx, tgt_idx) VALUES (?, ?, ?, ?)",
                [(pid, *row) for pid, r in zip(ids, batch, strict=True) for row in r.beads],
            )
            self._write_many(self._INSERT_FINDING, [
                (pid, "check", *f[:11], now, now, f[11])
                for pid, r in zip(ids, batch, strict=True) for f in r.findings
            ])
        return ids

    def _raise_duplicate(self, document_id: int, batch: Sequence[CheckedRows]) -> None:
        """The first pair of ``batch`` whose id the document already has (or has twice in
        the batch), as a :class:`DuplicatePairError`; the error path only, one query a pair."""
        seen: set[str] = set()
        for r in batch:
            key = r.key
            if key in seen or self._one(
                "SELECT 1 FROM pairs WHERE document_id = ? AND pair_key = ?", (document_id, key)
            ) is not None:
                raise DuplicatePairError(Pair(key, r.source, r.target, r.doc, line=r.line))
            seen.add(key)
        raise StoreError(f"{self.location}: a pair of this batch breaks a constraint")  # pragma: no cover

    _PAIR_SQL = (
        "SELECT p.id, p.pair_key, p.position, p.source, p.target, p.reference, p.line, p.meta,"
        " d.name, d.src_lang, d.tgt_lang, p.document_id"
        " FROM pairs p JOIN documents d ON d.id = p.document_id"
    )

    @staticmethod
    def _pair_of(row: tuple) -> Pair:
        return Pair(
            id=row[1],
            source=row[3],
            target=row[4],
            doc=row[8],
            index=row[2],
            line=row[6],
            reference=row[5],
            src_lang=row[9],
            tgt_lang=row[10],
            meta=json.loads(row[7]),
        )

    def get_pair(self, pair_id: int) -> Pair:
        row = self._one(self._PAIR_SQL + " WHERE p.id = ?", (pair_id,))
        if row is None:
            raise StoreError(f"no pair {pair_id} in {self.location}")
        return self._pair_of(row)

    def pair_document(self, pair_id: int) -> int:
        row = self._one("SELECT document_id FROM pairs WHERE id = ?", (pair_id,))
        if row is None:
            raise StoreError(f"no pair {pair_id} in {self.location}")
        return int(row[0])

    def iter_pairs(self, document_id: int, batch: int = 1000) -> Iterator[tuple[int, Pair]]:
        """``(pair_id, pair)`` of a document in position order, read in batches (keyset)."""
        last = -1
        while True:
            rows = self._all(
                self._PAIR_SQL + " WHERE p.document_id = ? AND p.position > ? ORDER BY p.position LIMIT ?",
                (document_id, last, batch),
            )
            if not rows:
                return
            for row in rows:
                yield int(row[0]), self._pair_of(row)
            last = rows[-1][2]

    def count_pairs(self, document_id: int | None = None) -> int:
        if document_id is None:
            return int(self._scalar("SELECT COUNT(*) FROM pairs"))
        return int(self._scalar("SELECT COUNT(*) FROM pairs WHERE document_id = ?", (document_id,)))

    # --- sentence alignment ------------------------------------------------------------

    def set_alignment(self, pair_id: int, al: SentenceAlignment) -> None:
        with self.atomic():
            self._write("DELETE FROM sentences WHERE pair_id = ?", (pair_id,))
            self._write("DELETE FROM beads WHERE pair_id = ?", (pair_id,))
            for side, spans in (("source", al.src_spans), ("target", al.tgt_spans)):
                for i, s in enumerate(spans):
                    self._write(
                        "INSERT INTO sentences (pair_id, side, idx, span_start, span_end)"
                        " VALUES (?, ?, ?, ?, ?)",
                        (pair_id, side, i, s.start, s.end),
                    )
            for n, b in enumerate(al.beads):
                self._write(
                    "INSERT INTO beads (pair_id, n, src_idx, tgt_idx) VALUES (?, ?, ?, ?)",
                    (pair_id, n, ",".join(map(str, b.src)), ",".join(map(str, b.tgt))),
                )

    def alignment(self, pair_id: int) -> SentenceAlignment | None:
        """The stored sentence alignment, or None if none was computed."""
        sents = self._all(
            "SELECT side, span_start, span_end FROM sentences WHERE pair_id = ? ORDER BY side, idx",
            (pair_id,),
        )
        beads = self._all("SELECT src_idx, tgt_idx FROM beads WHERE pair_id = ? ORDER BY n", (pair_id,))
        if not sents and not beads:
            return None

        def idx(s: str) -> tuple[int, ...]:
            return tuple(int(x) for x in s.split(",")) if s else ()

        return SentenceAlignment(
            src_spans=tuple(Span(a, b) for side, a, b in sents if side == "source"),
            tgt_spans=tuple(Span(a, b) for side, a, b in sents if side == "target"),
            beads=tuple(Bead(idx(s), idx(t)) for s, t in beads),
        )

    # --- findings ----------------------------------------------------------------------

    _FINDING_SQL = (
        f"SELECT id, pair_id, origin, status, check_name, category, {_SEVERITY_SQL}, message, side,"
        " span_start, span_end, text, suggestion, created_at, updated_at, actor FROM findings f"
    )

    @staticmethod
    def _finding_of(row: tuple) -> StoredFinding:
        f = Finding(
            check=row[4],
            category=row[5],
            severity=Severity(row[6]),
            message=row[7],
            side=row[8],
            start=row[9],
            end=row[10],
            text=row[11],
            suggestion=row[12],
        )
        return StoredFinding(row[0], row[1], row[2], row[3], f, row[13], row[14], row[15])

    def add_finding(
        self,
        pair_id: int,
        finding: Finding,
        *,
        origin: Origin = "check",
        status: FindingStatus = "open",
        actor: str | None = None,
        refresh: bool = True,
    ) -> int:
        """Store one finding; ``refresh=False`` defers the pair's risk to :meth:`refresh_risk`."""
        if origin not in ORIGINS:
            raise ValueError(f"unknown finding origin {origin!r}")
        if status not in FINDING_STATUSES:
            raise ValueError(f"unknown finding status {status!r}")
        now = _now()
        with self.atomic():
            row = self._write(
                "INSERT INTO findings (pair_id, origin, check_name, category, severity, neutral, side,"
                " span_start, span_end, text, message, suggestion, status, created_at, updated_at,"
                " actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    pair_id,
                    origin,
                    finding.check,
                    finding.category,
                    max(int(finding.severity), int(Severity.MINOR)),
                    int(finding.severity is Severity.NEUTRAL),
                    finding.side,
                    finding.start,
                    finding.end,
                    finding.text,
                    finding.message,
                    finding.suggestion,
                    status,
                    now,
                    now,
                    actor,
                ),
            ).fetchone()
            if refresh:
                self.refresh_risk(pair_id)
        return int(row[0])

    def finding(self, finding_id: int) -> StoredFinding:
        row = self._one(self._FINDING_SQL + " WHERE id = ?", (finding_id,))
        if row is None:
            raise StoreError(f"no finding {finding_id} in {self.location}")
        return self._finding_of(row)

    def findings(self, pair_id: int) -> list[StoredFinding]:
        """A pair's findings, in the order they were stored."""
        return [self._finding_of(r) for r in self._all(self._FINDING_SQL + " WHERE pair_id = ? ORDER BY id", (pair_id,))]

    def findings_like(self, document_id: int, check: str, text: str, suggestion: str) -> list[StoredFinding]:
        """The open target findings of a document by ``check`` on ``text`` suggesting
        ``suggestion``, in reading order: what one fix-all would fix."""
        rows = self._all(
            self._FINDING_SQL + " WHERE f.pair_id IN (SELECT id FROM pairs WHERE document_id = ?)"
            " AND f.check_name = ? AND f.text = ? AND f.suggestion = ? AND f.status = 'open'"
            " AND f.side = 'target' AND f.span_start IS NOT NULL ORDER BY f.pair_id, f.span_start",
            (document_id, check, text, suggestion),
        )
        return [self._finding_of(r) for r in rows]

    def set_finding_status(self, finding_id: int, status: FindingStatus, actor: str | None) -> StoredFinding:
        if status not in FINDING_STATUSES:
            raise ValueError(f"unknown finding status {status!r}")
        with self.atomic():
            cur = self._write(
                "UPDATE findings SET status = ?, updated_at = ?, actor = ? WHERE id = ?",
                (status, _now(), actor, finding_id),
            )
            if cur.rowcount != 1:
                raise StoreError(f"no finding {finding_id} in {self.location}")
            found = self.finding(finding_id)
            self.refresh_risk(found.pair_id)
        return found

    def refresh_risk(
        self, pair_id: int | None = None, *, document_id: int | None = None, every: bool = False
    ) -> None:
        """Recompute the denormalised risk, worst severity and live count of one pair, or of
        every pair of a document (one statement, used after a bulk import), or of every pair
        of the project (``every``: after the risk rule changed)."""
        live = "f.pair_id = pair_state.pair_id AND f.status IN ('open', 'confirmed')"
        untranslated = (
            "(COALESCE(pair_state.current_text, '') = ''"
            " AND (SELECT p.target FROM pairs p WHERE p.id = pair_state.pair_id) = '')"
        )
        risk = RISK_SQL.format(live=live, untranslated=untranslated,
                               estimate=ESTIMATE_SQL.format(pair="pair_state.pair_id"))
        sql = (
            f"UPDATE pair_state SET"
            f" risk = {risk},"
            f" max_severity = (SELECT COALESCE(MAX({_SEVERITY_SQL}), 0) FROM findings f WHERE {live}),"
            f" live_findings = (SELECT COUNT(*) FROM findings f WHERE {live})"
        )
        with self.atomic():
            if every:
                self._write(sql)
            elif pair_id is not None:
                self._write(sql + " WHERE pair_id = ?", (pair_id,))
            elif document_id is not None:
                self._write(
                    sql + " WHERE pair_id IN (SELECT id FROM pairs WHERE document_id = ?)",
                    (document_id,),
                )
            else:
                raise ValueError("refresh_risk needs a pair_id or a document_id")

    # --- quality estimation ------------------------------------------------------------

    def qe_cached(self, keys: Sequence[str]) -> dict[str, str]:
        """The cached answers (JSON text) of the ``keys`` that have one."""
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(keys))
        for i in range(0, len(unique), 500):  # well under SQLite's bound-parameter limit
            chunk = unique[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            for key, answer in self._all(
                f"SELECT cache_key, answer FROM qe_cache WHERE cache_key IN ({marks})", tuple(chunk)
            ):
                found[str(key)] = str(answer)
        return found

    def put_qe_answers(self, rows: Iterable[tuple[str, str, str, str, str]]) -> None:
        """Cache answers: ``(key, backend, model, version, answer JSON)``; a key already
        cached keeps its first answer."""
        now = _now()
        with self.atomic():
            for key, backend_name, model, version, answer in rows:
                self._write(
                    "INSERT INTO qe_cache (cache_key, backend, model, version, answer, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (cache_key) DO NOTHING",
                    (key, backend_name, model, version, answer, now),
                )

    def set_qe_result(
        self,
        pair_id: int,
        *,
        backend: str,
        model: str,
        version: str,
        score: float | None,
        native: float | None,
        notice: str | None,
        findings: Sequence[Finding],
        check: str = "qe",
    ) -> int:
        """Store a pair's QE score and findings, replacing its earlier ones; the number of
        findings added.

        Reviewer decisions survive a re-run: an earlier ``qe`` finding that was confirmed or
        dismissed stays, and a new finding at the same place and category is not added
        again (a dismissed model opinion stays dismissed). Open ones are replaced.
        """
        added = 0
        with self.atomic():
            self._write(
                "DELETE FROM findings WHERE pair_id = ? AND origin = 'check' AND check_name = ? AND status = 'open'",
                (pair_id, check),
            )
            kept = {
                (r[0], r[1], r[2], r[3])
                for r in self._all(
                    "SELECT side, span_start, span_end, category FROM findings"
                    " WHERE pair_id = ? AND origin = 'check' AND check_name = ?",
                    (pair_id, check),
                )
            }
            for f in findings:
                if (f.side, f.start, f.end, f.category) in kept:
                    continue
                self.add_finding(pair_id, f, refresh=False)
                added += 1
            self._write("DELETE FROM qe_scores WHERE pair_id = ?", (pair_id,))
            self._write(
                "INSERT INTO qe_scores (pair_id, backend, model, version, score, native, notice, scored_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (pair_id, backend, model, version, score, native, notice, _now()),
            )
            self.refresh_risk(pair_id)
        return added

    def qe_score(self, pair_id: int) -> float | None:
        """The pair's stored QE score in [0, 1] (higher better), None when it has none."""
        row = self._one("SELECT score FROM qe_scores WHERE pair_id = ?", (pair_id,))
        return None if row is None or row[0] is None else float(row[0])

    def qe_scores(self, document_id: int | None = None) -> dict[int, float | None]:
        """``{pair_id: score}`` of every scored pair (of one document); None for a pair whose
        answer had no score (a malformed or failed answer)."""
        sql = "SELECT q.pair_id, q.score FROM qe_scores q"
        params: tuple = ()
        if document_id is not None:
            sql += " JOIN pairs p ON p.id = q.pair_id WHERE p.document_id = ?"
            params = (document_id,)
        return {int(pid): (None if sc is None else float(sc)) for pid, sc in self._all(sql, params)}

    def decisions_in(self, document_id: int) -> list[tuple[str, str, str, Finding]]:
        """The reviewers' decisions on the check findings of a document, as ``(source,
        target, status, finding)`` for each dismissed (accepted as no error) or confirmed
        finding, so that a re-import of a changed file can carry them over."""
        rows = self._all(
            "SELECT p.source, p.target, f.id, f.pair_id, f.origin, f.status,"
            f" f.check_name, f.category, {_SEVERITY_SQL}, f.message, f.side, f.span_start, f.span_end,"
            " f.text, f.suggestion, f.created_at, f.updated_at, f.actor"
            " FROM findings f JOIN pairs p ON p.id = f.pair_id"
            " WHERE p.document_id = ? AND f.status IN ('dismissed', 'confirmed') AND f.origin = 'check'"
            " ORDER BY f.id",
            (document_id,),
        )
        return [(r[0], r[1], r[5], self._finding_of(r[2:]).finding) for r in rows]

    def penalty(self, document_id: int) -> int:
        """Sum of MQM weights of the live findings of a document."""
        total = self._scalar(
            f"SELECT COALESCE(SUM({_WEIGHT_SQL}), 0) FROM findings f JOIN pairs p ON p.id = f.pair_id"
            " WHERE p.document_id = ? AND f.status IN ('open', 'confirmed')",
            (document_id,),
        )
        return int(total)

    # Who did what in a document, one row per (reviewer, kind): the current state's author
    # of each decision. A corrected pair belongs to the reviewer of its last correction
    # entry (a save, or an undo that left another saved text); an approved pair to whoever
    # set the status (``pair_state.actor``, also moved by a later quick score); a reviewer
    # finding to its author (``check_name``, which ReviewSession sets to the reviewer and
    # nothing changes later, unlike ``actor``); a check finding to whoever confirmed or
    # dismissed it last.
    _TALLY_SQL = (
        "SELECT who, what, COUNT(*), COALESCE(SUM(points), 0) FROM ("
        " SELECT c.reviewer AS who, 'corrected' AS what, 0 AS points"
        " FROM pairs p JOIN pair_state s ON s.pair_id = p.id JOIN corrections c ON c.pair_id = p.id"
        " WHERE p.document_id = ? AND s.current_text IS NOT NULL AND s.current_text <> p.target"
        " AND c.id = (SELECT MAX(c2.id) FROM corrections c2 WHERE c2.pair_id = p.id)"
        " UNION ALL"
        " SELECT s.actor, 'approved', 0 FROM pair_state s JOIN pairs p ON p.id = s.pair_id"
        " WHERE p.document_id = ? AND s.status = 'approved'"
        " UNION ALL"
        f" SELECT f.check_name, 'added', CASE WHEN f.status IN ('open', 'confirmed')"
        f" THEN {_WEIGHT_SQL} ELSE 0 END"
        " FROM findings f JOIN pairs p ON p.id = f.pair_id"
        " WHERE p.document_id = ? AND f.origin IN ('reviewer', 'quick')"
        " UNION ALL"
        " SELECT f.actor, f.status, 0 FROM findings f JOIN pairs p ON p.id = f.pair_id"
        " WHERE p.document_id = ? AND f.origin = 'check' AND f.status IN ('confirmed', 'dismissed')"
        ") u GROUP BY who, what"
    )

    def reviewer_tallies(self, document_id: int) -> list[ReviewerTally]:
        """Per reviewer, what the document's current state owes them (see ``_TALLY_SQL``):
        sorted by name, unnamed decisions last; reviewers without any decision left out."""
        counts: dict[str | None, dict[str, int]] = {}
        for who, what, n, points in self._all(self._TALLY_SQL, (document_id,) * 4):
            row = counts.setdefault(who, {})
            row[what] = int(n)
            if what == "added":
                row["added_points"] = int(points)
        return [
            ReviewerTally(who, **counts[who])
            for who in sorted(counts, key=lambda w: (w is None, w or ""))
        ]

    # --- corrections and state ---------------------------------------------------------

    _STATE_SQL = (
        "SELECT pair_id, status, quick_score, version, current_text, risk, max_severity,"
        " live_findings, updated_at, actor FROM pair_state"
    )

    def state(self, pair_id: int) -> PairState:
        row = self._one(self._STATE_SQL + " WHERE pair_id = ?", (pair_id,))
        if row is None:
            raise StoreError(f"no pair {pair_id} in {self.location}")
        return PairState(
            row[0], row[1], row[2], row[3], row[4], row[5], _severity_or_none(row[6], row[7]), row[7], row[8], row[9]
        )

    def corrections(self, pair_id: int) -> list[Correction]:
        """The history of a pair, oldest first. Entries are never updated or deleted."""
        rows = self._all(
            "SELECT id, pair_id, text, reviewer, created_at, kind FROM corrections"
            " WHERE pair_id = ? ORDER BY id",
            (pair_id,),
        )
        return [Correction(*r) for r in rows]

    def record_text(
        self,
        pair_id: int,
        text: str,
        *,
        kind: CorrectionKind,
        actor: str | None,
        expected_version: int | None,
        status: PairStatus,
    ) -> int:
        """Append a correction and make it the pair's current text; the new version.

        With ``expected_version`` the update is conditional (optimistic concurrency): if
        the stored version moved on, nothing is written and :class:`VersionMismatch` is
        raised with the stored state, for the caller to turn into a conflict.
        """
        now = _now()
        with self.atomic():
            if expected_version is None:
                cur = self._write(
                    "UPDATE pair_state SET version = version + 1, current_text = ?, status = ?,"
                    " updated_at = ?, actor = ? WHERE pair_id = ?",
                    (text, status, now, actor, pair_id),
                )
            else:
                cur = self._write(
                    "UPDATE pair_state SET version = version + 1, current_text = ?, status = ?,"
                    " updated_at = ?, actor = ? WHERE pair_id = ? AND version = ?",
                    (text, status, now, actor, pair_id, expected_version),
                )
            if cur.rowcount != 1:
                raise VersionMismatch(self.state(pair_id))
            self._write(
                "INSERT INTO corrections (pair_id, text, reviewer, created_at, kind) VALUES (?, ?, ?, ?, ?)",
                (pair_id, text, actor, now, kind),
            )
            self.refresh_risk(pair_id)  # an empty target typed in leaves the untranslated tier
            return self.state(pair_id).version

    def set_status(self, pair_id: int, status: PairStatus, actor: str | None) -> None:
        if status not in PAIR_STATUSES:
            raise ValueError(f"unknown pair status {status!r}")
        with self.atomic():
            cur = self._write(
                "UPDATE pair_state SET status = ?, updated_at = ?, actor = ? WHERE pair_id = ?",
                (status, _now(), actor, pair_id),
            )
            if cur.rowcount != 1:
                raise StoreError(f"no pair {pair_id} in {self.location}")

    def set_quick_score(self, pair_id: int, score: int | None, actor: str | None) -> None:
        with self.atomic():
            cur = self._write(
                "UPDATE pair_state SET quick_score = ?, updated_at = ?, actor = ? WHERE pair_id = ?",
                (score, _now(), actor, pair_id),
            )
            if cur.rowcount != 1:
                raise StoreError(f"no pair {pair_id} in {self.location}")

    # --- the queue ---------------------------------------------------------------------

    def _where(self, flt: QueueFilter, pairs: PairRange = (None, None)) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if pairs[0] is not None:
            clauses.append("s.pair_id > ?")
            params.append(pairs[0])
        if pairs[1] is not None:
            clauses.append("s.pair_id <= ?")
            params.append(pairs[1])
        if flt.statuses:
            bad = [s for s in flt.statuses if s not in PAIR_STATUSES]
            if bad:
                raise ValueError(f"unknown pair status {bad[0]!r}")
            clauses.append(f"s.status IN ({', '.join('?' for _ in flt.statuses)})")
            params.extend(flt.statuses)
        if flt.min_severity is not None:
            clauses.append("s.max_severity >= ? AND s.live_findings > 0")
            params.append(int(Severity.parse(flt.min_severity)))
        if flt.document_id is not None:
            clauses.append("p.document_id = ?")
            params.append(flt.document_id)
        if flt.category:
            clauses.append(
                "EXISTS (SELECT 1 FROM findings f WHERE f.pair_id = p.id"
                " AND f.status IN ('open', 'confirmed') AND (f.category = ? OR f.category LIKE ? ESCAPE '\\'))"
            )
            params.extend([flt.category, _like_escape(flt.category) + "/%"])
        if flt.check:
            clauses.append(
                "EXISTS (SELECT 1 FROM findings f WHERE f.pair_id = p.id"
                " AND f.status IN ('open', 'confirmed') AND f.origin = 'check' AND f.check_name = ?)"
            )
            params.append(flt.check)
        if flt.text:
            text = flt.text
            # OR stops at the first side that matches: a needle with letters outside ASCII
            # (Chinese) is mostly found in the target, tried first (an ordering only).
            sides = ["p.source", "COALESCE(s.current_text, p.target)"]
            if not text.isascii():
                sides.reverse()
            if self.dialect is SQLITE and not text.isascii() and text.lower() == text == text.upper():
                # A needle without cased letters (Chinese, digits, punctuation) matches the
                # same rows with and without case folding, so SQLite finds it with instr(), a
                # plain byte search: 31 instead of 36 ms at 100,000 pairs for 陕西 (LIKE keeps
                # an ASCII needle, which its own fast path scans quicker than instr()).
                clauses.append(f"(instr({sides[0]}, ?) > 0 OR instr({sides[1]}, ?) > 0)")
                params.extend([text, text])
            else:
                needle = "%" + _like_escape(text.lower()) + "%"
                # SQLite's LIKE ignores case for every letter its LOWER() folds (ASCII; all of
                # Unicode with ICU, which widens both), so there LOWER() changes no match and
                # only doubles the cost of the scan (62 -> 35 ms at 100,000 pairs, every search
                # of the review queue). PostgreSQL's LIKE is case-sensitive: it keeps LOWER().
                fold = "{}" if self.dialect is SQLITE else "LOWER({})"
                clauses.append(
                    f"({fold.format(sides[0])} LIKE ? ESCAPE '\\' OR"
                    f" {fold.format(sides[1])} LIKE ? ESCAPE '\\')"
                )
                params.extend([needle, needle])
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    _QUEUE_FROM = " FROM pair_state s JOIN pairs p ON p.id = s.pair_id"

    def queue_sql(
        self, flt: QueueFilter, order: QueueOrder, offset: int, limit: int, pairs: PairRange = (None, None)
    ) -> tuple[str, list[Any]]:
        where, params = self._where(flt, pairs)
        if order == "position":
            order_by = " ORDER BY s.pair_id"
        elif order == "risk":
            order_by = " ORDER BY s.risk DESC, s.pair_id"
        else:
            raise ValueError(f"unknown queue order {order!r} (expected position or risk)")
        sql = (
            "SELECT p.id, p.document_id, p.pair_key, p.position, p.source,"
            " COALESCE(s.current_text, p.target), s.status, s.risk, s.max_severity,"
            " s.live_findings, s.quick_score" + self._QUEUE_FROM + where + order_by + " LIMIT ? OFFSET ?"
        )
        return sql, [*params, max(0, limit), max(0, offset)]

    def queue(
        self, flt: QueueFilter, order: QueueOrder = "position", offset: int = 0, limit: int = 50
    ) -> list[QueueRow]:
        if offset == 0:
            halves = self._split_scan(flt, lambda store, pairs: store._queue_rows(flt, order, 0, limit, pairs))
            if halves is not None:
                lower, upper = halves
                if order == "position":
                    return (lower + upper)[:limit]
                # each half in the queue's order (risk, highest first, then pair id): merged
                return list(heapq.merge(lower, upper, key=lambda r: (-r.risk, r.pair_id)))[:limit]
        return self._queue_rows(flt, order, offset, limit)

    def _queue_rows(
        self, flt: QueueFilter, order: QueueOrder, offset: int, limit: int, pairs: PairRange = (None, None)
    ) -> list[QueueRow]:
        sql, params = self.queue_sql(flt, order, offset, limit, pairs)
        return [
            QueueRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], _severity_or_none(r[8], r[9]), r[9], r[10])
            for r in self._all(sql, params)
        ]

    def queue_count(self, flt: QueueFilter) -> int:
        halves = self._split_scan(flt, lambda store, pairs: store._queue_count(flt, pairs))
        if halves is not None:
            return halves[0] + halves[1]
        return self._queue_count(flt)

    def _queue_count(self, flt: QueueFilter, pairs: PairRange = (None, None)) -> int:
        where, params = self._where(flt, pairs)
        # Every pair has exactly one pair_state row (written with it, deleted with it), so a
        # filter that reads nothing of ``pairs`` counts pair_state alone: without the join
        # the count of a 100,000-pair queue takes under 1 ms instead of 20-30 ms, which the
        # review UI pays at every change of order or filter.
        needs_pairs = flt.text or flt.document_id is not None or flt.category or flt.check
        source = self._QUEUE_FROM if needs_pairs else " FROM pair_state s"
        return int(self._scalar("SELECT COUNT(*)" + source + where, params))

    def _split_scan(self, flt: QueueFilter, read: Callable[[Store, PairRange], T]) -> tuple[T, T] | None:
        """``read`` of the lower half of the pairs here and of the upper half on the helper
        connection at the same time, or None where a search is not split.

        A text search reads every pair's source and target (``instr``/``LIKE``: no index
        helps): some 30 ms at 100,000 pairs, the review UI's slowest read, on the key that
        runs it. SQLite lets go of Python's lock while it steps, so two connections scan the
        two halves on two cores: 17 ms. Split only a text search, on SQLite, outside a
        transaction (the helper reads the last commit, so this connection must have nothing
        uncommitted), over at least :data:`SPLIT_SCAN_MIN_PAIRS` pair ids. Each half is a
        read of its own: a commit by another process between the two statements can be in
        one half and not the other, as it can between any two reads of the UI."""
        if not flt.text or not self._may_split or self.dialect is not SQLITE or self._depth or self._conn.in_transaction:
            return None
        if not self._split_lock.acquire(blocking=False):
            return None  # another thread's search has the helper: this one is one scan
        try:
            bounds = self._one("SELECT MIN(pair_id), MAX(pair_id) FROM pair_state")
            if bounds is None or bounds[0] is None or bounds[1] - bounds[0] < SPLIT_SCAN_MIN_PAIRS:
                return None
            helper = self._scan_helper()
            if helper is None:
                return None
            middle = (bounds[0] + bounds[1]) // 2
            upper: list[T] = []
            failed: list[BaseException] = []

            def read_upper() -> None:
                try:
                    upper.append(read(helper, (middle, None)))
                except BaseException as e:  # noqa: BLE001 - handed to the caller's thread
                    failed.append(e)

            thread = threading.Thread(target=read_upper, name="transreview-scan-half", daemon=True)
            thread.start()
            try:
                lower = read(self, (None, middle))
            except BaseException as e:
                helper.interrupt()  # its answer is not wanted: stop it rather than wait for it
                thread.join()
                raise self._closed_meanwhile(e) from None
            thread.join()
            if failed:
                raise self._closed_meanwhile(failed[0]) from None
            return lower, upper[0]
        finally:
            self._split_lock.release()

    def _closed_meanwhile(self, e: BaseException) -> BaseException:
        """``e``, or Interrupted when the store was closed while the search ran (a closed
        connection raises ProgrammingError): the review UI quit during a count, which a
        stop that came before the two halves had begun could not interrupt."""
        if isinstance(e, sqlite3.ProgrammingError) and self._helper_failed:
            return Interrupted(f"{self.location}: read stopped (closed)")
        return e

    def queue_index(self, flt: QueueFilter, order: QueueOrder, pair_id: int) -> int | None:
        """The 0-based row of ``pair_id`` in the queue ``flt``/``order``; None if filtered out.

        Two indexed counts instead of walking pages, so the review UI can jump to any pair
        of a 100,000-pair queue at once.
        """
        where, params = self._where(flt)
        glue = " AND " if where else " WHERE "
        row = self._one(
            "SELECT s.risk" + self._QUEUE_FROM + where + glue + "s.pair_id = ?", [*params, pair_id]
        )
        if row is None:
            return None
        if order == "position":
            before, extra = "s.pair_id < ?", [pair_id]
        elif order == "risk":
            before, extra = "(s.risk > ? OR (s.risk = ? AND s.pair_id < ?))", [row[0], row[0], pair_id]
        else:
            raise ValueError(f"unknown queue order {order!r} (expected position or risk)")
        sql = "SELECT COUNT(*)" + self._QUEUE_FROM + where + glue + before
        return int(self._scalar(sql, [*params, *extra]))

    def next_pair_id(
        self, after_pair_id: int | None, statuses: Sequence[str], min_risk: int | None = None
    ) -> int | None:
        """The first pair after ``after_pair_id`` (wrapping to the start) with one of
        ``statuses`` (and a risk of at least ``min_risk``, if given)."""
        marks = ", ".join("?" for _ in statuses)
        base = f"SELECT pair_id FROM pair_state WHERE status IN ({marks})"
        params: list[Any] = list(statuses)
        if min_risk is not None:
            base += " AND risk >= ?"
            params.append(min_risk)
        start = -1 if after_pair_id is None else after_pair_id
        row = self._one(base + " AND pair_id > ? ORDER BY pair_id LIMIT 1", (*params, start))
        if row is None and after_pair_id is not None:
            row = self._one(base + " AND pair_id <= ? ORDER BY pair_id LIMIT 1", (*params, start))
        return None if row is None else int(row[0])

    def count_status(self, statuses: Sequence[str], document_id: int | None = None) -> int:
        marks = ", ".join("?" for _ in statuses)
        sql = f"SELECT COUNT(*){self._QUEUE_FROM} WHERE s.status IN ({marks})"
        params: list[Any] = list(statuses)
        if document_id is not None:
            sql += " AND p.document_id = ?"
            params.append(document_id)
        return int(self._scalar(sql, params))

    def source_texts(self, document_id: int) -> Iterator[str]:
        for _, pair in self.iter_pairs(document_id):
            yield pair.source


class DuplicatePairError(StoreError):
    """Two pairs of one document share an id (``UNIQUE(document_id, pair_key)``)."""

    def __init__(self, pair: Pair) -> None:
        self.pair = pair
        super().__init__(f"pair id {pair.id!r} appears twice in {pair.doc or 'the document'}")


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError as e:
        raise StoreError(f"{path}: cannot read: {e.strerror or e}") from None


def _file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise StoreError(f"{path}: cannot read: {e.strerror or e}") from None


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

