"""``transreview evaluate``: read annotations, run the checks (or take a project's stored
findings), evaluate, write one report.

The checks run one MT system at a time: the segments of one system are one run, as a team
checking that system's output would run them, so that the checks comparing pairs within a run
(consistency, omission's length statistics) do not compare thirteen systems' translations of
one sentence with each other.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import IO, Any

from transreview.evaluate.evaluation import evaluate
from transreview.evaluate.model import AnnotatedSegment
from transreview.evaluate.readers import detect_kind, read_annotations
from transreview.evaluate.render import RENDERERS
from transreview.model import Finding


def check_signature(names: Sequence[str] | None, params: Mapping[str, Mapping[str, Any]] | None) -> str:
    """``checks:name@v[opts],...`` of the checks a run builds (sorted by name)."""
    from transreview.checks import build_checks

    return "checks:" + ",".join(sorted(c.signature() for c in build_checks(params, list(names) if names else None)))


def findings_for(
    segments: Sequence[AnnotatedSegment],
    names: Sequence[str] | None = None,
    params: Mapping[str, Mapping[str, Any]] | None = None,
    jobs: int = 1,
    scores: list[dict[str, float]] | None = None,
) -> list[list[Finding]]:
    """One list of findings per segment: the stored ones of a project's segments, otherwise
    the checks' (``names``, default all) run over each system's segments as one run.

    ``scores``, when given, receives each segment's ``PairResult.scores`` (segment scores a
    run attaches, such as a quality-estimation backend's), for :func:`evaluate` to correlate."""
    from transreview.checks import build_checks
    from transreview.pipeline import run_checks

    out: list[list[Finding] | None] = [list(s.findings) if s.findings is not None else None for s in segments]
    got: list[dict[str, float]] = [{} for _ in segments]
    by_system: dict[str, list[int]] = {}
    for i, s in enumerate(segments):
        if s.findings is None:
            by_system.setdefault(s.system, []).append(i)
    if by_system:
        checks = build_checks(params, list(names) if names else None)
        for indices in by_system.values():
            results = run_checks([segments[i].pair for i in indices], checks, jobs, scores=False)
            for i, result in zip(indices, results, strict=True):
                out[i] = list(result.findings)
                got[i] = dict(result.scores)
    if scores is not None:
        scores[:] = got
    wanted = set(names) if names else None
    return [[f for f in fs or [] if wanted is None or f.check in wanted] for fs in out]


def evaluate_inputs(
    inputs: Sequence[str | Path],
    *,
    kind: str = "auto",
    texts: Path | None = None,
    names: Sequence[str] | None = None,
    params: Mapping[str, Mapping[str, Any]] | None = None,
    resamples: int = 1000,
    seed: int = 1,
    jobs: int = 1,
) -> dict[str, Any]:
    """The evaluation document of every input (one report each), as :func:`evaluate` returns."""
    reports = []
    for path in inputs:
        k = detect_kind(path) if kind == "auto" else kind
        segments = read_annotations(path, k, texts)
        seg_scores: list[dict[str, float]] = []
        findings = findings_for(segments, names, params, jobs, seg_scores)
        report = evaluate(segments, findings, checks=names, resamples=resamples, seed=seed, scores=seg_scores)
        stored = k == "project"
        report = {"input": Path(str(path)).name if not stored else str(path), "kind": k,
                  "findings_from": "the project's stored check findings" if stored else "the checks, run per system",
                  **report}
        reports.append(report)
    from transreview import __version__

    return {"transreview": __version__, "signature": check_signature(names, params), "reports": reports}


def _open(path: Path | None) -> AbstractContextManager[IO[str]]:
    if path is None:
        return nullcontext(sys.stdout)
    from transreview.atomic import atomic_write

    return atomic_write(path, "w")


def run_evaluate(
    inputs: Sequence[str | Path],
    *,
    fmt: str = "text",
    output: Path | None = None,
    **options: Any,
) -> int:
    """Evaluate and write the report to ``output`` (atomically) or stdout; exit code 0."""
    from transreview.outputs import refuse_clobbering

    refuse_clobbering([("-o", output)], [("input", p) for p in inputs] + [("texts", options.get("texts"))])
    doc = evaluate_inputs(inputs, **options)
    text = RENDERERS[fmt](doc)
    with _open(output) as out:
        out.write(text)
    return 0
