"""BLEU, chrF and TER through sacrebleu: metric objects built once, scores with signatures.

Why not ``sacrebleu.sentence_bleu`` per pair: it builds a new metric (and tokenizer) on
every call. Why not ``corpus_score`` at the end: it needs every hypothesis and reference in
memory at once, and the gate streams. So each segment's *sufficient statistics* are taken
once (``_extract_corpus_statistics``); the sentence score is computed from them and they
are summed into a running total, from which the corpus score follows exactly as sacrebleu
computes it (its own ``_aggregate_and_compute`` sums the same lists). The unit tests pin
this against ``sacrebleu.corpus_bleu``/``corpus_chrf``/``corpus_ter`` so that a sacrebleu
upgrade that changes these internals fails loudly instead of drifting.

Tokenisation: ``zh`` (character-level Chinese) for a Chinese target, ``13a`` otherwise. TER
has no tokenizer choice; for Chinese it runs with ``normalized=True, asian_support=True``,
which splits Han characters, else a Chinese sentence would be one "word". Sentence BLEU uses
``effective_order`` (sacrebleu's advice for sentence level); corpus BLEU does not. Every
figure carries sacrebleu's own signature string.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from transreview.model import is_chinese

METRIC_NAMES: tuple[str, ...] = ("bleu", "chrf", "ter")


def installed_version(name: str) -> str:
    """``importlib.metadata.version(name)``, without importing ``importlib.metadata`` in the
    plain case.

    Every ``check`` names sacrebleu's version in its signature, and ``importlib.metadata``
    brings the ``email`` package with it (about 10 ms of a one-pair run). In the plain case
    (the standard finders only; sys.path's first folder that holds a distribution of that
    name holds exactly one, a ``.dist-info`` with a ``METADATA`` file) the answer is that
    file's ``Version`` header, which is what ``importlib.metadata`` reads too; in any other
    case it is asked itself.
    """
    import os
    import re
    import sys

    wanted = re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")
    plain = all(
        getattr(finder, "__name__", None) == "PathFinder"
        for finder in sys.meta_path
        if hasattr(finder, "find_distributions")
    )
    if plain:
        for entry in sys.path:
            folder = entry or "."
            if not os.path.isdir(folder):
                if os.path.exists(folder):
                    break  # a zip file on the path: left to importlib.metadata
                continue
            try:
                children = os.listdir(folder)
            except OSError:
                break
            found = [
                child
                for child in children
                if child.lower().endswith((".dist-info", ".egg-info"))
                and re.sub(r"[-_.]+", "-", child.lower().rpartition(".")[0].partition("-")[0]).replace("-", "_")
                == wanted
            ]
            if not found:
                continue
            if len(found) == 1 and found[0].lower().endswith(".dist-info"):
                try:
                    with open(os.path.join(folder, found[0], "METADATA"), encoding="utf-8") as f:
                        for line in f:
                            line = line.rstrip("\r\n")
                            if not line:
                                break  # the end of the headers
                            if line[:8].lower() == "version:":
                                return line[8:].strip()
                except (OSError, UnicodeDecodeError):
                    pass
            break
    from importlib.metadata import version

    return version(name)


# From the installed distribution rather than ``sacrebleu.__version__``: every report's
# signature names it, and importing sacrebleu (about 60 ms) is left to runs that score.
SACREBLEU_VERSION: str = installed_version("sacrebleu")

# Per-segment statistics: one list of numbers per metric, summable element-wise.
SegmentStats = tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...]]


@dataclass(frozen=True)
class Scorer:
    """The three metrics for one target language, built once per process."""

    chinese: bool
    bleu: Any = field(repr=False)
    bleu_corpus: Any = field(repr=False)
    chrf: Any = field(repr=False)
    ter: Any = field(repr=False)

    def stats(self, hyp: str, ref: str) -> SegmentStats:
        """Sufficient statistics of one hypothesis against one reference."""
        refs = [[ref]]
        return (
            tuple(self.bleu._extract_corpus_statistics([hyp], refs)[0]),
            tuple(self.chrf._extract_corpus_statistics([hyp], refs)[0]),
            tuple(self.ter._extract_corpus_statistics([hyp], refs)[0]),
        )

    def sentence_scores(self, stats: SegmentStats) -> dict[str, float]:
        """Sentence BLEU (effective order), chrF and TER from one segment's statistics."""
        return {
            "bleu": round(self.bleu._aggregate_and_compute([list(stats[0])]).score, 4),
            "chrf": round(self.chrf._aggregate_and_compute([list(stats[1])]).score, 4),
            "ter": round(self.ter._aggregate_and_compute([list(stats[2])]).score, 4),
        }

    def score(self, hyp: str, ref: str) -> dict[str, float]:
        """Sentence scores of one pair: the convenient form of :meth:`stats` + :meth:`sentence_scores`."""
        return self.sentence_scores(self.stats(hyp, ref))

    def signatures(self) -> dict[str, str]:
        """sacrebleu's signature of each corpus-level metric."""
        return {
            "bleu": str(self.bleu_corpus.get_signature()),
            "chrf": str(self.chrf.get_signature()),
            "ter": str(self.ter.get_signature()),
        }


@lru_cache(maxsize=4)
def scorer(chinese: bool) -> Scorer:
    """The process's scorer for a Chinese or a non-Chinese target (built on first use)."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    tok = "zh" if chinese else "13a"
    metrics = {
        "bleu": BLEU(tokenize=tok, effective_order=True),
        "bleu_corpus": BLEU(tokenize=tok),
        "chrf": CHRF(),
        "ter": TER(normalized=chinese, asian_support=chinese),
    }
    for m in metrics.values():
        # sacrebleu learns the reference count from its first corpus call; we always
        # score against exactly one reference, and want the signature before any call.
        m.num_refs = 1
    return Scorer(chinese=chinese, **metrics)


def scorer_for(lang: str) -> Scorer:
    """The scorer for a target language code (``zh``, ``zh-TW``, ``en``, ...)."""
    return scorer(is_chinese(lang))


@dataclass
class CorpusTotals:
    """Running sums of segment statistics: corpus scores without keeping the segments."""

    chinese: bool
    count: int = 0
    sums: list[list[float]] = field(default_factory=lambda: [[], [], []])

    def add(self, stats: SegmentStats) -> None:
        for k, part in enumerate(stats):
            acc = self.sums[k]
            if not acc:
                acc.extend(part)
            else:
                for i, v in enumerate(part):
                    acc[i] += v
        self.count += 1

    def scores(self) -> dict[str, float]:
        """Corpus BLEU, chrF and TER ({} when nothing was added)."""
        if not self.count:
            return {}
        sc = scorer(self.chinese)
        return {
            "bleu": round(sc.bleu_corpus._compute_score_from_stats(list(self.sums[0])).score, 4),
            "chrf": round(sc.chrf._compute_score_from_stats(list(self.sums[1])).score, 4),
            "ter": round(sc.ter._compute_score_from_stats(list(self.sums[2])).score, 4),
        }

    def signatures(self) -> dict[str, str]:
        return scorer(self.chinese).signatures()


def corpus_scores(hyps: Iterable[str], refs: Iterable[str], chinese: bool) -> dict[str, float]:
    """Corpus BLEU/chrF/TER of aligned hypotheses and references (streamed)."""
    totals = CorpusTotals(chinese)
    sc = scorer(chinese)
    for h, r in zip(hyps, refs, strict=True):
        totals.add(sc.stats(h, r))
    return totals.scores()


def format_scores(scores: Mapping[str, float]) -> str:
    """``BLEU 70.2  chrF 60.6  TER 20.0`` for the text report (a QE score, 0 to 1: ``QE 0.76``)."""
    labels = {"bleu": "BLEU", "chrf": "chrF", "ter": "TER", "qe": "QE"}
    return "  ".join(f"{labels.get(k, k)} {v:.2f}" if k == "qe" else f"{labels.get(k, k)} {v:.1f}" for k, v in scores.items())


__all__ = [
    "METRIC_NAMES",
    "SACREBLEU_VERSION",
    "CorpusTotals",
    "Scorer",
    "corpus_scores",
    "format_scores",
    "scorer",
    "scorer_for",
]
