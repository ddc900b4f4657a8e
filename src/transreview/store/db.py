"""The review project: a SQLite file or a PostgreSQL database, and the only module with SQL.

Why SQLite by default: a project travels with its corpus, needs no server and survives a
killed terminal. WAL lets the review UI read while another process writes, and
``synchronous=FULL`` makes every committed decision durable before the call returns. WAL
does not work on network file systems, so a team shares a PostgreSQL server instead:
``Store.open("postgresql://…")`` runs the same schema, migrations and statements there.

Rules kept here so the rest of the package never has to think about them:

- *Schema by migrations.* ``MIGRATIONS`` is an ordered list; the schema version (SQLite's
  ``PRAGMA user_version``, a one-row table on PostgreSQL) says how many have run. Opening
  a project runs the missing ones, each in its own transaction under the write lock. A
  project written by a newer transreview is refused rather than damaged.
- *Every write in a transaction.* ``with store.atomic():`` nests (SAVEPOINTs inside one
  outer transaction that holds the project's write lock): an import is one transaction per
  document, a review decision one transaction, and a failure rolls back everything inside.
- *One writer at a time, bounded waiting.* The outer transaction takes the write lock
  first (``BEGIN IMMEDIATE``; ``pg_advisory_xact_lock`` on PostgreSQL), so concurrent
  reviewers queue instead of deadlocking, and a read-then-write sees the latest commit.
  Waiting for it is bounded and retried with backoff (see ``RETRY_DELAYS``) for up to
  ``WRITE_RETRY_SECONDS``; every other statement has the database's own busy timeout.
  "database is locked" never reaches the user as such. Conflicting edits of one pair are
  caught by versions (:class:`VersionMismatch`), not by locks.
- *Portable SQL.* Plain tables, ``INSERT ... RETURNING``, ``CASE``, ``EXISTS``, ``LIMIT/OFFSET``,
  savepoints: both backends run the same text. What differs is in :class:`Dialect`
  (placeholders, self-numbered keys, BLOB/BYTEA, how the write lock is taken) and in a few
  branches of :class:`Store` (pragmas, the schema-version record). Column names avoid SQL
  keywords (``span_start``/``span_end``, ``check_name``, ``actor``, ``idx``).
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

import json
import random
import re
import sqlite3
import threading
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from transreview.errors import StoreError
from transreview.model import Bead, Finding, Pair, SentenceAlignment, Severity, Span

Origin = Literal["check", "reviewer", "quick"]
FindingStatus = Literal["open", "confirmed", "dismissed"]
PairStatus = Literal["unreviewed", "flagged", "corrected", "approved"]
CorrectionKind = Literal["save", "undo"]

ORIGINS: tuple[str, ...] = ("check", "reviewer", "quick")
FINDING_STATUSES: tuple[str, ...] = ("open", "confirmed", "dismissed")
PAIR_STATUSES: tuple[str, ...] = ("unreviewed", "flagged", "corrected", "approved")
LIVE_STATUSES: tuple[str, ...] = ("open", "confirmed")

BUSY_TIMEOUT_MS = 5000  # how long the database itself waits for a lock (PostgreSQL: lock_timeout)
WRITE_RETRY_SECONDS = 30.0  # how long Store._begin keeps retrying to start a write, in all
# Backoff between attempts: (first, cap) in seconds. SQLite's BEGIN IMMEDIATE is tried
# without its own busy wait and re-tried every few milliseconds: SQLite's busy handler
# sleeps up to 100 ms a time and so starves a waiting writer while another one commits
# in quick succession (measured: two processes writing at once did not interleave at all).
# PostgreSQL queues lock waiters fairly itself; there a retry follows a whole lock_timeout.
RETRY_DELAYS = {"sqlite": (0.001, 0.02), "postgresql": (0.02, 1.0)}

# MQM weights as SQL, the same numbers as Severity.weight (critical 25, major 5, minor 1).
_WEIGHT_SQL = "CASE f.severity WHEN 3 THEN 25 WHEN 2 THEN 5 ELSE 1 END"

# --- schema -----------------------------------------------------------------------------

_SCHEMA_1 = (
    """CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE documents (
        id {ID},
        name TEXT NOT NULL,
        format TEXT NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        content {BLOB},
        target_content {BLOB},
        src_lang TEXT NOT NULL,
        tgt_lang TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        UNIQUE (name, sha256)
    )""",
    """CREATE TABLE pairs (
        id {ID},
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        pair_key TEXT NOT NULL,
        position INTEGER NOT NULL,
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        reference TEXT,
        line INTEGER,
        meta TEXT NOT NULL DEFAULT '{}',
        UNIQUE (document_id, pair_key)
    )""",
    "CREATE INDEX pairs_document_position ON pairs (document_id, position)",
    """CREATE TABLE sentences (
        pair_id INTEGER NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
        side TEXT NOT NULL CHECK (side IN ('source', 'target')),
        idx INTEGER NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        PRIMARY KEY (pair_id, side, idx)
    )""",
    """CREATE TABLE beads (
        pair_id INTEGER NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        src_idx TEXT NOT NULL,
        tgt_idx TEXT NOT NULL,
        PRIMARY KEY (pair_id, n)
    )""",
    """CREATE TABLE findings (
        id {ID},
        pair_id INTEGER NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
        origin TEXT NOT NULL CHECK (origin IN ('check', 'reviewer', 'quick')),
        check_name TEXT NOT NULL,
        category TEXT NOT NULL,
        severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 3),
        side TEXT NOT NULL CHECK (side IN ('source', 'target')),
        span_start INTEGER,
        span_end INTEGER,
        text TEXT,
        message TEXT NOT NULL,
        suggestion TEXT,
        status TEXT NOT NULL DEFAULT 'open'
            CHECK (status IN ('open', 'confirmed', 'dismissed')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        actor TEXT
    )""",
    "CREATE INDEX findings_pair ON findings (pair_id, status)",
    "CREATE INDEX findings_check ON findings (check_name, pair_id)",
    "CREATE INDEX findings_category ON findings (category, pair_id)",
    """CREATE TABLE corrections (
        id {ID},
        pair_id INTEGER NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        reviewer TEXT,
        created_at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('save', 'undo'))
    )""",
    "CREATE INDEX corrections_pair ON corrections (pair_id, id)",
    """CREATE TABLE pair_state (
        pair_id INTEGER PRIMARY KEY REFERENCES pairs (id) ON DELETE CASCADE,
        status TEXT NOT NULL DEFAULT 'unreviewed'
            CHECK (status IN ('unreviewed', 'flagged', 'corrected', 'approved')),
        quick_score INTEGER CHECK (quick_score BETWEEN 0 AND 100),
        version INTEGER NOT NULL DEFAULT 0,
        current_text TEXT,
        risk INTEGER NOT NULL DEFAULT 0,
        max_severity INTEGER NOT NULL DEFAULT 0,
        live_findings INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT,
        actor TEXT
    )""",
    "CREATE INDEX pair_state_risk ON pair_state (risk DESC, pair_id)",
    "CREATE INDEX pair_state_status ON pair_state (status, pair_id)",
    "CREATE INDEX pair_state_status_risk ON pair_state (status, risk DESC, pair_id)",
)

# Who imported a document (``--reviewer`` of ``transreview import``).
_SCHEMA_2 = ("ALTER TABLE documents ADD COLUMN imported_by TEXT",)

# The original bytes move to a table of their own: in a row, SQLite (and PostgreSQL's TOAST
# less so) must walk a large blob's overflow pages to reach the columns after it, so every
# pair read that joined ``documents`` for its languages paid for the whole file (11.7 ms
# per pair at 100,000 pairs, against 0.01 ms without the blob).
_SCHEMA_3 = (
    """CREATE TABLE document_contents (
        document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        content {BLOB},
        target_content {BLOB}
    )""",
    "INSERT INTO document_contents (document_id, content, target_content)"
    " SELECT id, content, target_content FROM documents",
    "ALTER TABLE documents DROP COLUMN content",
    "ALTER TABLE documents DROP COLUMN target_content",
)

# Migration k takes a project from schema version k to k + 1. Append, never edit (the
# {ID}/{BLOB} tokens render to the very SQL each backend always ran).
MIGRATIONS: tuple[tuple[str, ...], ...] = (_SCHEMA_1, _SCHEMA_2, _SCHEMA_3)
SCHEMA_VERSION = len(MIGRATIONS)


# --- value types returned to callers ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """One imported input. ``content`` (and ``target_content`` for a Moses pair's .zh half)
    are the original bytes, kept for the round-trip export."""

    id: int
    name: str
    format: str
    path: str
    sha256: str
    src_lang: str
    tgt_lang: str
    imported_at: str
    imported_by: str | None = None


@dataclass(frozen=True, slots=True)
class StoredFinding:
    """A finding as stored: the model finding plus its id, origin, review status and author."""

    id: int
    pair_id: int
    origin: str
    status: str
    finding: Finding
    created_at: str
    updated_at: str
    actor: str | None

    @property
    def live(self) -> bool:
        """Open or confirmed: it counts towards risk and the MQM score."""
        return self.status in LIVE_STATUSES


@dataclass(frozen=True, slots=True)
class Correction:
    """One entry of a pair's append-only correction history."""

    id: int
    pair_id: int
    text: str
    reviewer: str | None
    created_at: str
    kind: str


@dataclass(frozen=True, slots=True)
class ReviewerTally:
    """What one reviewer did in one document (:meth:`Store.reviewer_tallies`).

    ``reviewer`` is None for decisions stored without a name. ``added_points`` are the MQM
    weights of the reviewer's own findings that still count (open or confirmed).
    """

    reviewer: str | None
    corrected: int = 0  # pairs whose current text this reviewer's last correction entry set
    approved: int = 0  # pairs now approved, by this reviewer
    added: int = 0  # reviewer and quick findings this reviewer wrote
    added_points: int = 0
    confirmed: int = 0  # check findings this reviewer confirmed (and nobody changed since)
    dismissed: int = 0  # check findings this reviewer dismissed


@dataclass(frozen=True, slots=True)
class PairState:
    """A pair's review state. ``current_text`` is None while the original target stands."""

    pair_id: int
    status: str
    quick_score: int | None
    version: int
    current_text: str | None
    risk: int
    max_severity: Severity | None
    live_findings: int
    updated_at: str | None
    actor: str | None


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One line of the review queue: enough to draw a table row without loading the pair."""

    pair_id: int
    document_id: int
    pair_key: str
    position: int
    source: str
    target: str  # the current target: the last correction, or the original
    status: str
    risk: int
    max_severity: Severity | None
    live_findings: int
    quick_score: int | None


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What the queue shows. Empty fields do not filter.

    ``statuses``: pair statuses to keep. ``min_severity``: keep pairs with a live finding at
    or above it. ``category``: an MQM path, matching itself and its children ("Accuracy"
    keeps "Accuracy/Omission"). ``check``: keep pairs with a live finding of that check.
    ``text``: a substring of the source or the current target (ASCII case-insensitive).
    """

    statuses: tuple[str, ...] = ()
    min_severity: Severity | None = None
    category: str | None = None
    check: str | None = None
    text: str | None = None
    document_id: int | None = None


QueueOrder = Literal["position", "risk"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _severity_or_none(value: int) -> Severity | None:
    return Severity(value) if value else None


# --- backends: the small table of what differs between SQLite and PostgreSQL ------------


@dataclass(frozen=True, slots=True)
class Dialect:
    """The few places where SQLite and PostgreSQL need different SQL text.

    Everything else (tables, ``RETURNING``, ``ON CONFLICT DO NOTHING``, ``SAVEPOINT``,
    ``LIMIT/OFFSET``, ``CASE``) is written once and runs on both. Schema statements carry
    ``{ID}`` and ``{BLOB}`` tokens; queries are written with ``?`` placeholders and
    rewritten once per statement for PostgreSQL.
    """

    name: str
    auto_id: str  # an integer primary key the database numbers itself
    blob: str  # raw bytes
    paramstyle: Literal["qmark", "format"]
    begin_write: str  # opens a write transaction; the write lock is taken right after
    explain: str  # the prefix that returns a query plan


SQLITE = Dialect(
    name="sqlite",
    auto_id="INTEGER PRIMARY KEY",  # the rowid; no AUTOINCREMENT: rows are never deleted by us
    blob="BLOB",
    paramstyle="qmark",
    begin_write="BEGIN IMMEDIATE",  # takes SQLite's write lock at BEGIN, not at the first write
    explain="EXPLAIN QUERY PLAN ",
)
POSTGRES = Dialect(
    name="postgresql",
    auto_id="INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    blob="BYTEA",
    paramstyle="format",
    begin_write="BEGIN",  # followed by the project's advisory lock, see Store._take_write_lock
    explain="EXPLAIN ",
)

_URL_PREFIXES = ("postgresql://", "postgres://")
_MANGLED_URL = re.compile(r"^postgres(?:ql)?:/(?!/)")
_PG_VERSION_TABLE = "transreview_schema"


def is_db_url(location: str | Path | None) -> bool:
    """True for a PostgreSQL URL (``postgresql://…`` or ``postgres://…``)."""
    return isinstance(location, str) and location.startswith(_URL_PREFIXES)


def redact_url(url: str) -> str:
    """The URL without its password, for messages (``postgresql://bob:***@host/db``)."""
    url = re.sub(r"(://[^:/@?]*):[^@/?]*@", r"\1:***@", url)
    return re.sub(r"(?i)(password=)[^&]*", r"\1***", url)


def _render(statement: str, dialect: Dialect) -> str:
    return statement.replace("{ID}", dialect.auto_id).replace("{BLOB}", dialect.blob)


@lru_cache(maxsize=1024)
def _to_format_style(sql: str) -> str:
    """``?`` placeholders to psycopg's ``%s`` (a literal ``%`` becomes ``%%``).

    Safe because no statement of this module has a ``?`` or ``%`` inside an SQL string
    literal: LIKE patterns are always parameters.
    """
    return sql.replace("%", "%%").replace("?", "%s")


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def _configure(conn: sqlite3.Connection) -> None:
    """Every SQLite-specific setting in one place."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":  # pragma: no cover - e.g. a read-only medium
        raise StoreError(f"cannot switch the project to WAL mode (got {mode!r})")
    # FULL: a decision is on disk, not only in the WAL's OS buffers, when commit returns.
    conn.execute("PRAGMA synchronous = FULL")


def _connect_postgres(url: str) -> Any:
    """A psycopg connection in autocommit mode (transactions are opened by Store.atomic)."""
    try:
        import psycopg
    except ModuleNotFoundError:
        raise StoreError(
            f"{redact_url(url)}: PostgreSQL projects need psycopg: pip install 'transreview[postgres]'"
        ) from None
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except (psycopg.Error, ValueError) as e:
        raise StoreError(f"{redact_url(url)}: cannot connect to PostgreSQL ({_first_line(e)})") from None
    try:
        # A writer waiting longer than this for the project's write lock gets LockNotAvailable,
        # which Store.atomic turns into a retry: the same bound as SQLite's busy_timeout.
        conn.execute(f"SET lock_timeout = {BUSY_TIMEOUT_MS}")
    except psycopg.Error as e:  # pragma: no cover - a server that refuses SET
        conn.close()
        raise StoreError(f"{redact_url(url)}: {_first_line(e)}") from None
    return conn


def _is_busy(e: BaseException) -> bool:
    """Another process holds the write lock (and kept it past the busy timeout)."""
    if isinstance(e, sqlite3.OperationalError):
        code = getattr(e, "sqlite_errorcode", None)
        if code is not None:
            return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
        return "locked" in str(e) or "busy" in str(e)
    return getattr(e, "sqlstate", None) == "55P03"  # PostgreSQL lock_not_available


class Store:
    """An open project. Use :meth:`open`; close it (or use it as a context manager).

    Thread use: one connection shared under a lock, so a Textual worker thread and the UI
    thread can both call in; each :meth:`atomic` block holds the lock for its duration.

    ``path`` is the project file; for a PostgreSQL project it is only the database name
    (for titles). ``location`` is what messages name: the file, or the URL without its
    password. ``retries`` counts write transactions that had to wait out another writer
    beyond the busy timeout and try again.
    """

    def __init__(
        self,
        conn: Any,
        path: Path,
        *,
        dialect: Dialect = SQLITE,
        location: str | None = None,
        lock_key: int = 0,
    ) -> None:
        self._conn = conn
        self.path = path
        self.dialect = dialect
        self.location = str(path) if location is None else location
        self.retries = 0
        self._lock_key = lock_key
        self._lock = threading.RLock()
        self._depth = 0
        if dialect is SQLITE:
            self._integrity_error: type[BaseException] = sqlite3.IntegrityError
            self._db_error: type[BaseException] = sqlite3.DatabaseError
        else:
            import psycopg

            self._integrity_error = psycopg.errors.IntegrityError
            self._db_error = psycopg.Error

    # --- lifecycle ---------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Store:
        """Open (or create) a project and bring its schema up to date.

        ``path`` is a SQLite file, or a ``postgresql://`` URL naming an existing database
        (the tables are created in its ``search_path`` schema, so one database can hold
        several projects in several schemas).
        """
        if is_db_url(path):
            return cls._open_postgres(str(path), create=create)
        if _MANGLED_URL.match(str(path)):
            raise StoreError(
                f"{path}: looks like a PostgreSQL URL that lost a '/' on its way here "
                "(it went through a file path); give it as postgresql://…"
            )
        p = Path(path)
        if not create and not p.exists():
            raise StoreError(f"{p}: no such project")
        if p.is_dir():
            raise StoreError(f"{p}: is a directory, not a project file")
        if not p.parent.exists():
            raise StoreError(f"{p}: folder {p.parent} does not exist")
        # Switching a new file to WAL and migrating it take locks that SQLite may refuse at
        # once, without its busy wait, while another process does the same (three processes
        # creating one project): such an open is retried from the start, with backoff.
        deadline = time.monotonic() + WRITE_RETRY_SECONDS
        delay = RETRY_DELAYS["sqlite"][0]
        while True:
            conn: sqlite3.Connection | None = None
            try:
                conn = sqlite3.connect(
                    p, isolation_level=None, check_same_thread=False,
                    timeout=BUSY_TIMEOUT_MS / 1000,
                )
                _configure(conn)
                store = cls(conn, p)
                store._migrate()
                return store
            except sqlite3.OperationalError as e:
                if conn is not None:
                    conn.close()
                if "locked" in str(e) or "busy" in str(e):
                    if time.monotonic() < deadline:
                        time.sleep(delay * (1 + random.random()))
                        delay = min(delay * 2, 0.2)
                        continue
                    raise StoreError(f"{p}: busy: another process holds the project ({e})") from None
                raise StoreError(f"{p}: not a transreview project ({e})") from None
            except sqlite3.DatabaseError as e:
                if conn is not None:
                    conn.close()
                raise StoreError(f"{p}: not a transreview project ({e})") from None
            except StoreError:
                if conn is not None:
                    conn.close()
                raise

    @classmethod
    def _open_postgres(cls, url: str, *, create: bool) -> Store:
        import psycopg

        location = redact_url(url)
        conn = _connect_postgres(url)
        try:
            dbname, schema = conn.execute("SELECT current_database(), current_schema()").fetchone()
            if schema is None:
                raise StoreError(f"{location}: no schema to create the project in (check search_path)")
            # One advisory lock per project (database + schema): the writers' mutex.
            key = zlib.crc32(f"transreview:{dbname}:{schema}".encode()) - 2**31
            store = cls(conn, Path(dbname), dialect=POSTGRES, location=location, lock_key=key)
            if not create and store.schema_version == 0:
                raise StoreError(f"{location}: no such project (no transreview tables in schema {schema})")
            store._migrate()
        except psycopg.Error as e:
            conn.close()
            raise StoreError(f"{location}: not a usable transreview project ({_first_line(e)})") from None
        except StoreError:
            conn.close()
            raise
        return store

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.dialect.name

    @property
    def schema_version(self) -> int:
        """How many migrations have run (SQLite's user_version; a one-row table on PostgreSQL)."""
        if self.dialect is SQLITE:
            return int(self._one("PRAGMA user_version")[0])
        # A query of pg_class, not to_regclass(): that one answers from the session's catalog
        # cache, which can still say "no such table" just after another session's migration
        # committed while this one waited for the write lock.
        exists = self._one(
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c"
            " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relname = ?)",
            (_PG_VERSION_TABLE,),
        )[0]
        if not exists:
            return 0
        row = self._one(f"SELECT MAX(version) FROM {_PG_VERSION_TABLE}")
        return int(row[0] or 0)

    def _set_schema_version(self, version: int) -> None:
        if self.dialect is SQLITE:
            # user_version is transactional in SQLite: it moves with the migration or not at all.
            self._write(f"PRAGMA user_version = {int(version)}")
            return
        self._write(f"CREATE TABLE IF NOT EXISTS {_PG_VERSION_TABLE} (version INTEGER NOT NULL)")
        self._write(f"DELETE FROM {_PG_VERSION_TABLE}")
        self._write(f"INSERT INTO {_PG_VERSION_TABLE} (version) VALUES (?)", (version,))

    def journal_mode(self) -> str:
        """SQLite's journal mode (``wal``); ``""`` on PostgreSQL, which has none to set."""
        if self.dialect is not SQLITE:
            return ""
        return str(self._one("PRAGMA journal_mode")[0]).lower()

    def _migrate(self) -> None:
        current = self.schema_version
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.location}: written by a newer transreview (schema {current}, "
                f"this version knows {SCHEMA_VERSION}); upgrade transreview"
            )
        for version in range(current, SCHEMA_VERSION):
            with self.atomic():
                # Re-read under the write lock: another process may have migrated meanwhile.
                if self.schema_version > version:
                    continue
                for statement in MIGRATIONS[version]:
                    self._write(_render(statement, self.dialect))
                self._set_schema_version(version + 1)

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

    # --- transactions ------------------------------------------------------------------

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """A transaction; nested blocks are savepoints that roll back on their own.

        The outermost block takes the project's write lock up front (SQLite's ``BEGIN
        IMMEDIATE``; a transaction-scoped advisory lock on PostgreSQL), so writers queue
        one behind the other and a read-then-write (the version check of a correction)
        always reads the latest commit. :meth:`_begin` retries taking the lock with
        exponential backoff (PostgreSQL first waits ``BUSY_TIMEOUT_MS`` in its own fair
        queue; SQLite is polled every few milliseconds) until ``WRITE_RETRY_SECONDS``
        have passed, and only then gives up with a :class:`StoreError` that says the
        project is busy (never a raw "database is locked").
        """
        with self._lock:
            outer = self._depth == 0
            name = f"sp{self._depth}"
            if outer:
                self._begin()
            else:
                self._execute(f"SAVEPOINT {name}")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                if outer:
                    self._rollback_quietly()  # keep the original error, even if the link is gone
                else:
                    self._execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self._execute(f"RELEASE SAVEPOINT {name}")
                raise
            self._depth -= 1
            if not outer:
                self._execute(f"RELEASE SAVEPOINT {name}")
                return
            try:
                self._execute("COMMIT")
            except self._db_error as e:
                self._rollback_quietly()
                raise StoreError(f"{self.location}: could not save ({_first_line(e)})") from None

    def _begin(self) -> None:
        """Open the outermost write transaction, retrying while another writer holds the lock."""
        deadline = time.monotonic() + WRITE_RETRY_SECONDS
        delay, cap = RETRY_DELAYS[self.dialect.name]
        while True:
            try:
                if self.dialect is SQLITE:
                    self._begin_sqlite()
                else:
                    self._execute(self.dialect.begin_write)
                    self._take_write_lock()
                return
            except self._db_error as e:
                if self.dialect is POSTGRES:
                    self._rollback_quietly()
                if not _is_busy(e):
                    raise StoreError(f"{self.location}: cannot write ({_first_line(e)})") from None
                if time.monotonic() + delay > deadline:
                    raise StoreError(
                        f"{self.location}: busy: another process has been writing to this project "
                        f"for over {WRITE_RETRY_SECONDS:.0f} s; try again later"
                    ) from None
            self.retries += 1
            time.sleep(delay * random.uniform(0.5, 1.0))
            delay = min(delay * 2, cap)

    def _begin_sqlite(self) -> None:
        # busy_timeout 0 for this one statement: _begin does the waiting, in shorter steps.
        self._execute("PRAGMA busy_timeout = 0")
        try:
            self._execute(self.dialect.begin_write)
        finally:
            self._execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def _take_write_lock(self) -> None:
        # Transaction-scoped: released by COMMIT or ROLLBACK, also when the client dies.
        self._execute("SELECT pg_advisory_xact_lock(?)", (self._lock_key,))

    def _rollback_quietly(self) -> None:
        try:
            self._execute("ROLLBACK")
        except self._db_error:  # pragma: no cover - no transaction left, or the link is gone
            pass

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if self.dialect.paramstyle == "format":
            return self._conn.execute(_to_format_style(sql), tuple(params))
        return self._conn.execute(sql, params)

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._lock:
            return self._execute(sql, params).fetchall()

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        with self._lock:
            return self._execute(sql, params).fetchone()

    def _write(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if self._depth == 0:
            raise RuntimeError("store writes must run inside store.atomic()")
        return self._execute(sql, params)

    def explain(self, sql: str, params: Sequence[Any] = ()) -> list[str]:
        """The query plan lines for ``sql`` (used by tests to prove indexes are used)."""
        return [str(row[-1]) for row in self._all(self.dialect.explain + sql, params)]

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
        content: bytes | None,
        src_lang: str,
        tgt_lang: str,
        target_content: bytes | None = None,
        imported_by: str | None = None,
    ) -> int:
        with self.atomic():
            row = self._write(
                "INSERT INTO documents (name, format, path, sha256,"
                " src_lang, tgt_lang, imported_at, imported_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (name, format, path, sha256, src_lang, tgt_lang, _now(), imported_by),
            ).fetchone()
            self._write(
                "INSERT INTO document_contents (document_id, content, target_content)"
                " VALUES (?, ?, ?)",
                (int(row[0]), content, target_content),
            )
        return int(row[0])

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
            return int(self._one("SELECT COUNT(*) FROM pairs")[0])
        return int(self._one("SELECT COUNT(*) FROM pairs WHERE document_id = ?", (document_id,))[0])

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
        "SELECT id, pair_id, origin, status, check_name, category, severity, message, side,"
        " span_start, span_end, text, suggestion, created_at, updated_at, actor FROM findings"
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
                "INSERT INTO findings (pair_id, origin, check_name, category, severity, side,"
                " span_start, span_end, text, message, suggestion, status, created_at, updated_at,"
                " actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    pair_id,
                    origin,
                    finding.check,
                    finding.category,
                    int(finding.severity),
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

    def refresh_risk(self, pair_id: int | None = None, *, document_id: int | None = None) -> None:
        """Recompute the denormalised risk, worst severity and live count of one pair, or of
        every pair of a document (one statement, used after a bulk import)."""
        live = "f.pair_id = pair_state.pair_id AND f.status IN ('open', 'confirmed')"
        sql = (
            f"UPDATE pair_state SET"
            f" risk = (SELECT COALESCE(SUM({_WEIGHT_SQL}), 0) FROM findings f WHERE {live}),"
            f" max_severity = (SELECT COALESCE(MAX(f.severity), 0) FROM findings f WHERE {live}),"
            f" live_findings = (SELECT COUNT(*) FROM findings f WHERE {live})"
        )
        with self.atomic():
            if pair_id is not None:
                self._write(sql + " WHERE pair_id = ?", (pair_id,))
            elif document_id is not None:
                self._write(
                    sql + " WHERE pair_id IN (SELECT id FROM pairs WHERE document_id = ?)",
                    (document_id,),
                )
            else:
                raise ValueError("refresh_risk needs a pair_id or a document_id")

    def dismissed_in(self, document_id: int) -> list[tuple[str, str, str, Finding]]:
        """Dismissed check findings of a document as ``(pair_key, source, target, finding)``,
        so that a re-import of a changed file can remember them."""
        rows = self._all(
            "SELECT p.pair_key, p.source, p.target, f.id, f.pair_id, f.origin, f.status,"
            " f.check_name, f.category, f.severity, f.message, f.side, f.span_start, f.span_end,"
            " f.text, f.suggestion, f.created_at, f.updated_at, f.actor"
            " FROM findings f JOIN pairs p ON p.id = f.pair_id"
            " WHERE p.document_id = ? AND f.status = 'dismissed' AND f.origin = 'check'",
            (document_id,),
        )
        return [(r[0], r[1], r[2], self._finding_of(r[3:]).finding) for r in rows]

    def penalty(self, document_id: int) -> int:
        """Sum of MQM weights of the live findings of a document."""
        row = self._one(
            f"SELECT COALESCE(SUM({_WEIGHT_SQL}), 0) FROM findings f JOIN pairs p ON p.id = f.pair_id"
            " WHERE p.document_id = ? AND f.status IN ('open', 'confirmed')",
            (document_id,),
        )
        return int(row[0])

    def severity_counts(self, document_id: int) -> dict[Severity, int]:
        rows = self._all(
            "SELECT f.severity, COUNT(*) FROM findings f JOIN pairs p ON p.id = f.pair_id"
            " WHERE p.document_id = ? AND f.status IN ('open', 'confirmed') GROUP BY f.severity",
            (document_id,),
        )
        return {Severity(s): int(n) for s, n in rows}

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
            row[0], row[1], row[2], row[3], row[4], row[5], _severity_or_none(row[6]), row[7], row[8], row[9]
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

    @staticmethod
    def _where(flt: QueueFilter) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if flt.statuses:
            bad = [s for s in flt.statuses if s not in PAIR_STATUSES]
            if bad:
                raise ValueError(f"unknown pair status {bad[0]!r}")
            clauses.append(f"s.status IN ({', '.join('?' for _ in flt.statuses)})")
            params.extend(flt.statuses)
        if flt.min_severity is not None:
            clauses.append("s.max_severity >= ?")
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
            needle = "%" + _like_escape(flt.text.lower()) + "%"
            clauses.append(
                "(LOWER(p.source) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(s.current_text, p.target))"
                " LIKE ? ESCAPE '\\')"
            )
            params.extend([needle, needle])
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    _QUEUE_FROM = " FROM pair_state s JOIN pairs p ON p.id = s.pair_id"

    def queue_sql(self, flt: QueueFilter, order: QueueOrder, offset: int, limit: int) -> tuple[str, list[Any]]:
        where, params = self._where(flt)
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
        sql, params = self.queue_sql(flt, order, offset, limit)
        return [
            QueueRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], _severity_or_none(r[8]), r[9], r[10])
            for r in self._all(sql, params)
        ]

    def queue_count(self, flt: QueueFilter) -> int:
        where, params = self._where(flt)
        return int(self._one("SELECT COUNT(*)" + self._QUEUE_FROM + where, params)[0])

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
        return int(self._one(sql, [*params, *extra])[0])

    def next_pair_id(self, after_pair_id: int | None, statuses: Sequence[str]) -> int | None:
        """The first pair after ``after_pair_id`` (wrapping to the start) with one of ``statuses``."""
        marks = ", ".join("?" for _ in statuses)
        base = f"SELECT pair_id FROM pair_state WHERE status IN ({marks})"
        start = -1 if after_pair_id is None else after_pair_id
        row = self._one(base + " AND pair_id > ? ORDER BY pair_id LIMIT 1", (*statuses, start))
        if row is None and after_pair_id is not None:
            row = self._one(base + " AND pair_id <= ? ORDER BY pair_id LIMIT 1", (*statuses, start))
        return None if row is None else int(row[0])

    def count_status(self, statuses: Sequence[str], document_id: int | None = None) -> int:
        marks = ", ".join("?" for _ in statuses)
        sql = f"SELECT COUNT(*){self._QUEUE_FROM} WHERE s.status IN ({marks})"
        params: list[Any] = list(statuses)
        if document_id is not None:
            sql += " AND p.document_id = ?"
            params.append(document_id)
        return int(self._one(sql, params)[0])

    def source_texts(self, document_id: int) -> Iterator[str]:
        for _, pair in self.iter_pairs(document_id):
            yield pair.source


class DuplicatePairError(StoreError):
    """Two pairs of one document share an id (``UNIQUE(document_id, pair_key)``)."""

    def __init__(self, pair: Pair) -> None:
        self.pair = pair
        super().__init__(f"pair id {pair.id!r} appears twice in {pair.doc or 'the document'}")


class VersionMismatch(StoreError):
    """A conditional write found another version than expected; carries the stored state."""

    def __init__(self, state: PairState) -> None:
        self.state = state
        super().__init__(f"pair {state.pair_id} is at version {state.version}")


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

