"""The CI gate behind ``transreview check``: read, check, report, decide the exit code.

Everything the user can get wrong (a missing file, an unknown check, a bad baseline, a
glossary that does not parse, ``--min-chrf`` without references) is found before or
while reading and raised as a :class:`TransreviewError` (exit 2); the report is written
only after the whole run succeeded, atomically to ``-o``, so a failed run leaves nothing
half-written. Exit 1 means the gate failed: a finding at or above ``--fail-on`` that no
baseline accepts, a corpus chrF under ``--min-chrf``, a mean quality-estimation score under
``--min-qe`` or QE requests that failed (with ``--qe``), or a check that crashed on a pair
(it could not vouch for that pair). ``--fail-on never`` always exits 0 on good input.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from transreview.checks import CHECKS, BaseCheck, CheckParams, build_checks
from transreview.ci.baseline import Baseline, BaselineWriter
from transreview.ci.outputs import OutputSpec, resolve_outputs
from transreview.ci.report import WRITERS, write_ci_report
from transreview.ci.report.model import DocInfo, Entry, Report, ReportBuilder, parse_fail_on
from transreview.ci.shard import ShardHeader, shard_header
from transreview.ci.stdin import STDIN, materialize_stdin
from transreview.errors import TransreviewError, UsageError
from transreview.estimate import BATCH as QE_BATCH
from transreview.estimate import AnswerCache, EstimateStats, estimate
from transreview.formats import ReadOptions, plan_inputs, read_doc
from transreview.metrics import SACREBLEU_VERSION
from transreview.model import Pair, PairResult, Severity
from transreview.pipeline import Shard, run_checks_indexed
from transreview.progress import PairProgress, progress_wanted
from transreview.qe import QEBackend
from transreview.readonce import read_once_as_files
from transreview.results import CheckFailure, RunStats, with_severities
from transreview.suppress import without_suppressed

FORMATS: tuple[str, ...] = tuple(WRITERS)
MAX_STDERR_FAILURES = 10


@dataclass(frozen=True)
class GateOptions:
    """What ``transreview check`` was asked to do (see ``cli.check_cmd``)."""

    inputs: tuple[Path, ...]
    check_params: CheckParams = field(default_factory=dict)  # {check name: {parameter: value}}
    fmt: str | None = None
    output: Path | None = None
    fail_on: str = "major"
    jobs: int = 1
    min_chrf: float | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None
    check_names: tuple[str, ...] | None = None
    progress: bool | None = None
    source_lang: str = "en"
    target_lang: str = "zh"
    #: The languages are the defaults, not given: a document that reads Chinese→English is
    #: checked that way, with a notice (``--source-lang/--target-lang`` turn this off).
    detect_direction: bool = False
    #: ``--encoding``: the encoding of line-based inputs; None: detected
    encoding: str | None = None
    chunk_size: int = 512
    shard: Shard | None = None
    dask: str | None = None  # a scheduler address, or "local"
    #: ``-o`` values (``FMT:PATH``, ``PATH`` or ``-``); when given, they replace ``output``.
    outputs: tuple[str, ...] = ()
    #: the format of ``-`` (standard input) among the inputs; None: sniffed
    stdin_format: str | None = None
    #: check -> severity label every finding of that check gets (the configuration's
    #: ``checks.NAME.severity``); it enters the report signature
    severities: Mapping[str, str] = field(default_factory=dict)
    #: ``--qe``: a quality-estimation backend run on every pair after the checks (its spans
    #: are findings of check ``qe``, its score the pair's ``scores["qe"]``)
    qe: QEBackend | None = None
    #: ``--qe-cache``: a project whose answer cache the run reads and fills
    qe_cache: Path | None = None
    #: ``--min-qe``: the least mean QE score that passes
    min_qe: float | None = None


def choose_format(fmt: str | None, environ: dict[str, str] | os._Environ | None = None) -> str:
    """The requested format, or ``github`` under GitHub Actions, else ``text``."""
    env = os.environ if environ is None else environ
    if fmt:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
        return fmt
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"


def select_checks(names: tuple[str, ...] | None, params: CheckParams) -> list[BaseCheck]:
    """The named checks (all by default); unknown names → UsageError listing the valid ones."""
    if names is not None:
        wanted = [n for n in names if n]
        unknown = [n for n in wanted if n not in CHECKS]
        if unknown:
            raise UsageError(
                f"unknown check{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
                f"valid checks: {', '.join(CHECKS)}"
            )
        if not wanted:
            raise UsageError(f"--checks names no check; valid checks: {', '.join(CHECKS)}")
        names = tuple(dict.fromkeys(wanted))
    try:
        return build_checks(params, list(names) if names is not None else None)
    except ImportError as e:
        raise TransreviewError(f"a check could not be loaded ({e}); run with --checks to choose others") from None


def signature(checks: list[BaseCheck]) -> str:
    """``checks:name@v[opts],...|sacrebleu:X``, check names sorted."""
    sigs = sorted((c.name, c.signature()) for c in checks)
    return "checks:" + ",".join(s for _, s in sigs) + f"|sacrebleu:{SACREBLEU_VERSION}"


def _open_output(path: Path | None) -> AbstractContextManager[IO[str]]:
    if path is None:
        return nullcontext(sys.stdout)
    from transreview.atomic import atomic_write

    return atomic_write(path, "w")


def _refuse_clobbering(opts: GateOptions, specs: list[OutputSpec]) -> None:
    """No report (``-o``, each of them) and no ``--write-baseline`` may replace an input, a
    glossary or (a report) the baseline; ``--write-baseline`` may refresh the ``--baseline``
    it read."""
    from transreview.outputs import refuse_clobbering

    glossaries = opts.check_params.get("glossary", {}).get("glossaries", ()) or ()
    reads = [("input", p) for p in opts.inputs] + [("glossary", g) for g in glossaries]
    reports = [("-o", spec.path) for spec in specs]
    refuse_clobbering(
        [*reports, ("--write-baseline", opts.write_baseline)],
        [*reads, ("--baseline", opts.baseline if opts.baseline != opts.write_baseline else None)],
    )
    refuse_clobbering(reports, [("--baseline", opts.baseline)])


def _check_shard_options(opts: GateOptions, fmt: str | None) -> None:
    if opts.shard is None:
        return
    if fmt not in (None, "json"):
        raise UsageError("--shard writes a JSON report for 'transreview merge'; use --format json")
    if opts.baseline or opts.write_baseline:
        raise UsageError("--baseline and --write-baseline apply to a whole run, not to one --shard")


def build_ci_report(opts: GateOptions, *, json_only: bool = False) -> tuple[Report, BaselineWriter | None]:
    """Run the checks over every input and build the report (no output written).

    ``json_only``: the run writes the JSON report and nothing else, so its pair lines are made
    as results come and the report holds them instead of its entries (``Report.rendered``)."""
    fail_on = _fail_on(opts.fail_on)
    _check_shard_options(opts, opts.fmt)
    read_opts = ReadOptions(
        src_lang=opts.source_lang, tgt_lang=opts.target_lang, encoding=opts.encoding
    )
    docs = plan_inputs(opts.inputs, read_opts)
    checks = select_checks(opts.check_names, opts.check_params)
    sig = signature(checks)  # also loads glossaries: a bad one fails here, before the run
    overrides = {name: Severity.parse(label) for name, label in sorted(opts.severities.items())}
    if overrides:
        sig += "|severity:" + ",".join(f"{n}={s.label}" for n, s in overrides.items())
    matcher = Baseline.load(opts.baseline).matcher() if opts.baseline else None
    writer = BaselineWriter() if opts.write_baseline else None

    if opts.min_qe is not None and opts.qe is None:
        raise UsageError("--min-qe needs --qe BACKEND")
    if opts.qe is not None:
        sig += "|" + opts.qe.signature
    qe_stats = EstimateStats(opts.qe.signature) if opts.qe is not None else None
    cache_stack = ExitStack()
    qe_cache: AnswerCache | None = None
    if opts.qe is not None and opts.qe_cache is not None:
        from transreview.project import open_project

        qe_cache = cache_stack.enter_context(open_project(opts.qe_cache, create=True))

    doc_opts, direction_notices = _directions(docs, read_opts, opts.detect_direction)

    if json_only:
        from transreview.ci.report.json import pair_line

        shard_lines = opts.shard is not None
        builder = ReportBuilder(sig, fail_on, render=lambda entry: pair_line(entry, shard_lines))
    else:
        builder = ReportBuilder(sig, fail_on)
    infos = [DocInfo(name=d.name, path=str(d.path), format=d.format) for d in docs]
    for info in infos:
        builder.add_doc(info)
    ends: list[int] = []  # cumulative pair count at the end of each document read so far
    def pairs() -> Iterator[Pair]:
        # Read once by the run (``run_checks`` reads its input once, whatever the checks).
        n = 0
        for d, info, d_opts in zip(docs, infos, doc_opts, strict=True):
            first = True
            for p in read_doc(d, d_opts):
                if first and p.doc:
                    info.name = p.doc
                first = False
                n += 1
                yield p
            ends.append(n)

    stats = RunStats()
    shown_failures = 0
    failure_seq: list[int | None] = []  # per failure: the position of its pair (None: the corpus)

    def on_error(f: CheckFailure) -> None:
        nonlocal shown_failures
        shown_failures += 1
        failure_seq.append(None)
        if shown_failures <= MAX_STDERR_FAILURES:
            print(f"transreview: warning: {f}", file=sys.stderr, flush=True)

    progress = PairProgress(progress_wanted(opts.progress), "checked")
    executor = _dask_executor(opts) if opts.dask else None
    doc_index = 0

    def placed(checked: Iterator[tuple[int, PairResult]]) -> Iterator[tuple[int, PairResult]]:
        # A pair's failures are reported just before its result is yielded: place them as
        # the checks yield, before --qe holds results back to estimate them in batches.
        done = 0
        for position, result in checked:
            while done < len(failure_seq):
                if stats.failures[done].pair_id != "*":
                    failure_seq[done] = position
                done += 1
            yield position, result

    try:
        results = placed(run_checks_indexed(
            pairs, checks, opts.jobs, chunk_size=opts.chunk_size, stats=stats,
            on_error=on_error, on_progress=progress.update, shard=opts.shard, executor=executor,
        ))
        if opts.qe is not None and qe_stats is not None:
            results = with_qe(results, opts.qe, qe_cache, qe_stats)
        for position, result in results:
            if overrides:
                result = with_severities(result, overrides)
            result = without_suppressed(result)  # inline "transreview: ignore CHECK" markers
            while doc_index < len(ends) and position >= ends[doc_index]:
                doc_index += 1
            baselined = matcher.accepted(result.pair, result.findings) if matcher else frozenset()
            if writer is not None:
                writer.add(result.pair, result.findings)
            builder.add(Entry(result, baselined, doc_index, position))
    except BaseException:
        builder.close()
        raise
    finally:
        progress.close()
        if executor is not None:
            executor.close()
        cache_stack.close()

    shard_info: ShardHeader | None = None
    if opts.shard is not None:
        shard_info = shard_header(
            opts.shard, pairs_total=ends[-1] if ends else 0,
            fail_on=fail_on.label if fail_on else "never", min_chrf=opts.min_chrf,
            docs=infos, stats=stats, failure_seq=failure_seq,
        )
    try:
        reasons = gate_reasons(builder.summary.failing, fail_on, len(stats.failures), stats, opts.min_chrf,
                               partial=opts.shard is not None)
        if qe_stats is not None:
            reasons += qe_reasons(qe_stats, opts.min_qe)
    except BaseException:
        builder.close()
        raise
    report = builder.finish(
        passed=fail_on is None or not reasons,
        reasons=reasons if fail_on is not None else [],
        corpus_scores=stats.corpus_scores(),
        metric_signatures=stats.metric_signatures(),
        scored_pairs=stats.scored_pairs,
        errors=[str(f) for f in stats.failures],
        shard=shard_info,
        notices=direction_notices + qe_notices(qe_stats),
    )
    return report, writer


def with_qe(
    results: Iterator[tuple[int, PairResult]], backend: QEBackend, cache: AnswerCache | None, stats: EstimateStats
) -> Iterator[tuple[int, PairResult]]:
    """``results`` with each pair's QE findings added and its score in ``scores["qe"]``,
    estimated in batches (:func:`transreview.estimate.estimate`), in the same order."""
    chunk: list[tuple[int, PairResult]] = []

    def flush() -> Iterator[tuple[int, PairResult]]:
        done = {e.tag: e for e in estimate(backend, ((i, r.pair) for i, (_, r) in enumerate(chunk)), cache=cache,
                                           batch=QE_BATCH, stats=stats)}
        for i, (position, result) in enumerate(chunk):
            est = done.get(i)
            if est is None:  # an empty side: nothing to estimate
                yield position, result
                continue
            scores = dict(result.scores)
            if est.answer.score is not None:
                scores["qe"] = est.answer.score
            yield position, replace(result, findings=result.findings + est.findings, scores=scores)
        chunk.clear()

    for item in results:
        chunk.append(item)
        if len(chunk) >= QE_BATCH:
            yield from flush()
    if chunk:
        yield from flush()


def qe_reasons(stats: EstimateStats, min_qe: float | None) -> list[str]:
    """Why quality estimation fails the gate: requests that failed (those pairs are not
    vouched for), or a mean score under ``--min-qe``."""
    reasons: list[str] = []
    if stats.failed:
        reasons.append(f"{stats.failed} QE request{'s' if stats.failed != 1 else ''} failed")
    if min_qe is not None:
        mean = stats.mean_score
        if mean is None:
            reasons.append(f"no pair got a QE score, so --min-qe {min_qe:g} cannot be met")
        elif mean < min_qe:
            reasons.append(f"mean QE score {mean:.3f} is below --min-qe {min_qe:g}")
    return reasons


def qe_notices(stats: EstimateStats | None, limit: int = MAX_STDERR_FAILURES) -> list[str]:
    """The QE run's summary line and its first notices (malformed answers, refusals, failures)."""
    if stats is None:
        return []
    lines = [str(stats)]
    lines += [f"qe: pair {pid}: {notice}" for pid, notice in stats.notices[:limit]]
    if len(stats.notices) > limit:
        lines.append(f"qe: … and {len(stats.notices) - limit} more notices")
    return lines


def _directions(docs: list[Any], read_opts: ReadOptions, detect: bool) -> tuple[list[ReadOptions], list[str]]:
    """Per document, the languages to read it with, and a notice for each one turned round.

    Only when the languages were not given and are the default English→Chinese: a
    Chinese→English file checked that way gave one "target is English" major per pair.
    """
    if not detect or (read_opts.src_lang, read_opts.tgt_lang) != ("en", "zh"):
        return [read_opts] * len(docs), []
    from itertools import islice

    from transreview.text.lang import DIRECTION_SAMPLE, looks_reversed

    reversed_opts = ReadOptions(src_lang="zh", tgt_lang="en", encoding=read_opts.encoding)
    out: list[ReadOptions] = []
    notices: list[str] = []
    for d in docs:
        sample = list(islice(read_doc(d, read_opts), DIRECTION_SAMPLE))
        if looks_reversed([p.source for p in sample], [p.target for p in sample]):
            out.append(reversed_opts)
            notices.append(
                f"{d.name}: the source side is Chinese and the target English: checked as zh→en "
                "(give --source-lang/--target-lang to choose)"
            )
        else:
            out.append(read_opts)
    return out, notices


def gate_reasons(
    failing: int,
    fail_on: Severity | None,
    failures: int,
    stats: RunStats,
    min_chrf: float | None,
    *,
    partial: bool = False,
) -> list[str]:
    """Why the gate fails (empty: it passes). ``partial``: one shard, --min-chrf judged at merge."""
    reasons: list[str] = []
    if failing:
        reasons.append(
            f"{failing} finding{'s' if failing != 1 else ''} at or above {fail_on.label if fail_on else 'never'}"
        )
    if failures:
        n = failures
        reasons.append(f"{n} check failure{'s' if n != 1 else ''}: {n} pair check{'s' if n != 1 else ''} could not run")
    if min_chrf is not None and not partial:
        if not stats.scored_pairs:
            raise UsageError("--min-chrf needs pairs with a reference (a 'reference' column); none has one")
        chrf = stats.corpus_scores()["chrf"]
        if chrf < min_chrf:
            reasons.append(f"corpus chrF {chrf:.1f} is below --min-chrf {min_chrf:g}")
    return reasons


def _dask_executor(opts: GateOptions) -> Any:
    from transreview.dask_backend import DaskExecutor

    return DaskExecutor.connect(opts.dask or "local", jobs=opts.jobs)


def _fail_on(value: str) -> Severity | None:
    try:
        return parse_fail_on(value)
    except ValueError as e:
        raise UsageError(f"--fail-on: {e}") from None


def output_specs(opts: GateOptions) -> list[OutputSpec]:
    """The reports this run writes (see :mod:`transreview.ci.outputs`)."""
    values = opts.outputs or ((str(opts.output),) if opts.output is not None else ())
    default = "json" if opts.shard is not None else None
    specs = resolve_outputs(values, opts.fmt or default, lambda: choose_format(None))
    for spec in specs:
        choose_format(spec.fmt)  # an unknown format is a usage error before any work
        _check_shard_options(opts, spec.fmt)
    return specs


def run_gate(opts: GateOptions) -> int:
    """Run ``transreview check``; the exit code (0 passed, 1 failed; errors raise, exit 2)."""
    _check_shard_options(opts, opts.fmt)
    specs = output_specs(opts)
    _refuse_clobbering(opts, specs)
    with materialize_stdin(opts.inputs, opts.stdin_format) as inputs, \
            read_once_as_files(inputs) as (files, given):
        report, writer = build_ci_report(replace(opts, inputs=files),
                                         json_only=bool(specs) and all(spec.fmt == "json" for spec in specs))
        stdin_copies = {str(p) for p, named in zip(inputs, opts.inputs, strict=True) if p != named}
    for info in report.docs:
        if info.path in stdin_copies:
            info.path = STDIN  # the report names standard input, not a removed temporary file
        elif info.path in given:
            info.path = given[info.path]  # a FIFO's path, not its removed copy
    try:
        with ExitStack() as stack:
            for spec in specs:
                out = stack.enter_context(_open_output(spec.path))
                options: dict[str, Any] = {}
                if spec.fmt == "text" and spec.path is not None:
                    options["color"] = False
                write_ci_report(report, spec.fmt, out, **options)
                out.flush()
        if writer is not None and opts.write_baseline is not None:
            writer.write(opts.write_baseline)
    finally:
        report.close()
    return 0 if report.passed else 1


__all__ = ["GateOptions", "build_ci_report", "choose_format", "gate_reasons", "output_specs", "run_gate", "select_checks", "signature"]
