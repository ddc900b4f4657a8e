"""The project's tables, and the migrations that build and change them.

*Schema by migrations.* ``MIGRATIONS`` is an ordered list; the schema version (SQLite's
``PRAGMA user_version``, a one-row table on PostgreSQL) says how many have run. Opening a
project runs the missing ones, each in its own transaction under the write lock. A project
written by a newer transreview is refused rather than damaged.

Column names avoid SQL keywords (``span_start``/``span_end``, ``check_name``, ``actor``,
``idx``), and statements carry ``{ID}`` and ``{BLOB}`` tokens that :func:`render` fills
with each backend's own type (see :class:`transreview.store.backend.Dialect`).
"""

from __future__ import annotations

from transreview.errors import StoreError
from transreview.store.backend import SQLITE, Database, Dialect

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

# MQM "neutral" findings (0 points). The severity column's CHECK (1 to 3) cannot be widened
# in SQLite without rebuilding the table, so a neutral finding is stored as severity 1 with
# ``neutral = 1``; the store reads it back as Severity.NEUTRAL and weighs it 0 (see
# ``transreview.store.db._SEVERITY_SQL``). An added column is the same SQL on both backends.
_SCHEMA_4 = ("ALTER TABLE findings ADD COLUMN neutral INTEGER NOT NULL DEFAULT 0",)

# Quality estimation (``transreview qe``): ``qe_cache`` keeps every backend answer under its
# content hash (backend, model, prompt version, languages, both texts), so a re-run or the
# same pair in another document costs nothing; ``qe_scores`` holds each pair's latest
# segment score, normalised to [0, 1] (higher better), with the backend's own value beside
# it, for the review queue's order and the reports. The cache is not tied to pairs: it
# outlives a re-import.
_SCHEMA_5 = (
    """CREATE TABLE qe_cache (
        cache_key TEXT PRIMARY KEY,
        backend TEXT NOT NULL,
        model TEXT NOT NULL,
        version TEXT NOT NULL,
        answer TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE qe_scores (
        pair_id INTEGER PRIMARY KEY REFERENCES pairs (id) ON DELETE CASCADE,
        backend TEXT NOT NULL,
        model TEXT NOT NULL,
        version TEXT NOT NULL,
        score REAL,
        native REAL,
        notice TEXT,
        scored_at TEXT NOT NULL
    )""",
    "CREATE INDEX qe_scores_score ON qe_scores (score, pair_id)",
)

# Migration k takes a project from schema version k to k + 1. Append, never edit (the
# {ID}/{BLOB} tokens render to the very SQL each backend always ran).
MIGRATIONS: tuple[tuple[str, ...], ...] = (_SCHEMA_1, _SCHEMA_2, _SCHEMA_3, _SCHEMA_4, _SCHEMA_5)
SCHEMA_VERSION = len(MIGRATIONS)

PG_VERSION_TABLE = "transreview_schema"  # PostgreSQL's record of the schema version


def render(statement: str, dialect: Dialect) -> str:
    """A schema statement with its ``{ID}``/``{BLOB}`` tokens in ``dialect``'s SQL."""
    return statement.replace("{ID}", dialect.auto_id).replace("{BLOB}", dialect.blob)


def schema_version(db: Database) -> int:
    """How many migrations have run (SQLite's user_version; a one-row table on PostgreSQL)."""
    if db.dialect is SQLITE:
        return int(db._scalar("PRAGMA user_version"))
    # A query of pg_class, not to_regclass(): that one answers from the session's catalog
    # cache, which can still say "no such table" just after another session's migration
    # committed while this one waited for the write lock.
    exists = db._scalar(
        "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c"
        " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = current_schema() AND c.relname = ?)",
        (PG_VERSION_TABLE,),
    )
    if not exists:
        return 0
    return int(db._scalar(f"SELECT MAX(version) FROM {PG_VERSION_TABLE}") or 0)


def set_schema_version(db: Database, version: int) -> None:
    """Record ``version``; inside the migration's transaction, so it moves with it."""
    if db.dialect is SQLITE:
        # user_version is transactional in SQLite: it moves with the migration or not at all.
        db._write(f"PRAGMA user_version = {int(version)}")
        return
    db._write(f"CREATE TABLE IF NOT EXISTS {PG_VERSION_TABLE} (version INTEGER NOT NULL)")
    db._write(f"DELETE FROM {PG_VERSION_TABLE}")
    db._write(f"INSERT INTO {PG_VERSION_TABLE} (version) VALUES (?)", (version,))


def migrate(db: Database) -> None:
    """Run the migrations ``db`` has not had yet, each in its own transaction."""
    current = schema_version(db)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"{db.location}: written by a newer transreview (schema {current}, "
            f"this version knows {SCHEMA_VERSION}); upgrade transreview"
        )
    for version in range(current, SCHEMA_VERSION):
        with db.atomic():
            # Re-read under the write lock: another process may have migrated meanwhile.
            if schema_version(db) > version:
                continue
            for statement in MIGRATIONS[version]:
                db._write(render(statement, db.dialect))
            set_schema_version(db, version + 1)
