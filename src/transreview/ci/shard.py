"""The shard header: what a ``check --shard I/N`` report carries for ``merge`` besides its pairs.

One typed shape for both ends: the gate writes it (:func:`shard_header`) into the JSON
report's ``shard`` key, and the merge reads it back from there. It holds what cannot be
rebuilt from the pairs: the documents, the gate options every shard must agree on, the
sums behind the corpus BLEU/chrF/TER, and the shard's check failures with the input
position of their pair (``None`` for a failure of the whole corpus).

TypedDicts rather than dataclasses because the header *is* JSON: it is dumped as it is and
loaded back as plain dicts, and the types only name its keys for both sides.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from transreview.ci.report.model import DocInfo
from transreview.metrics import CorpusTotals
from transreview.pipeline import RunStats, Shard

#: Header keys whose values every shard of one run must share (``merge`` compares them).
SAME_RUN_KEYS: tuple[str, ...] = ("count", "pairs_total", "fail_on", "min_chrf")


class ShardDoc(TypedDict):
    """One input document; the languages are None when this shard got none of its pairs."""

    name: str
    path: str
    format: str
    src_lang: str | None
    tgt_lang: str | None


class ShardMetricTotals(TypedDict):
    """The running sums of one :class:`~transreview.metrics.CorpusTotals`."""

    chinese: bool
    count: int
    sums: list[list[float]]


class ShardFailure(TypedDict):
    """A check failure and the input position of its pair (None: a corpus-level check)."""

    seq: int | None
    error: str


class ShardHeader(TypedDict):
    """The ``shard`` key of a shard report (``index`` is 1-based, as on the command line)."""

    index: int
    count: int
    pairs_total: int
    fail_on: str
    min_chrf: float | None
    docs: list[ShardDoc]
    metric_totals: list[ShardMetricTotals]
    failures: list[ShardFailure]


def shard_header(
    shard: Shard,
    *,
    pairs_total: int,
    fail_on: str,
    min_chrf: float | None,
    docs: Sequence[DocInfo],
    stats: RunStats,
    failure_seq: Sequence[int | None],
) -> ShardHeader:
    """The header of one shard's report; ``failure_seq[k]`` is the position of failure k's pair."""
    return {
        "index": shard.index + 1,
        "count": shard.count,
        "pairs_total": pairs_total,
        "fail_on": fail_on,
        "min_chrf": min_chrf,
        "docs": [
            {
                "name": d.name, "path": d.path, "format": d.format,
                "src_lang": d.src_lang if d.pairs else None,
                "tgt_lang": d.tgt_lang if d.pairs else None,
            }
            for d in docs
        ],
        "metric_totals": [
            {"chinese": t.chinese, "count": t.count, "sums": t.sums} for t in stats.metric_totals.values()
        ],
        "failures": [
            {"seq": q, "error": str(f)} for q, f in zip(failure_seq, stats.failures, strict=True)
        ],
    }


def add_metric_totals(stats: RunStats, totals: Sequence[ShardMetricTotals]) -> None:
    """Add one shard's metric sums to ``stats`` (sums of sums: the corpus scores stay exact)."""
    for t in totals:
        acc_totals = stats.metric_totals.setdefault(t["chinese"], CorpusTotals(t["chinese"]))
        for k, part in enumerate(t["sums"]):
            acc = acc_totals.sums[k]
            if not acc:
                acc.extend(part)
            else:
                for i, v in enumerate(part):
                    acc[i] += v
        acc_totals.count += t["count"]


__all__ = [
    "SAME_RUN_KEYS",
    "ShardDoc",
    "ShardFailure",
    "ShardHeader",
    "ShardMetricTotals",
    "add_metric_totals",
    "shard_header",
]
