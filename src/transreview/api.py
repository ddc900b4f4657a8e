"""The library surface: what a pipeline (OpusFilter, a Weblate add-on, a notebook) calls to
run the checks without the command line. ``import transreview`` exposes these names lazily
(see ``transreview/__init__.py``), so importing the package stays cheap.

Everything here is a thin, typed door onto the modules the CLI uses too: the same readers,
the same checks with the same parameters, the same project store. Bad input raises
:class:`transreview.errors.TransreviewError` (an :class:`~transreview.errors.InputError`
names the file and line), never a bare exception from a parser.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from transreview.model import Finding, Pair, PairResult

if TYPE_CHECKING:
    from transreview.store.db import Store

PairLike = Pair | tuple[str, str]


def read_pairs(*paths: str | Path, source_lang: str = "en", target_lang: str = "zh") -> Iterator[Pair]:
    """Stream the pairs of every file, chosen by ending as ``transreview check`` chooses
    (``.tsv``/``.csv``, ``.jsonl``, ``.tmx``, ``.xlf``, ``NAME.en NAME.zh``, ``.txt`` pages)."""
    from transreview.formats import ReadOptions, plan_inputs, read_doc

    opts = ReadOptions(src_lang=source_lang, tgt_lang=target_lang)
    for doc in plan_inputs(paths):
        yield from read_doc(doc, opts)


def _as_pairs(pairs: Iterable[PairLike], source_lang: str, target_lang: str) -> Iterator[Pair]:
    for k, p in enumerate(pairs):
        if isinstance(p, Pair):
            yield p
        else:
            source, target = p
            yield Pair(str(k + 1), source, target, index=k, src_lang=source_lang, tgt_lang=target_lang)


def check_pairs(
    pairs: Iterable[PairLike],
    *,
    checks: Sequence[str] | None = None,
    params: Mapping[str, Mapping[str, Any]] | None = None,
    jobs: int = 1,
    source_lang: str = "en",
    target_lang: str = "zh",
) -> Iterator[PairResult]:
    """Run the checks over ``pairs`` (:class:`Pair` objects, or ``(source, target)`` tuples
    numbered 1, 2, … with the given languages) and yield one :class:`PairResult` per pair,
    in order. ``checks`` names the checks to run (default: all); ``params`` gives them
    parameters, ``{"omission": {"z_limit": 4.0}, "glossary": {"glossaries": ("terms.csv",)}}``.
    Corpus-level checks (consistency, omission's length statistics) judge over all of ``pairs``."""
    from transreview.checks import build_checks
    from transreview.pipeline import run_checks

    built = build_checks(params, list(checks) if checks is not None else None)
    # an iterable (not a list) is fine: the pipeline reads it once, and queues what its corpus checks read ahead
    yield from run_checks(_as_pairs(pairs, source_lang, target_lang), built, jobs, scores=False)


def check_pair(
    source: str,
    target: str,
    *,
    checks: Sequence[str] | None = None,
    params: Mapping[str, Mapping[str, Any]] | None = None,
    source_lang: str = "en",
    target_lang: str = "zh",
) -> list[Finding]:
    """The findings of one pair on its own (the checks that compare pairs have nothing to
    compare it with)."""
    (result,) = check_pairs([(source, target)], checks=checks, params=params,
                            source_lang=source_lang, target_lang=target_lang)
    return list(result.findings)


def open_project(path: str | Path, *, create: bool = False) -> Store:
    """A review project (a SQLite file or a ``postgresql://`` URL), as ``transreview
    review``/``export``/``report`` open it; use it as a context manager."""
    from transreview.project import open_project as _open

    return _open(path, create=create)


__all__ = ["PairLike", "check_pair", "check_pairs", "open_project", "read_pairs"]
