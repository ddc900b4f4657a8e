"""Run checks over a stream of pairs: in chunks, across processes, in input order, in flat memory.

Shape of a run (``run_checks``):

1. *Pass one.* Pairs are read lazily and cut into chunks (``chunk_size``). Each chunk is
   processed in a worker (``jobs > 1``) or in this process (``jobs == 1``): per-pair checks
   measure and judge, corpus-level checks only measure, and pairs with a ``reference`` get
   their sentence BLEU/chrF/TER plus the sufficient statistics that sum into corpus scores.
   At most ``2 * jobs + 1`` chunks are in flight, so reading never runs far ahead.
2. Without corpus-level checks each result is yielded as soon as its chunk is back:
   nothing is kept. With them, finished results go to a :class:`Spool` (memory for small
   runs, a temporary pickle file beyond ``memory_items``) while the checks' compact
   measurements stay in memory; after the pass each corpus check's ``judge_corpus`` gets a
   lazy sequence of the pairs (read back from the spool on demand) and the measurements.
3. *Pass two* streams the spool back, merging the corpus-level findings into each pair.

Workers are built once (pool initializer): each rebuilds the check objects from their
class and options. The pool forks where the platform can (Linux): workers then share the
already-imported modules and loaded data copy-on-write. Nothing in the parent may run a
thread while the pool starts, which is why the progress bar refreshes by hand.

A check that raises on a pair is a bug in that check, not in the user's input, and one
bad pair must not cost the whole report. Decision: the pair keeps every other check's
findings, the failure becomes a :class:`CheckFailure` (check, pair id, doc, line and the
exception) handed to ``on_error`` and recorded in ``RunStats.failures``; the gate prints
it at the top of the report and fails (a check that could not look at a pair cannot vouch
for it). It is *not* a finding: it would enter the review queue and baselines as if it
were a translation error. A :class:`TransreviewError` raised by a check (an unreadable
glossary, say) is the user's to fix and stops the run like any bad input.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import tempfile
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import IO, Any, Generic, TypeVar, overload

from transreview.checks.base import Check, CheckOptions
from transreview.errors import TransreviewError
from transreview.model import Finding, Pair, PairResult, Severity, is_chinese

DEFAULT_CHUNK = 512
DEFAULT_MEMORY_ITEMS = 16384

T = TypeVar("T")


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class CheckFailure:
    """A check that raised instead of returning findings (``pair_id`` "*" for judge_corpus)."""

    check: str
    pair_id: str
    doc: str
    line: int | None
    error: str

    def __str__(self) -> str:
        where = self.doc + (f":{self.line}" if self.line is not None else "")
        target = "the corpus" if self.pair_id == "*" else f"pair {self.pair_id}"
        return f"check '{self.check}' failed on {target}" + (f" ({where})" if where else "") + f": {self.error}"


@dataclass
class RunStats:
    """What a run learned besides the per-pair results: counts, failures, metric totals.

    Filled in by :func:`run_checks` while it runs; complete once its iterator is exhausted.
    ``metric_totals`` is keyed by "is the target Chinese" (the tokenizer differs).
    """

    pairs: int = 0
    failures: list[CheckFailure] = field(default_factory=list)
    metric_totals: dict[bool, Any] = field(default_factory=dict)

    def corpus_scores(self) -> dict[str, float]:
        """Corpus BLEU/chrF/TER over the pairs that had a reference ({} if none)."""
        totals = [t for t in self.metric_totals.values() if t.count]
        if len(totals) != 1:
            # Mixed target languages cannot share one tokenizer: score the larger group.
            totals.sort(key=lambda t: -t.count)
        return totals[0].scores() if totals else {}

    def metric_signatures(self) -> dict[str, str]:
        totals = sorted((t for t in self.metric_totals.values() if t.count), key=lambda t: -t.count)
        return totals[0].signatures() if totals else {}

    @property
    def scored_pairs(self) -> int:
        return sum(t.count for t in self.metric_totals.values())


# --------------------------------------------------------------------------- packing

# Frozen slotted dataclasses unpickle through dataclasses' generic __setstate__, which
# looks up the fields on every object: a third of a run's time went there. Pairs and
# findings cross process boundaries and spool files as plain tuples instead.


def pack_pair(p: Pair) -> tuple:
    # Spelled out (not a loop over _PAIR_FIELDS): this runs several times per pair.
    return (p.id, p.source, p.target, p.doc, p.index, p.line, p.reference, p.src_lang, p.tgt_lang,
            dict(p.meta) if p.meta else None)


def unpack_pair(t: tuple) -> Pair:
    return Pair(*t[:-1], meta=t[-1] or {})


def pack_finding(f: Finding) -> tuple:
    return (f.check, f.category, int(f.severity), f.message, f.side, f.start, f.end, f.text, f.suggestion)


def unpack_finding(t: tuple) -> Finding:
    return Finding(t[0], t[1], Severity(t[2]), *t[3:])


def pack_result(r: PairResult) -> tuple:
    return pack_pair(r.pair), tuple(pack_finding(f) for f in r.findings), dict(r.scores) or None


def unpack_result(t: tuple) -> PairResult:
    return PairResult(unpack_pair(t[0]), tuple(unpack_finding(f) for f in t[1]), t[2] or {})


# --------------------------------------------------------------------------- spool


class Spool(Generic[T]):
    """An append-only, re-iterable sequence that moves to a temporary file when it grows.

    Small runs stay in memory; past ``memory_items`` every item is pickled to an anonymous
    temporary file (deleted on close) and only an 8-byte offset per item stays in memory.
    Items can be read back in order (any number of times) or by index.
    """

    def __init__(
        self,
        memory_items: int = DEFAULT_MEMORY_ITEMS,
        encode: Callable[[T], Any] | None = None,
        decode: Callable[[Any], T] | None = None,
    ) -> None:
        self._limit = memory_items
        self._encode = encode
        self._decode = decode
        self._items: list[T] | None = []
        self._file: IO[bytes] | None = None
        self._offsets = array("q")
        self._end = 0
        self._moves = 0  # bumped whenever the file position jumps; iterators re-seek then
        self._at_end = True

    def append(self, item: T) -> None:
        if self._items is not None:
            self._items.append(item)
            if len(self._items) > self._limit:
                self._spill()
            return
        self._write(item)

    def _spill(self) -> None:
        assert self._items is not None
        self._file = tempfile.TemporaryFile(prefix="transreview-spool-")
        items, self._items = self._items, None
        for it in items:
            self._write(it)

    def _write(self, item: T) -> None:
        assert self._file is not None
        if not self._at_end:
            self._file.seek(self._end)
            self._at_end = True
            self._moves += 1
        data = pickle.dumps(self._encode(item) if self._encode is not None else item, pickle.HIGHEST_PROTOCOL)
        self._file.write(data)
        self._offsets.append(self._end)
        self._end += len(data)

    @property
    def spilled(self) -> bool:
        return self._file is not None

    def __len__(self) -> int:
        return len(self._items) if self._items is not None else len(self._offsets)

    def __getitem__(self, i: int) -> T:
        if self._items is not None:
            return self._items[i]
        assert self._file is not None
        self._file.seek(self._offsets[i])
        self._at_end = False
        self._moves += 1
        return self._load()

    def _load(self) -> T:
        assert self._file is not None
        data = pickle.load(self._file)
        return self._decode(data) if self._decode is not None else data

    def __iter__(self) -> Iterator[T]:
        if self._items is not None:
            yield from list(self._items)
            return
        assert self._file is not None
        n = len(self._offsets)
        moves = -1
        for k in range(n):
            if moves != self._moves:
                # Another reader (random access, another iterator) moved the handle.
                self._file.seek(self._offsets[k])
                self._at_end = False
                self._moves += 1
                moves = self._moves
            item = self._load()
            yield item

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._items = []
        self._offsets = array("q")

    def __enter__(self) -> Spool[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _PairView(Sequence[Pair]):
    """The pairs of a spool (optionally a subset by index), read on demand, for judge_corpus."""

    def __init__(self, spool: Spool[tuple], indices: Sequence[int] | None = None) -> None:
        self._spool = spool
        self._indices = indices

    def __len__(self) -> int:
        return len(self._spool) if self._indices is None else len(self._indices)

    @overload
    def __getitem__(self, i: int) -> Pair: ...
    @overload
    def __getitem__(self, i: slice) -> list[Pair]: ...
    def __getitem__(self, i: int | slice) -> Pair | list[Pair]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        j = i if self._indices is None else self._indices[i]
        return self._spool[j][0]

    def __iter__(self) -> Iterator[Pair]:
        if self._indices is None:
            for rec in self._spool:
                yield rec[0]
        else:
            wanted = iter(self._indices)
            nxt = next(wanted, None)
            for k, rec in enumerate(self._spool):
                if k == nxt:
                    yield rec[0]
                    nxt = next(wanted, None)


# --------------------------------------------------------------------------- worker side

# One chunk's answer per pair: (findings, corpus raws, scores, metric stats, failures).
_Item = tuple[tuple[Finding, ...], tuple[Any, ...], dict[str, float] | None, Any, tuple[CheckFailure, ...]]
_MISSING = object()  # a corpus check's raw for a pair whose measure raised

_state: dict[str, Any] = {}


def _init_state(specs: Sequence[tuple[type[Check], CheckOptions]], scores: bool) -> None:
    """Build the checks once per process (pool initializer, or inline for jobs=1)."""
    _state["checks"] = [cls(opts) for cls, opts in specs]
    _state["scores"] = scores


def _describe(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return type(e).__name__ + (f": {text[0]}" if text else "")


def _process_pair(checks: Sequence[Check], pair: Pair, scores: bool) -> _Item:
    findings: list[Finding] = []
    raws: list[Any] = []
    failures: list[CheckFailure] = []
    for check in checks:
        try:
            if check.corpus_level:
                raws.append(check.measure(pair))
            else:
                findings.extend(check.run(pair))
        except TransreviewError:
            raise
        except Exception as e:  # noqa: BLE001 - any bug in a check becomes a CheckFailure
            failures.append(CheckFailure(check.name, pair.id, pair.doc, pair.line, _describe(e)))
            if check.corpus_level:
                raws.append(_MISSING)
    pair_scores = stats = None
    if scores and pair.reference:
        from transreview.metrics import scorer_for

        sc = scorer_for(pair.tgt_lang)
        stats = sc.stats(pair.target, pair.reference)
        pair_scores = sc.sentence_scores(stats)
    return tuple(findings), tuple(raws), pair_scores, stats, tuple(failures)


def _process_chunk(packed: list[tuple]) -> list[_Item] | str:
    """Worker entry: the chunk's items (findings packed), or a TransreviewError's message."""
    try:
        out = []
        for t in packed:
            found, raws, sc, st, fails = _process_pair(_state["checks"], unpack_pair(t), _state["scores"])
            out.append((tuple(pack_finding(f) for f in found), raws, sc, st, fails))  # type: ignore[misc]
        return out
    except TransreviewError as e:
        # Custom exception signatures do not survive pickling; the message does.
        return str(e)


# --------------------------------------------------------------------------- parent side


def _chunks(pairs: Iterable[Pair], size: int) -> Iterator[list[Pair]]:
    it = iter(pairs)
    while chunk := list(islice(it, size)):
        yield chunk


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _chunk_results(
    pairs: Iterable[Pair], checks: Sequence[Check], jobs: int, chunk_size: int, scores: bool
) -> Iterator[tuple[list[Pair], list[_Item]]]:
    """Each chunk of pairs with its items, in input order."""
    specs = [(type(c), c.options) for c in checks]
    source = _chunks(pairs, chunk_size)
    first = next(source, None)
    second = next(source, None) if first is not None else None
    source = chain([c for c in (first, second) if c is not None], source)
    if jobs <= 1 or second is None:
        # One chunk or less: starting workers (each loading its dictionaries) costs more
        # than the whole run.
        _init_state(specs, scores)
        local = _state["checks"]
        for chunk in source:
            yield chunk, [_process_pair(local, p, scores) for p in chunk]
        return
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=_context(), initializer=_init_state, initargs=(specs, scores)
    )
    pending: deque[tuple[list[Pair], Future]] = deque()
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < 2 * jobs + 1:
                chunk = next(source, None)
                if chunk is None:
                    exhausted = True
                    break
                pending.append((chunk, pool.submit(_process_chunk, [pack_pair(p) for p in chunk])))
            if not pending:
                break
            chunk, fut = pending.popleft()
            try:
                items = fut.result()
            except BrokenProcessPool:
                raise TransreviewError(
                    "a worker process died (out of memory?); try again with --jobs 1"
                ) from None
            if isinstance(items, str):
                raise TransreviewError(items)
            yield chunk, [
                (tuple(unpack_finding(f) for f in it[0]), *it[1:])  # type: ignore[misc]
                for it in items
            ]
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _report_failure(f: CheckFailure, stats: RunStats | None, on_error: Callable[[CheckFailure], None] | None) -> None:
    if stats is not None:
        stats.failures.append(f)
    if on_error is not None:
        on_error(f)
    elif stats is None:
        print(f"transreview: warning: {f}", file=sys.stderr)


def run_checks(
    pairs: Iterable[Pair],
    checks: list[Check],
    jobs: int = 1,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    scores: bool = True,
    stats: RunStats | None = None,
    on_error: Callable[[CheckFailure], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    memory_items: int = DEFAULT_MEMORY_ITEMS,
) -> Iterator[PairResult]:
    """Every pair with its findings (corpus-level ones included) and scores, in input order.

    ``jobs``: worker processes (0 = every core, 1 = this process). ``scores``: compute
    BLEU/chrF/TER for pairs with a reference. ``stats`` is filled in as the run goes
    (pair count, check failures, metric totals for corpus scores). ``on_error`` receives
    each :class:`CheckFailure` (without it and without ``stats``, one warning line on
    stderr). ``on_progress`` receives the number of pairs done after each chunk.
    Raises :class:`TransreviewError` for bad input met while reading.
    """
    if jobs == 0:
        jobs = os.cpu_count() or 1
    pos = {c.name: k for k, c in enumerate(checks)}
    corpus = [c for c in checks if c.corpus_level]
    done = 0

    def account(pair: Pair, item: _Item) -> None:
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

    chunks = _chunk_results(pairs, checks, jobs, max(1, chunk_size), scores)
    if not corpus:
        for chunk, items in chunks:
            for pair, item in zip(chunk, items, strict=True):
                account(pair, item)
                yield PairResult(pair, item[0], item[2] or {})
            if on_progress is not None:
                on_progress(done)
        return

    with Spool[tuple](memory_items, _pack_record, _unpack_record) as spool:
        raws: list[list[Any]] = [[] for _ in corpus]
        for chunk, items in chunks:
            for pair, item in zip(chunk, items, strict=True):
                account(pair, item)
                spool.append((pair, item[0], item[2]))
                for k, raw in enumerate(item[1]):
                    raws[k].append(raw)
            if on_progress is not None:
                on_progress(done)
        extra = _judge_corpus(corpus, spool, raws, stats, on_error)
        del raws
        for i, (pair, found, pair_scores) in enumerate(spool):
            more = [f for per_check in extra for f in per_check.get(i, ())]
            if more:
                found = tuple(sorted((*found, *more), key=lambda f: pos.get(f.check, len(pos))))
            yield PairResult(pair, found, pair_scores or {})


def _pack_record(rec: tuple) -> tuple:
    return pack_pair(rec[0]), tuple(pack_finding(f) for f in rec[1]), rec[2]


def _unpack_record(t: tuple) -> tuple:
    return unpack_pair(t[0]), tuple(unpack_finding(f) for f in t[1]), t[2]


def _judge_corpus(
    corpus: Sequence[Check],
    spool: Spool[tuple],
    raws: list[list[Any]],
    stats: RunStats | None,
    on_error: Callable[[CheckFailure], None] | None,
) -> list[dict[int, list[Finding]]]:
    """Per corpus check, the findings by pair index (only pairs with findings are kept)."""
    out: list[dict[int, list[Finding]]] = []
    for check, check_raws in zip(corpus, raws, strict=True):
        if not any(r is _MISSING for r in check_raws):
            view, kept, index = _PairView(spool), check_raws, None
        else:
            ok = [i for i, r in enumerate(check_raws) if r is not _MISSING]
            view, kept, index = _PairView(spool, ok), [check_raws[i] for i in ok], ok
        found: dict[int, list[Finding]] = {}
        try:
            per_pair = check.judge_corpus(view, kept)  # type: ignore[attr-defined]
        except TransreviewError:
            raise
        except Exception as e:  # noqa: BLE001 - see the module docstring
            _report_failure(CheckFailure(check.name, "*", "", None, _describe(e)), stats, on_error)
            per_pair = []
        for k, fs in enumerate(per_pair):
            if fs:
                found[k if index is None else index[k]] = list(fs)
        out.append(found)
    return out


__all__ = ["CheckFailure", "RunStats", "Spool", "run_checks"]
