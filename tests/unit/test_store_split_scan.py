"""A text search of the review queue is scanned in two halves at once, on two connections.

``Store._split_scan``: the lower half of the pair ids on the store's connection, the upper
half on its private helper connection, in a thread (SQLite lets go of Python's lock while
it steps). What a split search reads must be exactly what one scan reads: the same count,
the same first page in the same order (by position: the halves one after the other; by
risk: merged on risk, then pair id, as the query orders). The threshold is lowered here so
that a small project is split.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.sqlite_stop import FOREVER, LONG, stopped
from transreview.errors import Interrupted
from transreview.model import Finding, Pair, Severity
from transreview.records import QueueFilter
from transreview.store import db as store_db
from transreview.store.db import Store

TARGETS = ["晋城是陕西的一个城市。", "风电场在山西。", "Wind farms in Ningxia.", "太原是山西的省会。", "第{i}句。"]


def _build(db: Path, n: int = 120) -> list[int]:
    """``n`` pairs cycling through TARGETS, with 0-3 findings each (so risks differ, and
    many tie): the pair ids."""
    with Store.open(db) as s, s.atomic():
        doc = s.add_document(
            name="s.tsv", format="tsv", path="s.tsv", sha256="h", content=b"", src_lang="en", tgt_lang="zh"
        )
        pairs = [
            Pair(f"p{i}", f"Sentence {i} WIND." if i % 7 == 0 else f"Sentence {i}.", TARGETS[i % 5].format(i=i))
            for i in range(n)
        ]
        ids = s.add_pairs(doc, pairs)
        for k, pid in enumerate(ids):
            for j in range(k * 7 % 4):
                severity = (Severity.MINOR, Severity.MAJOR, Severity.CRITICAL)[(k + j) % 3]
                s.add_finding(pid, Finding("places", "Terminology", severity, f"m{j}"), refresh=False)
        s.refresh_risk(document_id=doc)
    return ids


@pytest.fixture
def split_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project of 120 pairs (:func:`_build`) whose searches are split: the threshold
    lowered to 2 pair ids."""
    db = tmp_path / "p.db"
    _build(db)
    monkeypatch.setattr(store_db, "SPLIT_SCAN_MIN_PAIRS", 2)
    return db


FILTERS = [
    QueueFilter(text="陕西"),
    QueueFilter(text="山西"),
    QueueFilter(text="wind"),  # ASCII: LIKE, case-insensitive (WIND in sources, Wind in targets)
    QueueFilter(text="句"),
    QueueFilter(text="zzqx"),  # no hit: both halves scanned to their ends
    QueueFilter(text="山西", statuses=("unreviewed",)),
]


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: f"{f.text}-{','.join(f.statuses or ())}")
def test_a_split_search_reads_what_one_scan_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  flt: QueueFilter) -> None:
    db = tmp_path / "p.db"
    _build(db)
    with Store.open(db) as s:
        monkeypatch.setattr(store_db, "SPLIT_SCAN_MIN_PAIRS", 10**9)
        one = {
            (order, limit): s.queue(flt, order, 0, limit) for order in ("position", "risk") for limit in (1, 5, 51, 500)
        }
        one_count = s.queue_count(flt)
        one_later = s.queue(flt, "risk", 3, 5)
        assert s._helper is None  # nothing was split
        monkeypatch.setattr(store_db, "SPLIT_SCAN_MIN_PAIRS", 2)
        for (order, limit), rows in one.items():
            assert s.queue(flt, order, 0, limit) == rows, (order, limit)
        assert s.queue_count(flt) == one_count
        assert s.queue(flt, "risk", 3, 5) == one_later  # a later page: one scan, as before
        assert s._helper is not None  # the searches were split
        if flt.text == "山西" and not flt.statuses:
            # by hand: 风电场在山西 (i % 5 == 1) and 太原是山西的省会 (i % 5 == 3), 24 of each
            assert one_count == 48
        risks = [r.risk for r in one["risk", 500]]
        assert risks == sorted(risks, reverse=True)


def test_the_reader_splits_its_searches_too(split_db: Path) -> None:
    """The review UI counts a search on the store's reader (a read-only store): it has a
    helper of its own, so a split there never waits for the UI thread's connection."""
    with Store.open(split_db) as s:
        reader = s.reader()
        assert reader is not s
        # 陕西: i % 5 == 0 of 120 pairs
        assert reader.queue_count(QueueFilter(text="陕西")) == 24
        assert reader._helper is not None and s._helper is None
    assert reader._helper is None  # closed with the store


def test_a_search_inside_a_transaction_is_one_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The helper reads the last commit: inside a transaction this connection's own
    uncommitted writes would be missing from the upper half, so nothing is split there."""
    db = tmp_path / "p.db"
    ids = _build(db)
    monkeypatch.setattr(store_db, "SPLIT_SCAN_MIN_PAIRS", 2)
    with Store.open(db) as s, s.atomic():
        s.record_text(ids[-1], "zzqx 改", kind="save", actor="alice", expected_version=None, status="corrected")
        assert s.queue_count(QueueFilter(text="zzqx")) == 1
        assert [r.pair_id for r in s.queue(QueueFilter(text="zzqx"), "position", 0, 10)] == [ids[-1]]
        assert s._helper is None


def test_interrupting_a_store_stops_its_helpers_statement(tmp_path: Path) -> None:
    """A stopped read aside (the reader's ``interrupt``) stops both halves of a split search."""
    db = tmp_path / "p.db"
    _build(db)
    with Store.open(db) as s:
        helper = s._scan_helper()
        assert helper is not None
        assert isinstance(stopped(lambda: helper._scalar(FOREVER), s.interrupt), Interrupted)
        assert helper._scalar("SELECT 1") == 1  # the helper reads on


def test_a_lower_half_that_fails_stops_the_upper_half(split_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lower half raises (stopped): the upper half is interrupted, not waited for to its
    end, and the lower half's error is the search's."""
    with Store.open(split_db) as s:
        helper = s._scan_helper()
        assert helper is not None
        started = threading.Event()
        helper._conn.set_progress_handler(lambda: started.set() or 0, 1000)
        real = Store._queue_count

        def queue_count(self: Store, flt: QueueFilter, pairs: Any = (None, None)) -> int:
            if self is helper:
                return int(self._scalar(LONG))  # runs until interrupted (or half a minute)
            assert started.wait(timeout=30)
            raise Interrupted("lower half stopped")

        monkeypatch.setattr(Store, "_queue_count", queue_count)
        t0 = time.monotonic()
        with pytest.raises(Interrupted, match="lower half stopped"):
            s.queue_count(QueueFilter(text="陕西"))
        assert time.monotonic() - t0 < 5
        monkeypatch.setattr(Store, "_queue_count", real)
        assert s.queue_count(QueueFilter(text="陕西")) == 24  # both connections read on


def test_an_upper_half_that_fails_is_the_searchs_error(split_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(split_db) as s:
        helper = s._scan_helper()
        real = Store._queue_count

        def queue_count(self: Store, flt: QueueFilter, pairs: Any = (None, None)) -> int:
            if self is helper:
                raise Interrupted("upper half stopped")
            return real(self, flt, pairs)

        monkeypatch.setattr(Store, "_queue_count", queue_count)
        with pytest.raises(Interrupted, match="upper half stopped"):
            s.queue_count(QueueFilter(text="陕西"))


def test_a_small_project_is_one_scan(tmp_path: Path) -> None:
    """Below SPLIT_SCAN_MIN_PAIRS pair ids (the default, 20,000) a search is one scan: the
    thread and the second statement would cost more than they save."""
    db = tmp_path / "p.db"
    _build(db)
    with Store.open(db) as s:
        assert s.queue_count(QueueFilter(text="陕西")) == 24
        assert s._helper is None


def test_a_read_only_project_is_not_split(split_db: Path) -> None:
    """A read-only project may be read as an immutable file; a helper opened later (once
    another process writes) would read another state of it: neither it nor its reader split."""
    with Store.open(split_db, read_only=True) as s:
        reader = s.reader()
        assert s.queue_count(QueueFilter(text="陕西")) == 24
        assert reader.queue_count(QueueFilter(text="陕西")) == 24
        assert s._helper is None and reader._helper is None


def test_a_search_while_another_thread_splits_is_one_scan(split_db: Path) -> None:
    """One split at a time uses a store's helper, so a stopped split interrupts only its own
    upper half, never another thread's (the reviewer's reproduction: a failing search in one
    thread stopped a search in another)."""
    with Store.open(split_db) as s:
        assert s._split_lock.acquire(blocking=False)  # another thread's split, running
        try:
            assert s.queue_count(QueueFilter(text="陕西")) == 24
            assert s._helper is None  # one scan: the helper was not even opened
        finally:
            s._split_lock.release()
        assert s.queue_count(QueueFilter(text="陕西")) == 24
        assert s._helper is not None


def test_a_store_closed_during_a_split_search_stops_it_as_interrupted(split_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Closed before the two halves began (the review UI quit during a count): SQLite's
    ProgrammingError of a closed connection is an Interrupted read, which the UI ignores;
    while the store is open, a ProgrammingError is what it is."""
    import sqlite3

    with Store.open(split_db) as s:
        helper = s._scan_helper()

        def queue_count(self: Store, flt: QueueFilter, pairs: Any = (None, None)) -> int:
            if self is helper:
                raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
            return 0

        monkeypatch.setattr(Store, "_queue_count", queue_count)
        with pytest.raises(sqlite3.ProgrammingError):
            s.queue_count(QueueFilter(text="陕西"))
        s._helper_failed = True  # what close() sets
        with pytest.raises(Interrupted):
            s.queue_count(QueueFilter(text="陕西"))
