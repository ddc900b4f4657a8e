"""The pipeline: order, chunks, processes, spill to disk, corpus-level merge, failures, scores.

Fake checks (below) keep these tests independent of the real checks, which change.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import pytest

from transreview.checks.base import Check, CorpusCheck
from transreview.errors import InputError, TransreviewError
from transreview.model import Finding, Pair, PairResult, Severity
from transreview.pipeline import Shard, run_checks, run_checks_indexed
from transreview.results import (
    CheckFailure,
    RunStats,
    pack_pair,
    pack_result,
    unpack_pair,
    unpack_result,
)
from transreview.spool import Spool
from transreview.text.analysis import PairAnalysis


class DigitCheck(Check):
    """One finding per ASCII digit '7' in the target (spanned)."""

    name: ClassVar[str] = "sevens"
    version: ClassVar[int] = 1
    category: ClassVar[str] = "Accuracy/Mistranslation"
    severity: ClassVar[Severity] = Severity.MAJOR

    def measure(self, pair: Pair, analysis: PairAnalysis) -> list[int]:
        return [i for i, ch in enumerate(pair.target) if ch == "7"]

    def judge(self, pair: Pair, raw: list[int]) -> list[Finding]:
        return [self.finding(pair, "a seven", start=i, end=i + 1) for i in raw]


class BoomCheck(Check):
    """Raises on any pair whose source contains 'boom'."""

    name: ClassVar[str] = "boom"
    version: ClassVar[int] = 1
    category: ClassVar[str] = "Fluency"
    severity: ClassVar[Severity] = Severity.MINOR

    def measure(self, pair: Pair, analysis: PairAnalysis) -> bool:
        if "boom" in pair.source:
            raise ZeroDivisionError("kaboom")
        return False

    def judge(self, pair: Pair, raw: bool) -> list[Finding]:
        return []


class UserErrorCheck(Check):
    name: ClassVar[str] = "usererr"
    version: ClassVar[int] = 1
    category: ClassVar[str] = "Terminology"
    severity: ClassVar[Severity] = Severity.MAJOR

    def measure(self, pair: Pair, analysis: PairAnalysis) -> None:
        raise InputError("glossary.csv", 3, "bad row")

    def judge(self, pair: Pair, raw: None) -> list[Finding]:
        return []


class DupCheck(CorpusCheck):
    """Corpus-level: a source seen before gets a whole-pair finding naming the first id.

    Uses random access into ``pairs`` (like consistency) and iterates it (like omission).
    """

    name: ClassVar[str] = "dup"
    version: ClassVar[int] = 1
    category: ClassVar[str] = "Fluency/Inconsistency"
    severity: ClassVar[Severity] = Severity.MINOR

    def measure(self, pair: Pair, analysis: PairAnalysis) -> str:
        if "crash-measure" in pair.source:
            raise ValueError("cannot measure")
        return pair.source

    def judge_corpus(self, pairs: Sequence[Pair], raws: Sequence[Any]) -> list[list[Finding]]:
        assert len(pairs) == len(raws)
        assert [p.source for p in pairs] == list(raws)  # iteration, in order
        first: dict[str, int] = {}
        out: list[list[Finding]] = []
        for i, raw in enumerate(raws):
            j = first.setdefault(raw, i)
            out.append([] if j == i else [self.finding(pairs[i], f"repeats {pairs[j].id}")])
        return out


class BrokenCorpusCheck(CorpusCheck):
    name: ClassVar[str] = "brokencorpus"
    version: ClassVar[int] = 1
    category: ClassVar[str] = "Fluency"
    severity: ClassVar[Severity] = Severity.MINOR

    def measure(self, pair: Pair, analysis: PairAnalysis) -> int:
        return 1

    def judge_corpus(self, pairs: Sequence[Pair], raws: Sequence[Any]) -> list[list[Finding]]:
        raise KeyError("oops")


def make_pairs(n: int) -> list[Pair]:
    """Pair i: source 's{i % 5}' (so sources repeat every 5), target with i's digits."""
    return [Pair(f"p{i}", f"s{i % 5}", f"t{i}", doc="d.tsv", index=i, line=i + 2) for i in range(n)]


def ids(results: list[PairResult]) -> list[str]:
    return [r.pair.id for r in results]


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("chunk_size", [1, 7, 1000])
def test_every_pair_in_input_order_with_its_findings(jobs: int, chunk_size: int) -> None:
    pairs = make_pairs(40)
    out = list(run_checks(pairs, [DigitCheck()], jobs=jobs, chunk_size=chunk_size))
    assert ids(out) == [f"p{i}" for i in range(40)]
    # sevens: t7, t17, t27, t37 have one '7'; t70+ are not in range
    flagged = {r.pair.id: [(f.start, f.text) for f in r.findings] for r in out if r.findings}
    assert flagged == {"p7": [(1, "7")], "p17": [(2, "7")], "p27": [(2, "7")], "p37": [(2, "7")]}


@pytest.mark.parametrize("memory_items", [1, 4096])
@pytest.mark.parametrize("jobs", [1, 2])
def test_corpus_level_findings_are_merged(jobs: int, memory_items: int) -> None:
    pairs = make_pairs(12)
    out = list(run_checks(pairs, [DupCheck(), DigitCheck()], jobs=jobs, chunk_size=5, memory_items=memory_items))
    assert ids(out) == [f"p{i}" for i in range(12)]
    dup = {r.pair.id: [f.message for f in r.findings if f.check == "dup"] for r in out}
    # sources repeat every 5: p5..p9 repeat p0..p4, p10, p11 repeat p0, p1
    assert dup["p0"] == [] and dup["p4"] == []
    assert dup["p5"] == ["repeats p0"]
    assert dup["p9"] == ["repeats p4"]
    assert dup["p11"] == ["repeats p1"]
    # findings keep the order of the check list: dup before sevens in p7 (t7 has a 7)
    assert [f.check for f in out[7].findings] == ["dup", "sevens"]


def test_jobs_two_gives_the_same_results_as_jobs_one() -> None:
    pairs = make_pairs(300)
    checks: list[Check] = [DigitCheck(), DupCheck()]
    one = list(run_checks(pairs, checks, jobs=1, chunk_size=16))
    two = list(run_checks(pairs, checks, jobs=2, chunk_size=16, memory_items=10))
    assert one == two
    assert sum(len(r.findings) for r in one) > 0


def test_jobs_zero_means_every_core() -> None:
    out = list(run_checks(make_pairs(10), [DigitCheck()], jobs=0, chunk_size=3))
    assert ids(out) == [f"p{i}" for i in range(10)]
    assert [f.text for f in out[7].findings] == ["7"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_crashing_check_becomes_a_failure_and_the_run_goes_on(jobs: int) -> None:
    pairs = make_pairs(10)
    pairs[7] = Pair("p7", "boom", "t7", doc="d.tsv", index=7, line=9)
    stats = RunStats()
    seen: list[CheckFailure] = []
    out = list(run_checks(pairs, [BoomCheck(), DigitCheck()], jobs=jobs, chunk_size=4, stats=stats, on_error=seen.append))
    assert len(out) == 10
    assert [f.text for f in out[7].findings] == ["7"]  # the other check still ran on p7
    assert seen == stats.failures
    assert [(f.check, f.pair_id, f.doc, f.line) for f in seen] == [("boom", "p7", "d.tsv", 9)]
    assert str(seen[0]) == "check 'boom' failed on pair p7 (d.tsv:9): ZeroDivisionError: kaboom"


def test_a_corpus_check_that_cannot_measure_a_pair_is_judged_without_it() -> None:
    pairs = make_pairs(10)
    pairs[5] = Pair("p5", "crash-measure", "t5", doc="d.tsv", index=5)
    stats = RunStats()
    out = list(run_checks(pairs, [DupCheck()], stats=stats, chunk_size=3, memory_items=2))
    assert [(f.check, f.pair_id) for f in stats.failures] == [("dup", "p5")]
    dup = {r.pair.id: [f.message for f in r.findings] for r in out}
    assert dup["p5"] == []
    assert dup["p6"] == ["repeats p1"] and dup["p9"] == ["repeats p4"]


def test_a_corpus_check_whose_judge_crashes_is_one_failure() -> None:
    stats = RunStats()
    out = list(run_checks(make_pairs(6), [BrokenCorpusCheck(), DigitCheck()], stats=stats))
    assert len(out) == 6
    assert [(f.check, f.pair_id) for f in stats.failures] == [("brokencorpus", "*")]
    assert "KeyError" in str(stats.failures[0]) and "the corpus" in str(stats.failures[0])


def test_without_a_callback_or_stats_a_failure_is_one_stderr_line(capsys: pytest.CaptureFixture[str]) -> None:
    pairs = [Pair("x1", "boom", "t")]
    out = list(run_checks(pairs, [BoomCheck()]))
    assert len(out) == 1
    err = capsys.readouterr().err
    assert err.strip() == "transreview: warning: check 'boom' failed on pair x1: ZeroDivisionError: kaboom"


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_user_error_inside_a_check_stops_the_run(jobs: int) -> None:
    with pytest.raises(TransreviewError, match=r"glossary.csv:3: bad row"):
        list(run_checks(make_pairs(5), [UserErrorCheck()], jobs=jobs))


def test_reading_errors_propagate() -> None:
    def bad_stream():
        yield Pair("a", "s", "t")
        raise InputError("in.tsv", 4, "unclosed quote")

    with pytest.raises(InputError, match="in.tsv:4"):
        list(run_checks(bad_stream(), [DigitCheck()]))


@pytest.mark.parametrize("jobs", [1, 2])
def test_scores_only_for_pairs_with_a_reference(jobs: int) -> None:
    pairs = [
        Pair("a", "Jincheng is a city in Shanxi.", "晋城是山西的一个城市。", reference="晋城是山西的一个城市。"),
        Pair("b", "x", "晋城是陕西的一个城市。", reference="晋城是山西的一个城市。"),
        Pair("c", "no reference", "没有参考"),
    ]
    stats = RunStats()
    out = list(run_checks(pairs, [], jobs=jobs, stats=stats))
    assert out[0].scores["bleu"] == pytest.approx(100.0)
    assert out[0].scores["chrf"] == pytest.approx(100.0)
    assert out[0].scores["ter"] == pytest.approx(0.0)
    # NOTES.md: this canonical error still scores BLEU 70.2, chrF 60.6
    assert out[1].scores["bleu"] == pytest.approx(70.2, abs=0.05)
    assert out[1].scores["chrf"] == pytest.approx(60.6, abs=0.05)
    assert out[2].scores == {}
    assert stats.pairs == 3 and stats.scored_pairs == 2
    assert 60.6 < stats.corpus_scores()["chrf"] < 100


def test_scores_can_be_turned_off() -> None:
    pairs = [Pair("a", "x", "好", reference="好")]
    assert list(run_checks(pairs, [], scores=False))[0].scores == {}


def test_progress_is_reported_per_chunk() -> None:
    seen: list[int] = []
    list(run_checks(make_pairs(10), [DigitCheck()], chunk_size=4, on_progress=seen.append))
    assert seen == [4, 8, 10]


@pytest.mark.parametrize("limit", [0, 3, 100])
def test_spool_reads_back_in_order_and_by_index(limit: int) -> None:
    with Spool[tuple](limit) as sp:
        for i in range(10):
            sp.append((i, "x" * i))
        assert len(sp) == 10
        assert sp.spilled == (limit < 10)
        assert list(sp) == [(i, "x" * i) for i in range(10)]
        assert sp[7] == (7, "xxxxxxx")
        # random access in the middle of an iteration does not disturb it
        it = iter(sp)
        assert next(it) == (0, "")
        assert sp[9] == (9, "x" * 9)
        assert next(it) == (1, "x")
        assert list(sp) == [(i, "x" * i) for i in range(10)]  # re-iterable


def test_packing_round_trips_pairs_and_results() -> None:
    p = Pair("id1", "src", "tgt", doc="d", index=3, line=4, reference="ref", src_lang="zh", tgt_lang="en",
             meta={"extra": {"note": "n"}})
    assert unpack_pair(pack_pair(p)) == p
    assert unpack_pair(pack_pair(p)).meta == {"extra": {"note": "n"}}
    f = Finding.at("c", "Terminology", Severity.CRITICAL, "m", side="target", text_of_side="tgt", start=0, end=2,
                   suggestion="s")
    r = PairResult(p, (f, Finding("c", "Fluency", Severity.MINOR, "whole")), {"bleu": 1.0})
    back = unpack_result(pack_result(r))
    assert back == r and back.findings[0].severity is Severity.CRITICAL


def test_alignment_round_trip_shares_equal_spans_and_beads() -> None:
    """Unpacked alignments equal what was packed; spans and beads are shared frozen values,
    so two pairs' equal beads are one object (what makes unpacking cheap)."""
    from transreview.model import Bead, SentenceAlignment, Span
    from transreview.results import pack_alignment, unpack_alignment

    a = SentenceAlignment((Span(0, 5), Span(6, 9)), (Span(0, 4),), (Bead((0, 1), (0,)),))
    b = SentenceAlignment((Span(0, 5),), (Span(0, 4), Span(4, 8)), (Bead((0,), (0,)), Bead((), (1,))))
    back_a, back_b = unpack_alignment(pack_alignment(a)), unpack_alignment(pack_alignment(b))
    assert (back_a, back_b) == (a, b)
    assert back_a is not None and back_b is not None
    assert back_a.src_spans[0] is back_b.src_spans[0]  # Span(0, 5), once
    assert back_a.src_spans[1] == Span(6, 9) and back_b.beads[1] == Bead((), (1,))
    assert unpack_alignment(None) is None


class PidCheck(Check):
    """A whole-pair finding naming the process that measured the pair."""

    name: ClassVar[str] = "pid"
    version: ClassVar[int] = 1
    category: ClassVar[str] = "Fluency"
    severity: ClassVar[Severity] = Severity.MINOR

    def measure(self, pair: Pair, analysis: PairAnalysis) -> int:
        return os.getpid()

    def judge(self, pair: Pair, raw: int) -> list[Finding]:
        return [self.finding(pair, str(raw))]


@pytest.mark.parametrize("n,chunk_size,in_workers", [(5, 10, False), (10, 10, False), (11, 10, True), (40, 4, True)])
def test_worker_processes_only_when_there_is_more_than_one_chunk(n: int, chunk_size: int, in_workers: bool) -> None:
    """One chunk or less: this process checks it. More: a worker checks some (the first
    chunks go to it), and this process may check others while it waits."""
    out = list(run_checks(make_pairs(n), [PidCheck()], jobs=2, chunk_size=chunk_size))
    pids = {int(r.findings[0].message) for r in out}
    assert bool(pids - {os.getpid()}) == in_workers
    assert len(pids - {os.getpid()}) <= 1  # --jobs 2: one worker besides this process
    assert len(out) == n



@pytest.mark.parametrize("n", [20, 30])
def test_the_last_chunk_is_checked_by_this_process(n: int) -> None:
    """--jobs 2 (one worker): the input's last chunk is never handed out, so two chunks are
    checked side by side (handed out, both sat in the worker's queue) and no future of the
    pool is ever cancelled to take one back."""
    out = list(run_checks(make_pairs(n), [PidCheck()], jobs=2, chunk_size=10))
    assert {int(r.findings[0].message) for r in out[-10:]} == {os.getpid()}
    assert {int(r.findings[0].message) for r in out[:10]} != {os.getpid()}


def test_no_future_of_the_pool_is_cancelled_during_a_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from concurrent.futures import Future

    cancelled: list[bool] = []
    real = Future.cancel

    def cancel(self: Future) -> bool:  # type: ignore[type-arg]
        cancelled.append(real(self))
        return cancelled[-1]

    monkeypatch.setattr(Future, "cancel", cancel)
    out = list(run_checks(make_pairs(200), [PidCheck()], jobs=3, chunk_size=5))
    assert len(out) == 200 and not any(cancelled)


# --------------------------------------------------------------------------- issue 6: scale


def test_a_reopenable_source_is_read_once_and_gives_what_an_iterable_gives() -> None:
    pairs = make_pairs(23)
    opened: list[int] = []

    def source():
        opened.append(1)
        return iter(pairs)

    checks: list[Check] = [DupCheck(), DigitCheck()]
    from_iterable = list(run_checks(iter(pairs), checks, chunk_size=4, memory_items=3))
    from_source = list(run_checks(source, checks, chunk_size=4))
    assert len(opened) == 1  # pass one reads; pass two takes what it read
    assert from_source == from_iterable
    assert [f.message for f in from_source[22].findings] == ["repeats p2"]


def test_without_corpus_checks_a_reopenable_source_is_read_once() -> None:
    opened: list[int] = []

    def source():
        opened.append(1)
        return iter(make_pairs(5))

    assert len(list(run_checks(source, [DigitCheck()]))) == 5
    assert opened == [1]


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("count", [1, 2, 3, 7])
def test_shards_partition_the_run_and_judge_with_whole_corpus_statistics(jobs: int, count: int) -> None:
    pairs = make_pairs(20)
    checks: list[Check] = [DupCheck(), DigitCheck()]
    whole = list(run_checks_indexed(pairs, checks, jobs=jobs, chunk_size=3))
    parts = [list(run_checks_indexed(pairs, checks, jobs=jobs, chunk_size=3, shard=Shard(k, count)))
             for k in range(count)]
    for k, part in enumerate(parts):
        assert [g for g, _ in part] == list(range(k, 20, count))
    assert sorted((g, r) for part in parts for g, r in part) == whole
    # p6 repeats p1: in a shard without p1, the finding still names p1
    shard_of_p6 = dict(parts[6 % count])
    assert [f.message for f in shard_of_p6[6].findings] == ["repeats p1"]


def test_a_shard_reports_only_its_pairs_failures() -> None:
    pairs = make_pairs(10)
    pairs[5] = Pair("p5", "crash-measure", "t5", doc="d.tsv", index=5)
    pairs[4] = Pair("p4", "boom", "t4", doc="d.tsv", index=4)
    seen = {}
    for k in range(2):
        stats = RunStats()
        list(run_checks(pairs, [DupCheck(), BoomCheck()], shard=Shard(k, 2), stats=stats))
        seen[k] = [(f.check, f.pair_id) for f in stats.failures]
    assert seen == {0: [("boom", "p4")], 1: [("dup", "p5")]}


@pytest.mark.parametrize("text,shard", [("1/1", Shard(0, 1)), ("2/3", Shard(1, 3)), ("3/3", Shard(2, 3))])
def test_shard_parse(text: str, shard: Shard) -> None:
    assert Shard.parse(text) == shard
    assert str(shard) == text


@pytest.mark.parametrize("text", ["0/3", "4/3", "1/0", "3", "a/b", "1/-2", ""])
def test_shard_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="I/N"):
        Shard.parse(text)


def test_real_checks_jobs_two_equal_jobs_one_in_input_order() -> None:

    from benchmarks.gen_pairs import generate
    from transreview.checks import build_checks

    pairs = [Pair(i, s, t, doc="g.tsv", index=k, line=k + 2) for k, (i, s, t) in enumerate(generate(500, seed=3))]
    checks = build_checks()
    one = list(run_checks(pairs, checks, jobs=1, chunk_size=64))
    two = list(run_checks(lambda: iter(pairs), checks, jobs=2, chunk_size=64))
    assert [r.pair.id for r in two] == [f"g{k + 1}" for k in range(500)]
    assert two == one
    assert {f.check for r in one for f in r.findings} >= {"omission", "places", "punctuation"}


def test_an_unindexed_spool_reads_back_in_order_only() -> None:
    with Spool[int](2, indexed=False) as sp:
        for i in range(7):
            sp.append(i)
        assert sp.spilled and len(sp) == 7
        assert list(sp) == list(range(7)) and list(sp) == list(range(7))
        with pytest.raises(TypeError):
            sp[3]
        assert len(sp._offsets) == 0  # no per-item memory


def test_corpus_memory_does_not_grow_with_the_number_of_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Peak traced memory of a run with both corpus checks: ~flat from 3,000 to 12,000 pairs.

    Before issue 6 every pair's corpus measurements stayed in memory until the end
    (about 250 bytes a pair: 2.2 MB more for 9,000 more pairs). Pairs here are distinct
    (no consistency flags) and spill early (small SPILL_RECORDS, and a queue of read pairs
    that keeps 256 in memory instead of 4,096), as a large run would.
    """
    import tracemalloc

    from transreview.checks import consistency
    from transreview.checks.consistency import ConsistencyCheck
    from transreview.checks.omission import OmissionCheck

    monkeypatch.setattr(consistency, "SPILL_RECORDS", 512)

    def peak(n: int) -> int:
        def source():
            for i in range(n):
                yield Pair(f"p{i}", f"Sentence number {i} is about the coal mines of Shanxi.",
                           f"第{i}句话讲的是山西的煤矿。", doc="d.tsv", index=i)

        checks: list[Check] = [OmissionCheck(), ConsistencyCheck()]
        tracemalloc.start()
        try:
            for _ in run_checks(source, checks, chunk_size=256, memory_items=256):
                pass
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak(200)  # warm-up: imports, caches
    small, large = peak(3000), peak(12000)
    assert large - small < 9000 * 30, (small, large)  # under 30 bytes per extra pair


class _DyingPool:
    """A chunk executor whose workers 'die' after ``good`` chunks: submitting then raises
    BrokenProcessPool, as a local pool does once a worker was killed (out of memory)."""

    slots = 1

    def __init__(self, good: int) -> None:
        self.good = good

    def submit_chunk(self, specs, scores, packed):  # noqa: ANN001, ANN201 - the protocol's
        from concurrent.futures.process import BrokenProcessPool

        from transreview.workers import process_chunk_with

        if self.good == 0:
            raise BrokenProcessPool("a child process terminated abruptly")
        self.good -= 1

        class Done:
            def result(self) -> Any:
                return process_chunk_with(specs, scores, packed)

        return Done()

    def close(self) -> None:
        pass


def test_a_worker_dying_while_pass_one_hands_out_chunks_is_a_clear_error() -> None:
    """Pass one hands the workers chunks too (its tick): a pool broken meanwhile is the run's
    clear error (exit 2 at the command line), not a traceback of BrokenProcessPool."""
    from transreview.checks import build_checks
    from transreview.pipeline import _chunk_results

    pairs = [(i, Pair(str(i), "Hello world.", "你好世界。")) for i in range(100)]
    ticked: list[bool] = []

    def primed(tick: Callable[[], None]) -> None:
        ticked.append(True)
        tick()  # the pool has room for more: it submits, and the pool is broken

    with pytest.raises(TransreviewError, match="a worker process died"):
        list(_chunk_results(pairs, build_checks(names=["whitespace"]), 2, 10, False,
                            executor=_DyingPool(good=1), primed=primed))
    assert ticked == [True]
