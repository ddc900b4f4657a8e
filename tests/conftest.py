"""The store backend fixture: every project-touching test (unit, tui, e2e) runs on SQLite, and on PostgreSQL too.

The PostgreSQL variants are marked ``postgres``. The normal run deselects them (pyproject's
``addopts``); ``scripts/ci-postgres.sh`` starts a server, sets ``TRANSREVIEW_TEST_PG`` to a
``postgresql://`` URL of an empty database and runs ``pytest -m postgres``. There a missing
URL is an error, never a silent skip. Each project gets its own schema (``search_path`` in
the URL's ``options``), dropped after the test, so tests stay independent in one database.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import settings

PG_ENV = "TRANSREVIEW_TEST_PG"

# Property tests draw the same examples on every run (derandomize, no example database): a
# test that fails one run in two is a failing test, and an example found once on a developer's
# machine must not make CI differ from it. ``TRANSREVIEW_HYPOTHESIS_EXPLORE=1 pytest …``
# draws fresh random examples to look for new failures; turn each one found into a fixed test.
settings.register_profile("fixed", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile("explore" if os.environ.get("TRANSREVIEW_HYPOTHESIS_EXPLORE") else "fixed")

NewDb = Callable[..., "str | Path"]


def pg_dsn() -> str:
    """The PostgreSQL URL of the test database; a missing or non-URL value fails the test."""
    dsn = os.environ.get(PG_ENV, "")
    if not dsn:
        raise RuntimeError(
            f"{PG_ENV} is not set: PostgreSQL tests need a database URL "
            "(scripts/ci-postgres.sh sets one up); they are never skipped"
        )
    if not dsn.startswith(("postgresql://", "postgres://")):
        raise RuntimeError(f"{PG_ENV} must be a postgresql:// URL, not {dsn!r}")
    return dsn


def with_schema(dsn: str, schema: str) -> str:
    """``dsn`` with ``search_path`` set to ``schema`` (so the project's tables live there)."""
    sep = "&" if "?" in dsn else "?"
    return f"{dsn}{sep}options={quote(f'-csearch_path={schema}')}"


class PgSchemas:
    """Creates one schema per project location and drops them all at the end."""

    def __init__(self, dsn: str) -> None:
        import psycopg

        self.dsn = dsn
        self.conn = psycopg.connect(dsn, autocommit=True)
        self.conn.execute("SET lock_timeout = '10s'")
        self.schemas: list[str] = []

    def new(self) -> str:
        schema = f"t_{uuid.uuid4().hex[:16]}"
        self.conn.execute(f'CREATE SCHEMA "{schema}"')
        self.schemas.append(schema)
        return with_schema(self.dsn, schema)

    def drop_all(self) -> None:
        for schema in self.schemas:
            try:
                self.conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
            except Exception:  # noqa: BLE001 - a store left open by a failed test: the cluster is temporary
                pass
        self.conn.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    """The store backend a test runs on."""
    return request.param


@pytest.fixture()
def new_db(backend: str, tmp_path: Path) -> Iterator[NewDb]:
    """A factory of fresh, empty project locations: ``new_db("p.db")``.

    On SQLite a file in the test's temporary folder (the same name gives the same file);
    on PostgreSQL a URL with a new schema of its own (the same name gives the same schema).
    """
    if backend == "sqlite":
        yield lambda name="p.db": tmp_path / name
        return
    schemas = PgSchemas(pg_dsn())
    by_name: dict[str, str] = {}

    def make(name: str = "p.db") -> str:
        if name not in by_name:
            by_name[name] = schemas.new()
        return by_name[name]

    try:
        yield make
    finally:
        schemas.drop_all()
