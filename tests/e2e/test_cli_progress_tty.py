"""Progress and terminal rules: a progress line only on a terminal (stderr a TTY), never with
--quiet, never in a pipe; ``report`` refuses to print an HTML page to a terminal.

The terminal cases run the real command on a pseudo-terminal (``pty``), the pipe cases with
stdout and stderr captured (what CI logs and ``| less`` see)."""

from __future__ import annotations

import io
import os
import pty
import subprocess
from pathlib import Path

import pytest
from rich.console import Console

from tests.helpers.cli import COMMAND, QUIET_ENV, run_cli
from transreview.progress import PairProgress, progress_wanted, working

TSV = "source\ttarget\nHello, world\t你好,世界\nthe park of the city\t城市的的公园\n"


def run_on_tty(*args: str | Path, stdout_tty: bool = True, cwd: Path | None = None) -> tuple[int, str, str]:
    """Run transreview with stderr (and stdout unless ``stdout_tty=False``) on a pseudo-terminal;
    the exit code, what the terminal showed, and what a piped stdout received."""
    master, slave = pty.openpty()
    env = {**os.environ, **QUIET_ENV, "COLUMNS": "100"}
    proc = subprocess.Popen([*COMMAND, *map(str, args)], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=slave if stdout_tty else subprocess.PIPE, stderr=slave)
    os.close(slave)
    shown = bytearray()
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    piped = proc.stdout.read() if proc.stdout else b""
    code = proc.wait(timeout=120)
    os.close(master)
    return code, shown.decode("utf-8", "replace"), piped.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("tty")
    (folder / "a.tsv").write_text(TSV, encoding="utf-8")
    run = run_cli("import", folder / "a.tsv", "--db", folder / "a.db")
    assert run.returncode == 0, run.stderr
    return folder / "a.db"


# --- the rule ----------------------------------------------------------------------------


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_progress_only_on_a_terminal_and_never_when_quiet() -> None:
    assert progress_wanted(stream=_Stream(True)) is True
    assert progress_wanted(stream=_Stream(False)) is False
    assert progress_wanted(quiet=True, stream=_Stream(True)) is False
    assert progress_wanted(True, stream=_Stream(False)) is True  # --progress forces it
    assert progress_wanted(False, stream=_Stream(True)) is False  # --no-progress


def test_the_pair_counter_draws_when_enabled_and_not_otherwise() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=80)
    bar = PairProgress(True, "checked", after=0, console=console)
    bar.update(12_345)
    bar.close()
    assert "checked 12,345 pairs" in out.getvalue()
    quiet = io.StringIO()
    off = PairProgress(False, "checked", after=0, console=Console(file=quiet, force_terminal=True))
    off.update(12_345)
    off.close()
    assert quiet.getvalue() == ""


def test_the_pair_counter_waits_a_second() -> None:
    out = io.StringIO()
    bar = PairProgress(True, "checked", after=3600, console=Console(file=out, force_terminal=True))
    bar.update(5)
    bar.close()
    assert out.getvalue() == ""


def test_the_spinner_is_silent_when_disabled() -> None:
    out = io.StringIO()
    with working(False, "exporting", console=Console(file=out, force_terminal=True)):
        pass
    assert out.getvalue() == ""


# --- the commands in a pipe: nothing but their own lines ---------------------------------


def test_nothing_of_progress_in_a_pipe(project: Path, tmp_path: Path) -> None:
    (tmp_path / "b.tsv").write_text(TSV, encoding="utf-8")
    imp = run_cli("import", tmp_path / "b.tsv", "--db", tmp_path / "b.db")
    assert imp.stderr == ""
    assert imp.stdout == "b.tsv: 2 pairs imported, 2 findings (2 minor)\n"
    exp = run_cli("export", project, "-o", tmp_path / "out.tsv")
    assert exp.returncode == 0 and "exporting" not in exp.stderr and "\x1b" not in exp.stderr
    rep = run_cli("report", project, "-o", tmp_path / "r.html")
    assert rep.returncode == 0 and "building" not in rep.stderr and "\x1b" not in rep.stderr
    assert rep.stderr.count("\n") == 1  # the summary line only


# --- the commands on a terminal ----------------------------------------------------------


def test_report_spinner_on_a_terminal_and_not_with_quiet(project: Path, tmp_path: Path) -> None:
    code, shown, _ = run_on_tty("report", project, "-o", tmp_path / "r.html")
    assert code == 0 and "building the report" in shown
    code, shown, _ = run_on_tty("--quiet", "report", project, "-o", tmp_path / "r2.html")
    assert code == 0 and "building the report" not in shown


def test_export_spinner_on_a_terminal_only_when_stdout_is_not_it(project: Path, tmp_path: Path) -> None:
    code, shown, _ = run_on_tty("export", project, "-o", tmp_path / "out.tsv")
    assert code == 0 and "exporting" in shown
    # -o - with stdout on the terminal: the corpus is what the terminal shows, no spinner in it
    code, shown, _ = run_on_tty("export", project, "-o", "-", "--format", "tsv")
    assert code == 0 and "exporting" not in shown and "你好,世界" in shown
    # stdout piped, stderr a terminal: the spinner, and a clean corpus in the pipe
    code, shown, piped = run_on_tty("export", project, "-o", "-", "--format", "tsv", stdout_tty=False)
    assert code == 0 and "exporting" in shown and "\x1b" not in piped and "你好,世界" in piped


def test_report_refuses_an_html_page_on_a_terminal(project: Path, tmp_path: Path) -> None:
    code, shown, _ = run_on_tty("report", project)
    assert code == 2
    lines = [line for line in shown.splitlines() if line.strip()]
    assert len(lines) == 1 and "-o report.html" in lines[0] and "--format md" in lines[0]
    assert "<html" not in shown.lower()


def test_report_on_a_terminal_in_markdown_and_with_dash_o(project: Path) -> None:
    code, shown, _ = run_on_tty("report", project, "--format", "md")
    assert code == 0 and "# " in shown and "<html" not in shown.lower()
    code, shown, _ = run_on_tty("report", project, "-o", "-")  # forced: the page is printed
    assert code == 0 and "<html" in shown.lower()


def test_report_html_to_a_pipe_still_works_without_o(project: Path) -> None:
    run = run_cli("report", project)
    assert run.returncode == 0 and run.stdout.lower().lstrip().startswith("<!doctype html")
