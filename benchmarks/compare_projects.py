"""Compare what two SQLite projects store, table by table, row by row.

Usage::

    .venv/bin/python benchmarks/compare_projects.py OLD.transreview.db NEW.transreview.db

Import the same input with two builds (say before and after an optimisation of ``import``)
and compare: every table (documents, their bytes, pairs, review state, sentences, beads,
findings, corrections) is read in primary-key order and compared row by row, leaving out
only what differs by nature between two runs: the timestamps (``imported_at``,
``created_at``, ``updated_at``). (``meta`` also holds caches that ``report`` adds, such as
``source_words@…``: compare projects nothing else has read yet.) Prints the first differences per table and ends with
``0 difference(s)`` when the projects hold the same data; exit 1 otherwise.
"""

from __future__ import annotations

import argparse
import sqlite3  # noqa: TID251 - a benchmark reading two project files directly, never writing
import sys
from collections.abc import Iterator
from pathlib import Path

VOLATILE = {"imported_at", "created_at", "updated_at"}


def tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return sorted(r[0] for r in rows)


def rows(conn: sqlite3.Connection, table: str) -> tuple[list[str], Iterator[tuple]]:
    """The table's stable columns and its rows in primary-key (else rowid) order."""
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    keep = [r[1] for r in info if r[1] not in VOLATILE]
    pk = [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5]] or ["rowid"]
    cols = ", ".join(f'"{c}"' for c in keep)
    order = ", ".join(f'"{c}"' if c != "rowid" else c for c in pk)
    return keep, iter(conn.execute(f'SELECT {cols} FROM "{table}" ORDER BY {order}'))


def compare(old: Path, new: Path, show: int = 5) -> int:
    a = sqlite3.connect(f"file:{old}?mode=ro", uri=True)
    b = sqlite3.connect(f"file:{new}?mode=ro", uri=True)
    differences = 0
    names_a, names_b = tables(a), tables(b)
    if names_a != names_b:
        print(f"tables differ: {names_a} vs {names_b}")
        differences += 1
    for table in sorted(set(names_a) & set(names_b)):
        cols_a, it_a = rows(a, table)
        cols_b, it_b = rows(b, table)
        if cols_a != cols_b:
            print(f"{table}: columns differ: {cols_a} vs {cols_b}")
            differences += 1
            continue
        n = shown = 0
        sentinel = object()
        while True:
            ra, rb = next(it_a, sentinel), next(it_b, sentinel)
            if ra is sentinel and rb is sentinel:
                break
            n += 1
            if ra != rb:
                differences += 1
                if shown < show:
                    old_row = "(no row)" if ra is sentinel else ra
                    new_row = "(no row)" if rb is sentinel else rb
                    print(f"{table} row {n}:\n  old {old_row}\n  new {new_row}")
                    shown += 1
        print(f"{table}: {n} rows compared")
    print(f"{differences} difference(s)")
    return differences


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    args = ap.parse_args()
    sys.exit(1 if compare(args.old, args.new) else 0)


if __name__ == "__main__":
    main()
