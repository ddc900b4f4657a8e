"""Running a quality-estimation backend over pairs: the cache, the findings, the scores.

One loop for every backend and both front doors (``transreview qe PROJECT`` and
``check --qe``): pairs are taken in batches; each pair's answer is looked up in the cache by
its content hash (backend, model, prompt version, languages, both texts) and only the
misses are sent to the backend; good answers (and kept malformed ones) are cached, failed
ones are not, so a re-run costs nothing but retries what failed. Each answer becomes
findings of check ``qe`` (:mod:`transreview.qe.findings`) and a segment score.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from transreview.model import Finding, Pair
from transreview.qe import QEAnswer, QEBackend, QESegment
from transreview.qe.findings import answer_findings

BATCH = 64  # pairs per round: enough for an LLM's concurrency and a COMET batch


class AnswerCache(Protocol):
    """Where answers are kept (a project's ``qe_cache`` table: ``Store`` has these)."""

    def qe_cached(self, keys: Sequence[str]) -> dict[str, str]: ...

    def put_qe_answers(self, rows: Iterable[tuple[str, str, str, str, str]]) -> None: ...


@dataclass(frozen=True, slots=True)
class Estimate:
    """One pair's outcome: the caller's tag for it (a project's pair id, an input
    position), the answer, whether it came from the cache, its findings."""

    tag: object
    pair: Pair
    answer: QEAnswer
    cached: bool
    findings: tuple[Finding, ...]


@dataclass
class EstimateStats:
    """Counts of a run, for its summary line."""

    signature: str
    pairs: int = 0
    cached: int = 0
    asked: int = 0
    failed: int = 0
    notices: list[tuple[str, str]] = field(default_factory=list)  # (pair id, notice)
    findings: int = 0
    usage: Mapping[str, int] = field(default_factory=dict)
    score_sum: float = 0.0
    scored: int = 0

    @property
    def mean_score(self) -> float | None:
        """The mean normalised score of the pairs that got one (None: none did)."""
        return self.score_sum / self.scored if self.scored else None

    def __str__(self) -> str:
        parts = [
            f"{self.signature}: {self.pairs} pair{'s' if self.pairs != 1 else ''}",
            f"{self.cached} from the cache",
            f"{self.asked} asked",
            f"{self.failed} failed",
            f"{len(self.notices)} with a notice",
            f"{self.findings} finding{'s' if self.findings != 1 else ''}",
        ]
        line = ", ".join(parts)
        if self.mean_score is not None:
            line += f", mean score {self.mean_score:.3f}"
        tokens = {k: v for k, v in self.usage.items() if k.endswith("_tokens")}
        if tokens:
            line += "; tokens: " + ", ".join(f"{k.removesuffix('_tokens')} {v}" for k, v in sorted(tokens.items()))
        return line


def segment_of(pair: Pair) -> QESegment:
    return QESegment(source=pair.source, target=pair.target, src_lang=pair.src_lang, tgt_lang=pair.tgt_lang)


def estimate(
    backend: QEBackend,
    items: Iterable[tuple[object, Pair]],
    *,
    cache: AnswerCache | None = None,
    batch: int = BATCH,
    stats: EstimateStats | None = None,
) -> Iterator[Estimate]:
    """The estimate of every ``(tag, pair)``, in input order (see the module's rules). A
    pair with an empty side is not sent (there is nothing to estimate) and gets none."""
    stats = stats if stats is not None else EstimateStats(backend.signature)
    chunk: list[tuple[object, Pair]] = []
    for tag, pair in items:
        if not pair.source.strip() or not pair.target.strip():
            continue
        chunk.append((tag, pair))
        if len(chunk) >= batch:
            yield from _round(backend, chunk, cache, stats)
            chunk = []
    if chunk:
        yield from _round(backend, chunk, cache, stats)
    stats.usage = dict(backend.usage)


def _round(
    backend: QEBackend, chunk: list[tuple[object, Pair]], cache: AnswerCache | None, stats: EstimateStats
) -> Iterator[Estimate]:
    segments = [segment_of(p) for _, p in chunk]
    keys = [backend.cache_key(s) for s in segments]
    hits = cache.qe_cached(keys) if cache is not None else {}
    answers: dict[str, QEAnswer] = {k: QEAnswer.from_json(hits[k]) for k in keys if k in hits}
    missing = list(dict.fromkeys(k for k in keys if k not in answers))
    if missing:
        by_key = {k: s for k, s in zip(keys, segments, strict=True)}
        fresh = backend.estimate([by_key[k] for k in missing])
        stats.asked += len(missing)
        answers.update(zip(missing, fresh, strict=True))
        if cache is not None:
            cache.put_qe_answers(
                (k, backend.name, backend.model, backend.version, answers[k].to_json())
                for k in missing
                if not answers[k].failed
            )
    for (tag, pair), key in zip(chunk, keys, strict=True):
        answer = answers[key]
        cached = key in hits
        stats.pairs += 1
        stats.cached += int(cached)
        stats.failed += int(answer.failed)
        if answer.score is not None:
            stats.scored += 1
            stats.score_sum += answer.score
        if answer.notice:
            stats.notices.append((pair.id, answer.notice))
        found = tuple(answer_findings(pair, answer, backend=backend.name, model=backend.model))
        stats.findings += len(found)
        yield Estimate(tag, pair, answer, cached, found)


def run_qe(
    db: str | Path,
    backend: QEBackend,
    *,
    on_progress: Callable[[int], None] | None = None,
) -> EstimateStats:
    """``transreview qe PROJECT``: estimate every pair of the project, cache the answers and
    store each pair's score and ``qe`` findings (a failed answer leaves the pair's earlier
    score and findings as they were)."""
    from transreview.project import open_project

    stats = EstimateStats(backend.signature)
    with open_project(db) as store:

        def pairs() -> Iterator[tuple[object, Pair]]:
            for doc in store.documents():
                yield from store.iter_pairs(doc.id)

        done = 0
        batch: list[Estimate] = []

        def write() -> None:
            # One transaction per batch: a commit per pair (synchronous=FULL) cost more
            # than the requests of a local model.
            with store.atomic():
                for est in batch:
                    assert isinstance(est.tag, int)
                    store.set_qe_result(
                        est.tag,
                        backend=backend.name,
                        model=backend.model,
                        version=backend.version,
                        score=est.answer.score,
                        native=est.answer.native,
                        notice=est.answer.notice,
                        findings=est.findings,
                    )
            batch.clear()

        for est in estimate(backend, pairs(), cache=store, stats=stats):
            done += 1
            if on_progress is not None:
                on_progress(done)
            if not est.answer.failed:
                batch.append(est)
            if len(batch) >= BATCH:
                write()
        write()
    return stats
