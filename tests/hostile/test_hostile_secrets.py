"""A PostgreSQL password never reaches the terminal: every command is run on a URL (or
``$TRANSREVIEW_DB``) whose server is not there, and its output and error are searched for
the password, including passwords holding ``?``, ``/``, ``:`` and ``@``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.helpers.cli import run_cli
from transreview.store.backend import redact_url, scrub

#: A port nothing listens on: the connection is refused at once.
HOST = "127.0.0.1:1"
PASSWORDS = ["hunter2pw", "s3cr?t=1", "pa/ss:word", "p@ss@word", "a?b/c@d"]


@pytest.mark.parametrize("url, shown", [
    ("postgresql://bob:pw@host/db", "postgresql://bob:***@host/db"),
    ("postgresql://bob:s3cr?t/x@y@host:5432/db?sslmode=require",
     "postgresql://bob:***@host:5432/db?sslmode=require"),
    ("postgresql://bob@host/db", "postgresql://bob@host/db"),
    ("postgresql://host/db", "postgresql://host/db"),
    ("postgres://host/db?sslmode=x&password=hunter2", "postgres://host/db?sslmode=x&password=***"),
    ("postgresql://u:pw@host", "postgresql://u:***@host"),
    ("host=x password='a b\\' c' dbname=y", "host=x password=*** dbname=y"),
    ("host=x password=hunter2 dbname=y", "host=x password=*** dbname=y"),
])
def test_redact_url(url: str, shown: str) -> None:
    assert redact_url(url) == shown


def test_scrub_removes_the_password_however_it_is_quoted() -> None:
    url = "postgresql://bob:p%40ss?x/y@host/db"
    assert scrub("error near p@ss?x/y and p%40ss?x/y", url) == "error near *** and ***"


def _commands(url: str) -> dict[str, tuple[list[str], dict[str, str]]]:
    return {
        "import --db": (["import", "a.tsv", "--db", url], {}),
        "import env": (["import", "a.tsv"], {"TRANSREVIEW_DB": url}),
        "review": (["review", url], {}),
        "review env": (["review"], {"TRANSREVIEW_DB": url}),
        "export": (["export", url, "--format", "tsv", "-o", "out.tsv"], {}),
        "report": (["report", url, "--format", "json"], {}),
        "report -o": (["report", url, "-o", "r.html"], {}),
    }


@pytest.mark.parametrize("password", PASSWORDS)
def test_no_command_prints_the_password(work: Path, password: str) -> None:
    (work / "a.tsv").write_text("source\ttarget\nHello.\t你好。\n", encoding="utf-8")
    url = f"postgresql://bob:{password}@{HOST}/reviews"
    for name, (argv, env) in _commands(url).items():
        run = run_cli(*argv, cwd=work, env=env, timeout=60)
        assert run.returncode == 2, (name, run.returncode, run.stderr)
        assert "Traceback" not in run.everything, (name, run.stderr)
        assert len(run.stderr.splitlines()) == 1, (name, run.stderr)
        for piece in {password, password.split("@")[0], password.split("?")[0]} - {""}:
            if len(piece) >= 3:
                assert piece not in run.everything, (name, piece, run.everything)
        assert "bob:***@" in run.stderr, (name, run.stderr)


def test_without_psycopg_a_postgresql_project_is_one_clear_line(work: Path) -> None:
    import subprocess

    code = (
        "import sys; sys.modules['psycopg'] = None\n"
        "from transreview.cli import main\n"
        f"sys.argv = ['transreview', 'report', 'postgresql://bob:hunter2pw@{HOST}/db']\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=work, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "hunter2pw" not in proc.stderr + proc.stdout
    assert proc.stderr.strip() == (
        f"transreview: postgresql://bob:***@{HOST}/db: PostgreSQL projects need psycopg: "
        "pip install 'transreview[postgres]'"
    )
