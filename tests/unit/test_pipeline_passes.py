"""The two passes of a run with corpus checks keep the CorpusState contract, whichever runs first.

With an input the run can reopen, pass two starts first (its first chunks go to the workers)
and pass one runs in this process while they work. A recording state shows the contract of
:class:`transreview.checks.base.CorpusState` still holds: every ``add`` (every pair of the
input, every shard) before ``finish``, then ``see`` for every pair of the input in input
order, and each judged pair's ``judge`` right after its own ``see``; with one worker and two,
with and without shards, from a reopenable input and from a plain iterable (spooled).
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
AT_FINISH: list[list[int]] = []  # how far each read had gone when pass one finished


class _Recording(CorpusState):
    def add(self, index: int, pair: Pair, collected: Any) -> None:
        assert collected == len(pair.source)
        if index == 0:
            EVENTS.append(("first add", [len(r) for r in READS]))
        EVENTS.append(("add", index))

    def finish(self) -> None:
        EVENTS.append(("finish",))
        AT_FINISH.append([len(r) for r in READS])

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


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("reopenable", [True, False])
@pytest.mark.parametrize("shard", [None, "2/3"])
def test_the_state_contract_holds(jobs: int, reopenable: bool, shard: str | None) -> None:
    EVENTS.clear()
    pairs = _pairs()
    source: Any = (lambda: iter(pairs)) if reopenable else iter(pairs)
    selected = Shard.parse(shard) if shard else None
    out = list(run_checks_indexed(source, [RecordingCheck()], jobs, shard=selected))
    judged = [g for g in range(N) if selected is None or g in selected]
    assert [g for g, _ in out] == judged
    assert all(len(r.findings) == 1 for _, r in out)
    _contract(EVENTS, judged)


def test_with_workers_pass_one_runs_while_they_have_the_first_chunks() -> None:
    """Reopenable input, two workers: the first read is pass two's, and it has handed out
    chunks (read well past the first chunk) when pass one adds its first pair."""
    EVENTS.clear()
    READS.clear()

    list(run_checks_indexed(_read, [RecordingCheck()], 2))
    assert len(READS) == 2
    (first_add,) = [e[1] for e in EVENTS if e[0] == "first add"]
    assert len(first_add) == 2 and first_add[0] > 512 and first_add[1] == 1
    _contract(EVENTS, list(range(N)))


def test_from_a_plain_iterable_pass_one_runs_first() -> None:
    """A plain iterable cannot be read twice: pass one spools it, so it runs first."""
    EVENTS.clear()
    READS.clear()

    list(run_checks_indexed(_read(), [RecordingCheck()], 2))
    (first_add,) = [e[1] for e in EVENTS if e[0] == "first add"]
    assert first_add == [1]
    _contract(EVENTS, list(range(N)))


def test_pass_one_keeps_the_workers_supplied_within_a_bound() -> None:
    """While pass one runs (nothing is taken back from the workers meanwhile), it hands them
    more chunks as it goes, up to PRIMED_SLOTS_FACTOR times the usual number in flight, and
    no further: with chunks of 10 pairs and two workers (5 in flight), pass two has read 200
    pairs when pass one finishes, not 50, and not the whole input."""
    from transreview import pipeline

    EVENTS.clear()
    READS.clear()
    AT_FINISH.clear()
    list(run_checks_indexed(_read, [RecordingCheck()], 2, chunk_size=10))
    slots = 2 * 2 + 1
    assert AT_FINISH == [[slots * pipeline.PRIMED_SLOTS_FACTOR * 10, N]]
    _contract(EVENTS, list(range(N)))
