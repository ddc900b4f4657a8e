"""Several writers on one project: nothing lost, no "database is locked", conflicts caught.

Two processes (``multiprocessing``, spawned: each opens its own connection as a second
reviewer would) save hundreds of decisions at once through :class:`ReviewSession`: each
corrects, approves or flags, and confirms or dismisses on pairs of its own, and both keep
correcting one shared pair, each from the version it last read. Every decision a worker
saw succeed must be in the project afterwards, exactly; every correction refused with
:class:`ConflictError` must be absent; any other error fails the test. Runs on SQLite and
(marked ``postgres``) on PostgreSQL.

Run with ``-s`` to see the figures (decisions per second, retries, conflicts).
"""

from __future__ import annotations

import multiprocessing as mp
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.sqlite_stop import FOREVER, LONG, stopped
from transreview.errors import ConflictError, StoreError
from transreview.model import Finding, Pair, Severity
from transreview.records import QueueFilter
from transreview.review import ReviewSession
from transreview.store import Store, backend, schema

OWN_PAIRS = 200  # per worker; one loop per pair, four decisions per loop
WORKERS = ("ana", "bo")
# A reviewer's pause between pairs. Without it SQLite is unfair: the waiting process sleeps in
# its busy handler (1, 2, 5 ... 100 ms) while the other re-takes the lock within microseconds
# of each commit, so the two streams would not interleave at all and the test would prove less.
PAUSE_S = 0.002


def _build(db: Path | str) -> tuple[dict[str, list[int]], int]:
    """Pairs of each worker (one finding each) and the pair both of them correct."""
    with Store.open(db) as s, s.atomic():
        doc = s.add_document(
            name="c.tsv", format="tsv", path="c.tsv", sha256="h", content=b"", src_lang="en", tgt_lang="zh"
        )
        pairs = [Pair("shared", "Jincheng is a city in Shanxi.", "晋城是陕西的一个城市。")]
        pairs += [Pair(f"{w}{i}", f"Sentence {i}.", f"第{i}句。") for w in WORKERS for i in range(OWN_PAIRS)]
        ids = s.add_pairs(doc, pairs)
        for pid in ids:
            s.add_finding(pid, Finding("places", "Terminology", Severity.MAJOR, "m"), refresh=False)
        s.refresh_risk(document_id=doc)
    own = {w: ids[1 + k * OWN_PAIRS : 1 + (k + 1) * OWN_PAIRS] for k, w in enumerate(WORKERS)}
    return own, ids[0]


def _worker(db: Path | str, name: str, own: list[int], shared: int, barrier: Any, out: Any) -> None:
    """One reviewer's stream of decisions; sends back what it saw saved and refused."""
    log: dict[str, Any] = {"saves": [], "status": {}, "finding": {}, "shared_ok": [], "shared_conflicts": [],
                           "errors": [], "decisions": 0}
    try:
        with ReviewSession.open(db, name) as s:
            fids = {pid: s.pair(pid).findings[0].id for pid in own}
            barrier.wait(timeout=30)
            start = time.perf_counter()
            for i, pid in enumerate(own):
                seen = s.pair(shared).version  # read now, save after the other decisions: a window
                text = f"{name}改{i}"
                log["saves"].append((pid, text, s.save_correction(pid, text, s.pair(pid).version)))
                if i % 3 == 0:
                    s.flag(pid)
                    log["status"][pid] = "flagged"
                else:
                    s.approve(pid)
                    log["status"][pid] = "approved"
                (s.dismiss if i % 2 else s.confirm)(fids[pid])
                log["finding"][fids[pid]] = "dismissed" if i % 2 else "confirmed"
                mine = f"{name}共{i}"
                try:
                    log["shared_ok"].append((mine, s.save_correction(shared, mine, seen)))
                except ConflictError as e:
                    log["shared_conflicts"].append((mine, e.theirs, e.version))  # type: ignore[attr-defined]
                log["decisions"] += 4
                time.sleep(PAUSE_S)
            log["seconds"] = time.perf_counter() - start
            log["retries"] = s.store.retries
    except Exception as e:  # noqa: BLE001 - reported to the parent, which fails the test
        log["errors"].append(f"{type(e).__name__}: {e}")
    out.put((name, log))


def test_two_processes_save_hundreds_of_decisions_each(new_db) -> None:
    db = new_db()
    own, shared = _build(db)
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(len(WORKERS)), ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(db, w, own[w], shared, barrier, out)) for w in WORKERS]
    t0 = time.perf_counter()
    for p in procs:
        p.start()
    logs = dict(out.get(timeout=120) for _ in procs)
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    wall = time.perf_counter() - t0

    errors = [e for log in logs.values() for e in log["errors"]]
    assert errors == []  # in particular no "database is locked", no deadlock
    with ReviewSession.open(db, "check") as s:
        assert s.store.integrity_problems() == []
        for w, log in logs.items():
            for pid, text, version in log["saves"]:
                assert [(c.text, c.reviewer) for c in s.history(pid)] == [(text, w)]
                view = s.pair(pid)
                assert (view.current_target, view.version) == (text, version) == (text, 1)
                assert view.status == log["status"][pid]
                assert s.state(pid).actor == w
            for fid, status in log["finding"].items():
                stored = s.store.finding(fid)
                assert (stored.status, stored.actor) == (status, w)
        # the shared pair: every save reported as done is there once, in each worker's order;
        # no refused text is; the version counts exactly the saves
        history = s.history(shared)
        done = {w: [t for t, _ in log["shared_ok"]] for w, log in logs.items()}
        for w in WORKERS:
            assert [c.text for c in history if c.reviewer == w] == done[w]
        assert len(history) == sum(len(d) for d in done.values()) == s.pair(shared).version
        refused = {t for log in logs.values() for t, _, _ in log["shared_conflicts"]}
        assert not refused & {c.text for c in history}  # a refused edit overwrote nothing
        # each conflict is the other worker saving between a read and a write: the streams
        # really interleaved (one after the other would give none). How many depends on the
        # scheduler (8 to 188 seen on a loaded 2-core machine), so only "some" is asserted.
        assert len(refused) >= 1
        versions = sorted(v for log in logs.values() for _, v in log["shared_ok"])
        assert versions == list(range(1, len(history) + 1))  # no two saves claimed one version
        assert s.pair(shared).current_target == history[-1].text
        turns = sum(1 for a, b in zip(history, history[1:], strict=False) if a.reviewer != b.reviewer)

    decisions = sum(log["decisions"] for log in logs.values())
    busiest = max(log["seconds"] for log in logs.values())
    print(
        f"\n[{s.store.backend}] {decisions} decisions by {len(WORKERS)} processes in {busiest:.2f} s "
        f"({decisions / busiest:.0f}/s; {wall:.2f} s with start-up); retries "
        f"{ {w: log['retries'] for w, log in logs.items()} }; shared pair: {len(history)} saved, "
        f"{len(refused)} refused as conflicts; the writer changed {turns} times"
    )


# --- the bounded wait: retry with backoff, then a clear error ------------------------------


def _hold_write_lock(
    db: Path | str, seconds: float, held: threading.Event, done: threading.Event | None = None
) -> threading.Thread:
    """A thread that holds the project's write lock for ``seconds``. ``done`` is set as its
    last act *inside* the transaction: nobody else can write before it is set."""

    def run() -> None:
        with Store.open(db) as s, s.atomic():
            s.set_meta("holder", "yes")
            held.set()
            time.sleep(seconds)
            if done is not None:
                done.set()

    t = threading.Thread(target=run)
    t.start()
    return t


def test_a_writer_waits_out_a_long_transaction_by_retrying(new_db, monkeypatch: pytest.MonkeyPatch) -> None:
    db = new_db()
    Store.open(db).close()
    monkeypatch.setattr(backend, "BUSY_TIMEOUT_MS", 50)  # the database gives up after 50 ms...
    held, done = threading.Event(), threading.Event()
    holder = _hold_write_lock(db, 0.8, held, done)
    try:
        assert held.wait(10)
        with Store.open(db) as s:
            assert not done.is_set()
            s.set_meta("waiter", "yes")  # ...and the store retries until the holder commits
            assert done.is_set()  # it really waited for the holder
            assert s.retries >= 2
    finally:
        holder.join()
    with Store.open(db) as s:
        assert (s.get_meta("holder"), s.get_meta("waiter")) == ("yes", "yes")


def test_a_writer_gives_up_with_a_clear_error_after_the_retry_budget(
    new_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = new_db()
    Store.open(db).close()
    monkeypatch.setattr(backend, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(backend, "WRITE_RETRY_SECONDS", 0.3)
    held = threading.Event()
    holder = _hold_write_lock(db, 1.5, held)
    try:
        assert held.wait(10)
        with Store.open(db) as s:
            with pytest.raises(StoreError) as e:
                s.set_meta("waiter", "yes")
            assert "busy: another process has been writing" in str(e.value)
            assert "database is locked" not in str(e.value) and "\n" not in str(e.value)
            assert s.retries >= 1
            s.get_meta("holder")  # the store is still usable for reading
    finally:
        holder.join()
    with Store.open(db) as s:
        assert (s.get_meta("holder"), s.get_meta("waiter")) == ("yes", None)
        s.set_meta("waiter", "later")  # and for writing once the holder is done
        assert s.get_meta("waiter") == "later"


def test_two_projects_do_not_share_a_write_lock(new_db, monkeypatch: pytest.MonkeyPatch) -> None:
    """On PostgreSQL the lock is per project (database and schema), not per server."""
    one, two = new_db("one.db"), new_db("two.db")
    Store.open(one).close()
    monkeypatch.setattr(backend, "BUSY_TIMEOUT_MS", 50)
    held, done = threading.Event(), threading.Event()
    holder = _hold_write_lock(one, 2.0, held, done)
    try:
        assert held.wait(10)
        with Store.open(two) as s:
            s.set_meta("free", "yes")
            assert s.retries == 0 and not done.is_set()  # written while the other was held
    finally:
        holder.join()


# --- several processes opening one new project at once -----------------------------------


def _open_and_write(db: Path | str, name: str, barrier: Any, out: Any) -> None:
    try:
        barrier.wait(timeout=30)
        with Store.open(db) as s:
            s.set_meta(name, "here")
            out.put((name, s.schema_version, None))
    except Exception as e:  # noqa: BLE001 - reported to the parent
        out.put((name, None, f"{type(e).__name__}: {e}"))


def test_processes_creating_one_project_at_once_migrate_it_once(new_db) -> None:
    """Each opener re-reads the schema version under the write lock, so the second one does
    not run CREATE TABLE again on a project the first has just made."""
    db = new_db("fresh.db")
    names = ["w1", "w2", "w3"]
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(len(names)), ctx.Queue()
    procs = [ctx.Process(target=_open_and_write, args=(db, n, barrier, out)) for n in names]
    for p in procs:
        p.start()
    results = sorted(out.get(timeout=120) for _ in procs)
    for p in procs:
        p.join(timeout=30)
    assert results == [(n, schema.SCHEMA_VERSION, None) for n in names]
    with Store.open(db) as s:
        assert [s.get_meta(n) for n in names] == ["here"] * 3
        assert s.integrity_problems() == []


# --- a process killed in the middle of an import --------------------------------------------

_IMPORTER = """
import sys
from pathlib import Path
from transreview.project import import_inputs
db, folder = sys.argv[1], Path(sys.argv[2])
print("ready", flush=True)
for i in range(1000):
    import_inputs(inputs=[folder / f"d{i % 50}.tsv"], db=db, reviewer="k", check_names=["places"])
    print("imported", i, flush=True)
"""


def test_sigkill_during_imports_leaves_whole_documents_only(new_db, tmp_path: Path) -> None:
    """Each document is one transaction: after a kill at a random moment every document the
    importer reported is there with all its pairs, and no document is there in part."""
    import os
    import random as rnd
    import signal
    import subprocess
    import sys

    db = new_db()
    Store.open(db).close()
    rows = 400
    for i in range(50):
        lines = ["id\tsource\ttarget"] + [
            f"r{j}\tJincheng {i}-{j} is a city in Shanxi.\t晋城{i}-{j}是陕西的一个城市。" for j in range(rows)
        ]
        (tmp_path / f"d{i}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    script = tmp_path / "importer.py"
    script.write_text(_IMPORTER)
    src = Path(__file__).resolve().parents[2] / "src"
    proc = subprocess.Popen(
        [sys.executable, str(script), str(db), str(tmp_path)],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(src)},
    )
    reported = []
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        while len(reported) < 2:
            line = proc.stdout.readline()
            assert line, "importer died early"
            reported.append(int(line.split()[1]))
        time.sleep(rnd.uniform(0.0, 0.4))  # somewhere inside a later document
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # what it printed before it died but we had not read yet was reported too
        reported += [int(line.split()[1]) for line in proc.stdout.read().splitlines()]
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with Store.open(db) as s:
        assert s.integrity_problems() == []
        docs = s.documents()
        names = [d.name for d in docs]
        assert names[: len(reported)] == [f"d{i}.tsv" for i in reported]
        assert len(docs) <= len(reported) + 1  # at most the one in flight also committed
        for d in docs:
            assert s.count_pairs(d.id) == rows  # whole, never in part
            assert s.queue_count(QueueFilter(document_id=d.id, min_severity=Severity.CRITICAL)) == rows
        s.set_meta("after", "kill")  # and writable again


# --- the second connection a long read in another thread uses (Store.reader) --------------


def test_the_reader_counts_the_latest_commit_beside_the_store_and_closes_with_it(new_db) -> None:
    """SQLite: a read-only connection of its own, with its own lock, so a count scanning in
    another thread does not hold the store's reads; it sees what the store committed since
    it opened. PostgreSQL: the store itself (one connection, as before)."""
    db = new_db()
    _build(db)
    shanxi = QueueFilter(text="陕西")
    with Store.open(db) as s:
        reader = s.reader()
        assert s.reader() is reader  # opened once
        if s.backend == "postgresql":
            assert reader is s
            return
        assert reader is not s and reader._lock is not s._lock and reader.read_only
        assert reader.queue_count(shanxi) == s.queue_count(shanxi) == 1
        with s.atomic():  # committed after the reader opened: the reader sees it
            doc = s.documents()[0].id
            s.add_pairs(doc, [Pair("more", "Xi'an is in Shaanxi.", "西安在陕西。")])
        assert reader.queue_count(shanxi) == 2
        with reader._lock:  # the reader busy in another thread: the store still reads
            done = threading.Event()
            thread = threading.Thread(target=lambda: (s.queue_count(shanxi), done.set()))
            thread.start()
            assert done.wait(timeout=30)
            thread.join()
        with pytest.raises(StoreError):
            with reader.atomic():  # it never writes
                pass
    assert s.reader() is s  # closed: no reader is opened again
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):  # closed with the store
        reader.queue_count(shanxi)


def test_a_project_the_reader_cannot_open_reads_through_the_store(tmp_path: Path, monkeypatch) -> None:
    from transreview.store import db as store_db

    db = tmp_path / "p.db"
    _build(db)
    with Store.open(db) as s:
        tries: list[Path] = []

        def refuse(path: Path) -> sqlite3.Connection:
            tries.append(path)
            raise sqlite3.OperationalError("unable to open database file")

        monkeypatch.setattr(store_db, "connect_reader", refuse)
        assert s.reader() is s and s.reader() is s
        assert tries == [db]  # tried once, not at every count
        assert s.queue_count(QueueFilter(text="陕西")) == 1


def test_an_interrupted_read_raises_interrupted_and_the_reader_reads_on(tmp_path: Path) -> None:
    """``interrupt`` from another thread stops the reader's statement with Interrupted, not a
    StoreError the UI would show, and nothing retries it; the next statement is not stopped
    (SQLite forgets an interrupt once no statement runs)."""
    from transreview.errors import Interrupted

    db = tmp_path / "p.db"
    _build(db)
    with Store.open(db) as s:
        reader = s.reader()
        assert reader is not s
        error = stopped(lambda: reader._scalar(FOREVER), reader.interrupt)
        assert isinstance(error, Interrupted) and not isinstance(error, StoreError), error
        assert reader.retries == 0
        reader.interrupt()  # nothing runs: no effect on what comes next
        assert reader.queue_count(QueueFilter(text="陕西")) == 1
        # a page stopped while its rows are fetched: the same
        error = stopped(lambda: reader._all(FOREVER.replace("count(*)", "x")), reader.interrupt)
        assert isinstance(error, Interrupted), error
        assert reader.queue_count(QueueFilter()) == 1 + 2 * OWN_PAIRS
    reader.interrupt()  # closed: nothing to stop, no error


def test_the_write_generation_moves_with_each_write_transaction_only(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    own, _ = _build(db)
    with Store.open(db) as s:
        before = s.write_generation
        s.queue_count(QueueFilter(text="陕西"))
        s.queue(QueueFilter(), "position", 0, 10)
        assert s.write_generation == before  # reads
        with s.atomic():
            s.set_status(own["ana"][0], "approved", "alice")
            with s.atomic():  # a savepoint: the same transaction
                s.set_status(own["ana"][1], "approved", "alice")
        assert s.write_generation == before + 1
        s.set_status(own["ana"][2], "flagged", "alice")  # a write in a transaction of its own
        assert s.write_generation == before + 2
        with pytest.raises(RuntimeError), s.atomic():  # rolled back: counted too (it may have written)
            s.set_status(own["ana"][3], "approved", "alice")
            raise RuntimeError("no")
        assert s.write_generation == before + 3


def _slow_reader_counts(monkeypatch: pytest.MonkeyPatch, s: ReviewSession, sql: dict[str, Any]) -> threading.Event:
    """The reader's counts run ``sql["sql"]`` instead (the store's own count is too quick
    to be caught running), after waiting for ``sql["gate"]`` (an event) if there is one;
    the event returned is set from inside the statement (SQLite's progress handler), so
    an interrupt sent after it has a statement to stop."""
    reader = s.store.reader()
    assert reader is not s.store
    started = threading.Event()
    reader._conn.set_progress_handler(lambda: started.set() or 0, 1000)
    real = Store.queue_count

    def queue_count(self: Store, flt: QueueFilter) -> int:
        if self is reader:
            if "gate" in sql:
                sql["entered"].set()
                assert sql["gate"].wait(timeout=30)
            return int(self._scalar(sql["sql"]))
        return real(self, flt)

    monkeypatch.setattr(Store, "queue_count", queue_count)
    return started


def test_a_stopped_read_aside_is_interrupted_and_a_stop_never_hits_another_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review UI stops a search's count the reviewer typed on, on the connection where
    enter's count runs too: a stop interrupts only its own read."""
    from transreview.errors import Interrupted

    db = tmp_path / "p.db"
    _build(db)
    with ReviewSession.open(db, "alice") as s:
        assert s.reads_aside
        sql: dict[str, Any] = {"sql": FOREVER}
        started = _slow_reader_counts(monkeypatch, s, sql)
        # running until stopped
        stale = s.aside_read()
        error = stopped(lambda: stale.queue_count(QueueFilter()), stale.stop, begun=started)
        assert isinstance(error, Interrupted) and started.is_set()
        # stopped before it started: nothing is read
        started.clear()
        late = s.aside_read()
        assert not late.stop_if_waiting() and not late.stopped  # nothing to wait for: not stopped
        late.stop()
        with pytest.raises(Interrupted):
            late.queue_count(QueueFilter())
        assert not started.is_set()
        # a count that is not stoppable (enter's, queue_count(aside=True)) while stale reads
        # are stopped, again and again: none reaches the connection
        interrupts: list[Store] = []
        real_interrupt = Store.interrupt
        monkeypatch.setattr(Store, "interrupt", lambda self: (interrupts.append(self), real_interrupt(self)))
        sql["sql"] = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000)"
                      " SELECT count(*) FROM c")
        counted: list[int] = []
        thread = threading.Thread(target=lambda: counted.append(s.queue_count(QueueFilter(), aside=True)))
        thread.start()
        assert started.wait(timeout=30)
        waiting = s.aside_read()
        while thread.is_alive():
            stale.stop()
            late.stop()
            s.aside_read().stop()
            thread.join(timeout=0.001)
        assert counted == [1_000_000] and interrupts == []
        # a read not started yet is stopped if it would wait behind a read not being stopped
        assert waiting.stop_if_waiting() is False and not waiting.stopped  # nothing runs now
        sql.update(gate=threading.Event(), entered=threading.Event())
        thread = threading.Thread(target=lambda: counted.append(s.queue_count(QueueFilter(), aside=True)))
        thread.start()
        assert sql["entered"].wait(timeout=30)  # its turn taken, held at the gate
        assert waiting.stop_if_waiting() and waiting.stopped
        sql["gate"].set()
        thread.join(timeout=30)
        assert counted == [1_000_000] * 2 and interrupts == []
        with pytest.raises(Interrupted):
            waiting.queue_count(QueueFilter())


def test_closing_the_session_stops_a_read_aside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Quitting the review UI while a count runs closes at once, not after the scan."""
    from transreview.errors import Interrupted

    db = tmp_path / "p.db"
    _build(db)
    s = ReviewSession.open(db, "alice")
    # long, not endless: a close that waited for it fails, not hangs
    started = _slow_reader_counts(monkeypatch, s, {"sql": LONG})
    raised: list[BaseException] = []

    def count() -> None:
        try:
            s.queue_count(QueueFilter(), aside=True)
        except BaseException as e:  # noqa: BLE001 - handed to the test
            raised.append(e)

    thread = threading.Thread(target=count, daemon=True)
    thread.start()
    assert started.wait(timeout=30)
    t0 = time.monotonic()
    s.close()
    assert time.monotonic() - t0 < 5
    thread.join(timeout=30)
    assert not thread.is_alive() and len(raised) == 1 and isinstance(raised[0], Interrupted)
    with pytest.raises(Interrupted):  # closed: nothing more is read aside
        s.queue_count(QueueFilter(), aside=True)


def test_the_session_counts_its_writes_not_its_reads(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    own, _ = _build(db)
    with ReviewSession.open(db, "alice") as s:
        before = s.writes
        s.queue_count(QueueFilter(text="Sentence"), aside=True)
        s.queue_page(0, 10, filters=QueueFilter(text="Sentence"))
        s.pair(own["ana"][0])
        assert s.writes == before
        s.save_correction(own["ana"][0], "第零句。", s.pair(own["ana"][0]).version)
        assert s.writes > before


def test_the_session_sees_another_connections_commits_in_its_writes(tmp_path: Path) -> None:
    """Another reviewer's commit moves ``writes`` too (SQLite's data_version), so a search
    read ahead before it is not shown as current; reads of either move nothing."""
    db = tmp_path / "p.db"
    own, _ = _build(db)
    with ReviewSession.open(db, "alice") as s, ReviewSession.open(db, "bob") as bob:
        before = s.writes
        bob.queue_count(QueueFilter(text="Sentence"))
        assert s.writes == before
        pid = own["ana"][0]
        bob.save_correction(pid, "第零句。", bob.pair(pid).version)
        after = s.writes
        assert after != before and after[0] == before[0]  # not alice's own write count
