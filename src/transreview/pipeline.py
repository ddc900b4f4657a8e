"""Run checks over a stream of pairs: in chunks, across processes, in input order, in flat memory.

Shape of a run (``run_checks``):

* *Without corpus-level checks*, pairs are read lazily and cut into chunks
  (``chunk_size``), each processed by a worker or this process (``jobs > 1``: see below),
  in this process (``jobs == 1``) or on a Dask cluster (an ``executor``); at most
  ``2 * workers + 1`` chunks are in flight (and up to four times as many checked here wait
  for them), so
  reading never runs far ahead, and results are yielded in input order as soon as their
  chunk is back. Nothing is kept.
* *With corpus-level checks* (omission's length statistics, consistency) the input is
  still read once. Pass one calls each check's cheap ``collect`` on every pair and feeds a
  :class:`~transreview.checks.base.CorpusState` that keeps compact statistics only (a
  histogram of length ratios; hashes spilled to bucket files). Pass two is the chunked run
  above, and each result gets its corpus-level findings from the states in the parent as
  it comes back. The pairs pass one has read wait for pass two in a
  :class:`~transreview.spool.SpillQueue` (in memory, then in batches in a temporary file), so
  memory stays flat as N grows, and no per-pair measurement is kept. Pass two starts first:
  its first chunks (read, and fed to the statistics, as it takes them) go to the workers,
  then this process runs pass one over the rest while they work (only judging waits for
  the statistics), which takes pass one off the critical path of a run with workers. As
  pass one goes, it takes back the chunks the workers have finished (they wait, in input
  order, in another spilling queue) and hands out new ones, so no worker waits for it.
  Reading once matters beyond the time saved: an XML input is parsed once, and the input
  is the same for both passes by construction. Each state sees every pair in input order,
  as its result comes back.
* ``shard`` (``--shard I/N``) checks and reports only the pairs at positions ``I mod N``;
  pass one still runs over the whole input, so every shard judges with the same corpus
  statistics as a single run, and merging the shards' reports gives the single run's.

``jobs`` is how many processes check pairs: ``jobs - 1`` workers and this process, which
checks a chunk itself whenever the next result is not back yet (and, at the end of the
input, checks its last chunk, which is never handed out: a future of the pool is never cancelled
while the pool runs, see :func:`_chunk_results`). On N cores, N workers plus a parent
reading, judging and writing were N + 1 processes competing for N cores, every chunk
pickled both ways; now this process's own work fills the gaps between results, and the
chunks it checks cross no process boundary. Results are still yielded in input order, and
chunks checked here wait (bounded) for the workers' chunks before them.

Workers (:mod:`transreview.workers`) are built once (pool initializer): each rebuilds the
check objects from their class and parameters. The pool forks where the platform can (Linux): workers then share the
already-imported modules and loaded data copy-on-write. Nothing in the parent may run a
thread while the pool starts, which is why the progress bar refreshes by hand.

A check that raises on a pair is a bug in that check, not in the user's input, and one
bad pair must not cost the whole report. Decision: the pair keeps every other check's
findings, the failure becomes a :class:`~transreview.results.CheckFailure` (check, pair id, doc, line and the
exception) handed to ``on_error`` and recorded in ``RunStats.failures``; the gate prints
it at the top of the report and fails (a check that could not look at a pair cannot vouch
for it). It is *not* a finding: it would enter the review queue and baselines as if it
were a translation error. A :class:`TransreviewError` raised by a check (an unreadable
glossary, say) is the user's to fix and stops the run like any bad input.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from itertools import chain, islice
from typing import Any, Protocol, TypeVar

from transreview import startup
from transreview.checks.base import BaseCheck, CheckSpec, CorpusCheck, CorpusState
from transreview.errors import TransreviewError
from transreview.model import Finding, Pair, PairResult, SentenceAlignment, is_chinese
from transreview.results import (
    CheckFailure,
    RunStats,
    describe_error,
    pack_pair,
    unpack_alignment,
    unpack_finding,
    unpack_pair,
)
from transreview.spool import SpillQueue
from transreview.text.analysis import PairAnalysis
from transreview.text.segment import project_tokenizer
from transreview.unitstate import unit_verdict, untranslated_unit
from transreview.workers import (
    ALIGN_FAILED,
    MISSING,
    Item,
    init_worker,
    process_chunk,
    process_pair,
    worker_checks,
    worker_tokenizer,
)

DEFAULT_CHUNK = 512
#: While pass one runs in the parent, up to this many times the usual chunks in flight (with
#: --jobs 2, 12 chunks of 512 pairs, a second of a worker's work): finished ones are taken
#: back at each tick and replaced, so the workers stay busy through a pass one of any
#: length, and the bound keeps memory flat.
PRIMED_SLOTS_FACTOR = 4
#: Pass one calls its ``tick`` (more chunks for the workers) every this many pairs.
PASS_ONE_TICK = 256
#: The smallest chunk the end of a run is cut into (see :func:`_chunks`).
TAIL_CHUNK = 64
#: Pairs read ahead for the checks kept in memory (some 5 MB); the rest wait in a temporary
#: file, a few microseconds a pair to write and read back.
READ_AHEAD_ITEMS = 4096
WORKER_DIED = "a worker process died (out of memory?); try again with --jobs 1"

T = TypeVar("T")


# --------------------------------------------------------------------------- parent side


def _nothing() -> None:
    pass


_END: Any = object()  # the end of an iterator, read one item ahead


def _chunks(pairs: Iterable[T], size: int, left: Callable[[], int | None] = lambda: None,
            processes: int = 1) -> Iterator[tuple[list[T], bool]]:
    """``pairs`` in chunks of ``size``, each with whether it is the input's last; smaller
    chunks at the end once ``left()`` knows how many pairs are left (None while it does not).

    The end of a run with workers waits for its slowest worker: with chunks of 512 pairs
    (some 70 ms of checks each) one worker could still be checking its last chunk while the
    others have nothing left. Once the count of what is left is known (the whole input has
    been read for the corpus statistics), each chunk takes at most a ``2 × processes``-th of
    it (the processes that check), down to :data:`TAIL_CHUNK` pairs, so the last chunks are
    short and end together.

    Whether a chunk is the last is known by reading one pair past it, not a whole chunk:
    the first chunk goes to a worker (and the worker is forked) once 513 pairs have been
    read, not 1,024 (some 10 ms sooner, in a start both processes otherwise wait for)."""
    it = iter(pairs)
    following = next(it, _END)
    while following is not _END:
        n = size
        remaining = left()
        if remaining is not None:
            n = max(min(TAIL_CHUNK, size), min(size, -(-remaining // (2 * processes))))
        chunk: list[T] = [following, *islice(it, n - 1)]  # type: ignore[list-item]
        following = next(it, _END)
        yield chunk, following is _END


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class ChunkExecutor(Protocol):
    """Where chunks run besides a local process pool (a Dask cluster; tests)."""

    #: How many chunks may be in flight at once.
    slots: int

    def submit_chunk(self, specs: list[CheckSpec], scores: bool, packed: list[tuple]) -> Any:
        """Start one chunk; returns an object whose ``result()`` is
        :func:`transreview.workers.process_chunk_with`'s."""
        ...

    def close(self) -> None: ...


def _chunk_results(
    pairs: Iterable[tuple[int, Pair]],
    checks: Sequence[BaseCheck],
    jobs: int,
    chunk_size: int,
    scores: bool,
    executor: ChunkExecutor | None = None,
    alignments: bool = False,
    primed: Callable[[Callable[[], None]], None] | None = None,
    left: Callable[[], int | None] = lambda: None,
) -> Iterator[tuple[list[tuple[int, Pair]], list[Item]]]:
    """Each chunk of (position, pair) with its items, in input order.

    ``primed`` is called once before the first result is awaited: in a run with workers,
    after the first chunks were handed to them, so that what it does in this process (pass
    one of the corpus checks) overlaps with their work. It receives a function to call now
    and then (pass one: every :data:`PASS_ONE_TICK` pairs), which hands the workers more
    chunks meanwhile. ``left`` gives how many pairs are left to hand out, once known (the
    last chunks are then cut smaller: :func:`_chunks`)."""
    specs = [c.spec() for c in checks]
    source = _chunks(pairs, chunk_size, left, jobs if executor is None else max(1, executor.slots // 2))
    first = next(source, None)
    if first is None:
        return
    source = chain([first], source)
    if executor is None and (jobs <= 1 or first[1]):
        # One chunk or less: starting workers (each loading its dictionaries) costs more
        # than the whole run.
        startup.resume()
        if primed is not None:
            primed(_nothing)
        check_here = _checker(specs, scores, alignments)
        for chunk, _last in source:
            yield chunk, check_here(chunk)
        return
    # With a local pool this process checks chunks too, whenever the next result is not back
    # yet: --jobs N is N processes checking (N - 1 workers and this one), not N workers and
    # this one besides them, competing for the same cores (see the module docstring).
    share = executor is None
    if executor is None:
        if _context().get_start_method() == "fork" and any(c.cuts_words for c in checks):
            project_tokenizer().load()  # shared by the forked workers, not loaded by each
        workers = jobs - 1
        check_here = _checker(specs, scores, alignments)
        startup.resume()  # start-up's objects frozen before the fork (transreview.startup)
        pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=_context(), initializer=init_worker, initargs=(specs, scores, alignments)
        )

        def submit(packed: list[tuple]) -> Any:
            return pool.submit(process_chunk, packed)

        slots = 2 * workers + 1
    else:
        startup.resume()

        def submit(packed: list[tuple]) -> Any:
            return executor.submit_chunk(specs, scores, packed)

        slots = max(1, executor.slots)
    # (chunk, the future of its items or, for a chunk checked here, the items themselves,
    # whether it was checked here), in input order
    pending: deque[tuple[list[tuple[int, Pair]], Any, bool]] = deque()
    # Workers' chunks taken back before their turn to be yielded (while pass one runs, see
    # ``collect``), in input order: they come before everything in ``pending``.
    ready: SpillQueue[tuple[list[tuple[int, Pair]], Any]] = SpillQueue(
        max(1, READ_AHEAD_ITEMS // chunk_size), _pack_ready, _unpack_ready, batch=1
    )
    refused: list[str] = []  # error messages of workers, taken back during pass one
    exhausted = False
    flying = 0  # chunks handed to the workers and not yet taken back
    held = 0  # chunks checked here, waiting for the workers' chunks before them

    def take() -> tuple[list[tuple[int, Pair]] | None, bool]:
        """The next chunk, and whether it is the input's last (with sharing only). The last
        chunk is kept for this process, never handed out: a run of two chunks at --jobs 2
        then checks them side by side (handed out, both went to the one worker's call
        queue), and no future is cancelled to take a chunk back (Python 3.11's pool crashes
        its manager thread when a worker dies with a cancelled future still pending,
        gh-107219, and the other workers are then never stopped)."""
        chunk, last = next(source, (None, True))
        return chunk, share and last

    def top_up(limit: int) -> None:
        """Hand chunks to the workers until ``limit`` are in flight or the input ends."""
        nonlocal exhausted, flying
        while not exhausted and flying < limit:
            upcoming, last = take()
            if upcoming is None:
                exhausted = True
                break
            if share and last:  # this process checks it when it would otherwise wait
                pending.append((upcoming, None, True))
                exhausted = True
                break
            try:
                fut = submit([pack_pair(p) for _, p in upcoming])
            except BrokenProcessPool:  # a worker died before (pass one hands out chunks too)
                raise TransreviewError(WORKER_DIED) from None
            pending.append((upcoming, fut, False))
            flying += 1

    def collect() -> None:
        """Take back the workers' finished chunks at the front of ``pending`` into ``ready``.

        Pass one cannot yield them (judging waits for its statistics), and a pool whose
        chunks are all finished but not taken back sits idle: at 100,000 pairs the worker of
        --jobs 2 waited 0.7 s for pass one to end, at 1,000,000 some 15 s. Taken back as they
        finish, in input order, they wait in a spilling queue (flat memory) and the workers
        get new chunks in their place."""
        nonlocal flying
        while pending and not pending[0][2]:
            fut = pending[0][1]
            done = getattr(fut, "done", None)
            if done is None or not done():
                break
            chunk = pending.popleft()[0]
            flying -= 1
            try:
                items = fut.result()
            except BrokenProcessPool:
                raise TransreviewError(WORKER_DIED) from None
            ready.put((chunk, items))
            if isinstance(items, str):
                refused.append(items)

    def supply(limit: int) -> None:
        """Pass one's tick: take back what is finished, then top the workers up to ``limit``
        (not once a worker has answered with an error: the run stops at its turn, and more
        chunks would only be refused the same way)."""
        collect()
        if not refused:
            top_up(limit)

    def check_kept() -> bool:
        """Check the kept last chunk now, if it waits unchecked."""
        nonlocal held
        if pending and pending[-1][2] and pending[-1][1] is None:
            chunk, _, _ = pending[-1]
            pending[-1] = (chunk, check_here(chunk), True)
            held += 1
            return True
        return False

    try:
        while True:
            top_up(slots)
            if primed is not None:
                # While the parent runs pass one, nothing can be yielded, and the workers
                # would run dry after ``slots`` chunks. So pass one takes back what they
                # have finished as it goes (``supply``) and tops them up, to a bounded
                # PRIMED_SLOTS_FACTOR times as many.
                primed(partial(supply, slots * PRIMED_SLOTS_FACTOR))
                primed = None
            if ready:
                # What pass one took back goes first; meanwhile the workers' next finished
                # chunks are taken back behind it, so that they keep working.
                chunk, items = ready.get()
                yield chunk, _from_worker(items)
                collect()
                continue
            if not pending:
                break
            chunk, fut, here = pending[0]
            if share and not here and not fut.done():
                # The workers have not finished the next chunk: check one here meanwhile,
                # a new one while there are, else one a worker has not started (the end).
                if not exhausted and held < slots * PRIMED_SLOTS_FACTOR:
                    upcoming, last = take()
                    if upcoming is None:
                        exhausted = True
                    else:
                        pending.append((upcoming, check_here(upcoming), True))
                        held += 1
                        exhausted = last
                        continue
                if exhausted and check_kept():
                    continue
            pending.popleft()
            if here:
                if fut is None:  # the kept last chunk, reached before it was checked
                    fut = check_here(chunk)
                else:
                    held -= 1
                yield chunk, fut
                continue
            flying -= 1
            try:
                items = fut.result()
            except BrokenProcessPool:
                raise TransreviewError(WORKER_DIED) from None
            yield chunk, _from_worker(items)
    finally:
        ready.close()
        if executor is None:
            pool.shutdown(wait=True, cancel_futures=True)
        else:
            for _, fut, _here in pending:
                cancel = getattr(fut, "cancel", None)
                if cancel is not None:
                    cancel()


def _from_worker(items: list[tuple] | str) -> list[Item]:
    """A worker's chunk result as items; a worker's message (an error that is the user's to
    fix, such as an unreadable glossary) stops the run."""
    if isinstance(items, str):
        raise TransreviewError(items)
    return [
        (tuple(unpack_finding(f) for f in it[0]), *it[1:])  # type: ignore[misc]
        for it in items
    ]


def _pack_ready(entry: tuple[list[tuple[int, Pair]], Any]) -> tuple:
    return [_pack_read(p) for p in entry[0]], entry[1]


def _unpack_ready(t: tuple) -> tuple[list[tuple[int, Pair]], Any]:
    return [_unpack_read(p) for p in t[0]], t[1]


def _checker(specs: list[CheckSpec], scores: bool, alignments: bool) -> Callable[[list[tuple[int, Pair]]], list[Item]]:
    """Checks chunks in this process, with checks built as a worker builds them."""
    init_worker(specs, scores, alignments)
    local, tokenizer = worker_checks(), worker_tokenizer()

    def check_here(chunk: list[tuple[int, Pair]]) -> list[Item]:
        return [process_pair(local, p, scores, tokenizer, alignments) for _, p in chunk]

    return check_here


def _report_failure(f: CheckFailure, stats: RunStats | None, on_error: Callable[[CheckFailure], None] | None) -> None:
    if stats is not None:
        stats.failures.append(f)
    if on_error is not None:
        on_error(f)
    elif stats is None:
        print(f"transreview: warning: {f}", file=sys.stderr, flush=True)


Source = Iterable[Pair] | Callable[[], Iterable[Pair]]


@dataclass(frozen=True)
class Shard:
    """``--shard I/N``: this run reports the pairs whose input position is ``I`` modulo ``N``.

    Round-robin by position (not contiguous ranges) needs no count of the pairs up front and
    balances shards whatever the order of the input; ``merge`` puts the pairs back in input
    order by their position (``seq``).
    """

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``"2/3"`` → Shard(index=1, count=3): 1-based on the command line."""
        i, sep, n = text.partition("/")
        try:
            k, total = int(i), int(n)
        except ValueError:
            raise ValueError(f"expected I/N such as 1/3, got {text!r}") from None
        if not sep or total < 1 or not 1 <= k <= total:
            raise ValueError(f"expected I/N with 1 <= I <= N, got {text!r}")
        return cls(k - 1, total)

    def __contains__(self, position: int) -> bool:
        return position % self.count == self.index

    def __str__(self) -> str:
        return f"{self.index + 1}/{self.count}"


def run_checks(
    pairs: Source,
    checks: Sequence[BaseCheck],
    jobs: int = 1,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    scores: bool = True,
    stats: RunStats | None = None,
    on_error: Callable[[CheckFailure], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    memory_items: int = READ_AHEAD_ITEMS,
    shard: Shard | None = None,
    executor: ChunkExecutor | None = None,
    alignments: bool = False,
) -> Iterator[PairResult]:
    """Every pair with its findings (corpus-level ones included) and scores, in input order.

    ``jobs``: processes that check (0 = one per core; 1 = this process only; N = N - 1
    workers and this process, which checks chunks while it waits). ``scores``: compute
    BLEU/chrF/TER for pairs with a reference. ``stats`` is filled in as the run goes
    (pair count, check failures, metric totals for corpus scores). ``on_error`` receives
    each :class:`CheckFailure` (without it and without ``stats``, one warning line on
    stderr). ``on_progress`` receives the number of pairs done after each chunk.
    Raises :class:`TransreviewError` for bad input met while reading.

    ``pairs`` is an iterable, or a function returning one (called once, when the run
    starts: the input is read once whatever the checks). ``shard``
    reports only that shard's pairs (corpus statistics still come from every pair);
    ``executor`` runs the chunks somewhere else (a Dask cluster: :mod:`transreview.dask_backend`).
    ``alignments``: each result carries its pair's sentence alignment (what an import stores),
    taken from the same per-pair analysis the checks used, so a pair the omission check
    aligned is not aligned again; a pair the aligner fails on gets none and is counted in
    ``stats.align_failures``. Local runs only (not with an ``executor``).
    """
    for _, result in run_checks_indexed(
        pairs, checks, jobs, chunk_size=chunk_size, scores=scores, stats=stats, on_error=on_error,
        on_progress=on_progress, memory_items=memory_items, shard=shard, executor=executor,
        alignments=alignments,
    ):
        yield result


def run_checks_indexed(
    pairs: Source,
    checks: Sequence[BaseCheck],
    jobs: int = 1,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    scores: bool = True,
    stats: RunStats | None = None,
    on_error: Callable[[CheckFailure], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    memory_items: int = READ_AHEAD_ITEMS,
    shard: Shard | None = None,
    executor: ChunkExecutor | None = None,
    alignments: bool = False,
) -> Iterator[tuple[int, PairResult]]:
    """:func:`run_checks`, each result with its position in the whole input."""
    if alignments and executor is not None:
        raise ValueError("alignments are computed by local runs only (no executor)")
    if jobs == 0:
        jobs = os.cpu_count() or 1
    pos = {c.name: k for k, c in enumerate(checks)}
    corpus = [c for c in checks if isinstance(c, CorpusCheck)]
    done = 0

    def account(pair: Pair, item: Item) -> None:
        nonlocal done
        done += 1
        if stats is not None:
            stats.pairs += 1
            if item[3] is not None:
                from transreview.metrics import CorpusTotals

                zh = is_chinese(pair.tgt_lang)
                stats.metric_totals.setdefault(zh, CorpusTotals(zh)).add(item[3])
        for f in item[4]:
            _report_failure(f, stats, on_error)
        if item[5] is ALIGN_FAILED and stats is not None:
            stats.align_failures += 1

    def aligned(item: Item) -> SentenceAlignment | None:
        return None if item[5] is None or item[5] is ALIGN_FAILED else unpack_alignment(item[5])

    def chunked(
        selected: Iterable[tuple[int, Pair]], primed: Callable[[Callable[[], None]], None] | None = None,
        left: Callable[[], int | None] = lambda: None,
    ) -> Iterator[tuple[list[tuple[int, Pair]], list[Item]]]:
        return _chunk_results(selected, checks, jobs, max(1, chunk_size), scores, executor, alignments, primed, left)

    opened = pairs() if callable(pairs) else pairs  # the one read of the input
    if not corpus:
        for chunk, items in chunked(_select(opened, shard)):
            for (g, pair), item in zip(chunk, items, strict=True):
                account(pair, item)
                yield g, PairResult(pair, _by_unit_state(pair, item[0], pos), item[2] or {},
                                    aligned(item))
            if on_progress is not None:
                on_progress(done)
        return

    reader = enumerate(opened)
    # Pairs read (and collected) but not yet handed to the checks, in input order.
    waiting: SpillQueue[tuple[int, Pair]] = SpillQueue(memory_items, _pack_read, _unpack_read, batch=max(1, chunk_size))
    states: list[CorpusState | None] = [c.corpus_state() for c in corpus]
    collect_failed: dict[tuple[int, int], CheckFailure] = {}
    tokenizer = project_tokenizer()

    def read_one() -> bool:
        """Pass one's step: read the next pair, feed the corpus statistics, queue it for
        the checks. False at the end of the input."""
        item = next(reader, None)
        if item is None:
            return False
        g, pair = item
        analysis = PairAnalysis(pair, tokenizer)
        for ci, check in enumerate(corpus):
            try:
                raw = check.collect(pair, analysis)
            except TransreviewError:
                raise
            except Exception as e:  # noqa: BLE001 - see the module docstring
                if shard is None or g in shard:
                    collect_failed[ci, g] = CheckFailure(check.name, pair.id, pair.doc, pair.line, describe_error(e))
                continue
            states[ci].add(g, pair, raw)  # type: ignore[union-attr]
        waiting.put(item)
        return True

    read_all = False

    def pass_one(tick: Callable[[], None] = _nothing) -> None:
        """Read the rest of the input into the statistics; then they are finished. ``tick``
        is called every :data:`PASS_ONE_TICK` pairs (see :func:`_chunk_results`)."""
        nonlocal read_all
        n = 0
        while read_one():
            n += 1
            if n % PASS_ONE_TICK == 0:
                tick()
        read_all = True
        for ci, state in enumerate(states):
            try:
                state.finish()  # type: ignore[union-attr]
            except TransreviewError:
                raise
            except Exception as e:  # noqa: BLE001 - see the module docstring
                _report_failure(CheckFailure(corpus[ci].name, "*", "", None, describe_error(e)), stats, on_error)
                states[ci] = None

    # Pass two takes the pairs pass one has read, reading on itself when none wait (its
    # first chunks, before pass one runs). Every pair of the input is seen by the states (in
    # input order, each judged pair after its own ``see``) as its result comes back.
    unseen: deque[tuple[int, Pair]] = deque()  # pairs of other shards, read but not yet seen

    def observed() -> Iterator[tuple[int, Pair]]:
        while waiting or read_one():
            g, pair = waiting.get()
            if shard is None or g in shard:
                yield g, pair
            else:
                unseen.append((g, pair))

    def see_until(g: int) -> None:
        while unseen and unseen[0][0] < g:
            gg, other = unseen.popleft()
            for state in states:
                if state is not None:
                    state.see(gg, other)

    try:
        def left() -> int | None:
            """Pairs of this run still waiting for the checks, once the whole input is read."""
            if not read_all:
                return None
            return len(waiting) // shard.count if shard is not None else len(waiting)

        for chunk, items in chunked(observed(), primed=pass_one, left=left):
            for (g, pair), item in zip(chunk, items, strict=True):
                see_until(g)
                for state in states:
                    if state is not None:
                        state.see(g, pair)
                account(pair, item)
                failed_now = {f.check for f in item[4]}
                more: list[Finding] = []
                for ci, (check, state, raw) in enumerate(zip(corpus, states, item[1], strict=True)):
                    if (ci, g) in collect_failed:
                        f = collect_failed.pop((ci, g))
                        if check.name not in failed_now:
                            _report_failure(f, stats, on_error)
                        continue
                    if state is None or raw is MISSING:
                        continue
                    try:
                        more.extend(state.judge(g, pair, raw))
                    except TransreviewError:
                        raise
                    except Exception as e:  # noqa: BLE001 - see the module docstring
                        _report_failure(CheckFailure(check.name, pair.id, pair.doc, pair.line, describe_error(e)), stats, on_error)
                found = item[0]
                if more:
                    found = tuple(sorted((*found, *more), key=lambda f: pos.get(f.check, len(pos))))
                found = _by_unit_state(pair, found, pos)
                yield g, PairResult(pair, found, item[2] or {}, aligned(item))
            if on_progress is not None:
                on_progress(done)
        see_until(sys.maxsize)
    finally:
        waiting.close()


def _pack_read(item: tuple[int, Pair]) -> tuple:
    return item[0], pack_pair(item[1])


def _unpack_read(t: tuple) -> tuple[int, Pair]:
    return t[0], unpack_pair(t[1])


def _by_unit_state(pair: Pair, found: tuple[Finding, ...], checks: Mapping[str, int]) -> tuple[Finding, ...]:
    """What the file says of the unit overrides the checks (see :mod:`transreview.unitstate`);
    its finding is given only when the check that owns it runs."""
    verdict = unit_verdict(pair)
    if verdict is None:
        return found
    owner = "omission" if verdict == "orphan" else "untranslated"
    if verdict == "skip" or owner not in checks:
        return ()
    return (untranslated_unit(pair, verdict),)


def _select(pairs: Iterable[Pair], shard: Shard | None) -> Iterator[tuple[int, Pair]]:
    for g, pair in enumerate(pairs):
        if shard is None or g in shard:
            yield g, pair


__all__ = ["DEFAULT_CHUNK", "ChunkExecutor", "Shard", "run_checks", "run_checks_indexed"]
