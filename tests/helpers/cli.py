"""The one way tests run the real ``transreview`` process, and how they judge its answer.

:func:`run_cli` runs the installed console script (what users run; ``python -m`` when there
is none) with colour and CI detection off, so a run gives the same output on a terminal,
in a pipe and under GitHub Actions.

Every case of ``tests/hostile`` ends in one of two answers, and the helpers below state them
once: a *correct result* (the report is read back and its content asserted by the test) or
a *clean refusal*: exit code 2, exactly one line on stderr that names the file, the line
(or element) and the problem, no traceback, nothing on stdout and no output file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_EXE = Path(sys.executable).with_name("transreview")
#: The installed console script when there is one (what users run), else ``python -m``.
COMMAND: list[str] = [str(_EXE)] if _EXE.exists() else [sys.executable, "-m", "transreview.cli"]
#: Colour and CI detection off (a variable set to "" counts as unset for the CLI).
QUIET_ENV: dict[str, str] = {"NO_COLOR": "1", "GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": ""}


@dataclass(frozen=True)
class CliRun:
    """What one CLI process did."""

    returncode: int
    stdout: str
    stderr: str

    @property
    def everything(self) -> str:
        return self.stdout + self.stderr


def run_cli(
    *args: str | Path,
    cwd: Path | None = None,
    env: Mapping[str, str | None] | None = None,
    timeout: float = 120,
) -> CliRun:
    """Run ``transreview ARGS`` in ``cwd``; ``env`` adds variables (None removes one)."""
    environ = {**os.environ, **QUIET_ENV}
    for key, value in (env or {}).items():
        if value is None:
            environ.pop(key, None)
        else:
            environ[key] = value
    proc = subprocess.run(
        [*COMMAND, *map(str, args)],
        cwd=cwd,
        env=environ,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
    )
    return CliRun(proc.returncode, proc.stdout, proc.stderr)


def check(
    *inputs: str | Path,
    cwd: Path,
    out: str = "report.json",
    extra: Iterable[str] = (),
    timeout: float = 120,
) -> CliRun:
    """``transreview check INPUTS --format json -o OUT --no-progress --fail-on never``."""
    return run_cli(
        "check", *inputs, "--format", "json", "-o", out, "--no-progress", "--fail-on", "never",
        *extra, cwd=cwd, timeout=timeout,
    )


def assert_refused(
    run: CliRun,
    file: str,
    *,
    line: int | None,
    problem: Iterable[str],
    cwd: Path,
    absent: Iterable[str] = ("report.json",),
) -> str:
    """Assert a clean refusal naming ``file``, ``line`` and every word of ``problem``.

    ``line=None`` means the problem concerns the whole file: then no ``FILE:N`` position
    may be claimed. Returns the stderr line for further assertions.
    """
    assert run.returncode == 2, f"exit {run.returncode}, stderr: {run.stderr!r}"
    assert "Traceback" not in run.everything, run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, f"expected one stderr line, got {lines!r}"
    msg = lines[0]
    assert msg.startswith("transreview: "), msg
    where = f"{file}:{line}:" if line is not None else f"{file}: "
    assert where in msg, f"{where!r} not in {msg!r}"
    for word in problem:
        assert word.lower() in msg.lower(), f"{word!r} not in {msg!r}"
    assert run.stdout == "", run.stdout
    for name in absent:
        assert not (cwd / name).exists(), f"{name} was written"
    leftovers = [p.name for p in cwd.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == [], f"temporary files left behind: {leftovers}"
    return msg


def report_of(run: CliRun, cwd: Path, out: str = "report.json") -> dict[str, Any]:
    """The JSON report of a successful ``check`` run (exit 0 with ``--fail-on never``)."""
    assert run.returncode == 0, f"exit {run.returncode}, stderr: {run.stderr!r}"
    assert "Traceback" not in run.everything
    return json.loads((cwd / out).read_text(encoding="utf-8"))


def assert_spans(report: dict[str, Any]) -> int:
    """Every spanned finding of a JSON report satisfies ``pair[side][start:end] == text``.

    Returns how many spanned findings there were, so callers can require some.
    """
    n = 0
    for pair in report["pairs"]:
        for f in pair["findings"]:
            if f["start"] is None:
                assert f["end"] is None
                continue
            n += 1
            side = pair[f["side"]]
            assert 0 <= f["start"] <= f["end"] <= len(side), f
            assert side[f["start"] : f["end"]] == f["text"], (side, f)
    return n
