"""The two passes of a run with corpus checks keep the CorpusState contract, over one read.

The input is read once: pass two starts first (its first chunks, read and fed to the
statistics as it takes them, go to the workers) and pass one reads the rest in this process
while they work, queuing the pairs for pass two. A recording state shows the contract of
:class:`transreview.checks.base.CorpusState` still holds: every ``add`` (every pair of the
input, every shard) before ``finish``, then ``see`` for every pair of the input in input
order, and each judged pair's ``judge`` right after its own ``see``; with one worker and two,
with and without shards, from a reopenable input and from a plain iterable, with the queue
in memory and spilled to its temporary file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

import pytest

from transreview.checks.base import CorpusCheck, CorpusState
from transreview.model import Finding, Pair, Severity
from transreview.pipeline import Shard, run_checks_indexed
from transreview.text.analysis import PairAnalysis

EVENTS: list[tuple[Any, ...]] = []
READS: list[list[int]] = []  # per read of the input: the positions it has yielded so far
AT_FINISH: list[tuple[list[int], int]] = []  # how far each read had gone, and how many pairs
# had been handed to the checks (HANDED), when pass one finished
HANDED: list[int] = [0]


class _Recording(CorpusState):
    def add(self, index: int, pair: Pair, collected: Any) -> None:
        assert collected == len(pair.source)
        if index == 0:
            EVENTS.append(("first add", [len(r) for r in READS]))
        EVENTS.append(("add", index))

    def finish(self) -> None:
        EVENTS.append(("finish",))
        AT_FINISH.append(([len(r) for r in READS], HANDED[0]))

    def see(self, index: int, pair: Pair) -> None:
        EVENTS.append(("see", index))

    def judge(self, index: int, pair: Pair, raw: Any) -> list[Finding]:
        EVENTS.append(("judge", index))
        return [Finding("recording", "Other", Severity.MINOR, f"judged after {len(EVENTS)} events")]


@dataclass(frozen=True, kw_only=True)
class RecordingCheck(CorpusCheck):
    name: ClassVar[str] = "recording"
    version: ClassVar[int] = 1
    category: ClassVar[str] = "Other"
    severity: ClassVar[Severity] = Severity.MINOR

    def measure(self, pair: Pair, analysis: PairAnalysis) -> int:
        return len(pair.source)

    def corpus_state(self) -> CorpusState:
        return _Recording()


N = 1300  # three chunks of 512 and a part: workers get more than one chunk


def _pairs() -> list[Pair]:
    return [Pair(f"p{i}", "x" * (i % 7 + 1), "甲", index=i) for i in range(N)]


def _read() -> Iterator[Pair]:
    """One read of the input, recorded in READS as it goes."""
    seen: list[int] = []
    READS.append(seen)
    for p in _pairs():
        seen.append(p.index)
        yield p


def _contract(events: list[tuple[Any, ...]], judged: list[int]) -> None:
    events = [e for e in events if e[0] != "first add"]
    adds = [e[1] for e in events if e[0] == "add"]
    assert adds == list(range(N))
    finish = events.index(("finish",))
    assert all(e[0] == "add" for e in events[:finish])
    after = events[finish + 1 :]
    assert [e[1] for e in after if e[0] == "see"] == list(range(N))
    assert [e[1] for e in after if e[0] == "judge"] == judged
    for g in judged:
        k = after.index(("judge", g))
        assert after[k - 1] == ("see", g)


@pytest.fixture
def handed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Count in HANDED the pairs packed for the workers (``pipeline.pack_pair``)."""
    from transreview import pipeline

    real = pipeline.pack_pair
    HANDED[0] = 0

    def counting(p: Pair) -> tuple:
        HANDED[0] += 1
        return real(p)

    monkeypatch.setattr(pipeline, "pack_pair", counting)


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("reopenable", [True, False])
@pytest.mark.parametrize("shard", [None, "2/3"])
@pytest.mark.parametrize("memory_items", [16384, 100])
def test_the_state_contract_holds(jobs: int, reopenable: bool, shard: str | None, memory_items: int) -> None:
    EVENTS.clear()
    READS.clear()
    source: Any = _read if reopenable else _read()
    selected = Shard.parse(shard) if shard else None
    out = list(run_checks_indexed(source, [RecordingCheck()], jobs, shard=selected, memory_items=memory_items))
    assert [len(r) for r in READS] == [N]  # one read
    judged = [g for g in range(N) if selected is None or g in selected]
    assert [g for g, _ in out] == judged
    assert all(len(r.findings) == 1 for _, r in out)
    _contract(EVENTS, judged)


@pytest.mark.usefixtures("handed")
@pytest.mark.parametrize("reopenable", [True, False])
def test_with_workers_the_first_chunks_are_out_before_pass_one_finishes(reopenable: bool) -> None:
    """Two workers, one read: pass two has read the first chunks (and fed them to the
    statistics) and handed them out before pass one finishes the statistics, so the workers
    check while this process reads; the input is read once, from a reopenable source as from
    a plain iterable."""
    EVENTS.clear()
    READS.clear()
    AT_FINISH.clear()

    list(run_checks_indexed(_read if reopenable else _read(), [RecordingCheck()], 2))
    ((reads, handed),) = AT_FINISH
    assert reads == [N]
    assert handed == 1024  # three chunks of 512 (the last 276, kept for this process): two out
    # when pass one finished
    _contract(EVENTS, list(range(N)))


class _Future:
    """A chunk's future that is ``finished`` or not; its result is ``answer``, or raises it
    if it is an exception."""

    def __init__(self, answer: Any, finished: bool = True) -> None:
        self.answer = answer
        self.finished = finished

    def done(self) -> bool:
        return self.finished

    def result(self) -> Any:
        if isinstance(self.answer, BaseException):
            raise self.answer
        return self.answer


class _Executor:
    """A chunk executor that checks each chunk when it is submitted; its futures say they are
    ``finished`` (a worker that is done with the chunk) or not (a worker still busy, until
    the result is asked for): pass one's hand-outs then do not depend on timing."""

    slots = 1

    def __init__(self, finished: bool) -> None:
        self.finished = finished

    def submit_chunk(self, specs, scores, packed):  # noqa: ANN001, ANN201 - the protocol's
        from transreview.workers import process_chunk_with

        return _Future(process_chunk_with(specs, scores, packed), self.finished)

    def close(self) -> None:
        pass


@pytest.mark.usefixtures("handed")
def test_pass_one_hands_out_chunks_within_a_bound_while_the_workers_are_busy() -> None:
    """While pass one runs and no chunk is finished, it hands the workers more chunks as it
    goes, up to PRIMED_SLOTS_FACTOR times the usual number in flight, and no further: with
    chunks of 10 pairs and one slot, the first chunk, then three more at pass one's first
    tick: 40 pairs are out when pass one finishes, not 10, and not the whole input."""
    from transreview import pipeline

    EVENTS.clear()
    READS.clear()
    AT_FINISH.clear()
    out = list(run_checks_indexed(_read, [RecordingCheck()], 2, chunk_size=10, executor=_Executor(finished=False)))
    assert AT_FINISH == [([N], 1 * pipeline.PRIMED_SLOTS_FACTOR * 10)]
    assert [g for g, _ in out] == list(range(N))
    _contract(EVENTS, list(range(N)))


@pytest.mark.usefixtures("handed")
def test_pass_one_takes_finished_chunks_back_so_the_workers_keep_working() -> None:
    """Finished chunks cannot be judged before the statistics are, but they are taken back
    as pass one goes (into a queue that spills), and the workers get new ones in their
    place: at 100,000 pairs a worker of --jobs 2 sat idle 0.7 s waiting for pass one.
    By hand: 11 pairs read for the first chunk (10 and one past it), pass one reads the other
    1,289 and ticks 5 times (every 256); the first tick takes back the one chunk out and hands
    out 4 (the bound), each later tick takes back 4 and hands out 4: 10 + 5 × 40 = 210 pairs.
    The results still come in input order, each judged after pass one."""
    EVENTS.clear()
    READS.clear()
    AT_FINISH.clear()
    out = list(run_checks_indexed(_read, [RecordingCheck()], 2, chunk_size=10, executor=_Executor(finished=True)))
    assert AT_FINISH == [([N], 210)]
    assert [g for g, _ in out] == list(range(N))
    assert all(len(r.findings) == 1 for _, r in out)
    _contract(EVENTS, list(range(N)))


@pytest.mark.parametrize("read_ahead", [10, 25, 4096])
def test_chunks_taken_back_during_pass_one_wait_in_a_queue_that_spills(
    monkeypatch: pytest.MonkeyPatch, read_ahead: int
) -> None:
    """The chunks taken back wait in a SpillQueue of READ_AHEAD_ITEMS pairs' worth of chunks
    (one chunk, two, or all of them here): what comes out is the same, in input order."""
    from transreview import pipeline

    monkeypatch.setattr(pipeline, "READ_AHEAD_ITEMS", read_ahead)
    spilled: list[bool] = []
    real = pipeline.SpillQueue

    class Watched(real):  # type: ignore[misc, valid-type]
        def close(self) -> None:
            spilled.append(self.spilled)
            super().close()

    monkeypatch.setattr(pipeline, "SpillQueue", Watched)
    EVENTS.clear()
    READS.clear()
    out = list(run_checks_indexed(_read, [RecordingCheck()], 2, chunk_size=10, executor=_Executor(finished=True)))
    assert [(g, r.pair.id) for g, r in out] == [(g, f"p{g}") for g in range(N)]
    assert [r.pair.source for _, r in out] == [p.source for p in _pairs()]
    _contract(EVENTS, list(range(N)))
    # two queues: the read-ahead of pairs (spills past READ_AHEAD_ITEMS, its memory_items
    # is the default here) and the chunks taken back (spill past READ_AHEAD_ITEMS // 10)
    assert sorted(spilled) == sorted([False, read_ahead < 170])


def test_the_last_chunks_are_cut_smaller_once_what_is_left_is_known() -> None:
    """Full chunks while the count is unknown; then a quarter of what is left (two workers),
    never below TAIL_CHUNK (64), so the workers' last chunks end close together."""
    from transreview.pipeline import _chunks

    items = list(range(3024))
    taken = [0]
    known_after = 1024  # the input is read to its end once the first two chunks are out

    def left() -> int | None:
        return len(items) - taken[0] if taken[0] >= known_after else None

    sizes = []
    for chunk, last in _chunks(items, 512, left, processes=2):
        assert chunk == items[taken[0] : taken[0] + len(chunk)]
        taken[0] += len(chunk)
        sizes.append(len(chunk))
        assert last == (taken[0] == len(items))
    # 2000 left: 500, then 1500 → 375, 1125 → 282, 843 → 211, 632 → 158, 474 → 119,
    # 355 → 89, 266 → 67, then 199, 135 and 71 → 64 each, and the last 7
    assert sizes == [512, 512, 500, 375, 282, 211, 158, 119, 89, 67, 64, 64, 64, 7]


def test_without_a_count_chunks_stay_whole() -> None:
    from transreview.pipeline import _chunks

    assert [(len(c), last) for c, last in _chunks(range(1100), 512)] == [(512, False), (512, False), (76, True)]
    assert [(len(c), last) for c, last in _chunks(range(1024), 512)] == [(512, False), (512, True)]
    assert list(_chunks([], 512)) == []


def test_a_chunk_is_known_the_last_by_reading_one_pair_past_it() -> None:
    """Not a whole chunk ahead: the first chunk can go to a worker (which forks it) after
    513 pairs have been read, and the rest is read while the worker checks."""
    from transreview.pipeline import _chunks

    read = [0]

    def pairs():
        for i in range(1100):
            read[0] += 1
            yield i

    seen = []
    for chunk, last in _chunks(pairs(), 512):
        seen.append((len(chunk), last, read[0]))
    assert seen == [(512, False, 513), (512, False, 1025), (76, True, 1100)]


def test_a_worker_dying_found_while_pass_one_takes_chunks_back_is_a_clear_error() -> None:
    """A finished future whose pool broke (a worker killed, out of memory) is the run's clear
    error when pass one takes it back, not a traceback of BrokenProcessPool."""
    from concurrent.futures.process import BrokenProcessPool

    from transreview.errors import TransreviewError
    from transreview.pipeline import WORKER_DIED

    class Broken(_Executor):
        def submit_chunk(self, specs, scores, packed):  # noqa: ANN001, ANN201 - the protocol's
            return _Future(BrokenProcessPool("a child process terminated abruptly"))

    with pytest.raises(TransreviewError, match="a worker process died"):
        list(run_checks_indexed(_read, [RecordingCheck()], 2, chunk_size=10, executor=Broken(finished=True)))
    assert WORKER_DIED.startswith("a worker process died")


def test_a_message_from_a_worker_taken_back_during_pass_one_stops_the_run_at_its_turn() -> None:
    """A worker's message (an error that is the user's to fix, an unreadable glossary say)
    taken back during pass one waits in the queue like a result and stops the run when its
    chunk's turn comes: the chunks before it are still yielded."""
    from transreview.errors import TransreviewError

    class Failing(_Executor):
        def __init__(self) -> None:
            super().__init__(finished=True)
            self.n = 0

        def submit_chunk(self, specs, scores, packed):  # noqa: ANN001, ANN201 - the protocol's
            self.n += 1
            if self.n == 3:
                return _Future("cannot read the glossary")
            return super().submit_chunk(specs, scores, packed)

    got: list[int] = []
    with pytest.raises(TransreviewError, match="cannot read the glossary"):
        for g, _ in run_checks_indexed(_read, [RecordingCheck()], 2, chunk_size=10, executor=Failing()):
            got.append(g)
    assert got == list(range(20))  # the first two chunks of 10


@pytest.mark.parametrize("shard", [None, "2/3"])
@pytest.mark.parametrize("read_ahead", [10, 4096])
def test_the_state_contract_holds_when_chunks_are_taken_back_during_pass_one(
    monkeypatch: pytest.MonkeyPatch, shard: str | None, read_ahead: int
) -> None:
    """Chunks taken back during pass one (every one, at each tick: the executor's futures are
    finished) keep the contract, with and without shards, with the queue of chunks taken
    back in memory and spilled."""
    from transreview import pipeline

    monkeypatch.setattr(pipeline, "READ_AHEAD_ITEMS", read_ahead)
    EVENTS.clear()
    READS.clear()
    selected = Shard.parse(shard) if shard else None
    out = list(run_checks_indexed(_read, [RecordingCheck()], 2, chunk_size=10, shard=selected,
                                  memory_items=100, executor=_Executor(finished=True)))
    judged = [g for g in range(N) if selected is None or g in selected]
    assert [g for g, _ in out] == judged
    assert [len(r) for r in READS] == [N]
    _contract(EVENTS, judged)


def test_pass_one_hands_out_no_more_chunks_once_a_worker_answered_with_an_error() -> None:
    """Every worker refuses (an unreadable glossary, say): pass one takes the first refusal
    back and stops handing out chunks, rather than sending the whole input out to be refused
    (by hand: the first chunk, taken back at the first tick; nothing more is submitted)."""
    from transreview.errors import TransreviewError

    class Refusing(_Executor):
        def __init__(self) -> None:
            super().__init__(finished=True)
            self.submitted = 0

        def submit_chunk(self, specs, scores, packed):  # noqa: ANN001, ANN201 - the protocol's
            self.submitted += 1
            return _Future("cannot read the glossary")

    executor = Refusing()
    with pytest.raises(TransreviewError, match="cannot read the glossary"):
        list(run_checks_indexed(_read, [RecordingCheck()], 2, chunk_size=10, executor=executor))
    assert executor.submitted == 1
