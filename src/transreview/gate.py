"""The CI gate behind ``transreview check``: read, check, report, decide the exit code.

Everything the user can get wrong (a missing file, an unknown check, a bad baseline, a
glossary that does not parse, ``--min-chrf`` without references) is found before or
while reading and raised as a :class:`TransreviewError` (exit 2); the report is written
only after the whole run succeeded, atomically to ``-o``, so a failed run leaves nothing
half-written. Exit 1 means the gate failed: a finding at or above ``--fail-on`` that no
baseline accepts, a corpus chrF under ``--min-chrf``, or a check that crashed on a pair
(it could not vouch for that pair). ``--fail-on never`` always exits 0 on good input.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from transreview.baseline import Baseline, BaselineWriter
from transreview.checks import CHECKS, Check, CheckOptions, build_checks
from transreview.errors import InputError, TransreviewError, UsageError
from transreview.formats import ReadOptions, plan_inputs, read_doc
from transreview.metrics import SACREBLEU_VERSION
from transreview.model import Pair
from transreview.pipeline import CheckFailure, RunStats, run_checks
from transreview.report import write_report
from transreview.report.model import DocInfo, Entry, Report, ReportBuilder, parse_fail_on

FORMATS = ("text", "json", "junit", "github")
PROGRESS_AFTER_S = 1.0  # a run shorter than this never shows a progress bar
MAX_STDERR_FAILURES = 10


@dataclass(frozen=True)
class GateOptions:
    """What ``transreview check`` was asked to do (see ``cli.check_cmd``)."""

    inputs: tuple[Path, ...]
    glossaries: tuple[Path, ...] = ()
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
    chunk_size: int = 512


def choose_format(fmt: str | None, environ: dict[str, str] | os._Environ | None = None) -> str:
    """The requested format, or ``github`` under GitHub Actions, else ``text``."""
    env = os.environ if environ is None else environ
    if fmt:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
        return fmt
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"


def select_checks(names: tuple[str, ...] | None, options: CheckOptions) -> list[Check]:
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
        return build_checks(options, list(names) if names is not None else None)
    except ImportError as e:
        raise TransreviewError(f"a check could not be loaded ({e}); run with --checks to choose others") from None


def signature(checks: list[Check]) -> str:
    """``checks:name@v[opts],...|sacrebleu:X``, check names sorted."""
    sigs = sorted((c.name, c.signature()) for c in checks)
    return "checks:" + ",".join(s for _, s in sigs) + f"|sacrebleu:{SACREBLEU_VERSION}"


class _Progress:
    """A rich progress line on stderr, shown only for a run longer than a second.

    Refreshed by hand (``auto_refresh=False``): rich's refresh thread would be running
    while the process pool forks its workers.
    """

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.start = time.monotonic()
        self._progress: Any = None
        self._task: Any = None
        self._last = 0.0

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if self._progress is None:
            if now - self.start < PROGRESS_AFTER_S:
                return
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("checked {task.completed:,.0f} pairs"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
                auto_refresh=False,
            )
            self._progress.start()
            self._task = self._progress.add_task("check", total=None)
        if now - self._last >= 0.1:
            self._progress.update(self._task, completed=done)
            self._progress.refresh()
            self._last = now

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def _open_output(path: Path | None) -> AbstractContextManager[IO[str]]:
    if path is None:
        return nullcontext(sys.stdout)
    from transreview.atomic import atomic_write

    return atomic_write(path, "w")


def build_report(opts: GateOptions) -> tuple[Report, BaselineWriter | None]:
    """Run the checks over every input and build the report (no output written)."""
    fail_on = _fail_on(opts.fail_on)
    docs = plan_inputs(opts.inputs)
    for g in opts.glossaries:
        if not Path(g).exists():
            raise InputError(g, None, "glossary file not found")
        if Path(g).is_dir():
            raise InputError(g, None, "is a directory, not a glossary file")
    checks = select_checks(opts.check_names, CheckOptions(glossaries=tuple(str(g) for g in opts.glossaries)))
    sig = signature(checks)  # also loads glossaries: a bad one fails here, before the run
    matcher = Baseline.load(opts.baseline).matcher() if opts.baseline else None
    writer = BaselineWriter() if opts.write_baseline else None
    read_opts = ReadOptions(src_lang=opts.source_lang, tgt_lang=opts.target_lang)

    builder = ReportBuilder(sig, fail_on)
    infos = [DocInfo(name=d.name, path=str(d.path), format=d.format) for d in docs]
    for info in infos:
        builder.add_doc(info)
    ends: list[int] = []  # cumulative pair count at the end of each document read so far

    def pairs() -> Iterator[Pair]:
        n = 0
        for d, info in zip(docs, infos, strict=True):
            first = True
            for p in read_doc(d, read_opts):
                if first and p.doc:
                    info.name = p.doc
                first = False
                n += 1
                yield p
            ends.append(n)

    stats = RunStats()
    shown_failures = 0

    def on_error(f: CheckFailure) -> None:
        nonlocal shown_failures
        shown_failures += 1
        if shown_failures <= MAX_STDERR_FAILURES:
            print(f"transreview: warning: {f}", file=sys.stderr)

    progress = _Progress(opts.progress if opts.progress is not None else sys.stderr.isatty())
    doc_index = 0
    try:
        results = run_checks(
            pairs(), checks, opts.jobs, chunk_size=opts.chunk_size, stats=stats,
            on_error=on_error, on_progress=progress.update,
        )
        for k, result in enumerate(results):
            while doc_index < len(ends) and k >= ends[doc_index]:
                doc_index += 1
            baselined = matcher.accepted(result.pair, result.findings) if matcher else frozenset()
            if writer is not None:
                writer.add(result.pair, result.findings)
            builder.add(Entry(result, baselined, doc_index))
    except BaseException:
        builder.close()
        raise
    finally:
        progress.close()

    reasons: list[str] = []
    s = builder.summary
    if s.failing:
        reasons.append(
            f"{s.failing} finding{'s' if s.failing != 1 else ''} at or above {fail_on.label if fail_on else 'never'}"
        )
    if stats.failures:
        n = len(stats.failures)
        reasons.append(f"{n} check failure{'s' if n != 1 else ''}: {n} pair check{'s' if n != 1 else ''} could not run")
    corpus = stats.corpus_scores()
    if opts.min_chrf is not None:
        if not stats.scored_pairs:
            builder.close()
            raise UsageError("--min-chrf needs pairs with a reference (a 'reference' column); none has one")
        if corpus["chrf"] < opts.min_chrf:
            reasons.append(f"corpus chrF {corpus['chrf']:.1f} is below --min-chrf {opts.min_chrf:g}")
    report = builder.finish(
        passed=fail_on is None or not reasons,
        reasons=reasons if fail_on is not None else [],
        corpus_scores=corpus,
        metric_signatures=stats.metric_signatures(),
        scored_pairs=stats.scored_pairs,
        errors=[str(f) for f in stats.failures],
    )
    return report, writer


def _fail_on(value: str) -> Any:
    try:
        return parse_fail_on(value)
    except ValueError as e:
        raise UsageError(f"--fail-on: {e}") from None


def run_gate(opts: GateOptions) -> int:
    """Run ``transreview check``; the exit code (0 passed, 1 failed; errors raise, exit 2)."""
    fmt = choose_format(opts.fmt)
    report, writer = build_report(opts)
    try:
        with _open_output(opts.output) as out:
            options: dict[str, Any] = {}
            if fmt == "text" and opts.output is not None:
                options["color"] = False
            write_report(report, fmt, out, **options)
            out.flush()
        if writer is not None and opts.write_baseline is not None:
            writer.write(opts.write_baseline)
    finally:
        entries = report.entries
        if hasattr(entries, "close"):
            entries.close()
    return 0 if report.passed else 1


__all__ = ["GateOptions", "build_report", "choose_format", "run_gate", "select_checks", "signature"]
