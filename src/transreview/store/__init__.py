"""The review project's storage: a SQLite file or a PostgreSQL database, and the only
package with SQL.

``schema`` holds the tables and their migrations, ``backend`` the two databases (dialects,
connecting, transactions under one write lock, bounded retry), ``db`` the :class:`Store`
and its statements. The values a store hands out are in :mod:`transreview.records`, so
their readers (the review UI, export, reports) need not import this package.
"""

from transreview.store.backend import is_db_url, redact_url
from transreview.store.db import DuplicatePairError, Store
from transreview.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "DuplicatePairError", "Store", "is_db_url", "redact_url"]
