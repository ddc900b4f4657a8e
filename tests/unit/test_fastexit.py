"""exit_now: the status and the exit work of a normal exit, without module teardown.

Each case runs in its own interpreter: ``exit_now`` ends the process it runs in."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from transreview.fastexit import FLUSH_FAILED, exit_status


def _run(body: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(body)], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (1, 1), (2, 2), (130, 130), (2**70, -1)])
def test_exit_status_of_numbers(code: object, status: int) -> None:
    assert exit_status(code) == status


def test_exit_status_of_a_message_prints_it_and_is_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert exit_status("gone wrong") == 1
    assert capsys.readouterr().err == "gone wrong\n"


@pytest.mark.parametrize(("code", "status"), [("None", 0), ("1", 1), ("2", 2), ("256 + 3", 3), ("-1", 255), ("2**70", 255)])
def test_the_process_ends_with_the_status_and_after_the_atexit_functions(code: str, status: int) -> None:
    proc = _run(f"""
        import atexit, sys
        from transreview.fastexit import exit_now
        atexit.register(lambda: print("atexit ran"))
        print("before", end=" ")  # still in stdout's buffer: flushed before the end
        exit_now({code})
        print("not reached")
    """)
    assert (proc.returncode, proc.stdout, proc.stderr) == (status, "before atexit ran\n", "")


def test_a_message_goes_to_stderr_and_the_status_is_one() -> None:
    proc = _run("""
        from transreview.fastexit import exit_now
        exit_now("no input")
    """)
    assert (proc.returncode, proc.stderr) == (1, "no input\n")


def test_a_temporary_directory_still_alive_is_removed() -> None:
    """``weakref.finalize`` objects run at exit (TemporaryDirectory cleans up through one)."""
    proc = _run("""
        import tempfile
        from transreview.fastexit import exit_now
        kept = tempfile.TemporaryDirectory()
        print(kept.name)
        exit_now(0)
    """)
    from pathlib import Path

    assert proc.returncode == 0
    assert not Path(proc.stdout.strip()).exists()


def test_with_a_thread_still_running_the_normal_exit_waits_for_it() -> None:
    proc = _run("""
        import threading, time
        from transreview.fastexit import exit_now
        def late():
            time.sleep(0.2)
            print("thread done", flush=True)
        threading.Thread(target=late).start()
        try:
            exit_now(3)
        except SystemExit as e:
            print("normal exit", e.code, flush=True)
            raise
    """)
    assert (proc.returncode, proc.stdout) == (3, "normal exit 3\nthread done\n")


def test_standard_output_that_cannot_be_flushed_gives_120_as_python_does() -> None:
    proc = _run("""
        import sys
        from transreview.fastexit import exit_now
        class Gone:
            def write(self, text): return len(text)
            def flush(self): raise BrokenPipeError(32, "Broken pipe")
        sys.stdout = Gone()
        exit_now(1)
    """)
    assert proc.returncode == FLUSH_FAILED


def test_the_console_entry_point_exits_with_the_commands_status(tmp_path) -> None:  # noqa: ANN001
    """``transreview.cli.main``: the version (0), a missing input (2, one line), and an
    atexit function of the caller's still runs."""
    for args, status in ((["--version"], 0), (["check", str(tmp_path / "missing.tsv")], 2)):
        proc = _run(f"""
            import atexit, sys
            atexit.register(lambda: print("atexit ran"))
            sys.argv = ["transreview", *{args!r}]
            from transreview.cli import main
            main()
        """)
        assert proc.returncode == status
        assert proc.stdout.endswith("atexit ran\n")
        if status == 2:
            assert proc.stderr.count("\n") == 1 and "missing.tsv" in proc.stderr


def test_a_project_written_by_the_console_script_is_closed_before_the_end(tmp_path) -> None:  # noqa: ANN001
    """The process ends without tearing down its objects, so a project connection left open
    would end without its last checkpoint (its -wal and -shm files left beside the project,
    and a copy of the .db file alone missing what they hold). Every command closes its
    project first: after import, export and report only the files they wrote are there."""
    from tests.helpers.cli import run_cli

    (tmp_path / "in.tsv").write_text("id\tsource\ttarget\n1\tShanxi is a province.\t陕西是一个省。\n", encoding="utf-8")
    assert run_cli("import", "in.tsv", "--db", "p.db", cwd=tmp_path).returncode == 0
    assert run_cli("export", "p.db", "-o", "out.tsv", cwd=tmp_path).returncode == 0
    assert run_cli("report", "p.db", "-o", "r.html", cwd=tmp_path).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.tsv", "out.tsv", "p.db", "r.html"]


@pytest.mark.parametrize("stream", ["stdout", "stderr"])
def test_a_closed_stream_is_skipped_and_one_that_cannot_be_flushed_gives_120(stream: str) -> None:
    """As Python's own exit: a closed stream is left alone (status kept); a stream whose
    flush fails, standard output or standard error, makes the status 120."""
    closed = _run(f"""
        import sys
        from transreview.fastexit import exit_now
        sys.{stream}.close()
        exit_now(3)
    """)
    assert closed.returncode == 3
    failing = _run(f"""
        import sys
        from transreview.fastexit import exit_now
        class Gone:
            closed = False
            def write(self, text): return len(text)
            def flush(self): raise BrokenPipeError(32, "Broken pipe")
        sys.{stream} = Gone()
        exit_now(3)
    """)
    assert failing.returncode == FLUSH_FAILED


def test_a_full_disk_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """No space left (for the read-ahead file, the report's lines, an output) is not a bug
    of the tool: one line naming the file and what to do, exit 2, no traceback."""
    import errno

    from transreview import cli

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "/tmp/transreview-queue-x")

    monkeypatch.setattr(cli.cli, "main", full)
    with pytest.raises(SystemExit) as e:
        cli._main()
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("transreview: No space left on device (/tmp/transreview-queue-x): ") and "TMPDIR" in err


def test_other_os_errors_are_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from transreview import cli

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(cli.cli, "main", broken)
    with pytest.raises(OSError, match="Input/output error"):
        cli._main()
