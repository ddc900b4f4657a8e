"""Shell completion as the README documents it: click's completion scripts and answers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers.cli import run_cli

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.parametrize("shell, marker", [
    ("bash", "complete -o nosort -F _transreview_completion transreview"),
    ("zsh", "compdef _transreview_completion transreview"),
    ("fish", "complete --no-files --command transreview"),
])
def test_the_completion_script_is_produced(shell: str, marker: str) -> None:
    run = run_cli(env={"_TRANSREVIEW_COMPLETE": f"{shell}_source"})
    assert run.returncode == 0, run.stderr
    assert marker in run.stdout
    assert "_TRANSREVIEW_COMPLETE" in run.stdout  # the script calls back into transreview


def test_completion_answers_commands_and_options() -> None:
    words = run_cli(env={"_TRANSREVIEW_COMPLETE": "bash_complete", "COMP_WORDS": "transreview re",
                         "COMP_CWORD": "1"})
    assert words.stdout.split() == ["plain,report", "plain,review"]
    choices = run_cli(env={"_TRANSREVIEW_COMPLETE": "bash_complete",
                           "COMP_WORDS": "transreview check --fail-on c", "COMP_CWORD": "3"})
    assert choices.stdout.split() == ["plain,critical"]


def test_the_readme_documents_it() -> None:
    text = README.read_text(encoding="utf-8")
    assert re.search(r'eval "\$\(_TRANSREVIEW_COMPLETE=bash_source transreview\)"', text)
