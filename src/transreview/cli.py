"""The command line: each command parses its options, calls one library function, prints.

No domain logic lives here (sqlite-utils' library-first shape). The TUI is imported lazily
inside ``review`` so that ``check`` in CI never loads textual.
"""

from __future__ import annotations

import dataclasses
import errno
import sys
from pathlib import Path
from typing import Any

import click

from transreview import __version__
from transreview.ci.report import WRITERS  # a plain dict: importing it loads no check
from transreview.errors import TransreviewError
from transreview.mqm import FORMATS as MQM_FORMATS  # a plain tuple: loads no store
from transreview.sanitize import visible

SEVERITIES = ["minor", "major", "critical", "never"]


class _ProjectParam(click.ParamType):
    """A project: a ``postgresql://`` URL stays a string (``click.Path`` would fold its
    ``//`` into ``/``); anything else is a SQLite file path."""

    name = "project"

    def convert(self, value, param, ctx):
        if isinstance(value, Path):
            return value
        text = str(value)
        return text if text.startswith(("postgresql://", "postgres://")) else Path(text)


PROJECT = _ProjectParam()

#: Flags that set a check's parameter: flag's name -> (check, parameter). The only place
#: the command line knows a check's parameter; everything past it takes the plain mapping.
CHECK_PARAM_FLAGS = {"glossaries": ("glossary", "glossaries")}


def _check_params(**flags: Any) -> dict[str, dict[str, Any]]:
    """``{check: {parameter: value}}`` from the flags of :data:`CHECK_PARAM_FLAGS` that were given."""
    params: dict[str, dict[str, Any]] = {}
    for flag, value in flags.items():
        if value:
            check, param = CHECK_PARAM_FLAGS[flag]
            params.setdefault(check, {})[param] = tuple(str(v) for v in value) if isinstance(value, tuple) else value
    return params


def _stdout_if_dash(path: Path | None) -> Path | None:
    """``-o -`` means standard output (None to the library), never a file named ``-``."""
    return None if path is not None and str(path) == "-" else path


class _ExportFormat(click.Choice):
    """The export formats, read from the format registry when first needed: importing the
    registry imports every format module (lxml, the page aligner), which the other
    commands and ``--help`` need not pay for."""

    def __init__(self) -> None:  # no super().__init__: ``choices`` is computed, not stored
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]
        from transreview.formats import writable

        return tuple(writable())


def _lang_options(f):
    f = click.option(
        "--target-lang", default="zh", show_default=True, help="Language of the target side."
    )(f)
    f = click.option(
        "--source-lang", default="en", show_default=True, help="Language of the source side."
    )(f)
    return f


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="transreview")
@click.option("-q", "--quiet", is_flag=True, default=False,
              help="Print only reports and errors: no progress bar, no summary line on stderr.")
@click.option("-v", "--verbose", is_flag=True, default=False,
              help="Also print on stderr how long the command took.")
@click.pass_context
def cli(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """Review English<->Chinese translations: check, review, correct, export."""
    if quiet and verbose:
        raise click.UsageError("give --quiet or --verbose, not both")
    ctx.obj = {"quiet": quiet, "verbose": verbose}
    if verbose:
        import time

        start = time.monotonic()
        name = ctx.invoked_subcommand

        def _took() -> None:
            click.echo(f"transreview {name}: {time.monotonic() - start:.2f} s", err=True)

        ctx.call_on_close(_took)


def _quiet() -> bool:
    """Whether ``--quiet`` was given to the group (no context: not quiet)."""
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx is not None else None
    return bool(obj and obj.get("quiet"))


def _info(message: str, err: bool = True) -> None:
    """An informational line (a summary): printed unless ``--quiet``."""
    if not _quiet():
        click.echo(message, err=err)


def _encoding_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from transreview.encoding import check_encoding_name

    try:
        return check_encoding_name(value)
    except LookupError:
        raise click.BadParameter(f"unknown encoding {value!r}") from None


_encoding_option = click.option(
    "--encoding", default=None, metavar="NAME", callback=_encoding_name,
    help="Text encoding of TSV/CSV/JSONL/Moses/.txt inputs (e.g. big5, gbk); default: detected.")


@cli.command("check")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--glossary", "glossaries", multiple=True, type=click.Path(path_type=Path),
              help="Glossary file (CSV en,zh[,forbidden,note] or TBX); repeatable.")
@click.option("--format", "fmt", type=click.Choice(list(WRITERS)), default=None,
              help="Report format (default: text; github when GITHUB_ACTIONS=true).")
@click.option("-o", "--output", "outputs", multiple=True, metavar="[FMT:]PATH",
              help="Write a report to PATH (atomically; '-' = stdout), in FMT, else --format, "
                   "else the format PATH's ending names (.sarif .json .xml .txt); repeatable.")
@click.option("--stdin-format", type=click.Choice(["tsv", "csv", "jsonl", "txt"]), default=None,
              help="Format of '-' (standard input) among the INPUTs (default: sniffed).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="major", show_default=True,
              help="Exit 1 when a finding at or above this severity remains.")
@click.option("--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Processes that run the checks (0 = one per core).")
@click.option("--min-chrf", type=float, default=None,
              help="Fail when corpus chrF against the references is below this.")
@click.option("--baseline", type=click.Path(path_type=Path), default=None,
              help="Findings listed in this file (from --write-baseline) no longer fail.")
@click.option("--write-baseline", type=click.Path(path_type=Path), default=None,
              help="Write every finding of this run to a baseline file.")
@click.option("--checks", "check_names", default=None,
              help="Comma-separated checks to run (default: all).")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: on a terminal only).")
@click.option("--shard", default=None, metavar="I/N",
              help="Check only pairs I, I+N, ... (1-based) and write a JSON report for 'merge'.")
@click.option("--dask-scheduler", "dask_scheduler", default=None, metavar="ADDRESS",
              help="Run the chunks on this Dask scheduler (needs the 'dask' extra).")
@click.option("--dask", "dask_local", type=click.Choice(["local"]), default=None,
              help="'local': run the chunks on a local Dask cluster (--jobs workers).")
@click.option("--qe", "qe_backend", type=click.Choice(["llm", "comet"]), default=None,
              help="Also run a quality-estimation backend on every pair (off by default; see "
                   "`transreview qe --help` and docs/quality-estimation.md).")
@click.option("--qe-model", default=None, help="With --qe: the model (as `transreview qe --model`).")
@click.option("--qe-endpoint", default=None, metavar="URL", help="With --qe llm: the chat endpoint.")
@click.option("--qe-option", "qe_options", multiple=True, metavar="NAME=VALUE",
              help="With --qe: another backend option of `transreview qe`, e.g. concurrency=8, "
                   "timeout=30, device=cuda, batch_size=16, download=true; repeatable.")
@click.option("--qe-cache", type=PROJECT, default=None,
              help="With --qe: a project whose answer cache this run reads and fills (created if missing).")
@click.option("--min-qe", type=click.FloatRange(0, 1), default=None,
              help="With --qe: fail the gate when the mean QE score (0-1, higher better) is below this.")
@_encoding_option
@_lang_options
def check_cmd(inputs, glossaries, fmt, outputs, stdin_format, fail_on, jobs, min_chrf, baseline,
              write_baseline, check_names, progress, shard, dask_scheduler, dask_local,
              qe_backend, qe_model, qe_endpoint, qe_options, qe_cache, min_qe,
              encoding, source_lang, target_lang) -> None:
    """Check every pair of INPUT... (- = stdin) and write the report(s); exit 1 if the gate fails."""
    from transreview import startup

    startup.pause()  # until the pairs start (transreview.startup)
    try:
        from transreview.ci.gate import GateOptions, run_gate
        from transreview.pipeline import Shard

        try:
            shard_of = Shard.parse(shard) if shard else None
        except ValueError as e:
            raise click.BadParameter(str(e), param_hint="--shard") from None
        if dask_scheduler and dask_local:
            raise click.UsageError("give --dask local or --dask-scheduler ADDRESS, not both")
        if progress is None and _quiet():
            progress = False
        settings = _configured(inputs, fail_on=fail_on, glossaries=glossaries, fmt=fmt, outputs=outputs,
                               source_lang=source_lang, target_lang=target_lang, check_names=check_names)
        qe = _check_qe_backend(qe_backend, qe_model, qe_endpoint, qe_options, qe_cache, min_qe)
        code = run_gate(GateOptions(
            qe=qe, qe_cache=qe_cache, min_qe=min_qe,
            shard=shard_of, dask=dask_scheduler or dask_local,
            inputs=tuple(inputs), check_params=settings["check_params"], fmt=settings["fmt"],
            outputs=settings["outputs"], stdin_format=stdin_format,
            fail_on=settings["fail_on"], jobs=jobs, min_chrf=min_chrf, baseline=baseline,
            write_baseline=write_baseline, check_names=settings["check_names"],
            progress=progress, source_lang=settings["source_lang"], target_lang=settings["target_lang"],
            severities=settings["severities"],
            detect_direction=not (_given("source_lang") or _given("target_lang")),
            encoding=encoding,
        ))
        sys.exit(code)
    finally:
        startup.resume()


#: ``--qe-option`` names and how their values are read (the options of ``transreview qe``).
_QE_OPTION_TYPES: dict[str, Any] = {
    "api_key_env": str, "concurrency": int, "timeout": float, "retries": int, "max_tokens": int,
    "json_mode": bool, "batch_size": int, "device": str, "download": bool, "tokenizer": str,
}


def _check_qe_backend(backend, model, endpoint, options, cache, min_qe):
    """The QE backend ``check --qe`` asks for, or None; the --qe-* options without --qe are an error."""
    if backend is None:
        if model or endpoint or options or cache is not None or min_qe is not None:
            raise click.UsageError("--qe-model, --qe-endpoint, --qe-option, --qe-cache and --min-qe need --qe BACKEND")
        return None
    if not model:
        raise click.UsageError("--qe needs --qe-model")
    from transreview.qe import make_backend

    values: dict[str, Any] = {}
    for item in options:
        name, sep, raw = item.partition("=")
        name = name.strip().replace("-", "_")
        if not sep or name not in _QE_OPTION_TYPES:
            raise click.BadParameter(f"{item!r}: expected NAME=VALUE with NAME one of "
                                     f"{', '.join(_QE_OPTION_TYPES)}", param_hint="--qe-option")
        kind = _QE_OPTION_TYPES[name]
        try:
            if kind is bool:
                if raw.strip().lower() not in ("true", "false", "1", "0", "yes", "no"):
                    raise ValueError(raw)
                values[name] = raw.strip().lower() in ("true", "1", "yes")
            else:
                values[name] = kind(raw.strip())
        except ValueError:
            raise click.BadParameter(f"{item!r}: {raw!r} is not a {kind.__name__}", param_hint="--qe-option") from None
    own = _LLM_OPTIONS if backend == "llm" else _COMET_OPTIONS
    stray = sorted(set(values) - set(own))
    if stray or (endpoint and backend != "llm"):
        names = ", ".join(stray + (["--qe-endpoint"] if endpoint and backend != "llm" else []))
        raise click.UsageError(f"{names}: not an option of the {backend} backend")
    if backend == "llm":
        values["endpoint"] = endpoint
    return make_backend(backend, model, **values)


def _given(name: str) -> bool:
    """Whether the option ``name`` of the running command came from the command line."""
    from click.core import ParameterSource

    source = click.get_current_context().get_parameter_source(name)
    return source in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT)


def _configured(inputs, *, glossaries=(), source_lang="en", target_lang="zh", check_names=None,
                fail_on=None, fmt=None, outputs=()) -> dict[str, Any]:
    """A command's settings: the configuration file found for INPUTs (see
    :mod:`transreview.config`) under the flags given on the command line, which win.

    The one place that merges the two, for ``check``, ``import`` and ``review``: glossaries,
    per-check enabled/severity/parameters and the languages apply to all three; ``fail_on``,
    ``fmt`` and ``outputs`` matter to ``check`` only."""
    from transreview.checks import CHECKS
    from transreview.config import discover

    cfg = discover(inputs)
    params: dict[str, dict[str, Any]] = {k: dict(v) for k, v in cfg.check_params().items()}
    if cfg.get("glossaries"):
        params.setdefault("glossary", {}).setdefault("glossaries", tuple(cfg.get("glossaries")))
    for check, flags in _check_params(glossaries=glossaries).items():
        params.setdefault(check, {}).update(flags)  # a flag beats the file
    if check_names:
        names: tuple[str, ...] | None = tuple(c.strip() for c in check_names.split(","))
    elif cfg.disabled():
        names = tuple(n for n in CHECKS if n not in cfg.disabled())
    else:
        names = None
    return {
        "check_params": params,
        "check_names": names,
        "fail_on": fail_on if _given("fail_on") else cfg.get("fail-on"),
        "fmt": fmt or cfg.get("format"),
        "outputs": tuple(outputs) or tuple(cfg.get("output")),
        "source_lang": source_lang if _given("source_lang") else cfg.get("source-lang"),
        "target_lang": target_lang if _given("target_lang") else cfg.get("target-lang"),
        "severities": cfg.severities(),
    }


@cli.command("config")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
def config_cmd(inputs) -> None:
    """Print the configuration 'check INPUT...' would use, each value with where it came from."""
    from transreview.config import describe, discover

    click.echo(describe(discover(inputs)), nl=False)


@cli.command("checks")
@click.argument("names", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="A readable listing, or JSON for tools.")
def checks_cmd(names, fmt) -> None:
    """List the checks (all, or NAMES): version, severity, category, parameters, what each catches, an example."""
    import json

    from transreview.catalog import check_infos, format_infos
    from transreview.checks import CHECKS

    unknown = [n for n in names if n not in CHECKS]
    if unknown:
        raise click.UsageError(f"unknown check {', '.join(unknown)}; valid checks: {', '.join(CHECKS)}")
    infos = check_infos(list(names) or None)
    if fmt == "json":
        click.echo(json.dumps([i.to_dict() for i in infos], ensure_ascii=False, indent=1))
    else:
        click.echo(format_infos(infos), nl=False)


@cli.command("merge")
@click.argument("reports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(list(WRITERS)), default="json", show_default=True,
              help="Format of the merged report.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write the merged report to this file (atomically; '-' = stdout, the default).")
def merge_cmd(reports, fmt, output) -> None:
    """Merge the JSON reports of 'check --shard I/N' runs into the report of one run."""
    from transreview.ci.merge import run_merge

    sys.exit(run_merge(tuple(reports), fmt=fmt, output=_stdout_if_dash(output)))


@cli.command("score")
@click.option("--ref", "refs", required=True, multiple=True, type=click.Path(path_type=Path),
              help="Reference file (one segment per line, or any input format); repeatable.")
@click.argument("hyp", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format: a table, or JSON with every sentence's scores.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write to this file (atomically; '-' = stdout, the default).")
@click.option("--target-lang", default="zh", show_default=True,
              help="Language of HYP/REF (zh uses sacrebleu's zh tokenizer).")
def score_cmd(refs, hyp, fmt, output, target_lang) -> None:
    """Corpus and sentence BLEU / chrF / TER of HYP against REF, with sacrebleu's signature."""
    from transreview.scoring import run_score

    sys.exit(run_score(refs=tuple(refs), hyp=hyp, fmt=fmt, output=_stdout_if_dash(output), target_lang=target_lang))


@cli.command("evaluate")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--kind", type=click.Choice(["auto", "mqm-tsv", "esa-csv", "esa-jsonl", "project"]), default="auto",
              show_default=True, help="What the inputs are (auto: .tsv Google MQM, .csv WMT ESA, .jsonl merged "
                                      "ESA, a SQLite file or postgresql:// URL a transreview project).")
@click.option("--texts", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="The txt/ folder an ESA CSV's line numbers point into (default: ../txt beside its folder).")
@click.option("--checks", "check_names", default=None,
              help="Comma-separated checks to run and report (default: all; a project's stored findings "
                   "are filtered by these names).")
@click.option("--glossary", "glossaries", multiple=True, type=click.Path(path_type=Path),
              help="Glossary file for the glossary check; repeatable.")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json"]), default="text", show_default=True,
              help="Report format.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write the report to this file (atomically; '-' = stdout, the default).")
@click.option("--resamples", type=click.IntRange(min=0), default=1000, show_default=True,
              help="Bootstrap resamples for the confidence intervals (0: none).")
@click.option("--seed", type=int, default=1, show_default=True,
              help="Seed of the bootstrap and of the random-span baseline.")
@click.option("--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Processes that run the checks (0 = one per core).")
def evaluate_cmd(inputs, kind, texts, check_names, glossaries, fmt, output, resamples, seed, jobs) -> None:
    """Score the checks against human annotations (Google MQM TSV, WMT ESA CSV/JSONL, or a
    project's reviewer decisions): span and segment precision, recall per category, and the
    queue risk's Kendall tau-b and pairwise accuracy with bootstrap intervals."""
    from transreview.evaluate.run import run_evaluate

    names = tuple(c.strip() for c in check_names.split(",") if c.strip()) if check_names else None
    sys.exit(run_evaluate(
        tuple(inputs), fmt=fmt, output=_stdout_if_dash(output), kind=kind, texts=texts, names=names,
        params=_check_params(glossaries=glossaries), resamples=resamples, seed=seed, jobs=jobs,
    ))


@cli.command("import")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", type=PROJECT, default=None,
              help="Project to create or add to: a SQLite file, or postgresql://… "
                   "(default: $TRANSREVIEW_DB).")
@click.option("--glossary", "glossaries", multiple=True, type=click.Path(path_type=Path),
              help="Glossary file (CSV en,zh[,forbidden,note] or TBX); repeatable.")
@click.option("--reviewer", default=None,
              help="Who imports, recorded with the documents (default: the system user).")
@click.option("--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Processes that run the checks (0 = one per core).")
@_encoding_option
@_lang_options
def import_cmd(inputs, db, glossaries, reviewer, jobs, encoding, source_lang, target_lang) -> None:
    """Load pairs into a review project, run the checks and store their findings."""
    from transreview.progress import PairProgress, progress_wanted
    from transreview.project import import_inputs

    settings = _configured(inputs, glossaries=glossaries, source_lang=source_lang, target_lang=target_lang)
    progress = PairProgress(progress_wanted(quiet=_quiet()), "checked")
    try:
        summary = import_inputs(
            inputs=tuple(inputs), db=db, reviewer=reviewer, on_progress=progress.update, jobs=jobs,
            **_import_options(settings), source_lang=settings["source_lang"],
            target_lang=settings["target_lang"], encoding=encoding,
        )
    finally:
        progress.close()
    _info(visible(str(summary), keep="\t\n"), err=False)


def _import_options(settings: dict[str, Any]) -> dict[str, Any]:
    """What an import takes of :func:`_configured`'s settings to choose and set its checks."""
    return {k: settings[k] for k in ("check_params", "check_names", "severities")}


@cli.command("review")
@click.argument("target", type=PROJECT, envvar="TRANSREVIEW_DB")
@click.option("--reviewer", default=None, help="Reviewer name (default: the system user).")
@click.option("--config", type=click.Path(path_type=Path), default=None,
              help="Key bindings file (TOML).")
@click.option("--palette", type=click.Choice(["default", "colour-blind"]), default="default",
              show_default=True, help="Severity colours; colour-blind: blue, orange, yellow, grey.")
@_lang_options
def review_cmd(target, reviewer, config, palette, source_lang, target_lang) -> None:
    """Open the review UI on PROJECT.db, or on an INPUT file (project created beside it)."""
    from transreview.tui.app import run_review

    settings = _configured([target], source_lang=source_lang, target_lang=target_lang)
    run_review(target, reviewer=reviewer, config=config, import_options=_import_options(settings),
               source_lang=settings["source_lang"], target_lang=settings["target_lang"], palette=palette)


@cli.command("export")
@click.argument("db", type=PROJECT)
@click.option("--format", "fmt", default=None, type=_ExportFormat(),
              help="Corpus format (default: the one OUT's ending names, e.g. .tmx, .tsv).")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="File to write (atomically); '-' = stdout (then --format is needed).")
@click.option("--only", type=click.Choice(["approved", "corrected", "clean"]), default=None,
              help="Export only pairs a reviewer approved, only corrected pairs, or only pairs with no remaining finding.")
@click.option("--exclude-severity", type=click.Choice(["minor", "major", "critical"]), default=None,
              help="Leave out pairs with a remaining finding at or above this severity.")
@click.option("--include-original", is_flag=True, default=False,
              help="Keep the original target beside the corrected one (formats with such a column).")
@click.option("--spreadsheet-safe", is_flag=True, default=False,
              help="TSV/CSV: put ' before cells starting with = + - @ (no formula runs when opened in a spreadsheet).")
@click.option("--min-qe", type=float, default=None,
              help="Leave out uncorrected pairs whose stored quality-estimation score (transreview qe) is below this (0-1).")
def export_cmd(db, fmt, output, only, exclude_severity, include_original, spreadsheet_safe, min_qe) -> None:
    """Write the corrected corpus (corrections where made, the original elsewhere)."""
    from transreview.export import export_project, format_for_output
    from transreview.progress import progress_wanted, working

    to_stdout = str(output) == "-"
    spinner = working(progress_wanted(quiet=_quiet()) and not (to_stdout and _isatty(sys.stdout)),
                      "exporting")
    fmt = format_for_output(fmt, None if to_stdout else output)
    if to_stdout:
        import shutil
        import tempfile

        with tempfile.TemporaryDirectory(prefix="transreview-export-") as folder:
            target = Path(folder) / f"export.{fmt}"
            with spinner:
                summary = export_project(db, fmt=fmt, output=target, only=only,
                                         exclude_severity=exclude_severity,
                                         include_original=include_original,
                                         spreadsheet_safe=spreadsheet_safe, min_qe=min_qe)
            if not target.is_file():
                raise click.UsageError("-o -: this export writes one file per document; give a directory")
            with open(target, "rb") as f:
                shutil.copyfileobj(f, sys.stdout.buffer)
            sys.stdout.flush()
        # the summary names where the user sent it, not the temporary file it went through
        summary = dataclasses.replace(summary, output=Path("-"), files=())
    else:
        with spinner:
            summary = export_project(db, fmt=fmt, output=output, only=only,
                                     exclude_severity=exclude_severity,
                                     include_original=include_original,
                                     spreadsheet_safe=spreadsheet_safe, min_qe=min_qe)
    _info(visible(str(summary), keep="\t\n"))


@cli.command("formats")
def formats_cmd() -> None:
    """List the input formats: endings, what is read, and how each is written back."""
    from transreview.formats import FORMATS

    click.echo(f"{'format':<8} {'read from':<30} {'export':<10} what")
    for f in FORMATS.values():
        endings = " ".join(f.endings) or (
            " ".join(f.sniff_endings) + " (by content)" if f.sniff_endings else "NAME.en + NAME.zh")
        if f.compressed:
            endings += " [.gz .xz]"
        # patch: the original file with corrected targets; new: a fresh file from pairs
        export = "patch+new" if f.patch and f.write else "new" if f.write else "-"
        click.echo(f"{f.name:<8} {endings:<30} {export:<10} {f.summary}")


_LLM_OPTIONS = ("endpoint", "api_key_env", "concurrency", "timeout", "retries", "json_mode", "max_tokens")
_COMET_OPTIONS = ("batch_size", "device", "download", "tokenizer")


def _qe_options(f):
    """The options that choose and set a quality-estimation backend (``qe``)."""
    options = [
        click.option("--backend", type=click.Choice(["llm", "comet"]), required=True,
                     help="llm: an OpenAI-compatible chat endpoint; comet: CometKiwi/xCOMET/MetricX "
                          "(the qe-comet extra)."),
        click.option("--model", required=True,
                     help="llm: the model name the endpoint serves; comet: a local path, or a hub "
                          "name in the local cache (or with --download)."),
        click.option("--endpoint", default=None, metavar="URL",
                     help="llm: the endpoint, e.g. http://localhost:11434/v1 (…/chat/completions is added)."),
        click.option("--api-key-env", default="TRANSREVIEW_QE_API_KEY", show_default=True, metavar="NAME",
                     help="llm: environment variable holding the API key (sent as a Bearer token, never printed)."),
        click.option("--concurrency", type=click.IntRange(min=1), default=4, show_default=True,
                     help="llm: requests in flight at once."),
        click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
                     help="llm: seconds to wait for an answer before retrying."),
        click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True,
                     help="llm: retries of a request after a 429, a 5xx, a timeout or a dropped connection."),
        click.option("--max-tokens", type=click.IntRange(min=16), default=1024, show_default=True,
                     help="llm: the most tokens an answer may have."),
        click.option("--json-mode", is_flag=True, default=False,
                     help='llm: ask for response_format {"type": "json_object"} (Ollama, vLLM, OpenAI).'),
        click.option("--batch-size", type=click.IntRange(min=1), default=8, show_default=True,
                     help="comet: segments per forward pass."),
        click.option("--device", type=click.Choice(["cpu", "cuda", "auto"]), default="cpu", show_default=True,
                     help="comet: where the model runs."),
        click.option("--download", is_flag=True, default=False,
                     help="comet: allow fetching --model from the Hugging Face hub (never done otherwise)."),
        click.option("--tokenizer", default=None,
                     help="comet (MetricX): the mT5 tokenizer, a local path or cached hub name "
                          "(default: google/mt5-SIZE from the model's name)."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _backend_from(backend: str, model: str, values: dict[str, Any]):
    """Build the backend the options name; an option of the other backend is a usage error."""
    from transreview.qe import make_backend

    own, other = (_LLM_OPTIONS, _COMET_OPTIONS) if backend == "llm" else (_COMET_OPTIONS, _LLM_OPTIONS)
    stray = [name for name in other if _given(name)]
    if stray:
        flags = ", ".join("--" + n.replace("_", "-") for n in stray)
        raise click.UsageError(f"{flags}: not an option of the {backend} backend")
    return make_backend(backend, model, **{k: values[k] for k in own})


@cli.command("qe")
@click.argument("db", type=PROJECT, envvar="TRANSREVIEW_DB")
@_qe_options
def qe_cmd(db, backend, model, **values) -> None:
    """Estimate the quality of every pair of a project with a QE backend: store each pair's
    score and the backend's error spans as findings of check `qe`. Answers are cached in the
    project, so a re-run asks only for what is new or failed. Exit 1 if some requests failed."""
    from transreview.estimate import run_qe
    from transreview.progress import PairProgress, progress_wanted

    qe_backend = _backend_from(backend, model, values)
    progress = PairProgress(progress_wanted(quiet=_quiet()), "estimated")
    try:
        stats = run_qe(db, qe_backend, on_progress=progress.update)
    finally:
        progress.close()
    for pair_id, notice in stats.notices[:10]:
        click.echo(visible(f"notice: pair {pair_id}: {notice}"), err=True)
    if len(stats.notices) > 10:
        click.echo(f"notice: … and {len(stats.notices) - 10} more", err=True)
    _info(visible(str(stats)), err=False)
    sys.exit(1 if stats.failed else 0)


@cli.command("report")
@click.argument("db", type=PROJECT)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write the report to this file (atomically; '-' = stdout, the default in a pipe; "
                   "an HTML report is not printed to a terminal without '-o -').")
@click.option("--format", "fmt", type=click.Choice(MQM_FORMATS), default="html", show_default=True,
              help="Report format (md reads well in a terminal).")
@click.option("--threshold", type=float, default=None,
              help="MQM score per 1,000 words above which a document fails.")
def report_cmd(db, output, fmt, threshold) -> None:
    """MQM report of a project: scores, errors by category, post-edit effort, progress."""
    from transreview.mqm.write import write_mqm_report
    from transreview.progress import progress_wanted, working

    if output is None and fmt == "html" and _isatty(sys.stdout):
        from transreview.errors import UsageError

        raise UsageError("report: an HTML page is not for the terminal: write it with "
                         "-o report.html, read it here with --format md, or force it with -o -")
    on_terminal = (output is None or str(output) == "-") and _isatty(sys.stdout)
    with working(progress_wanted(quiet=_quiet()) and not on_terminal, "building the report"):
        code = write_mqm_report(db, output=_stdout_if_dash(output), fmt=fmt, threshold=threshold)
    sys.exit(code)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def one_line(message: str) -> str:
    """``message`` with its line breaks shown as ``\\n``: an error quoting input text (a
    header cell holding a newline) must still be one line, or CI logs split it; terminal
    controls in it (a file name holding ESC) are shown visibly."""
    return visible(message.replace("\r", "\\r").replace("\n", "\\n"))


class _VisibleStderr:
    """stderr for click's own messages, which quote arguments (file names) as given."""

    def write(self, text: str) -> int:
        return sys.stderr.write(visible(text, keep="\t\n"))

    def flush(self) -> None:
        sys.stderr.flush()


def main() -> None:
    """Entry point: user errors become one line on stderr and exit code 2, never a traceback;
    the process then ends without Python's teardown of its modules (:mod:`transreview.fastexit`)."""
    from transreview.fastexit import exit_now

    try:
        _main()
    except SystemExit as e:
        exit_now(e.code)
    exit_now(0)


#: errno values of a full disk or quota.
_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show(_VisibleStderr())  # type: ignore[arg-type]
        sys.exit(e.exit_code)
    except TransreviewError as e:
        click.echo(f"transreview: {one_line(str(e))}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as e:
        if e.errno not in _NO_SPACE:
            raise
        # A full disk is the machine's state, not a bug: temporary files (read-ahead pairs,
        # report lines, spooled results) and outputs are written as the run goes.
        where = f" ({one_line(str(e.filename))})" if e.filename else ""
        click.echo(f"transreview: {e.strerror or 'no space left'}{where}: free some space, or set TMPDIR "
                   "to a folder with more room for temporary files", err=True)
        sys.exit(2)
    # cli.main(standalone_mode=False) returns the command's return value; sys.exit inside
    # commands raises SystemExit, which passes through.


if __name__ == "__main__":  # pragma: no cover
    main()
